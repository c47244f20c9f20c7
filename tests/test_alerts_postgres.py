"""The alert rules give the same alerts on PostgreSQL as on DuckDB (skipped without the server binaries)."""

from __future__ import annotations

import json

from test_alerts import add_stories
from test_postgres import duck, pg, pg_url  # noqa: F401 (fixtures)
from test_store import load
from tocsin.alerts import table
from tocsin.alerts.evaluate import evaluate
from tocsin.alerts.rules import EventRule, load_rules


def test_alert_rules_answer_the_same_on_both_engines(pg, duck):  # noqa: F811
    rules = load_rules() + [EventRule(name="strikes", kind="event", event=["ASSAULT"], mode=["drone"],
                                      involving=["USA"])]
    for store in (pg, duck):
        load(store)
        add_stories(store, [(day, "AZE", "ARM", -9.5) for day in (10, 11, 12, 80, 81, 82)])
    found = {name: [a.record() for a in evaluate(store.backend, rules)] for name, store in (("pg", pg), ("duck", duck))}
    assert found["pg"] == found["duck"]
    assert {"escalation", "event", "first-contact"} <= {a["kind"] for a in found["pg"]}
    assert any(a["rule"] == "strikes" for a in found["pg"])
    raised = table.raise_new(pg.backend, evaluate(pg.backend, rules))
    assert len(raised) == len(found["pg"])
    assert evaluate(pg.backend, rules, fired=table.fired(pg.backend)) == []
    listed = table.stored(pg.backend)
    assert sorted(r["alert_id"] for r in listed) == sorted(a["alert_id"] for a in found["pg"])
    assert [r["evidence"] for r in listed if r["alert_id"] == raised[0].alert_id] == [raised[0].evidence]


def test_watch_remembers_its_sources_and_items_on_postgresql(pg, tmp_path):  # noqa: F811
    from tocsin.watch.cycle import Watcher
    from tocsin.watch.sources import load_sources

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "raid.jsonl").write_text(json.dumps({
        "id": "raid", "published": "2026-03-04",
        "text": "Bolivian troops killed three Paraguayan soldiers in an attack on an army patrol near Fuerte"
                " Olimpo, the Paraguayan defence ministry said."}) + "\n", encoding="utf-8")
    spec = tmp_path / "sources.yaml"
    spec.write_text("sources:\n  - {name: inbox, folder: drop, interval: 0, settle: 0}\n", encoding="utf-8")
    watcher = Watcher(load_sources(spec), pg, load_rules())
    first = watcher.cycle()
    assert (first.new_items, first.added) == (1, 1) and first.alerts >= 1
    assert Watcher(load_sources(spec), pg, load_rules()).cycle().new_items == 0  # restarted: seen in the store
    assert pg.backend.fetchall("SELECT name, failures FROM watch_sources") == [("inbox", 0)]
    kinds = {r[0] for r in pg.backend.fetchall("SELECT kind FROM alerts")}
    assert "event" in kinds
