"""Where: the place of each event, from the place mention attached to its clause.

An event takes the place attached to its trigger (inside the trigger's phrase: "an attack off
the coast of Trinidad"), else to its clause, else to a governing clause, never across reported
speech (where an official spoke is not where the strike happened). A place elsewhere in the
sentence, attached to another clause, is not used: in news it is most often the place of a
different event ("... said in Brussels"), and a wrong coordinate is worse than none.
Places are told apart with the document's countries (entity codes and country mentions).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from tocsin.config import DEFAULT, Config
from tocsin.model import Location
from tocsin import clauses, nlp
from tocsin.where.gazetteer import Gazetteer, fold, load
from tocsin.where.mentions import LOCATIVE, TARGET, PlaceMention, mentions

__all__ = ["annotate", "document_countries", "mentions"]


def annotate(document, parsed, config: Config = DEFAULT) -> None:
    parsed = nlp.view(parsed)
    if not document.events:
        return
    gaz = load(tuple(config.places_files))
    ents = nlp.ents(parsed)  # Doc.ents rebuilds them all on each access: once per Doc
    countries = document_countries(document, parsed, gaz, ents)
    found: dict[int, list[PlaceMention]] = {}  # sentence start -> its mentions

    def find(sent):
        found[sent.start] = mentions(sent, gaz, countries, ents)
        return found[sent.start]

    def chain(tok):
        return clauses.levels(tok, cross_speech=False)

    for event, best in clauses.per_event(document, parsed, find, chain):
        tok = clauses.trigger(parsed, event) if best is None or best.role == TARGET else None
        if tok is not None and best is not None and (
                event.event not in gaz.target_events or clauses.attachment(chain(tok), best.root)):
            # "accused Kigali": the place the event is done to is its recipient (a capital for
            # its government), not where it happened; only a place phrase can locate it. And
            # what another verb acts on is not this event's ("blamed Kyiv for the bombing").
            placed = [m for m in found[tok.sent.start] if m.role == LOCATIVE]
            best = clauses.nearest(chain(tok), placed, lambda m: m.root)
        if best is None and tok is not None:
            best = _circumstance(chain(tok), found[tok.sent.start])
        event.event_loc = _location(best) if best is not None else None


def _circumstance(levels, candidates: list[PlaceMention]) -> PlaceMention | None:
    """"Speaking in Geneva, the minister condemned ...": a participle clause with no subject,
    conjunction or auxiliary of its own ("having met ...": before) tells where the subject of the
    clause it opens was as it acted."""
    for level in levels:
        for clause in level.children:
            if clause.dep_ != "advcl" or clause.tag_ not in ("VBG", "VBN") or any(
                c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in clause.children
            ):
                continue
            placed = [m for m in candidates if m.role == LOCATIVE and clauses.host(m.root).i == clause.i]
            if placed:
                return min(placed, key=lambda m: m.root.i)
    return None


def _location(m: PlaceMention) -> Location:
    p = m.place
    return Location(name=p.name, country=p.country, lat=p.lat, lon=p.lon, feature_type=p.feature_type,
                     precision=p.precision, start=m.start, end=m.end)


class DocumentCountries:
    """How much each country (ISO3) figures in a document, from coded entities and country names.

    `for_name(name)` leaves out what the name itself contributed, so that "Georgia" in a story
    about Atlanta does not vote for the country Georgia merely by being a country's name.
    """

    def __init__(self, weights: Counter, by_name: dict[str, Counter]):
        self.weights, self.by_name = weights, by_name
        self._for_name: dict[str, Counter] = {}  # a place name recurs in a document: subtract once

    def for_name(self, name: str) -> Counter:
        if name not in self._for_name:
            own = self.by_name.get(fold(name))
            self._for_name[name] = self.weights - own if own else self.weights
        return self._for_name[name]


def document_countries(document, parsed, gaz: Gazetteer | None = None, ents=None) -> DocumentCountries:
    """The countries of a document: coded entities (by their mentions) and country names.

    `ents`: `parsed.ents` when the caller already has them."""
    gaz = gaz or load()
    weights: Counter = Counter()
    by_name: dict[str, Counter] = defaultdict(Counter)
    for entity in document.entities:
        code = (entity.code or "")[:3]
        if code in gaz.countries:
            weights[code] += max(1, len(entity.mentions))
            for name in {entity.name, *(m.text for m in entity.mentions)}:
                by_name[fold(name)][code] += 1
    for ent in nlp.ents(parsed) if ents is None else ents:
        if ent.label_ == "GPE":
            for place in gaz.candidates(ent.text, strict=True):
                if place.feature_type == "country":
                    weights[place.country] += 1
                    by_name[fold(ent.text)][place.country] += 1
    return DocumentCountries(weights, dict(by_name))
