"""Verbal events with no one who acts are not coded; material ones are.

"She was asked whether ...", "their efforts were rebuffed", "the right to appeal": a statement,
demand or refusal is an act of someone; with no actor found in the sentence nor recovered from
the context, the event says nothing an analyst can use. Material events (an attack, an arrest)
are kept with an empty actor: that something happened is news. An uncoded phrase headed by an
event noun of the lexicon or by a text ("the decision", "a resolution", "the letter") names no
actor either, nor does an agentless passive whose actor the context did not recover ("asked for
an amnesty, which was rejected"). A meeting of someone with the news media is an interview, not
a consultation ("told Al Jazeera in an interview"). A sentence that names no attacker tells one
attack, however many harms it lists: its attacks whose actors all come from the context are one.
Runs after the actors stage has recovered actors from the context.
"""

from __future__ import annotations

from tocsin import nlp
from tocsin.config import DEFAULT, Config
from tocsin.events.ontology import ontology
from tocsin.model import EventActor

_VERBAL_QUADS = {1, 3}  # verbal cooperation, verbal conflict
_MEDIA = "JRN"
_UNNAMED_ONCE = {"ASSAULT"}


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


def drop_agentless(document, parsed, config: Config = DEFAULT) -> None:
    """Remove the verbal events of `document` whose actors name no one."""
    parsed = nlp.view(parsed)
    from tocsin.events.lexicon import load_lexicon

    onto = ontology()
    lex = load_lexicon(tuple(config.lexicon_files))
    kept = []
    told = set()  # (sentence span, type, parties) of the attacks a sentence told with no one named
    for event in document.events:
        if onto.quad(event.event) in _VERBAL_QUADS and not any(
                _names_actor(a, parsed, lex) for a in event.actor):
            continue
        if _interview(event):
            continue
        if event.event in _UNNAMED_ONCE and all(a.from_context for a in event.actor):
            # "a hospital wing was shelled, which started a blaze, and one guard was killed": a sentence that
            # names no attacker tells one attack, however many harms it lists
            key = (tuple(event.span), event.event, frozenset(a.code for a in event.actor))
            if key in told:
                continue
            told.add(key)
        kept.append(event)
    document.events = kept
