"""What watch remembers in the store between cycles and restarts.

`watch_seen`: every item key (URL, or dropped file) whose article is stored or recorded as a
failure. `watch_sources`: each source's conditional-GET validators, failure count and next due
time. `watch_attempts`: how many cycles each page not read yet has failed, so that a process run
once a cycle (cron) gives it up like a long-running one. All are written in one transaction, after the articles themselves are committed: a
process killed in between only fetches those items again, and the store skips their text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from tocsin.store.backends import Backend
from tocsin.watch.poll import Validators


@dataclass
class SourceState:
    validators: Validators
    failures: int = 0
    next_due: datetime | None = None
    last_error: str | None = None


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def seen_keys(backend: Backend) -> set[str]:
    return {row[0] for row in backend.stream("SELECT key FROM watch_seen", size=10_000)}


def attempt_counts(backend: Backend) -> dict[str, int]:
    """Item key -> cycles its page has failed so far (pages still to be tried again)."""
    return {key: attempts for key, attempts in backend.fetchall("SELECT key, attempts FROM watch_attempts")}


def source_states(backend: Backend) -> dict[str, SourceState]:
    rows = backend.fetchall("SELECT name, etag, last_modified, failures, next_due, last_error FROM watch_sources")
    return {name: SourceState(Validators(etag, modified), failures, due, error)
            for name, etag, modified, failures, due, error in rows}


def next_state(old: SourceState, *, interval: float, backoff_base: float, backoff_max: float,
               error: str | None, validators: Validators, now: datetime) -> SourceState:
    """After a poll: the next due time, with exponential backoff while the source keeps failing."""
    if error is None:
        return SourceState(validators, 0, now + timedelta(seconds=interval), None)
    failures = old.failures + 1
    # The exponent is capped: a source failing for months must not overflow the float (2 ** 1024).
    wait = min(max(interval, backoff_base) * 2 ** min(failures - 1, 40), max(backoff_max, interval))
    return SourceState(old.validators, failures, now + timedelta(seconds=wait), error)


def remember(backend: Backend, seen: list[tuple[str, str, str | None]], states: dict[str, SourceState],
             retry: list[tuple[str, str, int, str]] = ()) -> None:
    """Record seen items (key, source name, article id), source states and the pages to try again
    (key, source name, attempts so far, last error) in one transaction."""
    backend.begin()
    try:
        keys = [key for key, _, _ in seen]
        done = keys + [key for key, _, _, _ in retry]
        for i in range(0, len(done), 500):
            chunk = done[i : i + 500]
            backend.execute(f"DELETE FROM watch_attempts WHERE key IN ({', '.join('?' * len(chunk))})", chunk)
        backend.insert("watch_attempts", ("key", "source", "attempts", "last_error"),
                       list({key: (key, name, n, error) for key, name, n, error in retry}.values()))
        present = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            present.update(r[0] for r in backend.fetchall(
                f"SELECT key FROM watch_seen WHERE key IN ({', '.join('?' * len(chunk))})", chunk))
        rows = [(k, s, a, utcnow()) for k, s, a in dict((row[0], row) for row in seen).values() if k not in present]
        backend.insert("watch_seen", ("key", "source", "article_id", "seen_at"), rows)
        for name, state in states.items():
            backend.execute("DELETE FROM watch_sources WHERE name = ?", (name,))
            backend.execute(
                "INSERT INTO watch_sources (name, etag, last_modified, failures, next_due, last_error)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (name, state.validators.etag, state.validators.last_modified, state.failures, state.next_due,
                 state.last_error))
        backend.commit()
    except BaseException:
        backend.rollback()
        raise
