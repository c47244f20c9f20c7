"""First-level administrative areas (states, provinces, regions) and the country they belong to.

"The Kerala government", "the Ohio state government", "Sindh's provincial government": a government
of a state or province is its country's (PLOVER codes sub-national governments with the country).
The index is built once from pycountry's ISO 3166-2 data; a name shared by two countries ("Punjab":
India and Pakistan) gives no code, and small units (municipalities, parishes) are left out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tocsin.actors.normalize import fold, is_capitalised

_SMALL_UNITS = ("municipality", "council", "parish", "commune", "city", "town", "village", "ward")


@lru_cache(maxsize=4)
def index(skip: frozenset = frozenset()) -> dict[str, str]:
    """Folded area name -> ISO alpha-3 code of its country, for names unique to one country
    (built once, then read from the on-disk cache: tocsin.cache)."""
    from tocsin.cache import cached

    return cached("subdivisions", lambda: _build(skip), packages=("pycountry",), params=sorted(skip))


def _build(skip: frozenset) -> dict[str, str]:
    import pycountry

    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or any(u in sub.type.lower() for u in _SMALL_UNITS):
            continue
        name = fold(re.sub(r"\s*[\(\[].*?[\)\]]", "", sub.name).strip())
        if name and name not in skip:
            found.setdefault(name, set()).add(sub.country_code)
    out = {}
    for name, countries in found.items():
        if len(countries) == 1:
            country = pycountry.countries.get(alpha_2=next(iter(countries)))
            if country is not None:
                out[name] = country.alpha_3
    return out


def runs(tokens) -> list[list]:
    """Maximal runs of capitalised proper nouns (hyphens inside kept): the candidate area names."""
    out, run = [], []
    for t in tokens:
        if (t.pos_ == "PROPN" and is_capitalised(t.text)) or (run and t.text == "-"):
            run.append(t)
        else:
            if run:
                out.append(run)
            run = []
    if run:
        out.append(run)
    return out


def country_of(run, skip: frozenset = frozenset()) -> str | None:
    """The country code of an area named by exactly these tokens, None if none or ambiguous."""
    text = "".join(t.text_with_ws for t in run).strip()
    return index(skip).get(fold(text))
