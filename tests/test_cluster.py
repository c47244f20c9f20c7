"""`tocsin ingest --cluster`: a real Dask scheduler and two `dask worker` processes on 127.0.0.1.

The workers load the same tiny deterministic stage as tests/test_ingest_corpus.py (through
`dask worker --preload`), so the stored rows can be compared with a local ingest of the same
corpus: events, stories and failures must be identical, into DuckDB and into PostgreSQL, and a
worker killed mid-run must cost nothing (no article lost, none stored twice).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_ingest_corpus import PRELOAD, SCRIPT, _kill_a_worker_once, _run, article_lines, assert_stored_once
from test_postgres import pg_url  # noqa: F401 (the throwaway PostgreSQL server fixture)
from tocsin.store import open_store

START_SECONDS = 90  # for the scheduler and both workers to be up (a loaded 2-core machine is slow)


@contextlib.contextmanager
def dask_cluster(folder: Path, delay: float = 0.0):
    """A scheduler and two single-threaded `dask worker` processes (no nanny: a killed worker stays dead)."""
    from distributed import Client

    folder.mkdir(exist_ok=True)
    preload = folder / "seize_stage.py"
    preload.write_text(PRELOAD)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", TOCSIN_TEST_DELAY=str(delay))
    scheduler_file = folder / "scheduler.json"
    dask = [sys.executable, "-m", "dask"]
    procs = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(scheduler_file)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + START_SECONDS
        while not scheduler_file.exists():
            assert time.monotonic() < deadline, "the Dask scheduler did not start"
            time.sleep(0.2)
        time.sleep(0.2)  # the file is written whole, but give it a moment
        address = json.loads(scheduler_file.read_text())["address"]
        workers = [subprocess.Popen([*dask, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                     "--host", "127.0.0.1", "--name", f"w{n}", "--preload", str(preload)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                   for n in range(2)]
        procs.extend(workers)
        with Client(address, timeout=START_SECONDS) as client:
            client.wait_for_workers(2, timeout=START_SECONDS)
        yield address, workers
    finally:
        for proc in reversed(procs):
            proc.kill()
            proc.wait(timeout=30)


def corpus(path: Path, n: int) -> Path:
    """`n` articles, a broken line, an id given twice and an exact copy of an earlier text."""
    lines = article_lines(n)
    lines.insert(n // 2, '{"id": "broken", "text": ')
    lines.append(lines[1].replace('"text": "', '"text": "A later text. '))  # id n1 again: a failure
    lines.append(lines[2].replace('"id": "n2"', '"id": "copy-of-n2"'))  # same text: stored once
    path.write_text("\n".join(lines) + "\n")
    return path


def stored(store_url) -> dict[str, list]:
    """What an ingest stored, as comparable values (run ids and timestamps left out)."""
    with open_store(store_url, create=False) as store:
        fetch = store.backend.fetchall
        return {
            "events": [tuple(map(str, r)) for r in fetch(
                "SELECT article_id, event_id, event, actor_codes, recipient_codes, date, text, payload"
                " FROM events ORDER BY article_id, event_id")],
            "articles": [tuple(map(str, r)) for r in fetch(
                "SELECT article_id, doc_id, published, outlet, source, n_events FROM articles ORDER BY article_id")],
            "stories": [tuple(map(str, r)) for r in fetch("SELECT * FROM stories ORDER BY story_id")],
            "story_mentions": fetch("SELECT * FROM story_mentions ORDER BY story_id, article_id, event_id"),
            "failures": fetch("SELECT source, line, reason, message FROM failures ORDER BY source, line"),
        }


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    with dask_cluster(tmp_path_factory.mktemp("dask")) as (address, _):
        yield address


@pytest.fixture(scope="module")
def local_rows(tmp_path_factory):
    """The same corpus ingested locally with two worker processes: what the cluster must store."""
    folder = tmp_path_factory.mktemp("local")
    script = folder / "ingest_fake.py"
    script.write_text(SCRIPT)
    source = corpus(folder / "corpus.jsonl", 40)
    done = _run(script, source, folder / "local.duckdb", workers=2)
    assert (done["added"], done["present"], done["failures"]) == (40, 1, 2)
    return source, script, stored(folder / "local.duckdb")


def test_a_cluster_ingest_into_duckdb_stores_what_a_local_one_stores(cluster, local_rows, tmp_path):
    source, script, expected = local_rows
    db = tmp_path / "cluster.duckdb"
    done = _run(script, source, db, workers=cluster, timeout=240)
    assert (done["added"], done["present"], done["failures"]) == (40, 1, 2)
    rows = stored(db)
    assert rows == expected
    assert len(rows["stories"]) > 0 and {f[2] for f in rows["failures"]} == {"malformed"}
    again = _run(script, source, db, workers=cluster, timeout=240)  # a rerun codes nothing again
    assert (again["added"], again["present"]) == (0, 41)
    assert stored(db) == expected


def test_a_cluster_ingest_into_postgresql_stores_what_a_local_one_stores(cluster, local_rows, pg_url):  # noqa: F811
    source, script, expected = local_rows
    emptied(pg_url)
    done = _run(script, source, pg_url, workers=cluster, timeout=240)
    assert "writing to the store themselves" in done["engine"]  # rows went from the workers to PostgreSQL
    assert (done["added"], done["present"], done["failures"]) == (40, 1, 2)
    assert stored(pg_url) == expected
    again = _run(script, source, pg_url, workers=cluster, timeout=240)
    assert (again["added"], again["present"]) == (0, 41) and stored(pg_url) == expected


def emptied(url: str) -> str:
    """The PostgreSQL store at `url` with every table emptied: a clean database for one test."""
    with open_store(url) as store:
        for table in ("story_mentions", "stories", "story_backlog", "event_actors", "events", "claims", "quotes",
                      "mentions", "entities", "removed", "articles", "failures", "runs"):
            store.backend.execute(f"DELETE FROM {table}")
    return url


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path):
    db = tmp_path / "cluster.duckdb"
    done = _kill_one_worker_during(tmp_path, db, seed=5)
    assert (done["added"], done["present"], done["failures"], done["reasons"]) == (96, 1, 2, {"malformed": 2})
    assert_stored_once(db, 96, failures=2)


def test_a_worker_killed_while_writing_to_postgresql_loses_and_doubles_nothing(tmp_path, pg_url):  # noqa: F811
    done = _kill_one_worker_during(tmp_path, emptied(pg_url), seed=8)
    # A worker killed after its commit but before its answer has its write retried, which then finds
    # the articles stored: they count as present, not added. The store is what matters.
    assert done["added"] + done["present"] == 97 and done["failures"] == 2
    with open_store(pg_url, create=False) as store:
        fetch = store.backend.fetchall
        assert fetch("SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM articles") == [(96, 96)]
        assert fetch("SELECT COUNT(*) FROM events")[0][0] == 96
        assert fetch("SELECT reason, COUNT(*) FROM failures GROUP BY reason") == [("malformed", 2)]


def _kill_one_worker_during(tmp_path: Path, db, seed: int) -> dict:
    """Ingest a 96-article corpus on a fresh 2-worker cluster, killing one worker at a random point."""
    script = tmp_path / "ingest_fake.py"
    script.write_text(SCRIPT)
    source = corpus(tmp_path / "corpus.jsonl", 96)
    killed: list[int] = []
    with dask_cluster(tmp_path / "dask", delay=0.05) as (address, workers):
        kill = _kill_a_worker_once(random.Random(seed), killed, lambda proc: [w.pid for w in workers])
        done = _run(script, source, db, workers=address, on_progress=kill, timeout=240)
    assert killed, "the run ended before a worker could be killed"
    return done


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "scheduler-without-port", "local:0"])
def test_an_unusable_cluster_address_is_one_line_and_exit_2(tmp_path, address):
    source = tmp_path / "one.jsonl"
    source.write_text(article_lines(1)[0] + "\n")
    tocsin = Path(sys.executable).parent / "tocsin"
    result = subprocess.run([str(tocsin), "ingest", str(source), "--db", str(tmp_path / "c.duckdb"),
                             "--cluster", address], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="2s"))
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("tocsin: error: "), result.stderr
    assert address in result.stderr
