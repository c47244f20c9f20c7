"""Lexicon coverage guard: the event coder on an invented, held-out-style gold set.

`tests/fixtures/events/generalisation.jsonl` holds invented news sentences (same format as
PLOVER's expert-coded dyads) spread over many verbs, phrasal verbs, light-verb nouns, passives,
nominal triggers and reported speech for each of the 15 PLOVER roots. The floors sit a little
below the scores reached (macro-F1 about 0.95 when written) so that a lexicon or coder change that
loses coverage fails here instead of silently.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tocsin.events.evaluate import evaluate, load_gold
from tocsin.events.ontology import ontology

FIXTURE = Path(__file__).parent / "fixtures" / "events" / "generalisation.jsonl"
MACRO_F1_FLOOR = 0.90
ROOT_F1_FLOOR = 0.70


@pytest.fixture(scope="module")
def report():
    return evaluate(FIXTURE)


def test_fixture_covers_every_root_with_distinct_sentences():
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = Counter(row["event"] for row in rows)
    assert set(counts) == set(ontology().eval_roots)
    assert min(counts.values()) >= 8, counts
    assert len({row["text"] for row in rows}) == len(rows), "a sentence appears twice"
    # Source and target must be found in the text, or the dyad can never be matched.
    for dyad in load_gold(FIXTURE):
        assert dyad.source_span is not None, dyad.text
        assert dyad.target_span is not None or not dyad.target, dyad.text


def test_macro_f1_stays_above_floor(report):
    assert report.macro_f1 >= MACRO_F1_FLOOR, _summary(report)


@pytest.mark.parametrize("root", ontology().eval_roots)
def test_every_root_is_found(report, root):
    scores = report.per_type[root]
    assert scores["recall"] > 0, _summary(report)
    assert scores["f1"] >= ROOT_F1_FLOOR, f"{root}: {scores}\n{_summary(report)}"


def _summary(report) -> str:
    """The misses, so a failure says which constructions were lost."""
    lines = [f"macro-F1 {report.macro_f1:.3f}"]
    for r in report.results:
        if r.predicted != r.gold.event:
            lines.append(f"{r.gold.event} -> {r.predicted}: {r.gold.text}")
    return "\n".join(lines)
