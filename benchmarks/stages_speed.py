"""Time of each pipeline stage per document, in one run, beside the spaCy parse.

Reads ../shared/data/seed_article.txt when present (else the bundled example) and codes it N
times (default 30) after a warm-up that loads every stage's data once; with --dev, codes each of
the real development articles (../shared/data/articles_dev) N times instead. Times are CPU
seconds per document: the mean of the N runs (what coding costs, collector pauses included), and
the sum over the articles of each step's fastest run (what the other jobs on the machine disturb least).
Usage: .venv/bin/python benchmarks/stages_speed.py [N] [--dev]
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from tocsin import nlp
from tocsin.config import DEFAULT
from tocsin.model import Article
from tocsin.pipeline import _stages, prepare

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "data" / "seed_article.txt"
DEV = ROOT.parent / "shared" / "data" / "articles_dev"


def dev_articles() -> list[Article]:
    rows = [json.loads(line) for path in sorted(DEV.glob("*.articles.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]
    return [Article(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 30
    if "--dev" in sys.argv:
        articles = dev_articles()
        name = f"{DEV.name} ({len(articles)} articles)"
    else:
        path = SEED if SEED.exists() else ROOT / "examples" / "border_standoff.txt"
        articles = [Article(id="bench", text=path.read_text(encoding="utf-8"), published="2025-12-01")]
        name = path.name
    stages = _stages()
    totals: dict[str, float] = defaultdict(float)
    start = time.process_time()
    for article in articles:
        warm = prepare(article)
        parsed = nlp.parse(warm.text)
        for stage in stages:
            stage(warm, parsed, DEFAULT)
    print(f"warm-up (loads the model and every stage's data): {time.process_time() - start:.2f} s")
    # Each step's fastest of the runs, per article: the machine's other load only ever adds time.
    fastest: dict[tuple[int, str], float] = {}

    def keep(n: int, key: str, seconds: float) -> None:
        totals[key] += seconds
        fastest[n, key] = min(seconds, fastest.get((n, key), seconds))

    for _ in range(runs):
        for n, article in enumerate(articles):
            t = time.process_time()
            document = prepare(article)
            keep(n, "clean", time.process_time() - t)
            t = time.process_time()
            parsed = nlp.parse(document.text)
            keep(n, "parse (spaCy)", time.process_time() - t)
            t = time.process_time()
            parsed = nlp.view(parsed)  # the parse read into plain objects, which every stage walks
            keep(n, "read the parse (tocsin.parsed)", time.process_time() - t)
            for stage in stages:
                t = time.process_time()
                stage(document, parsed, DEFAULT)
                keep(n, f"{stage.__module__}.{stage.__name__}", time.process_time() - t)
    best: dict[str, float] = defaultdict(float)
    for (_, key), seconds in fastest.items():
        best[key] += seconds
    print(f"{name}, {runs} runs, {len(document.events)} events in the last document")
    print(f"{'':36s} {'mean of the runs':>24s} {'fastest of the runs':>24s}")
    rows = [*totals, "all stages but the parse"]
    for sums in (totals, best):
        sums["all stages but the parse"] = sum(v for k, v in sums.items() if k != "parse (spaCy)")
    for key in rows:
        mean, fast = totals[key] / runs, best[key]
        print(f"{key:36s} {1000 * mean / len(articles):8.2f} ms/doc {mean * runs / totals['parse (spaCy)']:5.2f}x parse"
              f" {1000 * fast / len(articles):8.2f} ms/doc {fast / best['parse (spaCy)']:5.2f}x parse")


if __name__ == "__main__":
    main()
