"""Near-exact repeats are found through an index, with the result of comparing every pair."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import rapidfuzz.fuzz

from tocsin.clean import clean
from tocsin.cleaning import nearcopy

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
VOCABULARY = (
    "the ministry said troops crossed river border town at dawn on monday officials reported convoy "
    "talks resumed capital envoy harbour fishermen seized trawler coast guard protest strike union "
    "governor mayor council vote ceasefire shelling village aid agency refugees camp flood rains"
).split()
NAMES = ["Velmora", "Ostrava", "Lindmar", "Kessa", "Port Essel", "Tarnow", "Okley", "Brasca"]


# Invented words by a Zipf law, as in news: a few very common, most rare.
LEXICON = VOCABULARY + [a + b + c for a in ("ka", "lo", "mer", "ti", "vas", "dro") for b in ("ra", "no", "te", "li", "sca")
                        for c in ("", "n", "s", "ta", "ro")]
ZIPF = [1 / rank for rank in range(1, len(LEXICON) + 1)]


def _paragraph(rng: random.Random, words: list[str] = LEXICON, weights: list[float] | None = ZIPF) -> str:
    words = rng.choices(words, weights, k=rng.randint(8, 30))
    words.insert(rng.randrange(len(words)), rng.choice(NAMES))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 90)))
    return " ".join(words).capitalize() + "."


def _variant(text: str, rng: random.Random) -> str:
    """A repeat as scrapers print it: re-cased, a letter dropped, a number changed, or verbatim."""
    kind = rng.choice(["upper", "typo", "number", "same", "stop"])
    if kind == "upper":
        return text.upper()
    if kind == "typo":
        at = rng.randrange(len(text))
        return text[:at] + text[at + 1:]
    if kind == "number":
        return text + " 7"
    if kind == "stop":
        return text.rstrip(".")
    return text


def _page(seed: int, n: int) -> str:
    rng = random.Random(seed)
    lines: list[str] = []
    for _ in range(n):
        if lines and rng.random() < 0.25:
            lines.append(_variant(rng.choice(lines), rng))
        else:
            lines.append(_paragraph(rng))
    return "\n".join(lines)


def _every_pair(monkeypatch):
    """The reference: every kept paragraph with the same numbers is compared (as before the index)."""
    def every_pair(self, norm):
        numbers = re.findall(r"\d+", norm)
        return [k for k, text in enumerate(self.texts) if re.findall(r"\d+", text) == numbers]

    monkeypatch.setattr(nearcopy.NearCopies, "candidates", every_pair)


def _texts() -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    return pages + [_page(seed, 300) for seed in range(6)]


def test_the_index_finds_what_comparing_every_pair_finds(monkeypatch):
    indexed = [clean(text).removed for text in _texts()]
    assert sum(r.reason == "duplicate" for removed in indexed for r in removed) > 100
    _every_pair(monkeypatch)
    assert [clean(text).removed for text in _texts()] == indexed


def test_comparisons_grow_linearly_with_the_number_of_paragraphs(monkeypatch):
    calls = 0
    ratio = rapidfuzz.fuzz.ratio

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return ratio(*args, **kwargs)

    monkeypatch.setattr(rapidfuzz.fuzz, "ratio", counting)
    rng = random.Random(11)
    # Thousands of distinct lines made of the same few dozen words: every line looks like every other.
    n = 3000
    text = "\n".join(_paragraph(rng, VOCABULARY, None) for _ in range(n))
    clean(text)
    assert 0 < calls <= nearcopy.KEY_WORDS * nearcopy.RECENT_PER_WORD * n < n * (n - 1) // 4


@pytest.mark.parametrize("distance", [1, 500, 5000])
def test_a_repeat_far_from_its_first_copy_is_found(distance):
    rng = random.Random(distance)
    first = "Coast guard officers in Velmora seized the trawler Marisol after a two day chase, the harbour master said."
    filler = [_paragraph(rng) for _ in range(distance)]
    text = "\n".join([first, *filler, first.upper().rstrip(".")])
    duplicates = [r for r in clean(text).removed if r.reason == "duplicate"]
    assert duplicates and duplicates[-1].text == first.upper().rstrip(".")
