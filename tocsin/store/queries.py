"""Read queries of the store, written once for both engines.

Results are ordered on keys that sort the same under any collation (ISO dates, hex ids), so
DuckDB and PostgreSQL return identical lists for the same corpus.
"""

from __future__ import annotations

from collections.abc import Iterator

from tocsin import model
from tocsin.errors import BadOption
from tocsin.store.backends import Backend
from tocsin.store.rows import SEP

EVENT_COLUMNS = ("date", "date_precision", "event", "mode", "actor_codes", "recipient_codes", "quad_code",
                 "event_scale", "loc_name", "negated", "auxiliary", "attribution_status", "attribution_source",
                 "attribution_hedges", "event_text", "text", "outlet", "url", "doc_id", "article_id", "event_id",
                 "coder_version", "lexicon_hash")

STORY_COLUMNS = ("story_id", "date", "event", "actor_codes", "recipient_codes", "quad_code", "event_scale",
                 "loc_name", "num_mentions", "num_sources", "num_articles", "event_text")
# A story row as `tocsin stories` writes it: its date with its precision (its first mention's), so
# CSV and JSON Lines tell "2025-09" (a month, stored as 2025-09-01) from the first of the month.
STORY_ROW_COLUMNS = (*STORY_COLUMNS[:2], "date_precision", *STORY_COLUMNS[2:])

PERIODS = {
    "day": "date",
    "week": "CAST(CAST(date_trunc('week', CAST(date AS TIMESTAMP)) AS DATE) AS VARCHAR)",
    "month": "SUBSTRING(date, 1, 7)",
}


def shown_date(date: str | None, precision: str | None) -> str | None:
    """A date as precise as the text gave it: 2025-09 for a month, 2025 for a year."""
    if not date:
        return None
    if precision == "month":
        return date[:7]
    if precision == "year":
        return date[:4]
    if precision == "week":
        return f"week of {date}"
    if precision == "publication":
        return f"{date} (pub.)"
    return date


# Auxiliary modes of events the text does not say happened, with "negated", the word of rows stored
# before "negation". Such events are stored and listed, but stories, dyads and alerts leave them out.
NOT_HAPPENED = (*sorted(model.NOT_HAPPENED), "negated")


def happened(prefix: str = "") -> str:
    """SQL true for an event mention the text says happened: not negated, hypothetical or future."""
    tests = [f"('{SEP}' || COALESCE({prefix}auxiliary, '') || '{SEP}') NOT LIKE '%{SEP}{mode}{SEP}%'"
             for mode in NOT_HAPPENED]
    return "(" + " AND ".join(tests) + ")"


def _has_code(column: str) -> str:
    # Codes are stored joined ("USA;VEN"); wrapping both sides in separators matches whole codes.
    return f"('{SEP}' || {column} || '{SEP}') LIKE ?"


def _code_param(code: str) -> str:
    return f"%{SEP}{code.strip().upper()}{SEP}%"


def _filters(prefix: str, actor, recipient, event_type, since, until) -> tuple[list[str], list]:
    where, params = [], []
    if actor:
        where.append(_has_code(f"{prefix}actor_codes"))
        params.append(_code_param(actor))
    if recipient:
        where.append(_has_code(f"{prefix}recipient_codes"))
        params.append(_code_param(recipient))
    if event_type:
        where.append(f"{prefix}event = ?")
        params.append(event_type.strip().upper())
    if since:
        where.append(f"{prefix}date >= ?")
        params.append(since)
    if until:
        where.append(f"{prefix}date <= ?")
        params.append(until)
    return where, params


def _events_sql(actor, recipient, event_type, since, until) -> tuple[str, list]:
    where, params = _filters("e.", actor, recipient, event_type, since, until)
    cols = ", ".join(f"a.{c}" if c in ("outlet", "url", "doc_id") else f"e.{c}" for c in EVENT_COLUMNS)
    sql = (f"SELECT {cols} FROM events e JOIN articles a ON a.article_id = e.article_id"
           f"{' WHERE ' + ' AND '.join(where) if where else ''}"
           " ORDER BY e.date NULLS LAST, e.article_id, e.span_start, e.event_id")
    return sql, params


def _stories_sql(actor, recipient, event_type, since, until) -> tuple[str, list]:
    where, params = _filters("s.", actor, recipient, event_type, since, until)
    cols = ", ".join("e.date_precision" if c == "date_precision" else f"s.{c}" for c in STORY_ROW_COLUMNS)
    sql = (f"SELECT {cols} FROM stories s LEFT JOIN events e"
           " ON e.article_id = s.first_article_id AND e.event_id = s.first_event_id"
           f"{' WHERE ' + ' AND '.join(where) if where else ''}"
           " ORDER BY s.date NULLS LAST, s.first_article_id, s.first_event_id")
    return sql, params


def _limited(sql: str, limit: int | None) -> str:
    return f"{sql} LIMIT {int(limit)}" if limit else sql


def events(backend: Backend, **filters) -> list[dict]:
    """Event mentions (one row per event per article) matching all the filters given."""
    return list(iter_rows(backend, "events", **filters))


def stories(backend: Backend, **filters) -> list[dict]:
    """Story events (deduplicated across articles) with their counts."""
    return list(iter_rows(backend, "stories", **filters))


def iter_rows(backend: Backend, table: str, *, actor=None, recipient=None, event_type=None, since=None,
              until=None, limit: int | None = None) -> Iterator[dict]:
    """The rows of `events` or `stories`, streamed: a million of them never sit in memory at once."""
    query, columns = {"events": (_events_sql, EVENT_COLUMNS), "stories": (_stories_sql, STORY_ROW_COLUMNS)}[table]
    sql, params = query(actor, recipient, event_type, since, until)
    return (dict(zip(columns, row)) for row in backend.stream(_limited(sql, limit), params))


def count(backend: Backend, table: str, *, actor=None, recipient=None, event_type=None, since=None,
          until=None) -> int:
    """How many rows of `events` or `stories` match the filters (counted in SQL)."""
    if table not in ("events", "stories"):
        raise ValueError(table)
    where, params = _filters("", actor, recipient, event_type, since, until)
    sql = f"SELECT COUNT(*) FROM {table}{' WHERE ' + ' AND '.join(where) if where else ''}"
    return int(backend.fetchall(sql, params)[0][0])


def evidence(backend: Backend, story_id: str) -> list[dict]:
    """The supporting mentions of a story: article, outlet, URL, who the article says the event is
    according to (attribution status, source, hedges) and the evidence sentence."""
    cols = ("article_id", "event_id", "doc_id", "outlet", "url", "date", "attribution_status", "attribution_source",
            "attribution_hedges", "event_text", "text")
    rows = backend.fetchall(
        "SELECT e.article_id, e.event_id, a.doc_id, a.outlet, a.url, e.date, e.attribution_status,"
        " e.attribution_source, e.attribution_hedges, e.event_text, e.text"
        " FROM story_mentions s JOIN events e ON e.article_id = s.article_id AND e.event_id = s.event_id"
        " JOIN articles a ON a.article_id = e.article_id WHERE s.story_id = ?"
        " ORDER BY e.date NULLS LAST, e.article_id, e.event_id",
        (story_id,),
    )
    return [dict(zip(cols, r)) for r in rows]


def dyad(backend: Backend, a: str, b: str, by: str = "day") -> list[dict]:
    """Story events and summed PLOVER score (event_scale) per period, in both directions, and those
    the two did together (both among the actors: a meeting, a clash between them)."""
    if by not in PERIODS:
        raise BadOption(f"--by must be one of {', '.join(PERIODS)}, got {by!r}")
    a, b = a.strip().upper(), b.strip().upper()
    # "joint": both among the actors, as PLOVER codes a meeting or two-sided fighting
    direction = (f"CASE WHEN {_has_code('actor_codes')} AND {_has_code('recipient_codes')} THEN 'ab'"
                 f" WHEN {_has_code('actor_codes')} AND {_has_code('recipient_codes')} THEN 'ba'"
                 f" WHEN {_has_code('actor_codes')} AND {_has_code('actor_codes')} THEN 'joint' END")
    inner = (f"SELECT {PERIODS[by]} AS period, {direction} AS dir, event_scale, num_mentions FROM stories"
             " WHERE date IS NOT NULL")
    sql = (f"SELECT period, dir, COUNT(*), SUM(COALESCE(event_scale, 0)), SUM(num_mentions)"
           f" FROM ({inner}) d WHERE dir IS NOT NULL GROUP BY period, dir ORDER BY period, dir")
    params = [_code_param(a), _code_param(b), _code_param(b), _code_param(a), _code_param(a), _code_param(b)]
    out: dict[str, dict] = {}
    for period, dir_, count, score, mentions in backend.fetchall(sql, params):
        row = out.setdefault(period, {"period": period, f"{a}->{b} events": 0, f"{a}->{b} score": 0.0,
                                      f"{b}->{a} events": 0, f"{b}->{a} score": 0.0,
                                      f"{a}+{b} events": 0, f"{a}+{b} score": 0.0, "mentions": 0})
        label = {"ab": f"{a}->{b}", "ba": f"{b}->{a}", "joint": f"{a}+{b}"}[dir_]
        row[f"{label} events"] = int(count)
        row[f"{label} score"] = round(float(score), 3)
        row["mentions"] += int(mentions)
    return list(out.values())


def ungrouped(backend: Backend) -> int:
    """Articles stored but not yet grouped into stories (an ingest stopped before its story rebuild)."""
    return int(backend.fetchall("SELECT COUNT(*) FROM story_backlog")[0][0])


def counts(backend: Backend) -> dict[str, int]:
    tables = ("articles", "events", "stories", "failures", "entities", "quotes", "claims")
    return {t: int(backend.fetchall(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in tables}


def story_key(prefix: str) -> str:
    """SQL for the key a story never crosses: event type, actor codes, recipient codes."""
    return (f"{prefix}event || '|' || COALESCE({prefix}actor_codes, '') || '|'"
            f" || COALESCE({prefix}recipient_codes, '')")


def story_key_filter(prefix: str, keys: list[str]) -> tuple[str, list[str]]:
    return f"{story_key(prefix)} IN ({', '.join('?' * len(keys))})", list(keys)


def mentions_for_dedup(backend: Backend, keys: list[str] | None = None) -> Iterator[tuple]:
    """Event mentions that happened (all, or those of the story `keys`) with their outlet, sorted as
    tocsin.corpus.stories.cluster needs: a denied, hypothetical or future event makes no story."""
    from tocsin.corpus.stories import MENTION_COLUMNS  # (and rapidfuzz with it: only the rebuild needs it)

    prefix = {"outlet": "a.", "url": "a.", "sources": "s."}
    cols = ", ".join(f"{prefix.get(c, 'e.')}{c}" for c in MENTION_COLUMNS)
    where, params = story_key_filter("e.", keys) if keys is not None else ("TRUE", [])
    sources = ("SELECT article_id, string_agg(DISTINCT publisher, chr(10)) AS sources FROM article_sources"
               " GROUP BY article_id")
    return backend.stream(
        f"SELECT {cols} FROM events e JOIN articles a ON a.article_id = e.article_id"
        f" LEFT JOIN ({sources}) s ON s.article_id = e.article_id WHERE {where} AND {happened('e.')}"
        " ORDER BY e.event, e.actor_codes NULLS FIRST, e.recipient_codes NULLS FIRST, e.date NULLS LAST,"
        " e.article_id, e.span_start, e.event_id",
        params,
    )


def event_payloads(backend: Backend) -> Iterator[tuple]:
    """(article_id, doc_id, title, published, outlet, url, payload) by article, for exports."""
    return backend.stream(
        "SELECT a.article_id, a.doc_id, a.title, a.published, a.outlet, a.url, e.payload"
        " FROM events e JOIN articles a ON a.article_id = e.article_id"
        " ORDER BY a.article_id, e.span_start, e.event_id"
    )


def documents(backend: Backend) -> Iterator:
    """The stored Documents with their events (text and other fields left empty), by article."""
    from tocsin.model import DocMeta, Document, Event

    current, events = None, []
    for article_id, doc_id, title, published, outlet, url, payload in event_payloads(backend):
        if current is None or current[0] != article_id:
            if current is not None:
                yield Document(doc=current[1], text="", events=events)
            current = (article_id, DocMeta(id=doc_id, title=title, published=published, outlet=outlet, url=url))
            events = []
        events.append(Event.model_validate_json(payload))
    if current is not None:
        yield Document(doc=current[1], text="", events=events)
