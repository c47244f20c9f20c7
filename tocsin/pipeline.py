"""Runs the stages in order: clean, parse, then each stage adds its part to the Document.

A stage is a function `stage(document, parsed, config) -> None` that reads the Document built
so far (and the spaCy parse of its text) and fills its own fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from tocsin import nlp
from tocsin.clean import clean
from tocsin.config import DEFAULT, Config
from tocsin.errors import BadOption, TocsinError
from tocsin.model import Article, DocMeta, Document, Failure


def _stages() -> list[Callable]:
    # Imported late so that `tocsin schema` and ingestion never pay for the stages' data.
    from tocsin.actors import annotate as actors
    from tocsin.actors import from_context
    from tocsin.casualties import annotate as casualties
    from tocsin.events import annotate as events
    from tocsin.events.agentless import drop_agentless
    from tocsin.speech import annotate as speech
    from tocsin.speech import attribute_events
    from tocsin.when import annotate as when
    from tocsin.where import annotate as where

    return [actors, speech, events, attribute_events, when, where, from_context, drop_agentless, casualties]


# Codes an event with a place, a date and a quote, so that every stage loads the user's files.
_CHECK_TEXT = ("Venezuelan troops attacked a Colombian army post in Arauca on Monday, killing two soldiers.\n"
               "\u201cWe will respond,\u201d the Colombian defence minister said.\n")


def check_user_data(config: Config = DEFAULT) -> None:
    """Load the user's --actors, --lexicon, --boilerplate and --places files as the stages do, by
    coding one short invented article: a file that cannot be used is one BadOption naming the
    files, raised before any document is read (not a failure of every document of the batch)."""
    given = [(option, files) for option, files in (
        ("--actors", config.actors_files), ("--lexicon", config.lexicon_files),
        ("--boilerplate", config.boilerplate_files), ("--places", config.places_files)) if files]
    if not given:
        return
    try:
        # Outside a memory zone (unlike code_article): a data build that fails inside one leaves
        # spaCy strings freed under the stages' caches, and the process could code nothing after.
        document = prepare(Article(id="check", text=_CHECK_TEXT, published="2025-12-01"), config)
        annotate(document, nlp.parse(document.text), config)
    except Exception as err:
        named = "; ".join(f"{option} {', '.join(str(f) for f in files)}" for option, files in given)
        detail = " ".join(str(err).split())
        if not isinstance(err, TocsinError):
            detail = f"{type(err).__name__}: {detail}"
        raise BadOption(f"cannot use {named}: {detail}") from None


def prepare(article: Article, config: Config = DEFAULT) -> Document:
    """Clean an article into a Document holding `doc`, `text`, `removed` and `offset_map`."""
    cleaned = clean(article.text, extra_patterns=list(config.boilerplate_files))
    nlp.check_paragraphs(cleaned.text, _where(article))
    meta = DocMeta(
        id=article.id,
        title=article.title,
        published=config.published or article.published,
        outlet=article.outlet,
        url=article.url,
    )
    return Document(doc=meta, text=cleaned.text, removed=cleaned.removed, offset_map=cleaned.segments)


def _where(article: Article) -> str:
    """The article as a message names it: its source, and its id when the source is a batch."""
    if not article.source or article.id in article.source:
        return article.source or article.id
    return f"{article.source} (id {article.id})"


def annotate(document: Document, parsed, config: Config = DEFAULT) -> Document:
    for stage in _stages():
        stage(document, parsed, config)
    nlp.release(parsed)
    return document


def code_article(article: Article, config: Config = DEFAULT) -> Document:
    """Code one article: the whole pipeline on one text."""
    document = prepare(article, config)
    with nlp.memory_zone():
        return annotate(document, nlp.parse(document.text), config)


def code_articles(
    items: Iterable[Article | Failure], config: Config = DEFAULT, batch_size: int = 32, workers: int = 1
) -> Iterator[Document | Failure]:
    """Code a stream of articles in batches; a document that fails becomes a Failure, the rest go on.

    With `workers` > 1 the batches are coded in that many forked processes; the results still
    come in input order."""
    if workers > 1:
        yield from _code_in_workers(items, config, batch_size, workers)
        return
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _code_batch(batch, config)
            batch = []
    if batch:
        yield from _code_batch(batch, config)


def _code_batch(batch: list[Article], config: Config) -> Iterator[Document | Failure]:
    prepared: list[Document | Failure] = []
    for article in batch:
        try:
            prepared.append(prepare(article, config))
        except TocsinError as err:
            prepared.append(Failure(source=article.source or article.id, reason=err.reason, message=str(err)))
    documents = [d for d in prepared if isinstance(d, Document)]
    with nlp.memory_zone():
        parsed = iter(nlp.parse_many([d.text for d in documents]))
        for article, item in zip(batch, prepared):
            if isinstance(item, Failure):
                yield item
                continue
            doc = next(parsed)
            try:
                yield annotate(item, doc, config)
            except Exception as err:  # one bad document must not stop a corpus run
                yield Failure(source=article.source or article.id, reason="coding_error",
                              message=f"{type(err).__name__}: {err}")


def _code_in_workers(items: Iterable[Article | Failure], config: Config, batch_size: int,
                     workers: int) -> Iterator[Document | Failure]:
    import gc
    from functools import partial

    from tocsin.parallel import chunks, ordered_map

    # Loaded before forking, so that the workers share the model and the stages' data.
    code_article(Article(id="warm-up", text="Officials in the capital said talks would resume on Monday."), config)
    # The model and the stages' data are loaded for good: the collector need not scan them again,
    # and the forked workers then do not copy the pages a collection would touch.
    gc.freeze()
    work = partial(_code_chunk, config=config)
    # small chunks: a short corpus still spreads over every worker
    for _, results in ordered_map(work, chunks(items, min(batch_size, 8)), workers, on_error=_failed_chunk):
        yield from results


def _code_chunk(chunk: list[Article | Failure], config: Config) -> list[Document | Failure]:
    return list(code_articles(chunk, config, batch_size=len(chunk)))


def _failed_chunk(chunk: list[Article | Failure], err: BaseException) -> list[Failure]:
    message = f"{type(err).__name__}: {err}"
    return [item if isinstance(item, Failure) else
            Failure(source=item.source or item.id, reason="coding_error", message=message) for item in chunk]
