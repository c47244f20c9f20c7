"""HTML pages to Articles with trafilatura: main text plus title, date, outlet and URL."""

from __future__ import annotations

import re

from tocsin.errors import NoText
from tocsin.ingest.text import decode, repair
from tocsin.model import Article

_SNIFF_BYTES = 2048
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
                       rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# What browsers read a page labelled so as (the WHATWG encoding standard): Windows-1252.
_AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}
# Characters XML cannot hold (controls, lone surrogates, non-characters): lxml refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BLOCKS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
# The tags that lay out an article's body: text with two of them is HTML ("<p>", "</div>", "<br/>").
# A stray inline tag in plain text ("<b>", an injected "<img>") is left as text, for the output
# to escape. News text itself has "<" only as "less than" ("<5%").
_LAYOUT = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|table|tr|td|section|article|html|body)"
                     r"(?:\s[^<>]*)?/?>", re.I)
_UNREAD = ("script", "style", "noscript", "template")


def looks_like_html(data: bytes) -> bool:
    """True when the start of `data` reads like an HTML document."""
    head = data[:_SNIFF_BYTES].lower()
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<!doctype html") or b"<html" in head


def looks_like_markup(text: str) -> bool:
    """True when text handed over as plain (a JSON Lines `text`) is HTML: two layout tags or more."""
    tags = _LAYOUT.finditer(text)
    return next(tags, None) is not None and next(tags, None) is not None


def markup_text(html: str, source: str) -> str:
    """The text of HTML given as plain text: a whole page is read as an HTML file is (trafilatura
    finds the article in it), a fragment (a CMS body of <p>s) becomes one paragraph a line."""
    if looks_like_html(html[:_SNIFF_BYTES].encode("utf-8", "replace")):
        try:
            return html_article(html, id=source, source=source).text
        except NoText:
            pass  # no article trafilatura recognises: the text of the markup, as for a fragment
    return html_to_text(html)


def html_to_text(html: str) -> str:
    """HTML to plain text, one paragraph a line with a blank line between (as html_article gives)."""
    if not html.strip():
        return ""
    if "<" not in html:
        return repair(html).strip()
    import lxml.etree  # here: reading plain text never pays for lxml
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(_NOT_XML.sub(" ", html), create_parent="div")
    except (lxml.etree.ParserError, ValueError):  # nothing lxml can read as HTML: no text
        return ""
    for element in list(root.iter(*_UNREAD)):  # code and styles are not text
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in repair(root.text_content()).splitlines())
    return "\n\n".join(line for line in lines if line)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag or an XML declaration, as browsers read it."""
    found = _DECLARED.search(data[:_SNIFF_BYTES * 4])
    if not found:
        return None
    name = (found.group(1) or found.group(2)).decode("ascii").lower()
    return "cp1252" if name in _AS_WINDOWS_1252 else name


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
        # Decoded here, not by trafilatura's guess: the declared charset when the bytes are in it
        # (a page that says UTF-8 and is Latin-1 is not), else the detection plain text gets.
        data = decode(data, source, declared_charset(data))
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
