"""Speech acts as events of their speaker (tocsin.speech.acts finds them).

"“The Americans are not being honest,” he said" is ACCUSE by the speaker, "“Start the work,” she
ordered" REQUEST, "we will respond" THREATEN. The speaker is the actor, also when named only in the
next sentence or by a pronoun (the speech stage resolved who speaks); whom the words are about is
the recipient. An act the lexicon already coded in that sentence is not coded twice, and "we" or
"I" inside a quote is its speaker (`quoted_speaker`).
"""

from __future__ import annotations

from tocsin.config import DEFAULT, Config
from tocsin.events.arguments import owner
from tocsin.events.scoring import codes, confidence
from tocsin.events.syntax import is_actorish
from tocsin.model import Event, EventActor, Ref

_FIRST_PERSON = {"we", "i", "us", "me"}
# A naming verb read by the lexicon as another event ("calling them a sham" as a call, "called the
# threat dangerous" as a threat) is replaced by the judgement, unless it is one already.
_NAMING_KEEPS = {"ACCUSE", "REJECT"}
_UNREALISED = {"hypothetical", "future"}


def speaker_actor(document, ref: Ref, sent_start: int, sent_end: int) -> EventActor:
    """The coded actor of a speaker: its entity (with its mention in the sentence, if any), else its name."""
    entity = next((e for e in document.entities if e.id == ref.entity_id), None) if ref.entity_id else None
    if entity is None:
        return EventActor(text=ref.name, name=ref.name)
    here = [m for m in entity.mentions if sent_start <= m.start < sent_end]
    place = {"text": here[0].text, "start": here[0].start, "end": here[0].end} if here else {"text": ref.name}
    return EventActor(**place, name=entity.name, code=entity.code, sector=list(entity.sector), entity_id=entity.id)


def quoted_speaker(document, head) -> EventActor | None:
    """"we" or "I" inside a quote with a known speaker stands for the speaker."""
    if head.lower_ not in _FIRST_PERSON:
        return None
    for quote in document.quotes:
        if quote.start <= head.idx < quote.end and quote.speaker is not None and quote.speaker.entity_id:
            found = speaker_actor(document, quote.speaker, head.idx, head.idx)
            return found.model_copy(update={"text": head.text, "start": head.idx, "end": head.idx + len(head)})
    return None


def _other_party(event: Event, speaker: EventActor) -> bool:
    """Are all the event's actors coded parties other than the speaker ("Kenya condemned X; Uganda
    called it unacceptable": two accusations)?"""
    return all(a.code and a.code != speaker.code and (a.entity_id or "") != (speaker.entity_id or "-")
               for a in event.actor) and bool(speaker.code)


def _covers(event: Event, tok) -> bool:
    span = event.event_span or event.span
    return span[0] <= tok.idx < span[1]


def _coded_statement(act, same: list[Event]) -> bool:
    """Was the statement coded already as an event of its speaker? Its speech verb is a trigger
    ("refuted the allegations as “fabricated”"), or a trigger inside it is the speaker's ("declared
    the airspace should be considered closed")."""
    if act.said_with is not None and any(_covers(e, act.said_with) for e in same):
        return True
    if not act.words or act.speaker.entity_id is None:
        return False
    start, end = act.words
    return any(start <= (e.event_span or e.span)[0] < end and any(a.entity_id == act.speaker.entity_id for a in e.actor)
               and not {"negated", "negation"} & set(e.auxiliary) for e in same)


def add_speech_acts(document, parsed, events: list[Event], lex, onto, actors_of,
                    config: Config = DEFAULT) -> list[Event]:
    """`events` with the speech acts of the document added (in text order). `actors_of(heads)` codes
    argument heads as the events stage does."""
    from tocsin.speech.acts import find_acts

    out = list(events)
    made = 0
    for act in find_acts(document, parsed, config):
        sent = act.sent
        same = [e for e in out if e.span[0] == sent.start_char]
        alike = [e for e in same if e.event == act.event]
        if alike:
            speaker = speaker_actor(document, act.speaker, sent.start_char, sent.end_char)
            if all(not e.actor for e in alike):
                # "mounting condemnation, with Guterres describing it as hell": the speaker's act
                out = [e for e in out if e not in alike]
                same = [e for e in same if e not in alike]
            elif not all(_other_party(e, speaker) for e in alike):
                continue  # the lexicon coded this act already
        if act.rule == "imperative":
            # "“Stop the shelling,” he told X": what is demanded is not done, by the speaker or anyone
            start, end = act.words
            out = [e for e in out if not (e in same and start <= (e.event_span or e.span)[0] < end)]
            same = [e for e in same if e in out]
        elif _coded_statement(act, same):
            continue
        covered = [e for e in same if any(_covers(e, t) for t in act.cue)]
        if act.event == "THREATEN" and covered and all(_UNREALISED & set(e.auxiliary) for e in covered):
            # "he ordered the army to retaliate": an attack announced, not done, is the speaker's threat
            out = [e for e in out if e not in covered]
            covered = []
        if covered:
            if act.statement != "naming" or any(e.event in _NAMING_KEEPS for e in covered):
                continue  # the cue word is another event's trigger ("we will not attack")
            # "calling them a sham" is no call, "called the threat dangerous" no threat
            out = [e for e in out if e not in covered]
        if act.speaker_head is not None and act.speaker.entity_id is None:
            actor = actors_of([act.speaker_head])[:1] or [speaker_actor(document, act.speaker, sent.start_char,
                                                                         sent.end_char)]
        else:
            actor = [speaker_actor(document, act.speaker, sent.start_char, sent.end_char)]
        recipient = [r for r in _recipients(act, lex, actors_of) if not any(
            (r.entity_id and r.entity_id == a.entity_id) or (r.start is not None and r.start == a.start)
            for a in actor)]
        text = document.text[sent.start_char:sent.end_char].rstrip()
        first, last = min(act.cue, key=lambda t: t.i), max(act.cue, key=lambda t: t.i)
        cameo, quad, scale = codes(act.event, None, onto)
        made += 1
        out.append(Event(
            id=f"{document.doc.id}-s{made}",
            doc_id=document.doc.id,
            event=act.event,
            actor=actor,
            recipient=recipient,
            text=text,
            span=(sent.start_char, sent.start_char + len(text)),
            event_text=parsed[first.i:last.i + 1].text,
            event_span=(first.idx, last.idx + len(last)),
            cameo=cameo,
            quad_code=quad,
            event_scale=scale,
            confidence=confidence(0.6, has_actor=True, actor_coded=any(a.code for a in actor),
                                  has_recipient=bool(recipient), guessed=False, nominal=False, auxiliary=[]),
            rule=f"speech act of the speaker ({act.statement}): {act.rule}",
        ))
    return sorted(_warnings_as_accusations(document, parsed, out, onto, config), key=lambda e: e.span[0])


def _warnings_as_accusations(document, parsed, events: list[Event], onto, config) -> list[Event]:
    """A threat read off "warned that <another party does X>" is an accusation of that party."""
    from tocsin.speech.acts import warns_of_another

    for event in events:
        if event.event != "THREATEN" or event.event_span is None:
            continue
        span = parsed.char_span(*event.event_span, alignment_mode="expand")
        if span is None or not warns_of_another(span.root, document, config):
            continue
        event.cameo, event.quad_code, event.event_scale = codes("ACCUSE", None, onto)
        event.event, event.mode = "ACCUSE", []
        event.rule = (event.rule or "") + "; a warning about another party's deeds is an accusation"
    return events


def _recipients(act, lex, actors_of) -> list[EventActor]:
    """The coded parties a speech act is about: a thing judged stands for its owner ("Trump's
    comments were a violation" -> Trump)."""
    heads = []
    for head in act.about:
        if head.pos_ == "PRON" and head.lower_ not in ("they", "them"):
            continue
        if not is_actorish(head, lex.grammar.actor_nouns):
            found = owner(head, lex)
            if found is None:
                continue
            head = found
        heads.append(head)
    return [a for a in actors_of(heads) if a.code or a.entity_id]
