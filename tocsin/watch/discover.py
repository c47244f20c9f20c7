"""What a source lists: the items of a feed, a news sitemap, or a drop folder.

Each item has a key, remembered once it is stored so that it is never fetched again: the link
of a feed entry or sitemap URL, and for a dropped file its path, size and modification time
(a file rewritten under the same name is new).
"""

from __future__ import annotations

import time

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from lxml import etree

from tocsin.errors import MalformedInput, NoText
from tocsin.ingest.rss import _article as feed_entry_article  # the feed reader's own entry reading
from tocsin.ingest.rss import feed_document
from tocsin.model import Article, Failure

_PARTIAL = (".part", ".tmp", ".partial", ".crdownload")  # files still being written


@dataclass(frozen=True)
class Item:
    key: str
    url: str | None = None
    path: Path | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD when the listing gives it
    outlet: str | None = None
    article: Article | Failure | None = None  # a feed entry's own text, when the page is not followed


def feed_items(body: bytes, source: str, follow: bool) -> list[Item]:
    """The entries of an RSS/Atom document, newest first as the feed lists them."""
    feed = feed_document(body, source)
    outlet = " ".join((feed.feed.get("title") or "").split()) or None
    items = []
    for number, entry in enumerate(feed.entries, start=1):
        link = urljoin(source, entry["link"]) if entry.get("link") else None
        key = link or entry.get("id")
        if not key:
            continue
        article: Article | Failure | None = None
        if not follow or not link:
            try:
                article = feed_entry_article(entry, number, source, outlet)
            except (NoText, MalformedInput) as err:
                article = Failure(source=source, reason=err.reason, message=str(err), line=number)
        items.append(Item(key=key, url=link, title=entry.get("title"), published=_entry_day(entry), outlet=outlet,
                          article=article))
    return items


def _entry_day(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else None


def sitemap_items(body: bytes, source: str) -> tuple[list[Item], list[str]]:
    """The pages of a (news) sitemap, and the child sitemaps of a sitemap index."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as err:
        raise MalformedInput(f"{source}: not a sitemap ({err})") from None
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        locs = root.xpath("//*[local-name()='sitemap']/*[local-name()='loc']/text()")
        return [], [urljoin(source, loc.strip()) for loc in locs]
    if tag != "urlset":
        raise MalformedInput(f"{source}: not a sitemap (root element <{tag}>)")
    items = []
    for url in root.xpath("*[local-name()='url']"):
        loc = _text(url, "loc")
        if not loc:
            continue
        loc = urljoin(source, loc)
        published = _text(url, "publication_date") or _text(url, "lastmod")
        items.append(Item(key=loc, url=loc, title=_text(url, "title"),
                          published=published[:10] if published else None, outlet=_text(url, "name")))
    return items, []


def _text(element, name: str) -> str | None:
    found = element.xpath(f".//*[local-name()='{name}']/text()")
    return " ".join(found[0].split()) or None if found else None


def folder_items(folder: Path, settle: float = 0.0) -> list[Item]:
    """The files of a drop folder (not hidden, not half-written), oldest first.

    A file named as partial (.part, .tmp...) is being written; so may be one that changed less than
    `settle` seconds ago (a plain `cp` into the folder): both are left for a later cycle, since a
    file read half-way would be stored cut short.
    """
    if not folder.is_dir():
        raise MalformedInput(f"{folder}: the drop folder does not exist")
    items = []
    now = time.time()
    for path in folder.iterdir():
        if path.name.startswith(".") or path.name.lower().endswith(_PARTIAL) or not path.is_file():
            continue
        stat = path.stat()
        if now - stat.st_mtime < settle:
            continue
        items.append((stat.st_mtime_ns, Item(key=f"file:{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}",
                                             path=path)))
    return [item for _, item in sorted(items, key=lambda pair: (pair[0], str(pair[1].path)))]
