"""Turn chunks of work items into store rows: what every engine's workers run (tocsin.corpus.engines).

The parent hands out what it can make for nearly nothing: raw JSONL lines (bytes, with their file
and line number), or Articles that a reader already had to build (HTML pages, feeds, WARC records).
Workers do everything else: decode and repair the text (ftfy), hash it, skip what the store already
holds, code it, and turn the Document into the rows of the store's tables. They send back small
tuples of plain values, so the parent, which shares the cores with them, has almost nothing to do
but insert (measured: its share fell from 25-40% of a core to a few percent; see
benchmarks/ingest_scale.py).

A worker needs a Context (config, provenance, which articles the store holds) and a warm
pipeline: the local engine sets both in the parent before forking, the Dask engine in a worker
plugin when a worker starts.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one BLAS thread per process: workers are the threads

import gc
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from tocsin.config import DEFAULT, Config
from tocsin.errors import TocsinError
from tocsin.model import Article, Document, Failure
from tocsin.store.provenance import content_hash
from tocsin.store.rows import SOURCES, Provenance, document_rows, source_row

CHUNK_SIZE = 16


@dataclass(frozen=True, slots=True)
class Line:
    """One raw line of a JSONL file; a worker parses it exactly as `tocsin.ingest.jsonl` does."""

    source: str  # the file, as read_jsonl names it in Failures and Article.source
    name: str  # prefix of the default id `<name>:<line>`
    number: int
    raw: bytes


Item = Line | Article | Failure


class Result(NamedTuple):
    """What a worker sends back for one item (plain values: cheap to pickle)."""

    doc_id: str | None  # the article's id; None when the item could not be read
    article_id: str | None  # content hash; None when the item could not be read
    rows: dict[str, list[tuple]] | None  # the article as table rows (or, for an engine whose workers write
    # them, a stand-in for rows a worker holds); None if stored already or failed
    failure: Failure | None


@dataclass(frozen=True)
class Context:
    config: Config
    prov: Provenance
    known: Collection[str] = frozenset()  # content hashes stored before the run: not coded again


_context: Context | None = None  # set in the parent before forking, so workers inherit it


def chunks(items: Iterable, size: int = CHUNK_SIZE) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _read(item: Line | Article, config: Config) -> Article | Failure:
    if isinstance(item, Article):
        return item
    from tocsin.ingest.jsonl import parse_line  # the reader's own per-line logic, so both read alike

    try:
        article = parse_line(item.raw, item.number, name=item.name, source=item.source)
    except TocsinError as err:
        return Failure(source=item.source, reason=err.reason, message=str(err), line=item.number)
    if config.published:  # as tocsin.ingest.read does for every source
        article = article.model_copy(update={"published": config.published})
    return article


def process_chunk(chunk: list[Item], context: Context | None = None) -> list[Result]:
    """Read, skip, code and turn into rows one chunk of items (in a worker, or in-process)."""
    ctx = context or _context
    if ctx is None:
        raise RuntimeError("tocsin.corpus.workers.start() was not called")
    results: list[Result | None] = [None] * len(chunk)
    todo: list[tuple[int, Article, str]] = []
    for i, item in enumerate(chunk):
        article = item if isinstance(item, Failure) else _read(item, ctx.config)
        if isinstance(article, Failure):
            results[i] = Result(None, None, None, article)
            continue
        key = content_hash(article)
        if key in ctx.known:  # not coded again; only this copy's outlet, URL and date are stored
            results[i] = Result(article.id, key, {SOURCES: [source_row(key, article, article.source, ctx.prov.run_id)]},
                                None)
        else:
            todo.append((i, article, key))
    articles = [a for _, a, _ in todo]
    try:
        coded = _code(articles, ctx.config)
    except Exception as err:  # a bug in a stage must not end a corpus run
        coded = _failed(articles, err)
    for (i, article, key), doc in zip(todo, coded):
        if isinstance(doc, Document):
            results[i] = Result(article.id, key, document_rows(doc, key, article.source, ctx.prov), None)
        else:
            if doc.line is None and isinstance(chunk[i], Line):  # a JSONL line's failure names its line
                doc = doc.model_copy(update={"line": chunk[i].number})
            results[i] = Result(article.id, key, None, doc)
    return results  # type: ignore[return-value]


def _code(articles: list[Article], config: Config) -> list[Document | Failure]:
    from tocsin.pipeline import code_articles

    if not articles:
        return []
    results = list(code_articles(articles, config, batch_size=len(articles)))
    if len(results) != len(articles):  # code_articles yields one result per article, in order
        raise RuntimeError(f"coded {len(results)} results for {len(articles)} articles")
    return results


def _failed(articles: list[Article], err: BaseException) -> list[Failure]:
    message = f"{type(err).__name__}: {err}"
    return [Failure(source=a.source or a.id, reason="coding_error", message=message) for a in articles]


def failed_chunk(chunk: list[Item], err: BaseException | str, reason: str = "coding_error") -> list[Result]:
    """Every item of a chunk that could not be coded (its worker died, its result was lost) as a Failure."""
    message = err if isinstance(err, str) else f"{type(err).__name__}: {err}"
    out = []
    for item in chunk:
        if isinstance(item, Failure):
            out.append(Result(None, None, None, item))
        else:
            source = item.source or (item.id if isinstance(item, Article) else "")
            line = item.number if isinstance(item, Line) else None
            out.append(Result(None, None, None, Failure(source=source, reason=reason, message=message, line=line)))
    return out


def warm_up(config: Config = DEFAULT) -> None:
    """Load spaCy and every stage's data now, so forked workers share them instead of loading each."""
    from tocsin.pipeline import code_article

    # A place, a date and a quote, so that the gazetteer and the date and speech data load too.
    text = ('Officials in Paris said on Monday that talks with Germany would resume in Berlin on 3 March. '
            '"We are ready," the foreign minister told reporters.')
    code_article(Article(id="warm-up", text=text, published="2025-01-06"), config)
    # What is loaded now lives as long as the process: keep the collector from scanning it again and
    # again (and, in forked workers, from touching pages they share with the parent).
    gc.collect()
    gc.freeze()


def start(context: Context) -> None:
    """Set what every chunk in this process needs (config, provenance, stored hashes)."""
    global _context
    _context = context
