"""JSON Lines batches: one `{id, text, published?, title?, url?, outlet?}` object a line.

The text is read from the first of `TEXT_KEYS` that is there (news-please writes `maintext`,
schema.org `articleBody`), and the outlet from `OUTLET_KEYS` (news-please's `source_domain`).

A `text` that is HTML (a page or a body of tags) is read as the HTML reader reads it. The
publication date is read from the first of `DATE_KEYS` that has a value, so that news-please
(`date_publish`) and other crawlers' exports (`date`, schema.org's `datePublished`) keep their dates.

A bad line becomes a Failure and the batch goes on; only a missing or wholly empty file raises.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tocsin.errors import DecodeFailed, EmptyInput, MalformedInput, NoText, TocsinError, TooLarge
from tocsin.ingest.dates import day_of, normalise_date
from tocsin.ingest.html import looks_like_markup, markup_text
from tocsin.ingest.text import repair
from tocsin.model import Article, Failure

_META = ("title", "url", "outlet")
# Where a line's publication date may be, in order of preference: tocsin's own key first.
DATE_KEYS = ("published", "date_publish", "datePublished", "date_published", "date")
TEXT_KEYS = ("text", "maintext", "articleBody")
OUTLET_KEYS = ("outlet", "source_domain")


def open_jsonl(path: Path) -> BinaryIO:
    """A JSONL file's bytes; a .gz file (day.jsonl.gz) is read through gzip, never whole."""
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def batch_name(path: Path) -> str:
    """The name ids default to: day.jsonl.gz gives day."""
    name = path.name
    for suffix in (".gz", ".jsonl", ".ndjson", ".json"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


# What a damaged .gz raises while read: it becomes one failure, after the lines read before it.
GZIP_ERRORS = (OSError, EOFError, zlib.error)


def read_jsonl(path: Path, *, name: str, max_bytes: int) -> Iterator[Article | Failure]:
    """Yield one Article or Failure per non-blank line; ids default to `<name>:<line>`."""
    source = str(path)
    seen: dict[str, int] = {}
    any_line = False
    if path.name.lower().endswith(".gz"):
        name = batch_name(path)
    with open_jsonl(path) as stream:
        for number, raw in _guarded(split_lines(stream, max_bytes), source):
            if isinstance(raw, Failure):
                yield raw
                return
            if isinstance(raw, bytes) and not raw.strip():
                continue
            any_line = True
            try:
                if raw is None:
                    raise TooLarge(f"{source} line {number}: longer than {max_bytes} bytes")
                article = parse_line(raw, number, name=name, source=source)
                if article.id in seen:
                    raise MalformedInput(
                        f"{source} line {number}: duplicate id {article.id!r} (first on line {seen[article.id]})"
                    )
                seen[article.id] = number
                yield article
            except TocsinError as err:
                yield Failure(source=source, reason=err.reason, message=str(err), line=number)
    if not any_line:
        raise EmptyInput(f"{source}: the JSONL file has no lines")


def _guarded(lines: Iterator[tuple[int, bytes | None]], source: str) -> Iterator[tuple[int, bytes | None | Failure]]:
    """The lines, then a Failure in place of the rest if the file cannot be read to its end."""
    number = 0
    try:
        for number, raw in lines:
            yield number, raw
    except GZIP_ERRORS as err:
        yield number + 1, unreadable_rest(source, number, err)


def unreadable_rest(source: str, number: int, err: BaseException) -> Failure:
    """The Failure of a file that could not be read past line `number` (a damaged or cut .gz)."""
    bad = MalformedInput(f"{source}: cannot read past line {number} ({err})" if number
                         else f"{source}: not a readable gzip file ({err})")
    return Failure(source=source, reason=bad.reason, message=str(bad), line=number + 1)


def split_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines; None for a line over `max_bytes`, which is skipped without being held."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # drain the rest of the long line
                line = stream.readline(1 << 20)
            yield number, None
        else:
            yield number, line


def parse_line(raw: bytes, number: int, *, name: str, source: str) -> Article:
    where = f"{source} line {number}"
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as err:
        raise DecodeFailed(f"{where}: not UTF-8 ({err.reason} at byte {err.start})") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise MalformedInput(f"{where}: invalid JSON: {err.msg} (column {err.colno})") from None
    if not isinstance(obj, dict):
        raise MalformedInput(f"{where}: expected a JSON object, got {type(obj).__name__}")
    # the first key that holds text: an empty "text" beside a full "maintext" is no empty article
    key = next((k for k in TEXT_KEYS if isinstance(obj.get(k), str) and obj[k].strip()),
               next((k for k in TEXT_KEYS if obj.get(k) is not None), "text"))
    text = obj.get(key)
    if not isinstance(text, str):
        raise MalformedInput(f"{where}: no text field as a string (looked for {', '.join(TEXT_KEYS)})")
    text = repair(text)
    if not text.strip():
        raise EmptyInput(f"{where}: {key!r} is empty")
    if looks_like_markup(text):
        # A crawler's body HTML: coded as markup it gives tags for actors and no sentences.
        text = markup_text(text, where)
        if not text:
            raise NoText(f"{where}: {key!r} is HTML with no text in it")
    doc_id = obj.get("id")
    if doc_id is None or doc_id == "":
        doc_id = f"{name}:{number}"
    elif isinstance(doc_id, (str, int)) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    else:
        raise MalformedInput(f"{where}: 'id' must be a string or an integer")
    meta = {}
    for key in _META:
        keys = OUTLET_KEYS if key == "outlet" else (key,)
        value = next((obj[k] for k in keys if obj.get(k) is not None), None)
        if value is not None and not isinstance(value, str):
            raise MalformedInput(f"{where}: {key!r} must be a string")
        meta[key] = (repair(value).strip() or None) if value else None
    return Article(
        id=doc_id,
        text=text,
        published=_published(obj, where),
        source=source,
        **meta,
    )


def _published(obj: dict, where: str) -> str | None:
    """The day of the first date key that names one; a null, blank or unreadable one is passed
    over ("published": "yesterday" beside a good "date_publish"), and only when none names a day
    is the first unreadable one reported."""
    given = [(key, obj[key]) for key in DATE_KEYS
             if obj.get(key) is not None and not (isinstance(obj[key], str) and not obj[key].strip())]
    for key, value in given:
        if (day := day_of(value)) is not None:
            return day
    if given:
        normalise_date(given[0][1], where, key=given[0][0])  # says why there is no date
    return None
