"""The corpus store on DuckDB: idempotent writes, transactions, dedup, queries and exports.

Documents are built by hand here (the full output contract), so the store is tested whatever
the coding stages produce today. `corpus()` is shared with test_postgres.py.
"""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from tocsin import __version__
from tocsin.config import Config
from tocsin.corpus.stories import Mention, cluster
from tocsin.export.gdelt import COLUMNS as GDELT_COLUMNS
from tocsin.export.gdelt import write_gdelt
from tocsin.export.parquet import write_parquet
from tocsin.export.plover import records
from tocsin.model import (Attribution, Claim, DocMeta, Document, Entity, Event, EventActor, Failure, Fatalities,
                          Location, Mention as EntityMention, Quote, Ref, Removed)
from tocsin.store import open_store
from tocsin.store.migrations import LATEST, MIGRATIONS
from tocsin.store.provenance import lexicon_hash
from tocsin.store.queries import documents
from tocsin.store.rows import Provenance
from tocsin.store.writer import Coded

PROV = Provenance(coder_version=__version__, lexicon_hash="test-lexicon")


def _party(code, text, sector=("GOV",), entity_id=None):
    return EventActor(text=text, name=text, code=code, sector=list(sector), entity_id=entity_id)


def make_document(doc_id, outlet, published, events, url=None) -> Document:
    """An article whose text holds one sentence per event, in the lead paragraph for the first."""
    sentences = [e["sentence"] for e in events]
    text = sentences[0] + "\n\n" + " ".join(sentences[1:]) if len(sentences) > 1 else sentences[0]
    built, offset = [], 0
    for n, spec in enumerate(events, start=1):
        start = text.index(spec["sentence"], offset)
        end = start + len(spec["sentence"])
        offset = end
        trigger_at = text.index(spec["trigger"], start)
        built.append(Event(
            id=f"ev{n}", doc_id=doc_id, event=spec["type"], mode=spec.get("mode", []),
            actor=[_party(spec["actor"], spec.get("actor_text", spec["actor"]), entity_id="e1")],
            recipient=[_party(spec["recipient"], spec["recipient"], sector=("MIL",))] if spec["recipient"] else [],
            date=spec.get("date"), date_precision="day" if spec.get("date") else None,
            event_loc=Location(name=spec["place"], country=spec.get("country"), lat=10.5, lon=-66.9,
                               feature_type="city") if spec.get("place") else None,
            text=spec["sentence"], span=(start, end), event_text=spec["trigger"],
            event_span=(trigger_at, trigger_at + len(spec["trigger"])),
            auxiliary=spec.get("auxiliary", []),
            attribution=Attribution(source=outlet, hedges=["reportedly"], status="claimed"),
            fatalities=Fatalities(number=spec["dead"], qualifier="at least", text=f"at least {spec['dead']}")
            if spec.get("dead") else None,
            cameo=spec.get("cameo"), quad_code=spec.get("quad"), event_scale=spec.get("scale"), confidence=0.8,
        ))
    return Document(
        doc=DocMeta(id=doc_id, title=f"Report {doc_id}", published=published, outlet=outlet, url=url),
        text=text,
        removed=[Removed(start=0, end=14, text="Photo: Reuters", reason="credit")],
        entities=[Entity(id="e1", name="Ministry of Defence", type="ORG", code=events[0]["actor"],
                         sector=["GOV", "MIL"], mentions=[EntityMention(text="the ministry", start=0, end=5),
                                                          EntityMention(text="it", start=6, end=8)])],
        quotes=[Quote(id="q1", text="We acted", start=0, end=5, speaker=Ref(name="Ministry of Defence",
                                                                           entity_id="e1"), cue="said")],
        claims=[Claim(id="c1", text=sentences[0], start=0, end=len(sentences[0]),
                      source=Ref(name=outlet), hedges=["according to"],
                      denied_by=[Ref(name="Ministry of Defence", entity_id="e1")])],
        events=built,
    )


STRIKE = dict(type="ASSAULT", actor="USA", recipient="VEN", cameo="195", quad=4, scale=-9.5, place="Caribbean Sea")


def corpus() -> list[Coded]:
    """Five articles: one strike told by three (two outlets), a later strike, talks the other way."""
    docs = [
        make_document("a1", "Harbour Times", "2025-11-29", [
            dict(STRIKE, sentence="American drones struck a speedboat in the Caribbean Sea on Friday.",
                 trigger="struck", date="2025-11-28", dead=3, mode=["drone"]),
            dict(type="CONSULT", actor="VEN", recipient="USA", cameo="040", quad=1, scale=1.0,
                 sentence="Venezuelan envoys met American diplomats in Geneva on Saturday.", trigger="met",
                 date="2025-11-29", place="Geneva", country="CH"),
        ], url="https://harbour.example/strike"),
        make_document("a2", "Harbour Times", "2025-11-29", [
            dict(STRIKE, sentence="A US drone strike hit a boat in the Caribbean Sea, officials said.",
                 trigger="drone strike", date="2025-11-29"),
        ]),
        make_document("a3", "Daily Ledger", "2025-11-30", [
            dict(STRIKE, sentence="Washington's forces struck the vessel near the Caribbean Sea coast.",
                 trigger="struck", date="2025-11-28", actor_text="Washington"),
        ], url="https://ledger.example/a3"),
        make_document("a4", "Daily Ledger", "2025-12-06", [
            dict(STRIKE, sentence="US aircraft struck another boat in the Caribbean Sea on Thursday.",
                 trigger="struck", date="2025-12-04"),
            dict(type="ASSAULT", actor="USA", recipient="VEN", cameo="190", quad=4, scale=-10.0,
                 sentence="Officials denied that troops shelled the coast.", trigger="shelled",
                 date="2025-12-05", auxiliary=["negated"]),
        ]),
        make_document("a5", "Coast Wire", "2025-12-09", [
            dict(type="ACCUSE", actor="VEN", recipient="USA", cameo="112", quad=3, scale=-2.0,
                 sentence="Caracas accused Washington of piracy on Monday.", trigger="accused", date="2025-12-08"),
        ]),
    ]
    return [Coded(article_id=f"hash-{d.doc.id}", source=f"fixture/{d.doc.id}", document=d) for d in docs]


FAILURES = [Failure(source="fixture/bad.jsonl", reason="malformed", message="line 3: not JSON", line=3)]


def load(store):
    store.write(corpus()[:3], FAILURES, PROV)
    store.write(corpus()[3:], [], PROV)
    store.rebuild_stories()
    return store


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "corpus.duckdb") as s:
        yield load(s)


def test_all_parts_of_a_document_are_stored_with_provenance(store):
    counts = store.counts()
    assert counts["articles"] == 5
    assert counts["events"] == 7
    assert counts["entities"] == 5 and counts["quotes"] == 5 and counts["claims"] == 5
    b = store.backend
    assert b.fetchall("SELECT COUNT(*) FROM mentions")[0][0] == 10
    assert b.fetchall("SELECT COUNT(*) FROM removed")[0][0] == 5
    assert b.fetchall("SELECT COUNT(*) FROM event_actors")[0][0] == 14
    assert b.fetchall("SELECT DISTINCT coder_version, lexicon_hash FROM events") == [(__version__, "test-lexicon")]
    row = b.fetchall("SELECT fatalities, fatalities_qualifier, attribution_status, mode, in_lead FROM events"
                     " WHERE article_id = 'hash-a1' AND event_id = 'ev1'")[0]
    assert row == (3, "at least", "claimed", "drone", True)
    assert b.fetchall("SELECT in_lead FROM events WHERE article_id = 'hash-a1' AND event_id = 'ev2'")[0][0] is False
    assert b.fetchall("SELECT denied_by FROM claims WHERE article_id = 'hash-a1'")[0][0].startswith("[{")


def test_writing_the_same_articles_again_adds_nothing(store):
    before = store.counts()
    result = store.write(corpus(), FAILURES, PROV)
    assert (result.added, result.present, result.failures) == (0, 5, 0)
    store.rebuild_stories()
    assert store.counts() == before


def test_a_copy_within_one_batch_is_stored_once(tmp_path):
    with open_store(tmp_path / "db.duckdb") as s:
        one = corpus()[0]
        result = s.write([one, one], [], PROV)
        assert (result.added, result.present) == (1, 1)
        assert s.counts()["events"] == 2


def test_a_failed_batch_leaves_nothing_behind(tmp_path, monkeypatch):
    with open_store(tmp_path / "db.duckdb") as s:
        real = s.backend.insert

        def broken(table, columns, rows):
            if table == "events":
                raise RuntimeError("disk full")
            real(table, columns, rows)

        monkeypatch.setattr(s.backend, "insert", broken)
        with pytest.raises(RuntimeError):
            s.write(corpus(), FAILURES, PROV)
        monkeypatch.setattr(s.backend, "insert", real)
        assert s.counts() == {k: 0 for k in s.counts()}
        s.write(corpus(), FAILURES, PROV)
        assert s.counts()["events"] == 7


def test_schema_is_versioned_and_migrations_run_once(tmp_path):
    path = tmp_path / "db.duckdb"
    open_store(path).close()
    with open_store(path) as s:
        versions = s.backend.fetchall("SELECT version FROM schema_version ORDER BY version")
        assert versions == [(number,) for number, _, _ in MIGRATIONS] and versions[-1] == (LATEST,)


def test_same_event_from_several_articles_is_one_story(store):
    rows = {(r["event"], r["date"]): r for r in store.stories()}
    strike = rows[("ASSAULT", "2025-11-28")]
    # a1 and a3 on the 28th, a2 on the 29th: one strike, three articles, two outlets.
    assert (strike["num_mentions"], strike["num_articles"], strike["num_sources"]) == (3, 3, 2)
    assert ("ASSAULT", "2025-12-04") in rows  # a week later: another strike
    assert ("ASSAULT", "2025-12-05") not in rows  # denied that it happened: stored, but no story
    assert len(rows) == 4
    from tocsin.store.queries import evidence

    support = evidence(store.backend, strike["story_id"])
    assert {s["doc_id"] for s in support} == {"a1", "a2", "a3"}
    assert all(s["text"] and s["event_text"] in s["text"] for s in support)


def _mention(article, date, trigger="struck", place=None, outlet="X", country=None):
    return Mention(article, "ev1", "ASSAULT", "195", 4, -9.5, "USA", "VEN", date, place, country, None, None,
                   trigger, f"{trigger} ...", outlet, None)


def test_dedup_needs_close_dates_similar_triggers_and_places():
    stories = list(cluster([
        _mention("a", "2025-11-01", place="Caribbean Sea"),
        _mention("b", "2025-11-02", "strikes", place="the Caribbean Sea"),
        _mention("c", "2025-11-02", "talks"),
        _mention("d", "2025-11-02", place="Gulf of Paria"),
        _mention("e", "2025-11-04"),
        _mention("f", None),
        _mention("g", None, outlet=None),
    ]))
    groups = sorted(sorted(m.article_id for m in s.mentions) for s in stories)
    assert groups == [["a", "b"], ["c"], ["d"], ["e"], ["f", "g"]]
    assert next(s for s in stories if s.first.article_id == "f").num_sources == 2


def test_dedup_merges_different_wordings_of_one_event_at_one_place():
    stories = list(cluster([
        _mention("a", "2026-03-06", "struck", place="Arauca", country="COL"),
        _mention("b", "2026-03-06", "attacked", place="Arauca", country="COL"),
        _mention("c", "2026-03-06", "attacked", place="Cucuta", country="COL"),
        _mention("d", "2026-03-06", "bombed"),
    ]))
    groups = sorted(sorted(m.article_id for m in s.mentions) for s in stories)
    assert groups == [["a", "b"], ["c"], ["d"]]


def test_events_query_filters(store):
    assert len(store.events()) == 7
    assert {r["doc_id"] for r in store.events(actor="usa", recipient="VEN")} == {"a1", "a2", "a3", "a4"}
    assert [r["event"] for r in store.events(actor="VEN")] == ["CONSULT", "ACCUSE"]
    assert len(store.events(event_type="assault", since="2025-12-01")) == 2
    assert len(store.events(until="2025-11-28")) == 2
    assert store.events(actor="US") == []  # whole codes only
    negated = [r for r in store.events() if r["negated"]]
    assert [r["event_text"] for r in negated] == ["shelled"]


def test_dyad_counts_story_events_both_ways(store):
    by_week = store.dyad("usa", "ven", by="week")
    assert [r["period"] for r in by_week] == ["2025-11-24", "2025-12-01", "2025-12-08"]
    first = by_week[0]
    assert (first["USA->VEN events"], first["USA->VEN score"]) == (1, -9.5)
    assert (first["VEN->USA events"], first["VEN->USA score"]) == (1, 1.0)
    assert first["mentions"] == 4
    # the shelling of the 5th is denied: it adds no event and no conflict score
    assert by_week[1]["USA->VEN events"] == 1 and by_week[1]["USA->VEN score"] == -9.5
    assert by_week[2]["VEN->USA events"] == 1
    by_day = store.dyad("VEN", "USA", by="day")
    assert [r["period"] for r in by_day] == ["2025-11-28", "2025-11-29", "2025-12-04", "2025-12-08"]


def test_plover_export_rebuilds_every_event(store):
    docs = list(documents(store.backend))
    lines = [r for d in docs for r in records(d)]
    assert len(lines) == 7
    first = next(r for r in lines if r["doc_id"] == "a1" and r["event"] == "ASSAULT")
    assert first["actor_country"] == ["USA"] and first["event_loc"] == "Caribbean Sea"
    assert first["source"] == "Harbour Times" and first["url"] == "https://harbour.example/strike"
    json.dumps(lines)


def test_gdelt_export_has_61_columns_and_story_counts(store, tmp_path):
    out = tmp_path / "events.tsv"
    with out.open("w") as stream:
        assert write_gdelt(store.backend, stream) == 4  # stories: the denied shelling is none
    rows = [dict(zip(GDELT_COLUMNS, r)) for r in csv.reader(out.open(), delimiter="\t")]
    assert all(len(r) == 61 for r in rows)
    strike = next(r for r in rows if r["SQLDATE"] == "20251128")
    assert (strike["NumMentions"], strike["NumSources"], strike["NumArticles"]) == ("3", "2", "3")
    assert strike["EventCode"] == "195" and strike["EventRootCode"] == "19" and strike["QuadClass"] == "4"
    assert strike["Actor1Code"] == "USAGOV" and strike["Actor1CountryCode"] == "USA"
    assert strike["Actor2Code"] == "VENMIL" and strike["Actor2Type1Code"] == "MIL"
    assert strike["GoldsteinScale"] == "-9.5" and strike["IsRootEvent"] == "1"
    assert strike["ActionGeo_FullName"] == "Caribbean Sea" and strike["ActionGeo_Type"] == "4"
    assert strike["SOURCEURL"] == "https://harbour.example/strike"
    assert len(strike["DATEADDED"]) == 14 and strike["MonthYear"] == "202511"
    geneva = next(r for r in rows if r["EventCode"] == "040")
    assert geneva["ActionGeo_CountryCode"] == "SZ"  # FIPS 10-4, as GDELT, not ISO's CH
    assert len({r["GLOBALEVENTID"] for r in rows}) == 4


def test_parquet_export_writes_every_table(store, tmp_path):
    counts = write_parquet(store.backend, tmp_path / "pq")
    assert counts["events"] == 7 and counts["stories"] == 4 and counts["failures"] == 1
    table = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert table.num_rows == 7 and "payload" in table.column_names
    assert str(table.schema.field("event_scale").type) == "double"


def test_lexicon_hash_changes_with_user_files(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("patterns: [a]\n")
    base = lexicon_hash(Config())
    with_file = lexicon_hash(Config(lexicon_files=(extra,)))
    assert base != with_file
    extra2 = tmp_path / "extra2.yaml"
    extra2.write_text("patterns: [b]\n")
    assert lexicon_hash(Config(lexicon_files=(extra2,))) != with_file


def _stories_and_support(s) -> tuple[list, list]:
    return s.stories(), s.backend.fetchall("SELECT story_id, article_id, event_id FROM story_mentions"
                                           " ORDER BY story_id, article_id, event_id")


def _clustered(monkeypatch) -> list[int]:
    """Count the mentions each story rebuild clusters."""
    import tocsin.corpus.stories

    seen, real = [], tocsin.corpus.stories.cluster

    def counting(mentions):
        mentions = list(mentions)
        seen.append(len(mentions))
        return real(mentions)

    monkeypatch.setattr(tocsin.corpus.stories, "cluster", counting)
    return seen


def test_incremental_story_rebuild_equals_a_full_one(tmp_path, monkeypatch):
    docs = corpus()
    with open_store(tmp_path / "full.duckdb") as full:
        full.write(docs, [], PROV)
        full.rebuild_stories(full=True)
        expected = _stories_and_support(full)
    clustered = _clustered(monkeypatch)
    with open_store(tmp_path / "step.duckdb") as step:
        step.write([docs[0], docs[2], docs[3], docs[4]], [], PROV)
        step.rebuild_stories()
        # a2 joins the strike of a1 and a3: only the mentions of its key are clustered again
        step.write([docs[1]], [], PROV)
        assert step.rebuild_stories() == len(expected[0])
        assert _stories_and_support(step) == expected
        # the 4 ASSAULT USA->VEN mentions that happened (not the denied one), not all 7
        assert clustered[0] == 5 and clustered[1] == 4
        step.write(docs, [], PROV)  # nothing new: nothing to recluster
        step.rebuild_stories()
        assert len(clustered) == 2 and _stories_and_support(step) == expected


def test_articles_written_before_a_crash_join_the_next_rebuild(tmp_path):
    docs = corpus()
    path = tmp_path / "db.duckdb"
    with open_store(path) as s:
        s.write(docs[:4], FAILURES, PROV)
        s.rebuild_stories()
        s.write(docs[4:], [], PROV)  # ... and the process dies before its rebuild
    with open_store(path) as s:
        s.rebuild_stories()
        got = _stories_and_support(s)
    with open_store(tmp_path / "full.duckdb") as full:
        full.write(docs, [], PROV)
        full.rebuild_stories(full=True)
        assert got == _stories_and_support(full)


def _unreal_corpus() -> list[Coded]:
    """Talks that happened, then strikes the text says did not happen, may happen or will not."""
    doc = make_document("h1", "Coast Wire", "2025-12-10", [
        dict(type="CONSULT", actor="VEN", recipient="USA", cameo="040", quad=1, scale=1.0,
             sentence="Venezuelan envoys met American diplomats in Geneva on Tuesday.", trigger="met",
             date="2025-12-09", place="Geneva", country="CH"),
        dict(STRIKE, sentence="The Pentagon denied that its jets had bombed the port of La Guaira.", trigger="bombed",
             date="2025-12-09", auxiliary=["negation"]),
        dict(STRIKE, sentence="Analysts said US jets could strike the refinery at Amuay.", trigger="strike",
             date="2025-12-10", auxiliary=["hypothetical"]),
        dict(STRIKE, sentence="The envoy said US forces will not attack Venezuelan soil.", trigger="attack",
             date="2025-12-10", auxiliary=["negation", "future"]),
    ])
    return [Coded(article_id="hash-h1", source="fixture/h1", document=doc)]


def test_events_that_did_not_happen_are_listed_but_make_no_story_or_dyad_score(tmp_path):
    with open_store(tmp_path / "unreal.duckdb") as s:
        s.write(_unreal_corpus(), [], PROV)
        assert s.rebuild_stories() == 1
        assert [r["event"] for r in s.stories()] == ["CONSULT"]
        assert len(s.events()) == 4 and len(s.events(event_type="ASSAULT")) == 3  # still stored and listed
        assert sorted(r["auxiliary"] or "" for r in s.events()) == ["", "hypothetical", "negation", "negation;future"]
        (day,) = s.dyad("USA", "VEN")
        assert (day["USA->VEN events"], day["USA->VEN score"], day["VEN->USA events"]) == (0, 0.0, 1)


def test_a_store_from_before_drops_the_stories_of_events_that_did_not_happen(tmp_path):
    import duckdb

    db = tmp_path / "old.duckdb"
    with open_store(db) as s:
        s.write(_unreal_corpus(), [], PROV)
        s.rebuild_stories()
        s.backend.execute("INSERT INTO stories (story_id, event, actor_codes, recipient_codes, date, num_mentions,"
                          " num_sources, num_articles, first_article_id, first_event_id)"
                          " VALUES ('old', 'ASSAULT', 'USA', 'VEN', '2025-12-09', 1, 1, 1, 'hash-h1', 'ev2')")
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM schema_version WHERE version = 7")  # as stored before stories left them out
    con.close()
    with open_store(db) as s:
        s.rebuild_stories()
        assert [r["event"] for r in s.stories()] == ["CONSULT"]


def test_ingest_makes_stories_of_the_reported_strike_only(tmp_path):
    from click.testing import CliRunner

    from tocsin.cli import main

    source = tmp_path / "strike.txt"
    source.write_text(
        "Border guards said Norlandic troops shelled the village of Ostrik on Monday, killing two farmers.\n\n"
        "The Norlandic Defence Ministry denied that its troops had shelled Ostrik.\n\n"
        "Analysts said Norlandic troops could attack border posts near Ostrik next week.\n\n"
        "Norland did not attack the dam at Ostrik, officials said.\n", encoding="utf-8")
    db = tmp_path / "strike.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(source), "--db", str(db), "--published", "2026-02-04"])
    assert result.exit_code == 0, result.output
    with open_store(db) as s:
        events = s.events(event_type="ASSAULT")
        assert len(events) >= 3 and sum(1 for e in events if e["negated"]) >= 1
        stories = s.stories(event_type="ASSAULT")
        assert [r["event_text"] for r in stories] == ["shelled"] and stories[0]["date"] == "2026-02-02"


def test_a_meeting_of_both_counts_as_done_together_in_the_dyad(tmp_path):
    # PLOVER puts every party of a meeting among the actors: the dyad counts it as joint, not lost
    doc = make_document("m1", "Coast Wire", "2025-12-10", [
        dict(type="CONSULT", actor="VEN", recipient=None, cameo="040", quad=1, scale=1.0,
             sentence="Venezuelan and American envoys met in Geneva on Tuesday.", trigger="met", date="2025-12-09")])
    doc.events[0].actor.append(_party("USA", "American envoys"))
    with open_store(tmp_path / "joint.duckdb") as s:
        s.write([Coded(article_id="hash-m1", source="fixture/m1", document=doc)], [], PROV)
        s.rebuild_stories()
        (day,) = s.dyad("usa", "ven")
        assert (day["USA+VEN events"], day["USA+VEN score"], day["USA->VEN events"], day["VEN->USA events"]) == (
            1, 1.0, 0, 0)
