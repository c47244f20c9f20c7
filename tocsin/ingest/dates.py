"""Publication dates given as metadata, normalised to YYYY-MM-DD."""

from __future__ import annotations

import re
from datetime import date

from tocsin.errors import MalformedInput

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def normalise_date(value: object, where: str) -> str | None:
    """`2024-03-14`, `2024-03-14T09:30:00Z` or `14 March 2024` -> `2024-03-14`; None stays None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise MalformedInput(f"{where}: published must be a string, not {type(value).__name__}")
    text = value.strip()
    match = _ISO_DAY.match(text)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            pass
    else:
        import dateparser  # slow to import; only needed for dates written out in words

        parsed = dateparser.parse(
            text, languages=None, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
        )
        if parsed is not None:
            return parsed.date().isoformat()
    raise MalformedInput(f"{where}: published {value!r} is not a date")
