"""Corpus commands (ingest, events, stories, dyad, export) registered on the `tocsin` group."""

from __future__ import annotations

import csv
import json
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from tocsin.config import check_day
from tocsin.errors import BadOption
from tocsin.store import DEFAULT_DB, redact

EXIT_INPUT = 2  # as tocsin.cli: some input could not be coded

_DB = click.option("--db", default=DEFAULT_DB, show_default=True,
                   help="DuckDB file or postgresql:// URL; to read from, also a Parquet lake directory.")


@click.command()
@click.argument("sources", nargs=-1, required=True)
@_DB
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for coding (the parent alone writes to the database).")
@click.option("--cluster", metavar="ADDRESS",
              help="Code on a Dask cluster: tcp://HOST:8786 (a running scheduler) or local:N (N processes here).")
@click.option("--parquet", type=click.Path(file_okay=False, path_type=Path),
              help="Also keep a Parquet lake here: articles, events, stories by publication month.")
@click.option("--published", help="Publication date YYYY-MM-DD for every article.")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor dictionary (YAML, format of examples/actors.yaml); repeatable.")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra event lexicon (YAML, see tocsin/data/lexicon/README.md); repeatable.")
@click.option("--boilerplate", "boilerplate_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra boilerplate patterns: an outlet's captions, credits, teasers (YAML); repeatable.")
@click.option("--places", "places_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra places: seas, regions, islands (YAML, format of tocsin/data/places.yaml); repeatable.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback, private or link-local addresses.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def ingest(sources, db, workers, cluster, parquet, published, actors_files, lexicon_files, boilerplate_files,
           places_files, allow_private, quiet):
    """Code SOURCES (files, directories, JSON Lines as .jsonl[.gz], .ndjson or .json, .warc[.gz],
    RSS/Atom feeds, URLs) into the database.

    Re-running is safe: articles already stored (same text) are skipped. Inputs that cannot be
    coded are listed with their reason (all of them are in the failures table) and the exit code is 2.
    """
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from tocsin.config import Config
    from tocsin.corpus.ingest import ingest as run

    config = Config(published=check_day(published, "--published"), actors_files=tuple(actors_files),
                    lexicon_files=tuple(lexicon_files), boilerplate_files=tuple(boilerplate_files),
                    places_files=tuple(places_files))
    console = Console(stderr=True)
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=console, disable=quiet or not console.is_terminal)

    def show(s) -> None:
        progress.update(task, description=(
            f"{s.read} articles  {s.articles_per_second:.1f}/s  added {s.added}  already stored {s.present}"
            f"  failed {s.failures}  events {s.events}"))

    with progress:
        task = progress.add_task("starting", total=None)
        summary = run(sources, db, workers=workers, cluster=cluster, config=config, allow_private=allow_private,
                      on_progress=show, parquet=parquet)
    for message in summary.failure_messages:
        click.echo(f"tocsin: skipped: {message}", err=True)
    if summary.failures > len(summary.failure_messages):
        click.echo(f"tocsin: ... and {summary.failures - len(summary.failure_messages)} more"
                   " (all in the failures table)", err=True)
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(summary.failure_reasons.items()))
    click.echo(
        f"tocsin: {summary.read} articles read in {summary.seconds:.1f} s ({summary.articles_per_second:.1f}/s):"
        f" {summary.added} added, {summary.present} already stored, {summary.failures} failed"
        f"{' (' + reasons + ')' if reasons else ''}; {summary.events} events, {summary.stories} stories"
        f" in {redact(str(db))}{f' (and the Parquet lake {parquet})' if parquet else ''}",
        err=True,
    )
    if published and summary.present:
        click.echo(f"tocsin: note: the {summary.present:,} article(s) already stored keep their own dates;"
                   " --published applies to new articles only", err=True)
    if summary.failures:
        sys.exit(EXIT_INPUT)


TABLE_ROWS = 100  # rows a table shows unless --limit says otherwise: a terminal is no place for a million


def _write_rows(rows, fmt: str, title: str, raw_csv: bool = False) -> None:
    """Write rows (any iterable of dicts, streamed for csv and jsonl) in the chosen format; CSV text
    cells that start like a spreadsheet formula get a leading quote unless raw_csv."""
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        from tocsin.export.csvsafe import write_csv

        write_csv(rows, sys.stdout, raw=raw_csv)
    else:
        from rich.console import Console
        from rich.table import Table

        rows = list(rows)
        table = Table(*(rows[0] if rows else ["(no rows)"]), title=title)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row.values()))
        Console(width=200).print(table)


def _warn_ungrouped(backend) -> None:
    """Stories and dyads read story events: say so when stored articles are missing from them."""
    from tocsin.store.queries import ungrouped

    pending = ungrouped(backend)
    if pending:
        click.echo(f"tocsin: warning: {pending:,} stored article(s) are not grouped into stories yet (an ingest"
                   " stopped before grouping them); run the same `tocsin ingest` again to group them", err=True)


def _check_codes(backend, **given) -> None:
    """Say so when an actor or recipient code is in no stored event, and what a name is coded as
    ("Venezuela" is VEN): an empty answer should not leave a user guessing."""
    from tocsin.web.queries import resolve_actor

    for option, value in given.items():
        if not value:
            continue
        codes = resolve_actor(backend, value.strip())
        if codes == [value.strip().upper()]:
            continue
        meant = f"; {value.strip()!r} is coded {', '.join(codes)}" if codes else ""
        click.echo(f"tocsin: note: no stored event has the code {value.strip().upper()!r} ({option}){meant}", err=True)


def _one_code(backend, value: str) -> str:
    """A dyad side given as a name that stored events code one way ("Israel": ISR) is read as that code."""
    from tocsin.web.queries import resolve_actor

    codes = resolve_actor(backend, value.strip())
    if len(codes) == 1 and codes[0] != value.strip().upper():
        click.echo(f"tocsin: note: reading {value.strip()!r} as {codes[0]}", err=True)
        return codes[0]
    return value


def _capped(fmt: str, limit: int | None) -> int | None:
    """The row limit to query: a table shows --limit rows, or TABLE_ROWS without it (one more is
    fetched to know whether there are more)."""
    return (limit or TABLE_ROWS) + 1 if fmt == "table" else limit


def _say_empty(backend, what: str, filtered: bool) -> None:
    """An empty table says why: nothing stored at all, or nothing matching the filters."""
    from tocsin.store.queries import counts

    held = counts(backend)
    where = (f"the store holds {held['articles']:,} article(s), {held['events']:,} event mention(s),"
             f" {held['stories']:,} story event(s)")
    if held["failures"]:
        where += f" and {held['failures']:,} failed input(s)"
    click.echo(f"tocsin: no {what}{' match these filters' if filtered else ''}; {where}", err=True)


def _say_capped(rows: list, fmt: str, limit: int | None, what: str, total) -> list:
    """Drop the extra row fetched by `_capped` and say on stderr that the table is cut."""
    shown = limit or TABLE_ROWS
    if fmt == "table" and len(rows) > shown:
        more = "--limit N shows more" if limit is None else "a larger --limit shows more"
        click.echo(f"tocsin: showing the first {shown} of {total():,} {what}; {more},"
                   " --format csv or jsonl writes them all", err=True)
        return rows[:shown]
    return rows


_FILTERS = [
    click.option("--actor", help="Only rows whose actor has this code, e.g. USA."),
    click.option("--recipient", help="Only rows whose recipient has this code, e.g. VEN."),
    click.option("--type", "event_type", help="Only this PLOVER event type, e.g. ASSAULT (see tocsin/data/plover.yaml)."),
    click.option("--since", help="First event date, YYYY-MM-DD (inclusive)."),
    click.option("--until", help="Last event date, YYYY-MM-DD (inclusive)."),
    click.option("--limit", type=click.IntRange(1), help="At most this many rows (a table shows 100 without it)."),
    click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]),
                 help="table (the default: for reading), or csv / jsonl (every row, streamed, for tools)."),
    click.option("--raw-csv", is_flag=True,
                 help="In CSV, write text exactly as stored; by default a cell starting with = + - @ is"
                      " prefixed with ' so spreadsheets do not run it as a formula."),
]


def _check_type(backend, value: str | None) -> None:
    """Refuse a --type that is neither a PLOVER type nor in the store: a misspelt type would only
    give an empty answer."""
    if not value:
        return
    from tocsin.events.ontology import ontology

    onto = ontology()
    types = sorted(onto.types)
    wanted = value.strip().upper()
    if wanted not in types and not backend.fetchall("SELECT 1 FROM events WHERE event = ? LIMIT 1", (wanted,)):
        today = [name for name, kind in sorted(onto.types.items()) if kind.legacy == wanted and name != wanted]
        if today:  # "YIELD" of older PLOVER gold sets (and of `tocsin eval`'s table)
            raise BadOption(f"--type {value!r} is an older PLOVER type, coded today as {' or '.join(today)}:"
                            f" use {' or '.join('--type ' + name for name in today)}")
        raise BadOption(f"--type {value!r} is not a PLOVER event type; the types are: {', '.join(types)}")


def _with_filters(func):
    for option in reversed(_FILTERS):
        func = option(func)
    return func


_TABLE_COLUMNS = ("date", "event", "actor_codes", "recipient_codes", "event_scale", "loc_name", "event_text",
                  "outlet", "doc_id")


def _filters(actor, recipient, event_type, since, until) -> dict:
    """The query's filters, its days checked (a range that ends before it starts matches nothing)."""
    since, until = check_day(since, "--since"), check_day(until, "--until")
    if since and until and since > until:
        raise BadOption(f"--since {since} is after --until {until}: no day is in between")
    return dict(actor=actor, recipient=recipient, event_type=event_type, since=since, until=until)


@click.command()
@_DB
@_with_filters
def events(db, actor, recipient, event_type, since, until, limit, fmt, raw_csv):
    """List stored event mentions (one row per event per article)."""
    fmt = fmt or "table"
    from tocsin.store import open_store
    from tocsin.store.queries import count, iter_rows, shown_date

    filters = _filters(actor, recipient, event_type, since, until)
    with open_store(db, create=False) as store:
        _check_type(store.backend, event_type)
        _check_codes(store.backend, **{"--actor": actor, "--recipient": recipient})
        rows = iter_rows(store.backend, "events", **filters, limit=_capped(fmt, limit))
        if fmt != "table":
            _write_rows(rows, fmt, "events", raw_csv)
            return
        rows = _say_capped(list(rows), fmt, limit, "events", lambda: count(store.backend, "events", **filters))
        if not rows:
            _say_empty(store.backend, "events", any(filters.values()))
    for row in rows:  # as precise as the text gave it: "2025-09", or "2025-12-01 (pub.)" from the article's date
        row["date"] = shown_date(row["date"], row["date_precision"])
    _write_rows([{k: r[k] for k in _TABLE_COLUMNS} for r in rows], fmt, "events")


@click.command()
@_DB
@_with_filters
@click.option("--evidence", is_flag=True,
              help="With each story, its supporting articles, their attribution (claimed by whom, hedges) and"
                   " sentences; nested, so written as JSON Lines.")
def stories(db, actor, recipient, event_type, since, until, limit, fmt, raw_csv, evidence):
    """List story events: one event reported by several articles, with mention/source/article counts."""
    from tocsin.store import open_store
    from tocsin.store.queries import count, iter_rows, shown_date
    from tocsin.store.queries import evidence as story_evidence

    if evidence and fmt is None:
        fmt = "jsonl"  # evidence is a list per story: no table or CSV cell holds it
    elif evidence and fmt != "jsonl":
        raise BadOption(f"--evidence is written as JSON Lines; leave out --format {fmt} or use --format jsonl")
    fmt = fmt or "table"
    filters = _filters(actor, recipient, event_type, since, until)
    with open_store(db, create=False) as store:
        _check_type(store.backend, event_type)
        _warn_ungrouped(store.backend)
        _check_codes(store.backend, **{"--actor": actor, "--recipient": recipient})
        rows = iter_rows(store.backend, "stories", **filters, limit=_capped(fmt, limit))
        if evidence:
            rows = ({**row, "evidence": story_evidence(store.backend, row["story_id"])} for row in list(rows))
        if fmt != "table":
            _write_rows(rows, fmt, "stories", raw_csv)
            return
        rows = _say_capped(list(rows), fmt, limit, "stories", lambda: count(store.backend, "stories", **filters))
        if not rows:
            _say_empty(store.backend, "story events", any(filters.values()))
    for row in rows:  # the table shows the precision in the date itself ("2025-09")
        row["date"] = shown_date(row["date"], row.pop("date_precision"))
    _write_rows(rows, fmt, "stories")


@click.command()
@click.argument("a")
@click.argument("b")
@_DB
@click.option("--by", type=click.Choice(["day", "week", "month"]), default="day", show_default=True,
              help="Period of each row (a week starts on Monday).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True,
              help="table for reading, csv or jsonl for tools.")
@click.option("--raw-csv", is_flag=True, help="In CSV, write text exactly as stored (no ' before = + - @).")
def dyad(a, b, db, by, fmt, raw_csv):
    """Story events and summed PLOVER score (event_scale) per period between A and B, both directions."""
    from tocsin.store import open_store

    with open_store(db, create=False) as store:
        _warn_ungrouped(store.backend)
        a, b = (_one_code(store.backend, value) for value in (a, b))
        _check_codes(store.backend, **{"dyad A": a, "dyad B": b})
        rows = store.dyad(a, b, by=by)
    _write_rows(rows, fmt, f"{a.upper()} / {b.upper()} by {by}", raw_csv)


@click.command()
@click.argument("out", type=click.Path(path_type=Path))
@_DB
@click.option("--format", "fmt", type=click.Choice(["plover", "gdelt", "parquet"]), required=True,
              help="plover: PLOVER JSONL, one event mention a line; gdelt: GDELT 2.0 event TSV, one story a"
                   " line; parquet: a directory with a file per table.")
def export(out, db, fmt):
    """Export the database to OUT (a file, or - for stdout; a directory for parquet): PLOVER JSONL,
    GDELT 2.0 event TSV, or Parquet. A file is replaced only once complete."""
    from tocsin.export.output import atomic_dir, atomic_text, check_output, check_output_dir
    from tocsin.export.parquet import TABLES
    from tocsin.store import open_store

    to_stdout = str(out) == "-"
    if fmt == "parquet":
        if to_stdout:
            raise BadOption("--format parquet writes a directory of files, not to stdout; give a directory")
        check_output_dir(out, [f"{t}.parquet" for t in TABLES], str(db))
    elif not to_stdout:
        check_output(out, str(db))
    with open_store(db, create=False) as store:
        if fmt == "parquet":
            from tocsin.export.parquet import write_parquet

            with atomic_dir(out) as staging:
                counts = write_parquet(store.backend, staging)
            click.echo(f"tocsin: wrote {len(counts)} Parquet files to {out}"
                       f" ({counts.get('events', 0)} events, {counts.get('stories', 0)} stories)", err=True)
            return
        where = "stdout" if to_stdout else out
        with (nullcontext(sys.stdout) if to_stdout else atomic_text(out)) as stream:
            if fmt == "gdelt":
                from tocsin.export.gdelt import write_gdelt

                count = write_gdelt(store.backend, stream)
                click.echo(f"tocsin: wrote {count} GDELT events (stories) to {where}", err=True)
            else:
                from tocsin.export.plover import records
                from tocsin.store.queries import documents

                count = 0
                for document in documents(store.backend):
                    for record in records(document):
                        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                        count += 1
                click.echo(f"tocsin: wrote {count} PLOVER events to {where}", err=True)


COMMANDS: list = [ingest, events, stories, dyad, export]

from tocsin.web.cli import serve  # noqa: E402 (the web package's command, registered like the others)

COMMANDS.append(serve)
