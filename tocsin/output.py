"""Formats of `tocsin code`: json (one Document), jsonl (one event a line), plover, table."""

from __future__ import annotations

import json
from typing import TextIO

from tocsin.export.plover import records
from tocsin.model import Document


def write_document(document: Document, fmt: str, out: TextIO, indent: int | None = 2) -> None:
    if fmt == "json":
        out.write(document.to_json(indent=indent) + "\n")
    elif fmt == "jsonl":
        for event in document.events:
            out.write(event.model_dump_json() + "\n")
    elif fmt == "plover":
        for record in records(document):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        write_table(document, out)


def _codes(parties) -> str:
    return "+".join(p.code or "UNK" for p in parties) or "-"


def write_table(document: Document, out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=160, force_terminal=False)
    meta = document.doc
    console.print(f"[bold]{meta.title or meta.id}[/bold]  published {meta.published or 'unknown'}"
                  f"  outlet {meta.outlet or 'unknown'}")
    console.print(f"{len(document.text)} characters kept, {len(document.removed)} removed spans, "
                  f"{len(document.entities)} entities, {len(document.quotes)} quotes, "
                  f"{len(document.claims)} claims, {len(document.events)} events")
    if document.events:
        table = Table("event", "actor", "recipient", "date", "place", "aux", "source", "evidence")
        for e in document.events:
            table.add_row(
                e.event + (f" ({', '.join(e.mode)})" if e.mode else ""),
                _codes(e.actor), _codes(e.recipient), _date(e), e.event_loc.name if e.event_loc else "",
                ",".join(e.auxiliary), (e.attribution.source or "") if e.attribution else "", e.event_text,
            )
        console.print(table)
    if document.removed:
        table = Table("removed", "reason", title="Removed before coding")
        for r in document.removed:
            table.add_row(r.text.replace("\n", " ")[:100], r.reason)
        console.print(table)


def _date(event) -> str:
    # An event dated only by its article's publication says so: it is not a date the text gave.
    if event.date and event.date_precision == "publication":
        return f"{event.date} (pub.)"
    return event.date or ""
