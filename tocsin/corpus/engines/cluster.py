"""The Dask engine: chunks of raw work coded on a Dask cluster (`dask.distributed`).

`tcp://HOST:PORT` joins a running scheduler (its workers need tocsin installed); `local:N` starts a
LocalCluster of N worker processes on this machine. A worker plugin gives every worker, including
one that joins or restarts mid-run, the run's Context and loads the pipeline once when it starts,
so tasks carry only raw chunks (JSONL lines, or Articles a reader built) and return store rows.

Writing: with DuckDB (one writer) the rows come back to this process, which writes them in batches
as the local engine does. With PostgreSQL they stay on the worker that coded them: this process
gets only each article's id, hash and failure (to find ids given twice in a file, in file order),
then has each worker write its chunk's rows in one transaction of its own, keyed by the hash of
the text, so a retried task doubles nothing; a text seen twice in a batch is written once, the
first time, as a local run does. Either way a cluster run stores what a local one stores.

At most `4 * threads` chunks are in flight (as the local engine), and results are taken in input
order. A worker that dies has its chunks rerun by the scheduler elsewhere (rows it held but had
not written are coded again, so nothing is lost or doubled); a chunk that killed several workers
(Dask's `allowed-failures`) is recorded as failed ("worker_died"), in case it is what kills them.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from distributed.diagnostics.plugin import WorkerPlugin

from tocsin.corpus.workers import Context, Item, Result, failed_chunk, process_chunk, warm_up
from tocsin.errors import ClusterError, StoreError
from tocsin.model import Failure
from tocsin.store.backends import is_postgres
from tocsin.store.writer import BatchResult, Store

_contexts: dict[str, Context] = {}  # in a worker process: the Context of each run it serves
_stores: dict[str, Store] = {}  # in a worker process: its connection to each PostgreSQL store it writes


class OnWorker(NamedTuple):
    """Stands for an article's rows held by a worker: the task that made them, and the article's place."""

    task: Any  # a distributed.Future of a code_chunk task
    index: int


def code_chunk(run: str, chunk: list[Item]) -> list[Result]:
    """The task: one chunk of one run, coded in a worker that the run's plugin set up."""
    context = _contexts.get(run)
    if context is None:
        raise RuntimeError(f"this worker was not set up for run {run}")
    return process_chunk(chunk, context)


def without_rows(results: list[Result]) -> list[Result]:
    """What this process needs of a chunk whose rows its worker writes: ids, hashes and failures."""
    return [r._replace(rows={}) if r.rows is not None else r for r in results]


def write_chunk(store_url: str, run_id: str | None, results: list[Result], indices: list[int]) -> BatchResult:
    """The task that writes articles of a coded chunk to PostgreSQL in one transaction, on the
    worker holding them (skipping those stored already, by the hash of their text)."""
    from tocsin.store import open_store

    store = _stores.get(store_url) or _stores.setdefault(store_url, open_store(store_url))
    return store.write_rows([(results[i].article_id, results[i].rows) for i in indices], [], run_id)


class WarmWorker(WorkerPlugin):
    """Sets a worker up for one run: its Context, spaCy and the stages' data, loaded once."""

    def __init__(self, run: str, context: Context):
        self.run, self.context = run, context

    def setup(self, worker) -> None:
        # Dask's statistical profiler walks every thread's stack each 10 ms, holding the GIL: on
        # deep spaCy and stage stacks that made coding several times slower. Runs turn it off.
        for name in ("profile", "profile-cycle"):
            callback = worker.periodic_callbacks.pop(name, None)
            if callback is not None:
                callback.stop()
        _contexts[self.run] = self.context
        warm_up(self.context.config)

    def teardown(self, worker) -> None:
        _contexts.pop(self.run, None)
        if not _contexts:
            for url in list(_stores):
                _stores.pop(url).close()


class DaskEngine:
    def __init__(self, address: str, db: str | None = None):
        self.address = address
        self.description = f"Dask cluster {address}"
        # Workers write PostgreSQL themselves; a DuckDB file has one writer: this process.
        self.store_url = db if is_postgres(db) else None
        self.client = None
        self.cluster = None
        self.run_id = uuid.uuid4().hex
        self.slots = 1

    def start(self, context: Context) -> None:
        import dask.config
        import dask.utils
        from distributed import Client

        # Dask's own connect timeout (30 s unless configured) bounds reaching the scheduler and a first worker.
        wait = dask.utils.parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
        try:
            if self.address.startswith("local:"):
                self.cluster = _local_cluster(self.address)
                self.client = Client(self.cluster)
            else:
                self.client = Client(self.address, timeout=wait)
            self.client.wait_for_workers(1, timeout=wait)
        except (OSError, TimeoutError, ValueError) as err:  # refused, timed out, or not an address
            self.close()
            raise ClusterError(f"cannot use the Dask cluster {self.address}: {err}") from None
        self.client.register_plugin(WarmWorker(self.run_id, context), name=f"tocsin-{self.run_id}")
        self.slots = max(1, sum(self.client.nthreads().values()))
        self.description = (f"Dask cluster {self.address} ({len(self.client.nthreads())} workers"
                            f"{', writing to the store themselves' if self.store_url else ''})")

    def run(self, chunks: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[Result]]]:
        window: deque = deque()
        submit = self.client.submit
        for chunk in chunks:
            # pure=False: two equal chunks (the same file given twice) are two tasks, in order.
            coded = submit(code_chunk, self.run_id, chunk, pure=False)
            shown = submit(without_rows, coded, pure=False) if self.store_url else None
            window.append((chunk, coded, shown))
            while len(window) >= 4 * self.slots:
                yield self._next(window)
        while window:
            yield self._next(window)

    def _next(self, window: deque) -> tuple[list[Item], list[Result]]:
        from distributed import KilledWorker
        from distributed.comm.core import CommClosedError

        chunk, coded, shown = window.popleft()
        try:
            if shown is None:
                return chunk, coded.result()
            # The rows stay on the worker: stand-ins for them go to the batch, `write` sends them to the store.
            return chunk, [r._replace(rows=OnWorker(coded, i)) if r.rows is not None else r
                           for i, r in enumerate(shown.result())]
        except KilledWorker:
            return chunk, failed_chunk(chunk, "the workers coding this chunk kept dying", "worker_died")
        except (CommClosedError, OSError) as err:
            raise ClusterError(f"lost the Dask scheduler {self.address} ({err}); rerun to resume") from None
        except Exception as err:  # raised in the task: the chunk fails, the run goes on
            return chunk, failed_chunk(chunk, err)
        finally:
            if shown is None:
                coded.release()  # else released once its rows are written

    def write(self, store: Store, rows: list, failures: list[Failure], run_id: str | None) -> BatchResult:
        """Store a batch: here (DuckDB), or by the workers holding the rows (PostgreSQL)."""
        if self.store_url is None:
            return store.write_rows(rows, failures, run_id)
        result = BatchResult()
        by_task: dict[str, tuple[Any, list[int]]] = {}
        first: set[str] = set()
        for article_id, held in rows:
            if article_id in first:  # the same text earlier in the batch: that copy is stored
                result.present += 1
                continue
            first.add(article_id)
            by_task.setdefault(held.task.key, (held.task, []))[1].append(held.index)
        writes = [self.client.submit(write_chunk, self.store_url, run_id, task, indices, pure=False)
                  for task, indices in by_task.values()]
        try:
            done = self.client.gather(writes)
        except Exception as err:  # the server refused, or the workers kept dying: stop, a rerun resumes
            from tocsin.store import redact

            raise StoreError(redact(f"a worker could not write to the store: {type(err).__name__}: {err};"
                                    " rerun to resume")) from None
        for written in done:
            result.added += written.added
            result.present += written.present
            result.events += written.events
        result.failures = store.write_rows([], failures, run_id).failures
        return result

    def close(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            try:
                client.unregister_worker_plugin(f"tocsin-{self.run_id}")
            except Exception:  # the cluster may be gone already; nothing of ours is left on it then
                pass
            client.close()
        cluster, self.cluster = self.cluster, None
        if cluster is not None:
            cluster.close()


def _local_cluster(address: str):
    from distributed import LocalCluster

    try:
        n = int(address.split(":", 1)[1])
    except ValueError:
        n = 0
    if n < 1:
        raise ClusterError(f"--cluster {address}: expected local:N with N >= 1 worker processes")
    import dask.config

    # The worker processes inherit this configuration: no statistical profiler walking the coding
    # thread's stack, a slower event-loop tick, so the loop thread takes the GIL less often, and
    # glibc's own malloc trimming (Dask's 64 KiB threshold makes every large parse array an
    # mmap/munmap pair: 0.71-0.77x the local engine's throughput with it, 0.87x without).
    with dask.config.set(_QUIET_WORKERS):
        return LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                            silence_logs=40)


_QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
