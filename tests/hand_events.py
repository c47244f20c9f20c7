"""Documents with hand-placed events, for testing the stages that run after the event coder."""

import re

from tocsin import nlp
from tocsin.model import DocMeta, Document, Event


def with_events(text, triggers, published="2025-12-01", entities=(), event="ASSAULT"):
    """A parsed Document with one Event per trigger word, as the events stage makes them.

    A trigger is a word (its first occurrence) or a (word, occurrence) pair; `event` is the type
    of every event, or a list with one type per trigger.
    """
    parsed = nlp.parse(text)
    document = Document(doc=DocMeta(id="d", published=published), text=text, entities=list(entities))
    types = event if isinstance(event, list) else [event] * len(triggers)
    for n, (trig, kind) in enumerate(zip(triggers, types)):
        word, occurrence = trig if isinstance(trig, tuple) else (trig, 0)
        start = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text)][occurrence]
        sent = parsed.char_span(start, start + len(word), alignment_mode="expand")[0].sent
        document.events.append(
            Event(id=f"e{n}", doc_id="d", event=kind, text=sent.text, span=(sent.start_char, sent.end_char),
                  event_text=word, event_span=(start, start + len(word)))
        )
    return document, parsed
