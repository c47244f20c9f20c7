"""Which reader handles which file: the table that `read` and the directory walk share.

A new format (WARC, RSS, ...) is one `register(".warc.gz", read_warc)` call away.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tocsin.errors import MalformedInput
from tocsin.ingest.files import file_size, read_document
from tocsin.ingest.jsonl import read_jsonl
from tocsin.model import Article, Failure


@dataclass(frozen=True)
class Options:
    max_bytes: int = 20_000_000
    allow_private: bool = False
    timeout: float = 10.0


# reader(path, name, options): `name` is the id a one-document file gets (its stem, or its
# relative path when stems clash in a directory). Raise a TocsinError for a whole-file problem;
# yield Failures for bad documents inside a batch.
FileReader = Callable[[Path, str, Options], Iterator[Article | Failure]]


def _document(path: Path, name: str, options: Options) -> Iterator[Article]:
    yield read_document(path, name=name, max_bytes=options.max_bytes)


def _jsonl(path: Path, name: str, options: Options) -> Iterator[Article | Failure]:
    return read_jsonl(path, name=name, max_bytes=options.max_bytes)


def _json(path: Path, name: str, options: Options) -> Iterator[Article | Failure]:
    """A .json file is read as JSON Lines when it is one; a JSON document (an array, a pretty-printed
    object, tocsin's own --format json output) is refused whole rather than coded as text."""
    with path.open("rb") as stream:
        first = next((line for line in iter(lambda: stream.readline(options.max_bytes + 1), b"") if line.strip()), b"")
    try:
        whole_object = isinstance(json.loads(first.removeprefix(b"\xef\xbb\xbf")), dict)
    except (ValueError, UnicodeDecodeError):
        whole_object = False
    if not whole_object:
        raise MalformedInput(f"{path}: not JSON Lines (tocsin reads .json as one article object per line, "
                             "each with a \"text\" field)")
    return read_jsonl(path, name=name, max_bytes=options.max_bytes)


_READERS: dict[str, FileReader] = {
    ".txt": _document,
    ".text": _document,
    ".md": _document,
    ".html": _document,
    ".htm": _document,
    ".jsonl": _jsonl,
    ".jsonl.gz": _jsonl,
    ".ndjson": _jsonl,
    ".ndjson.gz": _jsonl,
    ".json": _json,
}


def register(suffix: str, reader: FileReader) -> None:
    """Read files ending in `suffix` (case-insensitive, may be double like `.warc.gz`) with `reader`."""
    _READERS[suffix.lower()] = reader


def reader_for(path: Path) -> FileReader | None:
    """The reader of the longest registered suffix that `path` ends with, or None."""
    name = path.name.lower()
    matches = [suffix for suffix in _READERS if name.endswith(suffix) and len(name) > len(suffix)]
    return _READERS[max(matches, key=len)] if matches else None


def is_jsonl(path: Path) -> bool:
    """Whether `path` is read line by line as JSON Lines (.jsonl, .ndjson, gzipped or not)."""
    return reader_for(path) is _jsonl


def is_single_document(path: Path) -> bool:
    """Whether `path` is read as one article (text, HTML, an unknown suffix), not as a batch."""
    return (reader_for(path) or _document) is _document


def read_file(path: Path, name: str, options: Options) -> Iterator[Article | Failure]:
    """Read one file by its suffix; an unknown suffix is read as text (or HTML if it sniffs so)."""
    file_size(path)  # a FIFO or device is refused here, before any reader opens it
    return (reader_for(path) or _document)(path, name, options)
