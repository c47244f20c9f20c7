"""The cross-stage API: the entity at an offset, and the coded actor a phrase names."""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right

from tocsin.config import DEFAULT, Config
from tocsin.model import Entity, EventActor


class _MentionIndex:
    """Every entity mention of a document sorted by start, for O(log n) overlap queries."""

    def __init__(self, entities: list[Entity]):
        rows = sorted(
            (m.start, m.end, order, entity)
            for order, (entity, m) in enumerate((e, m) for e in entities for m in e.mentions)
        )
        self.starts = [r[0] for r in rows]
        self.rows = rows
        # A mention overlapping [start, end) starts before `end` and after `start - longest`.
        self.longest = max((r[1] - r[0] for r in rows), default=0)

    def best(self, start: int, end: int) -> Entity | None:
        """Largest overlap, then shortest mention, then the first in entity/mention order."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_right(self.starts, start if start == end else end - 1)
        best, best_rank = None, None
        for m_start, m_end, order, entity in self.rows[lo:hi]:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap <= 0 and not (start == end and m_start <= start < m_end):
                continue
            rank = (overlap, -(m_end - m_start), -order)
            if best_rank is None or rank > best_rank:
                best, best_rank = entity, rank
        return best


# id(document) -> (the entities list indexed, its length, index); dropped with the document.
_INDEXES: dict[int, tuple[list, int, _MentionIndex]] = {}


def _index(document) -> _MentionIndex:
    """The document's mention index, built once; rebuilt when `document.entities` is replaced or grows
    (entities are not edited in place after the actors stage)."""
    key = id(document)
    cached = _INDEXES.get(key)
    entities = document.entities
    if cached is not None and cached[0] is entities and cached[1] == len(entities):
        return cached[2]
    index = _MentionIndex(entities)
    if cached is None:
        try:
            weakref.finalize(document, _INDEXES.pop, key, None)
        except TypeError:  # not weak-referenceable: do not cache
            return index
    _INDEXES[key] = (entities, len(entities), index)
    return index


def entity_at(document, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping [start, end): largest overlap, then shortest mention."""
    return _index(document).best(start, end)


def _counted(root):
    """"Dozens of soldiers", "hundreds of police": the group counted, which says who acts."""
    from tocsin.actors.phrase import of_object

    counted = of_object(root) if root.ent_type_ == "CARDINAL" or root.pos_ == "NUM" else None
    return root if counted is None else counted


def actor_for(document, span, config: Config = DEFAULT) -> EventActor | None:
    """The EventActor for a noun phrase (a spaCy Span of the parse of document.text).

    The entity whose mention covers the phrase's head; else a code read off the phrase through
    the dictionaries ("Venezuelan troops" -> VEN MIL); else a bare actor with only `text`
    (an unresolved "he"); None when the phrase names no actor ("the attacks", "it").
    """
    from tocsin.actors import dictionaries, phrase
    from tocsin.actors.normalize import fold

    lexicon = dictionaries.load(tuple(str(p) for p in config.actors_files))
    root = _counted(span.root)
    start, end = span.start_char, span.end_char

    def as_actor(entity: Entity, sectors=None) -> EventActor:
        sector = list(entity.sector)
        for s in sectors or ():
            if s not in sector:
                sector.append(s)
        return EventActor(text=span.text, name=entity.name, code=entity.code, sector=sector,
                          entity_id=entity.id, start=start, end=end)

    entity = entity_at(document, root.idx, root.idx + len(root))
    if entity is not None:
        if root.lemma_.lower() in lexicon.leader_groups and any(c.dep_ == "poss" for c in root.children):
            # "Sindh's provincial government" is a mention of Sindh; the phrase says which body of it
            return as_actor(entity, phrase.head_noun(root, lexicon)[1])
        return as_actor(entity)
    lower = root.lower_
    if root.pos_ == "PRON" or lower in lexicon.not_actor_pronouns:
        if lower in lexicon.not_actor_pronouns:
            return None
        return EventActor(text=span.text, start=start, end=end)

    def entity_of(token):
        ent = entity_at(document, token.idx, token.idx + len(token))
        return ent

    reading = phrase.read(span, root, lexicon, None, entity_of)
    # "Trump's administration", "his government": the possessor's side
    if root.lemma_.lower() in lexicon.leader_groups:
        for child in root.children:
            if child.dep_ in ("poss", "compound"):
                owner = entity_of(child)
                if owner is not None:
                    return as_actor(owner, reading.sectors)
    # a phrase holding a coded entity as modifier ("the US Navy warship")
    if not reading.code and fold(root.lemma_) not in lexicon.relational_nouns:  # not "Kyiv's allies"
        for t in span:
            if t.i != root.i and t.dep_ in ("compound", "poss", "amod", "nmod"):
                owner = entity_at(document, t.idx, t.idx + len(t))
                if owner is not None and owner.code:
                    reading.set_code(owner.code, owner.rule or "modifier")
                    break
    name = None
    if reading.code and not reading.known:
        # load(()) shares the actors stage's cache entry; load() would read the YAML files again.
        name = dictionaries.load(()).country_names.get(reading.code)
    if reading.code or reading.sectors or reading.known or root.pos_ == "PROPN":
        return EventActor(text=span.text, name=name, code=reading.code, sector=list(reading.sectors),
                          start=start, end=end)
    return None
