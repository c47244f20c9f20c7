"""Codes the development articles, the plv_dev sentences and the invented texts of the repository
(examples/, tests/fixtures: generalisation dyads and cleaning articles) and writes every Document
as one JSON line, so that two versions of the coder can be compared byte for byte:

    .venv/bin/python scripts/code_snapshot.py /tmp/before.jsonl   # on the old commit
    .venv/bin/python scripts/code_snapshot.py /tmp/after.jsonl    # on the new one
    cmp /tmp/before.jsonl /tmp/after.jsonl

Reads ../shared/data (articles_dev/*.articles.jsonl, plv_dev.jsonl) when it exists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"


def articles():
    from tocsin.model import Article

    for path in sorted((DATA / "articles_dev").glob("*.articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            yield Article(id=row["id"], text=row["text"], title=row.get("title"),
                          published=row.get("published"), outlet=row.get("outlet"))
    plv = DATA / "plv_dev.jsonl"
    if plv.exists():
        for line in plv.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            yield Article(id=row["id"], text=row["text"], published="2020-01-01")
    yield from invented()


def invented():
    from tocsin.model import Article

    for path in (ROOT / "examples/wire_stories.jsonl", ROOT / "tests/fixtures/events/generalisation.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            yield Article(id=row["id"], text=row["text"], published=row.get("published") or "2026-01-05")
    for path in sorted([*ROOT.glob("examples/*.txt"), *ROOT.glob("tests/fixtures/articles/*.txt")]):
        yield Article(id=path.stem, text=path.read_text(encoding="utf-8"), published="2026-01-05")


def main() -> None:
    from tocsin.model import Document
    from tocsin.pipeline import code_articles

    out = Path(sys.argv[1])
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for doc in code_articles(articles()):
            line = doc.to_json(indent=None) if isinstance(doc, Document) else doc.model_dump_json()
            fh.write(line + "\n")
            n += 1
    print(f"{n} documents written to {out}")


if __name__ == "__main__":
    main()
