"""The linear rewrites of the stages' search loops give exactly what the plain loops gave.

Each rewritten function is checked against the plain loop it replaced (kept here as the
reference) on random spans, and whole Documents coded with the references swapped in are
compared with Documents coded as shipped, on invented texts.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass

import pytest

from tocsin import clauses, nlp
from tocsin.actors import mentions
from tocsin.actors.resolve import PRONOUN_LOOKBACK, Resolver
from tocsin.model import Article
from tocsin.pipeline import code_article
from tocsin.speech import attribution, speakers

# -- the plain loops, as they were -------------------------------------------------------------


def drop_contained_plain(cands, keep_person):
    out = []
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if any(o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start) for o in out):
            if not (keep_person and c.type == "PERSON"):
                continue
        out.append(c)
    return out


def outside_nominals_plain(cands, nominals):
    spans = [(n.start, n.end) for n in nominals]
    return [c for c in cands if c.kind != "dict" or not any(s <= c.start and c.end <= e for s, e in spans)]


class HoldersPlain:
    def __init__(self, items):
        self.items = list(items)

    def containing(self, start, end):
        return sorted([i for i in self.items if i.start <= start and end <= i.end], key=lambda i: i.end - i.start)


def sentence_ents_plain(sent, ents=None):
    if ents is None:
        return list(sent.ents)
    out = []
    for ent in ents:
        if ent.start >= sent.start:
            if ent.end <= sent.end:
                out.append(ent)
            else:
                break
    return out


class HistoryPlain(speakers.History):
    def add(self, position, ref):
        if ref is not None and ref.name != speakers.UNNAMED:
            self.refs.append((position, ref))
            self.refs.sort(key=lambda item: item[0])

    def before(self, position, accept=None):
        earlier = [ref for pos, ref in self.refs if pos < position and (accept is None or accept(ref))]
        return earlier[-1] if earlier else None


def find_name_plain(self, c, key, reading):
    persons = [e for e in reversed(self.entities) if e.key and e.type in ("PERSON", "ORG", "GPE")]
    for e in persons:
        if e.key == key and (e.type == c.type or c.type == "PERSON" or e.type == "PERSON"):
            return e
    if c.type in ("PERSON", "ORG") and len(key) == 1:
        for e in persons:
            if e.type == "PERSON" and len(e.key) > 1 and e.key[-1] == key[0]:
                return e
    if c.type == "PERSON" and len(key) > 1:
        for e in persons:
            if e.type in ("PERSON", "ORG") and e.key == (key[-1],):
                return e
    if c.type == "PERSON":
        return self._bridge(c, reading)
    return None


def resolve_pronoun_plain(self, token):
    if token.i not in self._pronoun_done:
        sent, found = self.sent_of[token.i], None
        for s in range(sent, max(sent - PRONOUN_LOOKBACK, 0) - 1, -1):
            people = {id(e): e for ms, pos, e in self.log
                      if ms == s and (s < sent or pos < token.i) and e.type == "PERSON"}
            if people:
                found = next(iter(people.values())) if len(people) == 1 else None
                break
        self._pronoun_done[token.i] = found
        if found is not None:
            self.by_token.setdefault(token.i, found)
    return self._pronoun_done[token.i]


def appositions_plain(cands):
    names = [c for c in cands if c.kind == "name" and c.type == "PERSON"]
    links = {}
    for n in cands:
        if n.kind != "nominal" or n.type != "PERSON":
            continue
        for p in names:
            inside = p.name_start <= n.root.head.i < p.name_end
            if (n.root.dep_ == "appos" and inside) or (p.root.dep_ == "appos" and p.root.head.i == n.root.i):
                links[id(n)] = p
    return links


# -- random spans ------------------------------------------------------------------------------


@dataclass
class Span:
    start: int
    end: int
    kind: str = "dict"
    type: str = "ORG"


def random_spans(rng, n, width=40, longest=8):
    out = []
    for _ in range(n):
        start = rng.randrange(width)
        out.append(Span(start, start + rng.randrange(1, longest), rng.choice(["dict", "name", "nominal"]),
                        rng.choice(["PERSON", "ORG", "GPE"])))
    return out


@pytest.mark.parametrize("seed", range(200))
def test_span_filters_match_the_plain_loops(seed):
    rng = random.Random(seed)
    cands = random_spans(rng, rng.randrange(0, 30))
    nominals = random_spans(rng, rng.randrange(0, 10))
    for keep_person in (True, False):
        assert mentions._drop_contained(cands, keep_person) == drop_contained_plain(cands, keep_person)
    assert mentions._outside_nominals(cands, nominals) == outside_nominals_plain(cands, nominals)
    holders = random_spans(rng, rng.randrange(0, 12))
    fast, plain = attribution._Holders(holders), HoldersPlain(holders)
    for _ in range(20):
        start = rng.randrange(45)
        end = start + rng.randrange(0, 4)
        assert [id(h) for h in fast.containing(start, end)] == [id(h) for h in plain.containing(start, end)]


@pytest.mark.parametrize("seed", range(50))
def test_speaker_history_matches_the_plain_list(seed):
    rng = random.Random(seed)
    fast, plain = speakers.History([]), HistoryPlain([])
    for n in range(rng.randrange(1, 40)):
        ref = speakers.Ref(name=rng.choice([f"Speaker {n}", speakers.UNNAMED]))
        position = rng.randrange(30)
        fast.add(position, ref)
        plain.add(position, ref)
        probe = rng.randrange(32)
        assert fast.before(probe) is plain.before(probe)
    assert fast.refs == plain.refs


# -- whole Documents on invented texts ---------------------------------------------------------

TEXTS = [
    # names, surnames, titles, appositions, pronouns across sentences, a claim and a quote
    "Interior Minister Ana Ruiz of Brovania met the Ostrian envoy, Piet Vandermolen, in Lisbon on Monday. "
    "Ruiz said she had asked him to return the seized fishing boats. Vandermolen told reporters he "
    "would answer within a week. \"We will not be threatened,\" he said. Brovanian police arrested "
    "three protesters outside the embassy on Tuesday, according to the Daily Courier. "
    "The minister later accused Ostria of arming rebels in the north, a claim Mr Vandermolen denies.",
    # a named office-holder, then the office alone, then a new name for an unnamed role
    "President Tomas Adeyemi of Kalvaria condemned the missile strike on the port city of Dorsk. "
    "The Kalvarian president said the attack killed 12 civilians. His defence minister, Lena Okafor, "
    "ordered troops to the border. Okafor said Kalvaria would respond. Officials in Dorsk said rebels "
    "loyal to General Ivo Marek had fired the rockets. Marek denied any role and said he had been "
    "framed by the government. Adeyemi said he would meet UN Secretary-General Ruth Banda on Friday.",
    # coordinated countries, organisations, repeated surnames far apart
    "US and Japanese forces held joint drills near Okinawa on Wednesday, the Pentagon said. "
    "China's foreign ministry called the drills a provocation. Spokesman Li Wen said Beijing would "
    "protest. Two days later, Li said the protest had been delivered to the US ambassador, "
    "Mark Ellison. Ellison said Washington regretted the tension. The Red Cross said five fishermen "
    "were missing after the drills. Li later said China had sent ships to search for them.",
]


def code_all(texts):
    return [code_article(Article(id=f"t{n}", text=t, published="2026-02-10")).to_json(indent=None)
            for n, t in enumerate(texts)]


def test_documents_match_the_plain_loops(monkeypatch):
    # one long article too: the loops only differ in cost once there is much to search
    texts = [*TEXTS, "\n\n".join(TEXTS * 4)]
    shipped = code_all(texts)
    monkeypatch.setattr(mentions, "_drop_contained", drop_contained_plain)
    monkeypatch.setattr(mentions, "_outside_nominals", outside_nominals_plain)
    monkeypatch.setattr(Resolver, "_find_name", find_name_plain)
    monkeypatch.setattr(Resolver, "resolve_pronoun", resolve_pronoun_plain)
    monkeypatch.setattr(Resolver, "_appositions", staticmethod(appositions_plain))
    monkeypatch.setattr(attribution, "_Holders", HoldersPlain)
    monkeypatch.setattr(clauses, "sentence_ents", sentence_ents_plain)
    monkeypatch.setattr(importlib.import_module("tocsin.where.mentions"), "sentence_ents", sentence_ents_plain)
    monkeypatch.setattr(speakers.History, "add", HistoryPlain.add)
    monkeypatch.setattr(speakers.History, "before", HistoryPlain.before)
    plain = code_all(texts)
    assert shipped == plain
    # and the texts exercise what was rewritten: people, pronouns, claims, quotes, events
    docs = [nlp.parse(t) for t in TEXTS]
    assert all(any(e.label_ == "PERSON" for e in d.ents) for d in docs)
    assert '"entities":[{' in shipped[0] and '"claims":[{' in shipped[0] and '"quotes":[{' in shipped[0]
    assert all('"events":[{' in s for s in shipped)
