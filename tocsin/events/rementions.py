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


# Acts a party does once in a story (a withdrawal, a resignation, a ceasefire), with the type PLOVER's
# rules may have recoded the first telling to: a later "withdrawal" names the announced one (CONCEDE).
_SAME_ACT = {"RETREAT": {"RETREAT", "CONCEDE"}, "CONCEDE": {"RETREAT", "CONCEDE"}}
# (a future act is named again once it happens: a later "withdrawal" is the announced one)
_NOT_HAPPENED = {"negation", "hypothetical"}


def _named_again(event: Event, earlier: list[Event]) -> bool:
    """A bare event noun of a party ("his resignation letter", "the timetable for US withdrawal")
    after a telling of that party's act of the same type."""
    first = (event.rule or "").split(";")[0]
    kinds = _SAME_ACT.get(event.event)
    # (not attacks, arrests, sanctions: a party does many, and a new one is often told as a noun)
    if kinds is None or ":noun=" not in first or " with light verb " in first or not _codes(event.actor):
        return False
    return any(p.event in kinds and p.span[0] < event.span[0] and not _NOT_HAPPENED & set(p.auxiliary)
               and (not p.mode or not event.mode or set(p.mode) & set(event.mode))
               and _codes(event.actor) <= _codes(p.actor) for p in earlier)


def drop_rementions(events: list[Event]) -> list[Event]:
    """`events` (in text order) without the noun-phrase demands that name an earlier one again,
    and without bare event nouns naming an act the same party was told doing earlier."""
    out: list[Event] = []
    for k, event in enumerate(events):
        if _named_again(event, events[:k]):
            continue
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
