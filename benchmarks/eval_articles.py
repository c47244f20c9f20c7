"""The event coder on whole hand-coded articles (`../shared/data/articles_dev`).

    .venv/bin/python benchmarks/eval_articles.py [--errors N]

Same scoring as `tocsin eval ../shared/data/articles_dev/*.gold.jsonl` (see
tocsin/events/evaluate_articles.py), plus the run time. When the reference scorer
`../shared/tools/score_articles.py` is there, its F1 on the same coded events is printed beside
ours: the two must agree. Skips when ../shared is absent.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "data" / "articles_dev"
REFERENCE = ROOT.parent / "shared" / "tools" / "score_articles.py"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0, help="print up to N misses and N false positives")
    args = ap.parse_args()
    golds = sorted(DEV.glob("*.gold.jsonl"))
    if not golds:
        print(f"skipped: no gold in {DEV}")
        return
    from tocsin.events.evaluate_articles import (article_errors, articles_beside, format_article_report,
                                                 load_mentions, load_predictions, score_articles)

    t0 = time.perf_counter()
    events = [e for g in golds for e in load_predictions(articles_beside(g))]
    elapsed = time.perf_counter() - t0
    report = score_articles([m for g in golds for m in load_mentions(g)], events)
    print(format_article_report(report))
    print(f"\n{len(golds)} gold files coded in {elapsed:.1f} s (parsing included)")
    if REFERENCE.exists():
        print(f"reference scorer: {_reference(golds)}")
    if args.errors:
        print("\n".join(article_errors(report, args.errors)))


def _reference(golds: list[Path]) -> str:
    """The reference scorer's last line on `tocsin code` output for the same articles."""
    with tempfile.TemporaryDirectory() as tmp:
        pred, gold = Path(tmp) / "p.jsonl", Path(tmp) / "g.jsonl"
        gold.write_text("".join(g.read_text(encoding="utf-8") for g in golds), encoding="utf-8")
        with pred.open("w", encoding="utf-8") as out:
            for g in golds:
                articles = g.with_name(g.name.replace(".gold.", ".articles."))
                subprocess.run([sys.executable, "-m", "tocsin.cli", "code", str(articles), "--format", "jsonl"],
                               stdout=out, check=True)
        done = subprocess.run([sys.executable, str(REFERENCE), str(pred), str(gold)], capture_output=True,
                              text=True, check=True)
        return done.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    main()
