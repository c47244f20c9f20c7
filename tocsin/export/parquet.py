"""Parquet export: one file per table of the store, written batch by batch (flat memory)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tocsin.store.backends import Backend

BATCH_ROWS = 8_192  # rows per Arrow batch and Parquet row group

# DuckDB scans with one thread and a small buffer pool while exporting: a plain table scan needs
# no more, and with its defaults (all cores, 80% of RAM) the scan of a million events holds
# hundreds of MiB it never gives back before the process ends.
_LEAN_DUCKDB = {"threads": "1", "memory_limit": "'64MB'"}

TABLES = ("articles", "article_sources", "removed", "entities", "mentions", "quotes", "claims", "events",
          "event_actors", "stories", "story_mentions", "failures", "runs")


def write_parquet(backend: Backend, out_dir: str | Path, tables=TABLES) -> dict[str, int]:
    """Write `<out_dir>/<table>.parquet` for each table; return the row count of each."""
    import pyarrow.parquet as pq

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with _lean(backend):
        for table in tables:
            schema = backend.arrow_schema(table)
            columns = ", ".join(schema.names)
            with pq.ParquetWriter(out / f"{table}.parquet", schema, compression="zstd") as writer:
                counts[table] = 0
                for batch in backend.arrow_batches(f"SELECT {columns} FROM {table}", size=BATCH_ROWS, schema=schema):
                    if batch.num_rows:
                        writer.write_batch(batch)
                        counts[table] += batch.num_rows
    return counts


@contextmanager
def _lean(backend: Backend) -> Iterator[None]:
    """DuckDB's lean settings for the export, reset to DuckDB's defaults after it."""
    if backend.dialect != "duckdb":
        yield
        return
    for key, value in _LEAN_DUCKDB.items():
        backend.execute(f"SET {key} = {value}")
    try:
        yield
    finally:
        for key in _LEAN_DUCKDB:
            backend.execute(f"RESET {key}")
