"""The JSON API: a request path and query string in, (HTTP status, payload) out.

Every parameter is checked before it reaches SQL (values go in as placeholders anyway); a bad one
is a 400 naming it, an unknown path, story or article a 404, a database held by a writer a 503.
Read-only: nothing here writes.
"""

from __future__ import annotations

import io
import json
import re
from urllib.parse import parse_qs, unquote

from tocsin.config import check_day
from tocsin.errors import BadOption
from tocsin.store.queries import PERIODS
from tocsin.web import queries
from tocsin.web.filters import ATTRIBUTIONS, KINDS, Filters
from tocsin.web.readers import Busy

DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET = 50, 500, 10_000_000

# re's [0-9] is ASCII only: str.isdigit() would let "²" and fullwidth digits through.
_NUMBER = re.compile(r"[0-9]{1,9}")
_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,80}")
_TYPE = re.compile(r"[A-Z_]{1,32}")
_STORY_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ARTICLE_ID = re.compile(r"[0-9a-f]{1,64}")

FILTER_PARAMS = ("actor", "recipient", "type", "kind", "outlet", "attribution", "fatalities", "since", "until",
                 "place")


class HTTPError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class Export:
    """A file to download rather than JSON."""

    def __init__(self, body: bytes, content_type: str, filename: str):
        self.body, self.content_type, self.filename = body, content_type, filename


class Params:
    """The query parameters of one request; each accessor validates one parameter."""

    def __init__(self, query: str, allowed: tuple[str, ...]):
        try:
            parsed = parse_qs(query, keep_blank_values=True, strict_parsing=False, max_num_fields=32)
        except ValueError as err:
            raise HTTPError(400, f"bad query string: {err}") from None
        unknown = sorted(set(parsed) - set(allowed))
        if unknown:
            raise HTTPError(400, f"unknown parameter {unknown[0]!r}; this endpoint takes: {', '.join(allowed) or 'none'}")
        repeated = sorted(k for k, v in parsed.items() if len(v) > 1)
        if repeated:
            raise HTTPError(400, f"parameter {repeated[0]!r} given more than once")
        # An empty value means "no filter" (what an empty form field sends).
        self.values = {k: v[0].strip() for k, v in parsed.items() if v[0].strip()}

    def actor(self, name: str) -> str | None:
        """An actor code (USA) or name (Venezuela), as typed."""
        value = self.values.get(name)
        if value is not None and not _NAME.fullmatch(value):
            raise HTTPError(400, f"{name} must be an actor code or name of at most 80 characters")
        return value

    def event_types(self, name: str = "type") -> list[str]:
        out = []
        for value in filter(None, (v.strip().upper() for v in self.values.get(name, "").split(","))):
            if not _TYPE.fullmatch(value):
                raise HTTPError(400, f"{name} must be PLOVER event types, e.g. ASSAULT,PROTEST, got {value[:40]!r}")
            out.append(value)
        return sorted(set(out))

    def choice(self, name: str, choices, default: str | None = None) -> str | None:
        value = self.values.get(name, default)
        if value is None:
            return None
        if value.lower() not in choices:
            raise HTTPError(400, f"{name} must be one of {', '.join(choices)}, got {value[:40]!r}")
        return value.lower()

    def text(self, name: str) -> str | None:
        value = self.values.get(name)
        if value is not None and not _NAME.fullmatch(value):
            raise HTTPError(400, f"{name} must be text of at most 80 characters")
        return value

    def day(self, name: str) -> str | None:
        try:
            return check_day(self.values.get(name), name)
        except BadOption as err:
            raise HTTPError(400, str(err)) from None

    def number(self, name: str, default: int | None, low: int, high: int) -> int | None:
        value = self.values.get(name)
        if value is None:
            return default
        if not _NUMBER.fullmatch(value) or not low <= int(value) <= high:
            raise HTTPError(400, f"{name} must be an integer from {low} to {high}, got {value[:40]!r}")
        return int(value)

    def filters(self, backend) -> Filters:
        since, until = self.day("since"), self.day("until")
        if since and until and since > until:
            raise HTTPError(400, f"since ({since}) is after until ({until})")
        return Filters(
            actor=self.codes(backend, "actor"), recipient=self.codes(backend, "recipient"),
            types=self.event_types(), kind=self.choice("kind", KINDS), outlet=self.text("outlet"),
            attribution=self.choice("attribution", ATTRIBUTIONS),
            fatalities=self.number("fatalities", None, 0, 1_000_000), since=since, until=until,
            place=self.text("place"))

    def codes(self, backend, name: str, required: bool = False) -> list[str]:
        value = self.actor(name)
        if value is None:
            if required:
                raise HTTPError(400, f"parameter {name!r} is required (an actor code or name, e.g. USA)")
            return []
        codes = queries.resolve_actor(backend, value)
        if not codes:
            raise HTTPError(400, f"{name}: no actor code or name {value!r} in this database")
        return codes


class API:
    """Routes API paths to store reads, each on a connection of `reader` (see `readers`)."""

    def __init__(self, reader):
        self.reader = reader

    def handle(self, path: str, query: str = ""):
        try:
            status, payload = self._route(path, query)
        except Busy as err:
            raise HTTPError(503, f"{err}; the dashboard retries shortly") from None
        taken = getattr(self.reader, "serving_snapshot", lambda: None)()
        if taken and isinstance(payload, dict):
            payload["snapshot"] = taken  # a writer holds the database: this is how it was then
        return status, payload

    def _route(self, path: str, query: str):
        routes = {
            "/api/summary": (self.summary, ()),
            "/api/timeline": (self.timeline, ("by", *FILTER_PARAMS)),
            "/api/events": (self.events, (*FILTER_PARAMS, "sort", "order", "limit", "offset")),
            "/api/map": (self.map, FILTER_PARAMS),
            "/api/dyad": (self.dyad, ("a", "b", "by", *FILTER_PARAMS)),
            "/api/export": (self.export, ("format", "raw", *FILTER_PARAMS)),
            "/api/alerts": (self.alerts, ("limit",)),
        }
        if path in routes:
            handler, allowed = routes[path]
            return 200, handler(Params(query, allowed))
        for prefix, handler in (("/api/story/", self.story), ("/api/article/", self.article)):
            if path.startswith(prefix):
                return 200, handler(unquote(path.removeprefix(prefix)), Params(query, ()))
        raise HTTPError(404, f"no such endpoint: {path[:80]}")

    def summary(self, params: Params) -> dict:
        from tocsin.store.queries import counts, ungrouped

        with self.reader.backend() as backend:
            # ungrouped: articles an ingest stored but stopped before grouping into story events
            return {"counts": counts(backend), "ungrouped_articles": ungrouped(backend), **queries.summary(backend)}

    def timeline(self, params: Params) -> dict:
        by = params.choice("by", PERIODS, "day")
        with self.reader.backend() as backend:
            filters = params.filters(backend)
            periods = queries.timeline(backend, by, filters)
        totals = {k: sum(p[k] for p in periods) for k in ("events", "cooperation_events", "conflict_events")}
        for k in ("cooperation_score", "conflict_score"):
            totals[k] = round(sum(p[k] for p in periods), 3)
        return {"by": by, "filters": _public(filters), "periods": periods, "totals": totals}

    def events(self, params: Params) -> dict:
        sort = params.choice("sort", queries.SORTS, "date")
        order = params.choice("order", ("asc", "desc"), "desc")
        limit = params.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
        offset = params.number("offset", 0, 0, MAX_OFFSET)
        with self.reader.backend() as backend:
            filters = params.filters(backend)
            total, rows = queries.page(backend, filters, sort, order == "desc", limit, offset)
        return {"filters": _public(filters), "sort": sort, "order": order, "limit": limit, "offset": offset,
                "total": total, "count": len(rows), "events": rows}

    def map(self, params: Params) -> dict:
        with self.reader.backend() as backend:
            filters = params.filters(backend)
            points = queries.places(backend, filters)
        return {"filters": _public(filters), "places": points}

    def dyad(self, params: Params) -> dict:
        by = params.choice("by", PERIODS, "day")
        with self.reader.backend() as backend:
            a, b = params.codes(backend, "a", required=True), params.codes(backend, "b", required=True)
            filters = params.filters(backend)
            filters.actor = filters.recipient = []  # the pair is a and b, in both directions
            periods = queries.dyad(backend, a, b, by, filters)
        return {"a": a, "b": b, "by": by, "filters": _public(filters), "periods": periods}

    def export(self, params: Params) -> Export:
        fmt = params.choice("format", ("csv", "json", "jsonl"), "csv")
        with self.reader.backend() as backend:
            rows = queries.export_rows(backend, params.filters(backend))
        if fmt == "csv":
            from tocsin.store.queries import EVENT_COLUMNS

            from tocsin.export.csvsafe import write_csv

            out = io.StringIO()  # the same cells as `tocsin events --format csv` (formula-safe unless raw=1)
            write_csv(rows, out, EVENT_COLUMNS, raw=params.choice("raw", ("0", "1"), "0") == "1")
            return Export(out.getvalue().encode("utf-8"), "text/csv; charset=utf-8", "tocsin-events.csv")
        if fmt == "jsonl":
            body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
            return Export(body.encode("utf-8"), "application/x-ndjson; charset=utf-8", "tocsin-events.jsonl")
        return Export(json.dumps(rows, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8",
                      "tocsin-events.json")

    def story(self, story_id: str, params: Params) -> dict:
        def read(backend, key):
            row = queries.story(backend, key)
            return row and {"story": row, "evidence": queries.evidence(backend, key)}

        return self._one("story", _STORY_ID, story_id, read)

    def article(self, article_id: str, params: Params) -> dict:
        return self._one("article", _ARTICLE_ID, article_id, queries.article)

    def _one(self, kind: str, pattern: re.Pattern, key: str, read) -> dict:
        if not pattern.fullmatch(key):
            raise HTTPError(400, f"not {'an' if kind[0] in 'aeiou' else 'a'} {kind} id: {key[:80]!r}")
        with self.reader.backend() as backend:
            found = read(backend, key)
        if found is None:
            raise HTTPError(404, f"no {kind} {key!r}")
        return found

    def alerts(self, params: Params) -> dict:
        limit = params.number("limit", 200, 1, 1000)
        with self.reader.backend() as backend:
            return {"alerts": queries.alerts(backend, limit)}


def _public(filters: Filters) -> dict:
    # What the selection was, in the parameter names the client sends.
    return {"actor": filters.actor, "recipient": filters.recipient, "type": filters.types, "kind": filters.kind,
            "outlet": filters.outlet, "attribution": filters.attribution, "fatalities": filters.fatalities,
            "since": filters.since, "until": filters.until, "place": filters.place}
