"""Score whole coded articles against mention-level gold (`tocsin eval GOLD.jsonl --articles A.jsonl`).

Gold: one event mention a line, as hand-coded real articles are (`article_id`, `sentence`,
`event_type`, `alt_types`, `source` [{text, code, ...}], `optional`, `negated`, `hypothetical`).
Predictions: the articles themselves (coded here, through the whole pipeline), or what `tocsin
code` printed for them (Documents, or one event a line).

How we count. A predicted event can code a gold mention when both come from the same article,
their sentences are the same (one contains the other once case and punctuation are set aside),
its type is the gold type or one of the gold's `alt_types`, and, when the gold gives actor
countries, one of the event's actor countries is among them. The matching is one-to-one, a
maximum matching per article that serves required mentions first, so one event never earns
credit twice. Recall is over required mentions (not optional, negated or hypothetical);
precision over the predicted events not flagged negation or hypothetical, a match with an
optional mention counting as correct.

The same matching without the actor condition gives the figures "ignoring actor codes"; on its
pairs, actor-code accuracy is the share of events whose actor country is one the gold gives.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tocsin.config import DEFAULT, Config
from tocsin.errors import InputNotFound, MalformedInput
from tocsin.events.evaluate import json_rows, unknown_label
from tocsin.events.ontology import ontology
from tocsin.model import Document, Event

# Auxiliary modes whose events make no claim that something happened; the old word is still read.
UNASSERTED = frozenset({"negation", "negated", "hypothetical"})


@dataclass(frozen=True)
class GoldMention:
    id: str
    article: str
    sentence: str
    types: tuple[str, ...]  # the gold type first, then the alternatives the manual allows
    codes: frozenset[str]  # actor countries; empty when the gold gives none
    actor: str  # the actors as written, for people reading errors
    required: bool

    @property
    def event(self) -> str:
        return self.types[0]


@dataclass(frozen=True)
class Predicted:
    article: str
    event: str
    sentence: str
    codes: frozenset[str]
    actor: str
    trigger: str
    unasserted: bool
    rule: str = ""


@dataclass
class Scores:
    found: int = 0  # required mentions matched
    required: int = 0
    correct: int = 0  # asserted predictions matched (to any mention)
    predicted: int = 0  # asserted predictions

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleReport:
    scores: Scores
    lenient: Scores  # ignoring actor codes
    per_article: dict[str, Scores]
    per_type: dict[str, Scores]
    codes_right: int = 0  # lenient pairs whose gold gives countries: the event's actor has one of them
    codes_missing: int = 0  # ... the event's actor has no country at all
    codes_judged: int = 0
    misses: list[tuple[GoldMention, list[Predicted]]] = field(default_factory=list)
    false_positives: list[Predicted] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def code_accuracy(self) -> float:
        return self.codes_right / self.codes_judged if self.codes_judged else 0.0


def _norm(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def is_mention_gold(path: str | Path) -> bool:
    """Is this gold file mention-level article gold (rather than one dyad a sentence)?"""
    for _, row in json_rows(Path(path)):
        return "article_id" in row and "event_type" in row
    return False


def _codes(parties) -> frozenset[str]:
    if isinstance(parties, dict):
        parties = [parties]
    return frozenset(p["code"] for p in parties or [] if isinstance(p, dict) and p.get("code"))


def _types(path: Path, line: int, labels: list[str], onto) -> tuple[str, ...]:
    """Today's PLOVER types of the gold labels (an older YIELD: CONCEDE or RETREAT), in order."""
    out: list[str] = []
    for label in labels:
        types = onto.gold_types(label)
        if not types:
            raise unknown_label(path, line, label, onto)
        out += [t for t in types if t not in out]
    return tuple(out)


def load_mentions(path: str | Path) -> list[GoldMention]:
    path = Path(path)
    onto = ontology()
    out = []
    for n, row in json_rows(path):
        try:
            labels = [str(row["event_type"]).strip().upper(),
                      *(str(t).strip().upper() for t in row.get("alt_types") or [])]
            mention = GoldMention(
                id=str(row.get("event_id") or f"{path.name}:{n}"), article=str(row["article_id"]),
                sentence=str(row["sentence"]),
                types=_types(path, n, labels, onto),
                codes=_codes(row.get("source")),
                actor="; ".join(str(p.get("text")) for p in row.get("source") or [] if isinstance(p, dict)),
                required=not (row.get("optional") or row.get("negated") or row.get("hypothetical")))
        except (KeyError, TypeError, AttributeError) as err:
            raise MalformedInput(f"{path}:{n}: not a gold event mention ({err!r})") from None
        out.append(mention)
    if not out:
        raise MalformedInput(f"{path}: no gold event mentions")
    return out


def predicted(event: Event | dict) -> Predicted:
    """A coded event (a model, or a line of `tocsin code --format jsonl`) as the scorer sees it."""
    if isinstance(event, dict):
        event = Event.model_validate(event)
    return Predicted(
        article=event.doc_id, event=event.event, sentence=event.text,
        codes=frozenset(a.code for a in event.actor if a.code),
        actor="; ".join(f"{a.text}={a.code or '?'}" for a in event.actor) or "-",
        trigger=event.event_text, unasserted=bool(UNASSERTED & set(event.auxiliary)), rule=event.rule or "")


def _coded(path: Path, config: Config, failures: list[str]) -> Iterable[Predicted]:
    from tocsin.ingest import read
    from tocsin.model import Failure
    from tocsin.pipeline import code_articles

    for item in code_articles(read(str(path), published=config.published), config):
        if isinstance(item, Failure):
            failures.append(f"{item.source}: {item.message}")
            continue
        yield from (predicted(e) for e in item.events)


def load_predictions(path: str | Path, config: Config = DEFAULT, failures: list[str] | None = None
                     ) -> list[Predicted]:
    """The events of an articles file, whatever it holds: articles (`id`, `text`), which are coded
    now; Documents as `tocsin code` prints them; or one event a line (`--format jsonl`)."""
    path = Path(path)
    failures = [] if failures is None else failures
    first = next(iter(json_rows(path)), (0, {}))[1]
    if "doc" in first and "events" in first:
        out = []
        for n, row in json_rows(path):
            try:
                out += [predicted(e) for e in Document.model_validate(row).events]
            except ValueError as err:
                raise MalformedInput(f"{path}:{n}: not a tocsin Document ({str(err).splitlines()[0]})") from None
        return out
    if "doc_id" in first and "event" in first:
        out = []
        for n, row in json_rows(path):
            try:
                out.append(predicted(row))
            except ValueError as err:
                raise MalformedInput(f"{path}:{n}: not a tocsin event ({str(err).splitlines()[0]})") from None
        return out
    if "text" in first:
        return list(_coded(path, config, failures))
    raise MalformedInput(f"{path}: neither articles (id, text), coded Documents nor events")


def _same_sentence(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and (a in b or b in a)


def _can_code(event: Predicted, gold: GoldMention, with_codes: bool) -> bool:
    if event.event not in gold.types or not _same_sentence(event.sentence, gold.sentence):
        return False
    return not with_codes or not gold.codes or bool(gold.codes & event.codes)


def one_to_one(gold: list[GoldMention], events: list[Predicted], fits: Callable,
              prefer: Callable | None = None) -> dict[int, int]:
    """A maximum one-to-one matching {gold index: event index} that serves gold in list order:
    augmenting paths never unmatch a gold mention, so the required ones, listed first, get the
    largest number of events they can (Kuhn's algorithm). Each mention tries first the events
    `prefer` likes."""
    edges = [[j for j, e in enumerate(events) if fits(e, g)] for g in gold]
    if prefer is not None:
        edges = [sorted(js, key=lambda j, g=g: not prefer(events[j], g)) for js, g in zip(edges, gold)]
    owner: dict[int, int] = {}  # event -> gold

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def score_articles(gold: list[GoldMention], events: Iterable[Predicted]) -> ArticleReport:
    articles = {g.article for g in gold}
    by_article: dict[str, list[Predicted]] = defaultdict(list)
    for e in events:
        if e.article in articles and not e.unasserted:
            by_article[e.article].append(e)
    report = ArticleReport(scores=Scores(), lenient=Scores(), per_article={}, per_type=defaultdict(Scores))
    for art in sorted(articles):
        mentions = sorted((g for g in gold if g.article == art), key=lambda g: not g.required)
        plain = by_article[art]
        pairs = one_to_one(mentions, plain, lambda e, g: _can_code(e, g, True))
        loose = one_to_one(mentions, plain, lambda e, g: _can_code(e, g, False),
                          prefer=lambda e, g: _can_code(e, g, True))
        here = report.per_article[art] = Scores(required=sum(g.required for g in mentions), predicted=len(plain))
        here.found = sum(1 for i in pairs if mentions[i].required)
        here.correct = len(pairs)
        for total, matched in ((report.scores, pairs), (report.lenient, loose)):
            total.required += here.required
            total.predicted += len(plain)
            total.found += sum(1 for i in matched if mentions[i].required)
            total.correct += len(matched)
        for i, g in enumerate(mentions):
            if g.required:
                report.per_type[g.event].required += 1
                report.per_type[g.event].found += i in pairs
        matched_events = set(pairs.values())
        for j, e in enumerate(plain):
            report.per_type[e.event].predicted += 1
            report.per_type[e.event].correct += j in matched_events
        for i, j in loose.items():
            if mentions[i].codes:
                report.codes_judged += 1
                report.codes_right += bool(mentions[i].codes & plain[j].codes)
                report.codes_missing += not plain[j].codes
        report.misses += [(g, [e for e in plain if _same_sentence(e.sentence, g.sentence)])
                          for i, g in enumerate(mentions) if g.required and i not in pairs]
        report.false_positives += [e for j, e in enumerate(plain) if j not in matched_events]
    report.per_type = dict(report.per_type)
    return report


def evaluate_articles(gold_paths: list[Path], article_paths: list[Path], config: Config = DEFAULT) -> ArticleReport:
    gold = [m for p in gold_paths for m in load_mentions(p)]
    failures: list[str] = []
    events = [e for p in article_paths for e in load_predictions(p, config, failures)]
    report = score_articles(gold, events)
    report.failures = failures
    return report


def articles_beside(gold_path: Path) -> Path:
    """The articles of `x.gold.jsonl`: `x.articles.jsonl` in the same folder."""
    name = gold_path.name
    if ".gold." in name:
        candidate = gold_path.with_name(name.replace(".gold.", ".articles.", 1))
        if candidate.is_file():
            return candidate
    raise InputNotFound(f"{gold_path} holds article gold: give the articles with --articles FILE")


def format_article_report(report: ArticleReport) -> str:
    lines = [f"{'article':<48} {'recall':>9} {'asserted':>9}"]
    for art, s in report.per_article.items():
        lines.append(f"{art[:48]:<48} {s.found:>4}/{s.required:<4} {s.predicted:>9}")
    lines += ["", f"{'type':<10} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>5} {'pred':>5}"]
    for kind, s in sorted(report.per_type.items()):
        lines.append(f"{kind:<10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.required:5d} {s.predicted:5d}")
    lines += ["gold: a type's required mentions; rec: those coded by an event of the type or of an alternative",
              "the gold allows; prec: the type's asserted events that coded a mention (optional ones, alternatives too)"]
    s, loose = report.scores, report.lenient
    lines += [
        "",
        f"articles: recall {s.recall:.3f} precision {s.precision:.3f} F1 {s.f1:.3f} "
        f"(required {s.required}, found {s.found}, predicted {s.predicted}, correct {s.correct})",
        f"ignoring actor codes: recall {loose.recall:.3f} precision {loose.precision:.3f} F1 {loose.f1:.3f}",
        f"actor-code accuracy: {report.code_accuracy:.3f} ({report.codes_right} of {report.codes_judged} events "
        f"matched ignoring codes whose gold gives countries; {report.codes_missing} with no country)",
    ]
    if report.failures:
        lines.append(f"articles not coded: {len(report.failures)}")
    return "\n".join(lines)


def article_errors(report: ArticleReport, limit: int = 50) -> list[str]:
    """The required mentions missed and the events matching none, with their sentences."""
    out = [f"missed (required gold mentions not found): {len(report.misses)}"]
    for g, there in report.misses[:limit]:
        nearby = ", ".join(f"{e.event}[{e.actor}] '{e.trigger}'" for e in there) or "nothing"
        out.append(f"  {g.id}\t{'/'.join(g.types)}\tactor {g.actor or '-'} {sorted(g.codes) or ''}\t"
                   f"predicted there: {nearby}\n      {g.sentence[:240]}")
    out.append(f"false positives (events matching no gold mention): {len(report.false_positives)}")
    for e in report.false_positives[:limit]:
        out.append(f"  {e.article}\t{e.event}\tactor {e.actor}\t'{e.trigger}'\t{e.rule[:120]}\n"
                   f"      {e.sentence[:240]}")
    out.extend(f"not coded: {f}" for f in report.failures)
    return out
