"""One event per clause: a trigger inside the content of another ("threatened to shell", "refused
to meet", "condemned the attacks", "calls to resign", "offered X passage if he resigns") is
absorbed by the outer one and becomes its content. So is a participle clause that tells the result
of an act of the same kind ("shelled the town, killing three and wounding nine")."""

from __future__ import annotations

from tocsin.events.arguments import held_responsible
from tocsin.events.matcher import Trigger, named_possessor

# How the path leaves the outer trigger decides: complements, objects and arguments are content;
# adverbial clauses, coordination, subjects and time adjuncts ("after the attack") are not.
_CONTENT = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl", "attr", "oprd", "dative", "compound",
            "amod", "nmod", "appos", "acomp", "agent", "relcl"}
# Prepositions of time, place and circumstance: what hangs from them is background, not content.
BACKGROUND_PREPS = {"after", "before", "during", "following", "amid", "amidst", "since", "until", "despite", "as",
                    "like", "ahead", "prior", "because", "while", "throughout", "in", "at", "near", "off",
                    "within", "across", "along", "with", "without", "beside", "besides", "from", "upon"}
_CONDITION_MARKS = {"if", "unless"}


def _is_content_link(child, governor: Trigger) -> bool:
    dep = child.dep_
    if dep == "ccomp" and _told_of_another(child, governor):
        return False
    if dep == "advcl":
        # A condition is part of an offer or threat, a purpose ("lent $1bn to Indonesia to aid its
        # recovery") part of the act; a clause under a noun is its complement.
        marks = [c for c in child.children if c.dep_ == "mark"]
        purpose = not marks and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        return child.head.pos_ in ("NOUN", "PROPN") or purpose or any(m.lower_ in _CONDITION_MARKS for m in marks)
    if dep == "prep":
        return child.lower_ not in BACKGROUND_PREPS
    if dep == "relcl":
        return governor.nominal and child.head.i == governor.head.i
    return dep in _CONTENT


# Verbs whose that-clause tells what another party does: the clause is an event of its own
# ("officials warned that Sudan is supplying drones to the group": Sudan's aid, and the warning).
_TELLING_EVENTS = {"ACCUSE", "THREATEN"}


def _told_of_another(clause, governor: Trigger) -> bool:
    if governor.nominal or governor.entry.event not in _TELLING_EVENTS:
        return False
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    outer = next((c for c in governor.anchor.children if c.dep_ == "nsubj"), None)
    return (subj is not None and subj.dep_ == "nsubj" and subj.pos_ == "PROPN"
            and (outer is None or outer.lower_ != subj.lower_))


def _result_of(clause, outer: Trigger, inner: Trigger) -> bool:
    """Is `clause` (holding `inner`) a bare participle telling what the act of `outer` did?"""
    return (clause.tag_ == "VBG" and inner.entry.event == outer.entry.event and not inner.nominal
            and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in clause.children))


def _governor(trigger: Trigger, owner: dict[int, Trigger]) -> Trigger | None:
    """The nearest trigger above this one whose content holds it, if any."""
    cur = trigger.anchor
    # A nominal carried by another trigger's verb is its content ("called for the resignation").
    other = owner.get(cur.i)
    if other is not None and other is not trigger:
        return other
    for _ in range(12):
        parent = cur.head
        if parent.i == cur.i:
            return None
        other = owner.get(parent.i)
        if other is not None and other is not trigger:
            if cur.dep_ == "advcl" and _result_of(cur, other, trigger):
                trigger.result_of = other
                return other
            if cur.dep_ == "conj" and parent.dep_ == "advcl" and _result_of(cur, other, trigger):
                cur = parent  # "killing two and wounding nine": the second result goes with the first
                continue
            return other if _is_content_link(cur, other) else None
        if cur.dep_ in ("relcl", "parataxis"):
            return None  # a relative clause on an ordinary noun says something new
        cur = parent
    return None


def absorb(triggers: list[Trigger], blaming: frozenset = frozenset(), deeds: frozenset = frozenset(),
           doubt: frozenset = frozenset()) -> list[Trigger]:
    """Keep the outermost triggers; each inner one is appended to its governor's `content`, or to
    its `results` when it tells what the governor's act did (it takes no part in its arguments).
    `blaming`: verbs that lay an event on a party ("blamed the strike on Kyiv"); `deeds`: nouns whose
    clause tells their possessor's act ("Trump's move to reimpose sanctions"); `doubt`: the
    auxiliaries that leave an act only possible ("could", "may")."""
    owner: dict[int, Trigger] = {}
    for trig in triggers:
        for tok in trig.tokens:
            owner.setdefault(tok.i, trig)
    kept = []
    for trig in triggers:
        gov = _governor(trig, owner)
        seen = {id(trig)}
        while gov is not None and id(gov) not in seen:
            seen.add(id(gov))
            outer = _governor(gov, owner)
            if outer is None or id(outer) in seen or gov.result_of is not None:
                break  # what a result holds goes with it, not to the act it tells of
            gov = outer
        if gov is None or gov is trig:
            kept.append(trig)
        elif trig.result_of is not None:
            gov.results.append(trig)
        else:
            gov.content.append(trig)
            if _authored_noun(trig) or _authored_clause(trig, deeds) or _blamed(trig, blaming, gov, doubt):
                kept.append(trig)  # "refused Togo's request": the request is Togo's own act
    return kept


def _blamed(trig: Trigger, blaming: frozenset, gov: Trigger, doubt: frozenset) -> bool:
    """An event noun a named party is held responsible for ("named Varga as responsible for his
    arrest", "blamed the strike on Kyiv"): the blame is one event, the arrest by Varga another. Not
    when the blame is denied or only possible ("did not blame Kyiv", "could blame Kyiv")."""
    if not trig.nominal or held_responsible(trig.head, blaming) is None:
        return False
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in doubt) for c in gov.head.children)


def _authored_clause(trig: Trigger, deeds: frozenset) -> bool:
    """An act told in the clause of a deed noun with a named author ("welcomed Trump's move to
    reimpose sanctions"): the author's own act, coded as well as the content it is."""
    anchor = trig.anchor
    return not trig.nominal and anchor.dep_ == "acl" and anchor.head.lemma_.lower() in deeds \
        and named_possessor(anchor.head) is not None


def _authored_noun(trig: Trigger) -> bool:
    """An event noun with a named author of its own ("Togo's request", "the Ghanaian envoy's
    demands"): a first mention of another event, coded as well as the content it is."""
    return trig.nominal and named_possessor(trig.head) is not None
