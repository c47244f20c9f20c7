"""CSV exports are safe to open in a spreadsheet: text cells that start like a formula get a
leading quote, numbers stay numbers, and JSON Lines and --raw-csv keep the exact text."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.export.csvsafe import safe_cell
from tocsin.store import open_store

from test_store import load

FORMULAS = ["=HYPERLINK(\"http://example.invalid\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_text_cell_starting_like_a_formula_is_quoted(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-7.5, 3, None, "-7.5", "+2", "Troops shelled the port", "2025-12-01",
                                   "A = B", ""])
def test_numbers_and_ordinary_text_are_untouched(value):
    assert safe_cell(value) == value


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with open_store(path) as s:
        load(s)
        # a headline-like sentence and an outlet name that a spreadsheet would run
        s.backend.execute("UPDATE events SET text = ?, event_scale = -7.5 WHERE event_id = 'ev1'",
                          ("=cmd|' /C calc'!A0 strikes",))
        s.backend.execute("UPDATE articles SET outlet = ?", ("@Wire Service",))
        s.backend.execute("UPDATE stories SET event_text = ?", ("-shelled the port",))
    return str(path)


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_csv_quotes_formula_text_and_keeps_scores_numeric(db):
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv"))))
    assert rows and all(r["outlet"] == "'@Wire Service" for r in rows)
    assert "'=cmd|' /C calc'!A0 strikes" in {r["text"] for r in rows}
    scales = {r["text"]: r["event_scale"] for r in rows}
    assert scales["'=cmd|' /C calc'!A0 strikes"] == "-7.5"  # a negative score stays a number


def test_stories_csv_quotes_formula_text(db):
    rows = list(csv.DictReader(io.StringIO(run("stories", "--db", db, "--format", "csv"))))
    assert rows and all(r["event_text"] == "'-shelled the port" for r in rows)


def test_raw_csv_and_jsonl_keep_the_exact_text(db):
    raw = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv", "--raw-csv"))))
    assert all(r["outlet"] == "@Wire Service" for r in raw)
    assert "=cmd|' /C calc'!A0 strikes" in {r["text"] for r in raw}
    lines = [json.loads(line) for line in run("events", "--db", db, "--format", "jsonl").splitlines()]
    assert all(r["outlet"] == "@Wire Service" for r in lines)
    stories = list(csv.DictReader(io.StringIO(run("stories", "--db", db, "--format", "csv", "--raw-csv"))))
    assert all(r["event_text"] == "-shelled the port" for r in stories)


def test_dashboard_csv_equals_the_cli_csv(db):
    from tocsin.web.api import API
    from tocsin.web.readers import SharedReader

    with open_store(db, create=False) as store:
        api = API(SharedReader(store.backend))
        safe = api.handle("/api/export", "format=csv")[1].body.decode("utf-8")
        raw = api.handle("/api/export", "format=csv&raw=1")[1].body.decode("utf-8")
    assert safe == run("events", "--db", db, "--format", "csv")
    assert raw == run("events", "--db", db, "--format", "csv", "--raw-csv")
