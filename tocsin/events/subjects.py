"""One event, not two, when an event noun is the subject of an event verb of the same kind: in
"an Israeli airstrike killed three aid workers" the airstrike is the killing, so the verb's event
(which already reads its author off the noun, tocsin.events.arguments.instrument_author) keeps the
noun as part of its trigger instead of coding it again with no recipient. The same holds for an
event noun in an "in"/"during"/"by"/"from" phrase of an agentless passive ("three aid workers were
killed in an Israeli airstrike": the killing is the airstrike, whose author is the actor). Nouns of
another type stay their own event ("a general strike by dockworkers halted exports": PROTEST and
SANCTION)."""

from __future__ import annotations

from collections.abc import Callable

from tocsin.events.matcher import Trigger
from tocsin.events.ontology import Ontology
from tocsin.events.syntax import is_passive, prep_objects

# Prepositions by which an agentless passive names the event it happened in ("killed in an
# airstrike", "wounded during shelling", "damaged by shelling", "injured from the blast").
EVENT_PREPS = ("in", "during", "by", "from")


def _clause_noun(noun: Trigger):
    """The token standing for the noun trigger in its clause ("bombing campaign" -> campaign), the
    first conjunct of a list ("airstrikes and shelling killed")."""
    tok = noun.frame if noun.frame is not None else noun.head
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _subject_of(tok):
    """The verb `tok` is the subject of (or the "by" agent of, in the passive, or the event phrase of
    an agentless passive), else None."""
    if tok.dep_ in ("nsubj", "nsubjpass"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return tok.head.head
    return _passive_of(tok)


def _passive_of(tok):
    """The agentless passive verb `tok` is the object of an "in"/"during"/"by"/"from" phrase of
    ("were killed in an airstrike"), else None. A passive with its own agent ("killed by rebels in
    an ambush") keeps it: the noun is then another event, or the agent's act."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in EVENT_PREPS:
        return None
    verb = prep.head
    if verb.pos_ != "VERB" or not is_passive(verb) \
            or any(o.i != tok.i for _, o in prep_objects(verb, ("by",))):
        return None
    return verb


def same_kind(noun: str, verb: str, onto: Ontology) -> bool:
    """The noun's type is the verb's, or the root the verb's type specialises (CONCEDE, RETREAT: YIELD)."""
    return noun == verb or onto.root(noun) == onto.root(verb)


def fold_subject_nouns(triggers: list[Trigger], onto: Ontology,
                       keep: Callable[[Trigger], bool] = lambda noun: False) -> list[Trigger]:
    """`triggers` without the event nouns that are the subject (or the event phrase of an agentless
    passive: "killed in an airstrike") of a verbal trigger of the same kind;
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


def relation(noun: Trigger) -> str:
    """How a folded noun stands to its verb, for the event's rule: "subject" or "'in' phrase"."""
    tok = _clause_noun(noun)
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        return f"'{tok.head.lower_}' phrase"
    return "subject"
