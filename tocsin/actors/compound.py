"""Compound actors: every actor a coordinated phrase names, one EventActor each.

"Russia and Turkey" -> [RUS, TUR]; "US and Malian forces" -> [USA MIL, MLI MIL];
"the peacekeeping forces and the Malian government" -> [MIL, MLI GOV]. PLOVER lists every party of a
compound actor; `actor_for` answers for the phrase's head only.
"""

from __future__ import annotations

from tocsin.actors import dictionaries
from tocsin.actors.lookup import actor_for, entity_at
from tocsin.actors.matcher import find
from tocsin.actors.phrase import head_noun, of_object
from tocsin.actors.members import inclusion_words, members
from tocsin.config import DEFAULT, Config
from tocsin.model import EventActor

_DROP = {"conj", "cc", "punct", "appos", "relcl", "acl", "advcl", "parataxis"}
_MODIFIERS = {"amod", "compound", "nmod"}


def _phrase(head, lo: int, hi: int):
    """The head's own phrase inside [lo, hi): its subtree without its coordinated parts."""
    keep, stack = [head], [c for c in head.children if c.dep_ not in _DROP]
    while stack:
        tok = stack.pop()
        if lo <= tok.i < hi:
            keep.append(tok)
            stack.extend(tok.children)
    return head.doc[min(t.i for t in keep) : max(t.i for t in keep) + 1]


def _shared_head_parts(document, head) -> list:
    """The entities of coordinated country words in front of one head ("US and Afghan forces")."""
    for child in head.children:
        if child.dep_ in _MODIFIERS and child.i < head.i and any(c.i < head.i for c in child.conjuncts):
            toks = sorted([child, *[c for c in child.conjuncts if c.i < head.i]], key=lambda t: t.i)
            ents = [entity_at(document, t.idx, t.idx + len(t)) for t in toks]
            if all(e is not None and e.code for e in ents) and len({e.id for e in ents}) == len(ents):
                return ents
    return []


def _of_parts(head, span, lexicon) -> list[tuple]:
    """(country's words, dictionary entry) of each coordinated country a plural office names after
    "of" ("the foreign ministers of India and China", "the leaders of France and Germany"): one
    party each. The countries are modifiers of the office's mention, so no entity of their own."""
    if head.tag_ not in ("NNS", "NNPS"):
        return []
    obj = of_object(head)
    if obj is None or not obj.conjuncts:
        return []
    toks = sorted([obj, *[c for c in obj.conjuncts if span.start <= c.i < span.end]], key=lambda t: t.i)
    parts = []
    for tok in toks:
        words = tok.doc[tok.left_edge.i : tok.i + 1]  # "the United States"
        found = [m for m in find(words, lexicon) if m.end == tok.i + 1 and m.entry.kind == "country" and m.entry.code]
        if not found:
            return []
        parts.append((tok.doc[found[0].start : tok.i + 1], found[0].entry))
    return parts if len({e.code for _, e in parts}) == len(parts) > 1 else []


def actors_for(document, span, config: Config = DEFAULT) -> list[EventActor]:
    """Every actor a (possibly coordinated) noun phrase names, in text order; [] for no actor."""
    root = span.root
    heads = sorted([root, *[c for c in root.conjuncts if span.start <= c.i < span.end]], key=lambda t: t.i)
    out: list[EventActor] = []
    for head in heads:
        parts = _shared_head_parts(document, head)
        if parts:
            for ent in parts:
                m = next(m for m in ent.mentions if span.start_char <= m.start < span.end_char)
                out.append(EventActor(text=m.text, name=ent.name, code=ent.code, sector=list(ent.sector),
                                      entity_id=ent.id, start=m.start, end=m.end))
            continue
        lexicon = dictionaries.load(tuple(str(p) for p in config.actors_files))
        countries = _of_parts(head, span, lexicon)
        if countries:
            office = head_noun(head, lexicon)[1] or ()  # "ministers": GOV, for each country
            out += [EventActor(text=words.text, name=entry.name, code=entry.code, sector=list(office),
                               start=words.start_char, end=words.end_char) for words, entry in countries]
            continue
        group = _members(document, head, span, config)
        if group:  # "Accra's partners, including Togo's president and Benin's prime minister"
            out.extend(group)
            continue
        actor = actor_for(document, _phrase(head, span.start, span.end), config)
        if actor is not None:
            out.append(actor)
    return out


def _members(document, head, span, config: Config) -> list[EventActor]:
    """The coded actors a group phrase lists after "including" ("allies, including A and B")."""
    listed = [m for m in members(head, inclusion_words(config.actors_files)) if span.start <= m.i < span.end]
    return [a for m in listed
            if (a := actor_for(document, _phrase(m, span.start, span.end), config)) is not None and a.code]
