"""CSV for spreadsheets: a text cell that starts like a formula is written with a leading quote.

Excel, LibreOffice and Google Sheets execute a cell starting with = + - @ (or a tab or carriage
return before one), so a headline such as "=HYPERLINK(...)" in a CSV export would run when an
analyst opens it. OWASP's advice for CSV injection is to prefix such cells with a single quote,
which spreadsheets show as text. Only text is touched: numbers (a score of -7.5) stay numbers,
and only CSV: JSON, JSON Lines and Parquet keep the exact text. `--raw-csv` turns this off.
"""

from __future__ import annotations

import csv
from typing import IO, Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe_cell(value):
    """The value as a spreadsheet will read it as text: quoted if it starts like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def safe_row(row: dict) -> dict:
    return {key: safe_cell(value) for key, value in row.items()}


def write_csv(rows: Iterable[dict], stream: IO[str], fieldnames=None, raw: bool = False) -> int:
    """Write rows as CSV with a header (the first row's keys unless fieldnames are given); nothing
    at all when there are no rows and no fieldnames. Returns the number of rows written."""
    writer, written = None, 0
    if fieldnames is not None:
        writer = csv.DictWriter(stream, fieldnames=list(fieldnames), lineterminator="\n")
        writer.writeheader()
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow(row if raw else safe_row(row))
        written += 1
    return written
