"""Time of each pipeline stage per document, in one run, beside the spaCy parse.

Reads ../shared/data/seed_article.txt when present (else the bundled example) and codes it N
times (default 30) after a warm-up that loads every stage's data once.
Usage: .venv/bin/python benchmarks/stages_speed.py [N]
"""

from __future__ import annotations

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


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    path = SEED if SEED.exists() else ROOT / "examples" / "border_standoff.txt"
    article = Article(id="bench", text=path.read_text(encoding="utf-8"), published="2025-12-01")
    stages = _stages()
    totals: dict[str, float] = defaultdict(float)
    start = time.perf_counter()
    warm = prepare(article)
    for stage in stages:
        stage(warm, nlp.parse(warm.text), DEFAULT)
    print(f"warm-up (loads the model and every stage's data): {time.perf_counter() - start:.2f} s")
    for _ in range(runs):
        t = time.perf_counter()
        document = prepare(article)
        totals["clean"] += time.perf_counter() - t
        t = time.perf_counter()
        parsed = nlp.parse(document.text)
        totals["parse (spaCy)"] += time.perf_counter() - t
        for stage in stages:
            t = time.perf_counter()
            stage(document, parsed, DEFAULT)
            totals[f"{stage.__module__}.{stage.__name__}"] += time.perf_counter() - t
    parse = totals["parse (spaCy)"]
    print(f"{path.name}, {runs} runs, {len(document.events)} events a run")
    for name, seconds in totals.items():
        print(f"{name:36s} {1000 * seconds / runs:7.2f} ms/doc  {seconds / parse:5.2f}x parse")
    rest = sum(v for k, v in totals.items() if k != "parse (spaCy)")
    print(f"{'all stages but the parse':36s} {1000 * rest / runs:7.2f} ms/doc  {rest / parse:5.2f}x parse")


if __name__ == "__main__":
    main()
