"""The event coder against the expert-coded PLOVER development set.

    .venv/bin/python benchmarks/eval_plv_dev.py [--errors N]

Same scoring as `tocsin eval ../shared/data/plv_dev.jsonl` (see tocsin/events/evaluate.py for
how dyads are matched and counted), plus the run time. Skips when ../shared is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "data" / "plv_dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", type=int, default=0, help="print up to N misclassified dyads per type")
    args = ap.parse_args()
    if not GOLD.exists():
        print(f"skipped: {GOLD} not found")
        return
    from tocsin.events.evaluate import errors, evaluate, format_report

    t0 = time.perf_counter()
    report = evaluate(GOLD)
    elapsed = time.perf_counter() - t0
    print(format_report(report))
    print(f"\n{len(report.results)} dyads scored in {elapsed:.1f} s (parsing included)")
    if args.errors:
        print("\n".join(errors(report, args.errors)))


if __name__ == "__main__":
    main()
