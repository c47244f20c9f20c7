"""`tocsin ingest`: readers (WARC, feeds), idempotent reruns, SIGKILL recovery, workers.

Most tests swap the coding stages for one tiny deterministic stage (one SEIZE event per sentence
with "seized"), so they test ingestion whatever the real stages produce today; cleaning and spaCy
stay real. One test runs the whole real pipeline on a handful of articles.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.ingest.rss import html_to_text, read_feed
from tocsin.ingest.warc import read_warc
from tocsin.model import Article, Failure

STAGE = textwrap.dedent('''
    import os, time
    from tocsin.model import Event, EventActor

    def seize_stage(document, parsed, config):
        time.sleep(float(os.environ.get("TOCSIN_TEST_DELAY", "0")))  # fault tests: time to kill a worker mid-run
        for n, sent in enumerate(parsed.sents):
            at = sent.text.find("seized")
            if at >= 0:
                start = sent.start_char + at
                document.events.append(Event(
                    id=f"ev{n}", doc_id=document.doc.id, event="SEIZE", cameo="171", quad_code=4,
                    event_scale=-9.2, actor=[EventActor(text="Norland", code="NOR", sector=["GOV"])],
                    recipient=[EventActor(text="Ostrava", code="OST")], date=document.doc.published,
                    text=sent.text, span=(sent.start_char, sent.end_char), event_text="seized",
                    event_span=(start, start + 6)))
''')
exec(STAGE)  # defines seize_stage here too


@pytest.fixture
def fake_stages(monkeypatch):
    import tocsin.pipeline

    monkeypatch.setattr(tocsin.pipeline, "_stages", lambda: [seize_stage])  # noqa: F821


def article_lines(n: int, start: int = 0) -> list[str]:
    towns = ["Lindmar", "Port Essel", "Varn", "Okley"]
    lines = []
    for i in range(start, start + n):
        text = (f"Coast guard officers from Norland seized cargo ship {i} near {towns[i % 4]} on Tuesday, "
                f"officials said.\n\nThe foreign ministry of Ostrava called the seizure of vessel {i} illegal.")
        lines.append(json.dumps({"id": f"n{i}", "text": text, "published": f"2025-12-{1 + i % 20:02d}",
                                 "outlet": ["Harbour Times", "Daily Ledger", "Coast Wire"][i % 3]}))
    return lines


def write_jsonl(path: Path, n: int, bad: bool = True) -> Path:
    lines = article_lines(n)
    if bad:
        lines.insert(n // 2, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n")
    return path


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("articles", "events", "failures", "stories", "runs")}
    finally:
        con.close()


def assert_stored_once(db: Path, articles: int, failures: int) -> None:
    """Every article stored exactly once (one event each, from the fake stage), with the failures."""
    final = counts(db)
    assert (final["articles"], final["events"], final["failures"]) == (articles, articles, failures)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT COUNT(DISTINCT doc_id) FROM articles").fetchone()[0] == articles
    con.close()


# -- readers ------------------------------------------------------------------------------

PAGE = (b"<html><head><title>Ships seized off Lindmar</title><meta property='og:site_name' content='Harbour Times'>"
        b"<meta property='article:published_time' content='2025-12-02'></head><body><article>"
        b"<h1>Ships seized off Lindmar</h1><p>Coast guard officers from Norland seized two cargo ships near the"
        b" port of Lindmar on Tuesday, officials said.</p><p>The government of Ostrava condemned the seizure and"
        b" summoned the ambassador of Norland to explain it.</p></article></body></html>")


def make_warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        for n, (status, mime, body) in enumerate([("200 OK", "text/html; charset=utf-8", PAGE),
                                                  ("404 Not Found", "text/html", b"<html>gone</html>"),
                                                  ("200 OK", "application/pdf", b"%PDF-1.4")]):
            headers = StatusAndHeaders(status, [("Content-Type", mime)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://harbour.example/news/{n}", "response", payload=io.BytesIO(body), http_headers=headers))
    return path


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Coast Wire</title><link>https://coast.example/</link>
<item><title>Norland seizes ships</title><link>https://coast.example/1</link><guid>coast-1</guid>
<pubDate>Wed, 03 Dec 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Coast guard officers from Norland seized a tanker near Varn.&lt;/p&gt;&lt;p&gt;Ostrava protested.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://coast.example/2</link></item>
</channel></rss>"""


def test_warc_responses_become_articles_and_the_rest_failures(tmp_path):
    items = list(read_warc(make_warc(tmp_path / "crawl.warc.gz")))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert len(articles) == 1 and len(failures) == 2
    page = articles[0]
    assert page.id == page.url == "https://harbour.example/news/0"
    assert page.title == "Ships seized off Lindmar" and page.published == "2025-12-02"
    assert "seized two cargo ships" in page.text and "<p>" not in page.text
    assert sorted(f.message.split(": ", 1)[1] for f in failures) == ["HTTP 404",
                                                                    "content type application/pdf is not HTML"]


def test_a_file_that_is_not_a_warc_is_one_failure(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a web archive\n" * 10)
    items = list(read_warc(path))
    assert len(items) == 1 and isinstance(items[0], Failure) and items[0].reason == "malformed"


def test_feed_entries_become_articles(tmp_path):
    path = tmp_path / "coast.rss"
    path.write_text(FEED)
    items = list(read_feed(path))
    assert isinstance(items[0], Article)
    entry = items[0]
    assert (entry.id, entry.outlet, entry.published, entry.url) == (
        "coast-1", "Coast Wire", "2025-12-03", "https://coast.example/1")
    assert entry.text == "Coast guard officers from Norland seized a tanker near Varn.\n\nOstrava protested."
    assert isinstance(items[1], Failure) and items[1].line == 2


EMPTY_FEEDS = {
    "quiet.rss": '<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Wire</title>'
                 '<link>https://coast.example/</link><description>Shipping news</description></channel></rss>',
    "quiet.atom": '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Wire</title>'
                  '<id>urn:coast</id><updated>2025-12-03T08:00:00Z</updated></feed>',
}


@pytest.mark.parametrize("name", sorted(EMPTY_FEEDS))
def test_a_feed_without_items_says_so(tmp_path, name):
    from tocsin.errors import EmptyInput

    path = tmp_path / name
    path.write_text(EMPTY_FEEDS[name])
    with pytest.raises(EmptyInput, match=f"{name}: the feed has no items"):
        list(read_feed(path))


def test_a_feed_without_items_in_a_directory_is_one_failure_and_the_rest_is_read(tmp_path):
    from tocsin.ingest import read

    (tmp_path / "quiet.rss").write_text(EMPTY_FEEDS["quiet.rss"])
    (tmp_path / "story.txt").write_text("Norland seized a tanker near Varn on Tuesday.")
    items = list(read(str(tmp_path)))
    assert [(type(i).__name__, getattr(i, "reason", None)) for i in items] == [("Failure", "empty"),
                                                                                ("Article", None)]
    assert "the feed has no items" in items[0].message


def test_a_feed_that_trips_the_feed_parser_is_malformed_input(tmp_path):
    # Broken markup (NUL bytes in a link, a mangled end tag) sends feedparser down its SGML
    # fallback, which raised KeyError from inside the library: it must be a typed error.
    from tocsin.errors import MalformedInput

    found = (Path(__file__).parent.parent / "fuzz" / "regressions" / "feed-feedparser-internal-keyerror")
    path = tmp_path / "broken.rss"
    path.write_bytes(found.read_bytes()[1:])  # the first byte picks the fuzz target
    with pytest.raises(MalformedInput, match="not an RSS or Atom feed"):
        list(read_feed(path))


def test_feed_urls_are_checked_before_any_fetch():
    from tocsin.errors import URLRefused

    with pytest.raises(URLRefused):
        list(read_feed("http://127.0.0.1:9/feed.rss"))


def test_html_to_text_keeps_paragraphs():
    assert html_to_text("<p>One <b>two</b></p><p>Three</p>") == "One two\n\nThree"
    assert html_to_text("plain words") == "plain words"


# -- ingest -------------------------------------------------------------------------------

def test_ingest_twice_adds_nothing_and_queries_answer(tmp_path, fake_stages):
    source, db = write_jsonl(tmp_path / "corpus.jsonl", 12), tmp_path / "c.duckdb"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(source), "--db", str(db)])
    assert first.exit_code == 2, first.output  # the broken line: stored as a failure, shown, and exit 2
    assert "12 added" in first.output and "1 failed" in first.output
    assert f"skipped: {source} line 7:" in first.output
    after_first = counts(db)
    assert (after_first["articles"], after_first["events"], after_first["failures"]) == (12, 12, 1)
    second = runner.invoke(main, ["ingest", str(source), "--db", str(db)])
    assert second.exit_code == 2, second.output
    assert "0 added, 12 already stored" in second.output
    assert {k: v for k, v in counts(db).items() if k != "runs"} == {
        k: v for k, v in after_first.items() if k != "runs"}

    dyad = runner.invoke(main, ["dyad", "NOR", "OST", "--db", str(db), "--by", "week", "--format", "jsonl"])
    assert dyad.exit_code == 0, dyad.output
    weeks = [json.loads(line) for line in dyad.output.splitlines()]
    # Seizures a day apart with the same trigger merge into one story: 12 mentions, fewer stories.
    assert sum(w["mentions"] for w in weeks) == 12 and all(w["OST->NOR events"] == 0 for w in weeks)
    assert sum(w["NOR->OST events"] for w in weeks) == after_first["stories"] < 12
    events = runner.invoke(main, ["events", "--db", str(db), "--actor", "NOR", "--since", "2025-12-05",
                                  "--format", "csv"])
    assert events.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(events.output)))
    assert sorted(r["doc_id"] for r in rows) == sorted(f"n{i}" for i in range(4, 12))  # Dec 5 on
    table = runner.invoke(main, ["events", "--db", str(db), "--type", "SEIZE", "--limit", "3"])
    assert table.exit_code == 0 and "SEIZE" in table.output


def test_ingest_reads_directories_warc_and_feeds(tmp_path, fake_stages):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "batch.jsonl", 3, bad=False)
    make_warc(folder / "crawl.warc.gz")
    (folder / "wire.rss").write_text(FEED)
    db = tmp_path / "c.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert "skipped: " in result.output and "HTTP 404" in result.output
    con = duckdb.connect(str(db), read_only=True)
    urls = {r[0] for r in con.execute("SELECT url FROM articles WHERE url IS NOT NULL").fetchall()}
    assert urls == {"https://harbour.example/news/0", "https://coast.example/1"}
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
    assert con.execute("SELECT COUNT(*) FROM failures").fetchone()[0] == 3  # 404, pdf, empty feed entry
    con.close()


def test_exports_from_the_command_line(tmp_path, fake_stages):
    source, db = write_jsonl(tmp_path / "corpus.jsonl", 4, bad=False), tmp_path / "c.duckdb"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(source), "--db", str(db)]).exit_code == 0
    plover = tmp_path / "events.jsonl"
    assert runner.invoke(main, ["export", str(plover), "--db", str(db), "--format", "plover"]).exit_code == 0
    records = [json.loads(line) for line in plover.read_text().splitlines()]
    assert len(records) == 4 and {r["event"] for r in records} == {"SEIZE"}
    gdelt = tmp_path / "events.tsv"
    assert runner.invoke(main, ["export", str(gdelt), "--db", str(db), "--format", "gdelt"]).exit_code == 0
    assert all(len(line.split("\t")) == 61 for line in gdelt.read_text().splitlines())
    assert runner.invoke(main, ["export", str(tmp_path / "pq"), "--db", str(db), "--format", "parquet"]).exit_code == 0
    assert (tmp_path / "pq" / "events.parquet").exists()
    missing = runner.invoke(main, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no such database" in missing.output


@pytest.mark.parametrize("url", ["sqlite:///news.db", "mysql://user@host/news"])
def test_a_database_url_tocsin_cannot_use_is_refused_and_nothing_is_written(tmp_path, fake_stages, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    source = write_jsonl(tmp_path / "corpus.jsonl", 2, bad=False)
    for args in (["ingest", str(source), "--db", url], ["events", "--db", url]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and "not a database tocsin can use" in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl"]  # no folder named after the scheme


def test_an_input_that_cannot_be_read_gives_exit_2_and_its_reason(tmp_path, fake_stages):
    good = write_jsonl(tmp_path / "good.jsonl", 2, bad=False)
    db = tmp_path / "c.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope.txt"), str(good), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert f"skipped: {tmp_path / 'nope.txt'}: no such file or directory" in result.output
    assert "2 added" in result.output  # the readable input is stored all the same
    clean = CliRunner().invoke(main, ["ingest", str(good), "--db", str(db)])
    assert clean.exit_code == 0 and "skipped" not in clean.output


def test_the_password_of_a_database_url_is_never_shown():
    from tocsin.store import redact

    assert redact("postgresql://coder:s3cr@t@db.example:5432/news") == "postgresql://coder:***@db.example:5432/news"
    assert redact("ingest into postgres://u:pw@h/d failed") == "ingest into postgres://u:***@h/d failed"
    assert redact("postgresql://u@h/d?sslmode=require&password=pw") == "postgresql://u@h/d?sslmode=require&password=***"
    assert redact("out/demo.duckdb") == "out/demo.duckdb"


def test_the_ingest_summary_masks_the_password(monkeypatch):
    import tocsin.corpus.ingest
    from tocsin.corpus.ingest import Summary

    seen = []
    monkeypatch.setattr(tocsin.corpus.ingest, "ingest", lambda sources, db, **kw: seen.append(db) or Summary(read=1))
    result = CliRunner().invoke(main, ["ingest", "a.txt", "--db", "postgresql://coder:hunter2@127.0.0.1/news"])
    assert seen == ["postgresql://coder:hunter2@127.0.0.1/news"]  # the real URL is used
    assert result.exit_code == 0 and "hunter2" not in result.output
    assert "postgresql://coder:***@127.0.0.1/news" in result.output


def test_workers_report_bad_lines_as_the_jsonl_reader_does(tmp_path, fake_stages):
    from tocsin.ingest.jsonl import read_jsonl
    from tocsin.corpus.ingest import ingest

    lines = article_lines(4)
    lines[2:2] = ['{"id": "broken", "text": ', '["not", "an", "object"]', '{"id": "n9", "text": "   "}',
                  lines[1].replace('"text": "', '"text": "Another text. '),  # id n1 again
                  "", '{"text": "Officials said nothing.", "published": "someday"}']  # undated, not failed
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(lines) + "\n")
    expected = sorted((f.source, f.line, f.reason, f.message)
                      for f in read_jsonl(source, name="mixed", max_bytes=10**6) if isinstance(f, Failure))
    summary = ingest([str(source)], tmp_path / "c.duckdb", workers=1)
    con = duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True)
    stored = sorted(con.execute("SELECT source, line, reason, message FROM failures").fetchall())
    con.close()
    assert len(expected) == 4 and any("duplicate id 'n1'" in f[3] for f in expected)
    assert stored == expected
    assert (summary.added, summary.failures, summary.read) == (5, 4, 9)


def test_an_empty_jsonl_file_is_one_failure(tmp_path, fake_stages):
    from tocsin.corpus.ingest import ingest

    source = tmp_path / "empty.jsonl"
    source.write_text("\n  \n")
    summary = ingest([str(source)], tmp_path / "c.duckdb")
    assert (summary.read, summary.failures, summary.failure_reasons) == (1, 1, {"empty": 1})


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_refused_while_coding_is_recorded_with_its_file_and_line(tmp_path, fake_stages, workers):
    # A paragraph over the length limit is refused by the coder, not the reader: its failure still
    # names the file (not the document id) and, for a JSONL line, the line, like any other bad input.
    from tocsin.corpus.ingest import ingest

    lines = article_lines(2)
    lines.insert(1, json.dumps({"id": "wall", "text": "Officials met again. " * 6000}))
    source = tmp_path / "walls.jsonl"
    source.write_text("\n".join(lines) + "\n")
    wall = tmp_path / "wall.txt"
    wall.write_text("Officials met again. " * 6000 + "\n")
    summary = ingest([str(source), str(wall)], tmp_path / "c.duckdb", workers=workers)
    con = duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True)
    stored = sorted(con.execute("SELECT source, line, reason FROM failures").fetchall(), key=str)
    con.close()
    assert stored == sorted([(str(source), 2, "too_large"), (str(wall), None, "too_large")], key=str)
    assert (summary.added, summary.failures) == (2, 2)


# Installs the fake stage in a process: the ingest script below, or a `dask worker --preload`.
PRELOAD = STAGE + textwrap.dedent('''
    import tocsin.pipeline
    tocsin.pipeline._stages = lambda: [seize_stage]
''')

# argv: source, database, then a number of local workers or a Dask cluster address.
SCRIPT = PRELOAD + textwrap.dedent('''
    import json, sys
    from tocsin.corpus.ingest import ingest

    def progress(summary):
        print(summary.added, flush=True)

    if __name__ == "__main__":
        where = sys.argv[3]
        engine = {"cluster": where} if ":" in where else {"workers": int(where)}
        summary = ingest([sys.argv[1]], sys.argv[2], batch_size=4, on_progress=progress, **engine)
        print("DONE " + json.dumps({"added": summary.added, "present": summary.present, "failures": summary.failures,
                                    "reasons": summary.failure_reasons, "engine": summary.engine}), flush=True)
''')


def _run(script: Path, source: Path, db: Path | str, workers: int | str = 1, kill_after: int | None = None,
         on_progress=None, delay: float = 0.0, timeout: float = 300) -> dict | None:
    """Run the ingest script; SIGKILL it once `kill_after` articles are added, or call
    `on_progress(proc, added)` on each progress line. The run must end within `timeout` s."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", TOCSIN_TEST_DELAY=str(delay))
    proc = subprocess.Popen([sys.executable, str(script), str(source), str(db), str(workers)],
                            stdout=subprocess.PIPE, text=True, env=env)
    watchdog = threading.Timer(timeout, proc.kill)  # a hang fails the test instead of blocking the suite
    watchdog.start()
    try:
        for line in proc.stdout:
            if line.startswith("DONE "):
                proc.wait(timeout=60)
                return json.loads(line[5:])
            if on_progress is not None:
                on_progress(proc, int(line))
            if kill_after is not None and int(line) >= kill_after:
                proc.send_signal(signal.SIGKILL)  # no cleanup, no flush: as a crash or the OOM killer
                proc.wait(timeout=60)
                return None
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    raise AssertionError(f"ingest ended with code {proc.wait()} before finishing")


def test_sigkill_mid_run_then_rerun_loses_and_doubles_nothing(tmp_path):
    script = tmp_path / "ingest_fake.py"
    script.write_text(SCRIPT)
    source, db = write_jsonl(tmp_path / "corpus.jsonl", 60), tmp_path / "c.duckdb"
    assert _run(script, source, db, kill_after=12) is None
    survived = counts(db)
    assert 12 <= survived["articles"] < 60  # committed batches survived the kill, the rest did not
    assert survived["events"] == survived["articles"]
    finished = _run(script, source, db)
    assert finished["present"] == survived["articles"]  # resumed: committed articles were not coded again
    assert finished["added"] == 60 - survived["articles"]
    assert_stored_once(db, 60, failures=1)


def test_two_workers_store_what_one_worker_stores(tmp_path):
    script = tmp_path / "ingest_fake.py"
    script.write_text(SCRIPT)
    source = write_jsonl(tmp_path / "corpus.jsonl", 24)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    assert _run(script, source, one, workers=1)["added"] == 24
    assert _run(script, source, two, workers=2)["added"] == 24

    def events(db):
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute("SELECT article_id, event_id, event, date, text, payload FROM events"
                               " ORDER BY article_id, event_id").fetchall()
        finally:
            con.close()

    assert events(one) == events(two)
    assert counts(one)["failures"] == counts(two)["failures"] == 1


INVENTED = [
    {"id": "r1", "published": "2025-12-02", "outlet": "Harbour Times",
     "text": "Norland's navy seized two cargo ships off the port of Lindmar on Tuesday, the defence ministry "
             "said.\n\nOstrava's foreign minister condemned the seizure and summoned Norland's ambassador."},
    {"id": "r2", "published": "2025-12-03", "outlet": "Daily Ledger",
     "text": "Ostrava recalled its ambassador from Norland on Wednesday after the navy seized two ships."},
    {"id": "r3", "published": "2025-12-04", "outlet": "Coast Wire",
     "text": "Leaders of Norland and Ostrava agreed to hold talks in Geneva next week, officials said."},
]


def test_real_pipeline_ingest_is_idempotent(tmp_path):
    source = tmp_path / "real.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in INVENTED) + "\n")
    db, runner = tmp_path / "real.duckdb", CliRunner()
    first = runner.invoke(main, ["ingest", str(source), "--db", str(db)])
    assert first.exit_code == 0, first.output
    after_first = counts(db)
    con = duckdb.connect(str(db), read_only=True)
    reasons = con.execute("SELECT message FROM failures").fetchall()
    con.close()
    assert after_first["articles"] == 3, reasons
    assert runner.invoke(main, ["ingest", str(source), "--db", str(db)]).exit_code == 0
    again = counts(db)
    assert (again["articles"], again["events"], again["stories"]) == (
        3, after_first["events"], after_first["stories"])
    dyad = runner.invoke(main, ["dyad", "NOR", "OST", "--db", str(db)])
    assert dyad.exit_code == 0, dyad.output


def _kill_a_worker_once(rng, killed: list, children):
    """An on_progress callback: after the first coded chunk and a random pause, SIGKILL one worker."""
    import time

    def kill(proc, added):
        if killed:
            return
        time.sleep(rng.uniform(0, 1.0))
        victims = children(proc)
        assert victims, "no worker to kill"
        victim = rng.choice(victims)
        os.kill(victim, signal.SIGKILL)  # as the OOM killer does
        killed.append(victim)

    return kill


def _forked_workers(proc) -> list[int]:
    import psutil

    parent = psutil.Process(proc.pid)
    # Pool workers are forks of the script (same command line); the resource tracker is not.
    return [p.pid for p in parent.children() if p.cmdline() == parent.cmdline()]


@pytest.mark.parametrize("seed", [3, 11])
def test_a_killed_worker_does_not_hang_the_ingest_and_its_articles_are_coded_once(tmp_path, seed):
    import random

    script = tmp_path / "ingest_fake.py"
    script.write_text(SCRIPT)
    source, db = write_jsonl(tmp_path / "corpus.jsonl", 96), tmp_path / "c.duckdb"
    killed: list[int] = []
    done = _run(script, source, db, workers=2, delay=0.05, timeout=240,
                on_progress=_kill_a_worker_once(random.Random(seed), killed, _forked_workers))
    assert killed, "the run ended before a worker could be killed"
    assert (done["added"], done["failures"], done["reasons"]) == (96, 1, {"malformed": 1})
    assert_stored_once(db, 96, failures=1)


def test_a_parquet_lake_by_month_answers_as_the_database(tmp_path, fake_stages):
    december = write_jsonl(tmp_path / "december.jsonl", 6, bad=False)
    january = tmp_path / "january.jsonl"
    january.write_text("\n".join(line.replace('"published": "2025-12-', '"published": "2026-01-')
                                 .replace('"id": "n', '"id": "j').replace("cargo ship", "tanker")
                                 for line in article_lines(4)) + "\n")
    db, lake, runner = tmp_path / "c.duckdb", tmp_path / "lake", CliRunner()
    assert runner.invoke(main, ["ingest", str(december), "--db", str(db), "--parquet", str(lake)]).exit_code == 0
    assert sorted(p.name for p in (lake / "articles").iterdir()) == ["month=2025-12"]
    december_files = sorted((lake / "events" / "month=2025-12").iterdir())
    second = runner.invoke(main, ["ingest", str(january), "--db", str(db), "--parquet", str(lake)])
    assert second.exit_code == 0, second.output
    assert sorted(p.name for p in (lake / "events").iterdir()) == ["month=2025-12", "month=2026-01"]
    assert sorted((lake / "events" / "month=2025-12").iterdir()) == december_files  # untouched month kept
    for command in (["events", "--format", "jsonl"], ["stories", "--format", "jsonl", "--evidence"],
                    ["dyad", "NOR", "OST", "--by", "month", "--format", "jsonl"]):
        from_db = runner.invoke(main, [*command, "--db", str(db)])
        from_lake = runner.invoke(main, [*command, "--db", str(lake)])
        assert from_lake.exit_code == 0, from_lake.output
        assert from_lake.output == from_db.output and from_db.output.count("\n") >= 2
    import pyarrow.dataset as ds

    table = ds.dataset(lake / "articles", partitioning="hive").to_table()
    assert table.num_rows == 10 and set(table.column("month").to_pylist()) == {"2025-12", "2026-01"}
    refused = runner.invoke(main, ["ingest", str(january), "--db", str(lake)])
    assert refused.exit_code == 2 and "read-only" in refused.output


def test_a_lake_catches_up_on_runs_it_missed(tmp_path, fake_stages):
    from tocsin.corpus.ingest import ingest

    db, lake = tmp_path / "c.duckdb", tmp_path / "lake"
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text("\n".join(article_lines(3)) + "\n")
    later.write_text("\n".join(article_lines(2, start=10)) + "\n")
    ingest([str(first)], db, parquet=lake)
    ingest([str(later)], db)  # as if killed after storing, before writing its lake
    assert ds_rows(lake / "articles") == 3
    ingest([str(later)], db, parquet=lake)  # adds nothing, and brings the missed run's articles to the lake
    assert ds_rows(lake / "articles") == 5 and ds_rows(lake / "events") == 5


def ds_rows(folder: Path) -> int:
    import pyarrow.dataset as ds

    return ds.dataset(folder, partitioning="hive").count_rows()


CLI = PRELOAD + textwrap.dedent('''
    import pathlib

    def marking_stage(document, parsed, config):  # tells the test that coding has begun
        pathlib.Path(os.environ["TOCSIN_TEST_MARK"]).touch()
        seize_stage(document, parsed, config)

    tocsin.pipeline._stages = lambda: [marking_stage]
    from tocsin.cli import main
    main(prog_name="tocsin")
''')


def test_ctrl_c_mid_ingest_is_one_line_exit_130_and_the_store_stays_whole(tmp_path):
    script = tmp_path / "tocsin_fake.py"
    script.write_text(CLI)
    source, db = write_jsonl(tmp_path / "corpus.jsonl", 40), tmp_path / "c.duckdb"
    mark = tmp_path / "coding"
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", TOCSIN_TEST_DELAY="0.2", TOCSIN_TEST_MARK=str(mark))
    proc = subprocess.Popen([sys.executable, str(script), "ingest", str(source), "--db", str(db), "--quiet"],
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        for _ in range(1200):  # until the run codes its first article, at most 120 s
            if mark.exists() or proc.poll() is not None:
                break
            threading.Event().wait(0.1)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["tocsin: interrupted; what was already stored is kept,"
                                        " run the command again to go on"]
    env["TOCSIN_TEST_DELAY"] = "0"
    rerun = subprocess.run([sys.executable, str(script), "ingest", str(source), "--db", str(db), "--quiet"],
                           capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 2, rerun.stderr  # the one broken line
    assert_stored_once(db, 40, failures=1)


def test_ingest_reads_the_users_places_file_and_its_hash_marks_the_events(tmp_path):
    places = tmp_path / "places.yaml"
    places.write_text("places:\n  - {name: Kessel Reach, lat: 11.2, lon: -63.9, country: VEN, feature: bay}\n")
    story = tmp_path / "reach.txt"
    story.write_text("Venezuelan troops fired on Colombian fishing boats in Kessel Reach on Monday, the navy said.\n")
    db = str(tmp_path / "p.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(story), "--db", db, "--places", str(places), "--quiet",
                                       "--published", "2025-12-01"])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(db, read_only=True)
    try:
        located = con.execute("SELECT loc_name, loc_country, lexicon_hash FROM events").fetchall()
    finally:
        con.close()
    assert [row[:2] for row in located] == [("Kessel Reach", "VEN")]
    from tocsin.config import Config
    from tocsin.store.provenance import lexicon_hash

    assert located[0][2] == lexicon_hash(Config(places_files=(places,))) != lexicon_hash(Config())


def test_a_full_disk_mid_ingest_is_one_line_and_a_rerun_stores_everything(tmp_path, fake_stages, monkeypatch):
    from tocsin.store.backends import DuckDBBackend

    source, db = write_jsonl(tmp_path / "corpus.jsonl", 12, bad=False), tmp_path / "c.duckdb"
    real_commit = DuckDBBackend.commit
    commits = []

    def commit_then_full(self):
        commits.append(1)
        if len(commits) == 3:  # the first batch of articles: DuckDB ends the transaction when its commit fails
            self.con.execute("ROLLBACK")
            raise duckdb.TransactionException('TransactionContext Error: Failed to commit: Could not write file'
                                              ' "c.duckdb.wal": No space left on device')
        real_commit(self)

    monkeypatch.setattr(DuckDBBackend, "commit", commit_then_full)
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db), "--quiet"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == ["tocsin: error: cannot write the database: no space left on device;"
                                          " what was stored before is kept: free some space and run the command"
                                          " again"]
    monkeypatch.setattr(DuckDBBackend, "commit", real_commit)
    rerun = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db), "--quiet"])
    assert rerun.exit_code == 0, rerun.output
    assert_stored_once(db, 12, failures=0)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_gzipped_jsonl_is_read_line_by_line_and_a_cut_one_keeps_what_came_before(tmp_path, fake_stages, workers):
    import gzip

    whole = tmp_path / "day.jsonl.gz"
    whole.write_bytes(gzip.compress(("\n".join(article_lines(20)) + "\n").encode()))
    cut = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(("\n".join(article_lines(20, start=100)) + "\n").encode())
    cut.write_bytes(data[: len(data) // 2])
    junk = tmp_path / "junk.jsonl.gz"
    junk.write_bytes(b"not gzip at all")
    db = tmp_path / "gz.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(whole), str(cut), str(junk), "--db", str(db), "--quiet",
                                       "--workers", workers])
    assert result.exit_code == 2, result.output
    assert f"skipped: {junk}: not a readable gzip file" in result.stderr
    assert f"skipped: {cut}: cannot read past line " in result.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = [r[0] for r in con.execute("SELECT doc_id FROM articles ORDER BY doc_id").fetchall()]
    finally:
        con.close()
    assert {f"n{i}" for i in range(20)} <= set(ids)  # ids come from the lines, as for a .jsonl file
    kept = [i for i in ids if i.startswith("n1") and len(i) == 4]
    assert 0 < len(kept) < 20  # the part of the cut file before the cut
    coded = CliRunner().invoke(main, ["code", str(whole), "--format", "json"])
    assert [json.loads(line)["doc"]["id"] for line in coded.stdout.splitlines()] == [f"n{i}" for i in range(20)]


def test_ingesting_again_with_another_date_says_stored_articles_keep_theirs(tmp_path, fake_stages):
    source, db = tmp_path / "note.txt", str(tmp_path / "c.duckdb")
    source.write_text("Troops crossed the border on Monday.\n")
    first = CliRunner().invoke(main, ["ingest", str(source), "--db", db, "--published", "2025-01-10"])
    assert first.exit_code == 0 and "note:" not in first.output
    again = CliRunner().invoke(main, ["ingest", str(source), "--db", db, "--published", "2025-06-10"])
    assert again.exit_code == 0
    assert "the 1 article(s) already stored keep their own dates; --published applies to new articles only" in again.output
