"""POST each new alert to a webhook from a background thread, so coding never waits for it.

A failed POST is retried with exponential backoff; a URL the address policy refuses is not
retried. `close` gives the queue a bounded time to drain. `taken` and `in_flight` tell the caller
which alerts the webhook has accepted and which are still queued (tocsin.alerts.delivery keeps
that in the store).
"""

from __future__ import annotations

import json
import queue
import sys
import threading

from tocsin.errors import URLRefused
from tocsin.watch.http import post_json

_STOP = object()


class Webhook:
    def __init__(self, url: str, *, allow_private: bool = False, attempts: int = 5, first_delay: float = 1.0,
                 timeout: float = 10.0) -> None:
        self.url = url
        self.allow_private = allow_private
        self.attempts = attempts
        self.first_delay = first_delay
        self.timeout = timeout
        self.delivered = 0
        self.failed = 0
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._taken: list[str] = []
        self._in_flight: set[str] = set()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tocsin-webhook", daemon=True)
        self._thread.start()

    def send(self, record: dict) -> None:
        with self._lock:
            self._in_flight.add(record.get("alert_id"))
        self._queue.put((record.get("alert_id"), json.dumps(record, ensure_ascii=False).encode("utf-8")))

    def in_flight(self) -> set[str]:
        """Ids of the alerts queued or being posted."""
        with self._lock:
            return set(self._in_flight)

    def taken(self) -> list[str]:
        """Ids of the alerts the webhook accepted since the last call."""
        with self._lock:
            taken, self._taken = self._taken, []
            return taken

    def close(self, timeout: float = 30.0) -> None:
        """Deliver what is queued within `timeout` seconds, then stop."""
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self._closing.set()  # cut short any backoff still running
        self._thread.join(1.0)

    def _run(self) -> None:
        while (item := self._queue.get()) is not _STOP:
            alert_id, body = item
            ok = self._deliver(body)
            with self._lock:
                self._in_flight.discard(alert_id)
                if ok:
                    self._taken.append(alert_id)

    def _deliver(self, body: bytes) -> bool:
        delay = self.first_delay
        for attempt in range(1, self.attempts + 1):
            try:
                post_json(self.url, body, allow_private=self.allow_private, timeout=self.timeout)
                self.delivered += 1
                return True
            except URLRefused as err:
                print(f"tocsin watch: webhook refused: {err}", file=sys.stderr)
                break
            except Exception as err:  # network errors, HTTP errors: try again later
                if attempt == self.attempts or self._closing.wait(delay):
                    print(f"tocsin watch: webhook failed after {attempt} attempt(s): {err}", file=sys.stderr)
                    break
                delay *= 2
        self.failed += 1
        return False
