"""Evaluate the alert rules over the stored history, in SQL that DuckDB and PostgreSQL both run.

Every alert carries the day it fires: the last day of an escalation window, the day of the
matched events, the first day of a dyad. An alert uses only what is dated on or before its day,
so evaluating all of history at once tells, day by day, when each alert would have fired (the
replay), and a live run raises what is new. An alert's id hashes its rule, dyad, day and
evidence key, so it is raised once however often the rules run.

Escalation, first contact: story events (one per reported event that happened, not per mention),
dyads read from the actor and recipient codes of a story's first mention, both directions
together; a first-contact alert names the actor and recipient of that first event.
Event, contested: event mentions, one alert per rule, day, event type and dyad.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tocsin.alerts.rules import Contested, Escalation, EventRule, FirstContact, Rule
from tocsin.speech.refs import UNNAMED
from tocsin.store.backends import Backend
from tocsin.store.queries import happened
from tocsin.store.rows import SEP

EPOCH = date(1970, 1, 1)
MAX_EVIDENCE = 50  # (story, article, event) triples kept with one alert
_DAY_NUMBER = "CAST(s.date AS DATE) - DATE '1970-01-01'"


@dataclass
class Alert:
    alert_id: str
    rule: str
    kind: str
    day: str
    actor: str | None
    recipient: str | None
    summary: str
    evidence: list[dict]
    fired_at: datetime | None = None

    def record(self) -> dict:
        return {"alert_id": self.alert_id, "rule": self.rule, "kind": self.kind,
                "fired_at": self.fired_at.isoformat(timespec="seconds") if self.fired_at else None,
                "day": self.day, "actor": self.actor, "recipient": self.recipient, "summary": self.summary,
                "evidence": self.evidence}


@dataclass
class Fired:
    """Alerts already raised: their ids, and the days of each escalation rule and dyad."""

    ids: set[str] = field(default_factory=set)
    escalations: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)


def alert_id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:32]


def day_of(number: int) -> str:
    return (EPOCH + timedelta(days=int(number))).isoformat()


def evaluate(backend: Backend, rules: Iterable[Rule], *, since: str | None = None,
             fired: Fired | None = None) -> list[Alert]:
    """The alerts of `rules` not in `fired`, from day `since` on, by day."""
    fired = fired or Fired()
    alerts: list[Alert] = []
    for rule in rules:
        if isinstance(rule, Escalation):
            alerts += _escalations(backend, rule, fired)
        elif isinstance(rule, FirstContact):
            alerts += _first_contacts(backend, rule)
        elif isinstance(rule, EventRule):
            alerts += _mention_alerts(backend, rule, *_event_filter(rule))
        elif isinstance(rule, Contested):
            alerts += _contested(backend, rule)
    alerts = [a for a in alerts if a.alert_id not in fired.ids and (since is None or a.day >= since)]
    return sorted(alerts, key=lambda a: (a.day, a.rule, a.actor or "", a.recipient or "", a.alert_id))


# -- story dyads ------------------------------------------------------------------------------

def _dyads(codes: list[str], conflict_only: bool, directed: bool = False) -> tuple[str, list]:
    """SQL of (story_id, n = day number, x, y = the dyad's codes in order, scale, event), and with
    `directed` the story's own actor and recipient codes (who acted on whom) after them."""
    where = ["s.date IS NOT NULL", "a.code IS NOT NULL", "r.code IS NOT NULL", "a.code <> r.code"]
    params: list = []
    if conflict_only:
        where.append("s.event_scale < 0")
    if codes:
        marks = ", ".join("?" * len(codes))
        where.append(f"a.code IN ({marks}) AND r.code IN ({marks})")
        params += codes + codes
    sql = (f"SELECT DISTINCT s.story_id, {_DAY_NUMBER} AS n, LEAST(a.code, r.code) AS x,"
           " GREATEST(a.code, r.code) AS y, s.event_scale AS scale, s.event"
           f"{', a.code AS actor, r.code AS recipient' if directed else ''}"
           " FROM stories s"
           " JOIN event_actors a ON a.article_id = s.first_article_id AND a.event_id = s.first_event_id"
           " AND a.role = 'actor'"
           " JOIN event_actors r ON r.article_id = s.first_article_id AND r.event_id = s.first_event_id"
           " AND r.role = 'recipient'"
           f" WHERE {' AND '.join(where)}")
    return sql, params


def _escalations(backend: Backend, rule: Escalation, fired: Fired) -> list[Alert]:
    w, b = rule.window_days, rule.baseline_days
    dyads, params = _dyads(rule.countries, conflict_only=True)
    recent = f"PARTITION BY x, y ORDER BY n RANGE BETWEEN {w - 1} PRECEDING AND CURRENT ROW"
    base = f"PARTITION BY x, y ORDER BY n RANGE BETWEEN {w + b - 1} PRECEDING AND {w} PRECEDING"
    # Days without events count as zero: sums over the window divided by its length in days.
    sql = (
        f"WITH d AS ({dyads}),"
        " daily AS (SELECT x, y, n, SUM(-scale) AS score, COUNT(*) AS stories FROM d GROUP BY x, y, n),"
        f" w AS (SELECT x, y, n, SUM(score) OVER ({recent}) AS recent, SUM(stories) OVER ({recent}) AS count,"
        f" COALESCE(SUM(score) OVER ({base}), 0) / {b}.0 AS mean,"
        f" COALESCE(SUM(score * score) OVER ({base}), 0) / {b}.0 AS mean_sq FROM daily),"
        f" z AS (SELECT x, y, n, recent, count, mean,"
        f" (recent / {w}.0 - mean) / GREATEST(SQRT(GREATEST(mean_sq - mean * mean, 0)), ?) AS z FROM w)"
        " SELECT x, y, n, recent, count, mean, z FROM z WHERE count >= ? AND z >= ? ORDER BY x, y, n"
    )
    rows = backend.fetchall(sql, params + [rule.sd_floor, rule.min_count, rule.min_z])
    chosen = []
    for x, y, n, score, count, mean, z in rows:
        days = fired.escalations.setdefault((rule.name, x, y), [])
        if any(abs(n - d) < w for d in days):  # one alert per window: an escalation is one episode
            continue
        days.append(n)
        chosen.append((x, y, n, score, count, mean, z))
    evidence = _window_evidence(backend, rule, [(x, y, n) for x, y, n, *_ in chosen])
    alerts = []
    for x, y, n, score, count, mean, z in chosen:
        summary = (f"{x}-{y} escalation: conflict score {float(score):.1f} over {w} days from {int(count)} story"
                   f" events, against {float(mean) * w:.1f} usual for {w} days (z {float(z):.1f})")
        alerts.append(Alert(alert_id(rule.name, rule.kind, x, y, day_of(n)), rule.name, rule.kind, day_of(n),
                            x, y, summary, evidence.get((x, y, n), [])))
    return alerts


def _window_evidence(backend: Backend, rule: Escalation, windows: list[tuple[str, str, int]],
                     chunk: int = 300) -> dict[tuple, list[dict]]:
    """The story events and mentions inside each (x, y, last day) window, a few queries for all."""
    dyads, params = _dyads(rule.countries, conflict_only=True)
    found: dict[tuple, list[dict]] = {}
    for i in range(0, len(windows), chunk):
        part = windows[i : i + chunk]
        values = ", ".join(["(?, ?, ?)"] * len(part))
        rows = backend.fetchall(
            f"SELECT f.x, f.y, f.n, d.story_id, m.article_id, m.event_id FROM ({dyads}) d"
            f" JOIN (VALUES {values}) AS f (x, y, n) ON d.x = f.x AND d.y = f.y"
            f" AND d.n BETWEEN f.n - {rule.window_days - 1} AND f.n"
            " JOIN story_mentions m ON m.story_id = d.story_id"
            " ORDER BY f.x, f.y, f.n, d.n, d.story_id, m.article_id, m.event_id",
            params + [v for window in part for v in window])
        for x, y, n, story_id, article_id, event_id in rows:
            triples = found.setdefault((x, y, n), [])
            if len(triples) < MAX_EVIDENCE:
                triples.append(_triple(story_id, article_id, event_id))
    return found


def _first_contacts(backend: Backend, rule: FirstContact) -> list[Alert]:
    dyads, params = _dyads(rule.actors, conflict_only=False, directed=True)
    rows = backend.fetchall(
        f"WITH d AS ({dyads}), f AS (SELECT x, y, MIN(n) AS n FROM d GROUP BY x, y)"
        " SELECT f.x, f.y, f.n, d.event, d.actor, d.recipient, d.story_id, m.article_id, m.event_id FROM f"
        " JOIN d ON d.x = f.x AND d.y = f.y AND d.n = f.n JOIN story_mentions m ON m.story_id = d.story_id"
        " ORDER BY f.x, f.y, d.story_id, m.article_id, m.event_id", params)
    groups: dict[tuple, list] = {}
    for x, y, n, event, actor, recipient, story_id, article_id, event_id in rows:
        groups.setdefault((x, y, n), []).append((event, (actor, recipient), _triple(story_id, article_id, event_id)))
    alerts = []
    for (x, y, n), found in groups.items():
        types = ", ".join(sorted({event for event, _, _ in found}))
        # The alert names who acted on whom in the first event, not the dyad's codes in
        # alphabetical order (of several events that day, the first by article and event id).
        _, (actor, recipient), _ = min(found, key=lambda f: (f[2]["article_id"], f[2]["event_id"]))
        summary = f"first event between {actor} and {recipient}: {types}"
        alerts.append(Alert(alert_id(rule.name, rule.kind, x, y), rule.name, rule.kind, day_of(n), actor, recipient,
                            summary, _unique(t for _, _, t in found)))
    return alerts


# -- event mentions ---------------------------------------------------------------------------

def _any_code(column: str, codes: list[str]) -> tuple[str, list]:
    # Codes are stored joined ("USA;VEN"): separators around both sides match whole codes.
    test = f"('{SEP}' || COALESCE({column}, '') || '{SEP}') LIKE ?"
    return "(" + " OR ".join([test] * len(codes)) + ")", [f"%{SEP}{c}{SEP}%" for c in codes]


def _event_filter(rule: EventRule) -> tuple[list[str], list]:
    where, params = [], []
    if rule.event:
        where.append(f"e.event IN ({', '.join('?' * len(rule.event))})")
        params += rule.event
    for column, codes in (("e.actor_codes", rule.actor), ("e.recipient_codes", rule.recipient),
                          ("e.mode", rule.mode)):
        if codes:
            sql, values = _any_code(column, codes)
            where.append(sql)
            params += values
    if rule.involving:
        actor, values = _any_code("e.actor_codes", rule.involving)
        recipient, more = _any_code("e.recipient_codes", rule.involving)
        where.append(f"({actor} OR {recipient})")
        params += values + more
    if rule.min_fatalities:
        where.append("COALESCE(e.fatalities, 0) >= ?")
        params.append(rule.min_fatalities)
    return where, params


def _mention_alerts(backend: Backend, rule: EventRule | Contested, where: list[str], params: list,
                    join: str = "", extra: str = "NULL, NULL") -> list[Alert]:
    where = where + [happened("e.")]
    rows = backend.fetchall(
        "SELECT e.date, e.event, e.actor_codes, e.recipient_codes, m.story_id, e.article_id, e.event_id,"
        f" e.fatalities, e.fatalities_qualifier, e.text, {extra} FROM events e {join}"
        " LEFT JOIN story_mentions m ON m.article_id = e.article_id AND m.event_id = e.event_id"
        f" WHERE e.date IS NOT NULL AND {' AND '.join(where)}"
        " ORDER BY e.date, e.article_id, e.span_start, e.event_id", params)
    groups: dict[tuple, list] = {}
    for day, event, actors, recipients, story_id, article_id, event_id, dead, qualifier, text, said, denied in rows:
        groups.setdefault((day, event, actors, recipients), []).append(
            (_triple(story_id, article_id, event_id), (dead, qualifier) if dead else None, text, said, denied))
    alerts = []
    for (day, event, actors, recipients), found in groups.items():
        evidence = _unique(t for t, *_ in found)
        reports = len({t["article_id"] for t in evidence})
        head = f"{event} {actors or '?'} -> {recipients or '?'}"
        if isinstance(rule, Contested):
            claimed = sorted({"an unnamed source" if said == UNNAMED else said for *_, said, _ in found if said})
            deniers = sorted({ref["name"] for *_, denied in found if denied for ref in json.loads(denied)})
            summary = (f"{head} contested: claimed by {', '.join(claimed) or 'a source'},"
                       f" denied by {', '.join(deniers) or 'another'}")
        else:
            dead = max((d for _, d, *_ in found if d), key=lambda d: d[0], default=None)  # the highest, as told
            summary = head + (f", {_toll(*dead)} killed" if dead else "")
        quote = " ".join(found[0][2].split())
        summary += f" ({reports} report{'s' if reports != 1 else ''}): \"{quote[:160]}\""
        alerts.append(Alert(alert_id(rule.name, rule.kind, day, event, actors, recipients), rule.name, rule.kind,
                            day, actors, recipients, summary, evidence))
    return alerts


def _contested(backend: Backend, rule: Contested) -> list[Alert]:
    where, params = _event_filter(EventRule(name=rule.name, kind="event", involving=rule.involving))
    # The claim the event was read from, and who denied it (the speech stage links them).
    join = ("LEFT JOIN claims c ON c.article_id = e.article_id AND c.denied_by IS NOT NULL"
            " AND c.start_char < e.span_end AND e.span_start < c.end_char")
    return _mention_alerts(backend, rule, ["e.attribution_status = 'denied'", *where], params, join,
                           "e.attribution_source, c.denied_by")


def _triple(story_id, article_id, event_id) -> dict:
    return {"story_id": story_id, "article_id": article_id, "event_id": event_id}


def _unique(triples: Iterable[dict]) -> list[dict]:
    out = list({(t["story_id"], t["article_id"], t["event_id"]): t for t in triples}.values())
    return out[:MAX_EVIDENCE]


def _toll(number: int, qualifier: str | None) -> str:
    """"at least 80", "about 80", "80": the toll as the text gave it."""
    return f"{qualifier} {number}" if qualifier and qualifier != "exact" else str(number)
