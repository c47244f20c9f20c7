"""Where chunks of work are coded: worker processes on this machine, or a Dask cluster.

Every engine does the same small job behind one interface: `start` gives the workers what each
chunk needs (a Context) and warms their pipeline, `run` codes chunks of raw work items and yields
`(chunk, results)` in input order with a bounded number of chunks in flight, `write` stores a batch
of their rows (here, or where the rows are), `close` lets go of the workers. Readers before and the store writer after are the same for every engine, so a
cluster ingest stores exactly what a local one does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from tocsin.corpus.workers import Context, Item, Result
from tocsin.model import Failure
from tocsin.store.writer import BatchResult, Store

MAX_ATTEMPTS = 3  # a chunk whose worker died this many times fails (reason "worker_died"): it may be what kills them


class Engine(Protocol):
    description: str

    def start(self, context: Context) -> None: ...

    def run(self, chunks: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[Result]]]: ...

    def write(self, store: Store, rows: list, failures: list[Failure], run_id: str | None) -> BatchResult: ...

    def close(self) -> None: ...


def engine_for(cluster: str | None = None, workers: int = 1, db: str | None = None) -> Engine:
    """The local engine with `workers` processes, or the Dask engine for `cluster`
    (`tcp://HOST:PORT` of a running scheduler, or `local:N` for a cluster of N processes here),
    whose workers write to the store `db` themselves when it is a PostgreSQL server."""
    if not cluster:
        from tocsin.corpus.engines.local import LocalEngine

        return LocalEngine(workers)
    from tocsin.corpus.engines.cluster import DaskEngine

    return DaskEngine(cluster, db)
