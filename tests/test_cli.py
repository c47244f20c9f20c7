"""The `tocsin` command end to end: formats, typed errors, batches that go on past a bad document."""

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tocsin.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "border_standoff.txt"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def one_line_error(result):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tocsin: error:")
    return lines[0]


def test_code_json_holds_document_with_removed_spans():
    result = run("code", str(EXAMPLE), "--published", "2026-03-09", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["doc"]["published"] == "2026-03-09"
    original = EXAMPLE.read_text(encoding="utf-8")
    reasons = {r["reason"] for r in doc["removed"]}
    assert {"credit", "teaser", "duplicate"} <= reasons
    for removed in doc["removed"]:
        assert original[removed["start"]:removed["end"]] == removed["text"]
        assert "Read more" not in doc["text"] or removed["reason"] != "teaser"
    assert "Read more:" not in doc["text"]
    assert "Picture:" not in doc["text"]
    # Reporting paragraphs survive verbatim.
    assert "According to a report in El Tiempo" in doc["text"]


def test_code_table_and_plover_formats():
    table = run("code", str(EXAMPLE), "--published", "2026-03-09", "--format", "table")
    assert table.exit_code == 0, table.stderr
    assert "removed spans" in table.stdout
    plover = run("code", str(EXAMPLE), "--format", "plover")
    assert plover.exit_code == 0
    for line in plover.stdout.splitlines():
        record = json.loads(line)
        assert {"event", "actor", "recipient", "date"} <= set(record)


def test_stdin_is_read():
    result = run("code", "-", "--format", "json", input="Protesters marched in Caracas on Monday.\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["text"].startswith("Protesters marched")


def test_schema_prints_json_schema():
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Document"


def test_missing_file_is_one_line_exit_2(tmp_path):
    line = one_line_error(run("code", str(tmp_path / "nope.txt")))
    assert "nope.txt" in line


def test_empty_file_is_one_line_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n")
    one_line_error(run("code", str(empty)))


def test_feed_without_items_is_one_line_exit_2(tmp_path):
    feed = tmp_path / "quiet.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Wire</title>'
                    '<link>https://coast.example/</link><description>Shipping</description></channel></rss>')
    result = run("code", str(feed))
    line = one_line_error(result)
    assert "quiet.rss: the feed has no items" in line and result.stdout == ""


def test_binary_file_is_one_line_exit_2(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    one_line_error(run("code", str(binary)))


def test_bad_published_date_is_one_line_exit_2():
    one_line_error(run("code", str(EXAMPLE), "--published", "01/12/2025"))


def test_jsonl_batch_goes_on_past_a_bad_line(tmp_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        json.dumps({"id": "a", "text": "Police arrested two journalists in Minsk on Tuesday."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "b", "text": "Rebels attacked an army post near Goma."}) + "\n",
        encoding="utf-8",
    )
    result = run("code", str(batch), "--format", "json")
    assert result.exit_code == 2
    ids = [json.loads(line)["doc"]["id"] for line in result.stdout.splitlines() if line.startswith("{")]
    assert ids == ["a", "b"]
    assert "line 2" in result.stderr and "skipped" in result.stderr


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x", "http://169.254.169.254/latest"])
def test_hostile_urls_are_refused(url):
    line = one_line_error(run("code", url))
    if url.startswith("http"):  # the refusal says how to read a private address on purpose
        assert line.endswith("resolves to non-public address " + url.split("/")[2].split(":")[0]
                             + " (pass --allow-private to read it)")


_ENDLESS = " ".join(["Troops fired on protesters in the capital, the army said."] * 100)  # no line break
# distinct short paragraphs, none too long: only the whole is
_DUMP = "\n\n".join(f"Troops fired on protesters in district {n} of the capital, the army said." for n in range(100))


@pytest.mark.parametrize("limit, value, text, message", [
    ("MAX_PARAGRAPH_CHARS", 2_000, _ENDLESS, "a paragraph of 5,799 characters is over the limit of 2,000"),
    ("MAX_ARTICLE_CHARS", 5_000, _DUMP, "7,388 characters is over the limit of 5,000 for one article"),
])
def test_a_text_too_long_to_code_is_refused_and_the_batch_goes_on(tmp_path, monkeypatch, limit, value, text, message):
    from tocsin import nlp

    monkeypatch.setattr(nlp, limit, value)
    corpus = tmp_path / "day.jsonl"
    corpus.write_text(json.dumps({"id": "x7q", "text": text}) + "\n"
                      + json.dumps({"id": "short", "text": "Troops fired on protesters in Caracas on Monday."}) + "\n")
    result = run("code", str(corpus), "--format", "json")
    assert result.exit_code == 2
    assert [json.loads(line)["doc"]["id"] for line in result.stdout.splitlines()] == ["short"]
    assert f"(id x7q): {message}" in result.stderr
    single = tmp_path / "long.txt"
    single.write_text(text)
    result = run("code", str(single))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("tocsin: error: ") and f"long.txt: {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_warc_and_feeds_given_to_code_are_batches(tmp_path):
    from test_ingest_corpus import FEED, make_warc

    crawl = make_warc(tmp_path / "crawl.warc.gz")
    result = run("code", str(crawl), "--format", "json")
    assert result.exit_code == 2  # the 404 and the PDF of the crawl
    lines = result.stdout.splitlines()
    assert [json.loads(line)["doc"]["url"] for line in lines] == ["https://harbour.example/news/0"]
    assert "1 document(s) coded, 2 skipped" in result.stderr
    for name in ("feed.rss", "feed.xml"):  # an .xml file is a feed when it is one
        feed = tmp_path / name
        feed.write_text(FEED, encoding="utf-8")
        result = run("code", str(feed), "--format", "json")
        docs = [json.loads(line) for line in result.stdout.splitlines()]
        assert [(d["doc"]["id"], d["doc"]["outlet"]) for d in docs] == [("coast-1", "Coast Wire")]
        assert "<rss" not in docs[0]["text"]
        assert f"{name} entry 2: no text in the entry" in result.stderr


def test_every_option_of_every_command_says_what_it_does():
    from tocsin.cli import main as group

    for name, command in group.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert (param.help or "").strip(), f"tocsin {name} {param.opts[0]} has no help"


def test_warnings_are_lines_like_the_others(tmp_path):
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes("Troops from Nariño attacked a post near Bogotá.".encode("utf-8").replace(b" near", b"\xff near"))
    result = run("code", str(damaged), "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"tocsin: warning: {damaged}: 1 invalid UTF-8 byte sequence(s) replaced"
                                          " by U+FFFD; the rest is read as UTF-8"]


@pytest.mark.parametrize("error", [RuntimeError("Query interrupted"), type("InterruptException", (Exception,), {})()])
def test_a_ctrl_c_inside_a_database_query_is_one_line_and_exit_130(error, capsys):
    # DuckDB hands a Ctrl-C that lands during a query back as its own error, not KeyboardInterrupt.
    import signal

    from tocsin.cli import _end_on

    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as stop:
            _end_on(error)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert stop.value.code == 130
    assert capsys.readouterr().err.strip().startswith("tocsin: interrupted;")


def test_other_runtime_errors_are_not_taken_for_an_interruption():
    from tocsin.cli import _end_on

    assert _end_on(RuntimeError("something else")) is None


@pytest.mark.parametrize("option", ["--actors", "--lexicon", "--places", "--boilerplate"])
@pytest.mark.parametrize("content", [b"\xfa\xfb\x00binary", b"entries: [1, 2\n", b"- 1\n- 2\n"])
def test_a_user_data_file_that_cannot_be_used_is_one_error_not_a_failure_of_every_document(
        tmp_path, option, content):
    bad = tmp_path / "mine.yaml"
    bad.write_bytes(content)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": "Officials met on Monday."}) + "\n"
                              for i in range(3)), encoding="utf-8")
    for args in (["code", str(EXAMPLE)], ["code", str(corpus)]):
        line = one_line_error(run(*args, option, str(bad)))
        assert line.startswith(f"tocsin: error: cannot use {option} {bad}: "), line
        assert "skipped" not in line
    db = tmp_path / "news.duckdb"
    line = one_line_error(run("ingest", str(corpus), "--db", str(db), option, str(bad)))
    assert f"{option} {bad}" in line and not db.exists()  # refused before the store was opened


def test_an_alert_rules_file_that_is_not_text_is_one_line_and_exit_2(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_bytes(b"\xfa\xfb\x00binary")
    line = one_line_error(run("alerts", "--db", str(tmp_path / "none.duckdb"), "--replay", "--rules", str(rules)))
    assert line == f"tocsin: error: {rules}: the rules file is not UTF-8 text"
