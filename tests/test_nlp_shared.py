"""What the stages share per Doc (tocsin.nlp: columns, entities, sentences, text) is what spaCy
gives token by token, and `release` drops it."""

from __future__ import annotations

from tocsin import nlp

TEXT = ("Officials in Brovania said police arrested 2 protesters, about twenty-one, in the capital on Monday.\n\n"
        "The Interior Ministry’s spokesman, Ana Kovic, denied it.  He left.")


def test_columns_match_the_tokens():
    doc = nlp.parse(TEXT)
    attrs = {"text": lambda t: t.text, "lower": lambda t: t.lower_, "lemma": lambda t: t.lemma_,
             "pos": lambda t: t.pos, "idx": lambda t: t.idx, "like_num": lambda t: int(t.like_num)}
    for name, get in attrs.items():
        assert nlp.column(doc, name) == [get(t) for t in doc], name


def test_sentences_entities_and_text_match_the_doc():
    doc = nlp.parse(TEXT)
    sents = list(doc.sents)
    assert len(sents) > 2
    assert [(s.start, s.end) for s in nlp.sents(doc)] == [(s.start, s.end) for s in sents]
    assert [(e.start, e.end, e.label_) for e in nlp.ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
    assert nlp.sent_index(doc) == [n for n, s in enumerate(sents) for _ in s]
    assert [t.i for t in nlp.tokens(doc)] == list(range(len(doc)))
    for s in sents:
        assert nlp.text(doc)[s.start_char : s.end_char] == s.text


def test_release_drops_what_was_shared():
    doc = nlp.parse(TEXT)
    nlp.ents(doc)
    assert nlp.shared(doc)
    nlp.release(doc)
    assert not nlp.shared(doc)
