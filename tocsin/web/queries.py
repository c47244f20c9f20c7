"""The reads of the dashboard, on a Store backend, with the store's portable SQL.

`?` placeholders, ISO text dates and list columns joined with `rows.SEP`, so they run on DuckDB
and PostgreSQL alike. Every function takes `Filters` (see `filters`), so the table, timeline,
map, dyad chart and export always show the same selection.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from tocsin.model import normalise_auxiliary
from tocsin.store.backends import Backend
from tocsin.store.queries import EVENT_COLUMNS, PERIODS, STORY_COLUMNS, shown_date
from tocsin.store.rows import SEP
from tocsin.web.filters import KINDS, Filters, has_code

COOPERATION, CONFLICT = KINDS["cooperation"], KINDS["conflict"]

# Sortable columns of the events table: the name the page sends -> the SQL it sorts on.
SORTS = {"date": "s.date", "type": "s.event", "actor": "s.actor_codes", "recipient": "s.recipient_codes",
         "place": "s.loc_name", "mentions": "s.num_mentions", "sources": "s.num_sources", "score": "s.event_scale"}


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(SEP) if v]


def resolve_actor(backend: Backend, value: str) -> list[str]:
    """The codes a user means by `value`: a code seen in the store, or the name of coded actors."""
    code = value.upper()
    if backend.fetchall("SELECT 1 FROM event_actors WHERE code = ? LIMIT 1", (code,)):
        return [code]  # the usual case, found without reading every name
    rows = backend.fetchall(
        "SELECT DISTINCT code FROM event_actors WHERE code IS NOT NULL"
        " AND (LOWER(name) = ? OR LOWER(text) = ?) ORDER BY code", (value.lower(), value.lower()))
    codes = [r[0] for r in rows]
    if codes:
        return codes
    import pycountry  # a country named the way the dictionary does not ("Bolivarian Republic of ...")

    try:
        return [pycountry.countries.lookup(value).alpha_3]
    except LookupError:
        return []


def summary(backend: Backend, top: int = 10) -> dict:
    """Date range, event types, outlets, and the codes seen most as actor / recipient."""
    first, last, undated = backend.fetchall(
        "SELECT MIN(date), MAX(date), SUM(CASE WHEN date IS NULL THEN 1 ELSE 0 END) FROM stories")[0]
    types = backend.fetchall("SELECT event, COUNT(*) FROM stories GROUP BY event ORDER BY 2 DESC, 1")
    outlets = backend.fetchall(
        "SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY 2 DESC, 1 LIMIT 300")
    # Group on the joined lists (few distinct values) and split them here: portable, and cheap.
    actors, recipients = Counter(), Counter()
    for counter, column in ((actors, "actor_codes"), (recipients, "recipient_codes")):
        for codes, n in backend.fetchall(f"SELECT {column}, COUNT(*) FROM stories GROUP BY {column}"):
            for code in _split(codes):
                counter[code] += int(n)

    def ranked(counter: Counter, limit: int | None) -> list[dict]:
        pairs = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        return [{"code": code, "events": n} for code, n in pairs[:limit]]

    return {
        "first_date": first, "last_date": last, "undated_stories": int(undated or 0),
        "event_types": [{"event": e, "events": int(n)} for e, n in types],
        "outlets": [{"outlet": o, "articles": int(n)} for o, n in outlets],
        "top_actors": ranked(actors, top),
        "top_recipients": ranked(recipients, top),
        "codes": [row["code"] for row in ranked(actors + recipients, 500)],
    }


def _quad_sums(prefix: str = "") -> str:
    coop, conf = ", ".join(map(str, COOPERATION)), ", ".join(map(str, CONFLICT))
    q, s = f"{prefix}quad_code", f"COALESCE({prefix}event_scale, 0)"
    return (f"SUM(CASE WHEN {q} IN ({coop}) THEN 1 ELSE 0 END), SUM(CASE WHEN {q} IN ({coop}) THEN {s} ELSE 0 END),"
            f" SUM(CASE WHEN {q} IN ({conf}) THEN 1 ELSE 0 END), SUM(CASE WHEN {q} IN ({conf}) THEN {s} ELSE 0 END)")


def timeline(backend: Backend, by: str, filters: Filters) -> list[dict]:
    """Per period: story events and summed PLOVER score (event_scale), cooperation vs conflict.

    Stories without a quad code count in `events` only.
    """
    where, params = filters.story_sql()
    sql = (f"SELECT {PERIODS[by]} AS period, COUNT(*), {_quad_sums()}, SUM(num_mentions)"
           f" FROM stories WHERE date IS NOT NULL AND {where} GROUP BY 1 ORDER BY 1")
    return [
        {"period": period, "events": int(n), "cooperation_events": int(coop_n),
         "cooperation_score": round(float(coop_s), 3), "conflict_events": int(conf_n),
         "conflict_score": round(float(conf_s), 3), "mentions": int(mentions or 0)}
        for period, n, coop_n, coop_s, conf_n, conf_s, mentions in backend.fetchall(sql, params)
    ]


def page(backend: Backend, filters: Filters, sort: str = "date", descending: bool = True,
         limit: int = 50, offset: int = 0) -> tuple[int, list[dict]]:
    """(how many story events match, the rows of one page) in the order asked, ties by story id."""
    where, params = filters.story_sql("s.")
    total = int(backend.fetchall(f"SELECT COUNT(*) FROM stories s WHERE {where}", params)[0][0])
    cols = ", ".join(f"s.{c}" for c in STORY_COLUMNS)
    sql = (f"SELECT {cols}, s.first_article_id, s.first_event_id FROM stories s WHERE {where}"
           f" ORDER BY {SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, s.story_id"
           f" LIMIT {int(limit)} OFFSET {int(offset)}")
    found = backend.fetchall(sql, params)
    # The precision of each story's date is its first mention's: asked for the page's rows only.
    precision = {}
    if found:
        articles = sorted({row[-2] for row in found})
        precision = dict(((a, e), p) for a, e, p in backend.fetchall(
            "SELECT article_id, event_id, date_precision FROM events"
            f" WHERE article_id IN ({', '.join('?' * len(articles))})", articles))
    rows = []
    for row in found:
        story = dict(zip(STORY_COLUMNS, row[:-2]))
        story["date_precision"] = precision.get((row[-2], row[-1]))
        story["date_shown"] = shown_date(story["date"], story["date_precision"])
        rows.append(story)
    return total, rows


def places(backend: Backend, filters: Filters, limit: int = 2000) -> list[dict]:
    """Story events per geocoded place, with their cooperation / conflict split, most events first."""
    where, params = filters.story_sql()
    sql = (f"SELECT loc_name, loc_country, loc_lat, loc_lon, COUNT(*), {_quad_sums()}"
           f" FROM stories WHERE loc_lat IS NOT NULL AND loc_lon IS NOT NULL AND loc_name IS NOT NULL AND {where}"
           f" GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 3, 4 LIMIT {int(limit)}")
    return [
        {"place": name, "country": country, "lat": float(lat), "lon": float(lon), "events": int(n),
         "cooperation_events": int(coop_n), "conflict_events": int(conf_n)}
        for name, country, lat, lon, n, coop_n, _cs, conf_n, _fs in backend.fetchall(sql, params)
    ]


def dyad(backend: Backend, a: list[str], b: list[str], by: str, filters: Filters) -> list[dict]:
    """Story events and summed score per period between the codes `a` and `b`, both directions."""
    where, params = filters.story_sql()

    def side(actors: list[str], recipients: list[str]) -> tuple[str, list]:
        cond = " AND ".join(
            "(" + " OR ".join([has_code(column)] * len(codes)) + ")"
            for column, codes in (("actor_codes", actors), ("recipient_codes", recipients)))
        return cond, [f"{SEP}{c}{SEP}" for c in actors + recipients]

    ab, ab_params = side(a, b)
    ba, ba_params = side(b, a)
    inner = (f"SELECT {PERIODS[by]} AS period, CASE WHEN {ab} THEN 'ab' WHEN {ba} THEN 'ba' END AS dir,"
             f" event_scale FROM stories WHERE date IS NOT NULL AND {where}")
    sql = (f"SELECT period, dir, COUNT(*), SUM(COALESCE(event_scale, 0)) FROM ({inner}) d"
           " WHERE dir IS NOT NULL GROUP BY period, dir ORDER BY period, dir")
    out: dict[str, dict] = {}
    for period, direction, count, score in backend.fetchall(sql, ab_params + ba_params + params):
        row = out.setdefault(period, {"period": period, "ab_events": 0, "ab_score": 0.0,
                                      "ba_events": 0, "ba_score": 0.0})
        row[f"{direction}_events"] = int(count)
        row[f"{direction}_score"] = round(float(score), 3)
    return list(out.values())


def export_rows(backend: Backend, filters: Filters) -> list[dict]:
    """Event mentions matching the filters: the columns and order of `tocsin events`."""
    where, params = filters.mention_sql()
    cols = ", ".join(f"a.{c}" if c in ("outlet", "url", "doc_id") else f"e.{c}" for c in EVENT_COLUMNS)
    sql = (f"SELECT {cols} FROM events e JOIN articles a ON a.article_id = e.article_id WHERE {where}"
           " ORDER BY e.date NULLS LAST, e.article_id, e.span_start, e.event_id")
    return [dict(zip(EVENT_COLUMNS, row)) for row in backend.fetchall(sql, params)]


STORY_DETAIL = (*STORY_COLUMNS, "cameo", "last_date", "loc_country")

_EVIDENCE = ("article_id", "event_id", "doc_id", "title", "published", "outlet", "url", "date", "date_precision",
             "text", "span_start", "span_end", "event_text", "event_start", "event_end", "attribution_source",
             "attribution_status", "attribution_hedges", "auxiliary", "negated", "mode", "loc_name", "fatalities",
             "fatalities_qualifier", "confidence", "quad_code", "event_scale")


def story(backend: Backend, story_id: str) -> dict | None:
    rows = backend.fetchall(f"SELECT {', '.join(STORY_DETAIL)} FROM stories WHERE story_id = ?", (story_id,))
    return dict(zip(STORY_DETAIL, rows[0])) if rows else None


def _parties(backend: Backend, join: str, where: str, key: str) -> dict[tuple[str, str], list[tuple]]:
    parties: dict[tuple[str, str], list[tuple]] = {}
    for row in backend.fetchall(
        "SELECT p.article_id, p.event_id, p.role, p.seq, p.text, p.name, p.code, p.sector, p.start_char, p.end_char"
        f" FROM {join} WHERE {where} ORDER BY p.article_id, p.event_id, p.role, p.seq", (key,)
    ):
        parties.setdefault((row[0], row[1]), []).append(row[2:])
    return parties


def evidence(backend: Backend, story_id: str) -> list[dict]:
    """The supporting mentions of a story, each with its sentence, the trigger and the parties as
    character spans into that sentence (None when a span lies outside it), and its attribution."""
    cols = ", ".join(f"a.{c}" if c in ("doc_id", "title", "published", "outlet", "url") else f"e.{c}"
                     for c in _EVIDENCE)
    rows = backend.fetchall(
        f"SELECT {cols} FROM story_mentions s"
        " JOIN events e ON e.article_id = s.article_id AND e.event_id = s.event_id"
        " JOIN articles a ON a.article_id = e.article_id WHERE s.story_id = ?"
        " ORDER BY e.date NULLS LAST, e.article_id, e.span_start, e.event_id",
        (story_id,),
    )
    parties = _parties(backend, "story_mentions s JOIN event_actors p ON p.article_id = s.article_id"
                       " AND p.event_id = s.event_id", "s.story_id = ?", story_id)
    return [_mention(dict(zip(_EVIDENCE, row)), parties.get((row[0], row[1]), [])) for row in rows]


def _relative(start, end, sentence_start: int, sentence_end: int) -> tuple[int, int] | None:
    if start is None or end is None or start < sentence_start or end > sentence_end or start >= end:
        return None
    return (start - sentence_start, end - sentence_start)


def _party_list(parties: list[tuple], s0: int, s1: int) -> list[dict]:
    return [
        {"role": role, "text": text, "name": name, "code": code, "sector": _split(sector),
         "start": rel[0] if rel else None, "end": rel[1] if rel else None}
        for role, _seq, text, name, code, sector, start, end in parties
        for rel in [_relative(start, end, s0, s1)]
    ]


def _mention(r: dict, parties: list[tuple]) -> dict:
    s0, s1 = r["span_start"], r["span_end"]
    trigger = _relative(r["event_start"], r["event_end"], s0, s1)
    return {
        "article_id": r["article_id"], "event_id": r["event_id"], "doc_id": r["doc_id"], "title": r["title"],
        "published": r["published"], "outlet": r["outlet"], "url": r["url"],
        "date": r["date"], "date_precision": r["date_precision"],
        "date_shown": shown_date(r["date"], r["date_precision"]),
        "sentence": r["text"], "sentence_span": [s0, s1],
        "trigger": {"text": r["event_text"], "start": trigger[0] if trigger else None,
                    "end": trigger[1] if trigger else None},
        "parties": _party_list(parties, s0, s1),
        "attribution": {"source": r["attribution_source"], "status": r["attribution_status"],
                        "hedges": _split(r["attribution_hedges"])},
        "auxiliary": normalise_auxiliary(_split(r["auxiliary"])), "negated": bool(r["negated"]),
        "mode": _split(r["mode"]),
        "place": r["loc_name"],
        "fatalities": ({"number": r["fatalities"], "qualifier": r["fatalities_qualifier"]}
                       if r["fatalities"] is not None else None),
        "confidence": r["confidence"], "quad_code": r["quad_code"], "event_scale": r["event_scale"],
    }


_ARTICLE = ("article_id", "doc_id", "title", "published", "outlet", "url", "source", "text")
_ARTICLE_EVENTS = ("event_id", "event", "actor_codes", "recipient_codes", "date", "date_precision", "quad_code",
                   "event_scale", "span_start", "span_end", "event_text", "event_start", "event_end",
                   "attribution_source", "attribution_status", "story_id")


def article(backend: Backend, article_id: str) -> dict | None:
    """One stored article: its cleaned text, what cleaning removed, and its events as spans into the
    text (each with the story it belongs to), for the article view."""
    rows = backend.fetchall(f"SELECT {', '.join(_ARTICLE)} FROM articles WHERE article_id = ?", (article_id,))
    if not rows:
        return None
    out = dict(zip(_ARTICLE, rows[0]))
    out["removed"] = [
        {"start": start, "end": end, "text": text, "reason": reason}
        for start, end, text, reason in backend.fetchall(
            "SELECT start_char, end_char, text, reason FROM removed WHERE article_id = ? ORDER BY seq", (article_id,))
    ]
    cols = ", ".join("m.story_id" if c == "story_id" else f"e.{c}" for c in _ARTICLE_EVENTS)
    events = backend.fetchall(
        f"SELECT {cols} FROM events e LEFT JOIN story_mentions m"
        " ON m.article_id = e.article_id AND m.event_id = e.event_id"
        " WHERE e.article_id = ? ORDER BY e.span_start, e.event_id", (article_id,))
    parties = _parties(backend, "event_actors p", "p.article_id = ?", article_id)
    text_length = len(out["text"])
    out["events"] = []
    for row in events:
        event = dict(zip(_ARTICLE_EVENTS, row))
        event["date_shown"] = shown_date(event["date"], event["date_precision"])
        event["parties"] = _party_list(parties.get((article_id, event["event_id"]), []), 0, text_length)
        out["events"].append(event)
    return out


_ALERT = ("alert_id", "rule", "kind", "fired_at", "day", "actor", "recipient", "summary", "evidence")
_ID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")


def has_table(backend: Backend, table: str) -> bool:
    return bool(backend.fetchall(
        "SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = current_schema()", (table,)))


def alerts(backend: Backend, limit: int = 200) -> list[dict]:
    """Alerts fired by `tocsin watch`, newest first; none when the watcher never ran."""
    if not has_table(backend, "alerts"):
        return []
    rows = backend.fetchall(
        f"SELECT {', '.join(_ALERT)} FROM alerts ORDER BY fired_at DESC NULLS LAST, alert_id LIMIT {int(limit)}")
    return [{**dict(zip(_ALERT, row)), "evidence": _alert_evidence(row[-1])} for row in rows]


def _alert_evidence(raw) -> list[dict]:
    # Written by another command: keep only well-formed references, never fail the list on one.
    try:
        items = json.loads(raw) if isinstance(raw, str) else (raw or [])
    except ValueError:
        return []
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            ref = {k: item.get(k) for k in ("story_id", "article_id", "event_id")}
            if any(ref.values()) and all(v is None or (isinstance(v, str) and _ID.fullmatch(v)) for v in ref.values()):
                out.append(ref)
    return out
