"""Generate tocsin/data/actor_kb.json, the dated actor knowledge base, from the Phoenix actor
dictionaries (MIT, Open Event Data Alliance) and the Wikidata world-leaders list (CC0).

    .venv/bin/python scripts/make_actor_kb.py [SOURCES_DIR]   # default ../shared/data/actor_sources

The raw files are TABARI/PETRARCH dictionaries (see PROVENANCE.md beside them). This script turns
them into tocsin's own format: one person or organisation per line,
  {"name": ..., "aliases": [...], "spans": [[code, [sectors], start, end], ...],
   "default": [code, [sectors]] | null, "source": ...}
with ISO alpha-3 country codes (old CAMEO codes folded: ANG -> AGO ...), PLOVER's IGO/UNO/EUR/NGO/
IMG/MNC codes, tocsin's sector names, ISO dates. Regional codes, media entries (outlets.yaml codes
outlets) and the country/city blocks (countries.yaml covers them) are left out. The hand-written
office_holders.yaml covers 2015 onwards and wins over this file at run time.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "tocsin" / "data" / "actor_kb.json"

# Old CAMEO / non-ISO country codes -> ISO alpha-3 (None: no single present-day country).
OLD_CODES = {"ANG": "AGO", "ROM": "ROU", "TMP": "TLS", "ZAR": "COD", "BUR": "MMR", "KSV": "KOS", "SRP": "SRB",
             "SCG": "SRB", "FRY": "SRB", "YUG": None, "USR": "RUS", "SUN": "RUS", "DDR": "DEU", "CSK": None,
             "GZA": "PSE", "WBK": "PSE", "PAL": "PSE", "BAH": "BHS", "HIN": None}
# Regional and stray codes: the entry gets no country from them.
REGIONAL = {"SAS", "WAF", "AFR", "MEA", "SEA", "EAF", "LAM", "WEU", "EEU", "ASA", "NAF", "SAF", "CAS", "SAM",
            "EUR", "INT", "KKL", "KNT", "BUD", "NMR", "EIN", "CFR", "KRJ", "MOS", "FRN", "MED", "ELI"}
# CAMEO sector codes -> tocsin's sectors (sectors.yaml `codes`); others are dropped.
SECTORS = {"GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "PTY": "PTY", "ELI": "ELI", "COP": "COP",
           "JUD": "JUD", "BUS": "BUS", "EDU": "EDU", "LAB": "LAB", "LEG": "LEG", "REF": "REF", "CVL": "CVL",
           "HRI": "HRI", "AGR": "AGR", "ENV": "ENV", "SPY": "SPY", "CRM": "CRM", "REL": "REL", "HLH": "MED",
           "MED": "JRN", "UAF": "REB", "CHR": "REL", "MUS": "REL", "JEW": "REL", "CTH": "REL", "NGO": "NGO"}
# Words that head an alias as a title, not as part of the name ("PRESIDENT_BARACK_OBAMA").
TITLES = {"president", "prime", "minister", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "general",
          "gen", "gen.", "king", "queen", "prince", "princess", "sheikh", "shaykh", "emir", "sultan", "foreign",
          "defense", "defence", "secretary", "secretary-general", "secretary general", "chancellor", "premier",
          "vice", "deputy", "chairman", "leader", "sen.", "senator", "rep.", "governor", "ambassador", "crown",
          "interior", "finance", "state", "of", "united", "nations", "un", "u.n.", "former", "colonel", "col.",
          "admiral", "marshal", "field", "supreme", "ayatollah", "pope", "cardinal", "archbishop", "bishop",
          "lt.", "lieutenant", "major", "maj.", "captain", "capt.", "chief", "commander", "pres.", "president-elect"}
_DATE = re.compile(r"^\d{6}$|^\d{8}$")


def iso_date(d: str) -> str:
    if len(d) == 8:
        return f"{d[:4]}-{d[4:6]}-{d[6:]}"
    yy = int(d[:2])
    return f"{1900 + yy if yy > 30 else 2000 + yy}-{d[2:4]}-{d[4:6]}"


def countries() -> set[str]:
    data = yaml.safe_load((ROOT / "tocsin" / "data" / "countries.yaml").read_text(encoding="utf-8"))
    return {c["code"] for c in data["countries"]}


def parse_code(raw: str, known: set[str]) -> tuple[str | None, list[str]] | None:
    """'TURGOV' -> ('TUR', ['GOV']); 'IGOUNOKID' -> ('UNO', []); 'MED' -> None (an outlet)."""
    raw = raw.strip().upper()
    if not re.fullmatch(r"[A-Z]{3,15}", raw) or raw == "MED":
        return None
    head, rest = raw[:3], [raw[i : i + 3] for i in range(3, len(raw) - len(raw) % 3, 3)]
    if head == "IGO":
        sub = rest[0] if rest else ""
        code = "UNO" if sub == "UNO" else "EUR" if sub == "EUR" and "EEC" in rest else "IGO"
        rest = rest[1:] if sub in ("UNO", "EUR") or sub in REGIONAL else rest
    elif head in ("NGO", "IMG", "MNC"):
        code = head
    elif head in SECTORS and head not in ("MED",):  # a sector alone ("[ELI]"): no country
        code, rest = None, [head, *rest]
    else:
        code = OLD_CODES.get(head, head)
        if head in REGIONAL or code is None or code not in known:
            code = None
    sectors = []
    for s in rest:
        t = SECTORS.get(s)
        if t and t not in sectors:
            sectors.append(t)
    if code is None and not sectors:
        return None
    return code, sectors


def clean_name(raw: str) -> str | None:
    """'PRIME_MINISTER_RECEP_ERDOGAN_' -> 'Recep Erdogan' (titles dropped, words title-cased)."""
    raw = raw.strip().strip("+").rstrip("_").replace("_", " ")
    raw = re.sub(r"\(.*?\)", "", raw).strip()
    words = raw.split()
    while len(words) > 1 and words[0].lower() in TITLES:
        words.pop(0)
    if not words or not any(c.isalpha() for c in "".join(words)):
        return None
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in words).replace(" - ", "-")


def _fix_case(name: str) -> str:
    # "Al-assad" -> "Al-Assad", "O'brien" -> "O'Brien"
    return re.sub(r"([-'’])(\w)", lambda m: m.group(1) + m.group(2).upper(), name)


def read_phoenix(path: Path, known: set[str], source: str) -> list[dict]:
    entries, cur = [], None

    def close():
        if cur and (cur["spans"] or cur["default"]):
            entries.append(cur)

    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        text = re.sub(r"\[[^\]]*\]", "", body).strip()
        if text and not line[0].isspace():
            if text.startswith("+"):
                if cur is not None:
                    name = clean_name(text)
                    if name and name not in cur["aliases"] and name != cur["name"]:
                        cur["aliases"].append(_fix_case(name))
            else:
                close()
                name = clean_name(text)
                cur = {"name": _fix_case(name), "aliases": [], "spans": [], "default": None,
                       "source": source} if name else None
        if cur is None:
            continue
        for c in codes:
            parts = c.split()
            if not parts:
                continue
            parsed = parse_code(parts[0], known)
            if parsed is None:
                continue
            code, sectors = parsed
            if len(parts) == 1:
                cur["default"] = cur["default"] or [code, sectors]
                continue
            d = parts[1]
            start = end = None
            if d.startswith(">") and _DATE.match(d[1:]):
                start = iso_date(d[1:])
            elif d.startswith("<") and _DATE.match(d[1:]):
                end = iso_date(d[1:])
            elif "-" in d and all(_DATE.match(x) for x in d.split("-")):
                start, end = (iso_date(x) for x in d.split("-"))
            else:
                continue
            cur["spans"].append([code, sectors, start, end])
    close()
    return entries


def prune_aliases(entry: dict) -> None:
    """'Israeli Prime Minister Benjamin Netanyahu' adds nothing to 'Benjamin Netanyahu': the actors
    stage takes titles and country words off a name before it looks the name up."""
    names = [entry["name"], *entry["aliases"]]
    out = []
    for a in entry["aliases"]:
        if a in out or a == entry["name"]:
            continue
        if any(a != n and a.lower().endswith(" " + n.lower()) for n in names):
            continue
        out.append(a)
    entry["aliases"] = out


def keep(entry: dict) -> bool:
    """Country and city blocks (a bare country code, no sector) are countries.yaml's job."""
    codes = [s for s in entry["spans"]] + ([entry["default"]] if entry["default"] else [])
    return any(sectors or code in ("IGO", "UNO", "EUR", "NGO", "IMG", "MNC") for code, sectors, *_ in codes)


def fill_defaults(entry: dict) -> None:
    """A person whose every span is dated keeps the country after the last span as an elite (ELI):
    PLOVER codes former office-holders as elites."""
    if entry["default"] is None and entry["spans"]:
        code = entry["spans"][-1][0]
        if code and len(code) == 3 and code not in ("IGO", "UNO", "EUR", "NGO", "IMG", "MNC"):
            entry["default"] = [code, ["ELI"]]
    elif entry["default"] and entry["default"][0] is None and entry["spans"]:
        entry["default"] = [entry["spans"][-1][0], entry["default"][1]]


def read_wikidata(path: Path, names: dict[str, str]) -> list[dict]:
    out: dict[str, dict] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = names.get(row["country"].lower())
            if not code or not row["start_year"]:
                continue
            person = out.setdefault(row["officeholder"], {
                "name": row["officeholderLabel"], "aliases": [], "spans": [], "default": [code, ["ELI"]],
                "source": "wikidata " + row["officeholder"]})
            end = f"{row['end_year']}-12-31" if row["end_year"] else None
            person["spans"].append([code, ["GOV"], f"{row['start_year']}-01-01", end])
    return list(out.values())


def main() -> None:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "actor_sources"
    known = countries()
    entries = []
    for name, kind in (("Phoenix.Countries.actors.txt", "people"), ("Phoenix.International.actors.txt", "intl"),
                       ("Phoenix.MilNonState.actors.txt", "armed")):
        for e in read_phoenix(src / "phoenix" / name, known, f"phoenix:{name.split('.')[1]}"):
            if keep(e):
                fill_defaults(e)
                prune_aliases(e)
                entries.append(e)
    data = yaml.safe_load((ROOT / "tocsin" / "data" / "countries.yaml").read_text(encoding="utf-8"))
    names = {n.lower(): c["code"] for c in data["countries"] for n in [c["name"], *(c.get("names") or [])]}
    entries += read_wikidata(src / "wikidata" / "world-leaders-2021_wikidata.csv", names)
    from tocsin.actors.knowledge import _key

    # The folded lookup keys come first on each row, computed once here: loading reads only them
    # and parses a row when a lookup reaches it.
    entries = [{"keys": list(dict.fromkeys(k for k in (_key(n) for n in [e["name"], *e["aliases"]]) if k)), **e}
               for e in entries]
    licence = (src / "phoenix" / "LICENSE").read_text(encoding="utf-8").strip()
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write('{"about": ' + json.dumps(
            "Generated by scripts/make_actor_kb.py from the Phoenix actor dictionaries (openeventdata/petrarch2, "
            "MIT licence below) and Wikidata (CC0). Do not edit: edit office_holders.yaml or the script.") + ",\n")
        fh.write(' "licence": ' + json.dumps(licence) + ',\n "actors": [\n')
        fh.write(",\n".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) for e in entries))
        fh.write("\n]}\n")
    print(f"{len(entries)} actors -> {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
