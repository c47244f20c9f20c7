"""The `tocsin` command. Typed errors become one line on stderr and exit code 2."""

from __future__ import annotations

import errno
import itertools
import logging
import os
import signal
import sys
from pathlib import Path

import click

from tocsin import __version__
from tocsin.config import Config, check_day
from tocsin.errors import TocsinError
from tocsin.model import Failure

EXIT_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
EXIT_WRITE = 1  # the output could not be written (a full disk): not the input's fault
_CANNOT_WRITE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}
_DISK_FULL = os.strerror(errno.ENOSPC)  # "No space left on device", as database engines report it too


def _fail(message: str) -> None:
    click.echo(f"tocsin: error: {message}", err=True)
    sys.exit(EXIT_INPUT)


class _Group(click.Group):
    """Turns any TocsinError raised by a command into one line and exit code 2, and Ctrl-C into one
    line and exit code 130 (the store commits whole batches, so what it holds stays whole)."""

    def invoke(self, ctx):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # here, so that a full disk is reported like any other write
            return result
        except TocsinError as err:
            _fail(str(err))
        except KeyboardInterrupt:
            _interrupted()
        except Exception as err:
            _end_on(err)
            raise


def _end_on(err: Exception) -> None:
    """Exit with one line for what is not a bug: Ctrl-C inside a DuckDB query, a full disk."""
    # DuckDB turns a Ctrl-C during a query into InterruptException, or into RuntimeError("Query
    # interrupted") when the signal lands while it fetches the result.
    if type(err).__name__ == "InterruptException" or (isinstance(err, RuntimeError)
                                                       and str(err) == "Query interrupted"):
        _interrupted()
    if isinstance(err, OSError):
        if err.errno not in _CANNOT_WRITE:
            return  # a closed pipe (`| head`) is click's to end quietly
        where = f"{err.filename}: " if err.filename else ""
        click.echo(f"tocsin: error: cannot write the output: {where}{err.strerror}", err=True)
        _drop_stdout()
        sys.exit(EXIT_WRITE)
    if _DISK_FULL in str(err):
        # The database engine's own error (DuckDB, PostgreSQL): the batch being written was rolled
        # back, what was committed before stays.
        click.echo(f"tocsin: error: cannot write the database: {_DISK_FULL.lower()}; what was stored before is"
                   " kept: free some space and run the command again", err=True)
        sys.exit(EXIT_WRITE)


def _interrupted() -> None:
    # A second Ctrl-C (or one DuckDB passes on late) must not turn the clean exit into a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    click.echo("tocsin: interrupted; what was already stored is kept, run the command again to go on", err=True)
    sys.exit(EXIT_INTERRUPTED)


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout without a descriptor (a test runner's buffer)
        pass


class _EchoWarnings(logging.Handler):
    """tocsin's warnings as the CLI's other lines ("tocsin: warning: ..."), on the stderr of the moment."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"tocsin: {record.levelname.lower()}: {record.getMessage()}", err=True)


def _log_warnings() -> None:
    logger = logging.getLogger("tocsin")
    if not any(isinstance(h, _EchoWarnings) for h in logger.handlers):
        logger.addHandler(_EchoWarnings(logging.WARNING))


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="tocsin")
def main():
    """tocsin: news in, verifiable PLOVER event data out."""
    _log_warnings()


@main.command()
def schema():
    """Print the JSON Schema of the output Document."""
    from tocsin.model import json_schema

    click.echo(json_schema())


@main.command()
@click.argument("source")
@click.option("--published", help="Publication date YYYY-MM-DD (overrides the article's metadata).")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "jsonl", "plover", "table"]), default="json", show_default=True,
    help="json: the whole Document (a batch: one a line); jsonl: one event a line; plover: strict PLOVER"
         " records; table: for reading.")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor dictionary (YAML, format of examples/actors.yaml); repeatable.")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra event lexicon (YAML, see tocsin/data/lexicon/README.md); repeatable.")
@click.option("--boilerplate", "boilerplate_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra boilerplate patterns: an outlet's captions, credits, teasers (YAML); repeatable.")
@click.option("--places", "places_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra places: seas, regions, islands (YAML, format of tocsin/data/places.yaml); repeatable.")
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback, private or link-local addresses.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes coding a corpus (output stays in input order).")
def code(source, published, fmt, actors_files, lexicon_files, boilerplate_files, places_files, allow_private,
         workers):
    """Code SOURCE: a .txt/.html file, a URL, or - for stdin (one article); a JSON Lines file
    (.jsonl[.gz], .ndjson, .json), a directory, a .warc[.gz] crawl or an RSS/Atom feed (a batch: one
    compact Document a line with --format json)."""
    from tocsin.ingest import is_batch, read
    from tocsin.output import write_document
    from tocsin.pipeline import check_user_data, code_articles

    config = Config(
        published=check_day(published),
        actors_files=tuple(actors_files),
        lexicon_files=tuple(lexicon_files),
        boilerplate_files=tuple(boilerplate_files),
        places_files=tuple(places_files),
    )
    check_user_data(config)
    failures = 0
    documents = 0
    items = read(source, published=config.published, allow_private=allow_private)
    # A batch prints one compact Document a line (JSON Lines); a single article prints indented JSON.
    # A URL is a batch when it turns out to be a feed of several entries.
    first = list(itertools.islice(items, 2))
    batch = is_batch(source) or len(first) > 1
    items = itertools.chain(first, items)
    for item in code_articles(items, config, workers=workers if batch else 1):
        if isinstance(item, Failure):
            failures += 1
            # one article refused is the command's error; in a batch it is one document skipped
            click.echo(f"tocsin: {'skipped' if batch else 'error'}: {item.message}", err=True)
            continue
        documents += 1
        write_document(item, fmt, sys.stdout, indent=None if batch else 2)
    if failures and not documents:
        sys.exit(EXIT_INPUT)
    if failures:
        click.echo(f"tocsin: {documents} document(s) coded, {failures} skipped", err=True)
        sys.exit(EXIT_INPUT)


@main.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--articles", "article_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="For article gold: the articles (coded now), or `tocsin code` output for them; repeatable. "
                   "Default: x.articles.jsonl beside each x.gold.jsonl.")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra event lexicon (YAML); repeatable.")
@click.option("--errors", "show_errors", type=click.IntRange(0), default=0,
              help="Also print up to N errors: misclassified dyads per type, or missed and spurious article events.")
def eval_command(gold, article_files, lexicon_files, show_errors):
    """Score the event coder on GOLD.jsonl: PLOVER dyads (per-type P/R/F1, macro-F1, confusion) or
    event mentions of whole articles (recall, precision, F1, per type, actor-code accuracy)."""
    from tocsin.events.evaluate_articles import is_mention_gold

    from tocsin.pipeline import check_user_data

    config = Config(lexicon_files=tuple(lexicon_files))
    check_user_data(config)
    kinds = {is_mention_gold(path) for path in gold}
    if len(kinds) > 1:
        _fail("give either dyad gold or article gold, not both")
    if kinds == {True}:
        from tocsin.events.evaluate_articles import (article_errors, articles_beside, evaluate_articles,
                                                     format_article_report)

        articles = list(article_files) or [articles_beside(path) for path in gold]
        report = evaluate_articles(list(gold), articles, config)
        click.echo(format_article_report(report))
        lines = article_errors(report, show_errors) if show_errors else []
    else:
        if article_files:
            _fail("--articles goes with article gold (one event mention a line, with article_id)")
        from tocsin.events.evaluate import errors, evaluate, format_report

        report = evaluate(list(gold), config)
        click.echo(format_report(report))
        lines = errors(report, show_errors) if show_errors else []
    if lines:
        click.echo("")
        for line in lines:
            click.echo(line)


def _register_corpus_commands() -> None:
    from tocsin.corpus.commands import COMMANDS
    from tocsin.watch.commands import COMMANDS as WATCH_COMMANDS

    for command in COMMANDS + WATCH_COMMANDS:
        main.add_command(command)


_register_corpus_commands()

if __name__ == "__main__":
    main()
