"""Hedges: the words by which a text passes something on without vouching for it.

A hedge has a scope: "reportedly" qualifies the verb it modifies (and what hangs under it),
"alleged" the noun it stands before, "it has emerged" the clause after it. `applies_to` tells
whether a hedge reaches a given token, so a strike "against alleged drug boats" is not itself
alleged.
"""

from __future__ import annotations

from dataclasses import dataclass

from tocsin.speech.vocab import Vocabulary

_NOMINAL = ("NOUN", "PROPN", "ADJ", "NUM")


@dataclass
class Hedge:
    start: int
    end: int
    label: str
    status: str
    governs: object  # the spaCy token the hedge qualifies
    claim_rest: bool = False  # "it has emerged ...": the rest of the sentence is a claim
    kind: str = "phrase"  # phrase | adverb | adjective
    whole_sentence: bool = False  # reaches every word of its sentence, not only what it governs


def modified_noun(token):
    """The noun an adjective-like hedge stands before ("alleged Venezuelan drug boats" -> boats)."""
    doc, i = token.doc, token.i + 1
    stop = token.sent.end
    last = None
    while i < stop and doc[i].pos_ in _NOMINAL:
        if doc[i].pos_ in ("NOUN", "PROPN"):
            last = doc[i]
        i += 1
    return last


def _is_adjective_use(token) -> bool:
    # "alleged" before a noun modifies it; "he alleged that ..." is a verb (a cue, not a modifier).
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    prev = token.nbor(-1) if token.i > 0 else None
    if prev is not None and prev.pos_ == "AUX":
        return False
    return nxt is not None and nxt.pos_ in _NOMINAL and modified_noun(token) is not None


def find_hedges(sent, vocab: Vocabulary, text: str | None = None) -> list[Hedge]:
    """Every hedge of one sentence (a spaCy Span), in text order. `text`: `sent.text`, if known."""
    found: list[Hedge] = []
    covered: set[int] = set()
    if text is None:
        text = sent.text  # Span.text joins tokens anew on every access: once per call
    offset = sent.start_char
    quick = vocab.phrase_hedge_filter
    phrases = vocab.phrase_hedges if quick is None or quick.search(text) else ()
    for phrase in phrases:
        for match in phrase.pattern.finditer(text):
            start, end = offset + match.start(), offset + match.end()
            if covered & set(range(start, end)):
                continue
            span = sent.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            governs = root if root.pos_ in ("VERB", "AUX") else root.head
            found.append(Hedge(start, end, phrase.label, phrase.status, governs, phrase.claim_rest,
                               whole_sentence=phrase.whole_sentence))
            covered |= set(range(start, end))
    # A token whose lower_ is a modifier hedge leaves that word in the lowered sentence text:
    # most sentences have none, and then need no walk over their tokens.
    lowered = text.lower()
    if any(word in lowered for word in vocab.modifier_hedges):
        for token in sent:
            word = token.lower_
            if word not in vocab.modifier_hedges or token.idx in covered:
                continue
            status = vocab.modifier_hedges[word]
            end = token.idx + len(token)
            if token.pos_ == "ADV" or word.endswith("ly"):
                found.append(Hedge(token.idx, end, word, status, token.head, kind="adverb"))
            elif _is_adjective_use(token):
                found.append(Hedge(token.idx, end, word, status, modified_noun(token), kind="adjective"))
    found.sort(key=lambda h: h.start)
    return found


def applies_to(hedge: Hedge, token) -> bool:
    """Whether the hedge reaches `token`: it qualifies the token itself or a clause above it."""
    governs = hedge.governs
    if hedge.whole_sentence:  # "..., though the account could not be verified"
        return governs is not None and token.sent.start == governs.sent.start
    if governs is None:
        return False
    if hedge.kind == "adjective":  # the modified noun phrase: "alleged [kill order]"
        return token.idx >= hedge.end and token.i <= governs.i
    return token == governs or governs in token.ancestors
