"""An ordered map over chunks of work in forked worker processes, with a bounded window.

Results come back in input order; at most `window` chunks are in flight, so memory stays flat
however long the input is (unlike `Pool.imap`, which reads its whole input ahead). Workers are
forked, so whatever the parent loaded before (the spaCy model, the stages' data) is shared, not
loaded again. A chunk whose worker fails is handed to `on_error` and the run goes on.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

C = TypeVar("C")
R = TypeVar("R")


def chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _ignore_interrupt() -> None:
    # Ctrl-C goes to the parent, which stops the pool; workers must not die mid-chunk on their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ordered_map(func: Callable[[C], R], work: Iterable[C], workers: int,
                on_error: Callable[[C, BaseException], R], window: int | None = None) -> Iterator[tuple[C, R]]:
    """Yield (chunk, func(chunk)) in input order, computed in `workers` forked processes."""
    import multiprocessing

    window = window or 4 * workers
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupt)
    pending: deque = deque()

    def ready() -> tuple[C, R]:
        chunk, result = pending.popleft()
        try:
            return chunk, result.get()
        except Exception as err:  # the worker died, or its result could not be sent back
            return chunk, on_error(chunk, err)

    try:
        for chunk in work:
            pending.append((chunk, pool.apply_async(func, (chunk,))))
            while len(pending) >= window:
                yield ready()
        while pending:
            yield ready()
        pool.close()
    finally:
        pool.terminate()
        pool.join()
