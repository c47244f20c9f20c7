"""Poll one source: ask for its listing (conditionally), keep the items not seen yet, read them.

A poll never touches the database (it runs in a thread beside the others); it gets the keys
already seen and gives back what it read. Every request goes through the host gate, which
spaces requests to one host by the source's `host_delay`, and pages are read with the URL
reader (tocsin.ingest.url), so its address policy, timeouts and size caps apply.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tocsin.errors import TocsinError
from tocsin.ingest.url import read_url
from tocsin.model import Article, Failure
from tocsin.watch import http
from tocsin.watch.discover import Item, feed_items, folder_items, sitemap_items
from tocsin.watch.sources import Source

MAX_BYTES = 20_000_000
MAX_CHILD_SITEMAPS = 20


class HostGate:
    """Spaces requests to one host: each caller reserves the next free slot, then sleeps to it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, url: str, delay: float) -> None:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + delay
        if slot > now:
            time.sleep(slot - now)


@dataclass
class Validators:
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Polled:
    source: Source
    modified: bool = True
    validators: Validators = field(default_factory=Validators)
    complete: bool = True  # every new item was read: the new validators may be kept
    articles: list[tuple[Item, Article]] = field(default_factory=list)
    files: list[Item] = field(default_factory=list)
    failures: list[tuple[Item, Failure]] = field(default_factory=list)  # items that could not be read
    listed: int = 0
    error: str | None = None  # the source itself failed


def poll(source: Source, old: Validators, seen: Collection[str], gate: HostGate, *,
         allow_private: bool = False) -> Polled:
    """Poll `source`; a failure of the source is returned in `error`, never raised."""
    result = Polled(source, validators=old)
    try:
        if source.kind == "folder":
            items = folder_items(source.folder, source.settle)
        else:
            items = _listing(source, old, gate, allow_private, result)
        result.listed = len(items)
        new = [item for item in dict((i.key, i) for i in items).values() if item.key not in seen]
        if len(new) > source.max_items:
            new, result.complete = new[: source.max_items], False
        # A slow site must not hold the whole cycle (and the other sources' news) for long.
        budget_end = time.monotonic() + source.budget
        for item in new:
            if time.monotonic() >= budget_end:
                result.complete = False  # the rest is read next cycle
                break
            _read(source, item, gate, allow_private, result)
    except TocsinError as err:
        result.error = str(err)
    except Exception as err:  # a bug or a surprise in one source must not stop the others
        result.error = f"{type(err).__name__}: {err}"
    return result


def _listing(source: Source, old: Validators, gate: HostGate, allow_private: bool, result: Polled) -> list[Item]:
    url = source.location
    gate.wait(url, source.host_delay)
    answer = http.get(url, etag=old.etag, last_modified=old.last_modified, allow_private=allow_private,
                      timeout=source.timeout, max_bytes=MAX_BYTES)
    if not answer.modified:
        result.modified = False
        return []
    result.validators = Validators(answer.etag, answer.last_modified)
    if source.kind == "feed":
        return feed_items(answer.body, url, source.follow)
    items, children = sitemap_items(answer.body, url)
    for child in children[:MAX_CHILD_SITEMAPS]:
        gate.wait(child, source.host_delay)
        page = http.get(child, allow_private=allow_private, timeout=source.timeout, max_bytes=MAX_BYTES)
        items.extend(sitemap_items(page.body, child)[0])
    return items


def _read(source: Source, item: Item, gate: HostGate, allow_private: bool, result: Polled) -> None:
    if item.path is not None:
        result.files.append(item)
        return
    if isinstance(item.article, Failure):
        result.failures.append((item, item.article))
        return
    article = item.article
    if article is None:
        gate.wait(item.url, source.host_delay)
        try:
            article = read_url(item.url, allow_private=allow_private, max_bytes=MAX_BYTES, timeout=source.timeout)
        except TocsinError as err:
            result.complete = False
            result.failures.append((item, Failure(source=item.url, reason=err.reason, message=str(err))))
            return
    # The listing names the outlet, title and date on purpose; a page's are often guesses
    # (trafilatura falls back to the host name for the outlet).
    result.articles.append((item, article.model_copy(update={
        "id": item.key,
        "title": item.title or article.title,
        "published": item.published or article.published,
        "outlet": item.outlet or article.outlet,
        "url": article.url or item.url,
    })))
