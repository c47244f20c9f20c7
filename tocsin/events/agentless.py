"""Verbal events with no one who acts are not coded (the gold convention for real articles).

"She was asked whether ...", "their efforts were rebuffed", "the right to appeal": a statement,
demand or refusal is an act of someone; with no actor found in the sentence nor recovered from
the context, the event says nothing an analyst can use. Material events (an attack, an arrest)
are kept with an empty actor: that something happened is news. An uncoded phrase headed by an
event noun of the lexicon or by a text ("the decision", "a resolution", "the letter") names no
actor either. An answer to what another event of the sentence asked ("asked for an amnesty,
which was rejected") is kept: whom it answered is known. A meeting of someone with the news
media is an interview, not a consultation ("told Al Jazeera in an interview"). Runs after the
actors stage has recovered actors from the context.
"""

from __future__ import annotations

from tocsin.config import DEFAULT, Config
from tocsin.events.ontology import ontology
from tocsin.model import EventActor

_VERBAL_QUADS = {1, 3}  # verbal cooperation, verbal conflict
_MEDIA = "JRN"


def _interview(event) -> bool:
    """A consultation whose other parties are all news media ("spoke to the BBC", "told reporters")."""
    if event.event != "CONSULT":
        return False
    parties = event.actor + event.recipient
    media = [p for p in parties if _MEDIA in p.sector]
    return bool(media) and len(media) < len(parties) and len(parties) - len(media) == 1


def _names_actor(actor: EventActor, parsed, lex) -> bool:
    if actor.code or actor.entity_id or actor.sector:
        return True
    if actor.start is None or actor.end is None:
        return bool(actor.text)
    span = parsed.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    root = span.root
    if root.pos_ == "PROPN" or root.ent_type_:
        return True
    word = root.lemma_.lower()
    return not (lex.candidates("noun", word) or word in lex.grammar.authored_nouns)


def _answers(event, events, parsed) -> bool:
    """"asked for an amnesty, which was rejected": a relative clause on what another event of the
    sentence asked or offered answers it; whom it answered is known from the context."""
    if event.event_span is None:
        return False
    span = parsed.char_span(*event.event_span, alignment_mode="expand")
    if span is None or span.root.dep_ != "relcl":
        return False
    noun = span.root.head  # what the clause is about: the other event's object ("asking for an amnesty")
    at = {noun.idx, noun.head.idx}

    def holds(start, end) -> bool:
        return start is not None and end is not None and any(start <= i < end for i in at)

    return any(other is not event and other.span == event.span and other.actor and (
        holds(*(other.event_span or (None, None))) or any(holds(r.start, r.end) for r in other.recipient))
        for other in events)


def drop_agentless(document, parsed, config: Config = DEFAULT) -> None:
    """Remove the verbal events of `document` whose actors name no one."""
    from tocsin.events.lexicon import load_lexicon

    onto = ontology()
    lex = load_lexicon(tuple(config.lexicon_files))
    kept = []
    for event in document.events:
        if onto.quad(event.event) in _VERBAL_QUADS and not any(
                _names_actor(a, parsed, lex) for a in event.actor) and not _answers(event, document.events, parsed):
            continue
        if _interview(event):
            continue
        kept.append(event)
    document.events = kept
