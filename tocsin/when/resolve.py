"""Turn one date expression into a date and its precision, relative to the publication date.

dateparser does the calendar work (weekdays, "last month", "October 30, 2025", "yesterday")
with its period telling the granularity. Written here, because dateparser does not do them:
the vague edges it cannot parse ("earlier this year", "early September" -> strip the edge),
bare years (it borrows the base month and day: we keep the year only), weeks (our contract has
no week precision: a week becomes the month holding its Thursday, the ISO rule), and the rule
that a relative expression without a publication date stays unresolved rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from tocsin.when.words import Words, load_words

_YEAR = re.compile(r"^(?:the year )?((?:19|20)\d\d)$")
_HAS_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# "two years", "several months": a duration, not a point in time (dateparser reads it as "ago").
_DURATION = re.compile(r"^(?:a|an|\d+|[a-z]+)(?: [a-z]+)? (?:days?|weeks?|months?|years?)$")
_ANCHORS = ("ago", "last", "this", "next", "previous")
# A bare weekday is the commonest expression in news; resolved here, not by dateparser (loading it
# costs a new process about half a second): the nearest such day on or before the base, as news is
# written ("said on Monday" in Monday's paper is that day; dateparser would take the week before),
# or strictly after it for the future.
_WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}


@dataclass(frozen=True)
class Resolved:
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day, month or year


@lru_cache(maxsize=64)
def _parser(base: dt.date, prefer: str):
    # One DateDataParser per (publication date, direction): building one costs far more than a call.
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day, 12),
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
    }
    return DateDataParser(languages=["en"], settings=settings)


def normalise(text: str, words: Words | None = None) -> str | None:
    """Lower-case the expression, drop its vague edges; None if it is a duration, an age or vague."""
    words = words or load_words()
    text = " ".join(text.replace("’", "'").split()).lower().strip(" ,.;:'\"")
    changed = True
    while changed:
        changed = False
        for edge in words.edges:
            if text.startswith(edge) and (edge.endswith("-") or text[len(edge):len(edge) + 1] == " "):
                text = text[len(edge):].strip(" -")
                changed = True
    text = re.sub(r"'s$", "", text)
    if not text or any(w in text for w in words.reject):
        return None
    if _DURATION.match(text) and not any(a in text.split() for a in _ANCHORS):
        return None
    return text


def resolve(text: str, published: dt.date | None, future: bool = False, words: Words | None = None) -> Resolved | None:
    """Resolve one expression; a relative one needs `published`, else it stays None."""
    norm = normalise(text, words)
    if norm is None:
        return None
    year = _YEAR.match(norm)
    if year:
        return Resolved(year.group(1), "year")
    if published is None:
        # Only an expression that names its year can be resolved without a publication date.
        if not _HAS_YEAR.search(norm):
            return None
        base = dt.date.today()
    else:
        base = published
    return _calendar(norm, base, "future" if future else "past")


@lru_cache(maxsize=4096)
def _calendar(norm: str, base: dt.date, prefer: str) -> Resolved | None:
    # dateparser costs about a millisecond a call, and the same few expressions ("on Monday",
    # "last week") recur across the stories of one publication date: remember the answers.
    day = _WEEKDAYS.get(norm)
    if day is not None:
        if prefer == "future":
            return Resolved((base + dt.timedelta(days=(day - base.weekday() - 1) % 7 + 1)).isoformat(), "day")
        return Resolved((base - dt.timedelta(days=(base.weekday() - day) % 7)).isoformat(), "day")
    data = _parser(base, prefer).get_date_data(norm)
    if data is None or data.date_obj is None:
        return None
    when = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return Resolved(f"{when.year:04d}", "year")
    if period == "month":
        return Resolved(f"{when.year:04d}-{when.month:02d}", "month")
    if period == "week":
        thursday = when - dt.timedelta(days=when.weekday()) + dt.timedelta(days=3)
        return Resolved(f"{thursday.year:04d}-{thursday.month:02d}", "month")
    return Resolved(when.isoformat(), "day")


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
