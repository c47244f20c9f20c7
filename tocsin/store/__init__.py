"""The corpus store: coded Documents in DuckDB (default, one file) or PostgreSQL (a URL).

Only this package knows SQL. Writes are idempotent: an article's key is the hash of its text, a
batch is one transaction, and rows of an article already stored are never written again.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from tocsin.errors import StoreError, StoreLocked
from tocsin.store.backends import Backend, check_target, connect, is_postgres
from tocsin.store.migrations import migrate
from tocsin.store.writer import Store

DEFAULT_DB = "tocsin.duckdb"

__all__ = ["DEFAULT_DB", "Store", "StoreError", "open_store", "redact"]


def open_store(target: str | Path = DEFAULT_DB, *, create: bool = True) -> Store:
    """Open (and migrate) the store at a DuckDB path or a `postgresql://` URL; a directory is a
    read-only Parquet lake (tocsin.corpus.lake)."""
    text = str(target)
    check_target(text)
    is_url = is_postgres(text)
    if not is_url and Path(text).is_dir():
        return _open_lake(text, create)
    if not create and not is_url and not Path(text).exists():
        raise StoreError(f"{text}: no such database (run `tocsin ingest` first)")
    if create and not is_url and text != ":memory:":
        try:
            Path(text).parent.mkdir(parents=True, exist_ok=True)  # --db out/news.duckdb in a fresh checkout
        except OSError as err:
            raise StoreError(f"{text}: cannot create its folder ({err.strerror})") from None
    backend: Backend = _connect(text)
    migrate(backend)
    return Store(backend)


def _open_lake(path: str, create: bool) -> Store:
    from tocsin.corpus.lake import is_lake, open_lake

    if create:
        raise StoreError(f"{path} is a directory: a Parquet lake is read-only (write one with `tocsin ingest --parquet`)")
    if not is_lake(path):
        raise StoreError(f"{path}: not a Parquet lake of tocsin (no articles/ folder)")
    return open_lake(path)


def redact(text: str) -> str:
    """`text` with the password of every connection URL in it masked: never echo one."""
    return _QUERY_PASSWORD.sub(r"\1***", _PASSWORD.sub(r"\1***@", text))


# `tocsin serve` opens a DuckDB file read-only for a moment at a time: a writer waits that out.
WAIT_FOR_READERS = 10.0


def _connect(target: str) -> Backend:
    deadline = time.monotonic() + WAIT_FOR_READERS
    while True:
        try:
            return connect(target)
        except Exception as err:  # duckdb.IOException (lock), psycopg.OperationalError, ...
            locked = "could not set lock" in str(err).lower()
            if locked and time.monotonic() >= deadline:
                raise StoreLocked(f"{redact(target)}: {locked_by(str(err))}") from None
            if not locked:
                raise StoreError(f"{redact(target)}: cannot open the database: {redact(str(err))}") from None
        time.sleep(0.05)


def locked_by(message: str) -> str:
    """What holds a DuckDB file's lock, from DuckDB's message: the process id and its command line."""
    found = re.search(r"\(PID (\d+)\)", message)
    if not found:
        return "locked by another process; wait for it to finish or stop it"
    pid = found.group(1)
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as stream:
            words = [w.decode("utf-8", "replace") for w in stream.read().split(b"\0") if w]
    except OSError:
        words = []
    command = " ".join([Path(words[0]).name, *words[1:]]) if words else ""
    if len(command) > 80:
        command = command[:77] + "..."
    return (f"locked by another process, PID {pid}{f' ({redact(command)})' if command else ''};"
            " wait for it to finish or stop it")


# scheme://user:password@ -- the password ends at the last "@" before the host.
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&\s]*", re.I)
_PASSWORD = re.compile(r"((?:postgres(?:ql)?(?:\+\w+)?)://[^:/?#@\s]*:)[^\s]*@(?=[^@\s]*(?:\s|$))", re.I)
