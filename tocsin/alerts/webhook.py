"""POST each new alert to a webhook from a background thread, so coding never waits for it.

A failed POST is retried with exponential backoff; a URL the address policy refuses is not
retried. `close` gives the queue a bounded time to drain.
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
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tocsin-webhook", daemon=True)
        self._thread.start()

    def send(self, record: dict) -> None:
        self._queue.put(json.dumps(record, ensure_ascii=False).encode("utf-8"))

    def close(self, timeout: float = 30.0) -> None:
        """Deliver what is queued within `timeout` seconds, then stop."""
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self._closing.set()  # cut short any backoff still running
        self._thread.join(1.0)

    def _run(self) -> None:
        while (body := self._queue.get()) is not _STOP:
            self._deliver(body)

    def _deliver(self, body: bytes) -> None:
        delay = self.first_delay
        for attempt in range(1, self.attempts + 1):
            try:
                post_json(self.url, body, allow_private=self.allow_private, timeout=self.timeout)
                self.delivered += 1
                return
            except URLRefused as err:
                print(f"tocsin watch: webhook refused: {err}", file=sys.stderr)
                break
            except Exception as err:  # network errors, HTTP errors: try again later
                if attempt == self.attempts or self._closing.wait(delay):
                    print(f"tocsin watch: webhook failed after {attempt} attempt(s): {err}", file=sys.stderr)
                    break
                delay *= 2
        self.failed += 1
