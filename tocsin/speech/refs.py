"""Who a cue verb belongs to: its subject (through passives, control and coordination) as a Ref.

Entity linking is the actors stage's job (`tocsin.actors.actor_for`); this module only finds the
phrase and asks.
"""

from __future__ import annotations

from tocsin.model import Ref

UNNAMED = "unnamed"
PERSONAL_PRONOUNS = {"he", "she", "they", "him", "her", "them", "we", "i", "you", "us", "me"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
EXPLETIVES = {"it", "there", "this"}
_NP_SKIP = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis", "advmod", "prep"}


def noun_phrase(token):
    """The core noun phrase of `token` (determiners, modifiers, "of" phrases; no clauses)."""
    keep = [token]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        skip = child.dep_ in _NP_SKIP
        if child.dep_ == "prep" and child.head.pos_ == "NOUN" and child.i > token.i:
            skip = False  # "officials in Washington", "the head of the agency"
        if child.dep_ == "punct" and child.head == token and child.i < token.i:
            skip = False
        if not skip:
            keep.append(child)
            stack.extend(child.children)
    first, last = min(t.i for t in keep), max(t.i for t in keep)
    doc = token.doc
    while first < last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space) and doc[last].text not in ".":
        last -= 1
    return doc[first : last + 1]


def is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def agent_of(verb):
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def controller(verb):
    """Who does what a non-finite clause under `verb` says ("accused of ordering", "took ... to declare")."""
    if is_passive(verb):
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return subject_of(verb)


def subject_of(verb):
    """The token that performs `verb`, or None when the text gives no one (or only "it")."""
    agent = agent_of(verb)
    if agent is not None:
        return agent
    if is_passive(verb):
        return None
    # two subjects are a misparse ("“..., people who ...,” Dupont told X"): the one nearest the verb
    subjects = sorted((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), key=lambda c: abs(c.i - verb.i))
    for child in subjects[:1]:
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return None if child.lower_ in EXPLETIVES else child
    if verb.dep_ == "conj" and verb.head != verb:
        return subject_of(verb.head)
    if verb.dep_ in ("xcomp", "advcl") and verb.head != verb:
        return controller(verb.head)
    if verb.dep_ == "pcomp" and verb.head.head != verb.head:
        return controller(verb.head.head)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return None
    return None


SINGULAR_PERSONAL = {"he", "she", "him", "her"}


def recent_person(document, token) -> Ref | None:
    """The person mentioned last before a "he"/"she" in its paragraph: a recency fallback for a
    pronoun the actors stage left unresolved ("his Secretary of War after he was accused")."""
    if token.lower_ not in SINGULAR_PERSONAL:
        return None
    text = document.text
    paragraph_start = text.rfind("\n", 0, token.idx) + 1
    best = None
    for entity in document.entities:
        if entity.type != "PERSON":
            continue
        for m in entity.mentions:
            named = m.text.lower() not in PERSONAL_PRONOUNS | {"his", "hers"}
            if named and paragraph_start <= m.start and m.end <= token.idx:
                key = (m.end, m.end - m.start)
                if best is None or key > best[0]:
                    best = (key, entity)
    return Ref(name=best[1].name, entity_id=best[1].id) if best else None


def is_pronoun(token) -> bool:
    return token.lower_ in PERSONAL_PRONOUNS


def ref_for(document, span, config) -> Ref | None:
    """A Ref for the phrase; None for a pronoun the actors stage could not resolve."""
    try:
        from tocsin.actors import actor_for
    except ImportError:  # the actors stage is optional for this one
        actor_for = None
    actor = None
    if actor_for is not None:
        try:
            actor = actor_for(document, span, config)
        except (AttributeError, TypeError, ValueError):
            actor = None
    if actor is not None and actor.entity_id:
        return Ref(name=actor.name or span.text, entity_id=actor.entity_id)
    if is_pronoun(span.root):
        return None
    name = actor.name if actor is not None and actor.name else span.text
    return Ref(name=name.strip())
