"""Parse speed of the pinned spaCy pipeline, in words per second, one process.

Reads ../shared/data/seed_article.txt when present (else the bundled example), repeats it to
about 20k words and parses it three ways in one run: one big nlp.pipe over paragraphs
(tocsin.nlp.parse_many), article by article, and the article as one unsplit Doc.
Usage: .venv/bin/python benchmarks/nlp_speed.py
"""

from __future__ import annotations

import time
from pathlib import Path

from tocsin import nlp

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "data" / "seed_article.txt"


def main() -> None:
    import spacy
    import thinc

    text = (SEED if SEED.exists() else ROOT / "examples" / "border_standoff.txt").read_text(encoding="utf-8")
    words = len(text.split())
    copies = max(1, 20_000 // words)
    texts = [text] * copies
    model = nlp.load()
    list(nlp.parse_many(texts[:2]))  # warm-up

    timings = {}
    start = time.perf_counter()
    for _ in nlp.parse_many(texts):
        pass
    timings["parse_many (paragraph batches)"] = time.perf_counter() - start
    start = time.perf_counter()
    for t in texts:
        nlp.parse(t)
    timings["parse, one article at a time"] = time.perf_counter() - start
    start = time.perf_counter()
    for _ in model.pipe(texts, batch_size=32):
        pass
    timings["model.pipe on whole articles"] = time.perf_counter() - start

    print(f"spaCy {spacy.__version__}, thinc {thinc.__version__}, model {model.meta['name']} {model.meta['version']}")
    print(f"{copies} articles, {words * copies} words")
    base = timings["parse_many (paragraph batches)"]
    for name, seconds in timings.items():
        print(f"{name:34s} {words * copies / seconds:8.0f} words/s  ({seconds / base:.2f}x the paragraph batches' time)")


if __name__ == "__main__":
    main()
