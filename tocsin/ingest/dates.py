"""Publication dates given as metadata, normalised to YYYY-MM-DD.

A date is taken only when its form says which day it is: ISO 8601 (`2024-03-14`, `20240314`,
`2024-03-14T09:30:00Z`), RFC 2822 as feeds and mail write it (`Thu, 14 Mar 2024 09:30:00 GMT`),
a year first with slashes or dots (`2024/03/14`), a month in words (`14 March 2024`), or day and
month in figures when one of them is over 12 (`14/03/2024`). Anything else (`03/04/2024`, which
is March or April, "yesterday", "March 2024") leaves the article without a date, with a warning:
the article is still coded, and a wrong day would be worse than none.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from email.utils import parsedate_to_datetime

log = logging.getLogger(__name__)

_ISO_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:$|[T ])")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_YEAR_LAST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTH_WORD = re.compile(r"[^\W\d_]{3,}")  # a month written out, in any language dateparser knows
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def normalise_date(value: object, where: str, key: str = "published") -> str | None:
    """The day `value` names, as YYYY-MM-DD; None (with a warning naming `key`) when it names none for sure."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day = day_of(value)
    if day is None:
        log.warning("%s: %s %r is not a date in an unambiguous form (YYYY-MM-DD, RFC 2822, 14 March"
                    " 2024); the article is coded without it (with --published if one was given)", where, key, value)
    return day


def day_of(value: object) -> str | None:
    """The day `value` names, as YYYY-MM-DD, or None, saying nothing."""
    return _day(value.strip()) if isinstance(value, str) and value.strip() else None


def _day(text: str) -> str | None:
    for pattern in (_ISO_DAY, _YEAR_FIRST):
        match = pattern.match(text)
        if match:
            return _valid(*map(int, match.groups()))
    match = _YEAR_LAST.match(text)
    if match:
        first, second, year = map(int, match.groups())
        if first > 12 >= second or first == second:
            return _valid(year, second, first)
        if second > 12 >= first:
            return _valid(year, first, second)
        return None  # 03/04/2024: March or April, depending on the country
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if not (_MONTH_WORD.search(text) and _YEAR.search(text)):
        return None  # "yesterday", "3 days ago": relative to when it was read, not a day
    import dateparser  # slow to import; only needed for dates written out in words

    parsed = dateparser.parse(
        text, languages=None, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date().isoformat() if parsed is not None else None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
