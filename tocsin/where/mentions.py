"""Place mentions of a sentence, with the role that says whether they locate something.

A mention is a GPE/LOC/FAC entity, or a name the NER missed or mislabelled (a run of proper
nouns, an ORG "Kyiv"), extended to a longer gazetteer name around it ("Port of Spain",
"Gulf of Aden"). It locates an event only when it hangs off a clause through a locative
preposition ("in Kyiv", "off the coast of Trinidad") or is the thing struck ("shelled Odesa",
"Kyiv was hit"). A place that is the subject, agent or possessor of something is an actor
("Washington said", "Venezuela's leader"), and a seat of government ("the Kremlin") always is.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.symbols import PROPN

from tocsin import nlp
from tocsin.clauses import sentence_ents
from tocsin.where.gazetteer import Gazetteer, Place, fold

_ALWAYS = {"GPE", "LOC", "FAC"}
_NAMES_TOO = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}  # strict look-up only
_JOINERS = {"of", "and", "de", "del", "al", "el", "-", "the", "la", "le"}

LOCATIVE, TARGET = 0, 1  # how a mention locates: rank used to break ties, lower is better


@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int
    end: int
    root: object  # spaCy Token
    place: Place
    role: int


def mentions(sent, gaz: Gazetteer, countries, ents=None) -> list[PlaceMention]:
    """The mentions of one sentence (a spaCy Span) that can locate an event.

    `ents`: the Doc's entities, when the caller has them (see `clauses.sentence_ents`)."""
    spans = []
    seen: set[int] = set()
    for ent in sentence_ents(sent, ents):
        if ent.label_ in _ALWAYS or ent.label_ in _NAMES_TOO:
            spans.append((ent, ent.label_ not in _ALWAYS))
            seen.update(t.i for t in ent)
    pos = nlp.column(sent.doc, "pos")
    run = []
    for i in [*range(sent.start, sent.end), None]:
        if i is not None and pos[i] == PROPN and i not in seen:
            run.append(i)
            continue
        if run:
            spans.append((sent.doc[run[0] : run[-1] + 1], True))
            run = []
    out = []
    sent_text = nlp.text(sent.doc)[sent.start_char : sent.end_char]
    for span, strict in spans:
        span = _extend(span, gaz, sent, sent_text)
        name = span.text
        if _is_metonym(span, gaz, name):
            continue
        role = _role(span.root, gaz)
        if role is None:
            continue
        place = gaz.lookup(_strip_admin(name, gaz), countries.for_name(name), strict=strict, fuzzy=not strict)
        if place is None and strict and role == TARGET:
            # "shelled Kupiansk", the town tagged ORG or PERSON: what is struck may be a town under
            # another of its spellings (an alternate name, never a guess).
            place = gaz.town(name, countries.for_name(name))
        if place is None:
            continue
        if _strip_admin(name, gaz) != name and place.feature_type == "city":
            place = _as_admin(place)
        out.append(PlaceMention(name, span.start_char, span.end_char, span.root, place, role))
    return out


def _extend(span, gaz: Gazetteer, sent=None, sent_text: str | None = None):
    """The longest gazetteer name made of the span and up to three tokens on either side."""
    doc = span.doc
    if sent is None:
        sent = span.sent
    if sent_text is None:
        sent_text = nlp.text(sent.doc)[sent.start_char : sent.end_char]
    # Only a run of capitalised words or joiners may extend the span: find how far that run goes
    # on each side (up to three tokens, inside the sentence), reading each token once. Candidate
    # texts are slices of the sentence text (what Span.text gives, without building a Span).
    base = sent.start_char
    starts = {span.start: span.start_char - base}
    ends = {span.end - 1: span.end_char - base}
    reach = [0, 0]  # tokens that may join on the left, on the right
    for side, step, first in ((0, -1, span.start - 1), (1, 1, span.end)):
        i = first
        while reach[side] < 3 and sent.start <= i < sent.end:
            t = doc[i]
            if not (t.text[:1].isupper() or t.lower_ in _JOINERS):
                break
            starts[i] = t.idx - base
            ends[i] = starts[i] + len(t)
            reach[side] += 1
            i += step
    best_lo, best_hi = span.start, span.end
    for left in range(0, reach[0] + 1):
        for right in range(0, reach[1] + 1):
            if not left and not right:
                continue
            lo, hi = span.start - left, span.end + right
            if hi - lo <= best_hi - best_lo:
                continue
            if gaz.candidates(sent_text[starts[lo] : ends[hi - 1]], strict=True):
                best_lo, best_hi = lo, hi
    best = span if (best_lo, best_hi) == (span.start, span.end) else doc[best_lo:best_hi]
    # Leading "the" is no part of the name, only of the noun phrase.
    if best[0].lower_ == "the" and len(best) > 1:
        best = best[1:]
    return best


def _is_metonym(span, gaz: Gazetteer, name: str | None = None) -> bool:
    """Is the span (or it and the word before: "the Kremlin") a seat of government? `name`: span.text."""
    doc = span.doc
    for lo in (span.start, span.start - 1):
        text = name if lo == span.start and name is not None else None
        if lo >= 0 and fold(text if text is not None else doc[lo : span.end].text) in gaz.metonyms:
            return True
    return False


def _strip_admin(name: str, gaz: Gazetteer) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in gaz.admin_suffixes:
        return " ".join(words[:-1])
    return name


def _as_admin(place: Place) -> Place:
    # "the Donetsk region": the area around the city; the city's point is the best we have.
    return Place(place.name, place.country, place.lat, place.lon, "admin", "admin", place.kind, place.population)


def _role(root, gaz: Gazetteer) -> int | None:
    """LOCATIVE, TARGET, or None when the mention names an actor or something else."""
    tok = root
    # "Kyiv and Odesa", "Kharkiv, Ukraine": a conjunct or apposition takes the first one's role.
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    # "the coast of Trinidad", "the outskirts of Kyiv": the frame noun carries the role.
    while (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "of"
        and (tok.head.head.lower_ in gaz.frame_nouns or tok.head.head.lemma_.lower() in gaz.frame_nouns)
    ):
        tok = tok.head.head
        while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in gaz.locative_preps:
            return LOCATIVE
        if prep.lower_ == "of" and prep.head.lower_ in ("outside",):
            return LOCATIVE
        return None
    if tok.dep_ in ("dobj", "nsubjpass"):
        return TARGET
    # A subject, agent, possessor or modifier ("Washington said", "Venezuela's leader",
    # "a US invasion") is an actor; anything else does not say where something happened.
    return None
