"""The dashboard in a real browser: Playwright driving Debian's Chromium over `tocsin serve`.

The database is built from the bundled examples plus one invented article whose title and text
carry markup and a right-to-left override, as a hostile feed would. Screenshots at desktop and
phone width go to out/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

CHROMIUM = "/usr/bin/chromium"
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e .[test])")
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing: scripts/ci-browser.sh installs it", allow_module_level=True)

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "out" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
DESKTOP, PHONE = {"width": 1400, "height": 900}, {"width": 390, "height": 844}

RTL = "\u202e"
HOSTILE = {
    "id": "hostile-1", "published": "2026-03-08", "outlet": "Night <b>Desk</b>",
    "title": f"{RTL}Border report <img src=x onerror=\"window.__pwned='title'\"><script>window.__pwned='s'</script>",
    "text": ("Colombian soldiers fired on a Venezuelan patrol near Cucuta on Sunday, the army said. "
             "<img src=x onerror=\"window.__pwned='text'\"> <script>window.__pwned='text2'</script>\n\n"
             "Venezuela's defence minister condemned the shooting on Sunday."),
}


# An invented story of its own, so that the table has more stories than its smallest page.
PORT_DISPUTE = {
    "id": "port-dispute", "published": "2026-03-10", "source": "Invented Wire",
    "text": ("Ostrava closed its border with Velmora on Monday. Velmoran police arrested 14 Ostravan fishermen"
             " near the port of Korvin. The Ostravan foreign minister condemned the arrests and summoned the"
             " Velmoran ambassador. Velmora expelled two Ostravan diplomats on Tuesday. Protesters marched on the"
             " Velmoran embassy in Ostrava. The African Union urged both governments to hold talks. Ostrava froze"
             " the assets of three Velmoran banks."),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from tocsin.config import Config
    from tocsin.corpus.ingest import ingest
    from tocsin.web.server import make_server

    folder = tmp_path_factory.mktemp("browser")
    db = folder / "examples.duckdb"
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n" + json.dumps(PORT_DISPUTE) + "\n", encoding="utf-8")
    ingest([str(ROOT / "examples" / "border_standoff.txt")], db, config=Config(published="2026-03-09"))
    ingest([str(ROOT / "examples" / "wire_stories.jsonl"), str(hostile)], db)
    httpd = make_server(str(db), "127.0.0.1", 0, quiet=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd, db
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page on the dashboard that records every console error and uncaught exception."""

    def __init__(self, browser, site, viewport=DESKTOP, query=""):
        self.server = site[0]
        self.context = browser.new_context(viewport=viewport, accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.goto(self.server.url + query)
        self.settle()

    def settle(self):
        # Polled from here: the page's CSP forbids the string evaluation wait_for_function uses.
        self.until("!document.body.dataset.loading")

    def until(self, condition: str, seconds: float = 15):
        self.page.wait_for_timeout(50)
        for _ in range(int(seconds * 20)):
            if self.page.evaluate(condition):
                return
            self.page.wait_for_timeout(50)
        raise AssertionError(f"never true: {condition}")

    def api(self, path: str) -> dict:
        return json.loads(self.page.evaluate(f"fetch({json.dumps(path)}).then(r => r.text())"))

    def rows(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            "#events-table tbody tr[data-story]",
            "rows => rows.map(r => ({story: r.dataset.story, cells: [...r.cells].map(c => c.textContent)}))")

    def apply(self, **fields):
        for name, value in fields.items():
            self.page.fill(f"#filters [name={name}]", value)
        self.page.click("#filters button[type=submit]")
        self.settle()

    def close(self):
        assert self.errors == [], self.errors
        assert self.page.evaluate("window.__pwned") is None
        self.context.close()


@pytest.fixture
def page(browser, site):
    p = Page(browser, site)
    yield p
    p.close()


def test_newest_event_first_and_counts_say_what_is_shown(page):
    summary = page.api("/api/summary")
    rows = page.rows()
    assert rows[0]["cells"][0].startswith(summary["last_date"])
    total = summary["counts"]["stories"]
    count = page.page.text_content("#event-count")
    assert f"of {total} story events" in count and "newest first" in count


def test_sorting_by_a_column(page):
    page.page.click("#events-table th[data-sort=score] button")
    page.settle()
    scores = [float(r["cells"][5]) for r in page.rows() if r["cells"][5]]
    assert scores == sorted(scores, reverse=True)
    assert page.page.get_attribute("#events-table th[data-sort=score]", "aria-sort") == "descending"
    page.page.click("#events-table th[data-sort=score] button")
    page.settle()
    scores = [float(r["cells"][5]) for r in page.rows() if r["cells"][5]]
    assert scores == sorted(scores)


def test_paging(page):
    total = page.api("/api/summary")["counts"]["stories"]
    assert 25 < total <= 50, total  # the fixture's stories fill more than the smallest page
    page.page.select_option("#page-size", "25")
    page.settle()
    first = page.rows()
    assert len(first) == min(25, total)
    assert page.page.is_disabled("#prev-page")
    page.page.click("#next-page")
    page.settle()
    second = page.rows()
    assert len(second) == total - 25 and not {r["story"] for r in first} & {r["story"] for r in second}
    assert f"26–{total} of {total}" in page.page.text_content("#page-info")


def test_a_map_point_filters_the_table(page):
    point = page.page.locator("#map .place").last  # drawn last, so no nearby point covers it
    place = point.get_attribute("data-place")
    point.click(force=True)
    page.settle()
    assert page.page.input_value("#filters [name=place]") == place
    rows = page.rows()
    assert rows and all(r["cells"][3] == place for r in rows)
    assert len(rows) < page.api("/api/summary")["counts"]["stories"]


def test_a_timeline_bar_filters_the_table_and_time_is_to_scale(page):
    bars = page.page.eval_on_selector_all(
        "#timeline g.bar", "gs => gs.map(g => ({p: g.dataset.period, x: g.querySelector('.hit').x.baseVal.value}))")
    assert len(bars) >= 3
    # x is proportional to the date: the same pixels per day between any two bars.
    from datetime import date

    days = [date.fromisoformat(b["p"]).toordinal() for b in bars]
    rates = [(bars[i]["x"] - bars[0]["x"]) / (days[i] - days[0]) for i in range(1, len(bars))]
    assert max(rates) - min(rates) < 0.01 * max(rates)
    labels = page.page.eval_on_selector_all("#timeline text.tick", "ts => ts.map(t => t.textContent)")
    assert any(label.startswith("2026-") for label in labels)  # tick labels keep the year
    page.page.locator("#timeline g.bar").nth(1).click()
    page.settle()
    day = bars[1]["p"]
    assert page.page.input_value("#filters [name=since]") == day == page.page.input_value("#filters [name=until]")
    rows = page.rows()
    assert rows and all(r["cells"][0].startswith(day) for r in rows)


def test_dyad_chart_draws_both_directions(page):
    page.apply(actor="Venezuela", recipient="COL")
    assert page.page.locator("#dyad svg g.bar").count() >= 1
    assert page.page.locator("#dyad svg rect.ab").count() >= 1
    legend = page.page.text_content("#dyad-legend")
    assert "VEN → COL" in legend and "COL → VEN" in legend


def test_export_csv_equals_tocsin_events(page, site):
    from tocsin.cli import main

    page.apply(actor="COL", since="2026-03-06")
    with page.page.expect_download() as info:
        page.page.click("#export-csv")
    body = Path(info.value.path()).read_text(encoding="utf-8")
    site[0].api.reader.close()  # one process may not hold a file read-only and read-write at once
    result = CliRunner().invoke(main, ["events", "--db", str(site[1]), "--format", "csv",
                                       "--actor", "COL", "--since", "2026-03-06"])
    assert result.exit_code == 0 and body == result.output and body.count("\n") > 1


def test_article_view_highlights_the_events(page):
    page.page.locator("#events-table tbody tr[data-story]").first.click()
    page.page.wait_for_selector("#evidence .card")
    page.page.locator("#evidence button[data-article]").first.click()
    page.page.wait_for_selector("#evidence .article-text")
    article_id = page.page.evaluate("new URLSearchParams(location.search).get('article')")
    article = page.api(f"/api/article/{article_id}")
    marked = page.page.eval_on_selector_all("#evidence .article-text mark.event",
                                            "ms => [...new Set(ms.flatMap(m => m.dataset.events.split(' ')))]")
    assert sorted(marked) == sorted(e["event_id"] for e in article["events"])
    assert page.page.text_content("#evidence .article-text") == article["text"]
    if article["removed"]:
        assert page.page.locator("#evidence details.removed li").count() == len(article["removed"])
    page.page.locator("#evidence .event-list button[data-story]").first.click()
    page.page.wait_for_selector("#evidence .card")


def test_reset_clears_everything(page):
    page.apply(actor="VEN", since="2026-03-07")
    page.page.select_option("#filters [name=kind]", "conflict")
    page.settle()
    assert "actor=VEN" in page.page.url
    page.page.click("#reset-filters")
    page.settle()
    values = page.page.eval_on_selector_all("#filters input", "is => is.map(i => i.value)")
    assert values == [""] * len(values) and page.page.input_value("#filters [name=kind]") == ""
    assert "?" not in page.page.url
    assert len(page.rows()) == min(50, page.api("/api/summary")["counts"]["stories"])


def test_a_rejected_filter_clears_the_old_results(page):
    assert page.rows()
    page.apply(actor="Nowhereland")
    assert "no actor code or name 'Nowhereland'" in page.page.text_content("#status")
    assert page.rows() == [] and page.page.locator("#timeline svg").count() == 0
    # The browser logs each refused request; those, and nothing else, are expected here.
    assert page.errors and all("status of 400" in e for e in page.errors)
    page.errors.clear()


def test_keyboard_reaches_the_table_in_few_tabs(page):
    page.page.focus("body")
    for presses in range(1, 60):
        page.page.keyboard.press("Tab")
        if page.page.evaluate("document.activeElement.matches('#events-table tbody tr, #events-table th button')"):
            break
    assert presses < 30
    # The skip link gets there at once.
    page.page.focus("a.skip")
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.id") == "events"


def test_hostile_text_never_runs_and_cannot_reorder_the_dates(page):
    day = next(r["date"] for r in page.api("/api/export?format=json") if r["doc_id"] == "hostile-1")
    page.apply(since=day, until=day)
    stories = page.api(f"/api/events?since={day}&until={day}&limit=500")["events"]
    hostile = None
    for story in stories:
        evidence = page.api(f"/api/story/{story['story_id']}")["evidence"]
        if any(m["doc_id"] == "hostile-1" for m in evidence):
            hostile = story["story_id"]
    assert hostile, "the hostile article produced no event"
    page.page.click(f"#events-table tr[data-story='{hostile}']")
    page.page.wait_for_selector("#evidence .card")
    head = page.page.locator("#evidence .card-head").first
    title = head.locator("bdi", has_text="Border report")
    assert title.count() == 1 and "<script>" in title.text_content()  # shown as text, isolated
    assert "published 2026-03-08" in head.text_content()
    page.page.locator("#evidence button[data-article]").first.click()
    page.page.wait_for_selector("#evidence .article-text")
    assert "<script>" in page.page.text_content("#evidence .article-text")
    page.page.wait_for_timeout(300)
    assert page.page.evaluate("window.__pwned") is None
    assert page.page.locator("#evidence img, #evidence script").count() == 0


def test_phone_width_has_no_horizontal_scroll_and_screenshots(browser, site):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        p = Page(browser, site, viewport)
        p.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        width = p.page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{name}: page is {width}px wide"
        p.page.locator("#events-table tbody tr[data-story]").first.click()
        p.page.wait_for_selector("#evidence .card")
        p.page.locator("#evidence button[data-article]").first.click()
        p.page.wait_for_selector("#evidence .article-text")
        p.page.screenshot(path=str(SHOTS / f"{name}-article.png"), full_page=True)
        assert p.page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        p.apply(actor="VEN", recipient="COL")
        p.page.screenshot(path=str(SHOTS / f"{name}-dyad.png"), full_page=True)
        assert p.page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        p.close()


def test_alerts_panel_links_to_the_evidence(browser, site):
    import duckdb

    server, db = site
    first = Page(browser, site)
    assert first.page.locator("#alerts-panel").is_hidden()  # no alerts: no panel
    story = first.api("/api/events?type=ASSAULT")["events"][0]["story_id"]
    first.close()
    server.api.reader.close()
    with duckdb.connect(str(db)) as con:  # the table `tocsin watch` writes (the store's migrations make it)
        con.execute("CREATE TABLE IF NOT EXISTS alerts(alert_id TEXT PRIMARY KEY, rule TEXT, kind TEXT, fired_at TIMESTAMP,"
                    " day DATE, actor TEXT, recipient TEXT, summary TEXT, evidence TEXT)")
        con.execute("INSERT INTO alerts VALUES ('a1', 'assault-spike', 'spike', '2026-03-09 12:00:00', '2026-03-07',"
                    " 'VEN', 'COL', '<img src=x onerror=\"window.__pwned=1\"> assaults above baseline', ?)",
                    (json.dumps([{"story_id": story}]),))
    try:
        p = Page(browser, site)
        p.until("!document.getElementById('alerts-panel').hidden")
        p.page.click("#alerts-panel summary")
        assert "assaults above baseline" in p.page.text_content("#alerts")
        p.page.click(f"#alerts button[data-story='{story}']")
        p.page.wait_for_selector("#evidence .card")
        assert "ASSAULT" in p.page.text_content("#evidence h3")
        p.close()
    finally:
        server.api.reader.close()
        with duckdb.connect(str(db)) as con:
            con.execute("DELETE FROM alerts WHERE alert_id = 'a1'")


def test_articles_not_grouped_into_stories_are_announced(browser, site):
    import duckdb

    server, db = site
    first = Page(browser, site)
    assert first.page.locator("#ungrouped").is_hidden()  # every article is in a story
    first.close()
    server.api.reader.close()
    with duckdb.connect(str(db)) as con:  # as an ingest stopped before its story rebuild leaves the store
        con.execute("INSERT INTO story_backlog SELECT article_id FROM articles LIMIT 2")
    try:
        p = Page(browser, site)
        p.until("!document.getElementById('ungrouped').hidden")
        note = p.page.text_content("#ungrouped")
        assert note.startswith("2 stored articles not yet grouped into story events") and "tocsin ingest" in note
        SHOTS.mkdir(parents=True, exist_ok=True)
        p.page.screenshot(path=str(SHOTS / "desktop-ungrouped.png"))
        p.close()
    finally:
        server.api.reader.close()
        with duckdb.connect(str(db)) as con:
            con.execute("DELETE FROM story_backlog")


HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])  # what an ingest does for its whole run
print("holding", flush=True)
sys.stdin.readline()
"""


def test_while_an_ingest_holds_the_file_the_page_shows_the_snapshot(browser, site):
    import subprocess
    import sys

    server, db = site
    p = Page(browser, site)
    rows = p.rows()
    server.api.reader.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        p.page.click("#filters button[type=submit]")
        p.settle()
        assert "An ingest is writing the database" in p.page.text_content("#status")
        assert p.rows() == rows  # the same events, read from the copy
    finally:
        holder.communicate("done\n", timeout=30)
    p.page.wait_for_timeout(int(server.api.reader.idle_close * 1000) + 300)
    p.page.click("#filters button[type=submit]")
    p.settle()
    assert p.page.text_content("#status") == "" and p.rows() == rows
    p.close()
