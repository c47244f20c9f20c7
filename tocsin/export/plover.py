"""Strict PLOVER JSONL: one flat record per event, with PLOVER's field names."""

from __future__ import annotations

from tocsin.model import Document, Event, EventActor


def _party(prefix: str, parties: list[EventActor]) -> dict:
    return {
        prefix: "; ".join(p.name or p.text for p in parties) or None,
        f"{prefix}_country": [p.code for p in parties if p.code] or None,
        f"{prefix}_sector": sorted({s for p in parties for s in p.sector}) or None,
    }


def event_record(document: Document, event: Event) -> dict:
    loc = event.event_loc
    return {
        "id": event.id,
        "date": event.date,
        "date_resolution": event.date_precision,
        "event": event.event,
        "mode": event.mode[0] if event.mode else None,
        "context": event.context,
        **_party("actor", event.actor),
        **_party("recipient", event.recipient),
        "event_loc": loc.name if loc else None,
        "event_loc_country": loc.country if loc else None,
        "event_loc_lat": loc.lat if loc else None,
        "event_loc_lon": loc.lon if loc else None,
        "negated": "negation" in event.auxiliary,
        "auxiliary": event.auxiliary,
        "quad_code": event.quad_code,
        "event_intensity": event.event_scale,
        "cameo": event.cameo,
        "event_text": event.event_text,
        "text": event.text,
        "source": document.doc.outlet,
        "url": document.doc.url,
        "doc_id": document.doc.id,
        "published": document.doc.published,
    }


def records(document: Document) -> list[dict]:
    return [event_record(document, e) for e in document.events]
