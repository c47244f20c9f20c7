"""Later mentions of an event already reported: "the attacks", "these strikes", "the talks".

A definite or demonstrative event noun with no actor of its own ("Venezuela condemned the
attacks", "he said the strikes were lawful") names an event the article has already told, not a
new one. It refers to the latest earlier event of its PLOVER type that happened (not negation,
hypothetical or future) and whose recipients agree with any it names itself; it becomes one of
that event's `mentions` instead of an event of its own. Modifiers that announce another event
("the second strike", "another attack") keep it new. Word lists are in lexicon/grammar.yaml.
"""

from __future__ import annotations

from tocsin.events.arguments import find_arguments, phrase
from tocsin.events.lexicon import Lexicon
from tocsin.events.matcher import Trigger
from tocsin.model import NOT_HAPPENED, Event, EventActor, Mention
_MODIFIER_DEPS = {"amod", "nummod", "advmod", "compound", "npadvmod", "nmod", "det", "predet"}


def refers_back(trig: Trigger, lex: Lexicon) -> bool:
    """Is this nominal trigger a definite mention with no actor of its own?"""
    if not trig.nominal:
        return False
    g = lex.grammar
    nouns = [trig.head] if trig.frame is None else [trig.head, trig.frame]
    if not any(d.dep_ == "det" and d.lower_ in g.definite_determiners for n in nouns for d in n.children):
        return False
    for n in nouns:
        for mod in n.children:
            if mod.dep_ in _MODIFIER_DEPS and (mod.lower_ in g.new_event_modifiers or
                                               mod.lemma_.lower() in g.new_event_modifiers or
                                               mod.ent_type_ == "ORDINAL"):
                return False
    return not find_arguments(trig, lex).actors


def _same_party(a: EventActor, b: EventActor) -> bool:
    if a.entity_id and a.entity_id == b.entity_id:
        return True
    if a.code and a.code == b.code:
        return True
    words_a, words_b = a.text.lower().split(), b.text.lower().split()
    return bool(words_a and words_b and words_a[-1] == words_b[-1])


def antecedent(event_type: str, recipients: list[EventActor], before: int, events: list[Event],
               rather_not: frozenset[str] = frozenset()) -> Event | None:
    """The latest event of `event_type` starting before offset `before` that a mention can name;
    one by a party of a country in `rather_not` only when there is no other ("Lebanon's prime
    minister condemned the strikes": the other side's strikes, though Hezbollah fired last)."""
    fallback = None
    for event in reversed(events):
        if event.event != event_type or NOT_HAPPENED & set(event.auxiliary):
            continue
        if event.event_span is not None and event.event_span[0] >= before:
            continue
        if recipients and event.recipient and not all(
                any(_same_party(r, other) for other in event.recipient) for r in recipients):
            continue
        codes = {a.code for a in event.actor if a.code}
        if codes and codes <= rather_not:
            fallback = fallback or event
            continue
        return event
    return fallback


def mention_of(trig: Trigger) -> Mention:
    """The mention's words: the event noun's phrase without its relative clauses ("the attacks")."""
    words = phrase(trig.frame if trig.frame is not None else trig.head)
    return Mention(text=words.text, start=words.start_char, end=words.end_char)
