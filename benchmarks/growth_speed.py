"""Does coding time grow with article length like the text does? Codes the same text as 16
articles (1x), as 4 articles of four (4x) and as one article of sixteen (16x), and prints each
stage's time per set and its growth exponent: 1.0 is linear (time per word unchanged), 2.0
quadratic. Target: the stages after the parse at <= 1.05.

The articles are the development articles (../shared/data/articles_dev) when present, else the
bundled examples, cycled to sixteen. The fastest of R runs (default 3): the machine's other load
only ever adds time.
Usage: .venv/bin/python benchmarks/growth_speed.py [R]
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

from tocsin import nlp
from tocsin.config import DEFAULT
from tocsin.model import Article
from tocsin.pipeline import _stages, prepare

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "articles_dev"
PARSE = "parse (spaCy)"


def texts() -> list[str]:
    found = []
    for path in sorted(DEV.glob("*.articles.jsonl")) if DEV.exists() else []:
        found += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    if not found:
        found = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    return [found[n % len(found)] for n in range(16)]


def code_set(articles: list[str], stages) -> dict[str, float]:
    """Seconds spent in each stage coding these articles one by one."""
    totals: dict[str, float] = defaultdict(float)
    for n, text in enumerate(articles):
        t = time.perf_counter()
        document = prepare(Article(id=f"a{n}", text=text, published="2026-01-01"))
        totals["clean"] += time.perf_counter() - t
        with nlp.memory_zone():
            t = time.perf_counter()
            parsed = nlp.parse(document.text)
            totals[PARSE] += time.perf_counter() - t
            t = time.perf_counter()
            parsed = nlp.view(parsed)  # the parse read into plain objects, which every stage walks
            totals["read the parse"] += time.perf_counter() - t
            for stage in stages:
                t = time.perf_counter()
                stage(document, parsed, DEFAULT)
                totals[f"{stage.__module__.removeprefix('tocsin.')}.{stage.__name__}"] += time.perf_counter() - t
    totals["after the parse"] = sum(v for k, v in totals.items() if k != PARSE)
    return totals


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    base = texts()
    sets = {f: ["\n\n".join(base[i : i + f]) for i in range(0, 16, f)] for f in (1, 4, 16)}
    stages = _stages()
    code_set(base[:1], stages)  # warm-up: the model and every stage's data
    times: dict[int, dict[str, list[float]]] = {f: defaultdict(list) for f in sets}
    for _ in range(runs):
        for f, articles in sets.items():
            for name, seconds in code_set(articles, stages).items():
                times[f][name].append(seconds)
    words = sum(len(t.split()) for t in base)
    print(f"{words} words: 1x = 16 articles of ~{words // 16} words, 4x = 4 of ~{words // 4}, 16x = one; "
          f"fastest of {runs} runs")
    print(f"{'stage':28s} {'1x ms':>9s} {'4x ms':>9s} {'16x ms':>9s} {'exponent':>9s} {'4x->16x':>8s}")
    for name in times[1]:
        t1, t4, t16 = (min(times[f][name]) for f in (1, 4, 16))
        # same text in each set: time per word constant <=> exponent 1
        exponent = 1 + math.log(t16 / t1) / math.log(16) if t1 > 0 and t16 > 0 else float("nan")
        upper = 1 + math.log(t16 / t4) / math.log(4) if t4 > 0 and t16 > 0 else float("nan")
        print(f"{name:28s} {1000 * t1:9.1f} {1000 * t4:9.1f} {1000 * t16:9.1f} {exponent:9.2f} {upper:8.2f}")


if __name__ == "__main__":
    main()
