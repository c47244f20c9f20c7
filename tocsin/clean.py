"""Remove boilerplate and repeated paragraphs from scraped news, keeping a trace of everything.

Scraped plain text has one paragraph, caption or credit per line. `clean` drops photo credits,
captions, teasers, page furniture and repeated paragraphs (rules and word lists live in
`tocsin/data/boilerplate.yaml`), lists each removal with its reason and its offsets into the
original text, and joins the kept paragraphs, verbatim, with blank lines. Each kept paragraph is
one `Segment`, so any offset of the cleaned text maps back to the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from tocsin.cleaning.classify import classify
from tocsin.cleaning.rules import load_rules
from tocsin.model import Removed, Segment

__all__ = ["Cleaned", "clean", "paragraph_spans"]

SEPARATOR = "\n\n"
_LINE = re.compile(r"[^\r\n]+")


@dataclass
class Cleaned:
    text: str
    removed: list[Removed] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    def to_original(self, offset: int) -> int:
        """Map an offset of the cleaned text to the original text.

        An offset inside a separator (or at the very end) maps to the end of the paragraph
        before it, as `Document.original_offset` does.
        """
        if not self.segments:
            return offset
        starts = [seg.start for seg in self.segments]
        seg = self.segments[max(0, bisect_right(starts, offset) - 1)]
        return seg.orig_start + min(max(offset - seg.start, 0), seg.length)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its outer whitespace."""
    spans = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def clean(text: str, extra_patterns: list[str | Path] | tuple = ()) -> Cleaned:
    """Clean one article; `extra_patterns` are YAML files merged with the default rules."""
    rules = load_rules(extra_patterns)
    spans = paragraph_spans(text)
    reasons = classify([text[s:e] for s, e in spans], rules)

    removed: list[Removed] = []
    segments: list[Segment] = []
    pieces: list[str] = []
    cursor = 0
    for i, ((start, end), reason) in enumerate(zip(spans, reasons)):
        if reason is None:
            if pieces:
                cursor += len(SEPARATOR)
            segments.append(Segment(start=cursor, orig_start=start, length=end - start))
            pieces.append(text[start:end])
            cursor += end - start
            continue
        prev = removed[-1] if removed else None
        # "Picture:" and "Getty" on the next line are one credit.
        if (
            prev is not None
            and reason == "credit"
            and prev.reason == "credit"
            and reasons[i - 1] == "credit"
            and prev.end == spans[i - 1][1]
            and rules.label_only.fullmatch(prev.text)
        ):
            removed[-1] = Removed(start=prev.start, end=end, text=text[prev.start:end], reason=reason)
            continue
        removed.append(Removed(start=start, end=end, text=text[start:end], reason=reason))
    return Cleaned(text=SEPARATOR.join(pieces), removed=removed, segments=segments)
