"""Orders to one's own side: "the minister told his officials to 'kill everybody'".

An order given to the director's own subordinates (the addressee is coded with the director's
country, or is an uncoded subordinate noun: officials, troops, commanders) happens inside one
party; what it tells them to do is no event between parties either. The complement of such an
order is not coded, unless it names another party itself ("ordered police to arrest the protest
leaders") or PLOVER recodes the order (an ordered retreat is an announced CONCEDE). An order or
request addressed to another party ("urged Russia to withdraw", "ordered the newspaper to close")
stays what the lexicon makes of it.
"""

from __future__ import annotations

from collections.abc import Callable

from tocsin.events.arguments import clause_subject
from tocsin.events.lexicon import Lexicon
from tocsin.events.matcher import Trigger
from tocsin.events.syntax import PERSONAL_PRONOUNS, direct_object, first_child, is_actorish, lemma
from tocsin.model import EventActor

_MAX_CLIMB = 3  # "told officials to begin striking": xcomp links up to the directive verb


def directive(trig: Trigger, lex: Lexicon):
    """(directive verb, addressee head) when the trigger's clause is the complement of an order."""
    cur = trig.anchor
    for _ in range(_MAX_CLIMB):
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            return None
        head = cur.head
        if lemma(head) in lex.grammar.directive_verbs:
            addressee = direct_object(head)
            if addressee is None:  # "troops were ordered to ...": the passive subject
                addressee = first_child(head, "nsubjpass")
            return (head, addressee) if addressee is not None else None
        cur = head
    return None


def _own_side(director: EventActor | None, addressee: EventActor | None, head, lex: Lexicon) -> bool:
    if addressee is not None and addressee.code:
        return bool(director is not None and director.code == addressee.code)
    return lemma(head) in lex.grammar.subordinate_nouns or head.lower_ in lex.grammar.subordinate_nouns


def _other_party(actor: EventActor, head, side: str | None, lex: Lexicon) -> bool:
    """Does a recipient of the complement name a party besides the director's side?"""
    if actor.code:
        return actor.code != side
    if actor.entity_id:
        return True
    if head.pos_ == "PRON" or head.lower_ in PERSONAL_PRONOUNS:
        return False  # "kill everybody", an unresolved "them"
    own = lemma(head) in lex.grammar.subordinate_nouns
    return not own and is_actorish(head, lex.grammar.actor_nouns)


def internal_order(trig: Trigger, recipients: list[tuple[object, EventActor]], lex: Lexicon,
                   code_of: Callable) -> bool:
    """Is this trigger the complement of an order to the director's own side that names no other party?

    `recipients`: (head token, coded actor) of the trigger's recipients; `code_of(token)` codes a
    phrase head as the events stage does (the first party tocsin.actors.actors_for finds in its phrase).
    """
    found = directive(trig, lex)
    if found is None:
        return False
    verb, addressee = found
    subject, _ = clause_subject(verb, lex)
    director = code_of(subject) if subject is not None else None
    if not _own_side(director, code_of(addressee), addressee, lex):
        return False
    side = director.code if director is not None else None
    return not any(_other_party(actor, head, side, lex) for head, actor in recipients)
