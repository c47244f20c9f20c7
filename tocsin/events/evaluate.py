"""Score the event coder on gold dyads (`tocsin eval GOLD.jsonl`).

Gold format (one JSON object a line, as in PLOVER's expert-coded sets): `text`, `source`,
`target`, `event` (PLOVER root; YIELD = CONCEDE or RETREAT), optional `marked` (the text with
<s>source</s> and <t>target</t> tags, giving exact offsets), `sentence_id`, `quad`. Several
dyads may share one sentence.

How we count. Each distinct sentence is coded once as a one-sentence document (parsed in
batches), through the actors stage and the events stage as in the pipeline. For each gold dyad
we look for the predicted events of its sentence whose actor text overlaps the gold source and
whose recipient text overlaps the gold target (with a compound actor, as in a reciprocal CONSULT
where every party is in `actor`, another party of the actor may overlap the target). Failing
that, an event with one side empty may match on the other side alone. Among matches the most
confident wins; no match counts as the prediction "NONE". The prediction's type (CONCEDE and
RETREAT mapped to YIELD, imposed sanctions to COERCE: plover.yaml `legacy`, `legacy_modes`) is then
compared with the gold root (a gold label of today's PLOVER mapped the same way: CONCEDE and
RETREAT are YIELD; a label that is no PLOVER type nor root is an error naming its line):
per-type precision = correct / dyads predicted as that type, recall = correct / gold dyads of
that type, F1 their harmonic mean; macro-F1 is the mean F1 over the roots present in the gold (a
root no gold dyad has would score 0 whatever the coder does). Predicted events that
match no gold dyad are reported as a count, not scored (gold sets code one dyad per sentence and
leave other events uncoded).

The strict figures. A one-sided match hides argument errors (an event whose recipient is wrong
or missing still scores when its actor is right), so the report adds a strict line, with
matching that needs BOTH sides: the event's actor overlaps the gold source AND its recipient (or
another party of a compound actor) overlaps the gold target. A gold dyad with only one side
findable in its text (no `target`, say) needs that side only; one with neither is never matched.
- strict share: the share of gold dyads whose strictly matched event (the most confident) is of
  the gold type, i.e. the accuracy under strict matching;
- strict macro-F1: the macro-F1 above, computed with the strict predictions.
The gap between the lenient and the strict figures measures argument errors.

Actor codes. For each matched dyad, the event's actor that overlaps the gold source is read: the
report gives the share of them coded with a country, and, where the gold gives the source's
country (`source_code`, optional), the share coded with that country (actor-code accuracy).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tocsin.config import DEFAULT, Config
from tocsin.errors import InputNotFound, MalformedInput
from tocsin.events.ontology import ontology
from tocsin.model import DocMeta, Document, Event

NONE = "NONE"


@dataclass
class GoldDyad:
    text: str
    event: str
    source: str
    target: str
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    sentence_id: str
    line: int
    source_code: str | None = None


@dataclass
class Result:
    gold: GoldDyad
    predicted: str
    event: Event | None


@dataclass
class Report:
    results: list[Result]
    roots: tuple[str, ...]
    unmatched_predictions: int = 0
    per_type: dict[str, dict[str, float]] = field(default_factory=dict)
    macro_f1: float = 0.0
    macro_roots: int = 0  # the roots macro-F1 averages over: those the gold holds
    accuracy: float = 0.0
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    strict: Report | None = None  # the same scores with matching that needs both sides right
    actor_coded: tuple[int, int] = (0, 0)  # matched dyads whose source is coded with a country, of all matched
    actor_codes_right: tuple[int, int] = (0, 0)  # ... coded with the gold's country, of those the gold gives


def _spans_from_marked(marked: str) -> tuple[dict[str, tuple[int, int]], str]:
    """Offsets of <s>...</s> and <t>...</t> in the untagged text."""
    spans: dict[str, tuple[int, int]] = {}
    out, pos, opened = [], 0, {}
    for m in re.finditer(r"</?([st])>|[^<]+|<", marked):
        tag = m.group(1)
        if tag is None:
            out.append(m.group(0))
            pos += len(m.group(0))
        elif m.group(0).startswith("</"):
            if tag in opened and tag not in spans:
                spans[tag] = (opened[tag], pos)
        else:
            opened.setdefault(tag, pos)
    return spans, "".join(out)


def _find(text: str, phrase: str) -> tuple[int, int] | None:
    if not phrase:
        return None
    at = text.find(phrase.strip())
    return (at, at + len(phrase.strip())) if at >= 0 else None


def json_rows(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) of each non-blank line of a JSON Lines file; a bad line is a typed error."""
    if not path.is_file():
        raise InputNotFound(f"no such file: {path}")
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise MalformedInput(f"{path}:{n}: not UTF-8 text") from None
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise MalformedInput(f"{path}:{n}: not JSON ({err})") from None
            if not isinstance(row, dict):
                raise MalformedInput(f"{path}:{n}: expected a JSON object")
            yield n, row


def unknown_label(path: Path, line: int, label: str, onto) -> MalformedInput:
    """A gold label that is no PLOVER type nor an older root: an error, not a dyad no coder can get right."""
    known = sorted({*onto.types, *onto.eval_roots})
    return MalformedInput(f"{path}:{line}: unknown event label {label!r} (known: {', '.join(known)})")


def load_gold(path: str | Path) -> list[GoldDyad]:
    path = Path(path)
    onto = ontology()
    out: list[GoldDyad] = []
    for n, row in json_rows(path):
        try:
            text, label = row["text"], str(row["event"]).strip().upper()
        except (KeyError, TypeError) as err:
            raise MalformedInput(f"{path}:{n}: not a gold dyad ({err})") from None
        # Scored as a root of the older gold sets: a gold CONCEDE or RETREAT is the YIELD the coder's
        # CONCEDE and RETREAT are scored as.
        event = onto.gold_root(label)
        if event is None:
            raise unknown_label(path, n, label, onto)
        source, target = row.get("source") or "", row.get("target") or ""
        s_span = t_span = None
        if row.get("marked"):
            spans, plain = _spans_from_marked(row["marked"])
            if plain.strip() == text.strip():
                s_span, t_span = spans.get("s"), spans.get("t")
        s_span = s_span or _find(text, source)
        t_span = t_span or _find(text, target)
        out.append(GoldDyad(text=text, event=event, source=source, target=target, source_span=s_span,
                            target_span=t_span, sentence_id=str(row.get("sentence_id") or row.get("id") or n),
                            line=n, source_code=row.get("source_code") or None))
    if not out:
        raise MalformedInput(f"{path}: no gold dyads")
    return out


def _overlaps(actors, span) -> bool:
    if span is None:
        return False
    return any(a.start is not None and a.start < span[1] and span[0] < a.end for a in actors)


def match(gold: GoldDyad, events: list[Event], strict: bool = False) -> Event | None:
    """The predicted event that codes this gold dyad, by actor/recipient text overlap.

    `strict`: only an event with both sides right (or the one side the gold dyad has) matches.
    """
    best, best_key = None, None
    for ev in events:
        src = _overlaps(ev.actor, gold.source_span)
        # Parties of a compound actor form dyads among themselves ("Kuwait and its allies agreed").
        partners = [a for a in ev.actor if not _overlaps([a], gold.source_span)]
        tgt = _overlaps(ev.recipient, gold.target_span) or (len(ev.actor) > 1 and _overlaps(partners, gold.target_span))
        if strict:
            wanted = [side for side, span in ((src, gold.source_span), (tgt, gold.target_span)) if span is not None]
            if not wanted or not all(wanted):
                continue
            tier = 2
        elif (src or tgt) and (src or gold.source_span is None) and (tgt or gold.target_span is None):
            tier = 2  # both sides right, or the one side the gold dyad has: never harsher than strict
        elif (src and not ev.recipient) or (tgt and not ev.actor):
            tier = 1
        else:
            continue
        key = (tier, ev.confidence)
        if best_key is None or key > best_key:
            best, best_key = ev, key
    return best


def code_sentences(texts: list[str], config: Config = DEFAULT) -> list[list[Event]]:
    """Code each text as a one-sentence document (parsed in batches); its events, in order.

    The actors stage runs first, as in the pipeline: events code their actors from its entities
    (and split a shared head, "US and Afghan forces", by them)."""
    from tocsin import actors, nlp
    from tocsin.events import annotate

    out = []
    with nlp.memory_zone():
        for n, parsed in enumerate(nlp.parse_many(texts)):
            document = Document(doc=DocMeta(id=f"gold{n}"), text=parsed.text)
            actors.annotate(document, parsed, config)
            annotate(document, parsed, config)
            out.append(document.events)
    return out


def score(results: list[Result], roots: tuple[str, ...]) -> Report:
    """Per-type scores over `roots`; macro-F1 is their mean over the roots the gold holds (a type
    absent from the gold has no recall to measure, and would only pull the mean down)."""
    report = Report(results=results, roots=roots)
    pairs = [(r.gold.event, r.predicted) for r in results]
    report.confusion = dict(Counter(pairs))
    f1s = []
    for root in roots:
        tp = sum(1 for g, p in pairs if g == root and p == root)
        predicted = sum(1 for _, p in pairs if p == root)
        gold = sum(1 for g, _ in pairs if g == root)
        precision = tp / predicted if predicted else 0.0
        recall = tp / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report.per_type[root] = {"precision": precision, "recall": recall, "f1": f1, "support": gold,
                                 "predicted": predicted}
        if gold:
            f1s.append(f1)
    report.macro_roots = len(f1s)
    report.macro_f1 = sum(f1s) / len(f1s) if f1s else 0.0
    report.accuracy = sum(1 for g, p in pairs if g == p) / len(pairs) if pairs else 0.0
    return report


def _source_code(gold: GoldDyad, ev: Event) -> str | None:
    """The country of the event's actor that stands for the gold source."""
    party = next((a for a in ev.actor if _overlaps([a], gold.source_span)), None)
    if party is None and len(ev.actor) == 1:
        party = ev.actor[0]
    return party.code if party is not None else None


def _actor_codes(results: list[Result]) -> tuple[tuple[int, int], tuple[int, int]]:
    matched = [(r.gold, _source_code(r.gold, r.event)) for r in results if r.event is not None]
    judged = [(g, code) for g, code in matched if g.source_code]
    return ((sum(1 for _, code in matched if code), len(matched)),
            (sum(1 for g, code in judged if code == g.source_code), len(judged)))


def _root(onto, ev: Event | None) -> str:
    return onto.root(ev.event, ev.mode[0] if ev.mode else None) if ev is not None else NONE


def evaluate(paths: str | Path | list, config: Config = DEFAULT) -> Report:
    onto = ontology()
    dyads = [d for path in ([paths] if isinstance(paths, (str, Path)) else paths) for d in load_gold(path)]
    sentences: dict[str, int] = {}
    for d in dyads:
        sentences.setdefault(d.text, len(sentences))
    coded = code_sentences(list(sentences), config)
    results, strict, used = [], [], set()
    for d in dyads:
        events = coded[sentences[d.text]]
        ev = match(d, events)
        if ev is not None:
            used.add((sentences[d.text], ev.id))
        results.append(Result(gold=d, predicted=_root(onto, ev), event=ev))
        ev = match(d, events, strict=True)
        strict.append(Result(gold=d, predicted=_root(onto, ev), event=ev))
    report = score(results, onto.eval_roots)
    report.unmatched_predictions = sum(len(evs) for evs in coded) - len(used)
    report.strict = score(strict, onto.eval_roots)
    report.actor_coded, report.actor_codes_right = _actor_codes(results)
    return report


def format_report(report: Report) -> str:
    lines = [f"{'type':<10} {'prec':>6} {'rec':>6} {'f1':>6} {'gold':>5} {'pred':>5}"]
    for root in report.roots:
        m = report.per_type[root]
        lines.append(f"{root:<10} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
                     f"{m['support']:5d} {m['predicted']:5d}")
    n = len(report.results)
    missed = sum(1 for r in report.results if r.predicted == NONE)
    lines.append("")
    lines.append(f"macro-F1 over the {report.macro_roots} roots in the gold: {report.macro_f1:.3f}")
    lines.append(f"accuracy: {report.accuracy:.3f} ({n} gold dyads, {missed} with no matching event)")
    if report.strict is not None:
        lines.append(f"strict (actor AND recipient right): {report.strict.accuracy:.3f} of gold dyads matched "
                     f"with the gold type, macro-F1 {report.strict.macro_f1:.3f}")
    lines.append(f"predicted events matching no gold dyad: {report.unmatched_predictions}")
    coded, matched = report.actor_coded
    right, judged = report.actor_codes_right
    lines.append(f"actor codes: {coded} of {matched} matched dyads have a source coded with a country"
                 f" ({coded / matched if matched else 0:.3f}); " + (
                     f"actor-code accuracy {right / judged:.3f} ({right} of {judged} the gold codes)" if judged
                     else "the gold gives no source_code to judge accuracy"))
    lines.append("")
    cols = list(report.roots) + [NONE]
    short = [c[:4] for c in cols]
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(f"{'':<10}" + "".join(f"{s:>5}" for s in short))
    for g in report.roots:
        row = [report.confusion.get((g, p), 0) for p in cols]
        lines.append(f"{g:<10}" + "".join(f"{v:>5}" if v else f"{'.':>5}" for v in row))
    return "\n".join(lines)


def errors(report: Report, limit: int = 50) -> list[str]:
    """Misclassified dyads, for people tuning the lexicon."""
    out = []
    by = defaultdict(list)
    for r in report.results:
        if r.predicted != r.gold.event:
            by[r.gold.event].append(r)
    for root, rs in sorted(by.items()):
        for r in rs[:limit]:
            rule = r.event.rule if r.event else ""
            out.append(f"{root}->{r.predicted}\t{r.gold.source} | {r.gold.target}\t{r.gold.text[:160]}\t{rule}")
    return out
