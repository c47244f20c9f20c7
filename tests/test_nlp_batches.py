"""The parser reads a text in batches bounded by characters as well as by pieces, so a few long
paragraphs are not parsed all at once, and the joined Doc is the same however it was batched."""

from __future__ import annotations

from tocsin import nlp

PARAGRAPH = ("The Interior Ministry of Brovania said on Monday that police had detained {n} protesters near "
             "the parliament, and the opposition leader Ana Kovic accused the government of repression. ")


def test_batches_keep_the_order_and_the_character_budget():
    pieces = ["a" * 12_000, "b" * 9_000, "c" * 500, "d" * 30_000, "e" * 10]
    batches = list(nlp._batches(pieces, 64))
    assert [p for batch in batches for p in batch] == pieces
    for batch in batches:
        assert len(batch) == 1 or sum(map(len, batch)) <= nlp.BATCH_CHARS
    assert ["d" * 30_000] in batches  # a piece over the budget is parsed alone


def test_batches_keep_the_piece_limit():
    pieces = ["x"] * 10
    assert [len(b) for b in nlp._batches(pieces, 4)] == [4, 4, 2]


def test_a_text_parses_the_same_in_small_and_large_batches(monkeypatch):
    text = "\n\n".join(PARAGRAPH.format(n=n) * 40 for n in range(2, 6))
    assert len(text) > nlp.BATCH_CHARS
    small = nlp.parse(text)
    monkeypatch.setattr(nlp, "BATCH_CHARS", 10 * len(text))
    whole = nlp.parse(text)
    assert small.text == whole.text == text
    for name in ("text", "tag", "dep", "head", "ent_iob"):
        assert nlp.column(small, name) == nlp.column(whole, name), name
    assert [(s.start, s.end) for s in small.sents] == [(s.start, s.end) for s in whole.sents]
