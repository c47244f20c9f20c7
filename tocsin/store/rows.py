"""A coded Document as rows of the store's tables (pure functions, no SQL)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date as _date
from urllib.parse import urlsplit

from tocsin.model import Article, DocMeta, Document, Event, EventActor

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id", "doc_id", "title", "published", "outlet", "url", "source", "text",
                 "offset_map", "n_events", "coder_version", "lexicon_hash", "run_id"),
    "removed": ("article_id", "seq", "start_char", "end_char", "text", "reason"),
    "entities": ("article_id", "entity_id", "name", "type", "code", "sector", "role", "rule"),
    "mentions": ("article_id", "entity_id", "seq", "text", "start_char", "end_char"),
    "quotes": ("article_id", "quote_id", "text", "start_char", "end_char", "speaker_name",
               "speaker_entity_id", "cue", "channel"),
    "claims": ("article_id", "claim_id", "text", "start_char", "end_char", "source_name",
               "source_entity_id", "hedges", "denied_by", "cue"),
    "events": ("article_id", "event_id", "event", "mode", "context", "actor_codes", "recipient_codes",
               "date", "date_precision", "loc_name", "loc_country", "loc_lat", "loc_lon", "loc_feature_type",
               "text", "span_start", "span_end", "event_text", "event_start", "event_end", "in_lead",
               "auxiliary", "negated", "attribution_source", "attribution_entity_id", "attribution_status",
               "attribution_hedges", "fatalities", "fatalities_qualifier", "cameo", "quad_code", "event_scale",
               "confidence", "rule", "coder_version", "lexicon_hash", "payload"),
    "event_actors": ("article_id", "event_id", "role", "seq", "text", "name", "code", "sector", "entity_id",
                     "start_char", "end_char"),
}

# Tables filled from Documents, parents first (the order of inserts and of deletes reversed).
DOCUMENT_TABLES = tuple(COLUMNS)

# Every copy of an article's text that was read (its id, outlet, URL and date), the first one
# included: the same wire story published by ten outlets is one article with ten sources.
SOURCES = "article_sources"
SOURCE_COLUMNS = ("copy_id", "article_id", "doc_id", "publisher", "outlet", "url", "published", "source",
                  "run_id")

# An article as rows: table name -> row tuples in the order of COLUMNS[table].
Rows = dict[str, list[tuple]]

SEP = ";"  # list fields (sectors, modes, hedges) are joined with it: readable in CSV and SQL LIKE


@dataclass(frozen=True)
class Provenance:
    coder_version: str
    lexicon_hash: str
    run_id: str | None = None


def _join(values) -> str | None:
    return SEP.join(values) if values else None


def day(value: str | None) -> str | None:
    """An ISO day for a date of any precision ("2025-11" -> "2025-11-01"), None if unreadable."""
    if not value:
        return None
    text = value.strip()[:10]
    for candidate in (text, text[:7] + "-01", text[:4] + "-01-01"):
        try:
            return _date.fromisoformat(candidate).isoformat()
        except ValueError:
            continue
    return None


def codes(parties: list[EventActor]) -> str | None:
    """Sorted distinct codes of a side of an event: the key dedup and queries compare."""
    return _join(sorted({p.code for p in parties if p.code}))


def _lead_end(text: str) -> int:
    # The lead paragraph: GDELT's IsRootEvent marks events found in it.
    stripped = len(text) - len(text.lstrip())
    cut = text.find("\n", stripped)
    return len(text) if cut < 0 else cut


def publisher(outlet: str | None, url: str | None) -> str | None:
    """Who published a copy: its outlet, else its URL's host (what a story counts as a source)."""
    if outlet and outlet.strip():
        return outlet.strip().lower()
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed URL ("http://[::1") names no host
        host = None
    return host.removeprefix("www.") if host else None


def source_row(article_id: str, doc: DocMeta | Article, source: str | None, run_id: str | None) -> tuple:
    """The `article_sources` row of one copy; its key hashes what tells copies apart."""
    published = day(doc.published)
    key = "\x1f".join((article_id, doc.id, doc.outlet or "", doc.url or "", published or ""))
    return (hashlib.sha256(key.encode("utf-8")).hexdigest()[:32], article_id, doc.id,
            publisher(doc.outlet, doc.url), doc.outlet, doc.url, published, source, run_id)


def document_rows(document: Document, article_id: str, source: str | None, prov: Provenance) -> Rows:
    doc = document.doc
    rows: dict[str, list] = {t: [] for t in COLUMNS}
    rows[SOURCES] = [source_row(article_id, doc, source, prov.run_id)]
    rows["articles"].append((
        article_id, doc.id, doc.title, day(doc.published), doc.outlet, doc.url, source, document.text,
        json.dumps([s.model_dump() for s in document.offset_map]) if document.offset_map else None,
        len(document.events), prov.coder_version, prov.lexicon_hash, prov.run_id,
    ))
    for seq, r in enumerate(document.removed):
        rows["removed"].append((article_id, seq, r.start, r.end, r.text, r.reason))
    for e in document.entities:
        rows["entities"].append((article_id, e.id, e.name, e.type, e.code, _join(e.sector), e.role, e.rule))
        for seq, m in enumerate(e.mentions):
            rows["mentions"].append((article_id, e.id, seq, m.text, m.start, m.end))
    for q in document.quotes:
        speaker = q.speaker
        rows["quotes"].append((article_id, q.id, q.text, q.start, q.end, speaker.name if speaker else None,
                               speaker.entity_id if speaker else None, q.cue, q.channel))
    for c in document.claims:
        src = c.source
        denied = json.dumps([d.model_dump() for d in c.denied_by]) if c.denied_by else None
        rows["claims"].append((article_id, c.id, c.text, c.start, c.end, src.name if src else None,
                               src.entity_id if src else None, _join(c.hedges), denied, c.cue))
    lead_end = _lead_end(document.text)
    published = day(doc.published)
    for event in document.events:
        rows["events"].append(_event_row(article_id, event, lead_end, prov, published))
        for role, parties in (("actor", event.actor), ("recipient", event.recipient)):
            for seq, p in enumerate(parties):
                rows["event_actors"].append((article_id, event.id, role, seq, p.text, p.name, p.code,
                                             _join(p.sector), p.entity_id, p.start, p.end))
    return rows


def _event_row(article_id: str, e: Event, lead_end: int, prov: Provenance, published: str | None) -> tuple:
    loc, attr, dead = e.event_loc, e.attribution, e.fatalities
    # An undated event is dated by its article (precision "publication"), so that every query
    # by period sees it; the payload keeps what the coder said.
    when = day(e.date)
    precision = e.date_precision if when else ("publication" if published else None)
    return (
        article_id, e.id, e.event, _join(e.mode), _join(e.context), codes(e.actor), codes(e.recipient),
        when or published, precision,
        loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None,
        loc.lon if loc else None, loc.feature_type if loc else None,
        e.text, e.span[0], e.span[1], e.event_text,
        e.event_span[0] if e.event_span else None, e.event_span[1] if e.event_span else None,
        e.span[0] < lead_end, _join(e.auxiliary), "negation" in e.auxiliary,
        attr.source if attr else None, attr.entity_id if attr else None, attr.status if attr else None,
        _join(attr.hedges) if attr else None,
        dead.number if dead else None, dead.qualifier if dead else None,
        e.cameo, e.quad_code, e.event_scale, e.confidence, e.rule,
        prov.coder_version, prov.lexicon_hash, e.model_dump_json(),
    )
