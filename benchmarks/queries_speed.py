"""Queries on a synthetic store of a million events: wall time and peak memory of the commands.

Builds the store once (cached in $TOCSIN_BENCH_DIR, default /tmp/tocsin-bench; never in the
repository): the bundled examples are ingested for real, then their rows are copied in SQL with
fresh article and story ids and shifted dates until there are N events (default 1,000,000).
Then each command runs in its own process, as a user runs it.
Targets: `events --actor X` (default output) and `stories` under 2 s; Parquet export peak
memory under 300 MiB.
A command still running after $TOCSIN_BENCH_TIMEOUT seconds (default 120) is stopped.
Usage: .venv/bin/python benchmarks/queries_speed.py [N]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "tocsin"
CACHE = Path(os.environ.get("TOCSIN_BENCH_DIR", "/tmp/tocsin-bench"))

# table -> the columns to make unique in each copy (the article's key is in every table)
_FRESH = {
    "articles": ("article_id",),
    "removed": ("article_id",),
    "entities": ("article_id",),
    "mentions": ("article_id",),
    "quotes": ("article_id",),
    "claims": ("article_id",),
    "events": ("article_id", "date"),
    "event_actors": ("article_id",),
    "stories": ("story_id", "first_article_id", "date", "last_date"),
    "story_mentions": ("story_id", "article_id"),
}


def _fresh(column: str) -> str:
    if column in ("date", "last_date"):  # a year of days
        return f"CAST(CAST(CAST({column} AS DATE) + CAST(k % 365 AS INTEGER) AS DATE) AS VARCHAR) AS {column}"
    return f"md5({column} || ':' || CAST(k AS VARCHAR)) AS {column}"


def build(target: int) -> Path:
    path = CACHE / f"store-{target}.duckdb"
    if path.exists():
        return path
    import duckdb

    CACHE.mkdir(parents=True, exist_ok=True)
    seed = CACHE / "seed.duckdb"
    seed.unlink(missing_ok=True)
    examples = ROOT / "examples"
    subprocess.run([str(BIN), "ingest", str(examples / "border_standoff.txt"), str(examples / "wire_stories.jsonl"),
                    "--db", str(seed), "--published", "2026-03-09", "--quiet"], check=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    shutil.copy(seed, partial)
    con = duckdb.connect(str(partial))
    con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
    per_copy = con.execute("SELECT COUNT(*) FROM seed.events").fetchone()[0]
    copies = -(-target // per_copy)
    for table, columns in _FRESH.items():
        con.execute(f"DELETE FROM {table}")
        replace = ", ".join(_fresh(c) for c in columns)
        con.execute(f"INSERT INTO {table} SELECT * EXCLUDE (k) REPLACE ({replace})"
                    f" FROM seed.{table}, range({copies}) r(k)")
    con.execute("DELETE FROM story_backlog")
    con.close()
    partial.rename(path)
    return path


def run(args: list[str], timeout: float) -> tuple[float, float, float, int] | None:
    """Wall seconds, CPU seconds, peak MiB and bytes written to stdout of one command in its own
    process (None: stopped after `timeout` seconds). CPU time is what the machine's other load
    does not inflate."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([str(BIN), *args], stdout=out, stderr=subprocess.DEVNULL)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                return None
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        size = out.seek(0, os.SEEK_END)
    if status != 0:
        raise SystemExit(f"failed ({status}): tocsin {' '.join(args)}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, size


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    timeout = float(os.environ.get("TOCSIN_BENCH_TIMEOUT", 120))
    start = time.perf_counter()
    db = str(build(target))
    print(f"store: {db} ({time.perf_counter() - start:.1f} s to build or find)", flush=True)
    export_dir = Path(tempfile.mkdtemp(prefix="tocsin-parquet-"))
    commands = [
        ["--help"],
        ["events", "--actor", "VEN", "--db", db],
        ["events", "--actor", "VEN", "--format", "csv", "--db", db],
        ["stories", "--db", db],
        ["stories", "--actor", "COL", "--format", "jsonl", "--db", db],
        ["dyad", "VEN", "COL", "--db", db],
        ["export", str(export_dir), "--format", "parquet", "--db", db],
    ]
    try:
        for args in commands:
            shown = " ".join(a if a != db else "DB" for a in args)
            shown = shown.replace(str(export_dir), "OUT")
            measured = run(args, timeout)
            if measured is None:
                print(f"tocsin {shown:52s} stopped after {timeout:.0f} s", flush=True)
                continue
            seconds, cpu, mib, size = measured
            print(f"tocsin {shown:52s} {seconds:6.2f} s (cpu {cpu:6.2f} s)  peak {mib:5.0f} MiB"
                  f"  stdout {size / 1e6:6.1f} MB", flush=True)
    finally:
        shutil.rmtree(export_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
