"""Where an event sits in the parse: its trigger token and the clauses around it.

The date, place and death toll of an event are the ones attached to its own clause, so the
three stages share one notion of "attached": an expression belongs to the trigger when it sits
in the trigger's own phrase, else to the clause it hangs from; an event looks at its trigger,
then its clause, then each governing clause up to the sentence root, and takes the closest
expression at the first of these that has one. Expressions inside clauses nested elsewhere
belong to those clauses and their events.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from tocsin import nlp
from tocsin.parsed import Doc, Span, Token

# Clauses whose content is reported speech: a place does not cross these (the place where a
# minister spoke is not where the strike he talks about happened).
SPEECH_DEPS = frozenset({"ccomp", "parataxis"})


def trigger(parsed: Doc, event) -> Token | None:
    """The head token of the event's trigger words, else the root of its sentence (found once per
    Doc and spans: the date, place and toll stages all ask)."""
    key = (tuple(event.event_span) if event.event_span is not None else None, tuple(event.span))
    found = nlp.shared(parsed).setdefault("triggers", {})
    if key not in found:
        found[key] = _trigger(parsed, event)
    return found[key]


def _trigger(parsed: Doc, event) -> Token | None:
    if event.event_span is not None:
        span = parsed.char_span(*event.event_span, alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    sent = sentence(parsed, event)
    return sent.root if sent is not None else None


def sentence(parsed: Doc, event) -> Span | None:
    start, end = event.event_span or event.span
    span = parsed.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span[0].sent


def sentence_ents(sent: Span, ents=None) -> list[Span]:
    """`sent.ents`, read off `ents` (the Doc's entities, fetched once per document) when given:
    Span.ents rebuilds every entity of the Doc on each call."""
    if ents is None:
        return list(sent.ents)
    out = []
    # the entities are in order: the sentence's first one is found by bisection, not by a walk
    # over all those before it
    for k in range(bisect_left(ents, sent.start, key=_start), len(ents)):
        ent = ents[k]
        if ent.end > sent.end:
            break
        out.append(ent)
    return out


def _start(span: Span) -> int:
    return span.start


def is_clause_head(tok: Token) -> bool:
    if tok.head.i == tok.i:
        return True
    # An xcomp continues its governor's clause ("began striking", "appeared to address").
    # A participle used as a preposition ("following the strikes") heads no clause.
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass", "xcomp", "amod", "compound", "prep")


def clause_head(tok: Token) -> Token:
    while not is_clause_head(tok):
        tok = tok.head
    return tok


def levels(tok: Token, cross_speech: bool = True) -> list[Token]:
    """The trigger, then its clause head, then each governing clause head up to the root.

    With `cross_speech=False` the chain stops at a clause that is reported speech.
    """
    chain = [tok]
    head = clause_head(tok)
    while True:
        if head.i != chain[-1].i:
            chain.append(head)
        if head.head.i == head.i or (not cross_speech and head.dep_ in SPEECH_DEPS):
            return chain
        head = clause_head(head.head)


def distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence."""
    up_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in up_a:
            return n + up_a[t.i]
    return 10_000


MODIFIER_CLAUSES = frozenset({"relcl", "acl"})


def attached_to_trigger(tok: Token, trig: Token, through_modifiers: bool = False) -> bool:
    """Is `tok` inside the trigger's own phrase, not inside a clause nested below it?

    A clause that modifies a nominal trigger counts as its own ("the attacks, which have killed
    80"); with `through_modifiers` so does one that modifies any noun of the trigger's phrase
    ("an attack on a vessel carrying 11 people, which left two survivors").
    """
    while tok.i != trig.i:
        if tok.head.i == tok.i:
            return False
        if is_clause_head(tok) and not (
            tok.dep_ in MODIFIER_CLAUSES and (through_modifiers or tok.head.i == trig.i)
        ):
            return False
        tok = tok.head
    return True


def host(tok: Token) -> Token:
    """The clause an expression belongs to: the first clause head above it."""
    return clause_head(tok.head) if tok.head.i != tok.i else tok


def attachment(anchor_levels: list[Token], root: Token, through_modifiers: bool = False) -> int | None:
    """The level (0 = the trigger's own phrase) at which an expression rooted at `root` attaches."""
    if attached_to_trigger(root, anchor_levels[0], through_modifiers):
        return 0
    own = host(root).i
    for n, level in enumerate(anchor_levels[1:], start=1):
        if own == level.i:
            return n
    return None


def per_event(document, parsed: Doc, find, chain) -> Iterator[tuple[object, object | None]]:
    """Each event of the document with the candidate nearest its trigger, or None.

    `find(sentence)` lists a sentence's candidates (each with a `.root` token), computed once per
    sentence; `chain(trigger)` gives the levels the event looks at (see `levels`).
    """
    per_sentence: dict[int, list] = {}
    for event in document.events:
        tok = trigger(parsed, event)
        if tok is None:
            yield event, None
            continue
        sent = tok.sent
        if sent.start not in per_sentence:
            per_sentence[sent.start] = find(sent)
        yield event, nearest(chain(tok), per_sentence[sent.start], lambda c: c.root)


def nearest(anchor_levels: list[Token], candidates: list, root_of, rank=None) -> object | None:
    """The candidate attached at the lowest level, closest to it.

    Level 0 is the trigger's own phrase; each further level is a clause head of the chain and
    takes the candidates whose own clause it is (not those of clauses nested below it).
    """
    rank = rank or (lambda c: 0)
    levels_of = [(attachment(anchor_levels, root_of(c)), c) for c in candidates]
    attached = [(n, c) for n, c in levels_of if n is not None]
    if not attached:
        return None
    n, best = min(
        attached,
        key=lambda nc: (nc[0], rank(nc[1]), distance(root_of(nc[1]), anchor_levels[nc[0]]), root_of(nc[1]).i),
    )
    return best
