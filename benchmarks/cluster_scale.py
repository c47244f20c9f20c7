"""The Dask engine's overhead: one corpus ingested by 2 local worker processes and by a 2-worker
Dask cluster (`--cluster local:2`), in one run, and the ratio of their throughputs.

    .venv/bin/python benchmarks/cluster_scale.py                 # 600 articles, each engine twice
    .venv/bin/python benchmarks/cluster_scale.py --n 200 --repeat 1

Both runs do the same work (the real pipeline, the same generated articles as
benchmarks/ingest_scale.py, a fresh DuckDB file each) on the same 2 cores, so the ratio is what the
cluster engine costs: task scheduling, pickling chunks and rows, the per-worker model load instead of
one shared by fork. "steady" leaves out the start-up (loading spaCy; starting the cluster), which
is paid once per run whatever the corpus size. Target: cluster >= 0.85x local, steady.
Runs alternate and the best of each engine is compared, since other processes skew the timings.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ingest_scale import _load, _report, article, run  # noqa: E402

ENGINES = {"local, 2 processes": "2", "Dask, 2 workers": "local:2"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=600, help="articles to generate")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each engine; the best is compared")
    args = parser.parse_args()
    print(f"{args.n} articles; before: {_load()} on {os.cpu_count()} cores")
    best: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="tocsin-cluster-bench-") as tmp:
        corpus = Path(tmp, "corpus.jsonl")
        rng = random.Random(7)
        corpus.write_text("".join(json.dumps(article(i, rng)) + "\n" for i in range(args.n)))
        for attempt in range(args.repeat):
            for name, where in ENGINES.items():
                r = run(corpus, Path(tmp, f"{where.replace(':', '-')}-{attempt}.duckdb"), where, "all")
                print(f"{name}:")
                _report(where, r)
                if name not in best or r["steady"] < best[name]["steady"]:
                    best[name] = r
    local, cluster = (best[name] for name in ENGINES)
    for label, key in (("total (with start-up)", "seconds"), ("steady (without start-up)", "steady")):
        rates = [r["read"] / r[key] for r in (local, cluster)]
        print(f"{label}: local {rates[0]:.1f} articles/s, Dask {rates[1]:.1f} articles/s,"
              f" Dask / local = {rates[1] / rates[0]:.2f}x" + ("  (target >= 0.85x)" if key == "steady" else ""))
    print(f"after: {_load()}")


if __name__ == "__main__":
    main()
