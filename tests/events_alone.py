"""The actors and events stages alone on a sentence, for tests of the event coder: no actor is
recovered from the context and nothing is dropped after the events stage."""

from tocsin import nlp
from tocsin.actors import annotate as annotate_actors
from tocsin.config import Config
from tocsin.events import annotate
from tocsin.model import DocMeta, Document


def code(text: str, published: str | None = "2024-05-01", config: Config = Config()) -> Document:
    document = Document(doc=DocMeta(id="doc", published=published), text=text)
    parsed = nlp.parse(text)
    annotate_actors(document, parsed, config)
    annotate(document, parsed, config)
    return document
