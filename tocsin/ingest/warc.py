"""WARC files (news crawls such as CC-NEWS) to Articles, streamed record by record with warcio.

Each HTTP 200 `response` record with an HTML body becomes one Article (text and metadata by
trafilatura, as for any HTML page); its id is the record's target URI. Other responses (errors,
PDFs, images) become Failures, so a skipped page still leaves a trace; request, metadata and
warcinfo records are not documents and are passed over.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tocsin.errors import InputNotFound, TocsinError
from tocsin.ingest.html import html_article
from tocsin.model import Article, Failure

MAX_BYTES = 20_000_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Iterator[Article | Failure]:
    """Yield one Article (or Failure) per HTML response of a .warc or .warc.gz file."""
    path = Path(path)
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        raise InputNotFound(f"{path}: no such file or directory") from None
    except OSError as err:
        raise InputNotFound(f"{path}: cannot open ({err.strerror})") from None
    with stream:
        if not _looks_like_archive(stream):
            yield Failure(source=str(path), reason="malformed", message=f"{path}: not a WARC or ARC file")
            return
        records = ArchiveIterator(stream, arc2warc=True)
        try:
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    continue
                # The record's offset is known only once its body is read: the body is read first.
                yield _record(record, lambda: f"{path}@{records.get_record_offset()}", max_bytes)
        except ArchiveLoadFailed as err:
            yield Failure(source=str(path), reason="malformed", message=f"{path}: not a readable WARC file ({err})")
        except (ValueError, AttributeError, TypeError, LookupError, EOFError, OSError, zlib.error) as err:
            # A damaged record trips warcio in many ways; the records before it are kept.
            yield Failure(source=str(path), reason="malformed",
                          message=f"{path}: damaged WARC record ({type(err).__name__}: {err})")


def _looks_like_archive(stream) -> bool:
    """A WARC starts with "WARC/", an ARC with "filedesc://", either maybe gzipped; rewinds."""
    head = stream.read(2)
    stream.seek(0)
    if head == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=stream) as unzipped:
                head = unzipped.read(11)
        except (OSError, EOFError):
            head = b""
        stream.seek(0)
    else:
        head = stream.read(11)
        stream.seek(0)
    return head.startswith((b"WARC/", b"filedesc://"))


def _record(record, offset, max_bytes: int) -> Article | Failure:
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    body = record.content_stream().read(max_bytes + 1)
    where = offset()
    source = url or where
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status != "200":
            return Failure(source=source, reason="skipped", message=f"{source}: HTTP {status}")
        mime = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    else:
        mime = (record.rec_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if mime and mime not in _HTML_TYPES:
        return Failure(source=source, reason="skipped", message=f"{source}: content type {mime} is not HTML")
    if len(body) > max_bytes:
        return Failure(source=source, reason="too_large", message=f"{source}: more than {max_bytes} bytes")
    try:
        article = html_article(body, id=url or record_id or where, source=where, url=url)
    except TocsinError as err:
        return Failure(source=source, reason=err.reason, message=str(err))
    except Exception as err:  # a page that breaks the HTML parser must not stop the crawl
        return Failure(source=source, reason="malformed", message=f"{source}: {type(err).__name__}: {err}")
    return article


def warc_file(path: Path, name: str, options) -> Iterator[Article | Failure]:
    """The `tocsin.ingest.registry` reader signature: `register(".warc.gz", warc_file)`."""
    return read_warc(path, max_bytes=options.max_bytes)
