"""Versioned schema migrations, shared by DuckDB and PostgreSQL (plain SQL both accept).

A migration is applied once, with its row in `schema_version`, all pending ones in one
transaction under the schema lock. A statement is SQL, or a function of the backend for what
SQL cannot say the same way in both engines. Never edit a released migration: append a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from tocsin.store.backends import Backend

_V1 = [
    """CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        started_at TIMESTAMP,
        finished_at TIMESTAMP,
        coder_version TEXT NOT NULL,
        lexicon_hash TEXT NOT NULL,
        sources TEXT,
        articles_added BIGINT,
        articles_present BIGINT,
        failures BIGINT
    )""",
    # article_id is the content hash of the article text: the key of idempotent ingestion.
    """CREATE TABLE articles (
        article_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        title TEXT,
        published TEXT,
        outlet TEXT,
        url TEXT,
        source TEXT,
        text TEXT NOT NULL,
        offset_map TEXT,
        n_events INTEGER NOT NULL,
        coder_version TEXT NOT NULL,
        lexicon_hash TEXT NOT NULL,
        run_id TEXT,
        ingested_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
    )""",
    """CREATE TABLE removed (
        article_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    )""",
    """CREATE TABLE entities (
        article_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT,
        code TEXT,
        sector TEXT,
        role TEXT,
        rule TEXT,
        PRIMARY KEY (article_id, entity_id)
    )""",
    """CREATE TABLE mentions (
        article_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        PRIMARY KEY (article_id, entity_id, seq)
    )""",
    """CREATE TABLE quotes (
        article_id TEXT NOT NULL,
        quote_id TEXT NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        speaker_name TEXT,
        speaker_entity_id TEXT,
        cue TEXT,
        channel TEXT,
        PRIMARY KEY (article_id, quote_id)
    )""",
    """CREATE TABLE claims (
        article_id TEXT NOT NULL,
        claim_id TEXT NOT NULL,
        text TEXT NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        source_name TEXT,
        source_entity_id TEXT,
        hedges TEXT,
        denied_by TEXT,
        cue TEXT,
        PRIMARY KEY (article_id, claim_id)
    )""",
    # One row per event mention, with the provenance of the coder that produced it. `payload`
    # is the Event as JSON, so exports rebuild it exactly.
    """CREATE TABLE events (
        article_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        event TEXT NOT NULL,
        mode TEXT,
        context TEXT,
        actor_codes TEXT,
        recipient_codes TEXT,
        date TEXT,
        date_precision TEXT,
        loc_name TEXT,
        loc_country TEXT,
        loc_lat DOUBLE PRECISION,
        loc_lon DOUBLE PRECISION,
        loc_feature_type TEXT,
        text TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        event_text TEXT NOT NULL,
        event_start INTEGER,
        event_end INTEGER,
        in_lead BOOLEAN NOT NULL,
        auxiliary TEXT,
        negated BOOLEAN NOT NULL,
        attribution_source TEXT,
        attribution_entity_id TEXT,
        attribution_status TEXT,
        attribution_hedges TEXT,
        fatalities INTEGER,
        fatalities_qualifier TEXT,
        cameo TEXT,
        quad_code INTEGER,
        event_scale DOUBLE PRECISION,
        confidence DOUBLE PRECISION,
        rule TEXT,
        coder_version TEXT NOT NULL,
        lexicon_hash TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (article_id, event_id)
    )""",
    """CREATE TABLE event_actors (
        article_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        role TEXT NOT NULL,
        seq INTEGER NOT NULL,
        text TEXT NOT NULL,
        name TEXT,
        code TEXT,
        sector TEXT,
        entity_id TEXT,
        start_char INTEGER,
        end_char INTEGER,
        PRIMARY KEY (article_id, event_id, role, seq)
    )""",
    # failure_id hashes the failure itself, so a rerun that meets the same bad input adds nothing.
    """CREATE TABLE failures (
        failure_id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        line INTEGER,
        reason TEXT NOT NULL,
        message TEXT NOT NULL,
        run_id TEXT,
        failed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
    )""",
    # Story events: event mentions of several articles merged by tocsin.corpus.stories, rebuilt after ingest.
    """CREATE TABLE stories (
        story_id TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        cameo TEXT,
        quad_code INTEGER,
        event_scale DOUBLE PRECISION,
        actor_codes TEXT,
        recipient_codes TEXT,
        date TEXT,
        last_date TEXT,
        loc_name TEXT,
        loc_country TEXT,
        loc_lat DOUBLE PRECISION,
        loc_lon DOUBLE PRECISION,
        event_text TEXT,
        num_mentions INTEGER NOT NULL,
        num_sources INTEGER NOT NULL,
        num_articles INTEGER NOT NULL,
        first_article_id TEXT NOT NULL,
        first_event_id TEXT NOT NULL
    )""",
    """CREATE TABLE story_mentions (
        story_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (story_id, article_id, event_id)
    )""",
    "CREATE INDEX events_date ON events (date)",
    "CREATE INDEX event_actors_code ON event_actors (code, role)",
]

# Articles whose events are not yet in `stories`: written in the same transaction as the
# article, emptied by the story rebuild, so a run killed before its rebuild leaves them for the
# next one, and a rebuild only reclusters the keys they touch. Existing articles start in it
# once, so the first rebuild after this migration is a full one.
_V2 = [
    "CREATE TABLE story_backlog (article_id TEXT PRIMARY KEY)",
    "INSERT INTO story_backlog (article_id) SELECT article_id FROM articles",
]

# Alerts raised by the alert rules (tocsin.alerts), and what `tocsin watch` remembers between
# cycles: every URL (or dropped file) already stored, and each source's conditional-GET
# validators and backoff. `alert_id` hashes the rule, dyad, day and evidence key, so an alert
# is raised once however often the rules run; `evidence` is a JSON list of
# {story_id, article_id, event_id}.
_V3 = [
    """CREATE TABLE alerts (
        alert_id TEXT PRIMARY KEY,
        rule TEXT,
        kind TEXT,
        fired_at TIMESTAMP,
        day DATE,
        actor TEXT,
        recipient TEXT,
        summary TEXT,
        evidence TEXT
    )""",
    """CREATE TABLE watch_seen (
        key TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        article_id TEXT,
        seen_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
    )""",
    """CREATE TABLE watch_sources (
        name TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_due TIMESTAMP,
        last_error TEXT
    )""",
]

# Every copy of an article's text that was read: a wire story re-published by ten outlets is one
# article (one hash, coded once) with ten sources, and its stories count ten sources.
# `copy_id` hashes the copy's id, outlet, URL and date (see tocsin.store.rows.source_row).
_V4 = [
    """CREATE TABLE article_sources (
        copy_id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        publisher TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        source TEXT,
        run_id TEXT,
        first_seen TIMESTAMP DEFAULT CURRENT_TIMESTAMP
    )""",
    "CREATE INDEX article_sources_article ON article_sources (article_id)",
    lambda backend: _first_copies(backend),
]


def _first_copies(backend: Backend) -> None:
    """The copy each stored article was first read from becomes its first source."""
    from tocsin.model import DocMeta
    from tocsin.store.rows import SOURCE_COLUMNS, source_row

    rows = [
        source_row(article_id, DocMeta(id=doc_id, outlet=outlet, url=url, published=published), source, run_id)
        for article_id, doc_id, outlet, url, published, source, run_id in backend.fetchall(
            "SELECT article_id, doc_id, outlet, url, published, source, run_id FROM articles")
    ]
    backend.insert("article_sources", SOURCE_COLUMNS, rows)


# Alerts owed to each webhook: kept until the webhook has taken them, so that a watch that is
# killed, or a webhook that is down, delivers them later. `target` hashes the URL (no secrets stored).
_V5 = [
    """CREATE TABLE alert_deliveries (
        alert_id TEXT NOT NULL,
        target TEXT NOT NULL,
        delivered_at TIMESTAMP,
        PRIMARY KEY (alert_id, target)
    )""",
]

# How many cycles each unreadable page (a 404, a refused or timed-out address) has been tried, so
# that a watch run from cron (`--once`, a new process every cycle) gives it up after as many tries
# as a long-running one does, instead of fetching it again every run for ever.
_V6 = [
    """CREATE TABLE watch_attempts (
        key TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        last_error TEXT
    )""",
]

# Stories are made only of events the text says happened (tocsin.store.queries.happened): every
# stored article is clustered again once, so stories of denied or hypothetical events go.
_V7 = [
    "INSERT INTO story_backlog (article_id) SELECT article_id FROM articles"
    " WHERE article_id NOT IN (SELECT article_id FROM story_backlog)",
]


# (version, description, statements), in order.
MIGRATIONS: list[tuple[int, str, list[str | Callable[[Backend], None]]]] = [
    (1, "articles, spans, entities, speech, events, failures, stories", _V1),
    (2, "story backlog: incremental story rebuilds", _V2),
    (3, "alerts; what watch has seen and each source's state", _V3),
    (4, "article sources: every copy of an article that was read", _V4),
    (5, "alert deliveries: what each webhook has taken", _V5),
    (6, "watch attempts: how often each unreadable page was tried", _V6),
    (7, "stories of events that happened only: recluster every article", _V7),
]

LATEST = MIGRATIONS[-1][0]


def applied_versions(backend: Backend) -> set[int]:
    tables = backend.fetchall(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_name = 'schema_version' AND table_schema = current_schema()"
    )
    if not tables:
        return set()
    return {row[0] for row in backend.fetchall("SELECT version FROM schema_version")}


def current_version(backend: Backend) -> int:
    return max(applied_versions(backend), default=0)


def migrate(backend: Backend) -> int:
    """Bring the database to the latest schema; return the version it is at.

    Every migration not yet recorded is applied, in order, in one transaction that holds the
    schema lock: two processes opening a new database at once do not both create its tables
    (the second waits, then finds them made).
    """
    if applied_versions(backend) >= {number for number, _, _ in MIGRATIONS}:
        return current_version(backend)  # the common case: nothing to do, no lock taken
    backend.begin()
    try:
        backend.lock_schema()
        backend.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
            " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)"
        )
        applied = applied_versions(backend)
        for number, description, statements in MIGRATIONS:
            if number in applied:
                continue
            for statement in statements:
                if callable(statement):
                    statement(backend)
                else:
                    backend.execute(statement)
            backend.execute("INSERT INTO schema_version (version, description) VALUES (?, ?)", (number, description))
        backend.commit()
    except BaseException:
        backend.rollback()
        raise
    return current_version(backend)
