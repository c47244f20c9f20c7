"""`tocsin eval`: scoring the coder on gold dyads matched by actor/recipient text overlap."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

from tocsin.cli import main
from tocsin.errors import MalformedInput
from tocsin.events.evaluate import NONE, Result, evaluate, load_gold, match, score
from tocsin.model import Event, EventActor

GOLD = [
    {"text": "Rebels attacked a police station in the north.", "source": "Rebels", "target": "a police station",
     "event": "ASSAULT", "quad": 4, "sentence_id": "s1",
     "marked": "<s>Rebels</s> attacked <t>a police station</t> in the north."},
    {"text": "The military junta released 40 political prisoners on Tuesday.", "source": "The military junta",
     "target": "40 political prisoners", "event": "YIELD", "quad": 2, "sentence_id": "s2"},
    {"text": "The Kenyan foreign ministry condemned the Somali government.", "source": "The Kenyan foreign ministry",
     "target": "the Somali government", "event": "ACCUSE", "quad": 3, "sentence_id": "s3"},
    # A dyad the coder has no reading for: it must count as a miss (NONE), not vanish.
    {"text": "The cabinet mulled the budget over lunch with the governor.", "source": "The cabinet",
     "target": "the governor", "event": "CONSULT", "quad": 1, "sentence_id": "s4"},
]


@pytest.fixture
def gold_file(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in GOLD) + "\n", encoding="utf-8")
    return path


def test_eval_scores_each_dyad_and_maps_concede_to_yield(gold_file):
    report = evaluate(gold_file)
    predicted = {r.gold.sentence_id: r.predicted for r in report.results}
    assert predicted == {"s1": "ASSAULT", "s2": "YIELD", "s3": "ACCUSE", "s4": NONE}
    assert report.per_type["ASSAULT"]["f1"] == 1.0
    assert report.per_type["CONSULT"]["recall"] == 0.0
    assert report.accuracy == 0.75
    # macro-F1 is the mean over the 4 roots the gold holds (ASSAULT, YIELD, ACCUSE right; CONSULT missed)
    assert report.macro_roots == 4 and report.macro_f1 == pytest.approx(3 / 4)


def test_eval_command_prints_table_macro_f1_and_confusion(gold_file):
    result = CliRunner().invoke(main, ["eval", str(gold_file)])
    assert result.exit_code == 0, result.output
    assert "macro-F1 over the 4 roots in the gold: 0.750" in result.output
    assert "confusion" in result.output
    assert any(line.startswith("ASSAULT") and "1.000" in line for line in result.output.splitlines())


def test_eval_command_takes_a_user_lexicon(gold_file, tmp_path):
    extra = tmp_path / "mull.yaml"
    extra.write_text("event: CONSULT\nentries:\n  - verb: mull\n    prep: [with]\n    reciprocal: true\n"
                     "    recipient_preps: [with]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold_file), "--lexicon", str(extra)])
    assert result.exit_code == 0, result.output
    assert "macro-F1 over the 4 roots in the gold: 1.000" in result.output


def test_marked_text_gives_exact_offsets(gold_file):
    dyad = load_gold(gold_file)[0]
    assert dyad.source_span == (0, 6) and dyad.target_span == (16, 32)


def test_malformed_gold_line_is_a_typed_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "no event field"}\n', encoding="utf-8")
    with pytest.raises(MalformedInput):
        load_gold(path)


def test_gold_concede_and_retreat_are_scored_as_yield(tmp_path):
    path = tmp_path / "today.jsonl"
    rows = [dict(GOLD[1], event="CONCEDE"),
            {"text": "Government forces withdrew from the border town of Ruvo on Sunday.",
             "source": "Government forces", "target": "", "event": "retreat", "sentence_id": "r1"}]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    assert [d.event for d in load_gold(path)] == ["YIELD", "YIELD"]
    report = evaluate(path)
    assert [r.predicted for r in report.results] == ["YIELD", "YIELD"]
    assert report.per_type["YIELD"]["recall"] == 1.0 and report.macro_f1 == 1.0


def test_macro_f1_leaves_out_the_roots_absent_from_the_gold(gold_file):
    dyads = load_gold(gold_file)
    # a wrong ASSAULT for the ACCUSE: ASSAULT F1 2/3, ACCUSE 0; SANCTION has no gold and is left out
    report = score([Result(gold=dyads[0], predicted="ASSAULT", event=None),
                    Result(gold=dyads[2], predicted="ASSAULT", event=None)], ("ASSAULT", "ACCUSE", "SANCTION"))
    assert report.macro_roots == 2 and report.macro_f1 == pytest.approx((2 / 3) / 2)


@pytest.mark.parametrize("label", ["ATTACK", "YEILD", ""])
def test_an_unknown_gold_label_is_one_line_naming_it_and_its_line(tmp_path, label):
    path = tmp_path / "typo.jsonl"
    rows = [GOLD[0], dict(GOLD[2], event=label)]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and f"typo.jsonl:2: unknown event label '{label}'" in lines[0]


def _event(actor, recipient, kind="ASSAULT", confidence=0.5):
    def people(spans):
        return [EventActor(text="x", start=s, end=e) for s, e in spans]
    return Event(id="e", doc_id="d", event=kind, actor=people(actor), recipient=people(recipient),
                 text="t", span=(0, 1), event_text="t", confidence=confidence)


def test_match_needs_overlap_on_both_sides_or_an_empty_side(gold_file):
    dyad = load_gold(gold_file)[0]  # source (0, 6), target (16, 32)
    assert match(dyad, [_event([(40, 45)], [(16, 20)])]) is None  # wrong actor
    both = _event([(0, 6)], [(18, 25)], "ASSAULT", 0.4)
    one_side = _event([(0, 6)], [], "COERCE", 0.9)
    assert match(dyad, [one_side, both]) is both  # full matches beat one-sided ones
    assert match(dyad, [one_side]) is one_side
    reciprocal = _event([(0, 6), (16, 32)], [], "CONSULT")
    assert match(dyad, [reciprocal]) is reciprocal


def test_the_lenient_match_is_never_harsher_than_the_strict_one(gold_file):
    dyad = load_gold(gold_file)[0]  # source (0, 6), target (16, 32)
    # a gold target the text does not hold: the actor alone decides, whatever recipient was coded
    no_target = replace(dyad, target="a recipient", target_span=None)
    coded = _event([(0, 6)], [(40, 45)], "ASSAULT")
    assert match(no_target, [coded], strict=True) is coded
    assert match(no_target, [coded]) is coded
    assert match(no_target, [_event([(40, 45)], [(16, 20)])]) is None  # the actor must still be right
    assert match(replace(dyad, source_span=None, target_span=None), [coded]) is None  # no side to judge


def test_score_counts_misses_against_recall_only(gold_file):
    dyads = load_gold(gold_file)
    report = score([Result(gold=dyads[0], predicted="ASSAULT", event=None),
                    Result(gold=dyads[2], predicted="ASSAULT", event=None),
                    Result(gold=dyads[3], predicted=NONE, event=None)], ("ASSAULT", "ACCUSE", "CONSULT"))
    assert report.per_type["ASSAULT"]["precision"] == 0.5
    assert report.per_type["ACCUSE"]["recall"] == 0.0
    assert report.per_type["CONSULT"]["predicted"] == 0


# --- the strict figure: both sides must be right

ONE_SIDED = [
    # The coder finds the attackers but no recipient: the lenient match takes it on the actor alone.
    {"text": "Government troops attacked overnight, the mayor of Kalema said.", "source": "Government troops",
     "target": "the mayor of Kalema", "event": "ASSAULT", "sentence_id": "o1"},
    {"text": "Rebels attacked a police station in the north.", "source": "Rebels", "target": "a police station",
     "event": "ASSAULT", "sentence_id": "o2"},
]


def test_strict_match_needs_both_sides_or_the_only_side_the_gold_has(gold_file):
    dyad = load_gold(gold_file)[0]  # source (0, 6), target (16, 32)
    one_side = _event([(0, 6)], [], "COERCE", 0.9)
    both = _event([(0, 6)], [(18, 25)], "ASSAULT", 0.4)
    assert match(dyad, [one_side], strict=True) is None
    assert match(dyad, [one_side, both], strict=True) is both
    assert match(dyad, [_event([(0, 6), (16, 32)], [], "CONSULT")], strict=True) is not None  # compound actor
    no_target = replace(dyad, target="", target_span=None)
    assert match(no_target, [one_side], strict=True) is one_side
    neither = replace(dyad, source_span=None, target_span=None)
    assert match(neither, [both], strict=True) is None


def test_strict_figures_count_one_sided_matches_as_misses(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in ONE_SIDED) + "\n", encoding="utf-8")
    report = evaluate(path)
    assert [r.predicted for r in report.results] == ["ASSAULT", "ASSAULT"]
    assert [r.predicted for r in report.strict.results] == [NONE, "ASSAULT"]
    assert report.accuracy == 1.0 and report.strict.accuracy == 0.5
    # ASSAULT: precision 1, recall 1/2 -> F1 2/3 under strict matching; the only root in the gold
    assert report.macro_f1 == pytest.approx(1.0)
    assert report.strict.macro_f1 == pytest.approx(2 / 3)
    output = CliRunner().invoke(main, ["eval", str(path)]).output
    assert "strict (actor AND recipient right): 0.500 of gold dyads" in output
    assert "macro-F1 0.667" in output


# --- whole articles against mention-level gold

ARTICLE = {
    "id": "andes-1", "published": "2026-03-04", "title": "Border clash",
    "text": "Peruvian troops shelled the Chilean town of Arica on Tuesday.\n\n"
            "Jets bombed a bridge near Tacna on Wednesday, Chilean officials said.\n\n"
            "Chile's foreign ministry condemned the attacks and summoned the Peruvian ambassador.\n\n"
            "Chile did not attack Peruvian positions, the ministry said.\n\n"
            "Peruvian President Ana Soto met Chilean President Luis Vera in Geneva on Wednesday.",
}


def _mention(n, sentence, kind, codes=(), **flags):
    return {"event_id": f"andes-1#{n:03d}", "article_id": "andes-1", "sentence": sentence, "event_type": kind,
            "source": [{"text": c, "code": c, "sector": None, "code_full": c, "from_context": False} for c in codes],
            "target": [], "optional": False, "negated": False, "hypothetical": False, "alt_types": [], **flags}


S = [line for line in ARTICLE["text"].split("\n") if line]
MENTIONS = [
    _mention(1, S[0], "ASSAULT", ["PER"]),
    # The same sentence coded twice in the gold: one event cannot earn both (one-to-one).
    _mention(2, S[0], "ASSAULT", ["PER"]),
    _mention(3, S[1], "ASSAULT"),  # no actor in the gold: any actor will do
    _mention(4, S[2], "ACCUSE", ["CHL"]),
    _mention(5, S[2], "REJECT", ["CHL"], alt_types=["ACCUSE"], optional=True),
    _mention(6, S[3], "ASSAULT", ["CHL"], negated=True),
    _mention(7, S[4], "CONSULT", ["PER", "CHL"]),
]


@pytest.fixture(scope="module")
def andes(tmp_path_factory):
    root = tmp_path_factory.mktemp("andes")
    (root / "andes.articles.jsonl").write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    (root / "andes.gold.jsonl").write_text("\n".join(json.dumps(m) for m in MENTIONS) + "\n", encoding="utf-8")
    return root


def test_an_invented_article_is_coded_and_scored_end_to_end(andes):
    result = CliRunner().invoke(main, ["eval", str(andes / "andes.gold.jsonl"), "--errors", "5"])
    assert result.exit_code == 0, result.output
    # Five required (not #5 optional, not #6 negated); #2 has no second event to take.
    # Asserted events: shelled, bombed, condemned, summoned, met (the negated attack is left out).
    assert "articles: recall 0.800 precision 1.000 F1 0.889" in result.output
    assert "(required 5, found 4, predicted 5, correct 5)" in result.output
    assert "andes-1#002\tASSAULT\tactor PER ['PER']\tpredicted there: ASSAULT[Peruvian troops=PER]" \
        in result.output
    assert "false positives (events matching no gold mention): 0" in result.output


def test_coded_output_scores_like_the_articles_it_came_from(andes):
    from tocsin.events.evaluate_articles import evaluate_articles
    from tocsin.pipeline import code_article
    from tocsin.model import Article

    document = code_article(Article(**ARTICLE))
    (andes / "docs.jsonl").write_text(document.to_json(indent=None) + "\n", encoding="utf-8")
    (andes / "events.jsonl").write_text("".join(e.model_dump_json() + "\n" for e in document.events),
                                        encoding="utf-8")
    gold = [andes / "andes.gold.jsonl"]
    figures = {name: evaluate_articles(gold, [andes / name]).scores
               for name in ("andes.articles.jsonl", "docs.jsonl", "events.jsonl")}
    assert len({(s.found, s.required, s.correct, s.predicted) for s in figures.values()}) == 1


def _predicted(sentence, kind, codes=(), article="andes-1", aux=()):
    from tocsin.events.evaluate_articles import Predicted, UNASSERTED
    return Predicted(article=article, event=kind, sentence=sentence, codes=frozenset(codes), actor="x",
                     trigger="t", unasserted=bool(UNASSERTED & set(aux)))


def test_required_mentions_are_served_first_and_codes_judged_on_the_lenient_pairs(tmp_path):
    from tocsin.events.evaluate_articles import load_mentions, score_articles

    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(m) for m in MENTIONS) + "\n", encoding="utf-8")
    gold = load_mentions(path)
    events = [
        # Fits the optional #5 and the required #4: it must go to the required one.
        _predicted("chile's foreign ministry condemned the attacks and summoned the Peruvian ambassador",
                   "ACCUSE", ["CHL"]),
        _predicted(S[0], "ASSAULT", ["BOL"]),  # right type, wrong country
        _predicted(S[4], "CONSULT", []),  # right type, no country
        _predicted(S[3], "ASSAULT", ["CHL"], aux=["negated"]),  # the old word still flags it
        _predicted(S[4], "ASSAULT", ["PER"]),  # no gold of this type there
        _predicted(S[0], "ASSAULT", ["PER"], article="elsewhere"),  # not a gold article: not counted
    ]
    report = score_articles(gold, events)
    assert (report.scores.found, report.scores.required) == (1, 5)
    assert (report.scores.correct, report.scores.predicted) == (1, 4)
    assert (report.lenient.found, report.lenient.correct) == (3, 3)
    # Lenient pairs whose gold gives countries: #4 (right), #1 (BOL), #7 (none).
    assert (report.codes_right, report.codes_judged, report.codes_missing) == (1, 3, 1)
    assert report.per_type["ACCUSE"].recall == 1.0 and report.per_type["ASSAULT"].precision == 0.0
    assert [e.event for e in report.false_positives] == ["ASSAULT", "CONSULT", "ASSAULT"]


def test_article_gold_without_articles_or_with_bad_lines_is_a_clear_error(tmp_path):
    gold = tmp_path / "x.jsonl"
    gold.write_text(json.dumps(MENTIONS[0]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(gold)])
    assert result.exit_code == 2 and "give the articles with --articles" in result.output
    bad = tmp_path / "bad.gold.jsonl"
    bad.write_text('{"article_id": "a", "event_type": "ASSAULT"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(bad), "--articles", str(gold)])
    assert result.exit_code == 2 and "not a gold event mention" in result.output


def test_gold_that_is_not_utf8_or_a_negative_error_count_is_one_line_and_exit_2(tmp_path, gold_file):
    binary = tmp_path / "crawl.bin"
    binary.write_bytes(b'{"text": "caf\xe9", "event": "AGREE"}\n\xfa\xfb\x00\x01')
    result = CliRunner().invoke(main, ["eval", str(binary)])
    assert result.exit_code == 2 and "not UTF-8 text" in result.output, result.output
    assert not isinstance(result.exception, UnicodeDecodeError)
    result = CliRunner().invoke(main, ["eval", str(gold_file), "--errors", "-3"])
    assert result.exit_code == 2 and "--errors" in result.output


def test_article_gold_labels_must_be_plover_types_and_an_older_yield_is_concede_or_retreat(tmp_path):
    from tocsin.events.evaluate_articles import load_mentions

    gold = tmp_path / "labels.gold.jsonl"
    rows = [_mention(1, S[0], "ASSAULT", alt_types=["yield"]), _mention(2, S[2], "ACCUSE", alt_types=["CONDEMN"])]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match=r"labels.gold.jsonl:2: unknown event label 'CONDEMN'"):
        load_mentions(gold)
    gold.write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    assert load_mentions(gold)[0].types == ("ASSAULT", "CONCEDE", "RETREAT")
