"""Small helpers over a spaCy dependency parse, shared by the matcher and the argument finder."""

from __future__ import annotations

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me", "who", "whom"}


def lemma(tok) -> str:
    return tok.lemma_.lower()


def words(tok) -> set[str]:
    """The forms a lexicon may name a token by: its lemma and its lower-cased text, and for the last
    part of a word the tokenizer split at hyphens ("cease-fire" -> cease, -, fire) the whole word
    with and without its hyphens (the lexicon writes "cease-fire" or "ceasefire")."""
    out = {tok.lemma_.lower(), tok.lower_}
    if tok.i >= 2 and tok.doc[tok.i - 1].text == "-":
        out.update(hyphen_forms(tok))
    return out


def hyphen_forms(tok) -> tuple[str, ...]:
    """The whole hyphenated word `tok` ends, by its text and by its lemma, with its hyphens and
    without ("cease-fires": cease-fires, cease-fire, ceasefires, ceasefire); empty if none."""
    prefix = "".join(t.lower_ for t in hyphen_prefix(tok))
    if not prefix:
        return ()
    whole = (prefix + tok.lower_, prefix + tok.lemma_.lower())
    return tuple(dict.fromkeys(whole + tuple(w.replace("-", "") for w in whole)))


def children(tok, *deps: str) -> list:
    return [c for c in tok.children if c.dep_ in deps]


def first_child(tok, *deps: str):
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def is_passive(verb) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children):
        return True
    # "was beaten and arrested": a bare participle joined to a passive verb is passive too
    return passive_partner(verb) is not None


def passive_partner(verb):
    """The passive verb a bare participle is joined to ("was beaten and arrested": beaten; "was found
    alive and arrested", parsed with "arrested" joined to "alive": found), or None."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        return None
    head = verb.head
    if head.pos_ == "ADJ" and head.dep_ in ("oprd", "acomp"):
        head = head.head
    if head.pos_ == "VERB" and head.i < verb.i and any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children):
        return head
    return None


def passive_agents(verb) -> list:
    """The "by" agents of a passive verb; "was beaten and arrested by police": a participle joined
    after it shares its agent."""
    agents = [o for _, o in prep_objects(verb, ("by",))]
    if not agents:
        agents = [o for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN" and c.i > verb.i
                  and is_passive(c) for _, o in prep_objects(c, ("by",))]
    return agents


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


def shared_object(verb):
    """"destroyed and jammed 40 drones", "arrested and charged him": two verbs joined by "and"/"or"
    share the object the parser hangs from the second one only (nothing else between them)."""
    doc = verb.doc
    if verb.i + 2 >= len(doc) or doc[verb.i + 1].dep_ != "cc" or doc[verb.i + 1].head.i != verb.i:
        return None
    second = doc[verb.i + 2]
    if second.dep_ != "conj" or second.head.i != verb.i or second.pos_ != "VERB" or is_passive(second) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children):
        return None
    return direct_object(second)


def subject(verb):
    """The subject nearest the verb ("ALGIERS, Algeria - Police have arrested": Police)."""
    subjects = children(verb, "nsubj", "csubj")
    if not subjects:
        # "X has over the past months warned" is sometimes parsed with X under the auxiliary.
        subjects = [s for a in children(verb, "aux") if a.i < verb.i for s in children(a, "nsubj")]
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


def hyphen_prefix(tok) -> list:
    """The tokens joined to `tok` by hyphens before it, with no space ("off-limits" -> off, -)."""
    doc = tok.doc
    i = tok.i
    if i < 2 or doc[i - 1].text != "-":
        return []  # nearly every token: no need to find its sentence
    start = tok.sent.start
    while i - 2 >= start and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ \
            and not doc[i - 2].whitespace_:
        i -= 2
    return list(doc[i:tok.i])


def hyphenated(tok) -> str:
    """The lower-cased hyphenated word `tok` ends ("off-limits"), or its own text."""
    return "".join(t.lower_ for t in hyphen_prefix(tok)) + tok.lower_


def small_clause(tok, predicate_verbs: frozenset):
    """(VERB, X) when `tok` is PRED of "VERB X PRED" after a verb of `predicate_verbs` ("declared
    the airspace closed", "ordered the schools shut", "kept the border sealed", "declared the area
    off-limits"), whatever the parse: PRED as an adjective or a bare participle with X as its
    subject, as a complement with X the verb's object, as a participle modifying the object X, or
    as a noun object swallowing X ("the border shut": X a compound) or following it ("the area
    off-limits": two objects). None otherwise."""
    head = tok.head
    if tok.dep_ == "acl" and head.dep_ == "dobj" and head.i < tok.i and lemma(head.head) in predicate_verbs \
            and not any(c.dep_ in ("dobj", "nsubj", "aux", "auxpass", "mark") for c in tok.children):
        return head.head, head
    if head.i == tok.i or tok.i < head.i or lemma(head) not in predicate_verbs:
        return None
    if tok.dep_ in ("ccomp", "xcomp", "oprd", "acomp"):
        if any(c.dep_ in ("aux", "auxpass", "mark") for c in tok.children):
            return None  # a clause of its own ("declared that the airport had closed")
        subj = first_child(tok, "nsubj", "nsubjpass")
        if subj is not None:
            return head, subj
        objs = [o for o in children(head, "dobj") if o.i < tok.i]
        return (head, objs[-1]) if objs else None
    if tok.dep_ == "dobj":
        objs = [o for o in children(head, "dobj") if o.i < tok.i]
        if objs:
            return head, objs[-1]
        nouns = [c for c in tok.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
        return (head, nouns[-1]) if nouns else None
    return None


def small_clause_subject(tok, predicate_verbs: frozenset):
    """X of "VERB X PRED" when `tok` is PRED (see `small_clause`), else None."""
    found = small_clause(tok, predicate_verbs)
    return found[1] if found is not None else None
