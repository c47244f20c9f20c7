"""RSS and Atom feeds (a file or a URL) to Articles, one per entry, with feedparser.

An entry's text is its full content when the feed carries it, else its summary; the linked page
is not fetched (a feed run stays one request). Title, link, outlet (the feed's title) and the
entry's publication date come along.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import feedparser

from tocsin.errors import EmptyInput, InputNotFound, MalformedInput, NoText
from tocsin.ingest.html import html_to_text
from tocsin.ingest.text import repair
from tocsin.model import Article, Failure

MAX_BYTES = 20_000_000
_URL = re.compile(r"^https?://", re.I)


def read_feed(path_or_url: str | Path, *, allow_private: bool = False, max_bytes: int = MAX_BYTES,
              timeout: float = 10.0) -> Iterator[Article | Failure]:
    """Yield one Article (or Failure) per entry of an RSS/Atom feed file or http(s) URL."""
    source = str(path_or_url)
    data = _load(source, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout)
    yield from parse_feed(data, source)


def parse_feed(data: bytes, source: str) -> Iterator[Article | Failure]:
    """The entries of feed bytes already read (a file, or a page fetched under the URL policy).
    A well-formed feed with no entries raises EmptyInput, as an empty file or directory does."""
    feed = feed_document(data, source)
    if not feed.entries:
        raise EmptyInput(f"{source}: the feed has no items")
    outlet = _clean(feed.feed.get("title"))
    for number, entry in enumerate(feed.entries, start=1):
        try:
            yield _article(entry, number, source, outlet)
        except (NoText, MalformedInput) as err:
            yield Failure(source=source, reason=err.reason, message=str(err), line=number)


def feed_document(data: bytes, source: str):
    """feedparser's reading of a feed document, or MalformedInput when it is none."""
    try:
        # feedparser is given bytes only: it never fetches anything itself (no unchecked URL is opened).
        feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except Exception as err:  # its lenient SGML fallback trips over some broken markup (KeyError, ...)
        raise MalformedInput(f"{source}: not an RSS or Atom feed (the feed parser failed: "
                             f"{type(err).__name__})") from None
    if not feed.entries and (feed.bozo or not feed.get("version")):
        raise MalformedInput(f"{source}: not an RSS or Atom feed ({feed.get('bozo_exception', 'no entries')})")
    return feed


def _load(source: str, *, allow_private: bool, max_bytes: int, timeout: float) -> bytes:
    if _URL.match(source):
        from tocsin.ingest.url import fetch

        return fetch(source, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout).body
    from tocsin.ingest.files import read_bytes

    path = Path(source)
    if not path.is_file():
        raise InputNotFound(f"{source}: no such file")
    return read_bytes(path, max_bytes)


def _article(entry, number: int, source: str, outlet: str | None) -> Article:
    html = ""
    if entry.get("content"):
        html = max((c.get("value") or "" for c in entry.content), key=len)
    html = html or entry.get("summary") or ""
    text = html_to_text(html)
    title = _clean(entry.get("title"))
    if not text:
        raise NoText(f"{source} entry {number}: no text in the entry")
    link = entry.get("link") or None
    return Article(
        id=entry.get("id") or link or f"{source}#{number}",
        text=text,
        title=title,
        published=_date(entry),
        outlet=outlet,
        url=link,
        source=source,
    )


def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _clean(value: str | None) -> str | None:
    value = " ".join(repair(value).split()) if value else ""
    return value or None


def feed_file(path: Path, name: str, options) -> Iterator[Article | Failure]:
    """The `tocsin.ingest.registry` reader signature: `register(".rss", feed_file)`."""
    return read_feed(path, allow_private=options.allow_private, max_bytes=options.max_bytes,
                     timeout=options.timeout)


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
