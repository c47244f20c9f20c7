"""Run the quick benchmarks one after another and print what each prints (`make bench`).

The long ones (a million-event store, a 20 MB page, a Dask cluster, 10,000-article ingests) are
left to be run by name; `--all` runs them too. Each runs in its own process, so one's data and
caches never speed up or slow down the next.
Usage: .venv/bin/python benchmarks/run_all.py [--all]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

QUICK = ["stages_speed.py", "growth_speed.py", "startup_speed.py", "events_speed.py", "eval_plv_dev.py",
         "eval_articles.py", "actors_articles.py", "actors_country_resolution.py", "actors_sector_coverage.py"]
LONG = ["nlp_speed.py", "actors_speed.py", "cleaning_scale.py", "queries_speed.py", "web_api_speed.py",
        "watch_cost.py", "ingest_scale.py", "cluster_scale.py"]


def main() -> int:
    scripts = QUICK + (LONG if "--all" in sys.argv[1:] else [])
    failed = []
    for name in scripts:
        print(f"\n=== {name}", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / name)], cwd=HERE.parent)
        print(f"=== {name}: exit {code} in {time.perf_counter() - start:.0f} s", flush=True)
        if code:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
