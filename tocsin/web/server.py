"""The HTTP front of `tocsin serve`: stdlib ThreadingHTTPServer, JSON API + the dashboard's files.

Clients get JSON errors (400 bad parameter, 403 a Host that is not this server, 404 unknown path,
405 a method other than GET/HEAD, 503 database held by a writer, 500 with no detail); tracebacks
go to the server's stderr only. The Host check defeats DNS rebinding: a page on another site
whose name is made to point at 127.0.0.1 still sends its own name as Host.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
import sys
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from urllib.parse import urlsplit

from tocsin.web.api import API, Export, HTTPError
from tocsin.web.readers import reader_for

# The dashboard's files: a fixed list, so no request path ever reaches the file system.
STATIC = {"index.html": "text/html; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
          "style.css": "text/css; charset=utf-8", "map.js": "text/javascript; charset=utf-8",
          "vendor/topojson-client.min.js": "text/javascript; charset=utf-8",
          "vendor/countries-110m.json": "application/json", "vendor/LICENSES.txt": "text/plain; charset=utf-8"}

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")

# Everything the page loads comes from this server: no CDN, no inline script, no framing.
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
        " base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def _json_default(value):
    # PostgreSQL returns SUM() as Decimal and may return dates as date objects.
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def load_static() -> dict[str, bytes]:
    folder = files("tocsin.web").joinpath("static")
    return {name: folder.joinpath(name).read_bytes() for name in STATIC}


class Handler(BaseHTTPRequestHandler):
    server: DashboardServer
    def version_string(self) -> str:
        return "tocsin"

    def do_GET(self) -> None:
        self._respond(head=False)

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def _not_allowed(self) -> None:
        self._send_json(405, {"error": f"method {self.command} not allowed: the API is read-only"},
                        extra={"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def _respond(self, head: bool) -> None:
        self._head = head
        try:
            self._check_host()
            parts = urlsplit(self.path)
            path = parts.path
            if path in ("/", "/index.html"):
                return self._send_static("index.html")
            if path.startswith("/static/") and path.removeprefix("/static/") in STATIC:
                return self._send_static(path.removeprefix("/static/"))
            if path == "/api" or path.startswith("/api/"):
                status, payload = self.server.api.handle(path, parts.query)
                if isinstance(payload, Export):
                    return self._send(status, payload.body, payload.content_type,
                                      {"Content-Disposition": f'attachment; filename="{payload.filename}"'})
                return self._send_json(status, payload)
            raise HTTPError(404, f"not found: {path[:80]}")
        except HTTPError as err:
            self._send_json(err.status, {"error": str(err)}, extra={"Retry-After": "2"} if err.status == 503 else None)
        except Exception:  # noqa: BLE001 (a database or programming error: log it here, tell the client little)
            traceback.print_exc(file=sys.stderr)
            self._send_json(500, {"error": "internal error (see the server log)"})

    def _check_host(self) -> None:
        host = (self.headers.get("Host") or "").strip().lower()
        name = host[1:host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        if name not in self.server.allowed_hosts:
            raise HTTPError(403, f"Host {host[:80]!r} is not this server (add it with --allow-host)")

    def _send(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", _CSP)
        self.send_header("Referrer-Policy", "no-referrer")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not getattr(self, "_head", False):
            self.wfile.write(body)

    def _send_json(self, status: int, payload: dict, extra: dict | None = None) -> None:
        if status >= 400:
            payload = {**payload, "status": status}
        body = json.dumps(payload, ensure_ascii=False, default=_json_default).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8", extra)

    def _send_static(self, name: str) -> None:
        self._send(200, self.server.static[name], STATIC[name])

    def send_error(self, code, message=None, explain=None) -> None:
        # http.server's own errors (malformed request line, header too long...) as JSON too.
        self.close_connection = True
        try:
            self._send_json(code, {"error": message or self.responses.get(code, ("error",))[0]})
        except OSError:
            pass

    def log_message(self, format, *args) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)


class DashboardServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, reader, host: str = "127.0.0.1", port: int = 8765, quiet: bool = False,
                 allow_hosts: tuple[str, ...] = ()):
        self.api = API(reader)
        self.static = load_static()
        self.quiet = quiet
        self.allowed_hosts = {h.lower().strip("[]") for h in (*LOOPBACK_NAMES, host, *allow_hosts)}
        super().__init__((host, port), Handler)

    def server_close(self) -> None:
        super().server_close()
        reader = self.api.reader
        (getattr(reader, "shutdown", None) or reader.close)()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"


def make_server(db, host: str = "127.0.0.1", port: int = 8765, quiet: bool = False,
                allow_hosts: tuple[str, ...] = ()) -> DashboardServer:
    """A server bound to host:port (port 0 picks a free one); call serve_forever().

    `db` is a DuckDB path or a postgresql:// URL (read per request, see `readers`), or a reader.
    """
    reader = db if callable(getattr(db, "backend", None)) else reader_for(db)
    return DashboardServer(reader, host, port, quiet, allow_hosts)
