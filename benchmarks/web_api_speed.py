"""`tocsin serve` API latency on a store of N synthetic story events (target: p95 < 100 ms at 100k).

    .venv/bin/python benchmarks/web_api_speed.py              # 100,000 story events
    .venv/bin/python benchmarks/web_api_speed.py --n 20000    # a quicker look

The store is filled with SQL (one article, event mention and story per event, random codes,
types, dates over five years, places and outlets), so building it takes seconds, not a coding
run. Then the server runs in this process and each request the dashboard makes is sent over HTTP
`--repeat` times; printed: median and 95th percentile per request, and the worst p95 as a
multiple of the 100 ms target. The CPU time of each request is printed too: on a shared machine
(the load average is printed) wall time measures the other processes as much as the server.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from tocsin.store import open_store
from tocsin.web.server import make_server

TARGET_MS = 100.0
CODES = ["USA", "RUS", "CHN", "UKR", "VEN", "COL", "IRN", "ISR", "IND", "PAK", "GUY", "SUR", "BRA", "FRA", "DEU"]
TYPES = ["ASSAULT", "ACCUSE", "AGREE", "AID", "MOBILIZE", "PROTEST", "THREATEN", "CONSULT", "REQUEST", "REJECT"]


def _pick(array: list[str], seed: str) -> str:
    # An SQL expression choosing one item of `array` from a hash of `seed`.
    items = ", ".join(f"'{v}'" for v in array)
    return f"([{items}])[CAST(1 + hash({seed}) % {len(array)} AS BIGINT)]"


def build(path: Path, n: int) -> None:
    with open_store(path) as store:
        con = store.backend.con
        con.execute(f"""
            CREATE TEMP TABLE g AS SELECT i,
                lpad(to_hex(i), 64, '0') AS article_id, 'e' || i AS event_id,
                {_pick(CODES, "i")} AS actor, {_pick(CODES, "i * 7 + 3")} AS recipient,
                {_pick(TYPES, "i * 13 + 1")} AS event,
                1 + (hash(i * 17) % 4)::INTEGER AS quad,
                CAST(DATE '2021-01-01' + CAST(hash(i * 31) % 1800 AS INTEGER) AS VARCHAR) AS date,
                'Place ' || (hash(i * 5) % 300) AS place,
                -10 + (hash(hash(i * 5) % 300) % 200) / 10.0 AS lat, -80 + (hash(hash(i * 5) % 300) % 300) / 2.0 AS lon,
                'Outlet ' || (hash(i * 3) % 40) AS outlet,
                ['asserted', 'claimed', 'denied'][CAST(1 + hash(i * 23) % 3 AS BIGINT)] AS status
            FROM range({n}) t(i)""")
        con.execute("""INSERT INTO articles (article_id, doc_id, title, published, outlet, url, source, text, n_events,
                           coder_version, lexicon_hash)
                       SELECT article_id, 'doc-' || i, 'Report ' || i, date, outlet, 'https://news.example/' || i,
                              'bench', 'Synthetic sentence number ' || i || '.', 1, 'bench', 'bench' FROM g""")
        con.execute("""INSERT INTO events (article_id, event_id, event, actor_codes, recipient_codes, date,
                           date_precision, loc_name, loc_lat, loc_lon, text, span_start, span_end, event_text,
                           event_start, event_end, in_lead, negated, attribution_status, fatalities, quad_code,
                           event_scale, confidence, coder_version, lexicon_hash, payload)
                       SELECT article_id, event_id, event, actor, recipient, date, 'day', place, lat, lon,
                              'Synthetic sentence number ' || i || '.', 0, 20, 'Synthetic', 0, 9, TRUE, FALSE,
                              status, CASE WHEN i % 10 = 0 THEN (i % 50)::INTEGER END, quad,
                              CASE WHEN quad > 2 THEN -5.0 ELSE 4.0 END, 0.5, 'bench', 'bench', '{}' FROM g""")
        con.execute("""INSERT INTO event_actors (article_id, event_id, role, seq, text, name, code, start_char, end_char)
                       SELECT article_id, event_id, 'actor', 0, actor, actor, actor, 0, 3 FROM g
                       UNION ALL SELECT article_id, event_id, 'recipient', 0, recipient, recipient, recipient, 4, 7
                       FROM g""")
        con.execute("""INSERT INTO stories (story_id, event, quad_code, event_scale, actor_codes, recipient_codes, date,
                           last_date, loc_name, loc_lat, loc_lon, event_text, num_mentions, num_sources, num_articles,
                           first_article_id, first_event_id)
                       SELECT 's' || i, event, quad, CASE WHEN quad > 2 THEN -5.0 ELSE 4.0 END, actor, recipient, date,
                              date, place, lat, lon, 'Synthetic', 1, 1, 1, article_id, event_id FROM g""")
        con.execute("INSERT INTO story_mentions SELECT 's' || i, article_id, event_id FROM g")
        con.execute("DELETE FROM story_backlog")
        con.execute("CHECKPOINT")


REQUESTS = [
    "/api/summary",
    "/api/events",
    "/api/events?sort=score&order=asc&offset=500",
    "/api/events?actor=VEN&recipient=COL",
    "/api/events?type=ASSAULT,PROTEST&kind=conflict&since=2023-01-01",
    "/api/events?outlet=Outlet%207&attribution=claimed&fatalities=1",
    "/api/timeline?by=day",
    "/api/timeline?by=month&actor=USA",
    "/api/map",
    "/api/map?kind=cooperation",
    "/api/dyad?a=VEN&b=COL&by=week",
    "/api/story/s12345",
    "/api/article/" + f"{12345:064x}",
    "/api/alerts",
]


def timed(server, request: str) -> tuple[float, float]:
    """(wall ms, CPU ms of this process: the server, DuckDB's threads and the client) of one request."""
    started, cpu = time.perf_counter(), time.process_time()
    with urllib.request.urlopen(server.url.rstrip("/") + request, timeout=30) as response:
        json.loads(response.read())
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        build(path, args.n)
        print(f"built a store of {args.n:,} story events in {time.perf_counter() - started:.1f} s;"
              f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        server = make_server(str(path), "127.0.0.1", 0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        worst = worst_cpu = 0.0
        try:
            for request in REQUESTS:
                wall, cpu = zip(*(timed(server, request) for _ in range(args.repeat)))
                worst, worst_cpu = max(worst, p95(wall)), max(worst_cpu, p95(cpu))
                print(f"{request[:60]:<60} median {statistics.median(wall):6.1f} ms  p95 {p95(wall):6.1f} ms"
                      f"  (CPU p95 {p95(cpu):6.1f} ms)")
            # A request after a pause also opens the file (closed when idle, for writers' sake).
            cold = []
            for _ in range(5):
                time.sleep(server.api.reader.idle_close + 0.2)
                cold.append(timed(server, "/api/events")[0])
            print(f"{'/api/events after a pause (opens the file)':<60} median {statistics.median(cold):6.1f} ms"
                  f"  max {max(cold):6.1f} ms")
        finally:
            server.shutdown()
            server.server_close()
        print(f"load average now {os.getloadavg()[0]:.1f}")
        print(f"worst p95 {worst:.1f} ms = {worst / TARGET_MS:.2f}x the {TARGET_MS:.0f} ms target"
              f" ({'met' if worst < TARGET_MS else 'NOT met'}); worst CPU p95 {worst_cpu:.1f} ms ="
              f" {worst_cpu / TARGET_MS:.2f}x (what an idle machine's latency is bounded by)")


if __name__ == "__main__":
    main()
