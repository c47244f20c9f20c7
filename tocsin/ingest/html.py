"""HTML pages to Articles with trafilatura: main text plus title, date, outlet and URL."""

from __future__ import annotations

from tocsin.errors import NoText
from tocsin.ingest.text import check_text_bytes, repair
from tocsin.model import Article

_SNIFF_BYTES = 2048


def looks_like_html(data: bytes) -> bool:
    """True when the start of `data` reads like an HTML document."""
    head = data[:_SNIFF_BYTES].lower()
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<!doctype html") or b"<html" in head


def _paragraphs(text: str) -> str:
    # trafilatura writes one paragraph a line; a blank line between them makes the text look
    # like the scraped plain-text articles the cleaning stage is tuned on.
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def html_article(
    data: bytes | str, *, id: str, source: str, url: str | None = None
) -> Article:
    """Extract the article text and metadata of an HTML page; raise NoText if there is none."""
    import trafilatura  # here, not at the top: coding a plain text file never pays for its import

    if isinstance(data, bytes):
        check_text_bytes(data, source)
    result = trafilatura.bare_extraction(
        data,
        url=url,
        output_format="python",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # The dedup cache of trafilatura is process-global; cleaning removes repeats with a trace.
        deduplicate=False,
        # Recall over precision: "Read more:" lines and repeated paragraphs must reach cleaning.
        favor_recall=True,
        # Dates from markup and URL only: a date found in the body is often the event's, and
        # the publication date anchors every relative date ("on Monday") downstream.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = _paragraphs(repair(result.text or "")) if result is not None else ""
    if not text:
        raise NoText(f"{source}: no article text found in the HTML page")
    return Article(
        id=id,
        text=text,
        title=_clean(result.title),
        published=result.date or None,
        outlet=_clean(result.sitename),
        url=result.url or url,
        source=source,
    )


def _clean(value: str | None) -> str | None:
    value = repair(value).strip() if value else ""
    return value or None
