"""How often a gold PLOVER source/target that contains a sector word gets a sector.

    .venv/bin/python benchmarks/actors_sector_coverage.py [--gold PATH] [--errors FILE] [--sample N]

Gold: ../shared/data/plv_dev.jsonl (skipped when absent). Each row's sentence goes through the
actors stage, then `actor_for` is asked about the gold `source` and `target` phrases (located by
the <s>/<t> marks), as in `actors_country_resolution.py`.

Which phrases count is decided WITHOUT tocsin's sector vocabulary (tocsin/data/sectors.yaml), so
the figure does not grade the stage on its own word list: a phrase qualifies when it contains one
of the words of SECTOR_WORDS below (a short, independent list of the most common office and
institution words, singular and plural). The script prints the share of those phrases whose
actor has any sector, and the share whose sectors include one that a word of the phrase points to.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from _cases import report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
GOLD = ROOT.parent / "shared" / "data" / "plv_dev.jsonl"

# word stem -> the PLOVER sectors it may point to (written here, not read from tocsin's data)
SECTOR_WORDS = {
    "president": {"GOV"}, "minister": {"GOV"}, "premier": {"GOV"}, "chancellor": {"GOV"},
    "government": {"GOV"}, "administration": {"GOV"}, "ministry": {"GOV"}, "ministries": {"GOV"},
    "official": {"GOV"}, "diplomat": {"GOV"}, "ambassador": {"GOV"}, "envoy": {"GOV"},
    "secretary": {"GOV", "IGO"}, "spokesman": {"GOV", "MIL", "COP"}, "spokeswoman": {"GOV", "MIL", "COP"},
    "governor": {"GOV"}, "mayor": {"GOV"}, "authorities": {"GOV"}, "cabinet": {"GOV"}, "embassy": {"GOV"},
    "regime": {"GOV"}, "king": {"GOV", "ELI"}, "army": {"MIL"}, "armies": {"MIL"}, "military": {"MIL"},
    "troops": {"MIL"}, "soldier": {"MIL"}, "navy": {"MIL"}, "air force": {"MIL"}, "marines": {"MIL"},
    "forces": {"MIL", "COP", "REB"}, "warplanes": {"MIL"}, "police": {"COP"}, "policemen": {"COP"},
    "court": {"JUD"}, "judge": {"JUD"}, "prosecutor": {"JUD"}, "parliament": {"LEG"},
    "lawmaker": {"LEG"}, "legislator": {"LEG"}, "senator": {"LEG"}, "rebel": {"REB"}, "insurgent": {"REB"},
    "militant": {"REB"}, "militia": {"REB"}, "militias": {"REB"}, "journalist": {"JRN"}, "reporter": {"JRN"},
    "newspaper": {"JRN"}, "protester": {"CVL"}, "demonstrator": {"CVL"}, "civilian": {"CVL"},
    "resident": {"CVL"}, "student": {"CVL", "EDU"}, "cartel": {"CRM"}, "gang": {"CRM"},
    "trafficker": {"CRM"}, "smuggler": {"CRM"}, "refugee": {"REF"}, "migrant": {"REF"}, "party": {"PTY"},
    "opposition": {"OPP"}, "doctor": {"MED"}, "hospital": {"MED"}, "cleric": {"REL"}, "church": {"REL"},
    "company": {"BUS"}, "companies": {"BUS"}, "firm": {"BUS"},
}
# "minister" also matches "ministers", "Prime Minister", "Attorney-General" is not "general"
PATTERN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(SECTOR_WORDS, key=len, reverse=True))
                     + r")(s|es)?(?![\w-])", re.IGNORECASE)


# CAMEO and PLOVER code former office-holders as elites (ELI), whatever the office was.
FORMER = re.compile(r"\b(former|ex-)", re.I)


def sector_words(phrase: str) -> tuple[list[str], set[str]]:
    words, sectors = [], set()
    for m in PATTERN.finditer(phrase):
        words.append(m.group(0))
        sectors |= SECTOR_WORDS[m.group(1).lower()]
    if words and FORMER.search(phrase):
        sectors.add("ELI")
    return words, sectors


def main() -> None:
    from actors_country_resolution import gold_spans

    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--errors", default=None, help="write phrases with no fitting sector to this file")
    ap.add_argument("--sample", type=int, default=0, help="print N random qualifying cases for hand-checking")
    args = ap.parse_args()
    if not Path(args.gold).exists():
        print(f"skipped: {args.gold} not found")
        return
    from tocsin import nlp
    from tocsin.actors import actor_for, annotate
    from tocsin.config import DEFAULT
    from tocsin.model import DocMeta, Document

    rows = [json.loads(line) for line in Path(args.gold).read_text().splitlines() if line.strip()]
    t0 = time.perf_counter()
    total = with_sector = fitting = 0
    cases = []
    for row, parsed in zip(rows, nlp.parse_many([r["text"] for r in rows])):
        document = Document(doc=DocMeta(id=row["id"]), text=row["text"])
        annotate(document, parsed, DEFAULT)
        for role, start, end, text in gold_spans(row):
            words, expected = sector_words(text)
            if not words:
                continue
            span = parsed.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            actor = actor_for(document, span, DEFAULT)
            got = list(actor.sector) if actor else []
            # IGO is a code, not a sector: "UN Secretary-General" fits when the code says so
            ok = bool(set(got) & expected) or ("IGO" in expected and actor is not None
                                              and actor.code in ("IGO", "UNO", "EUR") and bool(got))
            total += 1
            with_sector += bool(got)
            fitting += ok
            cases.append((row["id"], role, text, words, sorted(expected), actor.code if actor else None, got, ok))
    elapsed = time.perf_counter() - t0
    print(f"gold phrases containing a sector word: {total}")
    print(f"resolved to an actor with a sector:    {with_sector} ({100 * with_sector / max(total, 1):.1f}%)")
    print(f"with a sector its words point to:      {fitting} ({100 * fitting / max(total, 1):.1f}%)")
    print(f"({len(rows)} sentences in {elapsed:.1f}s)")
    report(cases, args.errors, args.sample)


if __name__ == "__main__":
    main()
