"""HTTP for watch: conditional GETs of feeds and sitemaps, and webhook POSTs.

The URL reader's policy applies to every request: only http(s), no credentials, every host (the
first and each redirect target) resolved and checked for public addresses unless
`allow_private`, the connection pinned to the checked addresses, a total timeout and a size cap.
What this module adds is what a poller needs and the reader does not: request headers
(If-None-Match, If-Modified-Since), a 304 answer, the validators of the response, and POST.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from tocsin import __version__
from tocsin.errors import FetchFailed, TooLarge
# The reader's address policy, pinned connections and total deadline (private names: one policy, not two).
from tocsin.ingest.url import MAX_REDIRECTS, _connection, _Deadline, check_url

_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 65_536
_HEADERS = {"User-Agent": f"tocsin/{__version__}", "Accept-Encoding": "identity", "Connection": "close"}


@dataclass(frozen=True)
class Response:
    status: int  # 200..299, or 304 (not modified: empty body)
    url: str  # after redirects
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def modified(self) -> bool:
        return self.status != 304


def get(url: str, *, etag: str | None = None, last_modified: str | None = None, allow_private: bool = False,
        timeout: float = 10.0, max_bytes: int = 20_000_000) -> Response:
    """GET `url`, conditionally when validators of an earlier answer are given."""
    headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml, text/xml, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return request("GET", url, headers=headers, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)


def post_json(url: str, body: bytes, *, allow_private: bool = False, timeout: float = 10.0) -> Response:
    headers = {"Content-Type": "application/json", "Accept": "*/*"}
    return request("POST", url, body=body, headers=headers, allow_private=allow_private, timeout=timeout,
                   max_bytes=1_000_000)


def request(method: str, url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None,
            allow_private: bool, timeout: float, max_bytes: int) -> Response:
    """One request; GET follows up to MAX_REDIRECTS redirects, each target checked again.
    `timeout` bounds the whole exchange, as in the URL reader."""
    deadline = _Deadline(timeout)
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            conn = _connection(current, check_url(current, allow_private=allow_private), deadline, url)
            try:
                parts = urlsplit(current)
                path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                conn.request(method, path, body=body, headers={**_HEADERS, **(headers or {})})
                response = conn.getresponse()
                location = response.getheader("Location")
                if method == "GET" and response.status in _REDIRECTS and location:
                    current = urljoin(current, location.strip())
                    continue
                if response.status != 304 and not 200 <= response.status < 300:
                    raise FetchFailed(f"{url}: HTTP {response.status} {response.reason}".strip())
                data = b"" if response.status == 304 else _read(response, url, max_bytes)
                deadline.check(url)  # a body cut short by the deadline is not an answer
                return Response(response.status, current, data, response.getheader("ETag"),
                                response.getheader("Last-Modified"))
            finally:
                conn.close()
    except (OSError, http.client.HTTPException) as err:
        deadline.check(url)
        if isinstance(err, TimeoutError):
            raise FetchFailed(f"{url}: timed out after {timeout:g} s") from None
        raise FetchFailed(f"{url}: {err or type(err).__name__}") from None
    finally:
        deadline.cancel()
    raise FetchFailed(f"{url}: more than {MAX_REDIRECTS} redirects")


def _read(response: http.client.HTTPResponse, url: str, max_bytes: int) -> bytes:
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise TooLarge(f"{url}: {int(length)} bytes is over the limit of {max_bytes}")
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"{url}: more than {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
