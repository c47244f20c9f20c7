"""The local engine: worker processes forked from this one, after it loaded the pipeline.

Forking after the model is loaded lets workers share it instead of loading it each. At most
`4 * workers` chunks are in flight, so memory stays flat however long the stream is.

A worker that dies (kill -9, the OOM killer) breaks the pool: the executor notices at once and
fails every chunk in flight. None of them was written (only this process writes), so a fresh pool
codes them again and the run goes on; a chunk caught in MAX_ATTEMPTS deaths is recorded as failed
instead, in case it is what kills its worker.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from tocsin.corpus.engines import MAX_ATTEMPTS
from tocsin.corpus.workers import Context, Item, Result, failed_chunk, process_chunk, start, warm_up
from tocsin.model import Failure
from tocsin.store.writer import BatchResult, Store


@dataclass
class _InFlight:
    chunk: list[Item]
    future: Future
    attempts: int = 1


def _ignore_sigint() -> None:
    # Ctrl-C goes to the parent, which stops the pool; workers must not die mid-chunk on their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class LocalEngine:
    def __init__(self, workers: int = 1):
        self.workers = workers
        self.description = f"{workers} local worker process{'es' if workers > 1 else ''}"
        self._pool: ProcessPoolExecutor | None = None

    def start(self, context: Context) -> None:
        start(context)  # inherited by the workers at fork
        warm_up(context.config)  # before forking, so that workers share the loaded model and data

    def run(self, chunks: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[Result]]]:
        if self.workers <= 1:
            for chunk in chunks:
                yield chunk, process_chunk(chunk)
            return
        window: deque[_InFlight] = deque()
        try:
            for chunk in chunks:
                window.append(_InFlight(chunk, self._submit(chunk)))
                while len(window) >= 4 * self.workers:
                    yield self._next(window)
            while window:
                yield self._next(window)
        finally:
            self.close()

    def _submit(self, chunk: list[Item]) -> Future:
        if self._pool is None:
            import multiprocessing

            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                             initializer=_ignore_sigint)
        return self._pool.submit(process_chunk, chunk)

    def _next(self, window: deque[_InFlight]) -> tuple[list[Item], list[Result]]:
        while True:
            head = window[0]
            try:
                results = head.future.result()
            except BrokenProcessPool:
                self._restart(window)
                continue
            except Exception as err:  # a result that could not be sent back: the chunk fails, the run goes on
                results = failed_chunk(head.chunk, err)
            window.popleft()
            return head.chunk, results

    def _restart(self, window: deque[_InFlight]) -> None:
        """A worker died: every chunk in flight is lost with the pool; code them again in a new one."""
        self.close()
        for task in window:
            if task.future.done() and not isinstance(task.future.exception(), BrokenProcessPool):
                continue  # finished before the death: its result (or error) is safe
            if task.attempts >= MAX_ATTEMPTS:
                task.future = Future()
                task.future.set_result(failed_chunk(
                    task.chunk, f"a worker died {task.attempts} times while coding this chunk", "worker_died"))
                continue
            task.attempts += 1
            task.future = self._submit(task.chunk)

    def write(self, store: Store, rows: list, failures: list[Failure], run_id: str | None) -> BatchResult:
        return store.write_rows(rows, failures, run_id)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:  # an interrupted run must not leave workers coding on
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=10)
