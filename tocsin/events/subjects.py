"""One event, not two, when an event noun is the subject of an event verb of the same kind: in
"an Israeli airstrike killed three aid workers" the airstrike is the killing, so the verb's event
(which already reads its author off the noun, tocsin.events.arguments.instrument_author) keeps the
noun as part of its trigger instead of coding it again with no recipient. Nouns of another type
stay their own event ("a general strike by dockworkers halted exports": PROTEST and SANCTION)."""

from __future__ import annotations

from collections.abc import Callable

from tocsin.events.matcher import Trigger
from tocsin.events.ontology import Ontology


def _clause_noun(noun: Trigger):
    """The token standing for the noun trigger in its clause ("bombing campaign" -> campaign), the
    first conjunct of a list ("airstrikes and shelling killed")."""
    tok = noun.frame if noun.frame is not None else noun.head
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _subject_of(tok):
    """The verb `tok` is the subject of (or the "by" agent of, in the passive), else None."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return tok.head.head
    return None


def same_kind(noun: str, verb: str, onto: Ontology) -> bool:
    """The noun's type is the verb's, or the root the verb's type specialises (CONCEDE, RETREAT: YIELD)."""
    return noun == verb or onto.root(noun) == onto.root(verb)


def fold_subject_nouns(triggers: list[Trigger], onto: Ontology,
                       keep: Callable[[Trigger], bool] = lambda noun: False) -> list[Trigger]:
    """`triggers` without the event nouns that are the subject of a verbal trigger of the same kind;
    each is set as that verb's `subject_event`. `keep(noun)` true keeps a noun on its own (a
    definite noun naming an event coded earlier is a mention of it, not part of this verb)."""
    verbs = {t.anchor.i: t for t in triggers if not t.adjectival and (not t.nominal or t.light is not None)}
    out = []
    for trig in triggers:
        verb = None
        if trig.nominal and trig.light is None:
            gov = _subject_of(_clause_noun(trig))
            verb = verbs.get(gov.i) if gov is not None else None
        if (verb is None or verb is trig or verb.subject_event is not None
                or not same_kind(trig.entry.event, verb.entry.event, onto) or keep(trig)):
            out.append(trig)
            continue
        verb.subject_event = trig
    return out
