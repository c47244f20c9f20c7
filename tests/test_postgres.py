"""PostgreSQL backend against a real throwaway server, and DuckDB/PostgreSQL parity.

The server (Debian's `postgresql` binaries, installed by scripts/ci-postgres.sh) runs on
127.0.0.1 in a temp dir for this module only. Without the binaries the tests are skipped,
except under CI (env CI set), where a missing server is a failure.
"""

from __future__ import annotations

import csv
import glob
import io
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from test_store import FAILURES, PROV, corpus, load
from tocsin.export.gdelt import write_gdelt
from tocsin.store import open_store
from tocsin.store.queries import documents, evidence


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def pg_url():
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries not found under CI: run scripts/ci-postgres.sh first")
        pytest.skip("PostgreSQL binaries (initdb) not found; run scripts/ci-postgres.sh to install them")
    # initdb refuses to run as root: only the server binaries run as the `postgres` user.
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    home = tempfile.mkdtemp(prefix="tocsin-pg-", dir="/tmp")
    data = Path(home, "data")
    if as_root:
        shutil.chown(home, "postgres", "postgres")
    port = _free_port()

    def run(*args):
        subprocess.run([*prefix, *map(str, args)], check=True, capture_output=True, timeout=120)

    try:
        run(bin_dir / "initdb", "-D", data, "-U", "tocsin", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        run(bin_dir / "pg_ctl", "-D", data, "-l", Path(home, "log"), "-w", "-t", "60",
            "-o", f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    except subprocess.CalledProcessError as err:
        shutil.rmtree(home, ignore_errors=True)
        pytest.fail(f"cannot start PostgreSQL: {err.stderr.decode(errors='replace')}")
    try:
        yield f"postgresql://tocsin@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def pg(pg_url):
    with open_store(pg_url) as store:
        tables = [r[0] for r in store.backend.fetchall(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")]
        for table in tables:  # a clean database for each test
            store.backend.execute(f"DROP TABLE {table} CASCADE")
    with open_store(pg_url) as store:
        yield store


@pytest.fixture
def duck(tmp_path):
    with open_store(tmp_path / "corpus.duckdb") as store:
        yield store


def _gdelt(store) -> list[list[str]]:
    out = io.StringIO()
    write_gdelt(store.backend, out)
    return [row[:59] + row[60:] for row in csv.reader(io.StringIO(out.getvalue()), delimiter="\t")]  # not DATEADDED


def test_duckdb_and_postgresql_answer_the_same(pg, duck):
    load(pg)
    load(duck)
    assert pg.counts() == duck.counts()
    assert pg.events() == duck.events()
    for filters in ({"actor": "USA"}, {"recipient": "usa"}, {"event_type": "ASSAULT", "since": "2025-12-01"},
                    {"until": "2025-11-29", "limit": 2}):
        assert pg.events(**filters) == duck.events(**filters)
        assert pg.stories(**filters) == duck.stories(**filters)
    for by in ("day", "week", "month"):
        assert pg.dyad("USA", "VEN", by=by) == duck.dyad("USA", "VEN", by=by)
    story = duck.stories()[0]["story_id"]
    assert evidence(pg.backend, story) == evidence(duck.backend, story)
    assert _gdelt(pg) == _gdelt(duck)
    assert [d.model_dump() for d in documents(pg.backend)] == [d.model_dump() for d in documents(duck.backend)]


def test_postgresql_writes_are_idempotent_and_transactional(pg, monkeypatch):
    load(pg)
    before = pg.counts()
    result = pg.write(corpus(), FAILURES, PROV)
    assert (result.added, result.present, result.failures) == (0, 5, 0)
    assert pg.counts() == before

    real = pg.backend.insert

    def broken(table, columns, rows):
        if table == "events":
            raise RuntimeError("connection lost")
        real(table, columns, rows)

    monkeypatch.setattr(pg.backend, "insert", broken)
    fresh = corpus()[0]
    fresh.article_id = "hash-new"
    with pytest.raises(RuntimeError):
        pg.write([fresh], [], PROV)
    assert pg.counts() == before


def test_parquet_export_from_postgresql(pg, tmp_path):
    from tocsin.export.parquet import write_parquet

    load(pg)
    counts = write_parquet(pg.backend, tmp_path / "pq")
    assert counts["events"] == 7 and counts["articles"] == 5
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows == 7


def test_incremental_story_rebuild_on_postgresql(pg, duck):
    docs = corpus()
    pg.write([docs[0], docs[2], docs[3], docs[4]], [], PROV)
    pg.rebuild_stories()
    pg.write([docs[1]], FAILURES, PROV)  # a2 joins a story already stored: its key is reclustered
    pg.rebuild_stories()
    load(duck)
    assert pg.stories() == duck.stories()
    support = "SELECT story_id, article_id, event_id FROM story_mentions ORDER BY story_id, article_id, event_id"
    assert pg.backend.fetchall(support) == duck.backend.fetchall(support)
    assert pg.backend.fetchall("SELECT COUNT(*) FROM story_backlog") == [(0,)]
