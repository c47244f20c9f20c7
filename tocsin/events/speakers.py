"""Pronoun actors of reported speech: "Chile said it was ready to share ...", "the junta told the
mediators it would free ...": the pronoun subject of a reporting verb's complement stands for the
reporting verb's subject, when the two agree ("it" for a state, organisation or group, "they" for
a plural, a collective or the side a person speaks for, "he"/"she" for one person). A pronoun that does not fit the speaker is
left as the actors stage resolved it (or unresolved)."""

from __future__ import annotations

from tocsin.events.lexicon import Lexicon
from tocsin.events.syntax import ACTOR_ENTS, first_child, is_actorish, lemma, prep_objects, subject

# How a pronoun's clause hangs below the reporting verb: "said (that) it would", "said it was
# ready to", "said it would X and it would Y".
_CLIMB = ("ccomp", "xcomp", "conj", "acomp", "advcl")
_MAX_CLIMB = 4
_PERSONAL = {"he", "she", "him", "her"}
_SINGULAR_THING = {"it"}
_PLURAL = {"they", "them"}


def reported_speaker(pronoun, lex: Lexicon):
    """(speaker, addressee): the subject of the reporting verb whose complement the pronoun is the
    subject of, and the verb's object ("told the mediators it ..."), or None."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.lower_ not in _PERSONAL | _SINGULAR_THING | _PLURAL:
        return None
    return _reporting(pronoun, lex)


def speaking_state(noun, lex: Lexicon):
    """The speaker who reports what "his country" or "the government" will do, when the speaker
    holds an office of that state ("President Rulo said his country will not lift the ban", "the
    prime minister announced that the government will extend the curfew"): the official speaks
    for the state and is its actor. None otherwise ("the opposition leader said the government
    will raise taxes")."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or lemma(noun) not in lex.grammar.own_state_nouns:
        return None
    mods = list(noun.children)
    if len(mods) != 1 or mods[0].lower_ not in lex.grammar.own_state_determiners:
        return None  # "the Velmoran government", "its government" name another side or none
    found = _reporting(noun, lex)
    if found is None:
        return None
    speaker = found[0]
    titles = [speaker] + [c for c in speaker.children if c.dep_ in ("compound", "amod") and c.i < speaker.i]
    if not any(lemma(t) in lex.grammar.state_titles for t in titles):
        return None
    if any(lemma(c) in lex.grammar.out_of_office for c in speaker.subtree):
        return None  # "former prime minister", "the opposition's shadow minister": no office of the state
    if any(c.ent_type_ == "ORG" and c.text.replace(".", "").isupper() for c in speaker.lefts) or any(
        c.dep_ == "prep" and c.lower_ == "to" for c in speaker.rights
    ):
        return None  # "the UN spokesman", "the secretary to the council": an office of another body
    return speaker


def _reporting(subj, lex: Lexicon):
    """(speaker, addressee) of the reporting verb whose complement `subj` is the subject of."""
    cur = subj.head
    for _ in range(_MAX_CLIMB):
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            return None
        cur = cur.head
        if lemma(cur) in lex.grammar.reporting:
            speaker = subject(cur)
            if speaker is None or speaker.pos_ == "PRON" or speaker.i > subj.i:
                return None
            return speaker, first_child(cur, "dobj", "dative")
    return None


def _plural(tok) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)


def is_person(tok, entity_type: str | None, lex: Lexicon) -> bool:
    """Does the speaker's head name a person? The actors stage's entity type decides when there is one."""
    if entity_type is not None:
        return entity_type == "PERSON"
    return tok.ent_type_ == "PERSON" or lemma(tok) in lex.grammar.person_nouns


def fits(pronoun, speaker, entity_type: str | None, lex: Lexicon) -> bool:
    """Can `pronoun` stand for the phrase headed by `speaker`?"""
    word = pronoun.lower_
    person = is_person(speaker, entity_type, lex)
    if word in _PERSONAL:
        return person and not _plural(speaker)
    if word in _SINGULAR_THING:
        return not person and not _plural(speaker)
    if word in _PLURAL:
        # "the government said they would"; a spokesman's or a leader's "they" is their side.
        return True
    return False


def speaks_for(pronoun, speaker, speaker_type: str | None, addressee, addressee_type: str | None,
               lex: Lexicon) -> bool:
    """Does the pronoun stand for the speaker? With "told Y it ...", not when it may be Y and the
    clause puts an obligation on someone ("told the rebels they must release"), nor a "they" a
    single person says to several."""
    if not fits(pronoun, speaker, speaker_type, lex):
        return False
    if addressee is None:
        return True
    # "told Y it must ...": an obligation put on someone, most often the addressee.
    obliged = any(c.dep_ == "aux" and c.lower_ in lex.grammar.obligation_aux for c in pronoun.head.children)
    if pronoun.lower_ in _PLURAL:
        lone = is_person(speaker, speaker_type, lex) and not _plural(speaker)
        return not (obliged or (lone and _plural(addressee)))
    # "told the UN it would send ...": a commitment or a report is the speaker's own.
    return not (obliged and fits(pronoun, addressee, addressee_type, lex))


def body_of(speaker, speaker_type: str | None, lex: Lexicon):
    """The country or organisation a person speaker's title names: "Turkey's president", "the
    Kenyan foreign minister", "the head of the African Union"; None when there is none."""
    if not is_person(speaker, speaker_type, lex):
        return None
    heads = [speaker] + [c for c in speaker.children if c.dep_ == "compound" and lemma(c) in lex.grammar.person_nouns]
    for head in heads:
        poss = first_child(head, "poss")
        if poss is not None and poss.pos_ != "PRON" and is_actorish(poss, lex.grammar.actor_nouns):
            return poss
        for _, obj in prep_objects(head, ("of",)):
            if obj.ent_type_ in ACTOR_ENTS or is_actorish(obj, lex.grammar.actor_nouns):
                return obj
        for mod in head.children:
            if mod.dep_ in ("amod", "compound", "nmod") and mod.i < head.i and mod.ent_type_ in ("GPE", "NORP", "ORG"):
                return mod
    return None
