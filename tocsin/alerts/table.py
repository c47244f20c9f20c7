"""The `alerts` table: raise new alerts once, list the stored ones."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timezone

from tocsin.alerts.evaluate import EPOCH, Alert, Fired
from tocsin.store.backends import Backend

COLUMNS = ("alert_id", "rule", "kind", "fired_at", "day", "actor", "recipient", "summary", "evidence")


def fired(backend: Backend) -> Fired:
    """What is stored already, for `evaluate` to leave out."""
    result = Fired()
    for alert_id, rule, kind, day, actor, recipient in backend.fetchall(
            "SELECT alert_id, rule, kind, day, actor, recipient FROM alerts"):
        result.ids.add(alert_id)
        if kind == "escalation":
            result.escalations.setdefault((rule, actor, recipient), []).append((_as_date(day) - EPOCH).days)
    return result


def raise_new(backend: Backend, alerts: list[Alert], *, deliver_to: Iterable[str] = ()) -> list[Alert]:
    """Store the alerts not stored yet (one transaction); return them, stamped with the time.
    Each new alert is owed to every target of `deliver_to` (see tocsin.alerts.delivery)."""
    targets = list(deliver_to)
    if not alerts:
        return []
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    backend.begin()
    try:
        ids = [a.alert_id for a in alerts]
        present = {r[0] for r in backend.fetchall(
            f"SELECT alert_id FROM alerts WHERE alert_id IN ({', '.join('?' * len(ids))})", ids)}
        new = [a for a in dict((a.alert_id, a) for a in alerts).values() if a.alert_id not in present]
        for alert in new:
            alert.fired_at = now
            backend.execute(
                f"INSERT INTO alerts ({', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, CAST(? AS DATE), ?, ?, ?, ?)",
                (alert.alert_id, alert.rule, alert.kind, now, alert.day, alert.actor, alert.recipient,
                 alert.summary, json.dumps(alert.evidence)))
            for target in targets:
                backend.execute("INSERT INTO alert_deliveries (alert_id, target) VALUES (?, ?)",
                                (alert.alert_id, target))
        backend.commit()
    except BaseException:
        backend.rollback()
        raise
    return new


def stored(backend: Backend, *, since: str | None = None, rule: str | None = None,
           owed_to: str | None = None) -> list[dict]:
    """Stored alerts, by day then time raised; with `owed_to`, those that target has not taken."""
    where, params = [], []
    if owed_to:
        where.append("alert_id IN (SELECT alert_id FROM alert_deliveries WHERE target = ? AND delivered_at IS NULL)")
        params.append(owed_to)
    if since:
        where.append("day >= CAST(? AS DATE)")
        params.append(since)
    if rule:
        where.append("rule = ?")
        params.append(rule)
    rows = backend.fetchall(
        f"SELECT {', '.join(COLUMNS)} FROM alerts{' WHERE ' + ' AND '.join(where) if where else ''}"
        " ORDER BY day, fired_at, alert_id", params)
    out = []
    for row in rows:
        record = dict(zip(COLUMNS, row))
        record["fired_at"] = record["fired_at"].isoformat(timespec="seconds") if record["fired_at"] else None
        record["day"] = _as_date(record["day"]).isoformat() if record["day"] else None
        record["evidence"] = json.loads(record["evidence"]) if record["evidence"] else []
        out.append(record)
    return out


def mark_delivered(backend: Backend, target: str, alert_ids: list[str]) -> None:
    if not alert_ids:
        return
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    backend.begin()
    try:
        backend.execute(f"UPDATE alert_deliveries SET delivered_at = ? WHERE target = ?"
                        f" AND alert_id IN ({', '.join('?' * len(alert_ids))})", (now, target, *alert_ids))
        backend.commit()
    except BaseException:
        backend.rollback()
        raise


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
