"""`tocsin serve`: the JSON API and the dashboard, over HTTP, on a small DuckDB built here.

The articles are invented and written through the Store's writer as hand-made Documents, so the
numbers below follow from the fixture, whatever the coding stages produce today.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date, timedelta

import pytest
import test_postgres
from click.testing import CliRunner

from tocsin import __version__
from tocsin.model import Attribution, DocMeta, Document, Event, EventActor, Fatalities, Location, Removed
from tocsin.store import open_store
from tocsin.store.rows import Provenance
from tocsin.store.writer import Coded
from tocsin.web.readers import SharedReader
from tocsin.web.server import make_server

# A throwaway PostgreSQL server for the parity test (skipped without the binaries).
pg_url = test_postgres.pg_url

PROV = Provenance(coder_version=__version__, lexicon_hash="test-web")

# (doc id, outlet, published, [event specs]); each event's sentence is one sentence of the article.
ARTICLES = [
    ("herald-1", "Coastal Herald", "2026-05-02", [
        {"sentence": "Surinamese patrol boats reportedly fired on a Guyanese fishing vessel near the Corentyne"
         " River on Thursday, according to officials in Georgetown.",
         "trigger": "fired on", "type": "ASSAULT", "quad": 4, "scale": -9.0, "date": "2026-04-30",
         "actor": ("SUR", "Surinamese patrol boats"), "recipient": ("GUY", "a Guyanese fishing vessel"),
         "source": "officials in Georgetown", "status": "claimed", "hedges": ["reportedly", "according to"],
         "place": "Corentyne River"},
        {"sentence": "Guyana's foreign minister summoned the Surinamese ambassador on Friday.",
         "trigger": "summoned", "type": "ACCUSE", "quad": 3, "scale": -2.0, "date": "2026-05-01",
         "actor": ("GUY", "Guyana's foreign minister"), "recipient": ("SUR", "the Surinamese ambassador")},
        {"sentence": "Both governments later agreed to hold talks in Bridgetown next week.",
         "trigger": "agreed", "type": "AGREE", "quad": 1, "scale": 4.0, "date": "2026-05-01",
         "actor": ("GUY", "Both governments"), "recipient": ("SUR", "Both governments")},
    ]),
    ("riverpost-7", "River Post", "2026-05-01", [
        {"sentence": "Suriname's navy fired on a fishing boat from Guyana on Thursday near the river mouth.",
         "trigger": "fired on", "type": "ASSAULT", "quad": 4, "scale": -9.0, "date": "2026-04-30",
         "actor": ("SUR", "Suriname's navy"), "recipient": ("GUY", "a fishing boat from Guyana")},
        {"sentence": "Brazil offered to mediate between the two neighbours, a spokesman said.",
         "trigger": "offered to mediate", "type": "AID", "quad": 2, "scale": 5.0, "date": "2026-05-01",
         "actor": ("BRA", "Brazil"), "recipient": None, "source": "a spokesman", "status": "claimed", "hedges": ["said"]},
    ]),
    ("herald-2", "Coastal Herald", "2026-05-09", [
        {"sentence": "Guyana deployed troops along the border with Suriname on Saturday.",
         "trigger": "deployed troops", "type": "MOBILIZE", "quad": 4, "scale": -7.0, "date": "2026-05-09",
         "actor": ("GUY", "Guyana"), "recipient": ("SUR", "Suriname")},
        {"sentence": "Hundreds of protesters marched in Paramaribo against the deployment.",
         "trigger": "marched", "type": "PROTEST", "quad": 4, "scale": -6.5, "date": "2026-05-09",
         "actor": (None, "Hundreds of protesters"), "recipient": None, "place": "Paramaribo",
         "coords": (5.852, -55.203), "fatalities": 2},
    ]),
    # Dates as vague as the text: a month, a year.
    ("gazette-3", "Border Gazette", "2026-05-20", [
        {"sentence": "The two states signed a fisheries accord in September 2025.",
         "trigger": "signed", "type": "AGREE", "quad": 1, "scale": 4.0, "date": "2025-09-01", "precision": "month",
         "actor": ("SUR", "The two states"), "recipient": ("GUY", "The two states"), "status": "denied"},
        {"sentence": "Guyana first protested the river line in 1966.",
         "trigger": "protested", "type": "PROTEST", "quad": 3, "scale": -3.0, "date": "1966-01-01",
         "precision": "year", "actor": ("GUY", "Guyana"), "recipient": None},
    ]),
]


def _party(spec, text: str, sentence_start: int) -> list[EventActor]:
    if spec is None:
        return []
    code, words = spec
    at = text.index(words, sentence_start)
    return [EventActor(text=words, name=words, code=code, start=at, end=at + len(words))]


def make_document(doc_id: str, outlet: str, published: str, specs: list[dict]) -> Document:
    text = "\n\n".join(s["sentence"] for s in specs)
    events, offset = [], 0
    for n, spec in enumerate(specs, start=1):
        start = text.index(spec["sentence"], offset)
        end = offset = start + len(spec["sentence"])
        at = text.index(spec["trigger"], start)
        events.append(Event(
            id=f"{doc_id}-e{n}", doc_id=doc_id, event=spec["type"], quad_code=spec["quad"],
            event_scale=spec["scale"], date=spec["date"], date_precision=spec.get("precision", "day"),
            actor=_party(spec["actor"], text, start), recipient=_party(spec["recipient"], text, start),
            event_loc=(Location(name=spec["place"], lat=spec.get("coords", (None, None))[0],
                                lon=spec.get("coords", (None, None))[1]) if spec.get("place") else None),
            fatalities=(Fatalities(number=spec["fatalities"], text=str(spec["fatalities"]))
                        if spec.get("fatalities") else None),
            text=spec["sentence"], span=(start, end), event_text=spec["trigger"],
            event_span=(at, at + len(spec["trigger"])),
            attribution=Attribution(source=spec.get("source", outlet), hedges=spec.get("hedges", []),
                                    status=spec.get("status", "asserted")),
            confidence=0.8,
        ))
    removed = [Removed(start=0, end=22, text="Photo: Border Gazette.", reason="caption")] if doc_id == "gazette-3" else []
    return Document(doc=DocMeta(id=doc_id, published=published, outlet=outlet, title=f"Report {doc_id}",
                                url=f"https://news.example/{doc_id}"), text=text, events=events, removed=removed)


def build_db(path) -> None:
    with open_store(path) as store:
        _load(store)


def start(db, **options):
    httpd = make_server(str(db), "127.0.0.1", 0, quiet=True, **options)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "crisis.duckdb"
    build_db(path)
    return path


@pytest.fixture(scope="module")
def server(db_path):
    httpd = start(db_path)
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def get(server, path: str, method: str = "GET", headers: dict | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(server.url.rstrip("/") + path, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def get_json(server, path: str, expect: int = 200) -> dict:
    status, content_type, body = get(server, path)
    assert status == expect, body
    assert content_type.startswith("application/json")
    return json.loads(body)


def all_events(server) -> list[dict]:
    return get_json(server, "/api/events?limit=500")["events"]


SPECS = [spec for _, _, _, specs in ARTICLES for spec in specs]


def test_dashboard_is_one_local_page_that_calls_the_api(server):
    status, content_type, body = get(server, "/")
    html = body.decode()
    assert status == 200 and content_type.startswith("text/html")
    assert '<script src="/static/app.js"' in html and 'href="/static/style.css"' in html
    assert "http://" not in html and "https://" not in html  # no CDN, nothing from the network
    status, content_type, js = get(server, "/static/app.js")
    assert status == 200 and "javascript" in content_type
    script = js.decode()
    for endpoint in ("/api/summary", "/api/timeline", "/api/events", "/api/story/", "/api/dyad", "/api/map",
                     "/api/export", "/api/article/", "/api/alerts"):
        assert endpoint in script
    assert ".innerHTML" not in script and ".outerHTML" not in script and "insertAdjacentHTML" not in script
    status, content_type, _ = get(server, "/static/style.css")
    assert status == 200 and content_type.startswith("text/css")
    assert get(server, "/static/../server.py")[0] == 404


def test_summary_counts_dates_and_top_actors(server):
    summary = get_json(server, "/api/summary")
    assert summary["counts"]["articles"] == len(ARTICLES) and summary["ungrouped_articles"] == 0
    assert summary["counts"]["events"] == len(SPECS)
    assert summary["first_date"] == min(s["date"] for s in SPECS)
    assert summary["last_date"] == max(s["date"] for s in SPECS)
    stories = all_events(server)
    assert summary["counts"]["stories"] == len(stories)
    as_actor = {}
    for story in stories:
        for code in (story["actor_codes"] or "").split(";"):
            if code:
                as_actor[code] = as_actor.get(code, 0) + 1
    top = summary["top_actors"][0]
    assert top["events"] == max(as_actor.values()) and as_actor[top["code"]] == top["events"]
    assert {t["event"] for t in summary["event_types"]} == {s["type"] for s in SPECS}
    assert set(summary["codes"]) == {"SUR", "GUY", "BRA"}
    assert {o["outlet"] for o in summary["outlets"]} == {outlet for _, outlet, _, _ in ARTICLES}


def test_timeline_by_day_sums_the_story_events(server):
    stories = all_events(server)
    timeline = get_json(server, "/api/timeline?by=day")
    assert [p["period"] for p in timeline["periods"]] == sorted({s["date"] for s in stories})
    for period in timeline["periods"]:
        day = [s for s in stories if s["date"] == period["period"]]
        coop = [s for s in day if s["quad_code"] in (1, 2)]
        conflict = [s for s in day if s["quad_code"] in (3, 4)]
        assert period["events"] == len(day)
        assert period["cooperation_events"] == len(coop)
        assert period["conflict_events"] == len(conflict)
        assert period["cooperation_score"] == pytest.approx(sum(s["event_scale"] for s in coop))
        assert period["conflict_score"] == pytest.approx(sum(s["event_scale"] for s in conflict))
        assert period["mentions"] == sum(s["num_mentions"] for s in day)
    assert timeline["totals"]["events"] == len(stories)
    # The two reports of Thursday's firing are one story with two mentions.
    thursday = next(p for p in timeline["periods"] if p["period"] == "2026-04-30")
    assert thursday["conflict_events"] == 1 and thursday["mentions"] == 2


def test_timeline_by_week_and_filters(server):
    weeks = get_json(server, "/api/timeline?by=week")["periods"]
    # 2026-04-30 is a Thursday: its week starts on Monday 2026-04-27; 2026-05-09 is in the next week.
    assert [w["period"] for w in weeks][-2:] == ["2026-04-27", "2026-05-04"]
    for week in weeks:
        start = date.fromisoformat(week["period"])
        until = (start + timedelta(days=6)).isoformat()
        listed = get_json(server, f"/api/events?since={week['period']}&until={until}")["events"]
        assert week["events"] == len(listed)
    sur = get_json(server, "/api/timeline?by=day&actor=sur&kind=conflict")
    assert sur["filters"]["actor"] == ["SUR"]
    assert sur["totals"]["events"] == 1 and sur["totals"]["conflict_score"] == pytest.approx(-9.0)
    agree = get_json(server, "/api/timeline?type=agree&recipient=SUR")
    assert agree["totals"] == {"events": 1, "cooperation_events": 1, "conflict_events": 0,
                               "cooperation_score": 4.0, "conflict_score": 0.0}


def test_events_filters(server):
    guy = get_json(server, "/api/events?actor=GUY")["events"]
    assert guy and all("GUY" in s["actor_codes"].split(";") for s in guy)
    assert {s["event"] for s in guy} == {s["type"] for s in SPECS if s["actor"][0] == "GUY"}
    window = get_json(server, "/api/events?since=2026-05-01&until=2026-05-01")["events"]
    assert window and all(s["date"] == "2026-05-01" for s in window)
    assert {s["event"] for s in get_json(server, "/api/events?type=Protest")["events"]} == {"PROTEST"}
    several = get_json(server, "/api/events?type=protest,AGREE")
    assert {s["event"] for s in several["events"]} == {"PROTEST", "AGREE"}
    assert several["total"] == sum(1 for s in all_events(server) if s["event"] in ("PROTEST", "AGREE"))
    assert get_json(server, "/api/events?actor=")["events"] == all_events(server)  # empty field = no filter


def test_newest_first_sorting_paging_and_counts(server):
    rows = all_events(server)
    dates = [s["date"] for s in rows]
    assert dates == sorted(dates, reverse=True) and dates[0] == max(s["date"] for s in SPECS)
    oldest = get_json(server, "/api/events?order=asc")["events"]
    assert [s["date"] for s in oldest] == sorted(dates)
    by_score = [s["event_scale"] for s in get_json(server, "/api/events?sort=score&order=asc")["events"]]
    assert by_score == sorted(by_score)
    first, second = get_json(server, "/api/events?limit=3"), get_json(server, "/api/events?limit=3&offset=3")
    assert first["total"] == second["total"] == len(rows)
    assert first["count"] == 3 and first["events"] + second["events"] == rows[:6]
    assert (second["offset"], second["limit"]) == (3, 3)


def test_dates_are_as_precise_as_written(server):
    shown = {s["event"] + s["date"]: s["date_shown"] for s in all_events(server)}
    assert shown["AGREE2025-09-01"] == "2025-09" and shown["PROTEST1966-01-01"] == "1966"
    assert shown["MOBILIZE2026-05-09"] == "2026-05-09"


def test_actor_by_name_or_code(server):
    by_code = get_json(server, "/api/events?actor=GUY")
    for name in ("Guyana", "guyana", "Federative Republic of Brazil"):
        answer = get_json(server, f"/api/events?actor={urllib.parse.quote(name)}")
        assert answer["total"] > 0 and answer["filters"]["actor"] in (["GUY"], ["BRA"])
    assert get_json(server, "/api/events?actor=Guyana")["events"] == by_code["events"]
    # `_` is no wildcard: it names no actor, and never matches every code.
    body = get_json(server, "/api/events?actor=___", expect=400)
    assert "no actor code or name '___'" in body["error"]


def test_conflict_outlet_attribution_fatalities_place(server):
    rows = all_events(server)
    conflict = get_json(server, "/api/events?kind=conflict&limit=500")["events"]
    assert {s["story_id"] for s in conflict} == {s["story_id"] for s in rows if s["quad_code"] in (3, 4)}
    coop = get_json(server, "/api/events?kind=cooperation")["events"]
    assert coop and all(s["quad_code"] in (1, 2) for s in coop)
    river = get_json(server, "/api/events?outlet=River%20Post")["events"]
    assert {s["event"] for s in river} == {"ASSAULT", "AID"}
    claimed = {s["event"] for s in get_json(server, "/api/events?attribution=claimed")["events"]}
    assert claimed == {"ASSAULT", "AID"}
    assert {s["event"] for s in get_json(server, "/api/events?attribution=denied")["events"]} == {"AGREE"}
    unattributed = get_json(server, "/api/events?attribution=unattributed")["events"]
    assert "AID" not in {s["event"] for s in unattributed} and "MOBILIZE" in {s["event"] for s in unattributed}
    assert [s["event"] for s in get_json(server, "/api/events?fatalities=1")["events"]] == ["PROTEST"]
    assert get_json(server, "/api/events?fatalities=3")["total"] == 0
    assert [s["event"] for s in get_json(server, "/api/events?place=Paramaribo")["events"]] == ["PROTEST"]


def test_map_places_with_conflict_split(server):
    places = get_json(server, "/api/map")["places"]
    assert places == [{"place": "Paramaribo", "country": None, "lat": 5.852, "lon": -55.203, "events": 1,
                       "cooperation_events": 0, "conflict_events": 1}]
    assert get_json(server, "/api/map?kind=cooperation")["places"] == []


def test_story_evidence_points_at_the_words(server):
    stories = all_events(server)
    for story in stories:
        data = get_json(server, f"/api/story/{story['story_id']}")
        assert data["story"]["story_id"] == story["story_id"]
        assert len(data["evidence"]) == story["num_mentions"]
        for mention in data["evidence"]:
            sentence, trigger = mention["sentence"], mention["trigger"]
            assert sentence[trigger["start"]:trigger["end"]] == trigger["text"]
            assert mention["sentence_span"][1] - mention["sentence_span"][0] == len(sentence)
            for party in mention["parties"]:
                assert sentence[party["start"]:party["end"]] == party["text"]
    firing = next(s for s in stories if s["event"] == "ASSAULT")
    evidence = get_json(server, f"/api/story/{firing['story_id']}")["evidence"]
    assert {m["outlet"] for m in evidence} == {"Coastal Herald", "River Post"}
    herald = next(m for m in evidence if m["outlet"] == "Coastal Herald")
    assert herald["attribution"] == {"source": "officials in Georgetown", "status": "claimed",
                                     "hedges": ["reportedly", "according to"]}
    assert herald["url"] == "https://news.example/herald-1" and herald["place"] == "Corentyne River"
    roles = {p["role"]: p["code"] for p in herald["parties"]}
    assert roles == {"actor": "SUR", "recipient": "GUY"}


def test_dyad_both_directions_honours_filters(server):
    dyad = get_json(server, "/api/dyad?a=guy&b=Suriname&by=day")
    assert (dyad["a"], dyad["b"]) == (["GUY"], ["SUR"])
    stories = all_events(server)
    for a, b, key in (("GUY", "SUR", "ab"), ("SUR", "GUY", "ba")):
        expected = [s for s in stories if s["actor_codes"] == a and s["recipient_codes"] == b]
        assert sum(p[f"{key}_events"] for p in dyad["periods"]) == len(expected)
        assert sum(p[f"{key}_score"] for p in dyad["periods"]) == pytest.approx(
            sum(s["event_scale"] for s in expected))
    months = get_json(server, "/api/dyad?a=GUY&b=SUR&by=month&kind=conflict&since=2026-01-01")["periods"]
    assert months == [{"period": "2026-04", "ab_events": 0, "ab_score": 0.0, "ba_events": 1, "ba_score": -9.0},
                      {"period": "2026-05", "ab_events": 2, "ab_score": -9.0, "ba_events": 0, "ba_score": 0.0}]


@pytest.mark.parametrize("path, words", [
    ("/api/timeline?by=year", "by must be one of"),
    ("/api/timeline?since=2026-13-01", "since must be YYYY-MM-DD"),
    ("/api/events?since=2026-05-09&until=2026-05-01", "is after until"),
    ("/api/events?limit=0", "limit must be"),
    ("/api/events?limit=ten", "limit must be"),
    ("/api/events?limit=%C2%B2", "limit must be"),  # superscript two: str.isdigit() says yes
    ("/api/events?limit=%EF%BC%95", "limit must be"),  # fullwidth five
    ("/api/events?offset=-1", "offset must be"),
    ("/api/events?sort=story_id", "sort must be one of"),
    ("/api/events?kind=war", "kind must be one of"),
    ("/api/events?attribution=maybe", "attribution must be one of"),
    ("/api/events?actor=U%20S%20A", "no actor code or name 'U S A'"),
    ("/api/events?actor='%3B--", "no actor code or name"),
    ("/api/events?actor=%01", "actor must be"),
    ("/api/events?type=1", "type must be PLOVER event types"),
    ("/api/export?format=xml", "format must be one of"),
    ("/api/article/not-hex", "not an article id"),
    ("/api/events?colour=red", "unknown parameter 'colour'"),
    ("/api/events?actor=GUY&actor=SUR", "more than once"),
    ("/api/dyad?a=GUY", "'b' is required"),
    ("/api/summary?x=1", "unknown parameter"),
    ("/api/story/abc%3Bdef", "not a story id"),
])
def test_bad_parameters_are_a_400_with_a_json_error(server, path, words):
    body = get_json(server, path, expect=400)
    assert words in body["error"] and body["status"] == 400


@pytest.mark.parametrize("path", ["/api/nothing", "/api", "/elsewhere", "/api/story/0123456789abcdef",
                                  "/static/missing.js", "/api/article/" + "f" * 64])
def test_unknown_paths_are_a_404(server, path):
    assert "error" in get_json(server, path, expect=404)


def test_read_only_and_no_traceback_to_the_client(server, monkeypatch):
    status, content_type, body = get(server, "/api/summary", method="POST")
    assert status == 405 and "read-only" in json.loads(body)["error"]
    status, _, body = get(server, "/api/summary", method="HEAD")
    assert status == 200 and body == b""

    def broken(params):
        raise RuntimeError("secret detail of a failed query")

    monkeypatch.setattr(server.api, "summary", broken)
    status, content_type, body = get(server, "/api/summary")
    assert status == 500 and content_type.startswith("application/json")
    assert b"secret detail" not in body and b"Traceback" not in body


def test_serve_command_is_registered_and_fails_cleanly(tmp_path):
    from tocsin.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.output and "127.0.0.1" in result.output
    result = runner.invoke(main, ["serve", "--db", str(tmp_path / "absent.duckdb")])
    assert result.exit_code == 2 and "no such database" in result.output


def _load(store) -> None:
    coded = [Coded(article_id=f"{n:064x}", source="fixture", document=make_document(*article))
             for n, article in enumerate(ARTICLES, start=1)]
    store.write(coded, [], PROV)
    store.rebuild_stories()


def test_postgresql_serves_the_same_json_as_duckdb(pg_url, tmp_path):
    # The timeline/summary/evidence SQL of tocsin.web.queries is ours: it must run on both engines.
    from tocsin.web.api import API

    with open_store(tmp_path / "duck.duckdb") as duck, open_store(pg_url) as pg:
        _load(duck)
        _load(pg)
        duck_api, pg_api = API(SharedReader(duck.backend)), API(SharedReader(pg.backend))
        paths = ["/api/summary", "/api/timeline", "/api/timeline?by=week&actor=GUY", "/api/timeline?by=month",
                 "/api/events?recipient=SUR&since=2026-05-01", "/api/dyad?a=SUR&b=GUY&by=week",
                 "/api/events?attribution=claimed&kind=conflict", "/api/events?outlet=River%20Post&fatalities=0",
                 "/api/map", "/api/alerts"]
        paths += [f"/api/story/{s['story_id']}" for s in duck_api.handle("/api/events")[1]["events"]]
        paths += [f"/api/article/{n:064x}" for n in range(1, len(ARTICLES) + 1)]
        for path in paths:
            route, _, query = path.partition("?")
            expected = duck_api.handle(route, query)
            assert pg_api.handle(route, query) == expected, path
            assert expected[1] or route == "/api/alerts"  # not an empty answer on both sides
        export = duck_api.handle("/api/export", "format=csv&actor=GUY")[1]
        assert pg_api.handle("/api/export", "format=csv&actor=GUY")[1].body == export.body


def test_a_parquet_lake_serves_the_same_json_as_its_database(db_path, tmp_path):
    from tocsin.corpus.lake import write_lake
    from tocsin.web.api import API

    # its own copy: the module's server may still hold the shared file open read-only, which a
    # read-write connection in the same process may not join
    own = tmp_path / "crisis.duckdb"
    shutil.copyfile(db_path, own)
    with open_store(own) as store:
        write_lake(store.backend, tmp_path / "lake")
        duck_api = API(SharedReader(store.backend))
        paths = ["/api/summary", "/api/timeline?by=week&actor=GUY", "/api/events?recipient=SUR&since=2026-05-01",
                 "/api/dyad?a=SUR&b=GUY&by=week", "/api/map", "/api/events?attribution=claimed&kind=conflict"]
        paths += [f"/api/story/{s['story_id']}" for s in duck_api.handle("/api/events")[1]["events"]]
        expected = {path: duck_api.handle(*path.partition("?")[::2]) for path in paths}
    httpd = start(tmp_path / "lake")  # as `tocsin serve --db lake/` does
    try:
        for path, (status, payload) in expected.items():
            assert status == 200 and payload, path
            assert get_json(httpd, path) == json.loads(json.dumps(payload)), path
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1", 200), ("localhost:8765", 200), ("[::1]:8765", 200),
    ("attacker.example", 403), ("attacker.example:8765", 403), ("127.0.0.1.attacker.example", 403), ("", 403),
])
def test_host_header_must_name_this_server(server, host, status):
    # A DNS-rebound page sends its own name: refused before any data is read.
    assert get(server, "/api/summary", headers={"Host": host})[0] == status


def test_allow_host_adds_a_name(db_path):
    httpd = start(db_path, allow_hosts=("dash.internal",))
    try:
        assert get(httpd, "/api/summary", headers={"Host": "dash.internal:8765"})[0] == 200
        assert get(httpd, "/api/summary", headers={"Host": "other.internal"})[0] == 403
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("query, options", [
    ("", []), ("actor=GUY", ["--actor", "GUY"]), ("type=ASSAULT&since=2026-04-30", ["--type", "ASSAULT", "--since", "2026-04-30"]),
    ("recipient=SUR&until=2026-05-01", ["--recipient", "SUR", "--until", "2026-05-01"]),
])
def test_export_csv_equals_tocsin_events(server, db_path, query, options):
    from tocsin.cli import main

    status, content_type, body = get(server, f"/api/export?format=csv&{query}")
    assert status == 200 and content_type.startswith("text/csv")
    server.api.reader.close()  # one process may not hold a file read-only and read-write at once
    result = CliRunner().invoke(main, ["events", "--db", str(db_path), "--format", "csv", *options])
    assert result.exit_code == 0, result.output
    assert body.decode() == result.output and body.decode().count("\n") > 1
    rows = json.loads(get(server, f"/api/export?format=json&{query}")[2])
    assert len(rows) == body.decode().count("\n") - 1 - sum(r["text"].count("\n") for r in rows)


def test_export_applies_the_dashboard_filters(server):
    rows = json.loads(get(server, "/api/export?format=json&kind=conflict&attribution=claimed")[2])
    assert [(r["event"], r["outlet"]) for r in rows] == [("ASSAULT", "Coastal Herald")]
    lines = get(server, "/api/export?format=jsonl&fatalities=1")[2].decode().splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["PROTEST"]


def test_article_view_has_text_removed_parts_and_event_spans(server):
    article = get_json(server, f"/api/article/{len(ARTICLES):064x}")
    assert article["doc_id"] == "gazette-3" and article["title"] == "Report gazette-3"
    assert article["removed"] == [{"start": 0, "end": 22, "text": "Photo: Border Gazette.", "reason": "caption"}]
    text = article["text"]
    assert [e["event"] for e in article["events"]] == ["AGREE", "PROTEST"]
    stories = {s["story_id"] for s in all_events(server)}
    for event in article["events"]:
        assert text[event["event_start"]:event["event_end"]] == event["event_text"]
        assert event["span_start"] <= event["event_start"] < event["event_end"] <= event["span_end"]
        assert event["story_id"] in stories
        for party in event["parties"]:
            assert text[party["start"]:party["end"]] == party["text"]
    assert [e["date_shown"] for e in article["events"]] == ["2025-09", "1966"]


def test_alerts_are_empty_at_first_and_listed_newest_first(tmp_path):
    path = tmp_path / "alerts.duckdb"
    build_db(path)
    httpd = start(path)
    try:
        assert get_json(httpd, "/api/alerts") == {"alerts": []}
        story = get_json(httpd, "/api/events?type=ASSAULT")["events"][0]["story_id"]
        evidence = json.dumps([{"story_id": story, "article_id": f"{1:064x}", "event_id": "herald-1-e1"},
                               {"story_id": "<img src=x onerror=alert(1)>"}, "not an object"])
        import duckdb

        httpd.api.reader.close()
        with duckdb.connect(str(path)) as con:  # what `tocsin watch` writes
            con.execute("CREATE TABLE IF NOT EXISTS alerts(alert_id TEXT PRIMARY KEY, rule TEXT, kind TEXT,"
                        " fired_at TIMESTAMP, day DATE, actor TEXT, recipient TEXT, summary TEXT, evidence TEXT)")
            con.execute("INSERT INTO alerts VALUES ('a1', 'assault-spike', 'spike', '2026-05-02 10:00:00',"
                        " '2026-04-30', 'SUR', 'GUY', 'Assaults by SUR on GUY above baseline', ?),"
                        " ('a0', 'old', 'new-dyad', '2026-05-01 09:00:00', '2026-04-29', 'BRA', NULL, 'first', '[]')",
                        (evidence,))
        alerts = get_json(httpd, "/api/alerts")["alerts"]
        assert [a["alert_id"] for a in alerts] == ["a1", "a0"]  # newest first
        assert alerts[0]["fired_at"] == "2026-05-02T10:00:00" and alerts[0]["day"] == "2026-04-30"
        assert alerts[0]["evidence"] == [{"story_id": story, "article_id": f"{1:064x}", "event_id": "herald-1-e1"}]
        assert get_json(httpd, f"/api/story/{story}")["story"]["event"] == "ASSAULT"
    finally:
        httpd.shutdown()
        httpd.server_close()


WRITER = """
import sys
sys.path.insert(0, sys.argv[2])
from test_web import PROV, make_document
from tocsin.store import open_store
from tocsin.store.writer import Coded
extra = ("late-9", "River Post", "2026-05-12", [
    {"sentence": "Suriname recalled its envoy from Georgetown on Tuesday.", "trigger": "recalled",
     "type": "REDUCE", "quad": 3, "scale": -4.0, "date": "2026-05-12",
     "actor": ("SUR", "Suriname"), "recipient": ("GUY", "Georgetown")}])
with open_store(sys.argv[1]) as store:
    store.write([Coded(article_id=f"{99:064x}", source="late", document=make_document(*extra))], [], PROV)
    store.rebuild_stories()
    print("written", flush=True)
    sys.stdin.readline()  # hold the file until told to let go
"""


def test_serve_and_ingest_share_a_duckdb_file(tmp_path):
    # The server holds no lock between requests: another process writes, `tocsin events` reads.
    import subprocess
    import sys
    from pathlib import Path

    from tocsin.web.readers import DuckDBReader

    path = tmp_path / "shared.duckdb"
    build_db(path)
    httpd = start(path)
    try:
        before = get_json(httpd, "/api/summary")["counts"]["articles"]
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(Path(__file__).parent)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert writer.stdout.readline().strip() == "written"
        # While the writer holds the file, requests read the copy taken when the server last
        # opened the file, and say so.
        stale = get_json(httpd, "/api/summary")
        assert stale["counts"]["articles"] == before and stale["snapshot"].endswith("UTC")
        assert "snapshot" in get_json(httpd, "/api/events")
        # Without a snapshot, a request waits a moment, then answers 503 with Retry-After.
        bare = make_server(DuckDBReader(path, wait=0.3, snapshots=False), "127.0.0.1", 0, quiet=True)
        threading.Thread(target=bare.serve_forever, daemon=True).start()
        status, _, body = get(bare, "/api/summary")
        bare.shutdown()
        bare.server_close()
        assert status == 503 and "writing" in json.loads(body)["error"]
        writer.communicate("done\n", timeout=60)
        assert writer.returncode == 0
        time.sleep(httpd.api.reader.idle_close + 0.3)  # the snapshot's connection closes; the file opens again
        fresh = get_json(httpd, "/api/summary")
        assert fresh["counts"]["articles"] == before + 1 and "snapshot" not in fresh
        assert get_json(httpd, "/api/events")["events"][0]["event"] == "REDUCE"
        events = subprocess.run([sys.executable, "-m", "tocsin.cli", "events", "--db", str(path), "--format", "jsonl",
                                 "--type", "REDUCE"], capture_output=True, text=True, timeout=120)
        assert events.returncode == 0, events.stderr
        assert json.loads(events.stdout)["event_text"] == "recalled"
        assert get_json(httpd, "/api/events?type=REDUCE")["total"] == 1
    finally:
        httpd.shutdown()
        httpd.server_close()
