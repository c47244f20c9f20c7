"""What every coded Document must satisfy: each span is inside its text and holds what it claims."""

from __future__ import annotations

from tocsin.model import Document


def _check(kind: str, text: str, start: int | None, end: int | None, expected: str | None) -> None:
    if start is None and end is None:
        return
    if start is None or end is None or not 0 <= start <= end <= len(text):
        raise AssertionError(f"{kind} span {start}..{end} is outside a text of {len(text)} characters")
    if expected is not None and text[start:end] != expected:
        raise AssertionError(f"{kind} span {start}..{end} holds {text[start:end]!r}, not {expected!r}")


def check_cleaned(original: str, cleaned: str, removed, segments) -> None:
    """Removed pieces are slices of the original; kept segments are verbatim slices of it too."""
    for r in removed:
        _check("removed", original, r.start, r.end, r.text)
    for seg in segments:
        _check("segment (cleaned)", cleaned, seg.start, seg.start + seg.length, None)
        _check("segment (original)", original, seg.orig_start, seg.orig_start + seg.length,
               cleaned[seg.start:seg.start + seg.length])


def check_document(document: Document, original: str) -> None:
    text = document.text
    check_cleaned(original, text, document.removed, document.offset_map)
    for entity in document.entities:
        for m in entity.mentions:
            _check("mention", text, m.start, m.end, m.text)
    for q in document.quotes:
        _check("quote", text, q.start, q.end, q.text)
    for c in document.claims:
        _check("claim", text, c.start, c.end, c.text)
    for e in document.events:
        _check("event sentence", text, e.span[0], e.span[1], e.text)
        if e.event_span is not None:
            _check("event trigger", text, e.event_span[0], e.event_span[1], e.event_text)
        for party in (*e.actor, *e.recipient):
            _check("event party", text, party.start, party.end, None)
        if e.event_loc is not None:
            _check("event place", text, e.event_loc.start, e.event_loc.end, None)
        if e.fatalities is not None:
            _check("fatalities", text, e.fatalities.start, e.fatalities.end, None)
