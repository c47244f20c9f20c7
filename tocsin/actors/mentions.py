"""Finds the phrases that may name an actor: dictionary names, spaCy entities, sector-noun
phrases and personal pronouns, as `Candidate`s in document order.

spaCy's NER is corrected by the dictionaries: a dictionary name that covers an entity wins
("the Miami Herald" tagged FAC becomes the outlet); a longer PERSON or ORG entity keeps its span
and reads the dictionary words inside it ("US Navy"). Noun chunks whose head is a sector noun
find the actors NER misses ("defence officials", "Venezuelan troops", "the US President").
"""

from __future__ import annotations

from dataclasses import dataclass

from tocsin.actors.dictionaries import Entry, Lexicon
from tocsin.actors.matcher import Match, find
from tocsin.actors.normalize import fold, is_capitalised
from tocsin.actors.phrase import head_noun

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_TITLE_DEPS = {"compound", "amod", "nmod", "poss", "case", "appos", "punct"}


@dataclass
class Candidate:
    start: int  # token span of the whole mention (titles and honorifics included)
    end: int
    kind: str  # dict | name | nominal | pronoun
    type: str  # PERSON, ORG, GPE, OUTLET, GROUP ...
    root: object  # the head token
    name_start: int = 0  # the bare name inside the mention (no title, no honorific)
    name_end: int = 0
    entry: Entry | None = None


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].tag_ == "POS" or (end > start and doc[end - 1].text in ("'", "’")):
        end -= 1
    return start, end


def _possessor_split(doc, start: int, end: int) -> int:
    """'Venezuela's Nicolas Maduro' as one PERSON entity: the name starts after the 's."""
    for i in range(end - 1, start, -1):
        if doc[i].tag_ == "POS" and i + 1 < end:
            return i + 1
    return start


def _title_start(doc, name_start: int, name_end: int, lexicon: Lexicon, dict_tokens: dict[int, Match]) -> int:
    """Grow a PERSON mention leftwards over its titles, country words, honorific and possessor."""
    region = set(range(name_start, name_end))
    sent_start = doc[name_start].sent.start
    j = name_start - 1
    start = name_start
    while j >= sent_start:
        t = doc[j]
        key = fold(t.text)
        if t.tag_ == "POS" and j - 1 >= sent_start and doc[j - 1].head.i in region:
            region.update((j, j - 1))
            start = j - 1
            j -= 2
            continue
        titled = (
            key in lexicon.honorifics
            or key in lexicon.title_abbreviations
            or (lexicon.sector_noun(fold(t.lemma_)) is not None and fold(t.lemma_) not in lexicon.not_titles)
            or key in lexicon.modifiers
            or j in dict_tokens
            or (is_capitalised(t.text) and t.pos_ in ("PROPN", "NOUN", "ADJ") and t.ent_type_ not in ("PERSON",))
            or (t.pos_ == "NOUN" and t.dep_ == "compound")  # "VC recipient", "Germany defender"
            or (t.pos_ == "ADJ" and t.dep_ == "amod")  # "special envoy", trimmed off the edge below
            or (t.text in ("-", "‑") and j + 1 in region)  # "Attorney-General"
        )
        of_phrase = t.lower_ == "of" or (t.dep_ == "pobj" and t.head.lower_ == "of")  # "Minister of Foreign Affairs"
        if not (titled or of_phrase) or t.dep_ not in _TITLE_DEPS | {"prep", "pobj"}:
            break
        if t.pos_ in ("DET", "VERB") or (t.pos_ == "PUNCT" and t.text not in ("-", "‑")):
            break
        if t.pos_ == "ADP" and t.lower_ != "of":
            break
        if t.text not in ("-", "‑") and not _reaches(t, name_start, name_end):
            break
        region.add(j)
        start = j
        j -= 1
    # an adjective at the left edge is description, not title ("defiant", "former")
    while start < name_start and doc[start].pos_ == "ADJ" and not is_capitalised(doc[start].text) and (
        fold(doc[start].text) not in lexicon.modifiers
    ):
        start += 1
    return start


def _reaches(t, name_start: int, name_end: int) -> bool:
    """Does the token hang, through words before the name, from the name itself?"""
    h = t
    for _ in range(8):
        if h.head.i == h.i or h.head.i >= name_end or h.head.pos_ == "VERB":
            return False
        h = h.head
        if name_start <= h.i < name_end:
            return True
    return False


def find_candidates(doc, lexicon: Lexicon, matches: list[Match] | None = None) -> list[Candidate]:
    if matches is None:
        matches = find(doc, lexicon)
    dict_tokens = {i: m for m in matches for i in range(m.name_start, m.end)}
    kept_matches = {id(m): m for m in matches}
    cands: list[Candidate] = []

    surnames = {fold(e[-1].text) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        name_start = _possessor_split(doc, start, end) if ent.label_ == "PERSON" else start
        if ent.label_ == "PERSON":
            while name_start < end - 1 and fold(doc[name_start].text) in lexicon.honorifics:
                name_start += 1  # "Ms Beltran": the honorific is part of the mention, not the name
        inside = {id(m): m for i in range(name_start, end) if (m := dict_tokens.get(i)) is not None}
        covering = [m for m in inside.values() if m.name_start <= name_start and m.end >= end]
        if covering and not (ent.label_ == "PERSON" and _surely_person(doc, name_start, end, lexicon, surnames)):
            continue  # the dictionary knows this name better than NER's label
        for m in covering:
            kept_matches.pop(id(m), None)
        if ent.label_ in ("PERSON", "ORG") or (ent.label_ == "FAC" and not inside):
            if ent.label_ == "FAC" and not any(is_capitalised(t.text) for t in doc[name_start:end]):
                continue
            for m in inside.values():
                kept_matches.pop(id(m), None)
            typ = "PERSON" if ent.label_ == "PERSON" else "ORG"
            root = doc[name_start:end].root
            cands.append(Candidate(start, end, "name", typ, root, name_start, end))
        elif ent.label_ == "GPE" and not inside:
            cands.append(Candidate(start, end, "name", "GPE", doc[start:end].root, start, end))

    cands += _unlabelled_names(doc, dict_tokens, cands)
    for m in kept_matches.values():
        if _inside_longer_name(doc, m, lexicon):
            continue
        typ = m.entry.type if m.entry.kind != "outlet" else "OUTLET"
        root = doc[m.name_start : m.end].root
        cands.append(Candidate(m.start, m.end, "dict", typ, root, m.name_start, m.end, m.entry))

    # titles, honorifics and possessors in front of a person's name belong to the mention
    for c in cands:
        if c.type == "PERSON":
            c.start = min(c.start, _title_start(doc, c.name_start, c.name_end, lexicon, dict_tokens))
    cands = _drop_contained(cands, keep_person=True)

    taken = {i for c in cands for i in range(c.name_start, c.name_end)}
    nominals = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ == "PRON" or root.i in taken:
            continue
        if root.lemma_.lower() in lexicon.leader_groups and any(
            t.dep_ == "poss" and t.i in taken for t in root.children
        ):
            continue  # "Donald Trump's administration" is a mention of Trump
        key, sectors, _ = head_noun(root, lexicon)
        if sectors is None:
            continue
        end = chunk.end
        if key in lexicon.people:  # "his Secretary of War", "the President of Venezuela"
            for child in root.rights:
                if child.dep_ == "prep" and child.lower_ == "of":
                    end = max(end, max(t.i for t in child.subtree) + 1)
        typ = "GROUP" if root.tag_ in ("NNS", "NNPS") else ("PERSON" if key in lexicon.people else "ORG")
        nominals.append(Candidate(chunk.start, end, "nominal", typ, root, chunk.start, end))
    # dictionary words inside a nominal are its modifiers ("the US President"), not actors of their own
    spans = [(n.start, n.end) for n in nominals]
    cands = [
        c for c in cands
        if c.kind != "dict" or not any(s <= c.start and c.end <= e for s, e in spans)
    ]
    cands += nominals

    for t in doc:
        if t.pos_ == "PRON" and t.lower_ in lexicon.person_pronouns:
            cands.append(Candidate(t.i, t.i + 1, "pronoun", "PERSON", t, t.i, t.i + 1))
    cands.sort(key=lambda c: (c.start, -c.end))
    return cands


def _surely_person(doc, start: int, end: int, lexicon: Lexicon, surnames: set[str]) -> bool:
    """'Mr Lima' is a person even though Lima is a capital; so is a surname of a full name in the text."""
    before = fold(doc[start - 1].text) if start > 0 else ""
    return before in lexicon.honorifics or before in lexicon.title_abbreviations or (
        end - start == 1 and fold(doc[start].text) in surnames
    )


_NAME_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr", "dative"}


def _unlabelled_names(doc, dict_tokens, cands) -> list[Candidate]:
    """Two or three capitalised proper nouns NER left unlabelled, in an argument slot: a person."""
    taken = {i for c in cands for i in range(c.start, c.end)}
    out = []
    i = 0
    while i < len(doc):
        j = i
        while (
            j < len(doc) and doc[j].pos_ == "PROPN" and is_capitalised(doc[j].text) and doc[j].is_alpha
            and doc[j].ent_iob_ == "O" and j not in taken and j not in dict_tokens
            and (j == i or doc[j].sent.start == doc[i].sent.start)
        ):
            j += 1
        if 2 <= j - i <= 3 and doc[j - 1].dep_ in _NAME_DEPS and doc[i].i != doc[i].sent.start:
            out.append(Candidate(i, j, "name", "PERSON", doc[j - 1], i, j))
        i = max(j, i + 1)
    return out


def _inside_longer_name(doc, m: Match, lexicon: Lexicon) -> bool:
    """'FIFA' in 'the FIFA World Cup' is part of another name, not the organisation itself."""
    if m.entry.kind in ("country", "demonym", "capital"):
        return False
    root = doc[m.name_start : m.end].root
    head = root.head
    return (
        root.dep_ == "compound"
        and not (m.name_start <= head.i < m.end)
        and head.pos_ == "PROPN"
        and lexicon.sector_noun(fold(head.lemma_)) is None
    )


def _drop_contained(cands: list[Candidate], keep_person: bool) -> list[Candidate]:
    """Among name candidates, a span inside another one's span is a modifier of it."""
    out = []
    ordered = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    for c in ordered:
        if any(o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start) for o in out):
            if not (keep_person and c.type == "PERSON"):
                continue
        out.append(c)
    return out
