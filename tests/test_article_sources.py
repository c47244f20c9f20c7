"""The same text read again with another id, outlet or date: one article, every copy kept as a source.

A wire story re-published by several outlets is coded once, and its story events count each
outlet (NumSources), whether the copies come in one run or in later ones.
"""

from __future__ import annotations

import json

import duckdb
from click.testing import CliRunner

from test_ingest_corpus import fake_stages  # noqa: F401 (fixture)
from tocsin.cli import main

WIRE = ("Coast guard officers from Norland seized the cargo ship Aldra near Lindmar on Tuesday, officials said."
        "\n\nThe foreign ministry of Ostrava called the seizure illegal.")


def _jsonl(path, copies):
    path.write_text("\n".join(json.dumps({"text": WIRE, **copy}) for copy in copies) + "\n")
    return path


def _ingest(db, source):
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output


def _query(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_copies_in_later_runs_are_kept_and_counted(tmp_path, fake_stages):  # noqa: F811
    db = tmp_path / "c.duckdb"
    _ingest(db, _jsonl(tmp_path / "a.jsonl", [{"id": "hx-1", "outlet": "Harbour Times", "published": "2025-12-02"}]))
    assert _query(db, "SELECT num_sources, num_articles FROM stories") == [(1, 1)]
    _ingest(db, _jsonl(tmp_path / "b.jsonl", [
        {"id": "dl-77", "outlet": "Daily Ledger", "published": "2025-12-02"},
        {"id": "cw-5", "url": "https://www.coastwire.example/news/5", "published": "2025-12-03"},
    ]))
    assert _query(db, "SELECT COUNT(*) FROM articles") == [(1,)]
    copies = _query(db, "SELECT doc_id, publisher, outlet, published FROM article_sources ORDER BY doc_id")
    assert copies == [("cw-5", "coastwire.example", None, "2025-12-03"),
                      ("dl-77", "daily ledger", "Daily Ledger", "2025-12-02"),
                      ("hx-1", "harbour times", "Harbour Times", "2025-12-02")]
    assert _query(db, "SELECT num_sources, num_articles FROM stories") == [(3, 1)]
    # The same copies again: nothing new.
    _ingest(db, tmp_path / "b.jsonl")
    assert _query(db, "SELECT COUNT(*) FROM article_sources") == [(3,)]
    assert _query(db, "SELECT num_sources FROM stories") == [(3,)]


def test_copies_in_one_batch_are_kept(tmp_path, fake_stages):  # noqa: F811
    db = tmp_path / "c.duckdb"
    _ingest(db, _jsonl(tmp_path / "a.jsonl", [{"id": "hx-1", "outlet": "Harbour Times"},
                                              {"id": "dl-77", "outlet": "Daily Ledger"},
                                              {"id": "dl-78", "outlet": "daily ledger "}]))
    assert _query(db, "SELECT COUNT(*) FROM articles") == [(1,)]
    assert _query(db, "SELECT COUNT(*) FROM article_sources") == [(3,)]
    assert _query(db, "SELECT num_sources FROM stories") == [(2,)]  # one outlet, two spellings


def test_a_database_from_before_keeps_each_article_first_copy_as_its_source(tmp_path, fake_stages):  # noqa: F811
    from tocsin.store import open_store

    db = tmp_path / "c.duckdb"
    _ingest(db, _jsonl(tmp_path / "a.jsonl", [{"id": "hx-1", "outlet": "Harbour Times"}]))
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE article_sources")
    con.execute("DELETE FROM schema_version WHERE version = 4")
    con.close()
    open_store(db).close()
    assert _query(db, "SELECT doc_id, publisher FROM article_sources") == [("hx-1", "harbour times")]
