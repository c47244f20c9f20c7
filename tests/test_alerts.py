"""Alert rules over stored story events: escalation z-scores, first contact, replay, rule files, CLI.

Most tests write invented story rows straight into the tables the rules read (stories, their
actors and mentions), so each series is exactly the one the test describes.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from tocsin.alerts import table
from tocsin.alerts.evaluate import evaluate
from tocsin.alerts.rules import Escalation, FirstContact, load_rules
from tocsin.cli import main
from tocsin.store import open_store

ROOT = Path(__file__).resolve().parent.parent
START = date(2026, 1, 1)


def add_stories(store, stories: list[tuple[int, str, str, float]]) -> None:
    """(day offset from START, actor code, recipient code, PLOVER score) -> one story of one mention."""
    rows, actors, mentions = [], [], []
    first = store.backend.fetchall("SELECT COUNT(*) FROM stories")[0][0]
    for n, (offset, actor, recipient, scale) in enumerate(stories, start=first):
        story, article, event = f"s{n}", f"a{n}", f"a{n}-e1"
        day = (START + timedelta(days=offset)).isoformat()
        rows.append((story, "ASSAULT" if scale < -8 else "ACCUSE", scale, actor, recipient, day, 1, 1, 1, article,
                     event))
        actors += [(article, event, "actor", 0, actor, actor), (article, event, "recipient", 0, recipient, recipient)]
        mentions.append((story, article, event))
    store.backend.insert("stories", ("story_id", "event", "event_scale", "actor_codes", "recipient_codes", "date",
                                     "num_mentions", "num_sources", "num_articles", "first_article_id",
                                     "first_event_id"), rows)
    store.backend.insert("event_actors", ("article_id", "event_id", "role", "seq", "text", "code"), actors)
    store.backend.insert("story_mentions", ("story_id", "article_id", "event_id"), mentions)


ESCALATION = Escalation(name="escalation", kind="escalation", window_days=7, baseline_days=60, min_z=3.0,
                        min_count=3, sd_floor=1.0)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "alerts.duckdb") as store:
        yield store


def test_a_burst_over_a_quiet_baseline_fires_one_escalation(store):
    quiet = [(day, "ARM", "AZE", -2.0) for day in range(0, 90, 10)]
    burst = [(day, "AZE", "ARM", -9.5) for day in (92, 93, 94, 95, 96)]
    add_stories(store, quiet + burst)
    alerts = evaluate(store.backend, [ESCALATION])
    assert [(a.actor, a.recipient, a.day) for a in alerts] == [("ARM", "AZE", "2026-04-05")]  # day 94: third event
    assert [e["story_id"] for e in alerts[0].evidence] == ["s9", "s10", "s11"]  # the window, not the baseline
    assert "z " in alerts[0].summary and "3 story events" in alerts[0].summary


def test_a_steadily_violent_dyad_is_no_escalation_until_it_surges(store):
    steady = [(day, "ARM", "AZE", -9.5) for day in range(0, 120, 2)]  # an assault every other day, for months
    add_stories(store, steady)
    once_known = "2026-03-15"  # from here on the dyad has a full baseline of its own
    assert evaluate(store.backend, [ESCALATION], since=once_known) == []
    add_stories(store, [(day, "ARM", "AZE", -9.5) for day in range(121, 128) for _ in range(3)])
    surge = evaluate(store.backend, [ESCALATION], since=once_known)
    assert len(surge) == 1 and "2026-05-02" <= surge[0].day <= "2026-05-08"


def test_min_count_and_countries_limit_escalation(store):
    add_stories(store, [(50, "ARM", "AZE", -10.0), (51, "ARM", "AZE", -10.0), (52, "GEO", "RUS", -10.0),
                        (53, "GEO", "RUS", -10.0), (54, "GEO", "RUS", -10.0)])
    assert [a.actor for a in evaluate(store.backend, [ESCALATION])] == ["GEO"]  # ARM-AZE: 2 events < min_count
    only = ESCALATION.model_copy(update={"countries": ["ARM", "AZE"], "min_count": 2, "min_z": 2.0})
    assert [a.actor for a in evaluate(store.backend, [only])] == ["ARM"]


def test_alerts_are_raised_once_and_replay_tells_when(store):
    add_stories(store, [(day, "AZE", "ARM", -9.5) for day in (10, 11, 12, 80, 81, 82)])
    rules = [ESCALATION, FirstContact(name="first", kind="first-contact", actors=["ARM", "AZE"])]
    found = evaluate(store.backend, rules)
    assert [(a.rule, a.day) for a in found] == [("first", "2026-01-11"), ("escalation", "2026-01-13"),
                                                ("escalation", "2026-03-24")]
    assert [a.day for a in evaluate(store.backend, rules, since="2026-02-01")] == ["2026-03-24"]
    assert len(table.raise_new(store.backend, found)) == 3
    assert table.raise_new(store.backend, evaluate(store.backend, rules)) == []
    assert evaluate(store.backend, rules, fired=table.fired(store.backend)) == []
    # Late news inside an episode already raised is the same episode, not a new alert.
    add_stories(store, [(83, "AZE", "ARM", -9.5)])
    assert evaluate(store.backend, rules, fired=table.fired(store.backend)) == []
    listed = table.stored(store.backend)
    assert [(r["rule"], r["day"], r["actor"], r["recipient"]) for r in listed] == [
        ("first", "2026-01-11", "AZE", "ARM"), ("escalation", "2026-01-13", "ARM", "AZE"),
        ("escalation", "2026-03-24", "ARM", "AZE")]
    assert all(r["fired_at"] and r["evidence"] for r in listed)


def test_first_contact_names_who_acted_on_whom(store):
    add_stories(store, [(5, "TUR", "GRC", -9.5), (9, "GRC", "TUR", -2.0), (7, "ARM", "AZE", -2.0)])
    alerts = evaluate(store.backend, [FirstContact(name="first", kind="first-contact")])
    assert [(a.day, a.actor, a.recipient) for a in alerts] == [("2026-01-06", "TUR", "GRC"),
                                                               ("2026-01-08", "ARM", "AZE")]
    assert alerts[0].summary == "first event between TUR and GRC: ASSAULT"


def test_events_that_did_not_happen_raise_no_first_contact(tmp_path):
    from test_store import PROV, _unreal_corpus

    with open_store(tmp_path / "unreal.duckdb") as s:
        s.write(_unreal_corpus(), [], PROV)
        s.rebuild_stories()
        alerts = evaluate(s.backend, [FirstContact(name="first", kind="first-contact", actors=["USA", "VEN"])])
    # the talks, not the denied, hypothetical or ruled-out strikes of the same and the next day
    assert [(a.day, a.actor, a.recipient, a.summary) for a in alerts] == [
        ("2025-12-09", "VEN", "USA", "first event between VEN and USA: CONSULT")]


def test_user_rules_replace_extend_and_disable_the_shipped_ones(tmp_path):
    shipped = {r.name for r in load_rules()}
    assert {"escalation", "deadly-assault", "first-contact", "contested"} <= shipped
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "rules:\n"
        "  - {name: escalation, kind: escalation, min_z: 5, countries: [ven, col]}\n"
        "  - {name: contested, kind: contested, enabled: false}\n"
        "  - {name: arrests, kind: event, event: [COERCE], mode: [arrest], involving: [VEN]}\n", encoding="utf-8")
    rules = {r.name: r for r in load_rules([mine])}
    assert "contested" not in rules and rules["arrests"].mode == ["arrest"]
    assert (rules["escalation"].min_z, rules["escalation"].countries) == (5.0, ["COL", "VEN"])


def test_a_bad_rules_file_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - {name: x, kind: escalation, window_days: 0}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["alerts", "--db", str(tmp_path / "alerts.duckdb"), "--replay",
                                       "--rules", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip() == (f"tocsin: error: {bad}: rules.0.escalation.window_days:"
                                     " Input should be greater than or equal to 1")


def test_an_unknown_rule_is_one_line_listing_the_rules(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("rules:\n  - {name: arrests, kind: event, event: [COERCE], mode: [arrest]}\n", encoding="utf-8")
    db = str(tmp_path / "alerts.duckdb")
    open_store(db).close()
    for args in ([], ["--replay"]):
        result = CliRunner().invoke(main, ["alerts", "--db", db, "--rule", "arrest", "--rules", str(mine), *args])
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.strip() == ("tocsin: error: --rule 'arrest' is not a rule; the rules are: arrests,"
                                         " contested, deadly-assault, escalation, first-contact")
    for args, said in (([], "no alert is stored"), (["--replay"], "the rules raise no alert")):
        result = CliRunner().invoke(main, ["alerts", "--db", db, "--rule", "arrests", "--rules", str(mine), *args])
        assert result.exit_code == 0 and result.stdout == "" and said in result.stderr  # an empty store says so


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    runner = CliRunner()
    for args in (["examples/border_standoff.txt", "--published", "2026-03-09"], ["examples/wire_stories.jsonl"]):
        result = runner.invoke(main, ["ingest", *[str(ROOT / a) if a.startswith("examples") else a for a in args],
                                      "--db", str(db), "--quiet"])
        assert result.exit_code == 0, result.output
    return db


def test_replay_over_the_bundled_examples_prints_alerts_with_evidence(examples_db):
    result = CliRunner().invoke(main, ["alerts", "--db", str(examples_db), "--replay", "--since", "2026-03-01"])
    assert result.exit_code == 0, result.output
    alerts = [json.loads(line) for line in result.output.splitlines()]
    assert {"escalation", "event", "first-contact", "contested"} <= {a["kind"] for a in alerts}
    days = [a["day"] for a in alerts]
    assert days == sorted(days) and all(d >= "2026-03-01" for d in days)
    with open_store(examples_db) as store:
        known = set(store.backend.fetchall("SELECT article_id, event_id FROM events"))
        stories = {r[0] for r in store.backend.fetchall("SELECT story_id FROM stories")}
    for alert in alerts:
        assert alert["evidence"] and alert["summary"]
        assert all((e["article_id"], e["event_id"]) in known and e["story_id"] in stories for e in alert["evidence"])
    escalation = next(a for a in alerts if a["kind"] == "escalation")
    assert (escalation["actor"], escalation["recipient"]) == ("COL", "VEN")
    # a toll is told as the text told it ("killing at least nine civilians")
    assert any(", at least 9 killed (" in a["summary"] for a in alerts if a["rule"] == "deadly-assault")

    # A replay stores nothing; listing shows what watch raised.
    listed = CliRunner().invoke(main, ["alerts", "--db", str(examples_db)])
    assert listed.exit_code == 0 and listed.stdout == "" and "no alert is stored" in listed.stderr
    # --since starts the replay on that day: the days before it print nothing.
    later = CliRunner().invoke(main, ["alerts", "--db", str(examples_db), "--replay", "--since", days[-1]])
    assert {json.loads(line)["day"] for line in later.output.splitlines()} == {days[-1]}
    assert days[0] < days[-1]
