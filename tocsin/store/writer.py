"""The Store: idempotent batch writes, runs, failures and the (incremental) rebuild of story events."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tocsin.model import Document, Failure
from tocsin.store import queries
from tocsin.store.backends import Backend
from tocsin.store.provenance import failure_id
from tocsin.store.rows import COLUMNS, DOCUMENT_TABLES, SOURCE_COLUMNS, SOURCES, Provenance, Rows, document_rows

_IN_CHUNK = 500  # keys per IN (...) list
_MAX_KEYS = 2000  # story keys in one IN (...) list; past that a full rebuild is simpler


@dataclass
class Coded:
    """A coded article ready to store: its content hash and where it was read from."""

    article_id: str
    source: str | None
    document: Document


@dataclass
class BatchResult:
    added: int = 0
    present: int = 0
    events: int = 0
    failures: int = 0


class Store:
    def __init__(self, backend: Backend):
        self.backend = backend

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------------------

    def existing(self, article_ids: Sequence[str]) -> set[str]:
        """The ids among `article_ids` already stored (to skip coding them again)."""
        return self._existing("articles", "article_id", article_ids)

    def _existing(self, table: str, key: str, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i : i + _IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {key} FROM {table} WHERE {key} IN ({marks})"
            found.update(r[0] for r in self.backend.fetchall(sql, chunk))
        return found

    def write(self, coded: Iterable[Coded], failures: Iterable[Failure], prov: Provenance) -> BatchResult:
        """Store a batch of Documents in one transaction; articles and failures already stored are skipped."""
        rows = ((c.article_id, document_rows(c.document, c.article_id, c.source, prov)) for c in coded)
        return self.write_rows(rows, failures, prov.run_id)

    def write_rows(self, articles: Iterable[tuple[str, Rows]], failures: Iterable[Failure],
                   run_id: str | None) -> BatchResult:
        """Store a batch of articles already turned into rows (`rows.document_rows`, made in the
        workers) in one transaction; articles and failures already stored are skipped."""
        articles, failures = list(articles), list(failures)
        result = BatchResult()
        self.backend.begin()
        try:
            self.backend.lock_writers()
            present = self.existing([article_id for article_id, _ in articles])
            tables: dict[str, list] = {t: [] for t in DOCUMENT_TABLES}
            backlog = []
            sources: dict[str, tuple] = {}
            for article_id, rows in articles:
                sources.update((row[0], row) for row in rows.get(SOURCES, ()))
                if article_id in present:
                    result.present += 1
                    continue
                present.add(article_id)  # a copy later in the same batch is present too
                for table in DOCUMENT_TABLES:
                    tables[table].extend(rows.get(table, ()))
                backlog.append(article_id)
                result.added += 1
                result.events += len(rows["events"])
            for table in DOCUMENT_TABLES:
                self.backend.insert(table, COLUMNS[table], tables[table])
            backlog += self._new_sources(list(sources.values()), set(backlog))
            self.backend.insert("story_backlog", ("article_id",), [(a,) for a in dict.fromkeys(backlog)])
            result.failures = self._write_failures(failures, run_id)
            self.backend.commit()
        except BaseException:
            self.backend.rollback()
            raise
        return result

    def _new_sources(self, rows: list[tuple], added: set[str]) -> list[str]:
        """Store the copies not yet recorded; return the stored articles they give a new source,
        whose stories must be counted again."""
        stored = self._existing(SOURCES, "copy_id", [row[0] for row in rows])
        new = [row for row in rows if row[0] not in stored]
        self.backend.insert(SOURCES, SOURCE_COLUMNS, new)
        touched = {row[1] for row in new} - added
        return sorted(touched - self._existing("story_backlog", "article_id", sorted(touched)))

    def article_ids(self) -> set[str]:
        """Every stored article id (content hash): workers skip these without asking the database."""
        return {row[0] for row in self.backend.stream("SELECT article_id FROM articles", size=10_000)}

    def _write_failures(self, failures: list[Failure], run_id: str | None) -> int:
        keyed = {failure_id(f): f for f in failures}
        new = [k for k in keyed if k not in self._existing("failures", "failure_id", list(keyed))]
        rows = [(k, keyed[k].source, keyed[k].line, keyed[k].reason, keyed[k].message, run_id) for k in new]
        self.backend.insert("failures", ("failure_id", "source", "line", "reason", "message", "run_id"), rows)
        return len(rows)

    # -- runs -----------------------------------------------------------------------------

    def start_run(self, sources: Sequence[str], prov: Provenance) -> str:
        run_id = uuid.uuid4().hex
        self.backend.execute(
            "INSERT INTO runs (run_id, started_at, coder_version, lexicon_hash, sources)"
            " VALUES (?, CURRENT_TIMESTAMP, ?, ?, ?)",
            (run_id, prov.coder_version, prov.lexicon_hash, "\n".join(sources)),
        )
        return run_id

    def finish_run(self, run_id: str, added: int, present: int, failures: int) -> None:
        self.backend.execute(
            "UPDATE runs SET finished_at = CURRENT_TIMESTAMP, articles_added = ?, articles_present = ?,"
            " failures = ? WHERE run_id = ?",
            (added, present, failures, run_id),
        )

    # -- stories --------------------------------------------------------------------------

    def rebuild_stories(self, full: bool = False) -> int:
        """Bring story events (tocsin.corpus.stories) up to date in one transaction; return how many there are.

        Stories never span two (event, actor codes, recipient codes) keys, so only the keys of
        articles written since the last rebuild (`story_backlog`) are clustered again: a rerun that
        adds nothing costs nothing, and one that adds a day's news reclusters only its keys. The
        result is the same as a full rebuild (`full=True`), which is used when most keys changed.
        """
        from tocsin.corpus.stories import STORY_COLUMNS, cluster

        self.backend.begin()
        try:
            self.backend.lock_writers()
            keys = None if full else self._backlog_keys()
            if keys is None:
                self.backend.execute("DELETE FROM story_mentions")
                self.backend.execute("DELETE FROM stories")
            elif keys:
                where, params = queries.story_key_filter("", keys)
                self.backend.execute(
                    f"DELETE FROM story_mentions WHERE story_id IN (SELECT story_id FROM stories WHERE {where})", params)
                self.backend.execute(f"DELETE FROM stories WHERE {where}", params)
            if keys is None or keys:
                stories, mentions = [], []
                for story in cluster(queries.mentions_for_dedup(self.backend, keys)):
                    stories.append(story.row())
                    mentions.extend((story.story_id, m.article_id, m.event_id) for m in story.mentions)
                    if len(stories) >= 5000:
                        self._flush_stories(STORY_COLUMNS, stories, mentions)
                self._flush_stories(STORY_COLUMNS, stories, mentions)
            self.backend.execute("DELETE FROM story_backlog")
            self.backend.commit()
        except BaseException:
            self.backend.rollback()
            raise
        return int(self.backend.fetchall("SELECT COUNT(*) FROM stories")[0][0])

    def _backlog_keys(self) -> list[str] | None:
        """Story keys of the articles in the backlog; None when a full rebuild is cheaper."""
        pending, total = self.backend.fetchall(
            "SELECT (SELECT COUNT(*) FROM story_backlog), (SELECT COUNT(*) FROM articles)")[0]
        if pending and pending >= total // 2:
            return None
        rows = self.backend.fetchall(
            f"SELECT DISTINCT {queries.story_key('e.')} FROM events e"
            " JOIN story_backlog b ON b.article_id = e.article_id")
        keys = sorted(r[0] for r in rows)
        return None if len(keys) > _MAX_KEYS else keys

    def _flush_stories(self, columns, stories: list, mentions: list) -> None:
        self.backend.insert("stories", columns, stories)
        self.backend.insert("story_mentions", ("story_id", "article_id", "event_id"), mentions)
        stories.clear()
        mentions.clear()

    # -- reads (see tocsin.store.queries) ---------------------------------------------------

    def events(self, **filters) -> list[dict]:
        return queries.events(self.backend, **filters)

    def stories(self, **filters) -> list[dict]:
        return queries.stories(self.backend, **filters)

    def dyad(self, a: str, b: str, by: str = "day") -> list[dict]:
        return queries.dyad(self.backend, a, b, by)

    def counts(self) -> dict[str, int]:
        return queries.counts(self.backend)
