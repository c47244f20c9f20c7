"""Several processes opening a new PostgreSQL database at once: one creates the schema, none fails.

Uses the throwaway server of tests/test_postgres.py (skipped where PostgreSQL is not installed).
"""

from __future__ import annotations

import threading

import psycopg

from test_postgres import pg_url  # noqa: F401 (the module-scoped server fixture)
from tocsin.store import open_store
from tocsin.store.migrations import MIGRATIONS

OPENERS = 6
ROUNDS = 4


def _open_all_at_once(url: str) -> list[BaseException]:
    barrier = threading.Barrier(OPENERS)
    errors: list[BaseException] = []

    def opener() -> None:
        barrier.wait()
        try:
            open_store(url).close()
        except BaseException as err:  # noqa: BLE001 (every failure is the test's finding)
            errors.append(err)

    threads = [threading.Thread(target=opener) for _ in range(OPENERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return errors


def test_simultaneous_first_runs_create_the_schema_once(pg_url):  # noqa: F811
    for round_ in range(ROUNDS):
        name = f"fresh_{round_}"
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
            admin.execute(f"CREATE DATABASE {name}")
        url = pg_url.rsplit("/", 1)[0] + f"/{name}"
        errors = _open_all_at_once(url)
        assert errors == [], [f"{type(e).__name__}: {e}" for e in errors]
        with open_store(url) as store:
            versions = store.backend.fetchall("SELECT version FROM schema_version ORDER BY version")
            assert versions == [(number,) for number, _, _ in MIGRATIONS]
            assert store.counts()["articles"] == 0
