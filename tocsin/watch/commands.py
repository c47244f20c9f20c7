"""The `watch` command, and `alerts`, registered on the `tocsin` group."""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path

import click

from tocsin.alerts.commands import RULES_OPTION, alerts
from tocsin.store import DEFAULT_DB


EXIT_FAILED = 2  # --once: no source could be read (all failed now or are backing off)


class _Terminated(BaseException):  # not an Exception: a source's `except Exception` must not swallow it
    """SIGTERM: a service manager stopping watch, which is a clean stop (exit 0), unlike Ctrl-C."""


_stopping: list[int] = []  # the signal that asked watch to stop, once one has


def _stop(signum, frame):
    _stopping.append(signum)
    raise _Terminated


@click.command()
@click.argument("sources_file", metavar="SOURCES.yaml", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB file, or a postgresql:// URL.")
@click.option("--once", is_flag=True,
              help="Run one cycle and exit (for cron, which then sets the pace; failing sources still back off);"
                   " exit code 2 when no source could be read.")
@click.option("--webhook", help="POST each new alert (JSON) to this URL.")
@click.option("--allow-private", is_flag=True,
              help="Allow sources and webhook on loopback, private or link-local addresses.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for coding.")
@RULES_OPTION
def watch(sources_file, db, once, webhook, allow_private, workers, rules_files):
    """Poll the feeds, sitemaps and drop folders of SOURCES.yaml; code and store what is new;
    print new alerts as JSON Lines."""
    from tocsin.alerts.rules import load_rules
    from tocsin.alerts.delivery import Delivery
    from tocsin.alerts.webhook import Webhook
    from tocsin.ingest.url import check_url
    from tocsin.store import open_store
    from tocsin.watch.cycle import Watcher
    from tocsin.watch.sources import load_sources

    sources = load_sources(sources_file)
    rules = load_rules(rules_files)
    if webhook:
        check_url(webhook, allow_private=allow_private)  # refuse a bad target before starting

    def on_alert(alert) -> None:
        click.echo(json.dumps(alert.record(), ensure_ascii=False))
        sys.stdout.flush()

    signal.signal(signal.SIGTERM, _stop)
    failed = False
    store = open_store(db)
    delivery = Delivery(store.backend, Webhook(webhook, allow_private=allow_private)) if webhook else None
    try:
        watcher = Watcher(sources, store, rules, allow_private=allow_private, workers=workers, once=once,
                          on_alert=on_alert, deliver_to=(delivery.target,) if delivery else ())
        while True:
            report = watcher.cycle()
            click.echo(report.line(), err=True)
            if delivery:
                delivery.sync()
            if once:
                failed = report.every_source_failed  # cron should hear of a run that read nothing
                break
            time.sleep(max(1.0, min(watcher.seconds_to_next(), 60.0)))
    except _Terminated:
        click.echo("tocsin watch: stopped", err=True)
    except Exception:
        # A SIGTERM during a database query reaches us as the engine's own error ("Query
        # interrupted"), not as _Terminated: it is still a clean stop.
        if not _stopping:
            raise
        click.echo("tocsin watch: stopped", err=True)
    # Ctrl-C goes on to the tocsin group: one line, exit code 130, as for ingest (each cycle's
    # articles and seen keys are committed together, so the state stays whole).
    finally:
        try:
            if delivery:
                delivery.close(timeout=30.0 if once else 5.0)
        finally:
            store.close()
    if once and failed:
        sys.exit(EXIT_FAILED)


COMMANDS: list = [watch, alerts]
