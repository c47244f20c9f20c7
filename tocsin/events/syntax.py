"""Small helpers over a spaCy dependency parse, shared by the matcher and the argument finder."""

from __future__ import annotations

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me", "who", "whom"}


def lemma(tok) -> str:
    return tok.lemma_.lower()


def words(tok) -> set[str]:
    """The forms a lexicon may name a token by: its lemma and its lower-cased text."""
    return {tok.lemma_.lower(), tok.lower_}


def children(tok, *deps: str) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def first_child(tok, *deps: str):
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def is_passive(verb) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children)


def direct_object(verb):
    """The object of a verb: dobj, else a misparsed oprd/attr noun ("called Mr Maduro" as oprd)."""
    objs = children(verb, "dobj")
    # "warned Venezuela's Nicolas Maduro" is sometimes parsed with the possessor as a second object.
    objs = [o for o in objs if not any(c.dep_ == "case" for c in o.children)] or objs
    obj = objs[-1] if objs else None
    if obj is None:
        obj = next((c for c in verb.children if c.dep_ in ("oprd", "attr") and c.pos_ in ("NOUN", "PROPN", "PRON")),
                   None)
    return obj


def subject(verb):
    """The subject nearest the verb ("ALGIERS, Algeria - Police have arrested": Police)."""
    subjects = children(verb, "nsubj", "csubj")
    before = [s for s in subjects if s.i < verb.i]
    if before:
        return before[-1]
    return subjects[0] if subjects else None


def object_words(obj) -> set[str]:
    """Words naming an object: its own, its compounds', and an of-complement's ("tons of medicine")."""
    out = words(obj)
    for c in obj.children:
        if c.dep_ == "compound":
            out |= words(c)
        elif c.dep_ == "prep" and c.lower_ == "of":
            pobj = first_child(c, "pobj")
            if pobj is not None:
                out |= words(pobj)
    return out


def prep_objects(tok, preps) -> list:
    """(prep, pobj) pairs of a token's prepositional children whose preposition is in `preps`."""
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative") and p.lower_ in preps:
            obj = first_child(p, "pobj", "pcomp")
            if obj is not None:
                out.append((p, obj))
    return out


def is_actorish(tok, actor_nouns: frozenset) -> bool:
    """Could this token head a phrase naming an actor (a person, group, state, organisation)?"""
    if tok.ent_type_ in ACTOR_ENTS:
        return True
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON":
        return tok.lower_ in PERSONAL_PRONOUNS
    return tok.lemma_.lower() in actor_nouns


# Prepositions that link a noun to the verb that carries it ("went on strike", "came to the
# defence of", "provided $2 million in assistance"); time and circumstance ones do not.
_CARRIER_PREPS = {"on", "to", "in", "into", "under", "of", "for", "against"}


def governing_verb(tok, max_steps: int = 3):
    """The verb a noun hangs from through dobj/pobj/prep links ("launched an attack", "went on strike")."""
    cur = tok
    for _ in range(max_steps):
        if cur.dep_ in ("ROOT",) or cur.head.i == cur.i:
            return None
        if cur.dep_ not in ("dobj", "pobj", "prep", "nsubjpass", "attr", "oprd", "dative", "pcomp"):
            return None
        if cur.dep_ == "prep" and cur.lower_ not in _CARRIER_PREPS:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None
