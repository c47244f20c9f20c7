"""Finds dictionary names in parsed text: longest match first, case-aware, diacritics ignored.

A dictionary word written with a capital needs a capital in the text ("Chad", not "chad"); an
acronym needs capitals ("US", not "us"; "WHO", not "who"; "LeT", not "Let"). A leading "the" is
taken into the match when it is there, and required for one-word names that carry it ("The
Guardian").

An acronym the article defines ("the Rapid Support Forces (RSF)") means what the article says,
not what the dictionary gives for it (Reporters Without Borders): it takes the dictionary entry
of its long form; when the dictionary does not know the long form as written, it keeps its own
entry for the acronym only if that entry's name shares a word with the long form.
"""

from __future__ import annotations

from dataclasses import dataclass

from tocsin import nlp
from tocsin.actors.dictionaries import Entry, Form, Lexicon
from tocsin.actors.normalize import fold, is_acronym, is_capitalised


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


def _fits(form: Form, keys: list[str], texts: list[str], i: int) -> bool:
    """The form's words are the text's from word i on (`keys`: the text's words folded)."""
    n = len(form.keys)
    if tuple(keys[i : i + n]) != form.keys:
        return False
    return all(_case_ok(word, text) for word, text in zip(form.words, texts[i : i + n]))


def find(tokens, lexicon: Lexicon) -> list[Match]:
    """Dictionary matches over a Doc or Span, left to right, longest first, not overlapping."""
    if hasattr(tokens, "start"):  # a Span
        doc, lo, hi = tokens.doc, tokens.start, tokens.end
    else:
        doc, lo, hi = tokens, 0, len(tokens)
    words = nlp.tokens(doc)
    fitting = _fitting(doc, lexicon)
    defined = _defined(doc, lexicon)
    matches: list[Match] = []
    i = lo
    while i < hi:
        hit = None
        entry = defined.get(words[i].text, False)
        if entry is not False and (fitting[i] or entry is not None):  # the article's own acronym
            if entry is not None:
                matches.append(Match(i - 1 if i > lo and words[i - 1].lower_ == "the" else i, i + 1, i, entry))
            i += 1
            continue
        for form in fitting[i]:  # longest first
            nxt = i + len(form.keys)
            if nxt > hi:
                continue
            prev_the = i > lo and words[i - 1].lower_ == "the"
            if form.needs_the and not prev_the:
                continue
            if form.needs_the and nxt < hi and words[nxt].pos_ in ("NOUN", "PROPN"):
                continue  # "The Australian Government": an adjective here, not the newspaper
            hit = form
            break
        if hit is None:
            i += 1
            continue
        start = i - 1 if (i > lo and words[i - 1].lower_ == "the" and hit.entry.kind != "demonym") else i
        matches.append(Match(start, i + len(hit.keys), i, hit.entry))
        i += len(hit.keys)
    return matches


def _fitting(doc, lexicon: Lexicon) -> list[tuple[Form, ...]]:
    """For each word of the Doc, the forms whose words are the Doc's from that word on, longest
    first. Kept per Doc and lexicon: the actors stage matches the whole Doc, then many phrases
    inside it again."""
    cache = nlp.shared(doc).setdefault("actors.fitting", {})
    found = cache.get(id(lexicon))
    if found is None:
        texts, forms, none = nlp.column(doc, "text"), lexicon.forms, ()
        keys = list(map(fold, texts))
        found = cache[id(lexicon)] = [
            tuple(f for f in known if _fits(f, keys, texts, i)) if (known := forms.get(key)) else none
            for i, key in enumerate(keys)]
    return found


_LONGEST = 12  # words a long form may have


def _defined(doc, lexicon: Lexicon) -> dict[str, Entry | None]:
    """The acronyms the Doc defines, "Long Form (LF)", each with the dictionary entry of its long
    form (None when the dictionary has no entry for it). Kept per Doc and lexicon."""
    cache = nlp.shared(doc).setdefault("actors.defined", {})
    found = cache.get(id(lexicon))
    if found is not None:
        return found
    found = cache[id(lexicon)] = {}
    texts = nlp.column(doc, "text")
    for i in range(1, len(texts) - 2):
        acronym = texts[i + 1]
        if texts[i] != "(" or texts[i + 2] != ")" or not is_acronym(acronym) or acronym in found:
            continue
        start = _long_form(texts, i, acronym, lexicon.acronym_joiners)
        if start is None:
            continue
        keys = tuple(fold(t) for t in texts[start:i])
        entry = next((f.entry for f in lexicon.forms.get(keys[0], ()) if f.keys == keys), None)
        if entry is None and _means_the_same(acronym, set(keys) - lexicon.acronym_joiners, lexicon):
            continue  # "Organisation of American States (OAS)": spelt otherwise, the dictionary's OAS
        found[acronym] = entry
    return found


def _means_the_same(acronym: str, long_words: set[str], lexicon: Lexicon) -> bool:
    """Does the dictionary's own entry for `acronym` share a word with the article's long form?
    ("Rapid Support Forces" and Reporters Without Borders do not.)"""
    key = fold(acronym)
    for form in lexicon.forms.get(key, ()):
        if form.keys == (key,) and long_words & {fold(w) for w in form.entry.name.replace("-", " ").split()}:
            return True
    return False


def _long_form(texts: list[str], end: int, acronym: str, joiners: frozenset[str]) -> int | None:
    """Where the long form of `acronym` starts, in the run of capitalised words and joiners just
    before `end` (the bracket): the nearest start from which the words spell the acronym."""
    letters = [c.upper() for c in acronym if c.isalpha()]
    for start in range(end - 1, max(end - _LONGEST, 0) - 1, -1):
        word = texts[start]
        if not (is_capitalised(word) or word.lower() in joiners):
            return None
        if is_capitalised(word) and _spells(texts[start:end], letters):
            return start
    return None


def _spells(words: list[str], letters: list[str]) -> bool:
    """Each capitalised word gives the next letter; a joiner gives it or nothing."""
    states = {0}
    for word in words:
        initial, joiner = word[0].upper(), not is_capitalised(word)
        states = {n + 1 for n in states if n < len(letters) and letters[n] == initial} | (states if joiner else set())
        if not states:
            return False
    return len(letters) in states
