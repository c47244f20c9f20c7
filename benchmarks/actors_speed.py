"""Speed of the actors stage: entities resolved per second, and the share of time outside spaCy.

    .venv/bin/python benchmarks/actors_speed.py [--n 300]

Texts: the sentences of ../shared/data/plv_dev.jsonl grouped into article-sized documents of
~12 sentences, plus the seed article; falls back to the repository's own test article when
../shared is absent. spaCy parsing (nlp.parse_many) and the actors stage are timed apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"


def texts(n: int) -> list[str]:
    gold = SHARED / "plv_dev.jsonl"
    if gold.exists():
        sents = [json.loads(line)["text"] for line in gold.read_text().splitlines() if line.strip()]
        docs = ["\n\n".join(sents[i : i + 12]) for i in range(0, len(sents), 12)]
        seed = SHARED / "seed_article.txt"
        if seed.exists():
            docs.append(seed.read_text())
        return docs[:n]
    from tests.test_actors import ARTICLE

    return [ARTICLE] * min(n, 50)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300, help="documents at most")
    args = ap.parse_args()
    from tocsin import nlp
    from tocsin.actors import annotate
    from tocsin.actors.dictionaries import load
    from tocsin.config import DEFAULT
    from tocsin.model import DocMeta, Document

    docs = texts(args.n)
    t0 = time.perf_counter()
    load()  # dictionaries load once per process; timed apart
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    parsed = list(nlp.parse_many(docs))
    t_spacy = time.perf_counter() - t0
    t0 = time.perf_counter()
    entities = mentions = 0
    for text, doc in zip(docs, parsed):
        document = Document(doc=DocMeta(id="b"), text=text)
        annotate(document, doc, DEFAULT)
        entities += len(document.entities)
        mentions += sum(len(e.mentions) for e in document.entities)
    t_actors = time.perf_counter() - t0
    chars = sum(map(len, docs))
    print(f"{len(docs)} documents, {chars} characters, {entities} entities, {mentions} mentions")
    print(f"dictionary load (once per process): {t_load:.2f}s")
    print(f"spaCy parse:  {t_spacy:.2f}s")
    print(f"actors stage: {t_actors:.2f}s  ({entities / t_actors:.0f} entities/s, {mentions / t_actors:.0f} mentions/s)")
    print(f"share of parse+actors time outside spaCy: {100 * t_actors / (t_actors + t_spacy):.1f}%")
    print(f"end to end (parse + actors): {entities / (t_actors + t_spacy):.0f} entities/s")


if __name__ == "__main__":
    main()
