"""Database connections for `tocsin serve` that never stand in a writer's way.

DuckDB lets one process write a file, and a process that holds it open, even to read, keeps
every other process out. So the server opens the file read-only when requests come and closes it
soon after they stop (IDLE_CLOSE later: the requests of a page load share one opening, which
costs tens of ms): `tocsin ingest` and `tocsin events` open the file in between (the store's
writer waits a few seconds for a reader's lock). While a writer holds the file for long (an ingest
holds it for its whole run), requests read a snapshot: a private copy of the file taken the last
time it was opened after a change, and say so; with no snapshot yet they answer 503 (the
dashboard retries).
PostgreSQL has no such lock: one connection, used by one request at a time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tocsin.store.backends import Backend, DuckDBBackend, check_target, connect, is_postgres

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


class Snapshot:
    """A private copy of a DuckDB file (and its WAL), to read while a writer holds the file.

    `refresh` is called with a read-only connection open on the file, so no writer can change
    it during the copy; it copies only when the file changed since the last copy.
    """

    def __init__(self, path: str | Path):
        self.source = Path(path)
        self.folder: Path | None = None
        self.taken_at: str | None = None
        self._stamp = None

    @property
    def file(self) -> Path | None:
        return self.folder / "snapshot.duckdb" if self.taken_at else None

    def _wal(self, path: Path) -> Path:
        return path.with_name(path.name + ".wal")

    def refresh(self) -> None:
        stamp = tuple((s.st_mtime_ns, s.st_size) if (s := _stat(p)) else None
                      for p in (self.source, self._wal(self.source)))
        if stamp == self._stamp:
            return
        self.folder = self.folder or Path(tempfile.mkdtemp(prefix="tocsin-serve-"))
        target = self.folder / "snapshot.duckdb"
        pairs = [(self.source, target)]
        if stamp[1] is not None:
            pairs.append((self._wal(self.source), self._wal(target)))
        else:
            self._wal(target).unlink(missing_ok=True)
        _copy_elsewhere(pairs)
        self._stamp = stamp
        self.taken_at = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = self.taken_at = self._stamp = None


def _copy_elsewhere(pairs: list[tuple[Path, Path]]) -> None:
    """Copy files in a child process. DuckDB's lock is a POSIX record lock, which a process loses
    when it closes any descriptor of the file: copying here would let a writer in under the
    read-only connection still open."""
    code = "import shutil, sys\nfor s, t in zip(sys.argv[1::2], sys.argv[2::2]): shutil.copyfile(s, t)"
    args = [str(p) for pair in pairs for p in pair]
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, timeout=600)


def _stat(path: Path):
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


class DuckDBReader:
    """A read-only connection open only while requests run, each request on its own cursor."""

    def __init__(self, path: str | Path, wait: float = WAIT_FOR_WRITER, idle_close: float = IDLE_CLOSE,
                 snapshots: bool = True):
        self.path, self.wait, self.idle_close = str(path), wait, idle_close
        self.snapshot = Snapshot(path) if snapshots else None
        self._lock = threading.Lock()
        self._con = None
        self._serving: str | None = None  # when the snapshot being read was taken; None: the file itself
        self._users = 0
        self._timer: threading.Timer | None = None
        self._local = threading.local()

    def serving_snapshot(self) -> str | None:
        """For the request on this thread: when the snapshot it read was taken (None: it read the file)."""
        return getattr(self._local, "snapshot", None)

    def _connect(self):
        import duckdb

        fallback = self.snapshot.file if self.snapshot is not None else None
        try:
            # With a snapshot to fall back on, a long-held lock is not worth a long wait.
            con = self._open(min(self.wait, 0.2) if fallback else self.wait)
        except Busy:
            if fallback is None:
                raise
            return duckdb.connect(str(fallback), read_only=True), self.snapshot.taken_at
        if self.snapshot is not None:
            self.snapshot.refresh()
        return con, None

    def _open(self, wait: float):
        import duckdb

        deadline, pause = time.monotonic() + wait, 0.02
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
                self._con, self._serving = self._connect()
            self._local.snapshot = self._serving
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
        """Close the file now (the next request opens it again)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._con is not None:
                self._con.close()
                self._con = None

    def shutdown(self) -> None:
        self.close()
        if self.snapshot is not None:
            self.snapshot.remove()


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
    check_target(text)
    if is_postgres(text):
        return SharedReader(connect(text))
    if Path(text).is_dir():
        # A Parquet lake: views over its files in a private in-memory database, which holds no lock.
        from tocsin.store import open_store

        return SharedReader(open_store(text, create=False).backend)
    return DuckDBReader(text)
