"""`tocsin export` never writes onto the database it reads, and never leaves a half-written file."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from test_ingest_corpus import counts, fake_stages, write_jsonl  # noqa: F401 (fake_stages is a fixture)
from tocsin.cli import main


@pytest.fixture
def db(tmp_path, fake_stages):  # noqa: F811
    path = tmp_path / "c.duckdb"
    source = write_jsonl(tmp_path / "corpus.jsonl", 3, bad=False)
    assert CliRunner().invoke(main, ["ingest", str(source), "--db", str(path)]).exit_code == 0
    return path


@pytest.mark.parametrize("fmt", ["plover", "gdelt", "parquet"])
def test_export_onto_the_database_is_refused_and_the_database_kept(db, fmt):
    before = (db.stat().st_size, counts(db))
    result = CliRunner().invoke(main, ["export", str(db), "--db", str(db), "--format", fmt])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tocsin: error:") and str(db) in lines[0]
    assert (db.stat().st_size, counts(db)) == before


def test_export_onto_a_link_to_the_database_is_refused(db, tmp_path):
    link = tmp_path / "events.jsonl"
    os.symlink(db, link)
    before = db.stat().st_size
    result = CliRunner().invoke(main, ["export", str(link), "--db", str(db), "--format", "plover"])
    assert result.exit_code == 2 and "is the database" in result.output
    assert db.stat().st_size == before and counts(db)["articles"] == 3


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(db, tmp_path, monkeypatch):
    out = tmp_path / "events.tsv"
    out.write_text("the previous export\n")
    import tocsin.export.gdelt as gdelt

    def broken(backend, stream):
        stream.write("half a row")
        raise RuntimeError("disk full")

    monkeypatch.setattr(gdelt, "write_gdelt", broken)
    result = CliRunner().invoke(main, ["export", str(out), "--db", str(db), "--format", "gdelt"])
    assert isinstance(result.exception, RuntimeError)
    assert out.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_exports_replace_their_output_whole(db, tmp_path):
    out = tmp_path / "events.jsonl"
    out.write_text("x" * 100_000)
    result = CliRunner().invoke(main, ["export", str(out), "--db", str(db), "--format", "plover"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 3 and "x" * 10 not in out.read_text()
    pq = tmp_path / "pq"
    assert CliRunner().invoke(main, ["export", str(pq), "--db", str(db), "--format", "parquet"]).exit_code == 0
    assert (pq / "events.parquet").exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".pq")]


@pytest.mark.parametrize("where", ["missing/events.jsonl", "."])
def test_an_output_that_cannot_be_written_is_a_one_line_error(db, tmp_path, where):
    result = CliRunner().invoke(main, ["export", str(tmp_path / where), "--db", str(db), "--format", "plover"])
    assert result.exit_code == 2 and result.output.startswith("tocsin: error:"), result.output
    assert len(result.output.strip().splitlines()) == 1
