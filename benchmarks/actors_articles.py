"""Who did it, on real hand-coded articles: actor codes of events, before and after the actor
knowledge base and actors from context.

    .venv/bin/python benchmarks/actors_articles.py [--errors FILE]

Gold: ../shared/data/articles_dev/*.gold.jsonl with their articles (skipped when absent), coded
per ../shared/data/ANNOTATION.md. The articles are coded twice in one run, in two processes:
with TOCSIN_ACTOR_KB=off (no dated knowledge base, no actors from context) and with the shipped
defaults. For each run it prints
  - actor code right: among predicted events matched one-to-one to a gold mention by sentence and
    type alone (not by actor), the share whose actor codes overlap the gold source's codes (gold
    mentions with a coded source only);
  - recipient code right: the same for recipients, over matched pairs whose gold target has a code;
  - events with a code: the share of predicted events (not negated or hypothetical) with at least
    one actor code;
  - the article-level event F1 of ../shared/tools/score_articles.py (the actor must agree there);
  - on ../shared/data/plv_dev.jsonl, the actor code accuracy of benchmarks/actors_country_resolution.py
    (gold phrases naming a country resolved to the expected code; skip with --no-plv).
Target for the first two: >= 0.85; the plv figure must not fall.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "articles_dev"
TOCSIN = Path(sys.executable).parent / "tocsin"
sys.path.insert(0, str(ROOT))
from tocsin.events.evaluate_articles import one_to_one  # noqa: E402  (the scorer's matching)


def _norm(s: str | None) -> str:
    return re.sub(r"\W+", " ", (s or "").lower()).strip()


def _codes(side) -> set[str]:
    if isinstance(side, dict):
        side = [side]
    return {a.get("code") for a in side or [] if isinstance(a, dict) and a.get("code")}


def _flagged(ev: dict) -> bool:
    return bool({"negation", "negated", "hypothetical"} & set(ev.get("auxiliary") or []))


def _same(ev: dict, g: dict) -> bool:
    a, b = _norm(ev.get("text")), _norm(g["sentence"])
    return bool(a) and (a in b or b in a) and ev.get("event") in [g["event_type"], *(g.get("alt_types") or [])]


def _pairs(gold: list[dict], events: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one matching of gold mentions to events by sentence and type (augmenting paths)."""
    return [(gold[i], events[j]) for i, j in one_to_one(gold, events, lambda e, g: _same(e, g)).items()]


def measure(events: list[dict], gold: list[dict]) -> tuple[float, float, int, int, list]:
    plain = [e for e in events if not _flagged(e)]
    with_code = sum(1 for e in plain if _codes(e.get("actor")))
    right = total = r_right = r_total = 0
    wrong = []
    for art in sorted({g["article_id"] for g in gold}):
        gs = [g for g in gold if g["article_id"] == art and _codes(g.get("source"))]
        for g, e in _pairs(gs, [e for e in plain if e["doc_id"] == art]):
            total += 1
            if _codes(g.get("target")):
                r_total += 1
                r_right += bool(_codes(g["target"]) & _codes(e.get("recipient")))
            if _codes(g["source"]) & _codes(e.get("actor")):
                right += 1
            else:
                wrong.append({"article": art, "sentence": g["sentence"][:160], "type": g["event_type"],
                              "gold": [(a.get("text"), a.get("code")) for a in g["source"]],
                              "got": [(a.get("text"), a.get("code")) for a in e.get("actor") or []]})
    return (right / max(total, 1), with_code / max(len(plain), 1), total, len(plain), wrong,
            r_right / max(r_total, 1), r_total)


def run(articles: Path, out: Path, kb: str) -> list[dict]:
    env = {**os.environ, "TOCSIN_ACTOR_KB": kb}
    with out.open("w") as fh:
        subprocess.run([str(TOCSIN), "code", str(articles), "--format", "jsonl"], stdout=fh, env=env, check=True)
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", default=None, help="write matched events with a wrong actor code here (after)")
    ap.add_argument("--no-plv", action="store_true", help="skip the plv_dev actor code accuracy")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found")
        return
    gold = [json.loads(line) for f in sorted(DATA.glob("*.gold.jsonl")) for line in f.open() if line.strip()]
    scorer = ROOT.parent / "shared" / "tools" / "score_articles.py"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        articles = tmp / "articles.jsonl"
        articles.write_text("".join(f.read_text() for f in sorted(DATA.glob("*.articles.jsonl"))))
        goldfile = tmp / "gold.jsonl"
        goldfile.write_text("".join(json.dumps(g) + "\n" for g in gold))
        for label, kb in (("before (KB and context off)", "off"), ("after", "on")):
            events = run(articles, tmp / f"pred-{kb}.jsonl", kb)
            right, coded, matched, predicted, wrong, r_right, r_matched = measure(events, gold)
            f1 = ""
            if scorer.exists():
                res = subprocess.run([sys.executable, str(scorer), str(tmp / f"pred-{kb}.jsonl"), str(goldfile)],
                                     capture_output=True, text=True, check=True)
                f1 = res.stdout.strip().splitlines()[-1]
            print(f"{label}: actor code right {right:.3f} ({matched} matched), "
                  f"events with a code {coded:.3f} ({predicted} events)\n"
                  f"  recipient code right {r_right:.3f} ({r_matched} matched with a coded gold target)\n  {f1}")
            if args.errors and kb == "on":
                Path(args.errors).write_text("".join(json.dumps(w, ensure_ascii=False) + "\n" for w in wrong))
            if not args.no_plv:
                print("  plv_dev " + plv_accuracy(kb))


def plv_accuracy(kb: str) -> str:
    """The expected-code line of actors_country_resolution.py, run with the knowledge base on or off."""
    script = Path(__file__).resolve().parent / "actors_country_resolution.py"
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True,
                         env={**os.environ, "TOCSIN_ACTOR_KB": kb})
    lines = [line.strip() for line in res.stdout.splitlines() if "expected code" in line or "skipped" in line]
    return lines[0] if lines else res.stdout.strip()


if __name__ == "__main__":
    main()
