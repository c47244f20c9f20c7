"""The Store: idempotent batch writes, runs, failures and the rebuild of story events."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tocsin.model import Document, Failure
from tocsin.store import queries
from tocsin.store.backends import Backend
from tocsin.store.provenance import failure_id
from tocsin.store.rows import COLUMNS, DOCUMENT_TABLES, Provenance, document_rows

_IN_CHUNK = 500  # keys per IN (...) list


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
        """Store a batch in one transaction; articles and failures already stored are skipped."""
        coded, failures = list(coded), list(failures)
        result = BatchResult()
        self.backend.begin()
        try:
            self.backend.lock_writers()
            present = self.existing([c.article_id for c in coded])
            tables: dict[str, list] = {t: [] for t in DOCUMENT_TABLES}
            for item in coded:
                if item.article_id in present:
                    result.present += 1
                    continue
                present.add(item.article_id)  # a copy later in the same batch is present too
                for table, rows in document_rows(item.document, item.article_id, item.source, prov).items():
                    tables[table].extend(rows)
                result.added += 1
                result.events += len(item.document.events)
            for table in DOCUMENT_TABLES:
                self.backend.insert(table, COLUMNS[table], tables[table])
            result.failures = self._write_failures(failures, prov.run_id)
            self.backend.commit()
        except BaseException:
            self.backend.rollback()
            raise
        return result

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

    def rebuild_stories(self) -> int:
        """Merge event mentions of several articles into story events (tocsin.dedup); one transaction."""
        from tocsin.dedup import STORY_COLUMNS, cluster

        self.backend.begin()
        try:
            self.backend.lock_writers()
            self.backend.execute("DELETE FROM story_mentions")
            self.backend.execute("DELETE FROM stories")
            stories, mentions, count = [], [], 0
            for story in cluster(queries.mentions_for_dedup(self.backend)):
                stories.append(story.row())
                mentions.extend((story.story_id, m.article_id, m.event_id) for m in story.mentions)
                count += 1
                if len(stories) >= 5000:
                    self._flush_stories(STORY_COLUMNS, stories, mentions)
            self._flush_stories(STORY_COLUMNS, stories, mentions)
            self.backend.commit()
        except BaseException:
            self.backend.rollback()
            raise
        return count

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
