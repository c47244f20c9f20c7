"""Text keys for matching names: diacritics, case and typographic apostrophes do not matter."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2013": "-"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """'Nicolás' -> 'nicolas', 'Venezuela’s' -> "venezuela's"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})


def title_key(key: str) -> str:
    """'attorney-general' and 'attorney general' are one title."""
    return key.replace("-", " ") if "-" in key else key


def is_capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper()


@lru_cache(maxsize=65536)
def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def has_diacritics(text: str) -> bool:
    return unicodedata.normalize("NFKD", text) != text
