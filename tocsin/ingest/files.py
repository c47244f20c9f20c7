"""One file (or stdin) holding one document, as plain text or HTML."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tocsin.errors import InputNotFound, NotAFile, TooLarge
from tocsin.ingest.html import html_article, looks_like_html
from tocsin.ingest.text import text_article
from tocsin.model import Article

HTML_SUFFIXES = (".html", ".htm")


def file_size(path: Path) -> int:
    """The size of the regular file `path`; anything else (FIFO, socket, device) is refused unread."""
    try:
        info = os.stat(path)  # stat never blocks, unlike opening a FIFO with no writer
    except FileNotFoundError:
        raise InputNotFound(f"{path}: no such file or directory") from None
    except OSError as err:
        raise InputNotFound(f"{path}: cannot open ({err.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
        raise NotAFile(f"{path}: {kind}, skipped (pipe data to - to read it from stdin)")
    return info.st_size


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`; the size is checked before anything is read."""
    size = file_size(path)
    if size > max_bytes:
        raise TooLarge(f"{path}: {size} bytes is over the limit of {max_bytes}")
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as err:
        raise InputNotFound(f"{path}: cannot read ({err.strerror})") from None
    if len(data) > max_bytes:
        raise TooLarge(f"{path}: more than {max_bytes} bytes")
    return data


def bytes_article(data: bytes, *, id: str, source: str, html: bool = False) -> Article:
    """HTML if asked for or if the content sniffs as HTML, plain text otherwise."""
    if html or looks_like_html(data):
        return html_article(data, id=id, source=source)
    return text_article(data, id=id, source=source)


def read_document(path: Path, *, name: str, max_bytes: int) -> Article:
    data = read_bytes(path, max_bytes)
    return bytes_article(data, id=name, source=str(path), html=path.suffix.lower() in HTML_SUFFIXES)
