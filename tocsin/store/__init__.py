"""The corpus store: coded Documents in DuckDB (default, one file) or PostgreSQL (a URL).

Only this package knows SQL. Writes are idempotent: an article's key is the hash of its text, a
batch is one transaction, and rows of an article already stored are never written again.
"""

from __future__ import annotations

import time
from pathlib import Path

from tocsin.errors import StoreError
from tocsin.store.backends import Backend, connect
from tocsin.store.migrations import migrate
from tocsin.store.writer import Store

DEFAULT_DB = "tocsin.duckdb"

__all__ = ["DEFAULT_DB", "Store", "StoreError", "open_store"]


def open_store(target: str | Path = DEFAULT_DB, *, create: bool = True) -> Store:
    """Open (and migrate) the store at a DuckDB path or a `postgresql://` URL."""
    text = str(target)
    is_url = text.startswith(("postgresql://", "postgres://"))
    if not create and not is_url and not Path(text).exists():
        raise StoreError(f"{text}: no such database (run `tocsin ingest` first)")
    backend: Backend = _connect(text)
    migrate(backend)
    return Store(backend)


# `tocsin serve` opens a DuckDB file read-only for a moment at a time: a writer waits that out.
WAIT_FOR_READERS = 10.0


def _connect(target: str) -> Backend:
    deadline = time.monotonic() + WAIT_FOR_READERS
    while True:
        try:
            return connect(target)
        except Exception as err:  # duckdb.IOException (lock), psycopg.OperationalError, ...
            if "could not set lock" not in str(err).lower() or time.monotonic() >= deadline:
                raise StoreError(f"{_redact(target)}: cannot open the database: {err}") from None
        time.sleep(0.05)


def _redact(target: str) -> str:
    # Never echo a password of a connection URL.
    from urllib.parse import urlsplit

    parts = urlsplit(target)
    if parts.password:
        return target.replace(f":{parts.password}@", ":***@")
    return target
