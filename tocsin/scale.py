"""Ingest a corpus into the store: read, skip what is stored, code in workers, write in batches.

Safe to kill at any point: every batch (articles with all their rows, plus failures) is one
transaction, and an article is keyed by the hash of its text, so a rerun skips what was
committed and codes the rest; nothing is lost and nothing doubled.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from tocsin import __version__
from tocsin.config import DEFAULT, Config
from tocsin.errors import TocsinError
from tocsin.model import Article, Document, Failure
from tocsin.store import DEFAULT_DB, Store, open_store
from tocsin.store.provenance import content_hash, lexicon_hash
from tocsin.store.rows import Provenance
from tocsin.store.writer import Coded
from tocsin.workers import code_parallel

BATCH_SIZE = 64  # articles per transaction
_URL = re.compile(r"^https?://", re.I)
_FEED_HINT = re.compile(r"(rss|atom|feed)|\.xml$", re.I)


@dataclass
class Summary:
    read: int = 0
    added: int = 0
    present: int = 0
    failures: int = 0
    events: int = 0
    stories: int = 0
    seconds: float = 0.0
    failure_reasons: dict[str, int] = field(default_factory=dict)

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0


def read_sources(sources: Iterable[str], *, published: str | None = None,
                 allow_private: bool = False) -> Iterator[Article | Failure]:
    """Every Article of every source; a source that cannot be read at all becomes one Failure."""
    from tocsin.ingest import read
    from tocsin.ingest.rss import looks_like_feed, read_feed

    for source in sources:
        try:
            if _is_feed(source, looks_like_feed):
                items = read_feed(source, allow_private=allow_private)
                if published:
                    items = (i.model_copy(update={"published": published}) if isinstance(i, Article) else i
                             for i in items)
            else:
                items = read(source, published=published, allow_private=allow_private)
            yield from items
        except TocsinError as err:
            yield Failure(source=source, reason=err.reason, message=str(err))


def _is_feed(source: str, sniff: Callable[[bytes], bool]) -> bool:
    if _URL.match(source):
        return bool(_FEED_HINT.search(source.split("?", 1)[0]))
    path = Path(source)
    if path.suffix.lower() in (".rss", ".atom"):
        return True
    if path.suffix.lower() == ".xml" and path.is_file():
        with path.open("rb") as stream:
            return sniff(stream.read(2048))
    return False


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest(
    sources: Iterable[str],
    db: str | Path = DEFAULT_DB,
    *,
    workers: int = 1,
    config: Config = DEFAULT,
    allow_private: bool = False,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[Summary], None] | None = None,
    store: Store | None = None,
) -> Summary:
    """Ingest `sources` into the store at `db` (a DuckDB path or a postgresql:// URL)."""
    sources = list(sources)
    own = store is None
    store = store or open_store(db)
    summary = Summary()
    start = time.perf_counter()
    prov = Provenance(__version__, lexicon_hash(config))
    prov = Provenance(prov.coder_version, prov.lexicon_hash, store.start_run(sources, prov))
    failures: list[Failure] = []

    def tick() -> None:
        summary.seconds = time.perf_counter() - start
        if on_progress:
            on_progress(summary)

    def fail(item: Failure) -> None:
        failures.append(item)
        summary.failures += 1
        summary.failure_reasons[item.reason] = summary.failure_reasons.get(item.reason, 0) + 1

    def to_code() -> Iterator[Article]:
        # Articles already stored are not coded again: one lookup per batch of reads.
        for batch in _batches(read_sources(sources, published=config.published, allow_private=allow_private),
                              batch_size):
            articles = [a for a in batch if isinstance(a, Article)]
            for item in batch:
                if isinstance(item, Failure):
                    summary.read += 1
                    fail(item)
            if len(failures) >= batch_size:  # a source of nothing but bad documents still commits
                flush([])
            present = store.existing([content_hash(a) for a in articles])
            for article in articles:
                if content_hash(article) in present:
                    summary.read += 1
                    summary.present += 1
                    tick()
                else:
                    yield article

    def flush(coded: list[Coded]) -> None:
        result = store.write(coded, failures, prov)
        summary.added += result.added
        summary.present += result.present
        summary.events += result.events
        coded.clear()
        failures.clear()

    try:
        coded: list[Coded] = []
        for article, result in code_parallel(to_code(), config, workers=workers):
            summary.read += 1
            if isinstance(result, Document):
                coded.append(Coded(content_hash(article), article.source, result))
            else:
                fail(result)
            if len(coded) + len(failures) >= batch_size:
                flush(coded)
            tick()
        flush(coded)
        summary.stories = store.rebuild_stories()
        store.finish_run(prov.run_id, summary.added, summary.present, summary.failures)
        tick()
    finally:
        if own:
            store.close()
    return summary
