"""Statements that are no new act: noun-phrase re-mentions, and commentary.

Noun-phrase re-mentions (the gold convention: a later mention is coded again only as a finite
clause). "Maduro rejected Trump's calls to resign", after "Trump warned Maduro to leave": the calls
are the warning named again, so only the rejection is new. A demand named as a noun is dropped when
its party already demanded of or threatened the rejecting side earlier in the text; with no such
earlier event it is a first mention and stays.
"""

from __future__ import annotations

from tocsin.model import Event

# What a rejected demand can name again: an earlier demand or threat to the same side.
_NAMED_AGAIN = {"REQUEST", "THREATEN"}


def _codes(actors) -> set[str]:
    return {a.code for a in actors if a.code}


def _nominal(event: Event) -> bool:
    return ":noun=" in (event.rule or "").split(";")[0]


def drop_rementions(events: list[Event]) -> list[Event]:
    """`events` (in text order) without the noun-phrase demands that name an earlier one again."""
    out: list[Event] = []
    for k, event in enumerate(events):
        if event.event == "REQUEST" and _nominal(event) and _codes(event.actor):
            rejecting = {c for e in events if e.span == event.span and e.event == "REJECT" for c in _codes(e.actor)}
            aimed = (_codes(event.recipient) | rejecting) - _codes(event.actor)
            if aimed and any(p.event in _NAMED_AGAIN and p.span[0] < event.span[0]
                             and _codes(p.actor) & _codes(event.actor) and _codes(p.recipient) & aimed
                             for p in events[:k]):
                continue
        out.append(event)
    return out


# Statements, which commentators make without acting.
_VERBAL = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "AGREE", "SUPPORT"}


def _commentator(actor, nouns: frozenset) -> bool:
    words = (actor.text or "").lower().split()
    return not actor.code and bool(words) and (words[-1] in nouns or words[-1].rstrip("s") in nouns)


def drop_commentary(events: list[Event], nouns: frozenset) -> list[Event]:
    """`events` without the statements of uncoded commentators ("military analysts warned that ...")."""
    return [e for e in events if not (e.event in _VERBAL and e.actor and all(_commentator(a, nouns) for a in e.actor))]
