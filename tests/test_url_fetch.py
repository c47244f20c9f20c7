"""URL fetching against servers that answer the way ordinary web servers do, and against a slow one.

A raw socket server on 127.0.0.1 writes each reply byte for byte: with a Content-Length and then
closing (as `python -m http.server` does), chunked, through a redirect, or dripping a byte at a
time so that only a total time limit can stop the fetch.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest

from tocsin.errors import FetchFailed
from tocsin.ingest import read
from tocsin.model import Article

STORY = (
    "Fishermen in the port of Velmora said on Tuesday that the coast guard had seized two trawlers.\n\n"
    "The harbour master, Ines Caldera, said the boats would be released once their papers were checked.\n"
)
BODY = STORY.encode("utf-8")


def _chunked(body: bytes, size: int = 40) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"


REPLIES = {
    "/length": b"HTTP/1.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s"
    % (len(BODY), BODY),
    "/length-11": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n"
    b"Connection: close\r\n\r\n%s" % (len(BODY), BODY),
    "/chunked": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n"
    b"Connection: close\r\n\r\n" + _chunked(BODY),
    "/moved": b"HTTP/1.1 301 Moved Permanently\r\nLocation: /length\r\nContent-Length: 0\r\n\r\n",
    "/moved-chunked": b"HTTP/1.1 302 Found\r\nLocation: /chunked\r\nContent-Type: text/html\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n" + _chunked(b"<a href='/chunked'>moved</a>"),
    "/drip-body": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 400\r\n\r\n" + b"x" * 400,
    "/drip-headers": b"HTTP/1.1 200 OK\r\n" + b"X-Pad: y\r\n" * 90 + b"\r\nlate",
}
DRIP_SECONDS = 0.05  # between two bytes of a /drip-* reply


def _serve(conn: socket.socket) -> None:
    with conn:
        request = b""
        while b"\r\n\r\n" not in request:
            data = conn.recv(4096)
            if not data:
                return
            request += data
        path = request.split(b" ", 2)[1].decode()
        reply = REPLIES.get(path, b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        try:
            if path.startswith("/drip"):
                head = 0 if path == "/drip-headers" else reply.index(b"\r\n\r\n") + 4
                conn.sendall(reply[:head])
                for i in range(head, len(reply)):
                    conn.sendall(reply[i:i + 1])
                    time.sleep(DRIP_SECONDS)
            else:
                conn.sendall(reply)
        except OSError:  # the client hung up (its time was up)
            pass


def _listen(scheme: str, tls: ssl.SSLContext | None = None):
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def handle(conn: socket.socket) -> None:
        if tls is not None:
            try:
                conn = tls.wrap_socket(conn, server_side=True)
            except (OSError, ssl.SSLError):
                conn.close()
                return
        _serve(conn)

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield f"{scheme}://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    listener.close()


@pytest.fixture(scope="module")
def raw_server():
    yield from _listen("http")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a throwaway certificate")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)
    return key, cert


@pytest.fixture
def tls_server(certificate, monkeypatch):
    key, cert = certificate
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    trusting = ssl.create_default_context

    # The client trusts the throwaway certificate, and only it.
    monkeypatch.setattr(ssl, "create_default_context", lambda *a, **k: trusting(cafile=str(cert)))
    yield from _listen("https", server)


@pytest.mark.parametrize("path", ["/length", "/length-11", "/chunked", "/moved", "/moved-chunked"])
def test_ordinary_replies_are_read_whole(raw_server, path):
    items = list(read(f"{raw_server}{path}", allow_private=True, timeout=5))
    assert len(items) == 1 and isinstance(items[0], Article), items
    assert items[0].text == STORY


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_timeout_is_total_even_when_bytes_keep_coming(raw_server, path):
    # The whole reply takes about 20 s; each byte comes well within any per-read timeout.
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out after 1 s"):
        list(read(f"{raw_server}{path}", allow_private=True, timeout=1))
    assert time.monotonic() - started < 2.5


def test_https_is_read_whole_and_its_timeout_is_total(tls_server):
    items = list(read(f"{tls_server}/chunked", allow_private=True, timeout=5))
    assert isinstance(items[0], Article) and items[0].text == STORY
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out after 1 s"):
        list(read(f"{tls_server}/drip-body", allow_private=True, timeout=1))
    assert time.monotonic() - started < 2.5
