"""Ingest throughput at corpus scale: N generated articles with 1 and with 2 workers.

    .venv/bin/python benchmarks/ingest_scale.py            # 10,000 articles (CPU-heavy: minutes)
    .venv/bin/python benchmarks/ingest_scale.py --n 500    # a quick look

Articles are short invented news items made from templates (no third-party text). Each run is a
fresh `tocsin ingest` in its own process into a fresh DuckDB file; it prints articles/s, the
peak resident memory of the parent and of the largest worker, and the 2-vs-1 worker speed-up.

Two throughputs are printed for each run, and two speed-ups:
- "total": articles / wall time of the whole run, including the fixed start-up (loading spaCy
  and the stages' data, ~5 s, paid once whatever the corpus size);
- "steady": articles / (wall time - start-up): what grows with the corpus. The issue's target
  (2 workers >= 1.6x one) is about this one. The story rebuild at the end is in both.
The machine's load average is printed before and after: other processes skew the timings
(they slow 2 workers, which need both cores, more than 1). `--repeat K` runs each setting K
times, interleaved, and compares the best run of each (the one least disturbed).
`--stages none` times cleaning + spaCy + the store only (for when a stage is being rebuilt).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

COUNTRIES = [("Norland", "Norlandic"), ("Ostrava", "Ostravan"), ("Veldria", "Veldrian"), ("Kasmir Bay", "Kasmiri"),
             ("Tarvos", "Tarvosi"), ("Lumeria", "Lumerian"), ("Drevia", "Drevian"), ("Solenne", "Solennese")]
PLACES = ["Lindmar", "Port Essel", "Varn", "Okley", "Brask", "Maroth", "Tellen Strait", "the northern border"]
OUTLETS = ["Harbour Times", "Daily Ledger", "Coast Wire", "Capital Post", "Frontier News"]
LEADS = [
    "{adj} forces shelled positions near {place} on {day}, killing {n} soldiers, officials in {other} said.",
    "The government of {a} accused {other} of violating the ceasefire near {place} on {day}.",
    "{a} and {other} agreed on {day} to resume talks in {place} next month, diplomats said.",
    "{adj} coast guard officers seized {n} fishing boats from {other} near {place} on {day}.",
    "Protesters in {place} demanded that the government of {a} recall its ambassador from {other}.",
    "{a} imposed new sanctions on {other} on {day} after a dispute over {place}, the ministry said.",
]
FOLLOWS = [
    "A spokesman for the foreign ministry of {other} called the move \"{word}\" and promised a response.",
    "The defence minister of {a} said troops would stay in {place} \"as long as necessary\".",
    "Neither side gave details, and the claims could not be independently verified.",
    "According to local media, {n} people were injured in {place} on {day}.",
    "Leaders of {a} and {other} are due to meet at a regional summit in {place} in {month}.",
    "{adj} officials denied the report, saying no shots had been fired.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS = ["reckless", "unacceptable", "a provocation", "illegal", "a grave mistake"]
MONTHS = ["January", "February", "March", "April", "May", "June"]


def article(i: int, rng: random.Random) -> dict:
    (a, adj), (other, _) = rng.sample(COUNTRIES, 2)
    slots = dict(a=a, adj=adj, other=other, place=rng.choice(PLACES), day=rng.choice(DAYS), n=rng.randint(2, 40),
                 word=rng.choice(WORDS), month=rng.choice(MONTHS))
    sentences = [rng.choice(LEADS)] + rng.sample(FOLLOWS, rng.randint(2, 4))
    paragraphs = [s.format(**slots) for s in sentences]
    paragraphs.append(f"(Reporting by desk {i} for {OUTLETS[i % len(OUTLETS)]}.)")  # makes every text unique
    return {"id": f"gen-{i}", "text": "\n\n".join(paragraphs), "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "outlet": OUTLETS[i % len(OUTLETS)]}


RUNNER = textwrap.dedent('''
    import json, resource, sys, time
    if sys.argv[4] == "none":
        import tocsin.pipeline
        tocsin.pipeline._stages = lambda: []
    from tocsin.corpus.ingest import ingest
    start = time.perf_counter()
    where = sys.argv[3]  # a number of local worker processes, or a Dask cluster (local:N, tcp://HOST:PORT)
    s = ingest([sys.argv[1]], sys.argv[2], **({"cluster": where} if ":" in where else {"workers": int(where)}))
    seconds = time.perf_counter() - start
    print(json.dumps({"read": s.read, "added": s.added, "failures": s.failures, "events": s.events,
                      "stories": s.stories, "seconds": seconds,
                      "startup": getattr(s, "startup_seconds", None),
                      "stories_seconds": getattr(s, "stories_seconds", None),
                      "cpu_parent": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
                      "cpu_workers": sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2]),
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
''')


def run(corpus: Path, db: Path, workers: int | str, stages: str) -> dict:
    env_python = sys.executable
    out = subprocess.run([env_python, "-c", RUNNER, str(corpus), str(db), str(workers), stages],
                         check=True, capture_output=True, text=True,
                         env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def _load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def _report(workers: int | str, r: dict) -> None:
    line = (f"workers={workers}: {r['read']} articles in {r['seconds']:.1f} s = "
            f"{r['read'] / r['seconds']:.1f} articles/s total")
    if r["startup"] is not None:
        r["steady"] = r["seconds"] - r["startup"]
        line += (f"; start-up {r['startup']:.1f} s, steady {r['read'] / r['steady']:.1f} articles/s"
                 f"; story rebuild {r['stories_seconds']:.1f} s")
    print(line + f"  [{_load()}]", flush=True)
    print(f"  CPU: parent {r['cpu_parent']:.1f} s, workers {r['cpu_workers']:.1f} s"
          f" ({(r['cpu_parent'] + r['cpu_workers']) / r['seconds'] / (os.cpu_count() or 1):.0%} of the cores)")
    print(f"  added {r['added']}, failed {r['failures']}, events {r['events']}, stories {r['stories']};"
          f" peak RSS parent {r['peak_mb']:.0f} MB, largest worker {r['worker_peak_mb']:.0f} MB", flush=True)
    if r["failures"] > 0.01 * r["read"]:
        print(f"  warning: {r['failures']} failures; the timing is not representative", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--stages", choices=["all", "none"], default="all")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each setting; the best is compared")
    args = parser.parse_args()
    rng = random.Random(7)
    print(f"{args.n} articles; before: {_load()} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="tocsin-bench-") as tmp:
        corpus = Path(tmp, "corpus.jsonl")
        with corpus.open("w") as stream:
            for i in range(args.n):
                stream.write(json.dumps(article(i, rng)) + "\n")
        results: dict[int, dict] = {}
        for attempt in range(args.repeat):
            for workers in args.workers:
                r = run(corpus, Path(tmp, f"w{workers}-{attempt}.duckdb"), workers, args.stages)
                _report(workers, r)
                best = results.get(workers)
                if best is None or r.get("steady", r["seconds"]) < best.get("steady", best["seconds"]):
                    results[workers] = r
        if 1 in results and 2 in results:
            one, two = results[1], results[2]
            best = " (best runs)" if args.repeat > 1 else ""
            print(f"speed-up 2 workers vs 1, total (with start-up){best}: {one['seconds'] / two['seconds']:.2f}x")
            if "steady" in one and "steady" in two:
                print(f"speed-up 2 workers vs 1, steady (without start-up){best}: "
                      f"{one['steady'] / two['steady']:.2f}x (target >= 1.6x)")
    print(f"after: {_load()}")


if __name__ == "__main__":
    main()
