"""tocsin watch against a local server on 127.0.0.1 (allowed by `allow_private`), with invented news.

Feeds change between cycles; pages, failures and hangs are served by one small handler that
counts every request, so a test can tell what was fetched, how often, and what was not.
"""

from __future__ import annotations

import json
import re
import os
import signal
import subprocess
import sys
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tocsin import code_text
from tocsin.alerts.rules import load_rules
from tocsin.alerts.webhook import Webhook
from tocsin.store import open_store
from tocsin.watch.cycle import MAX_ATTEMPTS, Watcher
from tocsin.watch.sources import load_sources

# -- invented news ------------------------------------------------------------------------------

STORIES = {
    "talks": ("2026-02-10", "Paraguay and Bolivia hold border talks",
              "ASUNCION (Chaco Ledger) - Paraguay and Bolivia agreed to resume talks on river trade, the two"
              " foreign ministries said in a joint statement."),
    "aid": ("2026-02-11", "Paraguay sends flood aid",
            "ASUNCION (Chaco Ledger) - Paraguay sent food and medicine to flooded villages in Bolivia, the"
            " Paraguayan emergency agency said."),
    "visit": ("2026-02-12", "Bolivian minister visits Asuncion",
              "ASUNCION (Chaco Ledger) - The Bolivian foreign minister visited Asuncion to discuss a new"
              " bridge over the Pilcomayo river, officials said."),
    "raid": ("2026-03-02", "Troops attack border post",
             "ASUNCION (Chaco Ledger) - Bolivian troops killed four Paraguayan soldiers in an attack on a border"
             " post near Infante Rivarola, the Paraguayan army said."),
}


def page(title: str, day: str, text: str) -> bytes:
    return (f"<!doctype html><html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{day}"></head><body><article>'
            f"<h1>{title}</h1><p>{text}</p><p>The statement gave no further details.</p></article></body></html>"
            ).encode()


def rss(base: str, keys: list[str], title: str = "Chaco Ledger") -> bytes:
    items = "".join(
        f"<item><title>{STORIES[k][1]}</title><link>{base}/news/{k}</link><guid>{base}/news/{k}</guid>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(STORIES[k][0]).replace(tzinfo=timezone.utc))}</pubDate>"
        "</item>" for k in keys)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{base}/</link>'
            f"<description>Invented news</description>{items}</channel></rss>").encode()


# -- the server ---------------------------------------------------------------------------------

class Site:
    """Routes (path -> (status, content type, body)), an ETag per body, and a count of requests."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: dict[str, int] = {}
        self.posts: list[dict] = []
        self.delay: dict[str, float] = {}
        self.lock = threading.Lock()

    def count(self, path: str) -> int:
        with self.lock:
            return self.hits.get(path, 0)


def handler_for(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # with Content-Length: the answers of an ordinary server

        def do_GET(self):  # noqa: N802 (http.server's name)
            with site.lock:
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
            time.sleep(site.delay.get(self.path, 0.0))
            status, kind, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
            etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
            if status == 200 and self.headers.get("If-None-Match") == etag:
                self._send(304, {"ETag": etag}, b"")
                return
            self._send(status, {"Content-Type": kind, "ETag": etag}, body)

        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with site.lock:
                site.posts.append(json.loads(body))
            self._send(204, {}, b"")

        def _send(self, status, headers, body):
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up (timeout)
                pass

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def site():
    site = Site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(site))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    for key, (day, title, text) in STORIES.items():
        site.routes[f"/news/{key}"] = (200, "text/html; charset=utf-8", page(title, day, text))
    yield site
    httpd.shutdown()
    httpd.server_close()


def sources_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text("defaults: {interval: 0, timeout: 2, host_delay: 0, backoff_base: 300}\n" + body,
                    encoding="utf-8")
    return path


def watcher(tmp_path: Path, sources: Path, **kwargs) -> Watcher:
    store = open_store(tmp_path / "watch.duckdb")
    return Watcher(load_sources(sources), store, load_rules(), allow_private=True, **kwargs)


def stored_ids(store) -> list[str]:
    return sorted(r[0] for r in store.backend.fetchall("SELECT doc_id FROM articles"))


# -- tests --------------------------------------------------------------------------------------

def test_new_items_are_stored_once_across_cycles_and_restarts(site, tmp_path):
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["talks", "aid"]))
    sources = sources_file(tmp_path, f"sources:\n  - name: ledger\n    feed: {site.base}/feed.xml\n")
    w = watcher(tmp_path, sources)
    first = w.cycle()
    assert (first.new_items, first.added) == (2, 2), first.line()
    assert stored_ids(w.store) == [f"{site.base}/news/aid", f"{site.base}/news/talks"]
    title, published, url = w.store.backend.fetchall(
        "SELECT title, published, url FROM articles WHERE doc_id = ?", (f"{site.base}/news/talks",))[0]
    assert (title, published, url) == ("Paraguay and Bolivia hold border talks", "2026-02-10",
                                       f"{site.base}/news/talks")

    unchanged = w.cycle()  # the feed answers 304: nothing is listed, nothing fetched
    assert (unchanged.not_modified, unchanged.new_items, unchanged.added) == (1, 0, 0)

    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["visit", "talks", "aid"]))
    changed = w.cycle()
    assert (changed.new_items, changed.added) == (1, 1)
    w.store.close()

    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["raid", "visit", "talks", "aid"]))
    restarted = watcher(tmp_path, sources)  # a new process: what it has seen comes from the store
    again = restarted.cycle()
    assert (again.new_items, again.added) == (1, 1)
    assert len(stored_ids(restarted.store)) == 4
    restarted.store.close()
    assert {k: site.count(f"/news/{k}") for k in STORIES} == {"talks": 1, "aid": 1, "visit": 1, "raid": 1}


def test_a_failing_or_hanging_source_fails_alone(site, tmp_path):
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["talks"]))
    site.routes["/broken.xml"] = (500, "text/plain", b"server error")
    site.routes["/hang.xml"] = (200, "application/rss+xml", rss(site.base, ["aid"]))
    site.delay["/hang.xml"] = 5.0
    sources = sources_file(tmp_path, (
        f"sources:\n  - {{name: broken, feed: '{site.base}/broken.xml'}}\n"
        f"  - {{name: hang, feed: '{site.base}/hang.xml', timeout: 1}}\n"
        f"  - {{name: good, feed: '{site.base}/feed.xml'}}\n"))
    w = watcher(tmp_path, sources)
    code_text("Officials met on Monday.")  # the model loaded before the clock starts
    started = time.monotonic()
    report = w.cycle()
    assert time.monotonic() - started < 4.5  # the hang cost its own timeout (1 s), not the server's 5 s
    assert report.added == 1 and stored_ids(w.store) == [f"{site.base}/news/talks"]
    assert sorted(f.split(":")[0] for f in report.failed) == ["broken", "hang"]
    assert "HTTP 500" in " ".join(report.failed) and "timed out" in " ".join(report.failed)

    # Backoff: the failed sources wait (backoff_base 300 s); the good one (interval 0) is polled again.
    hits = site.count("/broken.xml"), site.count("/feed.xml")
    second = w.cycle()
    assert second.polled == 1 and second.failed == []
    assert (site.count("/broken.xml"), site.count("/feed.xml")) == (hits[0], hits[1] + 1)
    failures = dict(w.store.backend.fetchall("SELECT name, failures FROM watch_sources"))
    w.store.close()
    assert failures == {"broken": 1, "hang": 1, "good": 0}
    # The line says who is waiting out a backoff, and a good source read means the cycle did not fail.
    assert [b.split(" (")[0] for b in second.backing_off] == ["broken", "hang"]
    assert re.search(r"backing off: broken \(1 failure\(s\), next try in (29\d|300) s\)", second.line())
    assert not report.every_source_failed and not second.every_source_failed


def test_once_exits_2_when_no_source_could_be_read(site, tmp_path):
    site.routes["/broken.xml"] = (500, "text/plain", b"server error")
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, []))
    sources = sources_file(tmp_path, f"sources:\n  - {{name: broken, feed: '{site.base}/broken.xml'}}\n")
    command = [sys.executable, "-m", "tocsin", "watch", str(sources), "--db", str(tmp_path / "w.duckdb"),
               "--allow-private", "--once"]
    failed = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert failed.returncode == 2 and "1 failed (broken: " in failed.stderr and "HTTP 500" in failed.stderr
    waiting = subprocess.run(command, capture_output=True, text=True, timeout=180)  # still backing off
    assert waiting.returncode == 2, waiting.stderr
    assert "0 source(s) polled" in waiting.stderr and "backing off: broken (1 failure(s)" in waiting.stderr
    assert site.count("/broken.xml") == 1
    sources.write_text(sources.read_text() + f"  - {{name: good, feed: '{site.base}/feed.xml'}}\n")
    assert subprocess.run(command, capture_output=True, text=True, timeout=180).returncode == 0


def test_private_addresses_are_refused_unless_allowed(site, tmp_path):
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["talks"]))
    sources = sources_file(tmp_path, f"sources:\n  - {{name: ledger, feed: '{site.base}/feed.xml'}}\n")
    store = open_store(tmp_path / "watch.duckdb")
    report = Watcher(load_sources(sources), store, load_rules()).cycle()  # the default policy
    store.close()
    assert report.added == 0 and "non-public address" in report.failed[0]
    assert site.count("/feed.xml") == 0

    result = subprocess.run([sys.executable, "-m", "tocsin.cli", "watch", str(sources), "--once", "--db",
                             str(tmp_path / "w2.duckdb"), "--webhook", f"{site.base}/hook"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"tocsin: error: {site.base}/hook: 127.0.0.1 resolves to non-public address 127.0.0.1"
        " (pass --allow-private to read it)"]


def settled(path: Path) -> None:
    """Date a dropped file a minute back, as one whose copy into the folder is long over."""
    then = time.time() - 60
    os.utime(path, (then, then))


def test_news_sitemap_and_drop_folder(site, tmp_path):
    site.routes["/sitemap.xml"] = (200, "application/xml", (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{site.base}/news/visit</loc><news:news><news:publication><news:name>Chaco Ledger"
        "</news:name></news:publication><news:publication_date>2026-02-12</news:publication_date>"
        "<news:title>Bolivian minister visits Asuncion</news:title></news:news></url></urlset>").encode())
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "aid.txt").write_text(STORIES["aid"][2], encoding="utf-8")
    (drop / "half.txt.part").write_text("still being written", encoding="utf-8")
    (drop / "copying.txt").write_text(STORIES["raid"][2][:40], encoding="utf-8")  # a `cp` under way
    settled(drop / "aid.txt")
    sources = sources_file(tmp_path, f"sources:\n  - {{name: map, sitemap: '{site.base}/sitemap.xml'}}\n"
                                     "  - {name: inbox, folder: drop, settle: 5}\n")
    w = watcher(tmp_path, sources)
    assert w.cycle().added == 2  # the page and aid.txt; copying.txt changed under 5 s ago: left alone
    assert w.store.backend.fetchall("SELECT outlet FROM articles WHERE doc_id = ?",
                                    (f"{site.base}/news/visit",)) == [("Chaco Ledger",)]
    (drop / "copying.txt").unlink()
    (drop / "raid.txt").write_text(STORIES["raid"][2], encoding="utf-8")
    assert w.cycle().new_items == 0
    settled(drop / "raid.txt")
    report = w.cycle()
    assert (report.new_items, report.added) == (1, 1)
    assert w.cycle().new_items == 0
    assert len(stored_ids(w.store)) == 3
    w.store.close()
    assert site.count("/news/visit") == 1


def test_killing_watch_mid_cycle_loses_and_doubles_nothing(site, tmp_path):
    keys = list(STORIES)
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, keys))
    for key in keys:
        site.delay[f"/news/{key}"] = 0.3
    sources = sources_file(tmp_path, f"sources:\n  - {{name: ledger, feed: '{site.base}/feed.xml'}}\n")
    db = tmp_path / "watch.duckdb"
    command = [sys.executable, "-m", "tocsin.cli", "watch", str(sources), "--db", str(db), "--allow-private"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # Killed while coding (every page fetched, nothing yet committed) and while fetching.
    for until in (lambda: all(site.count(f"/news/{k}") >= 1 for k in keys), lambda: site.count("/news/aid") >= 2):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while not until() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    result = subprocess.run(command + ["--once", "--webhook", f"{site.base}/hook"], env=env, capture_output=True,
                            text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    store = open_store(db)
    assert stored_ids(store) == sorted(f"{site.base}/news/{k}" for k in keys)
    assert sorted(r[0] for r in store.backend.fetchall("SELECT key FROM watch_seen")) == stored_ids(store)
    alerts = [r[0] for r in store.backend.fetchall("SELECT alert_id FROM alerts")]
    store.close()
    assert len(alerts) == len(set(alerts))
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert printed and sorted(a["alert_id"] for a in printed) == sorted(alerts)  # killed runs raised nothing
    assert sorted(site.posts, key=lambda a: a["alert_id"]) == sorted(printed, key=lambda a: a["alert_id"])
    assert len(result.stderr.strip().splitlines()) == 1 and "cycle 1:" in result.stderr


def test_webhook_gets_each_alert_once(site, tmp_path):
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["raid"]))
    sources = sources_file(tmp_path, f"sources:\n  - {{name: ledger, feed: '{site.base}/feed.xml'}}\n")
    hook = Webhook(f"{site.base}/hook", allow_private=True, first_delay=0.05)
    raised = []
    w = watcher(tmp_path, sources, on_alert=lambda a: (raised.append(a), hook.send(a.record())))
    w.cycle()
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["raid", "talks"]))
    w.cycle()
    w.cycle()
    w.store.close()
    hook.close(timeout=10)
    assert any(a.rule == "deadly-assault" for a in raised)
    assert sorted(p["alert_id"] for p in site.posts) == sorted(a.alert_id for a in raised)
    assert len({p["alert_id"] for p in site.posts}) == len(site.posts)


def test_alerts_owed_to_a_webhook_are_delivered_by_the_next_run(site, tmp_path):
    # A watch that stored alerts and was killed before posting them: the next run posts them
    # (and only them), and records that the webhook took them.
    from tocsin.alerts.delivery import target_of

    hook_url = f"{site.base}/hook"
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["raid"]))
    sources = sources_file(tmp_path, f"sources:\n  - {{name: ledger, feed: '{site.base}/feed.xml'}}\n")
    raised = []
    w = watcher(tmp_path, sources, on_alert=raised.append, deliver_to=(target_of(hook_url),))
    w.cycle()
    w.store.close()
    assert raised and site.posts == []
    command = [sys.executable, "-m", "tocsin.cli", "watch", str(sources), "--db", str(tmp_path / "watch.duckdb"),
               "--allow-private", "--once", "--webhook", hook_url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""  # nothing new was raised...
    assert sorted(p["alert_id"] for p in site.posts) == sorted(a.alert_id for a in raised)  # ...but owed ones went
    assert site.posts[0]["evidence"] and site.posts[0]["summary"]
    store = open_store(tmp_path / "watch.duckdb")
    owed = store.backend.fetchall("SELECT count(*) FROM alert_deliveries WHERE delivered_at IS NULL")
    store.close()
    assert owed == [(0,)]
    again = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert again.returncode == 0 and len(site.posts) == len(raised)  # taken once: not sent again


# -- alerts from an invented crisis -------------------------------------------------------------

CRISIS = [  # (day, text): a quiet baseline of accusations, then a week of attacks and threats
    ("2026-01-05", "Paraguay accused Bolivia of harbouring smugglers along the Pilcomayo river, the foreign"
                   " ministry said."),
    ("2026-01-19", "Paraguay accused Bolivia of letting cattle thieves cross near Pozo Hondo, the interior"
                   " ministry said."),
    ("2026-02-02", "Paraguay accused Bolivia of ignoring a river treaty, the foreign ministry said."),
    ("2026-02-16", "Paraguay accused Bolivia of blocking trucks at the Infante Rivarola crossing, customs"
                   " officials said."),
    ("2026-03-02", "Bolivian troops killed four Paraguayan soldiers in an attack on a border post near General"
                   " Diaz, the Paraguayan army said."),
    ("2026-03-04", "Bolivian troops attacked a Paraguayan army patrol near Fuerte Olimpo, the Paraguayan"
                   " defence ministry said."),
    ("2026-03-06", "Bolivia threatened to close its border with Paraguay, President Ramiro Quispe said."),
    ("2026-03-06", "Paraguayan officials said Bolivian drones bombed a fuel depot near Mariscal Estigarribia"
                   " and killed two guards. The Bolivian government denied the accusation."),
]


def entry_feed(base: str, entries: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>Report {n}</title><link>{base}/crisis/{n}</link><guid>{base}/crisis/{n}</guid>"
        f"<pubDate>{format_datetime(datetime.fromisoformat(day).replace(tzinfo=timezone.utc))}</pubDate>"
        f"<description>ASUNCION (Chaco Ledger) - {text}</description></item>"
        for n, (day, text) in enumerate(entries))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Chaco Ledger</title><link>{base}/</link>'
            f"<description>Invented news</description>{items}</channel></rss>").encode()


def test_an_invented_crisis_raises_escalation_event_and_contested_alerts_once(site, tmp_path):
    site.routes["/feed.xml"] = (200, "application/rss+xml", entry_feed(site.base, CRISIS[:4]))
    sources = sources_file(tmp_path, f"sources:\n  - {{name: ledger, feed: '{site.base}/feed.xml', follow: false}}\n")
    raised = []
    w = watcher(tmp_path, sources, on_alert=raised.append)
    assert w.cycle().added == 4
    assert [a.kind for a in raised] == ["first-contact"]  # the baseline alone is no escalation

    site.routes["/feed.xml"] = (200, "application/rss+xml", entry_feed(site.base, CRISIS))
    report = w.cycle()
    assert report.added == 4 and report.alerts == len(raised) - 1
    assert sum(site.count(f"/crisis/{n}") for n in range(len(CRISIS))) == 0  # entries carry their text
    escalations = [a for a in raised if a.kind == "escalation"]
    assert [(a.actor, a.recipient, a.day) for a in escalations] == [("BOL", "PRY", "2026-03-06")]
    burst_articles = {r[0] for r in w.store.backend.fetchall(
        "SELECT article_id FROM articles WHERE published >= '2026-03-01'")}
    assert {e["article_id"] for e in escalations[0].evidence} <= burst_articles
    assert len({e["article_id"] for e in escalations[0].evidence}) >= 2

    deadly = [a for a in raised if a.rule == "deadly-assault"]
    assert deadly and all("killed" in a.summary for a in deadly)
    assert any(a.day == "2026-03-02" and a.actor == "BOL" for a in deadly)
    contested = [a for a in raised if a.kind == "contested"]
    assert contested and all("Bolivian government" in a.summary for a in contested)
    assert all(e["event_id"] and e["story_id"] for a in raised for e in a.evidence)

    stored = w.store.backend.fetchall("SELECT COUNT(*) FROM alerts")[0][0]
    w.store.close()
    again = watcher(tmp_path, sources, on_alert=raised.append)  # a restart re-reads nothing, re-raises nothing
    before = len(raised)
    again.cycle()
    assert len(raised) == before
    assert again.store.backend.fetchall("SELECT COUNT(*) FROM alerts")[0][0] == stored
    again.store.close()


def test_intervals_pace_the_long_running_process_and_cron_paces_once(site, tmp_path):
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["talks"]))
    site.routes["/broken.xml"] = (500, "text/plain", b"server error")
    sources = tmp_path / "sources.yaml"
    sources.write_text("defaults: {interval: 900, host_delay: 0, backoff_base: 300}\nsources:\n"
                       f"  - {{name: good, feed: '{site.base}/feed.xml'}}\n"
                       f"  - {{name: broken, feed: '{site.base}/broken.xml'}}\n", encoding="utf-8")
    w = watcher(tmp_path, sources)
    assert w.cycle().polled == 2
    assert w.cycle().polled == 0  # nothing is due for 900 s
    w.store.close()
    cron = watcher(tmp_path, sources, once=True)
    assert cron.cycle().polled == 1  # the good source when cron says so; the broken one backs off
    cron.store.close()
    assert (site.count("/feed.xml"), site.count("/broken.xml")) == (2, 1)


def test_a_sitemap_index_and_relative_links(site, tmp_path):
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    site.routes["/index.xml"] = (200, "application/xml", (
        f'<?xml version="1.0"?><sitemapindex {ns}><sitemap><loc>/day.xml</loc></sitemap></sitemapindex>').encode())
    site.routes["/day.xml"] = (200, "application/xml", (
        f'<?xml version="1.0"?><urlset {ns}><url><loc>/news/aid</loc><lastmod>2026-02-11T08:00:00Z</lastmod></url>'
        "</urlset>").encode())
    sources = sources_file(tmp_path, f"sources:\n  - {{name: map, sitemap: '{site.base}/index.xml'}}\n")
    w = watcher(tmp_path, sources)
    assert w.cycle().added == 1
    assert stored_ids(w.store) == [f"{site.base}/news/aid"]
    assert w.store.backend.fetchall("SELECT published FROM articles") == [("2026-02-11",)]
    w.store.close()


@pytest.mark.parametrize("text, message", [
    ("sources:\n  - {name: a, feed: 'http://x.example/f', sitemap: 'http://x.example/s'}\n",
     "sources.0: Value error, give exactly one of feed, sitemap or folder (got feed, sitemap)"),
    ("sources:\n  - {name: a, feed: 'http://x.example/f', every: 5}\n",
     "sources.0.every: Extra inputs are not permitted"),
    ("sources:\n  - {name: a, folder: x}\n  - {name: a, folder: y}\n", "source names must be unique"),
    ("sources: [\n", "cannot read the sources file"),
    ("sources:\n  - {name: a, feed: 'http://x.example/f', interval: 1e300}\n",
     "sources.0.interval: Input should be less than or equal to 31622400"),
    ("defaults: {host_delay: .inf}\nsources:\n  - {name: a, feed: 'http://x.example/f'}\n",
     "defaults.host_delay: Input should be less than or equal to"),
    ("- {name: a, feed: 'http://x.example/f'}\n", "expected a mapping with a `sources:` list"),
])
def test_a_bad_sources_file_is_one_line_and_exit_2(tmp_path, text, message):
    from click.testing import CliRunner

    from tocsin.cli import main

    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["watch", str(path), "--once", "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith(f"tocsin: error: {path}: ") and message in result.output
    assert not (tmp_path / "w.duckdb").exists()  # refused before anything was opened


def test_a_slow_site_spends_its_budget_and_the_rest_waits_for_the_next_cycle(site, tmp_path):
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["talks", "aid"]))
    for key in ("talks", "aid"):
        site.delay[f"/news/{key}"] = 1.5
    sources = sources_file(tmp_path, f"sources:\n  - {{name: slow, feed: '{site.base}/feed.xml', budget: 1}}\n")
    w = watcher(tmp_path, sources)
    assert w.cycle().added == 1  # the first page outlasts the budget: the second waits
    second = w.cycle()  # validators were not kept: the feed is read again in full
    assert (second.not_modified, second.added) == (0, 1)
    assert len(stored_ids(w.store)) == 2 and w.cycle().not_modified == 1
    w.store.close()
    assert [site.count(f"/news/{k}") for k in ("talks", "aid")] == [1, 1]


@pytest.mark.parametrize("signum, code, said", [(signal.SIGINT, 130, "tocsin: interrupted; what was already stored"),
                                                (signal.SIGTERM, 0, "tocsin watch: stopped")])
def test_ctrl_c_exits_130_and_a_service_stop_exits_0_with_the_state_kept(site, tmp_path, signum, code, said):
    site.routes["/feed.xml"] = (200, "application/rss+xml", rss(site.base, ["talks", "aid"]))
    sources = sources_file(tmp_path, f"sources:\n  - {{name: ledger, feed: '{site.base}/feed.xml'}}\n")
    db = tmp_path / "watch.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "tocsin.cli", "watch", str(sources), "--db", str(db),
                             "--allow-private"], env={**os.environ, "PYTHONUNBUFFERED": "1"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            # a runner started in the background ignores SIGINT, and so would watch
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        first = proc.stderr.readline()  # the first cycle's report: both articles are stored
        assert "cycle 1:" in first, first
        proc.send_signal(signum)
        rest = proc.communicate(timeout=60)[1]
    finally:
        proc.kill()
    assert proc.returncode == code, rest
    assert len(rest.strip().splitlines()) == 1 and said in rest, rest
    store = open_store(db)
    assert stored_ids(store) == [f"{site.base}/news/aid", f"{site.base}/news/talks"]
    assert len(store.backend.fetchall("SELECT key FROM watch_seen")) == 2
    store.close()


def test_an_unreadable_page_is_given_up_after_its_tries_when_run_from_cron(site, tmp_path):
    # Each `--once` run is a new process: the tries of a page that will not load are counted in the
    # store, so cron gives it up (recorded as a failure) after as many cycles as a long-running watch.
    feed = rss(site.base, ["talks"]).replace(b"</channel>", (
        f"<item><title>Gone</title><link>{site.base}/news/gone</link></item></channel>").encode())
    site.routes["/feed.xml"] = (200, "application/rss+xml", feed)
    sources = sources_file(tmp_path, f"sources:\n  - {{name: ledger, feed: '{site.base}/feed.xml'}}\n")
    reports = []
    for _ in range(MAX_ATTEMPTS + 2):
        w = watcher(tmp_path, sources, once=True)
        reports.append(w.cycle())
        failures = w.store.backend.fetchall("SELECT source FROM failures")
        w.store.close()
    assert site.count("/news/gone") == MAX_ATTEMPTS
    assert [r.unreadable for r in reports] == [0] * (MAX_ATTEMPTS - 1) + [1, 0, 0]
    assert failures == [(f"{site.base}/news/gone",)]
    assert site.count("/news/talks") == 1
    store = open_store(tmp_path / "watch.duckdb")
    assert store.backend.fetchall("SELECT key FROM watch_attempts") == []  # given up: no longer pending
    store.close()


def test_a_source_failing_for_years_backs_off_at_its_maximum_without_overflowing():
    from datetime import timedelta

    from tocsin.watch.poll import Validators
    from tocsin.watch.state import SourceState, next_state, utcnow

    now = utcnow()
    state = next_state(SourceState(Validators(), failures=5000), interval=0.0, backoff_base=60.0, backoff_max=3600.0,
                       error="HTTP 500", validators=Validators(), now=now)
    assert (state.failures, state.next_due) == (5001, now + timedelta(seconds=3600))


def test_a_dropped_file_that_cannot_be_coded_is_counted_in_the_cycle_line(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "scan.txt").write_bytes(b"\x00\x01binary\x00")
    (drop / "wire.jsonl").write_text('{"text": "Officials met on Monday.", "published": "2026-03-02"}\n{broken\n',
                                     encoding="utf-8")
    sources = sources_file(tmp_path, f"sources:\n  - {{name: inbox, folder: '{drop}', settle: 0}}\n")
    w = watcher(tmp_path, sources)
    report = w.cycle()
    failed = sorted(w.store.backend.fetchall("SELECT reason FROM failures"))
    w.store.close()
    assert failed == [("binary",), ("malformed",)]
    assert (report.added, report.unreadable) == (1, 2), report.line()
    assert "2 page(s) unreadable" in report.line()
