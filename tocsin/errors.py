"""Typed errors. The CLI turns each into one line on stderr and exit code 2."""


class TocsinError(Exception):
    """Base class: `str(err)` is the one-line message shown to the user."""

    reason = "error"

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split()))


class InputNotFound(TocsinError):
    reason = "not_found"


class NotAFile(TocsinError):
    """A FIFO, socket or device among the inputs: reading it could block forever."""

    reason = "not_a_file"


class EmptyInput(TocsinError):
    reason = "empty"


class BinaryInput(TocsinError):
    reason = "binary"


class DecodeFailed(TocsinError):
    reason = "undecodable"


class MalformedInput(TocsinError):
    """Malformed JSONL line, WARC record, feed, or HTML with no extractable text."""

    reason = "malformed"


class NoText(TocsinError):
    reason = "no_text"


class TooLarge(TocsinError):
    reason = "too_large"


class URLRefused(TocsinError):
    reason = "url_refused"


class FetchFailed(TocsinError):
    """Timeout, HTTP error or wrong content type while fetching a URL."""

    reason = "fetch_failed"


class BadOption(TocsinError):
    reason = "bad_option"


class ClusterError(TocsinError):
    """A Dask cluster cannot be reached, or was lost mid-run."""

    reason = "cluster"


class StoreError(TocsinError):
    """The database cannot be opened (locked by another process, bad URL, server down)."""

    reason = "store"


class StoreLocked(StoreError):
    """Another process holds the DuckDB file's write lock (an ingest, a watch, a Python session)."""

    reason = "store_locked"
