"""Ingest throughput at corpus scale: N generated articles with 1 and with 2 workers.

    .venv/bin/python benchmarks/ingest_scale.py            # 10,000 articles (CPU-heavy: minutes)
    .venv/bin/python benchmarks/ingest_scale.py --n 500    # a quick look

Articles are short invented news items made from templates (no third-party text). Each run is a
fresh `tocsin ingest` in its own process into a fresh DuckDB file; it prints articles/s, the
peak resident memory of the parent and of the largest worker, and the 2-vs-1 worker speed-up.
`--stages none` times cleaning + spaCy + the store only (for when a stage is being rebuilt).
"""

from __future__ import annotations

import argparse
import json
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
    from tocsin.scale import ingest
    start = time.perf_counter()
    s = ingest([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]))
    seconds = time.perf_counter() - start
    print(json.dumps({"read": s.read, "added": s.added, "failures": s.failures, "events": s.events,
                      "stories": s.stories, "seconds": seconds,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
''')


def run(corpus: Path, db: Path, workers: int, stages: str) -> dict:
    env_python = sys.executable
    out = subprocess.run([env_python, "-c", RUNNER, str(corpus), str(db), str(workers), stages],
                         check=True, capture_output=True, text=True,
                         env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--stages", choices=["all", "none"], default="all")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="tocsin-bench-") as tmp:
        corpus = Path(tmp, "corpus.jsonl")
        with corpus.open("w") as stream:
            for i in range(args.n):
                stream.write(json.dumps(article(i, rng)) + "\n")
        results = {}
        for workers in args.workers:
            r = run(corpus, Path(tmp, f"w{workers}.duckdb"), workers, args.stages)
            results[workers] = r
            rate = r["read"] / r["seconds"]
            print(f"workers={workers}: {r['read']} articles in {r['seconds']:.1f} s = {rate:.1f} articles/s; "
                  f"added {r['added']}, failed {r['failures']}, events {r['events']}, stories {r['stories']}; "
                  f"peak RSS parent {r['peak_mb']:.0f} MB, largest worker {r['worker_peak_mb']:.0f} MB")
            if r["failures"] > 0.01 * r["read"]:
                print(f"  warning: {r['failures']} failures; the timing is not representative", file=sys.stderr)
        if 1 in results and 2 in results:
            speedup = results[1]["seconds"] / results[2]["seconds"]
            print(f"speed-up 2 workers vs 1: {speedup:.2f}x (target >= 1.6x)")


if __name__ == "__main__":
    main()
