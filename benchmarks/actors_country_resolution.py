"""How often a gold PLOVER source/target that names a country resolves to a country-coded actor.

    .venv/bin/python benchmarks/actors_country_resolution.py [--gold PATH] [--errors FILE] [--sample N]

Gold: ../shared/data/plv_dev.jsonl (skipped when absent). Each row's sentence goes through the
actors stage, then `actor_for` is asked about the gold `source` and `target` phrases (located by
the <s>/<t> marks).

Which phrases count is decided WITHOUT tocsin's dictionaries, so the figure does not grade the
resolver on its own word lists: a phrase qualifies when it contains
  - a country name from pycountry (name, common name, official name, and the part before a comma
    of names like "Korea, Republic of"), or
  - an adjective derived from such a name by English suffix rules (Venezuela -> Venezuelan,
    Iran -> Iranian, Israel -> Israeli, China -> Chinese, ...), or one of a few irregular forms
    and abbreviations listed below (American, British, French, U.S., UK ...), or
  - a national-institution word from the short list below (Pentagon, Congress, Kremlin ...).
The expected country is the one that word points to; the script reports both "resolved to some
country code" (the issue's figure) and "resolved to the expected code". A gold phrase may list
several actors ("Turkey and Russia", "US and Afghan forces"); `actor_for` answers for its head, so
a third line counts the phrase right when any actor of `actors_for` (one per conjunct) has the
expected code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from _cases import report

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "data" / "plv_dev.jsonl"

IRREGULAR = {
    "American": "USA", "Americans": "USA", "U.S.": "USA", "US": "USA", "USA": "USA", "America": "USA",
    "British": "GBR", "Briton": "GBR", "Britain": "GBR", "UK": "GBR", "U.K.": "GBR", "English": "GBR",
    "French": "FRA", "Dutch": "NLD", "Swiss": "CHE", "Filipino": "PHL", "Philippine": "PHL", "Thai": "THA",
    "Greek": "GRC", "Turkish": "TUR", "Polish": "POL", "Danish": "DNK", "Swedish": "SWE", "Finnish": "FIN",
    "Irish": "IRL", "Spanish": "ESP", "Welsh": "GBR", "Scottish": "GBR", "Afghan": "AFG", "Saudi": "SAU",
    "Czech": "CZE", "Slovak": "SVK", "Emirati": "ARE", "UAE": "ARE", "Iraqi": "IRQ",
    "Yemeni": "YEM", "Pakistani": "PAK", "Bangladeshi": "BGD", "Kuwaiti": "KWT", "Qatari": "QAT",
    "Omani": "OMN", "Bahraini": "BHR", "Somali": "SOM", "Nepalese": "NPL", "Argentine": "ARG",
    "Russia": "RUS", "Syria": "SYR", "Iran": "IRN", "North Korea": "PRK", "South Korea": "KOR",
    "Taiwan": "TWN", "Vietnam": "VNM", "Palestinian": "PSE", "Palestinians": "PSE", "Gaza": "PSE",
    "Kosovo": "KOS", "Ivory Coast": "CIV", "Burma": "MMR", "Moldova": "MDA", "Bolivia": "BOL",
    "Venezuela": "VEN", "Tanzania": "TZA", "Laos": "LAO", "Congo": None, "Korea": None, "Korean": None,
}
INSTITUTIONS = {
    "Pentagon": "USA", "Congress": "USA", "Kremlin": "RUS", "White House": "USA", "Downing Street": "GBR",
    "State Department": "USA", "FBI": "USA", "CIA": "USA", "Knesset": "ISR", "Duma": "RUS",
    "Bundestag": "DEU", "Capitol Hill": "USA", "Whitehall": "GBR", "Elysee": "FRA", "Élysée": "FRA",
}


def adjective_forms(name: str) -> set[str]:
    """English adjective and plural forms of a country name by suffix rules."""
    forms = set()
    stem = name
    if name.endswith("a"):
        forms |= {name + "n", name[:-1] + "an", name[:-1] + "ian"}  # Venezuelan, Russian, Syrian
    if name.endswith("ia"):
        forms.add(name + "n")  # Serbian
    if name.endswith(("an", "el", "ait", "q", "en", "ar")):
        forms.add(name + "i")  # Pakistani, Israeli, Kuwaiti, Iraqi, Yemeni, Qatari
    if name.endswith(("n", "l", "r", "t", "d", "c")) or name.endswith("o"):
        forms |= {name + "ian", name + "an", name + "ese", name + "n"}  # Iranian, Mexican, Togolese
    if name.endswith("y"):
        forms.add(name[:-1] + "ian")  # Italian
    if name.endswith("e"):
        forms |= {name[:-1] + "ian", name + "se"}
    if name.endswith("na"):
        forms.add(name[:-1] + "ese")  # Chinese
    if name.endswith("an"):
        forms.add(name[:-2] + "anese")  # Japanese, Sudanese
    if name.endswith("ia"):
        forms.add(name[:-2] + "ian")
    forms |= {f + "s" for f in list(forms) if f.endswith(("an", "i"))}
    forms.discard(stem)
    return forms


def country_words() -> dict[str, str | None]:
    words: dict[str, str | None] = {}
    derived: dict[str, str | None] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        if ", " in c.name:
            names.add(c.name.split(", ")[0])
        for n in filter(None, names):
            words.setdefault(n, c.alpha_3)
            if " " not in n:
                for f in adjective_forms(n):
                    if f in derived and derived[f] != c.alpha_3:
                        derived[f] = None  # "Nigerian" from Niger and Nigeria: no single country
                    else:
                        derived.setdefault(f, c.alpha_3)
    for f, code in derived.items():
        words.setdefault(f, code)
    words.update(IRREGULAR)
    words.update(INSTITUTIONS)
    return words


def qualifying(phrase: str, words: dict[str, str | None], pattern) -> tuple[str, str | None] | None:
    m = pattern.search(phrase)
    if not m:
        return None
    return m.group(0), words.get(m.group(0))


def gold_spans(row: dict) -> list[tuple[str, int, int, str]]:
    """(role, start, end, text) of the source and target in row['text'], from the <s>/<t> marks."""
    out = []
    for tag, role in (("s", "source"), ("t", "target")):
        plain = re.sub(r"</?[st]>", "", row["marked"].split(f"<{tag}>")[0])
        if f"<{tag}>" not in row["marked"]:
            continue
        start = len(plain)
        text = row[role]
        if row["text"][start : start + len(text)] != text:
            found = row["text"].find(text)
            if found < 0:
                continue
            start = found
        out.append((role, start, start + len(text), text))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--errors", default=None, help="write misses and wrong codes to this file")
    ap.add_argument("--sample", type=int, default=0, help="print N random qualifying cases for hand-checking")
    args = ap.parse_args()
    if not Path(args.gold).exists():
        print(f"skipped: {args.gold} not found")
        return
    from tocsin import nlp
    from tocsin.actors import actor_for, actors_for, annotate
    from tocsin.config import DEFAULT
    from tocsin.model import DocMeta, Document

    words = country_words()
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                         + r")(?![\w])")
    rows = [json.loads(line) for line in Path(args.gold).read_text().splitlines() if line.strip()]
    t0 = time.perf_counter()
    total = coded = agree = agree_any = 0
    cases = []
    for row, parsed in zip(rows, nlp.parse_many([r["text"] for r in rows])):
        document = Document(doc=DocMeta(id=row["id"]), text=row["text"])
        annotate(document, parsed, DEFAULT)
        for role, start, end, text in gold_spans(row):
            q = qualifying(text, words, pattern)
            if q is None:
                continue
            span = parsed.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            actor = actor_for(document, span, DEFAULT)
            code = actor.code if actor else None
            total += 1
            coded += code is not None
            ok = code is not None and (q[1] is None or code == q[1])
            agree += ok
            agree_any += ok or (q[1] is not None and any(a.code == q[1] for a in actors_for(document, span, DEFAULT)))
            cases.append((row["id"], role, text, q[0], q[1], code, actor.sector if actor else None, ok))
    elapsed = time.perf_counter() - t0
    print(f"gold phrases naming a country/nationality/national institution: {total}")
    print(f"resolved to an actor with a country code: {coded} ({100 * coded / max(total, 1):.1f}%)")
    print(f"resolved to the expected code:            {agree} ({100 * agree / max(total, 1):.1f}%)")
    print(f"  any conjunct with the expected code:    {agree_any} ({100 * agree_any / max(total, 1):.1f}%)")
    print(f"({len(rows)} sentences in {elapsed:.1f}s)")
    report(cases, args.errors, args.sample)


if __name__ == "__main__":
    main()
