"""Database connections for `tocsin serve` that never stand in a writer's way.

DuckDB lets one process write a file, and a process that holds it open, even to read, keeps
every other process out. So the server opens the file read-only when requests come and closes it
soon after they stop (IDLE_CLOSE later: the requests of a page load share one opening, which
costs tens of ms): `tocsin ingest` and `tocsin events` open the file in between (the store's
writer waits a few seconds for a reader's lock). While a writer holds the file, a request retries
for a short while, then answers 503 (the dashboard retries).
PostgreSQL has no such lock: one connection, used by one request at a time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tocsin.store.backends import Backend, DuckDBBackend, connect

# A writer's lock that is gone within this long (an ingest opening, `tocsin events`) goes unnoticed.
WAIT_FOR_WRITER = 2.0
# How long the file stays open after the last request: a page's requests, and quick clicks,
# share one opening; a writer waits at most this long.
IDLE_CLOSE = 1.0


class Busy(Exception):
    """Another process is writing the database and did not let go within the wait."""


class ReadOnlyDuckDB(DuckDBBackend):
    """The Backend interface over a connection (or a per-thread cursor of one) opened read-only."""

    def __init__(self, con):
        self.con = con
        self._schemas = {}


def _is_lock_error(err: Exception) -> bool:
    text = str(err).lower()
    return "lock" in text or "resource temporarily unavailable" in text


class DuckDBReader:
    """A read-only connection open only while requests run, each request on its own cursor."""

    def __init__(self, path: str | Path, wait: float = WAIT_FOR_WRITER, idle_close: float = IDLE_CLOSE):
        self.path, self.wait, self.idle_close = str(path), wait, idle_close
        self._lock = threading.Lock()
        self._con = None
        self._users = 0
        self._timer: threading.Timer | None = None

    def _open(self):
        import duckdb

        deadline, pause = time.monotonic() + self.wait, 0.02
        while True:
            try:
                return duckdb.connect(self.path, read_only=True)
            except (duckdb.IOException, duckdb.ConnectionException) as err:
                if not _is_lock_error(err):
                    raise
                if time.monotonic() >= deadline:
                    raise Busy(f"another process (an ingest?) is writing {Path(self.path).name}") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.25)

    @contextmanager
    def backend(self) -> Iterator[Backend]:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._con is None:
                self._con = self._open()
            self._users += 1
            cursor = self._con.cursor()  # a connection is not for two threads at once; cursors are
        try:
            yield ReadOnlyDuckDB(cursor)
        finally:
            cursor.close()
            with self._lock:
                self._users -= 1
                if not self._users:
                    self._timer = threading.Timer(self.idle_close, self._close_if_idle)
                    self._timer.daemon = True
                    self._timer.start()

    def _close_if_idle(self) -> None:
        with self._lock:
            if not self._users and self._con is not None:
                self._con.close()
                self._con = None

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._con is not None:
                self._con.close()
                self._con = None


class SharedReader:
    """One open connection (PostgreSQL, or a Store the caller holds), one request at a time."""

    def __init__(self, backend: Backend):
        self._backend = backend
        self._lock = threading.Lock()

    @contextmanager
    def backend(self) -> Iterator[Backend]:
        with self._lock:
            yield self._backend

    def close(self) -> None:
        self._backend.close()


def reader_for(target: str | Path) -> DuckDBReader | SharedReader:
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return SharedReader(connect(text))
    return DuckDBReader(text)
