"""Pick a Doc's tokens by part of speech from its array of tags, not by walking every token in
Python: the speech stage looks mostly at verbs, a small share of the words."""

from __future__ import annotations

from bisect import bisect_left

import numpy as np
from spacy.attrs import POS
from spacy.symbols import AUX, VERB

VERBS = (VERB, AUX)


def indices_with_pos(doc, pos_ids) -> list[int]:
    """Indices of the tokens whose `pos` is one of `pos_ids`, in text order."""
    return np.flatnonzero(np.isin(doc.to_array(POS), list(pos_ids))).tolist()


def within(indices: list[int], start: int, end: int) -> list[int]:
    """The part of a sorted list of token indices inside [start, end) (a sentence)."""
    return indices[bisect_left(indices, start) : bisect_left(indices, end)]
