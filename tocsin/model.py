"""The output contract of DESIGN.md as typed classes with a JSON round trip.

Every span (`start`, `end`, `span`) is a character offset into `Document.text`, the cleaned
text, except `Removed` spans, which point into the original article text. `Document.offset_map`
maps any cleaned offset back to the original.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Article(_Model):
    """One input document before cleaning, as the readers of `tocsin.ingest` produce it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="path, URL or stream it was read from")


class Failure(_Model):
    """A document of a batch that could not be read or coded; the batch goes on without it."""

    source: str
    reason: str
    message: str
    line: int | None = None


class DocMeta(_Model):
    id: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


class Removed(_Model):
    """A piece of the original text that cleaning removed, with why."""

    start: int
    end: int
    text: str
    reason: str


class Segment(_Model):
    """`length` characters at `start` in the cleaned text come verbatim from `orig_start`."""

    start: int
    orig_start: int
    length: int


class Mention(_Model):
    text: str
    start: int
    end: int


class Entity(_Model):
    id: str
    name: str
    type: str
    code: str | None = None
    sector: list[str] = Field(default_factory=list)
    role: str | None = None
    rule: str | None = Field(default=None, description="what gave the code: title, dictionary, ...")
    mentions: list[Mention] = Field(default_factory=list)


class Ref(_Model):
    """A pointer to who said, reported or denied something."""

    name: str
    entity_id: str | None = None


class Quote(_Model):
    id: str
    text: str
    start: int
    end: int
    speaker: Ref | None = None
    cue: str | None = None
    channel: str | None = None


class Claim(_Model):
    id: str
    text: str
    start: int
    end: int
    source: Ref | None = None
    hedges: list[str] = Field(default_factory=list)
    denied_by: list[Ref] = Field(default_factory=list)
    cue: str | None = None


class EventActor(_Model):
    text: str
    name: str | None = None
    code: str | None = None
    sector: list[str] = Field(default_factory=list)
    entity_id: str | None = None
    start: int | None = None
    end: int | None = None
    from_context: bool = Field(default=False, description="the code comes from elsewhere in the article")
    evidence: Mention | None = Field(default=None, description="the mention the code was taken from")


class Location(_Model):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_type: str | None = None
    precision: str | None = None
    start: int | None = None
    end: int | None = None


class Attribution(_Model):
    source: str | None = None
    entity_id: str | None = None
    hedges: list[str] = Field(default_factory=list)
    status: Literal["asserted", "claimed", "alleged", "denied"] = "asserted"
    claim_id: str | None = None
    quote_id: str | None = None


# PLOVER's auxiliary modes, in the manual's words. Stored data written before may say "negated".
AUXILIARY_MODES = ("negation", "hypothetical", "future", "historical")
_OLD_AUXILIARY = {"negated": "negation"}
# PLOVER's verbal cooperation and verbal conflict quads: acts done by saying them.
VERBAL_QUADS = (1, 3)
# The modes of an event the text does not say happened: it makes no story, dyad score or alert.
NOT_HAPPENED = frozenset({"negation", "hypothetical", "future"})


def normalise_auxiliary(modes: list[str]) -> list[str]:
    """Auxiliary modes in the manual's words (older words read as the ones that replaced them)."""
    out: list[str] = []
    for mode in modes:
        mode = _OLD_AUXILIARY.get(mode, mode)
        if mode not in out:
            out.append(mode)
    return out


class Fatalities(_Model):
    number: int
    qualifier: Literal["exact", "at least", "at most", "about"] = "exact"
    text: str
    start: int | None = None
    end: int | None = None


class Event(_Model):
    id: str
    doc_id: str
    event: str
    mode: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    actor: list[EventActor] = Field(default_factory=list)
    recipient: list[EventActor] = Field(default_factory=list)
    date: str | None = None
    date_precision: Literal["day", "week", "month", "year", "publication"] | None = None
    event_loc: Location | None = None
    text: str
    span: tuple[int, int]
    event_text: str
    event_span: tuple[int, int] | None = None
    mentions: list[Mention] = Field(
        default_factory=list, description="later references to the same event in the document ('the attacks')"
    )
    auxiliary: list[str] = Field(default_factory=list)
    attribution: Attribution | None = None
    fatalities: Fatalities | None = None
    cameo: str | None = None
    quad_code: int | None = None
    event_scale: float | None = None
    confidence: float = 0.5
    rule: str | None = None

    @field_validator("auxiliary")
    @classmethod
    def _manual_words(cls, modes: list[str]) -> list[str]:
        return normalise_auxiliary(modes)


class Document(_Model):
    doc: DocMeta
    text: str
    removed: list[Removed] = Field(default_factory=list)
    offset_map: list[Segment] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Document:
        return cls.model_validate_json(data)

    def original_offset(self, offset: int) -> int:
        """Map an offset of the cleaned text to the original article text."""
        if not self.offset_map:
            return offset
        starts = [seg.start for seg in self.offset_map]
        seg = self.offset_map[max(0, bisect_right(starts, offset) - 1)]
        return seg.orig_start + min(max(offset - seg.start, 0), seg.length)


def json_schema() -> str:
    """The JSON Schema of a Document, as `tocsin schema` prints it."""
    return json.dumps(Document.model_json_schema(), indent=2)
