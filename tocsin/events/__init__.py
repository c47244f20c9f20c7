"""Events stage (issue 4): PLOVER events with actors, recipients, modes, auxiliary modes and CAMEO.

`annotate(document, parsed, config)` fills `document.events`. Per sentence: the matcher finds
lexicon triggers on the parse, `nesting` keeps one event per clause, `arguments` reads actor and
recipient phrases (coded by `tocsin.actors.actor_for`), `auxiliary` flags negated, future,
hypothetical and historical events and applies PLOVER's rules, `scoring` adds CAMEO, quad,
event_scale and confidence. Every event keeps its evidence: sentence, trigger words and rule.
"""

from __future__ import annotations

from tocsin.config import DEFAULT, Config
from tocsin.events.arguments import find_arguments, phrase
from tocsin.events.auxiliary import announced, apply_rules, auxiliary_modes, content_mode
from tocsin.events.lexicon import Lexicon, load_lexicon
from tocsin.events.matcher import Trigger, find_triggers
from tocsin.events.nesting import absorb
from tocsin.events.ontology import Ontology, ontology
from tocsin.events.scoring import codes, confidence
from tocsin.model import Document, Event, EventActor

__all__ = ["annotate", "code_sentence", "load_lexicon", "ontology"]


def annotate(document: Document, parsed, config: Config = DEFAULT) -> None:
    """Code every sentence of `parsed` (whose text is `document.text`) into `document.events`."""
    lex = load_lexicon(tuple(config.lexicon_files))
    onto = ontology()
    published = document.doc.published or config.published
    year = int(published[:4]) if published and published[:4].isdigit() else None
    events: list[Event] = []
    for sent in parsed.sents:
        events.extend(code_sentence(document, sent, lex, onto, config, year, first=len(events) + 1,
                                    history=events))
    document.events = events


def code_sentence(document: Document, sent, lex: Lexicon, onto: Ontology, config: Config = DEFAULT,
                  published_year: int | None = None, first: int = 1, history: list[Event] = ()) -> list[Event]:
    """The events of one parsed sentence, numbered from `first` (`history`: the document's events so far)."""
    text = sent.text.rstrip()
    if not text.strip():
        return []
    span = (sent.start_char, sent.start_char + len(text))
    out: list[Event] = []
    seen: set[tuple] = set()
    for trig in absorb(find_triggers(sent, lex)):
        event = _event(document, trig, lex, onto, config, published_year, text, span,
                       f"{document.doc.id}-e{first + len(out)}", list(history) + out)
        if not any(_identified(a) for a in event.actor + event.recipient):
            continue  # no participant but unresolved pronouns ("the strikes were lawful", "we warned them")
        key = (event.event, tuple(a.text for a in event.actor), tuple(r.text for r in event.recipient))
        if key in seen:
            continue
        seen.add(key)
        out.append(event)
    return out


def _actors(document, heads, exclude, config, cache: dict):
    from tocsin.actors import actor_for

    out = []
    for head in heads:
        span = phrase(head, exclude)
        key = (span.start, span.end)
        if key not in cache:
            cache[key] = actor_for(document, span, config)
        actor = cache[key]
        if actor is None and head.pos_ != "PRON":
            # Not a known actor ("boats", "the election results"): keep the phrase, uncoded.
            actor = EventActor(text=span.text, start=span.start_char, end=span.end_char)
        if actor is not None and not any(a.start == actor.start and a.end == actor.end for a in out):
            out.append(actor)
    return out


_PRONOUNS = {"he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me", "it", "his", "their", "our",
             "its", "who", "whom", "everybody", "everyone", "somebody", "someone", "anyone"}


def _identified(actor: EventActor) -> bool:
    """A participant we can name: coded, resolved to an entity, or a phrase that is not a bare pronoun."""
    return bool(actor.code or actor.entity_id or actor.text.lower() not in _PRONOUNS)


_DEFINITE = {"the", "these", "those", "this", "that", "such"}


def _antecedent(document, trig: Trigger, head, lex, history: list[Event]):
    """"condemned the attacks": an absorbed, definite event noun with no author of its own stands
    for the latest earlier event of its type; its coded actor becomes the recipient."""
    inner = next((c for c in trig.content if c.head.i == head.i and c.nominal), None)
    if inner is None or not any(d.lower_ in _DEFINITE for d in head.children if d.dep_ == "det"):
        return None
    if find_arguments(inner, lex).actors:
        return None
    for event in reversed(history):
        if event.event == inner.entry.event and any(a.code for a in event.actor) and "negated" not in event.auxiliary:
            return [a for a in event.actor if a.code]
    return None


def _mode(trig: Trigger, onto: Ontology) -> str | None:
    entry = trig.entry
    if entry.mode_modifiers:
        table = dict(entry.mode_modifiers)
        for mod in trig.head.children:
            if mod.dep_ in ("amod", "compound", "nmod", "npadvmod"):
                for word in (mod.lemma_.lower(), mod.lower_):
                    if word in table:
                        return table[word]
    if entry.mode:
        return entry.mode
    for inner in trig.content:
        mode = content_mode(entry.event, None, inner.entry.event, onto)
        if mode:
            return mode
    return None


def _event(document, trig: Trigger, lex, onto, config, year, text, span, event_id, history) -> Event:
    entry = trig.entry
    args = find_arguments(trig, lex)
    exclude = {t.i for t in trig.tokens}
    cache: dict = {}
    actor = _actors(document, args.actors, exclude, config, cache)
    recipient = []
    for head in args.recipients:
        found = _antecedent(document, trig, head, lex, history)
        if found:
            words = phrase(head, exclude)
            recipient += [a.model_copy(update={"text": words.text, "start": words.start_char, "end": words.end_char})
                          for a in found]
        else:
            recipient += _actors(document, [head], exclude, config, cache)
    recipient = [r for r in recipient if not any(r.start == a.start for a in actor)]
    aux = auxiliary_modes(trig, lex, year)
    mode = _mode(trig, onto)
    is_announced = announced(trig, lex)
    event_type, mode = apply_rules(entry.event, mode, aux, onto, is_announced)
    cameo, quad, scale = codes(event_type, mode, onto)
    doc = trig.head.doc
    start, end = trig.start, trig.end
    rule = entry.rule
    if trig.light is not None and trig.light.i != trig.head.i:
        rule += f" with light verb '{trig.light.lemma_}'"
    if trig.content:
        rule += "; absorbs " + ", ".join(f"{c.entry.event}({c.head.text})" for c in trig.content)
    if event_type != entry.event:
        why = "+".join(aux + (["announced"] if is_announced else []))
        rule += f"; PLOVER rule {entry.event}+{why} -> {event_type}"
    return Event(
        id=event_id,
        doc_id=document.doc.id,
        event=event_type,
        mode=[mode] if mode else [],
        context=list(entry.context),
        actor=actor,
        recipient=recipient,
        text=text,
        span=span,
        event_text=doc[start:end].text,
        event_span=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])),
        auxiliary=aux,
        cameo=cameo,
        quad_code=quad,
        event_scale=scale,
        confidence=confidence(entry.confidence, has_actor=bool(actor), actor_coded=any(a.code for a in actor),
                              has_recipient=bool(recipient), guessed=args.guessed, nominal=trig.nominal,
                              auxiliary=aux),
        rule=rule,
    )
