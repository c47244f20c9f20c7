"""The word lists of tocsin/data/dates.yaml (plus users' files), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tocsin.yamlfast import safe_load

DATA = Path(__file__).resolve().parent.parent / "data" / "dates.yaml"


@dataclass(frozen=True)
class Words:
    edges: tuple[str, ...]
    future_aux: frozenset[str]
    future_going: frozenset[str]
    reject: tuple[str, ...]
    reject_preps: frozenset[str]
    weekdays: frozenset[str]
    months: frozenset[str]
    shift_preps: frozenset[str]
    offset_marks: dict[str, int]  # "after" -> -1: the direction a clause's opening word moves its day
    offset_units: dict[str, int]  # "week" -> 7: days per unit of a distance between two events
    offset_numbers: dict[str, int]  # "two" -> 2


@lru_cache(maxsize=8)
def load_words(extra: tuple[Path, ...] = ()) -> Words:
    lists: dict[str, list[str]] = {}
    for path in (DATA, *extra):
        data = safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for key, values in data.items():
            lists.setdefault(key, []).extend(str(v).lower() for v in values or [])

    def get(key):
        return lists.get(key, [])

    return Words(
        # Longest first, so "the end of" goes before "the".
        edges=tuple(sorted(set(get("edge_words")), key=len, reverse=True)),
        future_aux=frozenset(get("future_aux")),
        future_going=frozenset(get("future_going")),
        reject=tuple(get("reject_words")),
        reject_preps=frozenset(get("reject_preps")),
        weekdays=frozenset(get("weekdays")),
        months=frozenset(get("months")),
        shift_preps=frozenset(get("shift_preps")),
        offset_marks=_pairs(get("offset_marks")),
        offset_units=_pairs(get("offset_units")),
        offset_numbers=_pairs(get("offset_numbers")),
    )


def _pairs(items: list[str]) -> dict[str, int]:
    """"week=7" -> {"week": 7}."""
    return {key.strip(): int(value) for key, _, value in (item.partition("=") for item in items)}
