"""Fetch one http(s) URL safely and read it as HTML or text.

Safety: only http(s), no credentials in the URL, and every host (the first and each redirect
target) must resolve to public addresses only, unless `allow_private`. The connection goes to
the very addresses that were checked, so a second DNS answer cannot swap in a private one.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from tocsin import __version__
from tocsin.errors import FetchFailed, TooLarge, URLRefused
from tocsin.ingest.html import html_article, looks_like_html
from tocsin.ingest.text import text_article
from tocsin.model import Article

MAX_REDIRECTS = 5
_CHUNK = 65_536
_REDIRECTS = {301, 302, 303, 307, 308}
_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/xml": "xml",
    "application/xml": "xml",
}
_HEADERS = {"User-Agent": f"tocsin/{__version__}", "Accept-Encoding": "identity", "Connection": "close"}
_ACCEPT = {"Accept": "text/html, application/xhtml+xml, text/plain;q=0.9, application/xml;q=0.8"}


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    kind: str | None  # "html", "text", "xml" or None when the server sent no content type
    charset: str | None
    body: bytes


def read_url(url: str, *, allow_private: bool = False, max_bytes: int = 20_000_000, timeout: float = 10.0) -> Article:
    return page_article(fetch(url, allow_private=allow_private, max_bytes=max_bytes, timeout=timeout), url)


def page_article(page: Fetched, url: str) -> Article:
    """The article of a fetched page (HTML, XHTML or plain text)."""
    body: bytes | str = page.body
    if page.kind in ("html", "xml") or (page.kind is None and looks_like_html(page.body)):
        if page.charset:  # the header charset beats trafilatura's guess
            try:
                body = page.body.decode(page.charset)
            except (UnicodeDecodeError, LookupError):
                pass
        return html_article(body, id=url, source=url, url=page.url)
    return text_article(page.body, id=url, source=url, encoding=page.charset, url=page.url)


def fetch(url: str, *, allow_private: bool, max_bytes: int, timeout: float) -> Fetched:
    """GET `url`, following up to MAX_REDIRECTS redirects, each re-checked; `timeout` is total."""
    answer = request("GET", url, headers=_ACCEPT, allow_private=allow_private, timeout=timeout,
                     max_bytes=max_bytes, before_body=lambda response: _content_kind(url, response))
    if answer.status == 304:  # no validators were sent: a server that answers so has no page
        raise FetchFailed(f"{url}: HTTP 304 without a page")
    charset = answer.headers.get_content_charset() if answer.headers.get("Content-Type") else None
    return Fetched(url=answer.url, kind=_content_kind(url, answer), charset=charset, body=answer.body)


@dataclass(frozen=True)
class Response:
    status: int  # 200..299, or 304 (not modified: empty body)
    url: str  # after redirects
    headers: http.client.HTTPMessage
    body: bytes


def request(method: str, url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None,
            allow_private: bool = False, timeout: float = 10.0, max_bytes: int = 20_000_000,
            before_body: Callable[[http.client.HTTPResponse], object] | None = None) -> Response:
    """One request under the policy above; GET follows up to MAX_REDIRECTS redirects, each target
    checked again. `timeout` bounds the whole exchange; `before_body` may refuse an answer from its
    headers before its body is read. Any other status than 2xx and 304 is a FetchFailed."""
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
                if before_body is not None:
                    before_body(response)
                data = b"" if response.status == 304 else _read(response, url, max_bytes)
                deadline.check(url)  # a body cut short by the deadline is not an answer
                return Response(response.status, current, response.headers, data)
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


class _Deadline:
    """The total time limit of one fetch, redirects included.

    A socket timeout only bounds each read, so a server dripping a byte a second would never
    trip it; instead a timer shuts the open socket down when the time is up, which ends any
    read in progress, and `check` turns that into a timeout error.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._timer: threading.Timer | None = None
        self._watched: socket.socket | None = None

    def remaining(self, url: str) -> float:
        self.check(url)
        return max(self.end - time.monotonic(), 0.001)

    def check(self, url: str) -> None:
        if self.expired or time.monotonic() >= self.end:
            self.expired = True
            raise FetchFailed(f"{url}: timed out after {self.seconds:g} s")

    def watch(self, sock: socket.socket) -> None:
        """Shut the connection of `sock` down when the time is up (each redirect opens a new one).

        A duplicate of the socket is held while watched: TLS wrapping detaches the original
        object, and a duplicate cannot be closed and its number reused under the timer.
        """
        self.cancel()
        watched = sock.dup()

        def expire() -> None:
            self.expired = True
            try:
                watched.shutdown(socket.SHUT_RDWR)  # acts on the connection, shared by both copies
            except OSError:  # already gone: nothing left to interrupt
                pass

        self._watched = watched
        self._timer = threading.Timer(max(self.end - time.monotonic(), 0.0), expire)
        self._timer.daemon = True
        self._timer.start()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._watched is not None:
            self._watched.close()
            self._watched = None


def check_url(url: str, *, allow_private: bool) -> list[tuple[str, int]]:
    """Refuse what must not be fetched; return the (address, port) pairs the host resolves to."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise URLRefused(f"{url}: only http and https URLs can be read, not {parts.scheme or 'a bare path'}")
    if parts.username is not None or parts.password is not None:
        raise URLRefused(f"{parts.hostname}: URLs with credentials are refused")
    if not parts.hostname:
        raise URLRefused(f"{url}: no host name")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise URLRefused(f"{url}: invalid port") from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchFailed(f"{url}: cannot resolve {parts.hostname} ({err})") from None
    addresses = list(dict.fromkeys((info[4][0], info[4][1]) for info in infos))
    if not allow_private:
        for address, _ in addresses:
            if not is_public(address):
                raise URLRefused(
                    f"{url}: {parts.hostname} resolves to non-public address {address}"
                    " (pass --allow-private to read it)"
                )
    return addresses


def is_public(address: str) -> bool:
    """False for loopback, private, link-local, reserved, multicast and unspecified addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast or ip.is_unspecified
    )


def _connection(url: str, addresses: list[tuple[str, int]], deadline: _Deadline,
                original: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    timeout = deadline.remaining(original)
    if parts.scheme.lower() == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)

    def connect_checked(_address, timeout, source_address=None):  # pin to the checked addresses
        error: OSError | None = None
        for address in addresses:
            try:
                sock = socket.create_connection(address, deadline.remaining(original), source_address)
            except OSError as err:
                error = err
                continue
            deadline.watch(sock)
            return sock
        raise error or OSError("no address to connect to")

    conn._create_connection = connect_checked  # the hook http.client calls to open the socket
    return conn


def _content_kind(url: str, response) -> str | None:
    """"html", "text" or "xml" from the declared content type; None when none is declared."""
    if not response.headers.get("Content-Type"):
        return None
    mime = response.headers.get_content_type()
    kind = _KINDS.get(mime) or ("xml" if mime.endswith("+xml") else None)
    if kind is None:
        raise FetchFailed(f"{url}: content type {mime} is not HTML, plain text or XML")
    return kind


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
