"""Readers that turn a source (file, directory, URL or stdin) into `Article`s.

`read` picks the reader: `-` is stdin, `http(s)://` a URL, a directory is walked, and a file is
read by its suffix (see `registry`). One source raises a typed error; a batch (JSONL file or
directory) yields a `Failure` for each bad document and goes on.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from tocsin.errors import InputNotFound, TooLarge
from tocsin.ingest.directory import read_directory
from tocsin.ingest.files import bytes_article
from tocsin.ingest.registry import Options, is_single_document, read_file, register
from tocsin.ingest.url import fetch, page_article
from tocsin.model import Article, Failure

__all__ = ["read", "register", "Options", "is_batch", "is_feed"]

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def _warc_file(path, name, options):
    from tocsin.ingest.warc import warc_file  # warcio is imported only for WARC input

    return warc_file(path, name, options)


def _feed_file(path, name, options):
    from tocsin.ingest.rss import feed_file  # feedparser is imported only for feeds

    return feed_file(path, name, options)


for _suffix in (".warc", ".warc.gz", ".arc", ".arc.gz"):
    register(_suffix, _warc_file)
for _suffix in (".rss", ".atom"):
    register(_suffix, _feed_file)


def is_feed(source: str) -> bool:
    """An RSS/Atom feed file: .rss, .atom, or an .xml file that is one. (A URL is known to be a feed
    only once fetched: `read` tells by its content.)"""
    from tocsin.ingest.rss import looks_like_feed

    if _URL.match(source):
        return False
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in (".rss", ".atom"):
        return True
    if suffix == ".xml" and path.is_file():
        try:
            with path.open("rb") as stream:
                return looks_like_feed(stream.read(2048))
        except OSError:
            return False
    return False


def is_batch(source: str) -> bool:
    """A file or directory of many documents (a directory, JSONL, WARC, a feed) rather than one article."""
    if source == "-" or _URL.match(source):
        return False
    path = Path(source)
    return path.is_dir() or is_feed(source) or (path.is_file() and not is_single_document(path))


def read(
    source: str,
    *,
    published: str | None = None,
    allow_private: bool = False,
    max_bytes: int = 20_000_000,
    timeout: float = 10.0,
) -> Iterator[Article | Failure]:
    """Yield the Articles of `source`; `published` (YYYY-MM-DD) overrides any date found in it."""
    options = Options(max_bytes=max_bytes, allow_private=allow_private, timeout=timeout)
    for item in _dispatch(source, options):
        if published and isinstance(item, Article):
            item = item.model_copy(update={"published": published})
        yield item


def _dispatch(source: str, options: Options) -> Iterator[Article | Failure]:
    if source == "-":
        yield _read_stdin(options.max_bytes)
    elif is_feed(source):
        from tocsin.ingest.rss import read_feed

        yield from read_feed(source, allow_private=options.allow_private, max_bytes=options.max_bytes,
                             timeout=options.timeout)
    elif _URL.match(source):  # any scheme: fetch refuses what is not http(s)
        yield from _read_url(source, options)
    else:
        path = Path(source)
        if path.is_dir():
            yield from read_directory(path, options)
        elif path.exists():
            yield from read_file(path, path.stem, options)
        else:
            raise InputNotFound(f"{source}: no such file or directory")


def _read_url(url: str, options: Options) -> Iterator[Article | Failure]:
    """A page's article, or a feed's entries when the page is an RSS/Atom feed (told by its content)."""
    from tocsin.ingest.rss import looks_like_feed, parse_feed

    page = fetch(url, allow_private=options.allow_private, max_bytes=options.max_bytes, timeout=options.timeout)
    if page.kind in ("xml", "text", None) and looks_like_feed(page.body):
        yield from parse_feed(page.body, url)
    else:
        yield page_article(page, url)


def _read_stdin(max_bytes: int) -> Article:
    stream = getattr(sys.stdin, "buffer", None)  # None when stdin is closed (`<&-`)
    if stream is None:
        raise InputNotFound("stdin: is closed; give a file, a directory or a URL, or pipe text to -")
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, ValueError) as err:  # a closed or unreadable descriptor
        raise InputNotFound(f"stdin: cannot read ({getattr(err, 'strerror', None) or err})") from None
    if len(data) > max_bytes:
        raise TooLarge(f"stdin: more than {max_bytes} bytes")
    return bytes_article(data, id="stdin", source="stdin")
