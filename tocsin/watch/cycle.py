"""One watch cycle: poll the due sources side by side, store what is new, raise new alerts.

Sources are polled in threads, so one that fails or hangs (up to its timeout) holds up no
other. What they read is stored through the corpus ingest path, exactly as `tocsin ingest`
stores it; only then are the items remembered as seen and the sources' validators kept, so a
process killed at any point loses nothing (unremembered items are read again next time) and
doubles nothing (the store keys an article by the hash of its text).
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tocsin.alerts import table
from tocsin.alerts.evaluate import Alert, evaluate
from tocsin.alerts.rules import Rule
from tocsin.config import DEFAULT, Config
from tocsin.corpus.ingest import ingest
from tocsin.model import Article, Failure
from tocsin.store import Store
from tocsin.store.provenance import content_hash
from tocsin.watch.poll import HostGate, Polled, Validators, poll
from tocsin.watch.sources import Source
from tocsin.watch.state import SourceState, attempt_counts, next_state, remember, seen_keys, source_states, utcnow

MAX_ATTEMPTS = 3  # cycles an unreadable page is tried before it is recorded as a failure and left
MAX_THREADS = 8


@dataclass
class CycleReport:
    number: int
    polled: int = 0
    not_modified: int = 0
    failed: list[str] = field(default_factory=list)
    new_items: int = 0
    added: int = 0
    events: int = 0
    unreadable: int = 0  # pages, entries, dropped files or lines given up on (recorded in the failures table)
    alerts: int = 0
    seconds: float = 0.0
    backing_off: list[str] = field(default_factory=list)  # failing sources not polled: waiting out a backoff

    @property
    def every_source_failed(self) -> bool:
        """No source answered, and at least one failed now or is backing off from failures."""
        return self.polled == len(self.failed) and bool(self.failed or self.backing_off)

    def line(self) -> str:
        failed = f" ({', '.join(self.failed)})" if self.failed else ""
        waiting = f"; backing off: {', '.join(self.backing_off)}" if self.backing_off else ""
        return (f"tocsin watch: cycle {self.number}: {self.polled} source(s) polled,"
                f" {self.not_modified} not modified, {len(self.failed)} failed{failed}{waiting};"
                f" {self.new_items} new item(s), {self.added} article(s) added, {self.events} event(s),"
                f" {self.unreadable} page(s) unreadable; {self.alerts} alert(s) in {self.seconds:.2f} s")


class Watcher:
    def __init__(self, sources: list[Source], store: Store, rules: list[Rule], *, config: Config = DEFAULT,
                 allow_private: bool = False, workers: int = 1, once: bool = False,
                 on_alert: Callable[[Alert], None] = lambda alert: None, deliver_to: tuple[str, ...] = ()) -> None:
        self.sources = sources
        self.store = store
        self.rules = rules
        self.config = config
        self.allow_private = allow_private
        self.workers = workers
        self.once = once
        self.on_alert = on_alert
        self.deliver_to = deliver_to  # webhooks each new alert is owed to (tocsin.alerts.delivery)
        self.gate = HostGate()
        self.seen = seen_keys(store.backend)  # loaded once; kept up to date as items are stored
        self.attempts = attempt_counts(store.backend)  # kept in the store: a cron run (--once) counts too
        self.cycles = 0

    def cycle(self) -> CycleReport:
        started = time.perf_counter()
        self.cycles += 1
        report = CycleReport(self.cycles)
        now = utcnow()
        states = source_states(self.store.backend)
        due = [s for s in self.sources if self._due(states.get(s.name), now)]
        for source in self.sources:
            state = states.get(source.name)
            if source not in due and state is not None and state.failures:
                wait = max(0, round((state.next_due - now).total_seconds()))
                report.backing_off.append(f"{source.name} ({state.failures} failure(s), next try in {wait} s)")
        results = self._poll(due, states)
        report.polled = len(results)
        seen, failures, retry = self._store(results, report)
        new_states = {}
        for result in results:
            source, old = result.source, states.get(result.source.name, SourceState(Validators()))
            if result.error:
                report.failed.append(f"{source.name}: {result.error}")
            elif not result.modified:
                report.not_modified += 1
            # An answer whose items were not all read keeps the old validators: it is asked again in full.
            validators = result.validators if result.complete else old.validators
            new_states[source.name] = next_state(old, interval=source.interval, backoff_base=source.backoff_base,
                                                 backoff_max=source.backoff_max, error=result.error,
                                                 validators=validators, now=utcnow())
        if failures:
            self.store.write_rows([], failures, None)
        remember(self.store.backend, seen, new_states, retry)
        self.seen.update(key for key, _, _ in seen)
        for key, _, _ in seen:
            self.attempts.pop(key, None)
        if report.added or self.cycles == 1:
            report.alerts = self.raise_alerts()
        report.seconds = time.perf_counter() - started
        return report

    def _due(self, state: SourceState | None, now) -> bool:
        if state is None or state.next_due is None or state.next_due <= now:
            return True
        # Run from cron (--once), the schedule is cron's: only a failing source waits out its backoff.
        return self.once and not state.failures

    def raise_alerts(self) -> int:
        found = evaluate(self.store.backend, self.rules, fired=table.fired(self.store.backend))
        new = table.raise_new(self.store.backend, found, deliver_to=self.deliver_to)
        for alert in new:
            self.on_alert(alert)
        return len(new)

    def seconds_to_next(self) -> float:
        """Seconds until the next source is due (0 if one is due now)."""
        states = source_states(self.store.backend)
        now = utcnow()
        dues = [states[s.name].next_due if s.name in states and states[s.name].next_due else now
                for s in self.sources]
        return max(0.0, (min(dues) - now).total_seconds()) if dues else 60.0

    def _poll(self, due: list[Source], states: dict[str, SourceState]) -> list[Polled]:
        if not due:
            return []
        seen = frozenset(self.seen)  # read-only for the threads

        def one(source: Source) -> Polled:
            old = states.get(source.name, SourceState(Validators())).validators
            return poll(source, old, seen, self.gate, allow_private=self.allow_private)

        with ThreadPoolExecutor(max_workers=min(MAX_THREADS, len(due)), thread_name_prefix="tocsin-poll") as pool:
            return list(pool.map(one, due))

    def _store(self, results: list[Polled], report: CycleReport) -> tuple[list[tuple], list[Failure], list[tuple]]:
        """Ingest what the polls read; return the items to remember as seen, failures to record, and
        the pages to try again next cycle (key, source name, attempts, error)."""
        seen: list[tuple[str, str, str | None]] = []
        failures: list[Failure] = []
        retry: list[tuple[str, str, int, str]] = []
        taken: set[str] = set()
        with tempfile.TemporaryDirectory(prefix="tocsin-watch-") as tmp:
            inputs: list[str] = []
            for number, result in enumerate(results):
                name = result.source.name
                articles = [(item, a) for item, a in result.articles if item.key not in taken]
                taken.update(item.key for item, _ in articles)
                if articles:
                    path = Path(tmp) / f"{number:03d}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.jsonl"
                    _write_jsonl(path, [a for _, a in articles])
                    inputs.append(str(path))
                    seen += [(item.key, name, content_hash(a)) for item, a in articles]
                for item in result.files:
                    if item.key not in taken:
                        taken.add(item.key)
                        inputs.append(str(item.path))
                        seen.append((item.key, name, None))
                for item, failure in result.failures:
                    self.attempts[item.key] = self.attempts.get(item.key, 0) + 1
                    # An entry that has no text will not change; a page that will not load gets a few tries.
                    if item.url is None or item.article is not None or self.attempts[item.key] >= MAX_ATTEMPTS:
                        failures.append(failure)
                        seen.append((item.key, name, None))
                        report.unreadable += 1
                    else:
                        retry.append((item.key, name, self.attempts[item.key], failure.message))
            report.new_items = len(taken)
            if inputs:
                summary = ingest(inputs, store=self.store, config=self.config,
                                 allow_private=self.allow_private, workers=self.workers)
                report.added, report.events = summary.added, summary.events
                report.unreadable += summary.failures  # a dropped file or line that cannot be coded
        return seen, failures, retry


def _write_jsonl(path: Path, articles: list[Article]) -> None:
    with path.open("w", encoding="utf-8") as stream:
        for a in articles:
            record = {"id": a.id, "text": a.text, "title": a.title, "published": a.published, "url": a.url,
                      "outlet": a.outlet}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
