"""A Parquet lake of the store for archives: articles, event mentions and stories as Parquet datasets
partitioned by publication month (`DIR/<table>/month=YYYY-MM/*.parquet`, Hive style), which DuckDB,
Spark and pandas read directly, and which `tocsin events/stories/dyad --db DIR` query through DuckDB.

An ingest with `--parquet DIR` rewrites only the months its new articles fall in (the partitions it
changed), and the stories (a new article can join a story of an earlier month). Rows without a
date go to `month=unknown`.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

from tocsin.corpus.swap import replace_dir
from tocsin.store.backends import Backend, DuckDBBackend
from tocsin.store.migrations import migrate
from tocsin.store.writer import Store

_ARTICLE_MONTH = "COALESCE(SUBSTR(CAST(a.published AS TEXT), 1, 7), 'unknown')"
_STORY_MONTH = "COALESCE(SUBSTR(CAST(s.date AS TEXT), 1, 7), 'unknown')"

# table -> (FROM clause giving it the alias t and its month's source, month expression)
TABLES: dict[str, tuple[str, str]] = {
    "articles": ("articles t JOIN articles a ON a.article_id = t.article_id", _ARTICLE_MONTH),
    "events": ("events t JOIN articles a ON a.article_id = t.article_id", _ARTICLE_MONTH),
    "event_actors": ("event_actors t JOIN articles a ON a.article_id = t.article_id", _ARTICLE_MONTH),
    "mentions": ("mentions t JOIN articles a ON a.article_id = t.article_id", _ARTICLE_MONTH),
    "stories": ("stories t JOIN stories s ON s.story_id = t.story_id", _STORY_MONTH),
    "story_mentions": ("story_mentions t JOIN stories s ON s.story_id = t.story_id", _STORY_MONTH),
}
_STAGING = "_tocsin_staging-"  # a write in progress (or killed): ignored by readers, removed by the next
RUNS_FILE = "_tocsin_runs.txt"  # the runs whose articles the lake holds (files starting with _ are not data)
_WHOLE = ("stories", "story_mentions")  # rewritten whole: an old story may have grown


def update_lake(backend: Backend, out_dir: str | Path) -> dict[str, int]:
    """Bring the lake at `out_dir` up to date with the store: rewrite the months of the articles of
    every run it has not seen yet (so a run killed before its lake write is caught up by the next)."""
    out = Path(out_dir)
    ledger = out / RUNS_FILE
    runs = sorted(r[0] for r in backend.fetchall("SELECT run_id FROM runs"))
    months = None
    if ledger.is_file() and is_lake(out):
        new = sorted(set(runs) - set(ledger.read_text().split()))
        months = sorted({m for i in range(0, len(new), 500) for (m,) in backend.fetchall(
            f"SELECT DISTINCT {_ARTICLE_MONTH} FROM articles a WHERE a.run_id IN ({', '.join('?' * len(new[i:i + 500]))})",
            new[i:i + 500])})
    counts = write_lake(backend, out, months)
    ledger.write_text("\n".join(runs) + "\n")  # after the data: a kill before this rewrites those months again
    return counts


def write_lake(backend: Backend, out_dir: str | Path, months: list[str] | None = None) -> dict[str, int]:
    """Write the lake at `out_dir` from the store: every partition, or only `months` (and the stories).
    Returns the rows written per table.

    Every table is first written to a staging folder inside the lake (`_tocsin_staging-*`, which
    readers skip: names starting with _ are not data); only when all are written is each partition
    swapped into place, so a reader (`serve`, `events --db DIR`) during the write, or a write that
    fails or is killed, finds each partition whole: the old files or the new, never none."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob(f"{_STAGING}*"):  # from a write killed before it finished
        shutil.rmtree(leftover, ignore_errors=True)
    whole = months is None or not is_lake(out)  # a new lake starts with everything
    counts: dict[str, int] = {}
    tag = uuid.uuid4().hex[:12]
    staging = out / f"{_STAGING}{tag}"
    try:
        for table, (source, month) in TABLES.items():
            if not whole and table not in _WHOLE and not months:
                continue
            counts[table] = _stage(backend, table, source, month, None if whole or table in _WHOLE else months,
                                   staging / table)
        for table in counts:
            _swap_in(staging / table, out / table, replace_all=whole or table in _WHOLE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def _stage(backend: Backend, table: str, source: str, month: str, months: list[str] | None, folder: Path) -> int:
    """Write a table's rows (of `months` only, if given) as Hive partitions under `folder`."""
    schema = backend.arrow_schema(table)
    columns = ", ".join(f"t.{c}" for c in schema.names)
    sql, params = f"SELECT {columns}, {month} AS month FROM {source}", []
    if months is not None:
        sql += f" WHERE {month} IN ({', '.join('?' * len(months))})"
        params = list(months)
    full = schema.append(pa.field("month", pa.string()))
    written = 0

    def batches():
        nonlocal written
        for batch in backend.arrow_batches(sql, params, schema=full):
            written += batch.num_rows
            yield batch

    folder.mkdir(parents=True)
    ds.write_dataset(batches(), folder, schema=full, format="parquet",
                     partitioning=ds.partitioning(pa.schema([("month", pa.string())]), flavor="hive"),
                     existing_data_behavior="overwrite_or_ignore", basename_template="part-{i}.parquet")
    return written


def _swap_in(staged: Path, target: Path, replace_all: bool) -> None:
    """Swap each staged partition into the table folder; with replace_all, drop the partitions
    the new write no longer has (after the new ones are in place)."""
    partitions = sorted(p.name for p in staged.iterdir() if p.is_dir())
    for name in partitions:
        replace_dir(staged / name, target / name)
    target.mkdir(parents=True, exist_ok=True)
    if replace_all:
        for old in target.iterdir():
            if old.name not in partitions:
                shutil.rmtree(old) if old.is_dir() else old.unlink()


def is_lake(path: str | Path) -> bool:
    return (Path(path) / "articles").is_dir()


def open_lake(path: str | Path) -> Store:
    """A read-only Store over the lake at `path`: its tables are DuckDB views of the Parquet files,
    in a schema searched first; the store's other tables exist, empty."""
    backend = DuckDBBackend(":memory:")
    migrate(backend)
    backend.execute("CREATE SCHEMA lake")
    for table in TABLES:
        folder = Path(path) / table
        if any(folder.rglob("*.parquet")):
            files = str(folder / "**" / "*.parquet").replace("'", "''")
            backend.execute(f"CREATE VIEW lake.{table} AS SELECT * EXCLUDE (month)"
                            f" FROM read_parquet('{files}', hive_partitioning = true)")
    backend.set("SET search_path = 'lake,main'")
    return Store(backend)
