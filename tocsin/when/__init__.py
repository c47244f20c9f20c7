"""When: the date of each event, resolved from the date expression attached to its clause.

Date expressions are found with the parse (spaCy DATE and day-naming TIME entities, plus lone
weekday and month names the NER left out) and resolved by `tocsin.when.resolve` against the
publication date. An event takes the expression attached to its trigger, else to its clause,
else to a governing clause up to the sentence root; else the publication date, marked
`date_precision="publication"`. Without a publication date nothing relative is guessed: such
an event keeps date None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tocsin.config import DEFAULT, Config
from tocsin.model import VERBAL_QUADS
from tocsin import clauses, nlp
from tocsin.when.resolve import Resolved, parse_published, resolve
from tocsin.when.words import Words, load_words

__all__ = ["annotate", "expressions", "DateExpression"]

_DAY_WORDS = ("night", "morning", "afternoon", "evening", "tonight", "yesterday", "today")


@dataclass(frozen=True)
class DateExpression:
    text: str
    start: int
    end: int
    root: object  # spaCy Token: the expression's head in the parse
    resolved: Resolved | None


def annotate(document, parsed, config: Config = DEFAULT) -> None:
    parsed = nlp.view(parsed)
    published = parse_published(document.doc.published or (config or DEFAULT).published)
    words = load_words()
    ents = nlp.ents(parsed) if document.events else ()  # Doc.ents rebuilds them all on each access

    found: dict[int, list[DateExpression]] = {}  # sentence start -> its expressions

    def find(sent):
        found[sent.start] = [e for e in expressions(sent, published, words, ents) if e.resolved is not None]
        return found[sent.start]

    def chain(tok):
        chain = clauses.levels(tok)
        return chain[:1] if _time_shifted(tok, words) else chain

    for event, best in clauses.per_event(document, parsed, find, chain):
        if best is not None and event.quad_code in VERBAL_QUADS and _future(best.root, words):
            # "will bomb Beirut next week, he said on Monday": a statement is dated when it was
            # made, not when what it announces is to come
            tok = clauses.trigger(parsed, event)
            now = [e for e in found[tok.sent.start] if not _future(e.root, words)]
            best = clauses.nearest(chain(tok), now, lambda e: e.root)
        if best is not None:
            event.date, event.date_precision = best.resolved.date, best.resolved.precision
            tok = clauses.trigger(parsed, event) if event.date_precision == "day" else None
            days = _offset(tok, best.root, words) if tok is not None else None
            if days:  # "a day after": the governing clause's day, moved by the distance
                event.date = (date.fromisoformat(event.date) + timedelta(days=days)).isoformat()
        elif published is not None:
            event.date, event.date_precision = published.isoformat(), "publication"
        else:
            event.date, event.date_precision = None, None


def expressions(sent, published, words: Words | None = None, ents=None) -> list[DateExpression]:
    """The date expressions of one sentence (a spaCy Span), each resolved or None.

    `ents`: the Doc's entities, when the caller has them (see `clauses.sentence_ents`)."""
    words = words or load_words()
    spans = []
    for ent in clauses.sentence_ents(sent, ents):
        low = ent.text.lower()
        if ent.label_ == "DATE" or (ent.label_ == "TIME" and _names_a_day(low, words)):
            spans.append(ent)
    covered = {t.i for s in spans for t in s}
    lower = nlp.column(sent.doc, "lower")
    for i in range(sent.start, sent.end):
        # A weekday or month the NER missed ("on Monday"); "May" the verb is no PROPN.
        low = lower[i]
        if not (low in words.weekdays or low in words.months) or i in covered:
            continue
        tok = sent.doc[i]
        if not tok.ent_type_ and tok.pos_ == "PROPN":
            spans.append(sent.doc[i : i + 1])
    out = []
    for span in spans:
        root = span.root
        if root.head.dep_ == "prep" and root.head.lower_ in words.reject_preps and root.dep_ == "pobj":
            continue
        resolved = resolve(span.text, published, future=_future(root, words), words=words)
        out.append(DateExpression(span.text, span.start_char, span.end_char, root, resolved))
    return out


def _time_shifted(tok, words: Words) -> bool:
    """Is a nominal trigger behind "after", "following", "since"... on the way to its clause?"""
    head = clauses.clause_head(tok)
    while tok.i != head.i:
        # "ahead of", "prior to": the preposition is the second word; its head is the first.
        if tok.dep_ == "prep" and (
            tok.lower_ in words.shift_preps or f"{tok.head.lower_} {tok.lower_}" in words.shift_preps
        ):
            return True
        tok = tok.head
    return False


def _offset(tok, date_root, words: Words) -> int | None:
    """Days from the governing clause's date to the event's, for a trigger in a clause opened by
    "after" or "before" with a distance in front ("a day after a strike killed nine": -1; "two
    weeks before": +14; "hours after": 0); None without a distance or when the date is its own."""
    head = clauses.clause_head(tok)
    if head.head.i == head.i or clauses.attachment(clauses.levels(tok), date_root) in (None, 0):
        return None
    mark = next((c.lower_ for c in head.children if c.dep_ == "mark" and c.lower_ in words.offset_marks), None)
    unit = next((c for c in head.children if c.dep_ == "npadvmod" and c.lower_ in words.offset_units), None)
    if mark is None or unit is None:
        return None
    per_unit = words.offset_units[unit.lower_]
    count = next((c for c in unit.children if c.dep_ in ("det", "nummod")), None)
    if count is not None and count.lower_.isdigit():
        number = int(count.lower_)
    else:
        number = words.offset_numbers.get(count.lower_) if count is not None else None
    if number is None:
        return 0 if per_unit == 0 else None  # "hours after": the same day; "days after": how many?
    return number * per_unit * words.offset_marks[mark]


def _names_a_day(text: str, words: Words) -> bool:
    return any(w in text for w in _DAY_WORDS) or any(d in text for d in words.weekdays)


def _future(tok, words: Words) -> bool:
    """Is the clause the expression hangs from in the future ("will meet on Friday")?"""
    head = clauses.clause_head(tok)
    verbs = [head, *[t for t in head.subtree if t.dep_ == "xcomp" and clauses.clause_head(t).i == head.i]]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_.replace("’", "'") in words.future_aux:
                return True
        if verb.lower_ in words.future_going and any(c.dep_ == "xcomp" for c in verb.children):
            return True
    return False
