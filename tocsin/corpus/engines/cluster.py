"""The Dask engine: chunks of raw work coded on a Dask cluster (`dask.distributed`).

`tcp://HOST:PORT` joins a running scheduler (its workers need tocsin installed); `local:N` starts a
LocalCluster of N worker processes on this machine. A worker plugin gives every worker, including
one that joins or restarts mid-run, the run's Context and loads the pipeline once when it starts,
so tasks carry only raw chunks (JSONL lines, or Articles a reader built) and return store rows.

Rows come back to this process, which writes them in batches as with the local engine: the store
has one writer, so DuckDB works, and a cluster run stores exactly what a local one stores. At most
`4 * threads` chunks are in flight (as the local engine), and results are taken in input order. A worker that dies has
its chunks rerun by the scheduler elsewhere (their rows were never written, so nothing doubles);
a chunk that killed several workers (Dask's `allowed-failures`) is recorded as failed
("worker_died"), in case it is what kills them.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterable, Iterator

from distributed.diagnostics.plugin import WorkerPlugin

from tocsin.corpus.workers import Context, Item, Result, failed_chunk, process_chunk, warm_up
from tocsin.errors import ClusterError

_contexts: dict[str, Context] = {}  # in a worker process: the Context of each run it serves


def code_chunk(run: str, chunk: list[Item]) -> list[Result]:
    """The task: one chunk of one run, coded in a worker that the run's plugin set up."""
    context = _contexts.get(run)
    if context is None:
        raise RuntimeError(f"this worker was not set up for run {run}")
    return process_chunk(chunk, context)


class WarmWorker(WorkerPlugin):
    """Sets a worker up for one run: its Context, spaCy and the stages' data, loaded once."""

    def __init__(self, run: str, context: Context):
        self.run, self.context = run, context

    def setup(self, worker) -> None:
        _contexts[self.run] = self.context
        warm_up(self.context.config)

    def teardown(self, worker) -> None:
        _contexts.pop(self.run, None)


class DaskEngine:
    def __init__(self, address: str):
        self.address = address
        self.description = f"Dask cluster {address}"
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
        except (OSError, TimeoutError) as err:
            self.close()
            raise ClusterError(f"cannot use the Dask cluster {self.address}: {err}") from None
        self.client.register_plugin(WarmWorker(self.run_id, context), name=f"tocsin-{self.run_id}")
        self.slots = max(1, sum(self.client.nthreads().values()))
        self.description = f"Dask cluster {self.address} ({len(self.client.nthreads())} workers)"

    def run(self, chunks: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[Result]]]:
        window: deque = deque()
        submit = self.client.submit
        for chunk in chunks:
            # pure=False: two equal chunks (the same file given twice) are two tasks, in order.
            window.append((chunk, submit(code_chunk, self.run_id, chunk, pure=False)))
            while len(window) >= 4 * self.slots:
                yield self._next(window)
        while window:
            yield self._next(window)

    def _next(self, window: deque) -> tuple[list[Item], list[Result]]:
        from distributed import KilledWorker
        from distributed.comm.core import CommClosedError

        chunk, future = window.popleft()
        try:
            return chunk, future.result()
        except KilledWorker:
            return chunk, failed_chunk(chunk, "the workers coding this chunk kept dying", "worker_died")
        except (CommClosedError, OSError) as err:
            raise ClusterError(f"lost the Dask scheduler {self.address} ({err}); rerun to resume") from None
        except Exception as err:  # raised in the task: the chunk fails, the run goes on
            return chunk, failed_chunk(chunk, err)
        finally:
            future.release()

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
    return LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0",
                        silence_logs=40)
