"""Find quotations in text by their marks: straight and curly, double and single, nested.

Works on characters only (no parse): a line is a paragraph. Apostrophes (’ in "Venezuela’s",
"aren’t") are told apart from closing single quotes by what stands around them, and a
paragraph that opens a quote without closing it continues into the next paragraph when that one
opens with a quote mark (the newspaper convention for multi-paragraph quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN, DOUBLE_CLOSE = "“„«", "”»"
SINGLE_OPEN, SINGLE_CLOSE = "‘‹", "’›"
STRAIGHT_DOUBLE, STRAIGHT_SINGLE = '"', "'"
_OPENING_CONTEXT = set(" \t\n([{—–-:/") | set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {'"', "'"}
_TRIM_END = " \t\n,;:"
# Every character `_kind` knows: only these can open or close a quote, so only these are visited.
_MARKS = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + '"' + "'") + "]")


@dataclass
class QuoteSpan:
    start: int  # first character inside the marks
    end: int  # end of the quoted words (trailing commas and spaces trimmed)
    mark_start: int  # the opening mark
    mark_end: int  # just past the closing mark (the paragraph end when open-ended)
    paragraph: int
    open_ended: bool = False  # opened but not closed in its paragraph
    continues: bool = False  # carries on an open-ended quote of the previous paragraph


def _kind(ch: str) -> str | None:
    if ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == STRAIGHT_DOUBLE:
        return "double"
    if ch in SINGLE_OPEN or ch in SINGLE_CLOSE or ch == STRAIGHT_SINGLE:
        return "single"
    return None


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPENING_CONTEXT and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    # A mark between two letters or digits is an apostrophe ("aren’t"), never a closing quote.
    return not before.isspace() and not after.isalnum()


def _role(text: str, i: int, stack: list[tuple[str, int]]) -> str | None:
    ch = text[i]
    kind = _kind(ch)
    if kind is None:
        return None
    open_kinds = [k for k, _ in stack]
    if kind == "single" and i + 1 < len(text) and text[i + 1].isdigit():
        return None  # an elided year ("the '90s"), not a quote
    if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
        return "open" if _can_open(text, i) or kind == "double" else None
    if ch in DOUBLE_CLOSE:
        return "close" if "double" in open_kinds else None
    if ch in SINGLE_CLOSE:
        return "close" if open_kinds and open_kinds[-1] == "single" and _can_close(text, i) else None
    # Straight marks serve both ways: decide by context and by what is open.
    if kind in open_kinds and _can_close(text, i) and (kind == "double" or open_kinds[-1] == "single"):
        return "close"
    if _can_open(text, i):
        return "open"
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _scan(text: str, offset: int, number: int, ignored: set[int]):
    found: list[QuoteSpan] = []
    stack: list[tuple[str, int]] = []  # (kind, index of the opening mark)
    for mark in _MARKS.finditer(text):
        i = mark.start()
        if i in ignored:
            continue
        role = _role(text, i, stack)
        if role == "open" and text[i] in DOUBLE_OPEN and stack and all(k == "double" for k, _ in stack):
            # English nests quotes in single marks: a new opening double mark means the open quote
            # was never closed. It ends where the new one begins.
            start, end = _trimmed(text, stack[0][1] + 1, i)
            if end > start:
                found.append(QuoteSpan(offset + start, offset + end, offset + stack[0][1], offset + i, number,
                                       open_ended=True))
            stack.clear()
        if role == "open":
            stack.append((_kind(text[i]), i))
        elif role == "close":
            kind = _kind(text[i])
            # Unwind single marks left open inside (they were apostrophes after all).
            while stack and stack[-1][0] != kind:
                stack.pop()
            _, opened = stack.pop()
            if not stack:
                start, end = _trimmed(text, opened + 1, i)
                if end > start:
                    found.append(QuoteSpan(offset + start, offset + end, offset + opened, offset + i + 1, number))
    return found, stack


def _paragraph_quotes(text: str, offset: int, number: int) -> list[QuoteSpan]:
    ignored: set[int] = set()
    while True:
        found, stack = _scan(text, offset, number, ignored)
        if not stack:
            return found
        kind, opened = stack[0]
        lead = text[:opened].rstrip()
        # Only a double mark, or a single one that starts the paragraph or follows "said:",
        # may run on to the paragraph end; a stray single mark is an apostrophe ("the '90s"):
        # scan again without it.
        if kind == "double" or not lead or lead.endswith((":", ",")):
            start, end = _trimmed(text, opened + 1, len(text))
            if end > start:
                found.append(
                    QuoteSpan(
                        offset + start, offset + end, offset + opened, offset + len(text), number, open_ended=True
                    )
                )
            return found
        ignored.add(opened)


_LINE = re.compile(r"[^\n]+")


def find_quotes(text: str) -> list[QuoteSpan]:
    """All outermost quotations of `text`, in order, one record per paragraph piece."""
    quotes: list[QuoteSpan] = []
    previous_open = False
    for number, line in enumerate(_LINE.finditer(text)):
        if not line.group().strip():
            continue
        pieces = _paragraph_quotes(line.group(), line.start(), number)
        lead = line.group().lstrip()
        if pieces and previous_open and pieces[0].mark_start == line.start() + len(line.group()) - len(lead):
            pieces[0].continues = True
        previous_open = bool(pieces) and pieces[-1].open_ended
        quotes.extend(pieces)
    return quotes
