"""The query commands on a store: a table shows a capped number of rows and says so, csv and jsonl
stream every row, counts come from SQL, and the Parquet export leaves the connection as it was."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.corpus import commands
from tocsin.export.parquet import write_parquet
from tocsin.store import open_store
from tocsin.store.queries import count, events, iter_rows, stories

from test_store import load


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "corpus.duckdb"
    with open_store(path) as s:
        load(s)
    return str(path)


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_table_output_is_capped_and_says_so(db, monkeypatch):
    monkeypatch.setattr(commands, "TABLE_ROWS", 3)
    result = run("events", "--db", db)
    assert result.exit_code == 0, result.output
    assert "showing the first 3 of 7 events" in result.stderr
    assert result.stdout.count("│ 2025-") == 3
    result = run("stories", "--db", db)
    assert "showing the first 3 of 4 stories" in result.stderr  # the denied shelling makes none
    # an explicit --limit sets the rows shown; the note still says how many match
    result = run("events", "--db", db, "--limit", "5")
    assert result.stdout.count("│ 2025-") == 5
    assert "showing the first 5 of 7 events; a larger --limit shows more" in result.stderr
    result = run("events", "--db", db, "--limit", "7")
    assert result.stdout.count("│ 2025-") == 7 and "showing" not in result.stderr
    # fewer rows than the cap: all shown, nothing said
    result = run("events", "--db", db, "--actor", "VEN")
    assert result.stdout.count("│ 2025-") == 2 and "showing" not in result.stderr


def test_csv_and_jsonl_write_every_row_in_query_order(db, monkeypatch):
    monkeypatch.setattr(commands, "TABLE_ROWS", 3)
    with open_store(db, create=False) as s:
        expected = s.events()
        expected_stories = s.stories(actor="USA")
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv").stdout)))
    assert [r["event_id"] for r in rows] == [r["event_id"] for r in expected] and len(rows) == 7
    lines = run("stories", "--db", db, "--actor", "usa", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == expected_stories
    assert run("events", "--db", db, "--actor", "NOBODY", "--format", "csv").stdout == ""


def test_streamed_queries_and_counts_agree_with_the_lists(db):
    with open_store(db, create=False) as s:
        b = s.backend
        for filters in ({}, {"actor": "usa", "recipient": "VEN"}, {"event_type": "assault", "since": "2025-12-01"}):
            assert list(iter_rows(b, "events", **filters)) == events(b, **filters)
            assert count(b, "events", **filters) == len(events(b, **filters))
            assert list(iter_rows(b, "stories", **filters)) == stories(b, **filters)
            assert count(b, "stories", **filters) == len(stories(b, **filters))
        assert list(iter_rows(b, "events", limit=2)) == events(b)[:2]


def test_parquet_export_leaves_the_connection_settings_as_they_were(db, tmp_path):
    with open_store(db, create=False) as s:
        b = s.backend
        before = b.fetchall("SELECT current_setting('threads'), current_setting('memory_limit')")
        assert write_parquet(b, tmp_path / "pq")["events"] == 7
        assert b.fetchall("SELECT current_setting('threads'), current_setting('memory_limit')") == before
        assert len(s.events()) == 7  # and the connection still answers queries


def test_story_evidence_is_json_lines_by_default_with_its_attribution(db):
    result = run("stories", "--db", db, "--evidence", "--actor", "USA")
    assert result.exit_code == 0, result.output
    stories_ = [json.loads(line) for line in result.stdout.splitlines()]
    assert stories_ and all(story["evidence"] for story in stories_)
    mention = stories_[0]["evidence"][0]
    assert mention["attribution_status"] == "claimed"
    assert mention["attribution_source"] == mention["outlet"]  # the fixture attributes each event to its outlet
    assert mention["attribution_hedges"] == "reportedly"
    result = run("stories", "--db", db, "--evidence", "--format", "csv")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == ("tocsin: error: --evidence is written as JSON Lines;"
                                     " leave out --format csv or use --format jsonl")


def test_tables_show_dates_as_precise_as_the_text_gave_them(db):
    with open_store(db, create=False) as s:
        s.backend.execute("UPDATE events SET date_precision = 'month' WHERE article_id = 'hash-a5'")
        s.backend.execute("UPDATE events SET date_precision = 'publication' WHERE article_id = 'hash-a3'")
    table = run("events", "--db", db).stdout
    assert "│ 2025-12 " in table and "2025-12-08" not in table  # month precision
    assert "2025-11-28 (pub.)" in table  # the article's date, not one the text gave
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", db, "--format", "csv").stdout)))
    assert {(r["date"], r["date_precision"]) for r in rows if r["doc_id"] == "a5"} == {("2025-12-08", "month")}
    assert {r["attribution_source"] for r in rows} == {"Harbour Times", "Daily Ledger", "Coast Wire"}
    stories_table = run("stories", "--db", db, "--actor", "VEN", "--recipient", "USA").stdout
    assert "│ 2025-12 " in stories_table and "2025-11-29" in stories_table


def test_stories_in_csv_and_jsonl_give_the_date_precision_the_table_shows(db):
    # A month-precise story is "2025-12" in the table; csv and jsonl give the day the store keeps
    # and must say it stands for a month, as `events` does, not pass it off as a day.
    with open_store(db, create=False) as s:
        s.backend.execute("UPDATE events SET date_precision = 'month' WHERE article_id = 'hash-a5'")
    table = run("stories", "--db", db, "--actor", "VEN", "--recipient", "USA").stdout
    assert "│ 2025-12 " in table
    rows = list(csv.DictReader(io.StringIO(run("stories", "--db", db, "--format", "csv").stdout)))
    lines = [json.loads(line) for line in run("stories", "--db", db, "--format", "jsonl").stdout.splitlines()]
    assert rows and "date_precision" in rows[0] and all("date_precision" in line for line in lines)
    assert [r["date_precision"] for r in rows] == [line["date_precision"] or "" for line in lines]
    assert [line["date"][:7] for line in lines if line["date_precision"] == "month"] == ["2025-12"]
    assert {line["date_precision"] for line in lines} - {"month"}  # the others keep their own


def test_a_store_another_process_writes_is_one_line_naming_that_process(db, monkeypatch):
    import subprocess
    import sys

    import tocsin.store

    monkeypatch.setattr(tocsin.store, "WAIT_FOR_READERS", 0.2)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
                               " print('held', flush=True); time.sleep(60)", db], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run("events", "--db", db)
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [f"tocsin: error: {db}: locked by another process, PID {holder.pid}"
                                          f" (python -c import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
                                          f" print('h...); wait for it to finish or stop it"]


def test_stories_and_dyad_warn_about_articles_not_grouped_yet(tmp_path):
    from test_store import FAILURES, PROV, corpus

    db = str(tmp_path / "stopped.duckdb")
    with open_store(db) as s:
        s.write(corpus()[:3], FAILURES, PROV)
        s.rebuild_stories()
        s.write(corpus()[3:], [], PROV)  # as an ingest stopped before its story rebuild leaves it
    warning = ("tocsin: warning: 2 stored article(s) are not grouped into stories yet (an ingest stopped before"
               " grouping them); run the same `tocsin ingest` again to group them")
    for args in (["stories"], ["dyad", "USA", "VEN"], ["stories", "--format", "jsonl"]):
        result = run(*args, "--db", db)
        assert result.exit_code == 0 and result.stderr.splitlines() == [warning], result.stderr
    assert run("events", "--db", db).stderr == ""
    with open_store(db) as s:
        s.rebuild_stories()
    assert run("stories", "--db", db).stderr == ""


def test_export_to_stdout_with_a_dash(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "-", "--db", db, "--format", "plover")
    assert result.exit_code == 0, result.output
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == 7
    assert result.stderr.strip() == "tocsin: wrote 7 PLOVER events to stdout"
    assert not (tmp_path / "-").exists()
    result = run("export", "-", "--db", db, "--format", "parquet")
    assert result.exit_code == 2 and "not to stdout" in result.stderr


def _tocsin(*args, stdout=None):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "tocsin", *args], stdout=stdout or subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=120)


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_a_device_is_never_replaced(db):
    import stat
    from pathlib import Path

    with open("/dev/full", "w") as full:
        for args in (["events", "--format", "jsonl"], ["events"], ["stories", "--format", "csv"]):
            result = _tocsin(*args, "--db", db, stdout=full)
            assert result.returncode == 1
            assert result.stderr.splitlines()[-1] == "tocsin: error: cannot write the output: No space left on device"
            assert "Traceback" not in result.stderr
    result = _tocsin("export", "/dev/full", "--db", db, "--format", "gdelt")
    assert result.returncode == 1 and "No space left on device" in result.stderr
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)  # written to, not renamed over


def test_a_closed_pipe_ends_quietly(db):
    import subprocess
    import sys

    command = [sys.executable, "-m", "tocsin", "events", "--db", db, "--format", "jsonl"]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # as `| head -1` does once it has its line: every write finds the pipe closed
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=60) != 0 and "Traceback" not in err


def test_a_new_store_gets_its_folder(tmp_path):
    target = tmp_path / "out" / "news.duckdb"
    with open_store(target) as s:
        assert s.counts()["articles"] == 0
    assert target.is_file()


def test_a_code_in_no_event_gets_a_note_naming_the_code_meant(db):
    result = run("events", "--db", db, "--actor", "Venezuela", "--format", "csv")
    assert result.exit_code == 0 and result.stdout == ""
    # the fixture's actors are named by their code: a country's name is looked up
    assert result.stderr.splitlines() == ["tocsin: note: no stored event has the code 'VENEZUELA' (--actor);"
                                          " 'Venezuela' is coded VEN"]
    result = run("dyad", "USA", "XQZ", "--db", db)
    assert result.stderr.splitlines() == ["tocsin: note: no stored event has the code 'XQZ' (dyad B)"]
    # a dyad side named as one coded country is read as its code
    by_code, by_name = run("dyad", "USA", "VEN", "--db", db, "--format", "csv"), run(
        "dyad", "USA", "Venezuela", "--db", db, "--format", "csv")
    assert by_name.stdout == by_code.stdout and by_code.stdout.count("\n") > 1
    assert by_name.stderr.splitlines() == ["tocsin: note: reading 'Venezuela' as VEN"]
    assert run("stories", "--db", db, "--actor", "usa", "--recipient", "VEN").stderr == ""


def test_an_empty_table_says_why_and_a_misspelt_type_is_refused(db, tmp_path):
    result = run("events", "--db", db, "--since", "2031-01-01")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == ["tocsin: no events match these filters; the store holds 5 article(s),"
                                          " 7 event mention(s), 4 story event(s) and 1 failed input(s)"]
    empty = str(tmp_path / "empty.duckdb")
    open_store(empty).close()
    assert run("stories", "--db", empty).stderr.splitlines() == [
        "tocsin: no story events; the store holds 0 article(s), 0 event mention(s), 0 story event(s)"]
    result = run("events", "--db", db, "--type", "ASSUALT")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("tocsin: error: --type 'ASSUALT' is not a PLOVER event type; the types are:"
                                    " ACCUSE, AGREE, AID, ASSAULT,")
    assert len(run("events", "--db", db, "--type", "assault", "--format", "csv").stdout.splitlines()) == 6


@pytest.mark.parametrize("command", ["events", "stories"])
def test_a_day_range_that_ends_before_it_starts_is_refused(db, command):
    result = run(command, "--db", db, "--since", "2025-12-31", "--until", "2025-01-01")
    assert result.exit_code == 2
    assert result.stderr.strip() == "tocsin: error: --since 2025-12-31 is after --until 2025-01-01: no day is in between"
    assert run(command, "--db", db, "--since", "2025-01-01", "--until", "2025-01-01").exit_code == 0


def test_an_older_plover_type_names_the_types_it_is_coded_as_today(db):
    result = run("events", "--db", db, "--type", "YIELD")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("tocsin: error: --type 'YIELD' is an older PLOVER type, coded today as"
                                     " CONCEDE or RETREAT: use --type CONCEDE or --type RETREAT")
