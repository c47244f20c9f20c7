"""Parquet export: one file per table of the store, written batch by batch (flat memory)."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from tocsin.store.backends import Backend

TABLES = ("articles", "article_sources", "removed", "entities", "mentions", "quotes", "claims", "events", "event_actors",
          "stories", "story_mentions", "failures", "runs")


def write_parquet(backend: Backend, out_dir: str | Path, tables=TABLES) -> dict[str, int]:
    """Write `<out_dir>/<table>.parquet` for each table; return the row count of each."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in tables:
        schema = backend.arrow_schema(table)
        columns = ", ".join(schema.names)
        with pq.ParquetWriter(out / f"{table}.parquet", schema, compression="zstd") as writer:
            counts[table] = 0
            for batch in backend.arrow_batches(f"SELECT {columns} FROM {table}", schema=schema):
                if batch.num_rows:
                    writer.write_batch(batch)
                    counts[table] += batch.num_rows
    return counts
