"""tocsin: news text in, verifiable PLOVER event data out."""

__version__ = "0.1.0"

from tocsin.model import Article, Document  # noqa: E402

__all__ = ["Article", "Document", "__version__", "code_text"]


def code_text(text: str, published: str | None = None, **meta) -> Document:
    """Code one article given as plain text; the simplest entry point of the Python API."""
    from tocsin.pipeline import code_article

    return code_article(Article(id=meta.pop("id", "doc"), text=text, published=published, **meta))
