"""The parse view (tocsin.parsed) answers as spaCy does, and coding through it changes nothing.

Every stage reads the parse through `nlp.view`; these tests compare each attribute, tree walk
and span the stages use with spaCy's own answer on invented texts, then code whole Documents
with the view switched off (the stages then walk spaCy's objects) and with it on.
"""

from __future__ import annotations

import random

import pytest
from spacy.tokens import Span as SpacySpan

from tocsin import nlp, parsed
from tocsin.model import Article
from tocsin.pipeline import code_article

TEXTS = [
    "Foreign Minister Ilse Varga of Morland said on Tuesday that her government had recalled its "
    "ambassador from Tessary after troops crossed the river near Kolvo. \"This is an invasion,\" she "
    "told reporters. Tessarian officials denied the claim and accused Morland of staging the incident.",
    "Police in the capital, Ardena, fired tear gas at thousands of students who marched against the "
    "new tax law, witnesses said. At least 14 people were injured and 30 arrested. The interior "
    "ministry, which runs the police, said officers had acted with restraint.",
    "The UN envoy met rebel leaders and army commanders in Geneva; both sides agreed to a ceasefire "
    "that will begin on Friday, although neither has signed it. 'We hope it holds,' he said.\n\n"
    "Read more: Talks in Geneva\n\nPhoto: A. Lenz / Agency",
    "",
    "Hello.",
]

ATTRIBUTES = ["text", "lower_", "lemma_", "pos_", "pos", "tag_", "dep_", "dep", "idx", "ent_type_", "ent_iob_",
              "whitespace_", "text_with_ws", "is_punct", "is_space", "like_num", "is_upper", "is_alpha",
              "is_sent_start", "n_lefts", "n_rights"]


def indices(tokens):
    return [t.i for t in tokens]


def span_key(span):
    return (span.start, span.end, span.label_, span.start_char, span.end_char, span.text, span.root.i)


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_answer_as_spacy_does(text):
    doc = nlp.parse(text)
    view = nlp.view(doc)
    assert nlp.view(doc) is view and nlp.view(view) is view  # read once per Doc
    assert len(view) == len(doc) and view.text == doc.text
    for word, tok in zip(view, doc):
        assert isinstance(word, parsed.Token)
        for name in ATTRIBUTES:
            assert getattr(word, name) == getattr(tok, name), (tok.i, name)
        assert word.head.i == tok.head.i
        assert indices(word.lefts) == indices(tok.lefts)
        assert indices(word.rights) == indices(tok.rights)
        assert indices(word.children) == indices(tok.children)
        assert indices(word.subtree) == indices(tok.subtree)
        assert indices(word.ancestors) == indices(tok.ancestors)
        assert indices(word.conjuncts) == indices(tok.conjuncts)
        assert (word.left_edge.i, word.right_edge.i) == (tok.left_edge.i, tok.right_edge.i)
        assert (word.sent.start, word.sent.end) == (tok.sent.start, tok.sent.end)
        # what the view does not copy comes from spaCy, in the view's own objects
        assert word.shape_ == tok.shape_
        assert word.is_ancestor(view[0]) == tok.is_ancestor(doc[0])


@pytest.mark.parametrize("text", TEXTS)
def test_spans_answer_as_spacy_does(text):
    doc = nlp.parse(text)
    view = nlp.view(doc)
    assert [span_key(s) for s in view.sents] == [span_key(s) for s in doc.sents]
    assert [span_key(e) for e in view.ents] == [span_key(e) for e in doc.ents]
    assert [span_key(c) for c in view.noun_chunks] == [span_key(c) for c in doc.noun_chunks]
    rng = random.Random(len(text))
    n = len(doc)
    for _ in range(200):
        start, end = rng.randint(-n - 2, n + 2), rng.randint(-n - 2, n + 2)
        mine, theirs = view[start:end], doc[start:end]
        assert (mine.start, mine.end, mine.text, mine.start_char, mine.end_char) == (
            theirs.start, theirs.end, theirs.text, theirs.start_char, theirs.end_char)
        if len(theirs):
            assert mine.root.i == theirs.root.i, (start, end)
            assert (mine.sent.start, mine.sent.end) == (theirs.sent.start, theirs.sent.end)
            assert [span_key(e) for e in mine.ents] == [span_key(e) for e in theirs.ents]
            assert mine[-1].i == theirs[-1].i and mine[0:1].start == theirs[0:1].start
    for _ in range(300):  # spans found by characters, aligned or not, in each of spaCy's modes
        start = rng.randint(-2, len(text) + 2)
        end = start + rng.randint(0, 30)
        for mode in ("strict", "contract", "expand"):
            mine, theirs = view.char_span(start, end, alignment_mode=mode), doc.char_span(start, end, alignment_mode=mode)
            assert (mine is None) == (theirs is None), (start, end, mode)
            if theirs is not None:
                assert (mine.start, mine.end) == (theirs.start, theirs.end), (start, end, mode)
    # spans sort as spaCy's do: by offsets, then by the label's hash
    near = min(n, 3)  # few offsets, so that spans with the same offsets differ by label only
    bounds = [(rng.randint(0, near), rng.randint(0, near), rng.choice(["", "PERSON", "GPE", "ORG"])) for _ in range(40)]
    bounds = [(min(a, b), max(a, b), label) for a, b, label in bounds]
    assert [(s.start, s.end, s.label_) for s in sorted(parsed.Span(view, a, b, label) for a, b, label in bounds)] == [
        (s.start, s.end, s.label_) for s in sorted(SpacySpan(doc, a, b, label=label) for a, b, label in bounds)]
    mine = [parsed.Span(view, a, b, label) for a, b, label in bounds]
    theirs = [SpacySpan(doc, a, b, label=label) for a, b, label in bounds]
    for x, y, sx, sy in zip(mine, mine[1:], theirs, theirs[1:]):
        assert (x < y, x <= y, x > y, x >= y, x.label) == (sx < sy, sx <= sy, sx > sy, sx >= sy, sx.label)
    for ent in view.ents:  # a span found by characters is the view's too
        again = view.char_span(ent.start_char, ent.end_char, label=ent.label_)
        assert again == ent and isinstance(again, parsed.Span)


def test_a_span_ending_before_it_starts_is_refused_as_by_spacy():
    doc = nlp.parse("The army attacked Lund on Monday.")
    view = nlp.view(doc)
    for mode in ("strict", "expand"):
        with pytest.raises(IndexError):
            doc.char_span(9, 3, alignment_mode=mode)
        with pytest.raises(IndexError):
            view.char_span(9, 3, alignment_mode=mode)


def code_all(texts):
    return [code_article(Article(id=f"v{n}", text=t, published="2026-03-02")).to_json(indent=None)
            for n, t in enumerate(texts)]


def test_documents_are_the_same_without_the_view(monkeypatch):
    texts = [t for t in TEXTS if len(t) > 40]
    texts.append("\n\n".join(texts * 3))
    through_view = code_all(texts)
    monkeypatch.setattr(nlp, "view", lambda doc: doc)  # the stages walk spaCy's Doc itself
    through_spacy = code_all(texts)
    assert through_view == through_spacy
    # and the texts exercise the stages: events, actors, claims and quotes are found
    assert all('"events":[{' in s for s in through_view)
    assert '"quotes":[{' in through_view[0] and '"entities":[{' in through_view[0]


def test_release_drops_the_view():
    doc = nlp.parse(TEXTS[0])
    view = nlp.view(doc)
    nlp.release(doc)
    assert nlp.view(doc) is not view
