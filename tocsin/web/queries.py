"""Reads the dashboard needs that `tocsin.store.queries` does not offer yet.

Written on the Store's backend with the same portable SQL (`?` placeholders, ISO text dates,
list columns joined with `rows.SEP`), so they run on DuckDB and PostgreSQL alike. Candidates to
move into `tocsin.store.queries` once its owner agrees.
"""

from __future__ import annotations

from collections import Counter

from tocsin.model import normalise_auxiliary
from tocsin.store.backends import Backend
from tocsin.store.queries import PERIODS, STORY_COLUMNS
from tocsin.store.rows import SEP

# PLOVER quad codes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
COOPERATION, CONFLICT = (1, 2), (3, 4)


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(SEP) if v]


def story_filters(actor=None, recipient=None, event_type=None, since=None, until=None) -> tuple[str, list]:
    """A WHERE clause (or "") on the stories table; codes match whole codes of a joined list."""
    where, params = [], []
    for column, code in (("actor_codes", actor), ("recipient_codes", recipient)):
        if code:
            where.append(f"('{SEP}' || {column} || '{SEP}') LIKE ?")
            params.append(f"%{SEP}{code}{SEP}%")
    if event_type:
        where.append("event = ?")
        params.append(event_type)
    if since:
        where.append("date >= ?")
        params.append(since)
    if until:
        where.append("date <= ?")
        params.append(until)
    return (" AND ".join(where), params)


def timeline(backend: Backend, by: str = "day", **filters) -> list[dict]:
    """Per period: story events and summed PLOVER score (event_scale), cooperation vs conflict.

    Stories without a quad code count in `events` only.
    """
    where, params = story_filters(**filters)
    coop, conf = ", ".join(map(str, COOPERATION)), ", ".join(map(str, CONFLICT))
    sql = (
        f"SELECT {PERIODS[by]} AS period, COUNT(*),"
        f" SUM(CASE WHEN quad_code IN ({coop}) THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN quad_code IN ({coop}) THEN COALESCE(event_scale, 0) ELSE 0 END),"
        f" SUM(CASE WHEN quad_code IN ({conf}) THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN quad_code IN ({conf}) THEN COALESCE(event_scale, 0) ELSE 0 END),"
        " SUM(num_mentions)"
        f" FROM stories WHERE date IS NOT NULL{' AND ' + where if where else ''}"
        " GROUP BY 1 ORDER BY 1"
    )
    return [
        {"period": period, "events": int(n), "cooperation_events": int(coop_n),
         "cooperation_score": round(float(coop_s), 3), "conflict_events": int(conf_n),
         "conflict_score": round(float(conf_s), 3), "mentions": int(mentions or 0)}
        for period, n, coop_n, coop_s, conf_n, conf_s, mentions in backend.fetchall(sql, params)
    ]


def summary(backend: Backend, top: int = 10) -> dict:
    """Date range of the story events, their types, and the codes seen most as actor / recipient."""
    first, last, undated = backend.fetchall(
        "SELECT MIN(date), MAX(date), SUM(CASE WHEN date IS NULL THEN 1 ELSE 0 END) FROM stories")[0]
    types = backend.fetchall("SELECT event, COUNT(*) FROM stories GROUP BY event ORDER BY 2 DESC, 1")
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
        "top_actors": ranked(actors, top),
        "top_recipients": ranked(recipients, top),
        "codes": [row["code"] for row in ranked(actors + recipients, 500)],
    }


STORY_DETAIL = (*STORY_COLUMNS, "cameo", "last_date", "loc_country")

_EVIDENCE = ("article_id", "event_id", "doc_id", "title", "published", "outlet", "url", "date", "date_precision",
             "text", "span_start", "span_end", "event_text", "event_start", "event_end", "attribution_source",
             "attribution_status", "attribution_hedges", "auxiliary", "negated", "mode", "loc_name", "fatalities",
             "fatalities_qualifier", "confidence", "quad_code", "event_scale")


def story(backend: Backend, story_id: str) -> dict | None:
    rows = backend.fetchall(f"SELECT {', '.join(STORY_DETAIL)} FROM stories WHERE story_id = ?", (story_id,))
    return dict(zip(STORY_DETAIL, rows[0])) if rows else None


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
    parties: dict[tuple[str, str], list[tuple]] = {}
    for row in backend.fetchall(
        "SELECT p.article_id, p.event_id, p.role, p.seq, p.text, p.name, p.code, p.sector, p.start_char, p.end_char"
        " FROM story_mentions s JOIN event_actors p ON p.article_id = s.article_id AND p.event_id = s.event_id"
        " WHERE s.story_id = ? ORDER BY p.article_id, p.event_id, p.role, p.seq",
        (story_id,),
    ):
        parties.setdefault((row[0], row[1]), []).append(row[2:])
    return [_mention(dict(zip(_EVIDENCE, row)), parties.get((row[0], row[1]), [])) for row in rows]


def _relative(start, end, sentence_start: int, sentence_end: int) -> tuple[int, int] | None:
    if start is None or end is None or start < sentence_start or end > sentence_end or start >= end:
        return None
    return (start - sentence_start, end - sentence_start)


def _mention(r: dict, parties: list[tuple]) -> dict:
    s0, s1 = r["span_start"], r["span_end"]
    trigger = _relative(r["event_start"], r["event_end"], s0, s1)
    return {
        "article_id": r["article_id"], "event_id": r["event_id"], "doc_id": r["doc_id"], "title": r["title"],
        "published": r["published"], "outlet": r["outlet"], "url": r["url"],
        "date": r["date"], "date_precision": r["date_precision"],
        "sentence": r["text"], "sentence_span": [s0, s1],
        "trigger": {"text": r["event_text"], "start": trigger[0] if trigger else None,
                    "end": trigger[1] if trigger else None},
        "parties": [
            {"role": role, "text": text, "name": name, "code": code, "sector": _split(sector),
             "start": rel[0] if rel else None, "end": rel[1] if rel else None}
            for role, _seq, text, name, code, sector, start, end in parties
            for rel in [_relative(start, end, s0, s1)]
        ],
        "attribution": {"source": r["attribution_source"], "status": r["attribution_status"],
                        "hedges": _split(r["attribution_hedges"])},
        "auxiliary": normalise_auxiliary(_split(r["auxiliary"])), "negated": bool(r["negated"]), "mode": _split(r["mode"]),
        "place": r["loc_name"],
        "fatalities": ({"number": r["fatalities"], "qualifier": r["fatalities_qualifier"]}
                       if r["fatalities"] is not None else None),
        "confidence": r["confidence"], "quad_code": r["quad_code"], "event_scale": r["event_scale"],
    }
