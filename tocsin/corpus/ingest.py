"""Ingest a corpus into the store: hand out raw work, code it on an engine, write rows in batches.

The parent does as little as it can, since it shares the cores with the workers: for a JSONL file
it only splits lines (workers decode, repair, hash and code them); other sources (HTML files,
feeds, WARC, URLs) are read here and their Articles handed out. The engine (worker processes here,
or a Dask cluster: tocsin.corpus.engines) sends back table rows in input order, which the parent
inserts; the story rebuild at the end only reclusters the story keys the run touched.

Safe to kill at any point: every batch (articles with all their rows, plus failures) is one
transaction, and an article is keyed by the hash of its text, so a rerun skips what was
committed and codes the rest; nothing is lost and nothing doubled.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tocsin import __version__
from tocsin.config import DEFAULT, Config
from tocsin.errors import EmptyInput, InputNotFound, MalformedInput, TocsinError, TooLarge
from tocsin.model import Article, Failure
from tocsin.store import DEFAULT_DB, Store, open_store
from tocsin.store.provenance import lexicon_hash
from tocsin.store.rows import Provenance, Rows
from tocsin.corpus.engines import Engine, engine_for
from tocsin.corpus.workers import Context, Item, Line, Result, chunks

BATCH_SIZE = 256  # articles per transaction: fewer, larger inserts keep the parent's share small
MAX_BYTES = 20_000_000  # per JSONL line, as tocsin.ingest.read
MAX_MESSAGES = 20  # failure messages kept for the summary; all of them are in the failures table
_URL = re.compile(r"^https?://", re.I)


@dataclass
class Summary:
    read: int = 0
    added: int = 0
    present: int = 0
    failures: int = 0
    events: int = 0
    stories: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0  # loading spaCy and the stages' data, before the first article
    stories_seconds: float = 0.0  # the story rebuild at the end
    failure_reasons: dict[str, int] = field(default_factory=dict)
    failure_messages: list[str] = field(default_factory=list)  # the first MAX_MESSAGES
    engine: str = ""
    lake_rows: dict[str, int] = field(default_factory=dict)  # rows written to the Parquet lake, per table

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    @property
    def steady_articles_per_second(self) -> float:
        """Throughput without the fixed start-up (what grows with the corpus)."""
        busy = self.seconds - self.startup_seconds
        return self.read / busy if busy > 0 else 0.0


def read_sources(sources: Iterable[str], *, published: str | None = None,
                 allow_private: bool = False) -> Iterator[Article | Failure]:
    """Every Article of every source; a source that cannot be read at all becomes one Failure.
    (`tocsin.ingest.read` knows feeds: .rss/.atom files, .xml files and URLs that are feeds.)"""
    from tocsin.ingest import read

    for source in sources:
        try:
            yield from read(source, published=published, allow_private=allow_private)
        except TocsinError as err:
            yield Failure(source=source, reason=err.reason, message=str(err))


def _is_jsonl(source: str) -> bool:
    from tocsin.ingest.registry import is_jsonl

    return not _URL.match(source) and is_jsonl(Path(source)) and Path(source).is_file()


def jsonl_lines(source: str, max_bytes: int = MAX_BYTES) -> Iterator[Line | Failure]:
    """The non-blank lines of a JSONL file, raw, for workers to parse (see tocsin.ingest.jsonl)."""
    # the reader's own line splitting (long lines skipped) and opening (.gz read through gzip)
    from tocsin.ingest.jsonl import GZIP_ERRORS, batch_name, open_jsonl, split_lines, unreadable_rest

    path = Path(source)
    name, where = batch_name(path), str(path)
    any_line = False
    number = 0
    try:
        with open_jsonl(path) as stream:
            for number, raw in split_lines(stream, max_bytes):
                if raw is not None and not raw.strip():
                    continue
                any_line = True
                if raw is None:
                    err = TooLarge(f"{where} line {number}: longer than {max_bytes} bytes")
                    yield Failure(source=where, reason=err.reason, message=str(err), line=number)
                else:
                    yield Line(where, name, number, raw)
    except GZIP_ERRORS as err:
        if isinstance(err, OSError) and err.errno is not None:  # the file itself cannot be read
            yield Failure(source=source, reason=InputNotFound.reason, message=f"{where}: cannot read ({err.strerror})")
        else:  # a damaged or cut .gz: the lines before the damage are coded
            yield unreadable_rest(where, number, err)
        return
    if not any_line:
        err = EmptyInput(f"{where}: the JSONL file has no lines")
        yield Failure(source=source, reason=err.reason, message=str(err))


def work_items(sources: Iterable[str], *, published: str | None = None,
               allow_private: bool = False) -> Iterator[Item]:
    """What the workers get: raw lines of JSONL files, Articles (or Failures) of every other source."""
    for source in sources:
        if _is_jsonl(source):
            yield from jsonl_lines(source)
        else:
            yield from read_sources([source], published=published, allow_private=allow_private)


class _DuplicateIds:
    """A JSONL id seen twice in one file fails on its later line, as tocsin.ingest.jsonl says.

    Lines arrive in order, so a new file (or the same one given again) starts a new scope.
    """

    def __init__(self) -> None:
        self.first: dict[str, int] = {}
        self.last: tuple[str, int] = ("", 0)

    def check(self, line: Line, doc_id: str) -> Failure | None:
        if line.source != self.last[0] or line.number <= self.last[1]:
            self.first = {}
        self.last = (line.source, line.number)
        seen = self.first.setdefault(doc_id, line.number)
        if seen == line.number:
            return None
        err = MalformedInput(f"{line.source} line {line.number}: duplicate id {doc_id!r} (first on line {seen})")
        return Failure(source=line.source, reason=err.reason, message=str(err), line=line.number)


def ingest(
    sources: Iterable[str],
    db: str | Path = DEFAULT_DB,
    *,
    workers: int = 1,
    cluster: str | None = None,
    config: Config = DEFAULT,
    allow_private: bool = False,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[Summary], None] | None = None,
    store: Store | None = None,
    engine: Engine | None = None,
    parquet: str | Path | None = None,
) -> Summary:
    """Ingest `sources` into the store at `db` (a DuckDB path or a `postgresql://` URL), coding on
    `workers` local processes, or on the Dask cluster `cluster` (`tcp://HOST:PORT` or `local:N`);
    then bring the Parquet lake at `parquet` (tocsin.corpus.lake), if given, up to date."""
    from tocsin.pipeline import check_user_data

    check_user_data(config)  # a bad --actors/--lexicon/... file is one error, not a failure of every article
    sources = list(sources)
    engine = engine or engine_for(cluster, workers, str(db))
    own = store is None
    store = store or open_store(db)
    summary = Summary()
    started = time.perf_counter()
    prov = Provenance(__version__, lexicon_hash(config))
    prov = Provenance(prov.coder_version, prov.lexicon_hash, store.start_run(sources, prov))
    rows: list[tuple[str, Rows]] = []
    failures: list[Failure] = []
    duplicates = _DuplicateIds()

    def tick() -> None:
        summary.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(summary)

    def fail(item: Failure) -> None:
        failures.append(item)
        summary.failures += 1
        summary.failure_reasons[item.reason] = summary.failure_reasons.get(item.reason, 0) + 1
        if len(summary.failure_messages) < MAX_MESSAGES:
            summary.failure_messages.append(item.message)

    def flush() -> None:
        result = engine.write(store, rows, failures, prov.run_id)
        summary.added += result.added
        summary.present += result.present
        summary.events += result.events
        rows.clear()
        failures.clear()

    def take(item: Item, result: Result) -> None:
        summary.read += 1
        failure = result.failure
        if isinstance(item, Line) and result.doc_id is not None:
            failure = duplicates.check(item, result.doc_id) or failure
        if failure is not None:
            fail(failure)
        elif result.rows is None:
            summary.present += 1  # stored by an earlier run: not coded again
        else:
            rows.append((result.article_id, result.rows))

    try:
        # Stored hashes go to the workers: they skip those articles unasked.
        engine.start(Context(config, prov, store.article_ids()))
        summary.engine = engine.description
        summary.startup_seconds = time.perf_counter() - started
        items = work_items(sources, published=config.published, allow_private=allow_private)
        for chunk, results in engine.run(chunks(items)):
            for item, result in zip(chunk, results):
                take(item, result)
                if len(rows) + len(failures) >= batch_size:
                    flush()
            tick()
        flush()
        stories_started = time.perf_counter()
        summary.stories = store.rebuild_stories()
        summary.stories_seconds = time.perf_counter() - stories_started
        store.finish_run(prov.run_id, summary.added, summary.present, summary.failures)
        if parquet is not None:
            from tocsin.corpus.lake import update_lake

            summary.lake_rows = update_lake(store.backend, parquet)
        tick()
    finally:
        engine.close()
        if own:
            store.close()
    return summary
