"""Coverage-guided fuzzing (atheris) of the readers, cleaning and coding.

The first byte of an input picks the target, the rest is its payload: a text file, an HTML page,
a JSONL file, an RSS/Atom feed, a WARC file, raw text to clean, or raw text to code. An input
fails the run when it raises anything but tocsin's typed errors (`TocsinError`), when it runs
longer than libFuzzer's `-timeout` (seconds per input), or when a span of the output does not
point into its text (see `spans.py`).

    .venv/bin/python fuzz/fuzz_tocsin.py -runs=1000000 -timeout=10 fuzz/corpus fuzz/seeds

`make fuzz` runs it long; tests/test_fuzz.py runs a few thousand inputs in `make test`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Coverage guides the readers and cleaning; coding (spaCy and the stages) runs uninstrumented,
# as instrumenting it makes each document ten times slower.
with atheris.instrument_imports(include=["tocsin.ingest", "tocsin.cleaning", "tocsin.clean"]):
    from tocsin.clean import clean
    from tocsin.errors import TocsinError
    from tocsin.ingest.html import html_article
    from tocsin.ingest.jsonl import read_jsonl
    from tocsin.ingest.rss import read_feed
    from tocsin.ingest.text import text_article
    from tocsin.ingest.warc import read_warc
    from tocsin.model import Article
    from tocsin.pipeline import code_article

from spans import check_cleaned, check_document  # noqa: E402

MAX_BYTES = 1_000_000
CODE_CHARS = 2_000  # texts to code are cut here: the parse is the slowest step by far
WARM_UP = (
    "Police in the capital arrested 12 protesters on Monday, the interior minister of Ostrava said.\n\n"
    '"We will not allow violence," he told reporters in Velmora, where troops fired on a convoy.'
)
_WORK = Path(tempfile.mkdtemp(prefix="tocsin-fuzz-"))


def _file(data: bytes, suffix: str) -> Path:
    path = _WORK / f"input{suffix}"
    path.write_bytes(data)
    return path


def _check_article(article: Article | object) -> None:
    """An Article read from fuzzed bytes must still clean into spans of its own text."""
    if isinstance(article, Article):
        if not isinstance(article.text, str) or not article.text.strip():
            raise AssertionError(f"reader returned an Article with no text: {article!r}")
        cleaned = clean(article.text)
        check_cleaned(article.text, cleaned.text, cleaned.removed, cleaned.segments)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def read_text(data: bytes) -> None:
    _check_article(text_article(data, id="fuzz", source="fuzz"))


def read_html(data: bytes) -> None:
    _check_article(html_article(data, id="fuzz", source="fuzz"))


def read_jsonl_file(data: bytes) -> None:
    for item in read_jsonl(_file(data, ".jsonl"), name="fuzz", max_bytes=MAX_BYTES):
        _check_article(item)


def read_feed_file(data: bytes) -> None:
    for item in read_feed(_file(data, ".rss"), max_bytes=MAX_BYTES):
        _check_article(item)


def read_warc_file(data: bytes) -> None:
    for item in read_warc(_file(data, ".warc"), max_bytes=MAX_BYTES):
        _check_article(item)


def clean_text(data: bytes) -> None:
    text = _text(data)
    cleaned = clean(text)
    check_cleaned(text, cleaned.text, cleaned.removed, cleaned.segments)


def code_text(data: bytes) -> None:
    text = _text(data)[:CODE_CHARS]
    check_document(code_article(Article(id="fuzz", text=text)), text)


TARGETS = (read_text, read_html, read_jsonl_file, read_feed_file, read_warc_file, clean_text, code_text)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    target = TARGETS[data[0] % len(TARGETS)]
    try:
        target(data[1:])
    except TocsinError:
        pass  # a typed error is tocsin's answer to bad input: one line, exit code 2


def main() -> None:
    # Load spaCy and every stage's data before the first input, so no input is timed with it.
    code_article(Article(id="warm-up", text=WARM_UP))
    atheris.Setup(sys.argv, test_one_input)
    try:
        atheris.Fuzz()
    finally:
        for path in _WORK.iterdir():
            path.unlink()
        os.rmdir(_WORK)


if __name__ == "__main__":
    main()
