"""Time of each pipeline stage per document, in one run, beside the spaCy parse.

Reads ../shared/data/seed_article.txt when present (else the bundled example) and codes it N
times (default 30) after a warm-up that loads every stage's data once; with --dev, codes each of
the real development articles (../shared/data/articles_dev) N times instead.
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
        for stage in stages:
            stage(warm, nlp.parse(warm.text), DEFAULT)
    print(f"warm-up (loads the model and every stage's data): {time.process_time() - start:.2f} s")
    for article in [a for _ in range(runs) for a in articles]:
        t = time.process_time()
        document = prepare(article)
        totals["clean"] += time.process_time() - t
        t = time.process_time()
        parsed = nlp.parse(document.text)
        totals["parse (spaCy)"] += time.process_time() - t
        for stage in stages:
            t = time.process_time()
            stage(document, parsed, DEFAULT)
            totals[f"{stage.__module__}.{stage.__name__}"] += time.process_time() - t
    parse = totals["parse (spaCy)"]
    print(f"{name}, {runs} runs, {len(document.events)} events in the last document")
    for name, seconds in totals.items():
        print(f"{name:36s} {1000 * seconds / runs / len(articles):7.2f} ms/doc  {seconds / parse:5.2f}x parse")
    rest = sum(v for k, v in totals.items() if k != "parse (spaCy)")
    print(f"{'all stages but the parse':36s} {1000 * rest / runs / len(articles):7.2f} ms/doc  {rest / parse:5.2f}x parse")


if __name__ == "__main__":
    main()
