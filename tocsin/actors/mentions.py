"""Finds the phrases that may name an actor: dictionary names, spaCy entities, sector-noun
phrases and personal pronouns, as `Candidate`s in document order.

spaCy's NER is corrected by the dictionaries: a dictionary name that covers an entity wins
("the Miami Herald" tagged FAC becomes the outlet); a longer PERSON or ORG entity keeps its span
and reads the dictionary words inside it ("US Navy"). Noun chunks whose head is a sector noun
find the actors NER misses ("defence officials", "Venezuelan troops", "the US President").
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
from spacy.attrs import POS
from spacy.symbols import PRON

from tocsin import nlp
from tocsin.actors.dictionaries import Entry, Lexicon
from tocsin.actors.matcher import Match, find
from tocsin.actors.normalize import HYPHENS, fold, is_acronym, is_capitalised
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
    parts: tuple = ()  # "US and Afghan forces": the country words sharing the head, one actor each


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
    dated = dateline_tokens(doc)
    if dated:  # a dateline names the place a dispatch was filed from: no person, no organisation in it
        matches = [m for m in matches if m.start not in dated or m.entry.type in ("GPE", "LOC")]
    dict_tokens = {i: m for m in matches for i in range(m.name_start, m.end)}
    kept_matches = {id(m): m for m in matches}
    cands: list[Candidate] = []

    surnames = {fold(e[-1].text) for e in nlp.ents(doc) if e.label_ == "PERSON" and len(e) > 1}
    for ent_start, ent_end, ent_label in _entity_spans(doc):
        if ent_label not in NAME_LABELS:
            continue
        if ent_start in dated and ent_label not in ("GPE", "LOC"):
            ent_label = "GPE"  # "DERA ISMAIL KHAN, Pakistan –": a town, whatever NER took it for
        for start, end in _conjuncts(doc, *_trim(doc, ent_start, ent_end), dict_tokens):
            label = _relabel(doc, start, end, ent_label, lexicon, surnames, dict_tokens)
            if label is None:
                continue  # a bare title ("the Prime Minister"): the noun chunks find it
            name_start = _possessor_split(doc, start, end) if label == "PERSON" else start
            if label == "PERSON":
                # "Ms Beltran", "King Salman": honorific and title are part of the mention, not the name
                name_start = title_prefix_end(doc, name_start, end, lexicon)
            inside = {id(m): m for i in range(name_start, end) if (m := dict_tokens.get(i)) is not None}
            covering = [m for m in inside.values() if m.name_start <= name_start and m.end >= end]
            if covering and not (label == "PERSON" and _surely_person(doc, name_start, end, lexicon, surnames)):
                continue  # the dictionary knows this name better than NER's label
            for m in covering:
                kept_matches.pop(id(m), None)
            if label in ("PERSON", "ORG") or (label == "FAC" and not inside):
                if label == "FAC" and not any(is_capitalised(t.text) for t in doc[name_start:end]):
                    continue
                for m in inside.values():
                    kept_matches.pop(id(m), None)
                typ = "PERSON" if label == "PERSON" else "ORG"
                root = doc[name_start:end].root
                if typ == "ORG" and not (name_start <= doc[end - 1].head.i < end):
                    root = doc[end - 1]  # "Kisumu Police chiefs": the name's last word is its head
                cands.append(Candidate(start, end, "name", typ, root, name_start, end))
            elif label == "GPE" and not inside:
                cands.append(Candidate(start, end, "name", "GPE", doc[start:end].root, start, end))

    cands += _unlabelled_names(doc, dict_tokens, cands, lexicon)
    for m in kept_matches.values():
        if _inside_longer_name(doc, m, lexicon):
            continue
        typ = m.entry.type if m.entry.kind != "outlet" else "OUTLET"
        root = doc[m.name_start : m.end].root
        cands.append(Candidate(m.start, m.end, "dict", typ, root, m.name_start, m.end, m.entry))

    # titles, honorifics and possessors in front of a person's name belong to the mention
    for c in cands:
        if c.type == "ORG" and c.kind == "name":
            _country_word_before(doc, c, dict_tokens)
        if c.type == "PERSON":
            c.start = _title_start(doc, c.start, c.name_end, lexicon, dict_tokens)
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
        nominals.append(Candidate(chunk.start, end, "nominal", typ, root, chunk.start, end,
                                  parts=_country_conjuncts(root, dict_tokens)))
    # dictionary words inside a nominal are its modifiers ("the US President"), not actors of their own
    cands = _outside_nominals(cands, nominals) + nominals

    # Pronouns picked off the array of tags rather than by walking every token in Python.
    for t in (doc[i] for i in np.flatnonzero(doc.to_array(POS) == PRON).tolist()):
        if t.lower_ in lexicon.person_pronouns:
            cands.append(Candidate(t.i, t.i + 1, "pronoun", "PERSON", t, t.i, t.i + 1))
    cands.sort(key=lambda c: (c.start, -c.end))
    return cands


def _country_conjuncts(root, dict_tokens: dict[int, Match]) -> tuple[Match, ...]:
    """'US and Afghan forces', 'the Iranian and Iraqi foreign ministers': coordinated country words
    in front of one head name one actor each (PLOVER compound actors)."""
    def country(tok):
        m = dict_tokens.get(tok.i)
        return m if m is not None and m.entry.kind in ("country", "demonym") and m.entry.code else None

    words = []
    for child in root.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < root.i:
            words += [child, *[c for c in child.conjuncts if c.i < root.i]]
    found = {id(m): m for w in words if (m := country(w)) is not None}
    parts = sorted(found.values(), key=lambda m: m.start)
    if len(parts) < 2 or len(parts) != len({m.entry.code for m in parts}):
        return ()
    doc = root.doc
    # coordinated ("US and Afghan", "Kenyan, Zambian and South African"), not stacked
    if all(any(t.dep_ == "cc" or t.text == "," for t in doc[a.end : b.name_start]) for a, b in zip(parts, parts[1:])):
        return tuple(parts)
    return ()


def _country_word_before(doc, c: Candidate, dict_tokens: dict[int, Match]) -> None:
    """'British Royal Marines', 'Iraqi Special Operations Forces': NER left the country word out of
    the organisation's name; it is part of it (and gives its code)."""
    m = dict_tokens.get(c.start - 1)
    if m is None or m.entry.kind not in ("country", "demonym") or c.name_start != c.start:
        return
    if c.start <= doc[m.name_start : m.end].root.head.i < c.end:
        c.start = c.name_start = m.name_start


def _surely_person(doc, start: int, end: int, lexicon: Lexicon, surnames: set[str]) -> bool:
    """'Mr Lima' is a person even though Lima is a capital; so is a surname of a full name in the text."""
    before = fold(doc[start - 1].text) if start > 0 else ""
    return before in lexicon.honorifics or before in lexicon.title_abbreviations or (
        end - start == 1 and fold(doc[start].text) in surnames
    )


def is_title(tok, lexicon: Lexicon) -> bool:
    """A capitalised office word or honorific that can stand before a name ("President", "Mr", "Gen.")."""
    key = fold(tok.text)
    if key in lexicon.honorifics or key in lexicon.title_abbreviations:
        return True
    if not is_capitalised(tok.text):
        return False
    lemma = fold(tok.lemma_)
    return any(k in lexicon.people and k not in lexicon.not_titles for k in (lemma, key))


def title_prefix_end(doc, start: int, end: int, lexicon: Lexicon) -> int:
    """Where the name starts after the titles heading a PERSON span ("Prime Minister Theresa May",
    "King Salman", "Ms Beltran"); `start` when no title heads it. At least one token is left."""
    cut = start
    for j in range(start, end - 1):
        t = doc[j]
        if is_title(t, lexicon):
            cut = j + 1
        elif not (is_capitalised(t.text) or t.text in HYPHENS or t.lower_ == "of"):
            break
        elif j > start + 3:
            break
    if cut < end and is_title(doc[cut], lexicon):
        return start  # titles all the way to the end: no name was left to read
    return cut


def dateline_tokens(doc) -> set[int]:
    """The indices of the tokens in the Doc's datelines (found once per Doc: the actors stage and the
    knowledge base both ask)."""
    cache = nlp.shared(doc)
    if "dateline_tokens" not in cache:
        out: set[int] = set()
        for start, end in nlp.datelines(doc):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
        cache["dateline_tokens"] = out
    return cache["dateline_tokens"]


def _entity_spans(doc) -> list[tuple[int, int, str]]:
    """spaCy's entities as (start, end, label); two PERSON spans with nothing between them are one
    name NER cut in two ("Mohamed Abdullahi | Mohamed Farmajo")."""
    out: list[tuple[int, int, str]] = []
    for ent in nlp.ents(doc):
        if out and ent.label_ == "PERSON" and out[-1][2] == "PERSON" and out[-1][1] == ent.start \
                and doc[ent.start].sent.start <= out[-1][0]:
            out[-1] = (out[-1][0], ent.end, "PERSON")
        else:
            out.append((ent.start, ent.end, ent.label_))
    return out


def _bare_title(span, lexicon: Lexicon) -> bool:
    """'Prime Minister', 'Deputy Foreign Minister', 'Secretary of State': an office with no name."""
    _, sectors, head_tokens = head_noun(span[-1], lexicon)
    if sectors is None:
        return False
    covered = {t.i for t in head_tokens}
    return all(t.i in covered or is_title(t, lexicon) or t.text in HYPHENS or t.lower_ == "of" for t in span)


def _relabel(doc, start: int, end: int, label: str, lexicon: Lexicon, surnames: set[str], dict_tokens) -> str | None:
    """Correct spaCy's label with the words around the name (None: a bare title, no name).

    "Delhi Police" tagged PERSON is an organisation (its head is a group noun); "President Buhari"
    or "Mr Biden" tagged GPE/ORG is a person (a title or honorific before it), and so is a one-word
    ORG/GPE that is the surname of a person named in the text.
    """
    span = doc[start:end]
    if label == "PERSON":
        head = fold(span[-1].lemma_)
        if head in lexicon.groups and head not in lexicon.people:
            return "ORG"
        if _kind_first(span, lexicon):
            return "ORG"
        if _bare_title(span, lexicon):
            return None
        return label
    if label not in ("ORG", "GPE", "FAC") or any(i in dict_tokens for i in range(start, end)):
        return label
    if lexicon.sector_noun(fold(span[-1].lemma_)) is not None:
        return label  # "the Interior Ministry", "Supreme Court"
    if start > doc[start].sent.start and is_title(doc[start - 1], lexicon):
        return "PERSON"
    if end - start == 1 and fold(span[0].text) in surnames:
        return "PERSON"
    return label


def _conjuncts(doc, start: int, end: int, dict_tokens) -> list[tuple[int, int]]:
    """An entity span that coordinates several names ("Glavkosmos and Roscosmos") as one span per
    conjunct; a dictionary name with "and" in it ("Trinidad and Tobago") stays whole."""
    cuts = [
        t.i for t in doc[start:end]
        if t.dep_ == "cc" and start < t.i < end - 1 and t.i not in dict_tokens
        and any(c.dep_ == "conj" and t.i < c.i < end for c in t.head.children) and start <= t.head.i < t.i
    ]
    if not cuts:
        return [(start, end)] if start < end else []
    out, left = [], start
    for c in [*cuts, end]:
        a, b = _trim(doc, left, c)
        while b > a and doc[b - 1].is_punct:
            b -= 1
        if a < b:
            out.append((a, b))
        left = c + 1
    return out


_NAME_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr", "dative"}


def _unlabelled_names(doc, dict_tokens, cands, lexicon: Lexicon) -> list[Candidate]:
    """Capitalised proper nouns NER left unlabelled, in an argument slot: a person or an institution."""
    taken = {i for c in cands for i in range(c.start, c.end)}
    out = []
    # Tokens built once, and sentence starts by bisection: doc[j] and Token.sent cost a Token
    # (and a walk to the sentence start) on every call.
    tokens = nlp.tokens(doc)
    n = len(tokens)
    sent_starts = [s.start for s in nlp.sents(doc)]

    def sent_start(k: int) -> int:
        return sent_starts[bisect_right(sent_starts, k) - 1]

    i = 0
    while i < n:
        j = i
        while (
            j < n and tokens[j].pos_ == "PROPN" and is_capitalised(tokens[j].text) and tokens[j].is_alpha
            and tokens[j].ent_iob_ == "O" and j not in taken and j not in dict_tokens
            and (j == i or sent_start(j) == sent_start(i))
        ):
            j += 1
        if j > i and tokens[j - 1].dep_ in _NAME_DEPS and i != sent_start(i):
            cand = _unlabelled(doc, i, j, lexicon)
            if cand is not None:
                out.append(cand)
        i = max(j, i + 1)
    return out


def _kind_first(span, lexicon: Lexicon) -> bool:
    """'NGO Haki Safi': a name led by an acronym of an institution's kind names an institution."""
    first = span[0].text
    key = fold(first)
    return len(span) > 1 and is_acronym(first) and key in lexicon.groups and key not in lexicon.people


def _unlabelled(doc, i: int, j: int, lexicon: Lexicon) -> Candidate | None:
    """A run of capitalised proper nouns: an institution when its head is a group noun ("the Madras
    High Court"), nothing when it is only a title ("the Prime Minister"), else a person with the
    titles in front of the name in the mention ("Interior Minister Ana Ruiz")."""
    head = fold(doc[j - 1].lemma_)
    if (head in lexicon.groups and head not in lexicon.people) or _kind_first(doc[i:j], lexicon):
        return Candidate(i, j, "name", "ORG", doc[j - 1], i, j) if j - i <= 5 else None
    if is_title(doc[j - 1], lexicon) or _bare_title(doc[i:j], lexicon):
        return None
    name_start = title_prefix_end(doc, i, j, lexicon)
    if 2 <= j - name_start <= 3 or (name_start > i and j - name_start == 1):
        return Candidate(i, j, "name", "PERSON", doc[j - 1], name_start, j)
    return None


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


def _outside_nominals(cands: list[Candidate], nominals: list[Candidate]) -> list[Candidate]:
    """The candidates but the dictionary names inside a nominal's span.

    The nominals sorted by start, the furthest end reached by those starting at or before a
    candidate says whether one of them holds it: a bisection, not a walk over every nominal."""
    spans = sorted((n.start, n.end) for n in nominals)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))
    return [
        c for c in cands
        if c.kind != "dict" or not ((k := bisect_right(starts, c.start)) and reach[k - 1] >= c.end)
    ]


def _drop_contained(cands: list[Candidate], keep_person: bool) -> list[Candidate]:
    """Among name candidates, a span inside another one's span is a modifier of it."""
    # In this order every kept span starts at or before `c`, so one holds `c` iff one ends after
    # it, or ends with it and starts before it: the furthest end kept so far and the earliest
    # start among the spans ending there answer that in one sweep.
    out = []
    far_end, far_start = None, None
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        held = far_end is not None and (far_end > c.end or (far_end == c.end and far_start < c.start))
        if held and not (keep_person and c.type == "PERSON"):
            continue
        out.append(c)
        if far_end is None or c.end > far_end:
            far_end, far_start = c.end, c.start
        elif c.end == far_end:
            far_start = min(far_start, c.start)
    return out
