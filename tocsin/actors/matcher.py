"""Finds dictionary names in parsed text: longest match first, case-aware, diacritics ignored.

A dictionary word written with a capital needs a capital in the text ("Chad", not "chad"); an
acronym needs capitals ("US", not "us"; "WHO", not "who"; "LeT", not "Let"). A leading "the" is
taken into the match when it is there, and required for one-word names that carry it ("The
Guardian").
"""

from __future__ import annotations

from dataclasses import dataclass

from tocsin import nlp
from tocsin.actors.dictionaries import Entry, Form, Lexicon
from tocsin.actors.normalize import fold, is_acronym, is_capitalised
from tocsin.parsed import Doc


@dataclass(frozen=True)
class Match:
    start: int  # token index in the Doc, the leading "the" included
    end: int
    name_start: int  # first token of the name itself
    entry: Entry


def _case_ok(word: str, text: str) -> bool:
    if is_acronym(word):
        return is_acronym(text) or text.isupper()
    if len(word) <= 4 and any(c.isupper() for c in word[1:]):
        # a short mixed-case acronym ("LeT", "AfD", "PiS") is written so or in capitals: "Let" is a word
        return fold(text) == fold(word) and (text.isupper() or all(
            a.isupper() == b.isupper() for a, b in zip(word, text) if a.isalpha()))
    if is_capitalised(word):
        return is_capitalised(text)
    return True


def _fits(form: Form, texts: list[str], i: int) -> bool:
    n = len(form.keys)
    if i + n > len(texts):
        return False
    for k in range(n):
        text = texts[i + k]
        if fold(text) != form.keys[k] or not _case_ok(form.words[k], text):
            return False
    # the name must not run on into a longer capitalised name ("Jordan" in "Jordan Peterson" is left to NER)
    return True


def find(tokens, lexicon: Lexicon) -> list[Match]:
    """Dictionary matches over a Doc or Span, left to right, longest first, not overlapping."""
    matches: list[Match] = []
    if isinstance(tokens, Doc):
        texts = nlp.column(tokens, "text")
        tokens = nlp.tokens(tokens)
    else:
        tokens = list(tokens)
        texts = [t.text for t in tokens]
    n = len(tokens)
    offset = tokens[0].i if n else 0
    i = 0
    while i < n:
        forms = lexicon.forms.get(fold(texts[i]))
        hit = None
        if forms:
            for form in forms:  # longest first
                if _fits(form, texts, i):
                    prev_the = i > 0 and tokens[i - 1].lower_ == "the"
                    if form.needs_the and not prev_the:
                        continue
                    nxt = i + len(form.keys)
                    if form.needs_the and nxt < n and tokens[nxt].pos_ in ("NOUN", "PROPN"):
                        continue  # "The Australian Government": an adjective here, not the newspaper
                    hit = form
                    break
        if hit is None:
            i += 1
            continue
        start = i - 1 if (i > 0 and tokens[i - 1].lower_ == "the" and hit.entry.kind != "demonym") else i
        matches.append(Match(start + offset, i + len(hit.keys) + offset, i + offset, hit.entry))
        i += len(hit.keys)
    return matches
