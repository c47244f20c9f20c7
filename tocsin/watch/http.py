"""HTTP for watch: conditional GETs of feeds and sitemaps, and webhook POSTs.

The URL reader's policy applies to every request: only http(s), no credentials, every host (the
first and each redirect target) resolved and checked for public addresses unless
`allow_private`, the connection pinned to the checked addresses, a total timeout and a size cap.
What this module adds is what a poller needs: conditional headers (If-None-Match,
If-Modified-Since), the validators of the response, and JSON POSTs for webhooks.
"""

from __future__ import annotations

from dataclasses import dataclass

from tocsin.ingest import url as reader


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
    return _answer(reader.request("GET", url, headers=headers, allow_private=allow_private, timeout=timeout,
                                  max_bytes=max_bytes))


def post_json(url: str, body: bytes, *, allow_private: bool = False, timeout: float = 10.0) -> Response:
    headers = {"Content-Type": "application/json", "Accept": "*/*"}
    return _answer(reader.request("POST", url, body=body, headers=headers, allow_private=allow_private,
                                  timeout=timeout, max_bytes=1_000_000))


def _answer(response: reader.Response) -> Response:
    return Response(response.status, response.url, response.body, response.headers.get("ETag"),
                    response.headers.get("Last-Modified"))
