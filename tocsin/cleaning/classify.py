"""Decide, paragraph by paragraph, what is boilerplate and why.

Each line of scraped text is one paragraph. Decisions come in passes, most certain first:
lines that match a rule on their own (credits, labelled captions, teasers, furniture), the
headlines listed after a bare "READ MORE" label, the captions just before a credit, repeats of
an earlier kept paragraph, and blocks such as a newsletter promotion between its opening and
closing lines. Reporting is protected throughout: a guessed caption never has a
quote, a reporting verb or many words, and a repeat always keeps its first copy.
"""

from __future__ import annotations

import re
import unicodedata

from tocsin.cleaning.nearcopy import NearCopies
from tocsin.cleaning.rules import Rules

_QUOTES = {"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"'}
_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Case, quotes, punctuation and spacing do not make two paragraphs different."""
    if not text.isascii():  # (ASCII is its own NFKC form and has no curly quotes)
        text = unicodedata.normalize("NFKC", text)
        for curly, straight in _QUOTES.items():  # str.translate looks every character up: slower
            if curly in text:
                text = text.replace(curly, straight)
    text = text.casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def words(text: str) -> int:
    return len(text.split())


def is_reporting(text: str, rules: Rules) -> bool:
    """A quote, a reporting verb or a long sentence makes a paragraph reporting."""
    return (
        has_reporting_verb(text, rules)
        or any(c in rules.quote_chars for c in text)
        or words(text) > rules.threshold("reporting_min_words")
    )


def has_reporting_verb(text: str, rules: Rules) -> bool:
    return bool(rules.reporting and rules.reporting.search(text))


def line_reason(text: str, rules: Rules) -> str | None:
    """The reason to remove a line judged on its own, or None to keep it."""
    candidates = rules.line_rules if rules.any_line is None or rules.any_line.fullmatch(text) else ()
    for reason, pattern in candidates:
        if not pattern.fullmatch(text):
            continue
        if reason == "credit":
            # "Photo: ..." lines are short and never report anything.
            if words(text) <= rules.threshold("credit_max_words") and not (
                has_reporting_verb(text, rules) or any(c in rules.quote_chars for c in text)
            ):
                return reason
        elif reason == "caption":
            return reason
        elif words(text) <= rules.threshold("furniture_max_words"):
            return reason
    if rules.caption_suffix:
        match = rules.caption_suffix.search(text)
        if (
            match
            and words(match.group()) <= rules.threshold("credit_max_words")
            and not has_reporting_verb(text, rules)
        ):
            return "caption"
    if rules.teaser_label and rules.teaser_label.fullmatch(text):
        return "teaser"
    return None


def _headline_like(text: str, rules: Rules) -> bool:
    # Headlines are short and carry no final full stop; body paragraphs end with one.
    end = text.rstrip("\"'”’)»").rstrip()
    return words(text) <= rules.threshold("teaser_headline_max_words") and end[-1:] not in ".:;,"


def _caption_like(text: str, rules: Rules) -> bool:
    return (
        words(text) <= rules.threshold("caption_max_words")
        and not is_reporting(text, rules)
        and not text.rstrip().endswith(":")
    )


def _blocks(texts: list[str], reasons: list[str | None], rules: Rules) -> None:
    # Runs last and counts only lines still kept, so a second cleaning sees the same distances.
    for block in rules.blocks:
        for i, text in enumerate(texts):
            if not block.start.fullmatch(text):
                continue
            kept = 0
            for k in range(i + 1, len(texts)):
                if block.end.fullmatch(texts[k]):
                    for m in range(i, k + 1):
                        reasons[m] = reasons[m] or block.reason
                    break
                kept += reasons[k] is None
                if kept > block.max_lines:
                    break


def _describes_picture(text: str, rules: Rules) -> bool:
    """Headline-style (no final full stop) or a picture verb ("speaks", "is seen", ...)."""
    end = text.rstrip("\"'”’)»").rstrip()
    return end[-1:] not in ".!?" or bool(rules.caption_verb and rules.caption_verb.search(text))


def _teaser_headlines(texts: list[str], reasons: list[str | None], rules: Rules) -> None:
    limit = int(rules.threshold("teaser_headline_max_lines"))
    for i, text in enumerate(texts):
        if reasons[i] != "teaser" or not (rules.teaser_label and rules.teaser_label.fullmatch(text)):
            continue
        k = i + 1
        while k < len(texts) and k - i <= limit and reasons[k] is None:
            if not _headline_like(texts[k], rules):
                break
            reasons[k] = "teaser"
            k += 1


def _captions_before_credits(texts: list[str], reasons: list[str | None], rules: Rules) -> None:
    for i in range(len(texts)):
        if reasons[i] != "credit" or (i > 0 and reasons[i - 1] == "credit"):
            continue
        after = i
        while after < len(texts) and reasons[after] == "credit":
            after += 1
        # "Image source, X" then "Image caption, ...": the photo has its caption already, so
        # the line before the credit is body text.
        if after < len(texts) and reasons[after] == "caption":
            continue
        j = i - 1
        if j < 0 or reasons[j] is not None or not _caption_like(texts[j], rules):
            continue
        # Scrapers often print a caption twice, with and without its final full stop.
        if (
            j > 0
            and reasons[j - 1] is None
            and normalise(texts[j - 1]) == normalise(texts[j])
            and _caption_like(texts[j - 1], rules)
        ):
            reasons[j - 1] = reasons[j] = "caption"
        elif j > 0 and _describes_picture(texts[j], rules):
            # A single line at the very top is more likely the headline than a caption.
            reasons[j] = "caption"


def _duplicates(texts: list[str], reasons: list[str | None], rules: Rules) -> None:
    min_words = rules.threshold("duplicate_min_words")
    fuzzy_words = rules.threshold("fuzzy_min_words")
    norms = [normalise(text) if reason is None else "" for text, reason in zip(texts, reasons)]
    sizes = [words(norm) for norm in norms]
    near = NearCopies(rules.threshold("fuzzy_ratio"), (n for n, size in zip(norms, sizes) if size >= fuzzy_words))
    seen: set[str] = set()
    for i, (norm, size) in enumerate(zip(norms, sizes)):
        if reasons[i] is not None:
            continue
        if size >= min_words and (norm in seen or (size >= fuzzy_words and near.has_copy(norm))):
            reasons[i] = "duplicate"
            continue
        # Only kept paragraphs are compared with: the first copy of any text always stays.
        seen.add(norm)
        if size >= fuzzy_words:
            near.add(norm)


def classify(texts: list[str], rules: Rules) -> list[str | None]:
    """One reason (or None to keep it) per paragraph, in order."""
    reasons = [line_reason(text, rules) for text in texts]
    _teaser_headlines(texts, reasons, rules)
    _captions_before_credits(texts, reasons, rules)
    _duplicates(texts, reasons, rules)
    _blocks(texts, reasons, rules)
    return reasons
