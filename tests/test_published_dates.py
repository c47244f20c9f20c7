"""A JSON Lines article whose `published` names no certain day is coded without a date and a
warning, not dropped; a date in any form that names one day is read as that day."""

from __future__ import annotations

import json
import logging

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.ingest import read
from tocsin.ingest.dates import normalise_date
from tocsin.model import Article, Failure

from test_ingest_corpus import fake_stages  # noqa: F401 - the fixture


@pytest.mark.parametrize("given, day", [
    ("2024-03-14", "2024-03-14"), ("2024-03-14T09:30:00Z", "2024-03-14"), ("20240314", "2024-03-14"),
    ("Thu, 14 Mar 2024 09:30:00 GMT", "2024-03-14"), ("Thu, 14 Mar 2024 23:30:00 -0500", "2024-03-14"),
    ("2024/03/14", "2024-03-14"), ("14/03/2024", "2024-03-14"), ("03/14/2024", "2024-03-14"),
    ("14.03.2024", "2024-03-14"), ("14 March 2024", "2024-03-14"), ("March 14, 2024", "2024-03-14"),
])
def test_a_date_that_names_one_day_is_read(given, day):
    assert normalise_date(given, "x") == day


@pytest.mark.parametrize("given", ["03/04/2024", "04.03.2024", "yesterday", "3 days ago", "March 2024",
                                   "2024-02-30", "soon", 20240314])
def test_an_ambiguous_or_relative_date_is_none_with_a_warning(given, caplog):
    with caplog.at_level(logging.WARNING, logger="tocsin"):
        assert normalise_date(given, "feed.jsonl line 3") is None
    assert "feed.jsonl line 3: published" in caplog.text and "coded without it" in caplog.text


def _batch(tmp_path):
    text = "Coast guard officers from Norland seized a cargo ship near Varn on Tuesday, officials said."
    lines = [{"id": "a", "text": text, "published": "2025-12-02"},
             {"id": "b", "text": text.replace("cargo", "fishing"), "published": "last Tuesday"},
             {"id": "c", "text": text.replace("cargo", "grain"), "published": "Tue, 02 Dec 2025 08:00:00 GMT"}]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_published_date_keeps_the_article(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="tocsin"):
        items = list(read(str(_batch(tmp_path))))
    assert not [i for i in items if isinstance(i, Failure)]
    assert {i.id: i.published for i in items if isinstance(i, Article)} == {
        "a": "2025-12-02", "b": None, "c": "2025-12-02"}
    assert "line 2: published 'last Tuesday'" in caplog.text


def test_ingest_stores_the_undated_article_and_says_why_on_one_line(tmp_path, fake_stages):  # noqa: F811
    db = tmp_path / "c.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(_batch(tmp_path)), "--db", str(db)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "published" in line]
    assert len(warnings) == 1 and warnings[0].startswith("tocsin: warning:") and "last Tuesday" in warnings[0]
    assert "3 added" in result.stderr and "0 failed" in result.stderr


def test_the_date_is_read_from_the_keys_other_crawlers_write(tmp_path, caplog):
    # news-please writes `date_publish` ("2025-12-02 08:15:00"), other exports `date`; a null
    # tocsin key is passed over, and tocsin's own key wins when both are there.
    text = "Coast guard officers from Norland seized a cargo ship near Varn on Tuesday, officials said."
    lines = [{"id": "np", "text": text, "date_publish": "2025-12-02 08:15:00", "date_modify": "2025-12-05"},
             {"id": "plain", "text": text, "date": "3 December 2025"},
             {"id": "null", "text": text, "published": None, "date_publish": "2025-12-04T10:00:00Z"},
             {"id": "both", "text": text, "published": "2025-12-01", "date": "2025-11-30"},
             {"id": "unread", "text": text, "published": "yesterday", "date_publish": "2025-11-29 10:00:00"},
             {"id": "bad", "text": text, "date": "last week"},
             {"id": "none", "text": text}]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tocsin"):
        items = list(read(str(path)))
    assert {i.id: i.published for i in items} == {"np": "2025-12-02", "plain": "2025-12-03", "null": "2025-12-04",
                                                  "both": "2025-12-01", "unread": "2025-11-29", "bad": None,
                                                  "none": None}
    assert "line 6: date 'last week' is not a date" in caplog.text
    assert "yesterday" not in caplog.text  # another key named the day


def test_a_news_please_record_keeps_its_text_outlet_and_date(tmp_path):
    # news-please writes the body as `maintext` and the site as `source_domain`; tocsin's own keys
    # win when both are there, and a line with no text under any known key names them all.
    text = "Border guards from Norland detained two fishermen near Varn on Monday, police said."
    lines = [{"maintext": text, "source_domain": "norland-herald.example", "date_publish": "2025-12-02 08:15:00"},
             {"text": text, "maintext": "An older draft.", "outlet": "Varn Daily", "source_domain": "varn.example"},
             {"articleBody": text},
             {"text": "", "maintext": text},
             {"description": text}]
    path = tmp_path / "np.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    items = list(read(str(path)))
    articles = [i for i in items if isinstance(i, Article)]
    assert [(a.text, a.outlet, a.published) for a in articles] == [
        (text, "norland-herald.example", "2025-12-02"), (text, "Varn Daily", None), (text, None, None), (text, None, None)]
    (failure,) = [i for i in items if isinstance(i, Failure)]
    assert failure.line == 5 and "maintext" in failure.message and "articleBody" in failure.message
