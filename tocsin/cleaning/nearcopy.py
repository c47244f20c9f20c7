"""Find near-exact repeats of earlier paragraphs without comparing every pair.

A repeat close enough to pass the `fuzzy_ratio` threshold (rapidfuzz's ratio, 92 by default)
shares nearly all its words with its first copy, and so its rarest words (names, places, rare
terms), rarity being counted over the whole text. So each kept paragraph is indexed by its few
rarest words, and a new one is compared only with the paragraphs that share one of its own, the
latest few of each: the candidate set is bounded whatever the text, so
cleaning stays linear in its size even on a page of thousands of similar lines. On news text
this finds what comparing every pair finds; only on a page whose lines all share the same
common words can a copy far back go unnoticed (the cost of the bound).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

_NUMBER = re.compile(r"\d+")
KEY_WORDS = 6  # rarest words of a paragraph: what it is indexed by and what it looks up
RECENT_PER_WORD = 32  # latest paragraphs read per word: bounds a long posting list


class NearCopies:
    """Kept paragraphs (normalised), searchable for a near-exact copy with the same numbers."""

    def __init__(self, cutoff: float, corpus: Iterable[str] = ()):
        self.cutoff = cutoff
        # How many paragraphs of this text hold each word: the rarest words index and probe.
        frequency = Counter(word for norm in corpus for word in set(norm.split()))
        # Words by rarity, ties by spelling (a fixed order, whatever the hash seed); a word in a
        # single paragraph (a typo, a new name) cannot lead to a copy and is left out.
        ranked = sorted((w for w, n in frequency.items() if n > 1), key=lambda w: (frequency[w], w))
        self.rank = {word: i for i, word in enumerate(ranked)}
        self.texts: list[str] = []
        # numbers -> word -> paragraphs: only paragraphs with the same numbers can be a copy.
        self.postings: dict[tuple[str, ...], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self._last: tuple[str, tuple[tuple[str, ...], list[str]]] | None = None

    def _key(self, norm: str) -> tuple[tuple[str, ...], list[str]]:
        """The numbers of `norm` and its rarest words (kept for `add` right after `has_copy`)."""
        if self._last is None or self._last[0] is not norm:
            rank = self.rank
            words = sorted((w for w in set(norm.split()) if w in rank), key=rank.__getitem__)[:KEY_WORDS]
            self._last = (norm, (tuple(_NUMBER.findall(norm)), words))
        return self._last[1]

    def add(self, norm: str) -> None:
        index = len(self.texts)
        self.texts.append(norm)
        numbers, words = self._key(norm)
        postings = self.postings[numbers]
        for word in words:
            postings[word].append(index)

    def candidates(self, norm: str) -> list[int]:
        """Earlier paragraphs with the same numbers that share one of the rarest words of `norm`."""
        numbers, words = self._key(norm)
        postings = self.postings.get(numbers)
        if not postings:
            return []
        found: set[int] = set()
        for word in words:
            found.update(postings.get(word, ())[-RECENT_PER_WORD:])
        return sorted(found)

    def has_copy(self, norm: str) -> bool:
        """A near-exact repeat; an update that changes a number ("12 dead" -> "15 dead") is news."""
        same = [self.texts[k] for k in self.candidates(norm)]
        return process.extractOne(norm, same, scorer=fuzz.ratio, score_cutoff=self.cutoff) is not None
