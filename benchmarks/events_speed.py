"""Speed of the events stage: sentences per second for parsing alone and for parsing + coding.

    .venv/bin/python benchmarks/events_speed.py [--n 1050] [--repeat 1]

Texts: the sentences of ../shared/data/plv_dev.jsonl grouped into article-sized documents of ~12
sentences, plus the seed article; falls back to invented sentences when ../shared is absent.
The same documents are parsed once (nlp.parse_many, timed) and then coded by
tocsin.events.annotate (timed); target: coding adds at most 30% to the parse time. The actors
stage is run before coding, untimed, so that actor_for sees entities as in the pipeline.
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

FALLBACK = [
    "Rebels attacked a police station in the north on Sunday.",
    "The European Union imposed sanctions on three Belarusian officials.",
    "The Turkish foreign minister held talks with his Greek counterpart in Ankara.",
    "The government will not release the prisoners, a spokesman said.",
    "Residents fled after American drone strikes against militant camps.",
    "Thousands of teachers protested against the new pension law in the capital.",
]


def documents(n: int) -> tuple[list[str], int]:
    gold = SHARED / "plv_dev.jsonl"
    if gold.exists():
        sents = list(dict.fromkeys(json.loads(line)["text"] for line in gold.read_text().splitlines()
                                   if line.strip()))[:n]
        docs = ["\n\n".join(sents[i:i + 12]) for i in range(0, len(sents), 12)]
        seed = SHARED / "seed_article.txt"
        if seed.exists():
            docs.append(seed.read_text())
        return docs, len(sents)
    docs = ["\n\n".join(FALLBACK)] * 50
    return docs, len(FALLBACK) * 50


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1050, help="gold sentences at most")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()

    from tocsin import nlp
    from tocsin.actors import annotate as actors
    from tocsin.config import DEFAULT
    from tocsin.events import annotate as events
    from tocsin.events.lexicon import load_lexicon
    from tocsin.model import DocMeta, Document

    docs, _ = documents(args.n)
    nlp.load()
    load_lexicon()  # data loads once per process; not part of the per-sentence cost
    nlp.parse("Warm up.")
    parse_time = code_time = 0.0
    sentences = n_events = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        parsed = list(nlp.parse_many(docs))
        parse_time += time.perf_counter() - t0
        prepared = []
        for i, (text, doc) in enumerate(zip(docs, parsed)):
            document = Document(doc=DocMeta(id=f"d{i}", published="2024-01-01"), text=text)
            actors(document, doc, DEFAULT)
            prepared.append((document, doc))
        sentences += sum(1 for _, doc in prepared for _ in doc.sents)
        t0 = time.perf_counter()
        for document, doc in prepared:
            events(document, doc, DEFAULT)
        code_time += time.perf_counter() - t0
        n_events += sum(len(d.events) for d, _ in prepared)
    per = sentences
    print(f"{len(docs)} documents, {per // args.repeat} sentences, {n_events // args.repeat} events")
    print(f"parse alone          {per / parse_time:8.0f} sentences/s")
    print(f"parse + coding       {per / (parse_time + code_time):8.0f} sentences/s")
    print(f"coding alone         {per / code_time:8.0f} sentences/s")
    print(f"coding adds {100 * code_time / parse_time:.1f}% to the parse time (target: at most 30%)")


if __name__ == "__main__":
    main()
