"""The JSON API: a request path and query string in, (HTTP status, JSON-ready payload) out.

Every parameter is checked before it reaches SQL (values go in as placeholders anyway); a bad one
is a 400 naming it, an unknown path or story a 404. Read-only: nothing here writes.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import parse_qs, unquote

from tocsin.config import check_day
from tocsin.errors import BadOption
from tocsin.store import Store
from tocsin.store.queries import PERIODS
from tocsin.store.queries import dyad as dyad_query
from tocsin.store.queries import stories as stories_query
from tocsin.web import queries

DEFAULT_LIMIT, MAX_LIMIT = 500, 5000

_CODE = re.compile(r"[A-Z0-9_-]{1,24}")
_TYPE = re.compile(r"[A-Z_]{1,32}")
_STORY_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class HTTPError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


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

    def code(self, name: str, required: bool = False) -> str | None:
        value = self.values.get(name)
        if value is None:
            if required:
                raise HTTPError(400, f"parameter {name!r} is required (an actor code, e.g. USA)")
            return None
        value = value.upper()
        if not _CODE.fullmatch(value):
            raise HTTPError(400, f"{name} must be an actor code (letters, digits), got {value[:40]!r}")
        return value

    def event_type(self, name: str = "type") -> str | None:
        value = self.values.get(name)
        if value is None:
            return None
        value = value.upper()
        if not _TYPE.fullmatch(value):
            raise HTTPError(400, f"{name} must be a PLOVER event type, e.g. ASSAULT, got {value[:40]!r}")
        return value

    def day(self, name: str) -> str | None:
        try:
            return check_day(self.values.get(name), name)
        except BadOption as err:
            raise HTTPError(400, str(err)) from None

    def period(self, name: str = "by", default: str = "day") -> str:
        value = self.values.get(name, default).lower()
        if value not in PERIODS:
            raise HTTPError(400, f"{name} must be one of {', '.join(PERIODS)}, got {value[:40]!r}")
        return value

    def limit(self, name: str = "limit") -> int:
        value = self.values.get(name)
        if value is None:
            return DEFAULT_LIMIT
        if not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
            raise HTTPError(400, f"{name} must be an integer from 1 to {MAX_LIMIT}, got {value[:40]!r}")
        return int(value)

    def filters(self) -> dict:
        since, until = self.day("since"), self.day("until")
        if since and until and since > until:
            raise HTTPError(400, f"since ({since}) is after until ({until})")
        return {"actor": self.code("actor"), "recipient": self.code("recipient"),
                "event_type": self.event_type(), "since": since, "until": until}


_FILTERS = ("actor", "recipient", "type", "since", "until")


class API:
    """Routes API paths to store reads. One lock: a DuckDB connection is not for concurrent use."""

    def __init__(self, store: Store):
        self.store = store
        self.lock = threading.Lock()

    def handle(self, path: str, query: str = "") -> tuple[int, dict]:
        if path == "/api/summary":
            return 200, self.summary(Params(query, ()))
        if path == "/api/timeline":
            return 200, self.timeline(Params(query, ("by", *_FILTERS)))
        if path == "/api/events":
            return 200, self.events(Params(query, (*_FILTERS, "limit")))
        if path == "/api/dyad":
            return 200, self.dyad(Params(query, ("a", "b", "by")))
        if path.startswith("/api/story/"):
            return 200, self.story(unquote(path.removeprefix("/api/story/")), Params(query, ()))
        raise HTTPError(404, f"no such endpoint: {path[:80]}")

    def summary(self, params: Params) -> dict:
        with self.lock:
            counts = self.store.counts()
            extra = queries.summary(self.store.backend)
        return {"counts": counts, **extra}

    def timeline(self, params: Params) -> dict:
        by, filters = params.period(), params.filters()
        with self.lock:
            periods = queries.timeline(self.store.backend, by, **filters)
        totals = {k: sum(p[k] for p in periods) for k in ("events", "cooperation_events", "conflict_events")}
        for k in ("cooperation_score", "conflict_score"):
            totals[k] = round(sum(p[k] for p in periods), 3)
        return {"by": by, "filters": _public(filters), "periods": periods, "totals": totals}

    def events(self, params: Params) -> dict:
        filters, limit = params.filters(), params.limit()
        with self.lock:
            rows = stories_query(self.store.backend, **filters, limit=limit + 1)
        return {"filters": _public(filters), "limit": limit, "truncated": len(rows) > limit,
                "count": min(len(rows), limit), "events": rows[:limit]}

    def story(self, story_id: str, params: Params) -> dict:
        if not _STORY_ID.fullmatch(story_id):
            raise HTTPError(400, f"not a story id: {story_id[:80]!r}")
        with self.lock:
            row = queries.story(self.store.backend, story_id)
            if row is None:
                raise HTTPError(404, f"no story {story_id!r}")
            evidence = queries.evidence(self.store.backend, story_id)
        return {"story": row, "evidence": evidence}

    def dyad(self, params: Params) -> dict:
        a, b, by = params.code("a", required=True), params.code("b", required=True), params.period()
        with self.lock:
            periods = dyad_query(self.store.backend, a, b, by)
        return {"a": a, "b": b, "by": by, "periods": periods}


def _public(filters: dict) -> dict:
    # The parameter names the client sent (`type`, not the store's `event_type`).
    return {("type" if k == "event_type" else k): v for k, v in filters.items()}
