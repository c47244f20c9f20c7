"""What `tocsin watch` costs when nothing happens, and what the alert rules cost on a large store.

    .venv/bin/python benchmarks/watch_cost.py                 # 100,000 events, 20 feeds
    .venv/bin/python benchmarks/watch_cost.py --events 20000  # a quick look

Builds a DuckDB store of N synthetic event mentions (invented codes and days over two years,
about 1.25 mentions per story event, a tenth of them with fatalities, some denied) and as many
seen URLs, written straight into the tables. Then it times:
- alert evaluation: every shipped rule over the whole history (what a cycle with new articles
  adds, and what `tocsin alerts --replay` costs), per rule;
- an idle cycle: F feeds on a local server that all answer 304 Not Modified, polled once
  (what a cycle costs when nothing changed), beside one bare 304 request for scale.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tocsin.alerts.evaluate import evaluate  # noqa: E402
from tocsin.alerts.rules import load_rules  # noqa: E402
from tocsin.store import open_store  # noqa: E402
from tocsin.watch import http  # noqa: E402
from tocsin.watch.cycle import Watcher  # noqa: E402
from tocsin.watch.sources import load_sources  # noqa: E402

CODES = [f"C{n:02d}" for n in range(40)]
TYPES = [("ASSAULT", -9.0), ("ACCUSE", -2.0), ("THREATEN", -6.0), ("SANCTION", -4.0), ("CONSULT", 1.0),
         ("AGREE", 4.0), ("AID", 7.0)]
START = date(2024, 1, 1)


def build(store, n_events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    events, actors, stories, mentions, seen = [], [], [], [], []
    story = None
    for n in range(n_events):
        article, event_id = f"art{n // 4:07d}", f"e{n % 4}"
        if story is None or rng.random() < 0.8:  # a new story event, else one more mention of the last
            a, r = rng.sample(CODES[: 8 if rng.random() < 0.5 else 40], 2)
            kind, scale = rng.choice(TYPES)
            day = (START + timedelta(days=rng.randrange(730))).isoformat()
            dead = rng.randrange(1, 30) if kind == "ASSAULT" and rng.random() < 0.4 else None
            status = "denied" if rng.random() < 0.02 else "asserted"
            story = (f"s{n:08d}", kind, scale, a, r, day, article, event_id)
            stories.append(story)
        sid, kind, scale, a, r, day, _, _ = story
        events.append((article, event_id, kind, a, r, day, "An invented sentence.", 0, 20, "hit", True, False,
                       status, dead, scale, "bench", "bench", "{}"))
        actors += [(article, event_id, "actor", 0, a, a), (article, event_id, "recipient", 0, r, r)]
        mentions.append((sid, article, event_id))
        if n % 4 == 0:
            seen.append((f"https://news.example/{article}", "bench", None))
    b = store.backend
    b.insert("events", ("article_id", "event_id", "event", "actor_codes", "recipient_codes", "date", "text",
                        "span_start", "span_end", "event_text", "in_lead", "negated", "attribution_status",
                        "fatalities", "event_scale", "coder_version", "lexicon_hash", "payload"), events)
    b.insert("event_actors", ("article_id", "event_id", "role", "seq", "text", "code"), actors)
    b.insert("stories", ("story_id", "event", "event_scale", "actor_codes", "recipient_codes", "date",
                         "first_article_id", "first_event_id", "num_mentions", "num_sources", "num_articles"),
             [(s, k, sc, a, r, d, art, ev, 1, 1, 1) for s, k, sc, a, r, d, art, ev in stories])
    b.insert("story_mentions", ("story_id", "article_id", "event_id"), mentions)
    b.insert("watch_seen", ("key", "source", "article_id"), seen)


class NotModified(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server's name)
        etag = '"bench"'
        status, body = (304, b"") if self.headers.get("If-None-Match") == etag else (200, FEED)
        self.send_response(status)
        self.send_header("ETag", etag)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title><link>http://x/</link>'
        b"<description>d</description></channel></rss>")


def timed(fn, repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.duckdb")
        started = time.perf_counter()
        build(store, args.events)
        n_stories = store.backend.fetchall("SELECT COUNT(*) FROM stories")[0][0]
        print(f"store: {args.events} events, {n_stories} story events, {args.events // 4} seen URLs"
              f" (built in {time.perf_counter() - started:.1f} s)")

        rules = load_rules()
        total = timed(lambda: evaluate(store.backend, rules), args.repeat)
        found = evaluate(store.backend, rules)
        print(f"alert evaluation, all {len(rules)} shipped rules over the whole history: {total * 1000:.0f} ms"
              f" ({total / args.events * 1e6:.2f} us per event; {len(found)} alerts)")
        for rule in rules:
            t = timed(lambda: evaluate(store.backend, [rule]), args.repeat)
            print(f"  {rule.name:<16} {t * 1000:7.0f} ms")

        ThreadingHTTPServer.request_queue_size = 64  # the default 5 drops parallel connects (a 1 s SYN retry)
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), NotModified)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        spec = Path(tmp) / "sources.yaml"
        spec.write_text("defaults: {interval: 0, host_delay: 0}\nsources:\n" + "".join(
            f"  - {{name: feed{n}, feed: '{base}/feed{n}.xml'}}\n" for n in range(args.feeds)), encoding="utf-8")
        started = time.perf_counter()
        watcher = Watcher(load_sources(spec), store, rules, allow_private=True)
        start_up = time.perf_counter() - started
        watcher.cycle()  # the first cycle gets the feeds (200) and evaluates the rules once
        idle = timed(lambda: watcher.cycle(), args.repeat)
        report = watcher.cycle()
        assert report.not_modified == args.feeds and report.alerts == 0, report.line()
        one = timed(lambda: http.get(f"{base}/feed0.xml", etag='"bench"', allow_private=True), args.repeat * 4)
        print(f"watch start-up (seen URLs loaded): {start_up * 1000:.0f} ms")
        print(f"idle cycle, {args.feeds} feeds answering 304: {idle * 1000:.1f} ms"
              f" = {idle / args.feeds * 1000:.2f} ms per feed; one bare 304 request {one * 1000:.2f} ms"
              f" (idle cycle per feed = {idle / args.feeds / one:.2f}x a bare request)")
        print(json.dumps({"events": args.events, "evaluate_ms": round(total * 1000, 1),
                          "idle_cycle_ms": round(idle * 1000, 1), "feeds": args.feeds}))
        httpd.shutdown()
        store.close()


if __name__ == "__main__":
    main()
