"""`tocsin serve`: the API and dashboard over a database, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import click

from tocsin.store import DEFAULT_DB, redact


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True,
              help="DuckDB file, a postgresql:// URL, or a Parquet lake directory (ingest --parquet).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. The API has no authentication: keep it local unless you mean it.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="0 picks a free port.")
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Another name browsers may use for this server (the Host header); repeatable.")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def serve(db, host, port, allow_hosts, quiet):
    """Serve a read-only JSON API and an analyst's dashboard over the database.

    DuckDB files are opened read-only while requests run, so `tocsin ingest` can write the same
    file while the dashboard is open; meanwhile the dashboard reads a copy taken the last time the
    file changed (in the temporary folder), and says so.

    Endpoints: /api/summary, /api/events, /api/timeline, /api/map, /api/dyad, /api/export,
    /api/story/<id>, /api/article/<id>, /api/alerts; the dashboard is at /.
    """
    from tocsin.errors import BadOption
    from tocsin.web.server import make_server

    _prepare(db)
    try:
        server = make_server(db, host, port, quiet=quiet, allow_hosts=allow_hosts)
    except OSError as err:
        raise BadOption(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"tocsin: warning: listening on {host}; anyone who can reach it can read the database",
                   err=True)
    click.echo(f"tocsin: serving {redact(db)} at {server.url} (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _prepare(db: str) -> None:
    """Check the database exists and bring its schema up to date, unless a writer holds it now
    (it migrates it itself); the server then never opens it for writing."""
    from tocsin.errors import StoreError
    from tocsin.store import open_store

    try:
        open_store(db, create=False).close()
    except StoreError as err:
        if "lock" not in str(err).lower():
            raise

