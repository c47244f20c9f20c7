"""Readers of tocsin.ingest: every source kind, and every typed error they raise."""

from __future__ import annotations

import io
import ipaddress
import os
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tocsin.errors import (
    BinaryInput,
    DecodeFailed,
    EmptyInput,
    FetchFailed,
    InputNotFound,
    NoText,
    NotAFile,
    TooLarge,
    URLRefused,
)
from tocsin.ingest import read, register
from tocsin.ingest import url as url_module
from tocsin.model import Article, Failure

FIX = Path(__file__).parent / "fixtures" / "ingest"

BODY_PARAGRAPHS = [
    "Kenya and Tanzania agreed on Wednesday to reopen the Namanga border crossing to cargo traffic,",
    "The trade ministers of the two countries signed the agreement in Arusha",
    '"We have put the interests of our traders first," the Kenyan trade minister told reporters',
    "Tanzanian officials said the closure had been ordered after inspectors found undeclared goods",
    "Transport unions in Nairobi welcomed the decision",
]


def one(source: str | Path, **kwargs) -> Article:
    items = list(read(str(source), **kwargs))
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


# --- plain text -------------------------------------------------------------------------------


def test_text_file_is_read_verbatim_with_its_stem_as_id():
    article = one(FIX / "article.txt")
    assert article.id == "article"
    assert article.text == (FIX / "article.txt").read_text(encoding="utf-8")
    assert article.source == str(FIX / "article.txt")
    assert article.published is None


def test_crlf_becomes_lf_and_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_bytes("\ufeffFirst paragraph.\r\n\r\nSecond line\r\nthird line.\r\n".encode("utf-8"))
    assert one(path).text == "First paragraph.\n\nSecond line\nthird line.\n"


def test_latin1_file_is_detected_and_decoded():
    text = one(FIX / "latin1.txt").text
    assert "São Paulo's mayor, José Martínez" in text
    assert "café owners" in text


def test_a_few_bad_bytes_do_not_turn_a_utf8_file_into_a_code_page(tmp_path, caplog):
    lines = [
        "Negotiators from Nariño and Bogotá met in Pasto on Thursday, the governor's office said.",
        "The talks, held behind closed doors, ended without a joint statement.",
        "A second round is planned in Tumaco next week, according to the mayor, Begoña Ruíz.",
    ]
    data = "\n\n".join(lines).encode("utf-8")
    # Five stray bytes, as a damaged download or a pasted fragment leaves them.
    for at, byte in ((10, b"\xff"), (120, b"\x81"), (160, b"\xfe"), (200, b"\xc0"), (230, b"\x9d")):
        cut = data.index(b" ", at)
        data = data[:cut] + byte + data[cut:]
    path = tmp_path / "talks.txt"
    path.write_bytes(data)
    with caplog.at_level("WARNING", logger="tocsin.ingest.text"):
        text = one(path).text
    assert "Nariño" in text and "Bogotá" in text and "Begoña Ruíz" in text
    assert text.count("\ufffd") == 5
    assert any("5 invalid UTF-8" in r.getMessage() and "talks.txt" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("text", ["Zürich", "São Paulo", "ça va", "\u201cHi\u201d", "Él dijo que no."])
def test_short_latin_bytes_are_windows_1252_not_an_asian_code_page(tmp_path, text):
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("cp1252"))
    assert one(path).text.strip() == text


@pytest.mark.parametrize("text,encoding", [("日本の首相が発言した", "shift_jis"), ("中国外交部发言人表示", "gbk"),
                                           ("대통령이 말했다", "euc-kr")])
def test_short_double_byte_text_is_still_detected(tmp_path, text, encoding):
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode(encoding))
    assert one(path).text.strip() == text


@pytest.mark.parametrize("text,encoding", [
    ("Лисовск", "cp1251"), ("ГОРНОВАЛ", "cp1251"), ("Жители Нирска вышли на улицы.", "cp1251"),
    ("«Мы не уйдём», — сказал он.", "cp1251"), ("Тремань заявив", "cp1251"), ("Καλαμόρι", "cp1253"),
    ("Ο δήμαρχος του Βελτού", "cp1253"), ("ΠΑΡΑΛΟΝΑ", "cp1253"), ("Ο Αρμένης είπε «όχι».", "cp1253"),
    ("Министр Порнеска", "koi8_r")])
def test_short_cyrillic_and_greek_in_legacy_code_pages_are_read(tmp_path, text, encoding):
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode(encoding))
    assert one(path).text.strip() == text


PAGE = ("<html><head><meta charset='{charset}'><title>Talks in Bogotá</title></head><body><article>"
        "<p>“We will respond,” the minister said in Bogotá on Monday after troops attacked the border post"
        " near Cúcuta, the army said in a statement.</p></article></body></html>")


@pytest.mark.parametrize("declared", ["utf-8", "iso-8859-1", "windows-1252"])
def test_an_html_page_in_windows_1252_is_read_right_whatever_it_declares(tmp_path, declared):
    # A page that says UTF-8 and is not; ISO-8859-1 read as browsers do (curly quotes are 0x93/0x94).
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset=declared).encode("cp1252"))
    article = one(path)
    assert article.title == "Talks in Bogotá"
    assert article.text.startswith("“We will respond,” the minister said in Bogotá") and "Cúcuta" in article.text


def test_an_html_page_in_utf8_is_read_as_declared(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset="utf-8").encode("utf-8"))
    assert "“We will respond,” the minister said in Bogotá" in one(path).text


def test_code_page_text_is_not_read_as_damaged_utf8():
    # Every accented letter of a Latin-1 file is an invalid UTF-8 byte: it is detected, not replaced.
    assert "\ufffd" not in one(FIX / "latin1.txt").text


def test_mojibake_is_repaired_and_curly_quotes_kept():
    text = one(FIX / "mojibake.txt").text
    assert text.startswith("The ministry’s spokesperson said the talks in Genève had been “constructive”")
    assert "â€" not in text and "Ã" not in text
    assert "\r" not in text and "\n\nNo date has been set yet." in text


def test_utf16_text_with_bom_is_not_mistaken_for_binary(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_bytes("Talks resumed in Doha on Sunday.\n".encode("utf-16"))
    assert one(path).text == "Talks resumed in Doha on Sunday.\n"


def test_unknown_suffix_is_read_as_text(tmp_path):
    path = tmp_path / "story.article"
    path.write_text("Officials in Lusaka confirmed the vote count.\n", encoding="utf-8")
    article = one(path)
    assert (article.id, article.text) == ("story", "Officials in Lusaka confirmed the vote count.\n")


def test_txt_file_holding_html_is_sniffed_as_html(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_bytes((FIX / "article.html").read_bytes())
    article = one(path)
    assert article.title == "Kenya and Tanzania agree to reopen Namanga crossing"
    assert "<p>" not in article.text and BODY_PARAGRAPHS[0] in article.text


# --- HTML -------------------------------------------------------------------------------------


def test_html_keeps_body_paragraphs_and_drops_navigation():
    article = one(FIX / "article.html")
    assert article.id == "article"
    for paragraph in BODY_PARAGRAPHS:
        assert paragraph in article.text
    for chrome in ("Subscribe to our newsletter", "Privacy policy", "All rights reserved", "Business"):
        assert chrome not in article.text
    # Recall over precision: teasers and repeated paragraphs are left for the cleaning stage.
    assert "Read more: How a dispute over maize tariffs" in article.text
    assert article.text.count(BODY_PARAGRAPHS[1]) == 2


def test_html_metadata_title_date_outlet_url():
    article = one(FIX / "article.html")
    assert article.title == "Kenya and Tanzania agree to reopen Namanga crossing"
    assert article.published == "2024-03-14"
    assert article.outlet == "The Lakeside Courier"
    assert article.url == "https://lakesidecourier.example/world/2024/03/14/namanga-crossing"


def test_html_paragraphs_are_separated_by_blank_lines():
    paragraphs = one(FIX / "article.html").text.split("\n\n")
    assert len(paragraphs) >= len(BODY_PARAGRAPHS) + 2
    assert all(p.strip() == p and p and "\n" not in p for p in paragraphs)


def test_html_without_date_gets_none_not_a_date_from_the_body(tmp_path):
    path = tmp_path / "flood.html"
    path.write_text(
        "<html><head><title>Flood warning for river towns</title></head><body>"
        "<p>Heavy rain forced the authorities to issue a flood warning on Monday, 3 June 2024, "
        "officials said.</p><p>Residents were told to move valuables upstairs.</p></body></html>",
        encoding="utf-8",
    )
    article = one(path)
    assert article.published is None
    assert article.text.endswith("officials said.\n\nResidents were told to move valuables upstairs.")


def test_html_with_no_text_raises_no_text(tmp_path):
    path = tmp_path / "shell.html"
    path.write_text("<html><head><title>Loading</title></head><body><script>app()</script></body></html>")
    with pytest.raises(NoText, match="shell.html"):
        list(read(str(path)))


# --- the caller's date ------------------------------------------------------------------------


def test_published_override_wins_over_metadata_and_fills_missing_dates():
    assert one(FIX / "article.html", published="2025-12-01").published == "2025-12-01"
    assert one(FIX / "article.txt", published="2025-12-01").published == "2025-12-01"
    items = [i for i in read(str(FIX / "batch.jsonl"), published="2025-12-01") if isinstance(i, Article)]
    assert {a.published for a in items} == {"2025-12-01"}


# --- single-source errors ---------------------------------------------------------------------


def test_missing_path_raises_input_not_found():
    with pytest.raises(InputNotFound, match="no-such-article.txt"):
        list(read(str(FIX / "no-such-article.txt")))


@pytest.mark.parametrize("content", [b"", b" \n\t\n  \n", "\ufeff\n".encode("utf-8")])
def test_empty_or_blank_file_raises_empty_input(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyInput):
        list(read(str(path)))


def test_blank_fixture_raises_empty_input():
    with pytest.raises(EmptyInput, match="blank.txt"):
        list(read(str(FIX / "blank.txt")))


def test_nul_bytes_raise_binary_input():
    with pytest.raises(BinaryInput, match="image.png"):
        list(read(str(FIX / "image.png")))


def test_control_characters_raise_binary_input(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes(bytes(range(1, 9)) * 20 + b"some words")
    with pytest.raises(BinaryInput):
        list(read(str(path)))


def test_undecodable_bytes_raise_decode_failed():
    with pytest.raises(DecodeFailed, match="undecodable.txt"):
        list(read(str(FIX / "undecodable.txt")))


def test_too_large_file_is_refused_before_it_is_read(monkeypatch):
    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened before its size was checked")

    monkeypatch.setattr(Path, "open", no_open)
    with pytest.raises(TooLarge, match="article.txt"):
        list(read(str(FIX / "article.txt"), max_bytes=100))


def test_error_messages_are_one_line():
    for source in ("image.png", "undecodable.txt", "blank.txt", "missing.txt"):
        with pytest.raises(Exception) as info:
            list(read(str(FIX / source)))
        assert "\n" not in str(info.value) and source in str(info.value)


# --- JSONL ------------------------------------------------------------------------------------


def test_jsonl_yields_articles_and_failures_in_line_order():
    items = list(read(str(FIX / "batch.jsonl")))
    articles = [i for i in items if isinstance(i, Article)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [a.id for a in articles] == ["lagos-fuel-1", "accra-talks-2", "batch:4", "bad-date-7"]
    # a published value that names no day leaves the article undated, not dropped
    assert [a.published for a in articles] == ["2024-05-06", "2024-05-07", "2024-05-08", None]
    first = articles[0]
    assert (first.title, first.outlet, first.url) == (
        "Fuel queues return to Lagos",
        "The Harbour Ledger",
        "https://harbourledger.example/lagos-fuel",
    )
    assert "\n\nThe drivers' union said" in first.text
    # line 3 is blank and is skipped, not reported
    assert [(f.line, f.reason) for f in failures] == [
        (5, "malformed"),
        (6, "malformed"),
        (7, "malformed"),
    ]
    assert all(f"line {f.line}" in f.message and f.source == str(FIX / "batch.jsonl") for f in failures)
    assert "duplicate id 'lagos-fuel-1'" in failures[2].message


def test_jsonl_where_every_line_is_bad_still_yields_failures():
    items = list(read(str(FIX / "all_bad.jsonl")))
    assert all(isinstance(i, Failure) for i in items)
    assert [(i.line, i.reason) for i in items] == [(1, "malformed"), (2, "malformed"), (3, "empty")]


def test_jsonl_text_that_is_html_is_read_as_html_and_plain_text_is_left_alone(tmp_path):
    import json

    body = ("<p>Riot police in Varn detained 30 dock workers on Monday, the union said.</p>"
            "<p>The <b>port authority</b> denied that anyone was <a href='/x'>hurt</a>.</p>")
    page = ("<!DOCTYPE html><html><head><title>Dock strike</title><script>track();</script></head><body>"
            f"<article>{body}</article></body></html>")
    plain = "Turnout was <5% in the north and >60% in the south, the commission said on Monday."
    inline = "Police fired <b>tear gas</b> at students in Varn on Friday, witnesses said."  # escaped on output
    texts = [body, page, plain, inline, "<div><p></p><script>track();</script></div>"]
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(json.dumps({"id": str(n), "text": t}) + "\n" for n, t in enumerate(texts)))
    items = list(read(str(path)))
    expected = ("Riot police in Varn detained 30 dock workers on Monday, the union said.\n\n"
                "The port authority denied that anyone was hurt.")
    assert [i.text for i in items[:4]] == [expected, expected, plain, inline]
    assert isinstance(items[4], Failure) and items[4].reason == "no_text" and "HTML" in items[4].message


def test_wholly_empty_jsonl_raises_empty_input():
    with pytest.raises(EmptyInput, match="empty.jsonl"):
        list(read(str(FIX / "empty.jsonl")))


def test_jsonl_oversize_and_non_utf8_lines_fail_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    long_text = "word " * 100
    path.write_bytes(
        b'{"id": "long", "text": "' + long_text.encode() + b'"}\n'
        b'{"id": "latin", "text": "Bogot\xe1 talks"}\n'
        b'{"id": 7, "text": "Negotiators met again in Geneva."}\n'
    )
    items = list(read(str(path), max_bytes=200))
    assert [(i.line, i.reason) for i in items if isinstance(i, Failure)] == [(1, "too_large"), (2, "undecodable")]
    assert [(a.id, a.text) for a in items if isinstance(a, Article)] == [("7", "Negotiators met again in Geneva.")]


# --- directories ------------------------------------------------------------------------------


def test_directory_walk_is_recursive_sorted_and_skips_other_files():
    items = list(read(str(FIX / "tree")))
    summary = [(i.id, None) if isinstance(i, Article) else (Path(i.source).name, i.reason) for i in items]
    assert summary == [
        ("2023/mombasa.md", None),  # stems clash: relative paths become the ids
        ("2024/mombasa.txt", None),
        ("namanga", None),
        ("scan.txt", "binary"),  # a bad file does not stop the run
        ("wire-1", None),
        ("wire.jsonl", "malformed"),
    ]
    assert not any(".cache" in (i.source or "") or "README" in (i.source or "") for i in items)
    html = items[2]
    assert (html.outlet, html.published) == ("The Lakeside Courier", "2024-03-14")


def test_directory_failures_carry_line_numbers_of_jsonl_files():
    failures = [i for i in read(str(FIX / "tree")) if isinstance(i, Failure)]
    assert [f.line for f in failures] == [None, 2]


def test_directory_too_large_file_and_duplicate_ids_become_failures(tmp_path):
    (tmp_path / "a.txt").write_text("Short report from Juba.\n")
    (tmp_path / "b.txt").write_text("A much longer report from Juba. " * 20)
    (tmp_path / "c.jsonl").write_text('{"id": "a", "text": "Same id as the file a.txt."}\n')
    items = list(read(str(tmp_path), max_bytes=300))
    assert isinstance(items[0], Article) and items[0].id == "a"
    assert (items[1].reason, items[2].reason) == ("too_large", "malformed")
    assert "duplicate id 'a'" in items[2].message


def test_directory_without_readable_files_raises_empty_input(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    with pytest.raises(EmptyInput):
        list(read(str(tmp_path)))


def test_registered_suffix_is_used_by_files_and_directories(tmp_path, monkeypatch):
    from tocsin.ingest import registry

    monkeypatch.setattr(registry, "_READERS", dict(registry._READERS))

    def shout(path, name, options):
        yield Article(id=name, text=path.read_text().upper(), source=str(path))

    register(".shout.txt", shout)
    (tmp_path / "call.shout.txt").write_text("hold the line\n")
    (tmp_path / "plain.txt").write_text("hold the line\n")
    assert [a.text for a in read(str(tmp_path))] == ["HOLD THE LINE\n", "hold the line\n"]


# --- stdin ------------------------------------------------------------------------------------


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_stdin_is_read_as_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin("Troops withdrew from the border town.\r\n".encode("utf-8")))
    article = one("-")
    assert (article.id, article.text) == ("stdin", "Troops withdrew from the border town.\n")


def test_stdin_html_is_sniffed(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin((FIX / "article.html").read_bytes()))
    article = one("-", published="2025-12-01")
    assert article.outlet == "The Lakeside Courier" and article.published == "2025-12-01"
    assert BODY_PARAGRAPHS[-1] in article.text


def test_stdin_errors(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(b"  \n"))
    with pytest.raises(EmptyInput, match="stdin"):
        list(read("-"))
    monkeypatch.setattr(sys, "stdin", _Stdin(b"x" * 50))
    with pytest.raises(TooLarge, match="stdin"):
        list(read("-", max_bytes=10))


def test_closed_stdin_is_a_one_line_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when the process starts with fd 0 closed
    with pytest.raises(InputNotFound, match="stdin: is closed"):
        list(read("-"))


def test_closed_stdin_on_the_command_line_exits_2():
    command = f"exec {sys.executable} -m tocsin.cli code - <&-"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == "tocsin: error: stdin: is closed; give a file, a directory or a URL, or pipe text to -"


def _within(seconds: float, func):
    """Run `func` in a thread; fail (instead of hanging the suite) if it is not done in time."""
    box: list = []
    thread = threading.Thread(target=lambda: box.append(func()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return box[0]


def test_a_fifo_in_a_directory_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "a.txt").write_text("Troops withdrew from the border town on Monday.\n")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text("Talks resumed in the capital on Tuesday.\n")
    items = _within(10, lambda: list(read(str(tmp_path))))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    assert items[1].reason == "not_a_file" and "b.txt: a FIFO" in items[1].message


def test_a_fifo_given_as_the_source_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")

    def attempt():
        with pytest.raises(NotAFile, match="FIFO"):
            list(read(str(tmp_path / "pipe.txt")))
        return True

    assert _within(10, attempt)


# --- URLs (a local server; nothing but loopback is ever contacted) ----------------------------

HTML = (FIX / "article.html").read_bytes()
LATIN1 = (FIX / "latin1.txt").read_bytes()
FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Lakeside Wire</title><link>https://wire.example/</link>
<item><title>Border reopens</title><link>https://wire.example/1</link><guid>wire-1</guid>
<description>Kenya and Tanzania reopened the Namanga crossing on Thursday.</description></item>
<item><title>Talks</title><link>https://wire.example/2</link><guid>wire-2</guid>
<description>Ministers of both countries met in Arusha on Friday.</description></item>
</channel></rss>"""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        routes = {
            "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, HTML),
            "/plain": (200, {"Content-Type": "text/plain; charset=iso-8859-1"}, LATIN1),
            "/untyped": (200, {}, b"A report with no content type header.\n"),
            "/missing": (404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>"),
            "/image": (200, {"Content-Type": "image/png"}, (FIX / "image.png").read_bytes()),
            "/big": (200, {"Content-Type": "text/plain", "Content-Length": "5000"}, b"x" * 5000),
            "/big-stream": (200, {"Content-Type": "text/plain"}, b"word " * 1000),
            "/redirect": (302, {"Location": "/article"}, b""),
            "/news.xml": (200, {"Content-Type": "application/rss+xml"}, FEED),
            "/latest": (200, {"Content-Type": "text/xml"}, FEED),
            "/feeding-programme-expands": (200, {"Content-Type": "text/html; charset=utf-8"}, HTML),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/to-private": (302, {"Location": "http://10.20.30.40/admin"}, b""),
        }
        if self.path == "/slow":
            time.sleep(2)
            routes["/slow"] = (200, {"Content-Type": "text/plain"}, b"late")
        status, headers, body = routes.get(self.path, (404, {}, b""))
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (timeout or size cap)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Fail any test that would open a connection to anything but loopback."""
    original = socket.create_connection

    def guarded(address, *args, **kwargs):
        assert ipaddress.ip_address(address[0]).is_loopback, f"tried to contact {address[0]}"
        return original(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


def test_url_html_happy_path(server):
    article = one(f"{server}/article", allow_private=True)
    assert article.id == article.source == f"{server}/article"
    assert (article.title, article.published, article.outlet) == (
        "Kenya and Tanzania agree to reopen Namanga crossing",
        "2024-03-14",
        "The Lakeside Courier",
    )
    assert all(p in article.text for p in BODY_PARAGRAPHS)


@pytest.mark.parametrize("path", ["/news.xml", "/latest"])
def test_a_url_is_a_feed_by_its_content_not_its_name(server, path):
    items = list(read(f"{server}{path}", allow_private=True))
    assert [(a.id, a.outlet) for a in items] == [("wire-1", "Lakeside Wire"), ("wire-2", "Lakeside Wire")]
    page = one(f"{server}/feeding-programme-expands", allow_private=True)  # "feed" in an article's address
    assert page.title == "Kenya and Tanzania agree to reopen Namanga crossing"


def test_same_url_without_allow_private_is_refused(server):
    with pytest.raises(URLRefused, match="127.0.0.1"):
        list(read(f"{server}/article"))


def test_url_plain_text_uses_the_declared_charset(server):
    article = one(f"{server}/plain", allow_private=True)
    assert article.text.startswith("São Paulo's mayor, José Martínez")


def test_url_without_content_type_is_sniffed(server):
    assert one(f"{server}/untyped", allow_private=True).text == "A report with no content type header.\n"


def test_url_redirect_is_followed(server):
    article = one(f"{server}/redirect", allow_private=True)
    assert article.id == f"{server}/redirect"
    assert BODY_PARAGRAPHS[0] in article.text


def test_redirect_target_is_checked_again(server, monkeypatch):
    # Treat loopback as public for this test only: the private redirect target must still be refused.
    monkeypatch.setattr(url_module, "is_public", lambda address: ipaddress.ip_address(address).is_loopback)
    with pytest.raises(URLRefused, match="10.20.30.40"):
        list(read(f"{server}/to-private"))


def test_redirect_loop_fails(server):
    with pytest.raises(FetchFailed, match="redirects"):
        list(read(f"{server}/loop", allow_private=True))


def test_url_timeout(server):
    with pytest.raises(FetchFailed, match="timed out"):
        list(read(f"{server}/slow", allow_private=True, timeout=0.5))


def test_url_http_error_status(server):
    with pytest.raises(FetchFailed, match="404"):
        list(read(f"{server}/missing", allow_private=True))


def test_url_wrong_content_type(server):
    with pytest.raises(FetchFailed, match="image/png"):
        list(read(f"{server}/image", allow_private=True))


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_url_oversize_body(server, path):
    with pytest.raises(TooLarge):
        list(read(f"{server}{path}", allow_private=True, max_bytes=1000))


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://files.example/report.txt", "gopher://old.example/", "http:///no-host"],
)
def test_non_http_urls_are_refused(url):
    with pytest.raises(URLRefused):
        list(read(url, allow_private=True))


def test_link_local_metadata_address_is_refused():
    with pytest.raises(URLRefused, match="169.254.169.254"):
        list(read("http://169.254.169.254/latest/meta-data/"))


def test_credentials_in_url_are_refused_and_not_echoed(server):
    with pytest.raises(URLRefused) as info:
        list(read(server.replace("http://", "http://editor:hunter2@") + "/article", allow_private=True))
    assert "hunter2" not in str(info.value)


def test_host_is_refused_if_any_address_is_private(monkeypatch):
    def fake_getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(URLRefused, match="10.0.0.7"):
        list(read("https://news.example/story"))


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.251", "0.0.0.0",
     "100.64.0.1", "240.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "ff02::1", "::"],
)
def test_non_public_addresses(address):
    assert not url_module.is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.4.4", "2606:4700:4700::1111"])
def test_public_addresses(address):
    assert url_module.is_public(address)


def test_text_skipping_ftfy_is_text_ftfy_leaves_alone():
    # Plain ASCII skips ftfy (start-up cost); for any such text ftfy must agree it has nothing to fix.
    import itertools

    import ftfy

    from tocsin.ingest.text import _NOTHING_TO_REPAIR, repair

    chars = [chr(c) for c in range(128)]
    texts = ["".join(p) for p in itertools.product(chars, repeat=2)]
    texts += ["Officials said on Monday\tthat talks\nwould resume.\n\n", "It's 5% -- (or ~6) [sic] {x}."]
    skipped = [t for t in texts if _NOTHING_TO_REPAIR.fullmatch(t)]
    assert len(skipped) > 8000
    for text in skipped:
        assert ftfy.fix_text(text, uncurl_quotes=False) == text
    assert repair("Tom &amp; Jerry\r\nsaid") == "Tom & Jerry\nsaid"


@pytest.mark.parametrize("name", ["wire.ndjson", "wire.json"])
def test_json_lines_under_other_names_are_read_as_a_batch(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "Troops crossed the border."}\n'
                     b'{"id": "b", "text": "The talks resumed."}\n')
    assert [a.id for a in read(str(path))] == ["a", "b"]


@pytest.mark.parametrize("content", [
    '[{"id": "a", "text": "Troops crossed the border."}]',  # an array
    '{\n  "doc": {"id": "a"},\n  "events": []\n}\n',  # a pretty-printed document, as --format json writes
])
def test_a_json_document_that_is_not_json_lines_is_refused_not_coded_as_text(tmp_path, content):
    from tocsin.errors import MalformedInput

    path = tmp_path / "coded.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MalformedInput, match="not JSON Lines"):
        list(read(str(path)))
