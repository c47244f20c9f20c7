"""Events stage (issue 4): PLOVER events with actors, recipients, modes, auxiliary modes and CAMEO.

`annotate(document, parsed, config)` fills `document.events`. Per sentence: the matcher finds
lexicon triggers on the parse, `nesting` keeps one event per clause, `arguments` reads actor and
recipient phrases (coded by `tocsin.actors.actors_for`, one actor per party of a list),
`auxiliary` flags negation, future, hypothetical and historical events and applies PLOVER's rules,
`scoring` adds CAMEO, quad, event_scale and confidence. `coreference` turns "the attacks" into a
later mention of an event already coded, and `directives` drops what a party orders its own side
to do. Every event keeps its evidence: sentence, trigger words and rule.
"""

from __future__ import annotations

from tocsin import nlp
from tocsin.config import DEFAULT, Config
from tocsin.events import speakers
from tocsin.events.rementions import drop_commentary, drop_rementions
from tocsin.events.rulings import add_rulings
from tocsin.events.speech_acts import add_speech_acts, quoted_speaker
from tocsin.events.arguments import find_arguments, phrase, with_conjuncts
from tocsin.events.auxiliary import announced, apply_rules, auxiliary_modes, cessation, content_mode
from tocsin.events.coreference import antecedent, mention_of, refers_back
from tocsin.events.directives import internal_order
from tocsin.events.lexicon import Lexicon, load_lexicon
from tocsin.events.matcher import Trigger, find_triggers
from tocsin.events.nesting import absorb
from tocsin.events.ontology import Ontology, ontology
from tocsin.events.scoring import codes, confidence
from tocsin.events.subjects import fold_subject_nouns, relation
from tocsin.events.syntax import is_actorish
from tocsin.events.syntax import words as forms
from tocsin.model import VERBAL_QUADS, Document, Event, EventActor, Mention

__all__ = ["annotate", "code_sentence", "load_lexicon", "ontology"]


def annotate(document: Document, parsed, config: Config = DEFAULT) -> None:
    """Code every sentence of `parsed` (whose text is `document.text`) into `document.events`."""
    parsed = nlp.view(parsed)
    lex = load_lexicon(tuple(config.lexicon_files))
    onto = ontology()
    published = document.doc.published or config.published
    year = int(published[:4]) if published and published[:4].isdigit() else None
    events: list[Event] = []
    cache: dict = {}  # actors_for by phrase span, shared by the sentences (events never edit actors)
    for sent in nlp.sents(parsed):
        events.extend(code_sentence(document, sent, lex, onto, config, year, first=len(events) + 1,
                                    history=events, cache=cache))
    actors_of = lambda heads: _actors(document, heads, set(), config, cache)  # noqa: E731
    events = add_speech_acts(document, parsed, events, lex, onto, actors_of, config)
    events = drop_rementions(add_rulings(document, parsed, events, onto, actors_of, config))
    document.events = drop_commentary(events, lex.grammar.commentator_nouns)


def code_sentence(document: Document, sent, lex: Lexicon, onto: Ontology, config: Config = DEFAULT,
                  published_year: int | None = None, first: int = 1, history: list[Event] = (),
                  cache: dict | None = None) -> list[Event]:
    """The events of one parsed sentence, numbered from `first` (`history`: the document's events so far).

    A definite event noun that names an event of `history` is added to that event's `mentions`.
    """
    # == sent.text (parsed.text is document.text), without walking the tokens
    text = document.text[sent.start_char:sent.end_char].rstrip()
    if not text.strip():
        return []
    span = (sent.start_char, sent.start_char + len(text))
    cache = {} if cache is None else cache
    out: list[Event] = []
    seen: set[tuple] = set()
    triggers = fold_subject_nouns(
        absorb(find_triggers(sent, lex), lex.grammar.sets.get("blaming_verbs", frozenset()),
               lex.grammar.sets.get("deed_nouns", frozenset()), lex.grammar.hypothetical_aux), onto,
        keep=lambda noun: _earlier_event(document, noun, lex, config, cache, (history, out)) is not None)
    for trig in triggers:
        earlier = _earlier_event(document, trig, lex, config, cache, (history, out))
        if earlier is not None:
            earlier[0].mentions.append(earlier[1])
            continue
        made = _event(document, trig, lex, onto, config, published_year, text, span,
                      f"{document.doc.id}-e{first + len(out)}", (history, out), cache)
        if made is None:
            continue  # what an order tells one's own side to do
        event, mentions = made
        if not any(_identified(a) for a in event.actor + event.recipient) and not _did_harm(trig, onto, lex):
            continue  # no participant but unresolved pronouns ("the strikes were lawful", "we warned them")
        key = (event.event, tuple(a.text for a in event.actor), tuple(r.text for r in event.recipient))
        if key in seen:
            continue
        seen.add(key)
        out.append(event)
        for target, mention in mentions:
            target.mentions.append(mention)
    return out


_MATERIAL_CONFLICT = 4  # PLOVER quad of material conflict
_DISAPPROVAL = {"ACCUSE"}  # speech acts aimed at the other side's deeds ("condemned the strikes")


def _did_harm(trig: Trigger, onto: Ontology, lex: Lexicon) -> bool:
    """"The aerial assault damaged buildings", "a clinic was damaged in a strike": an attack that
    did something happened, though the sentence names no one; who made it may come from the context.
    Not "military action could begin soon": what may start has done nothing."""
    head = trig.head
    if not trig.nominal or onto.quad(trig.entry.event) != _MATERIAL_CONFLICT:
        return False
    verb = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "agent" else (
        head.head if head.dep_ == "nsubj" and head.head.pos_ == "VERB" else None)
    if verb is None or verb.lemma_ in ("be", "have") or verb.lemma_ in lex.grammar.light_verbs:
        return False
    g = lex.grammar
    return not any(c.dep_ in ("aux", "neg") and (c.lower_ in g.hypothetical_aux | g.future_aux | g.negation_words)
                   for c in verb.children)


def _told_again(trig: Trigger, lex: Lexicon) -> bool:
    """An attack noun that is the subject of a verb of harm done (grammar `harm_verbs`)."""
    head = trig.frame if trig.frame is not None else trig.head
    # .sets.get: a user's grammar may not name the list at all
    return head.dep_ == "nsubj" and head.head.pos_ == "VERB" and _did_harm(trig, ontology(), lex) \
        and head.head.lemma_ in lex.grammar.sets.get("harm_verbs", frozenset())


def _earlier_event(document, trig: Trigger, lex, config, cache, before: tuple[list[Event], list[Event]],
                   rather_not: frozenset[str] = frozenset()):
    """(earlier event, mention) when `trig` is a definite event noun naming an event coded before it
    (`before`: the document's events of earlier sentences, and of this one; by a party of a country
    in `rather_not` only when no other fits). Not when the noun is the subject of a clause telling
    the harm it did ("The aerial assault damaged buildings"): a finite clause tells the event again,
    and is coded again (not "the offensive raised tensions")."""
    if not (before[0] or before[1]) or not refers_back(trig, lex) or _told_again(trig, lex):
        return None
    events = [*before[0], *before[1]]
    exclude = {t.i for t in trig.tokens}
    recipients = _actors(document, find_arguments(trig, lex).recipients, exclude, config, cache)
    mention = mention_of(trig)
    found = antecedent(trig.entry.event, recipients, mention.start, events, rather_not)
    return (found, mention) if found is not None else None


def _actors(document, heads, exclude, config, cache: dict) -> list[EventActor]:
    """The coded actors of argument heads. `heads` already lists each coordinated head ("Russia and
    Turkey" -> Russia, Turkey; tocsin.events.arguments.with_conjuncts) and `phrase` leaves their
    conjuncts out, so `actors_for` only splits what shares one head ("US and Afghan forces" ->
    USA MIL, AFG MIL): no party is counted twice."""
    from tocsin.actors import actors_for

    out: list[EventActor] = []
    for head in heads:
        speaker = quoted_speaker(document, head)  # "we" in a quote: its speaker
        if speaker is not None:
            out.append(speaker)
            continue
        span = phrase(head, exclude)
        key = (span.start, span.end)
        if key not in cache:
            cache[key] = actors_for(document, span, config)
        found = cache[key]
        if len(found) <= 1:
            found = _shared_head_split(document, head, span, config) or found
        if not found and head.pos_ != "PRON":
            # Not a known actor ("boats", "the election results"): keep the phrase, uncoded.
            found = [EventActor(text=span.text, start=span.start_char, end=span.end_char)]
        for actor in found:
            if not any(a.start == actor.start and a.end == actor.end for a in out):
                out.append(actor)
    return out


def _shared_head_split(document, head, span, config) -> list[EventActor]:
    """"House and Senate negotiators", "US and Western allies": coordinated modifiers of one head
    that `actors_for` left as one party (it splits only coded entities). Each modifier is a party:
    its own entity or code where it has one, the last one with the head's words ("Western allies")."""
    from tocsin.actors import actor_for, entity_at

    mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i
            and any(k.i < head.i for k in c.conjuncts)]
    if not mods:
        return []
    parts = sorted([mods[0], *[k for k in mods[0].conjuncts if k.i < head.i]], key=lambda t: t.i)
    if any(p.pos_ not in ("PROPN", "ADJ", "NOUN") for p in parts):
        return []
    doc = head.doc
    whole = actor_for(document, span, config)
    sector = list(whole.sector) if whole is not None else []
    out: list[EventActor] = []
    for n, part in enumerate(parts):
        words = doc[part.i:part.i + 1] if n < len(parts) - 1 else doc[part.i:span.end]
        own = actor_for(document, doc[part.i:part.i + 1], config)
        entity = entity_at(document, part.idx, part.idx + len(part))
        if entity is not None and not any(m.start >= part.idx and m.start < part.idx + len(part)
                                           for m in entity.mentions):
            own = None  # the entity of the whole phrase, not of this part
        place = {"text": words.text, "start": words.start_char, "end": words.end_char}
        if own is None or not (own.code or own.entity_id):
            # No entity of its own (or only the whole phrase's): the words, with the head's sector.
            out.append(EventActor(**place, sector=sector))
        else:
            out.append(own.model_copy(update={**place, "sector": list(own.sector) or sector}))
    if not any(a.code or a.entity_id for a in out):
        return []  # no part is a known actor: keep the phrase whole
    return out


def _speakers_in(document, args, lex, config) -> list:
    """The actor heads, a pronoun of reported speech replaced by the speaker it fits ("Chile said it
    was ready to ..."), judged with the actors stage's entity types (tocsin.events.speakers)."""
    from tocsin.actors import entity_at

    def kind(head) -> str | None:
        entity = entity_at(document, head.idx, head.idx + len(head))
        return entity.type if entity is not None else None

    heads = []
    for head in args.actors:
        found = args.speakers.get(head.i)
        if found is not None:
            speaker, addressee = found
            if addressee is not None and not is_actorish(addressee, lex.grammar.actor_nouns):
                addressee = None
            if speakers.speaks_for(head, speaker, kind(speaker), addressee,
                                   kind(addressee) if addressee is not None else None, lex):
                heads += [c for c in with_conjuncts(speaker) if c not in heads]
                continue
            # "Ghana's president says it will": "it" is the country or body the person speaks for.
            body = speakers.body_of(speaker, kind(speaker), lex)
            # Its type is read off the parse: the actors stage's entity there is the speaker's own.
            if body is not None and speakers.speaks_for(head, body, None, addressee,
                                                        kind(addressee) if addressee is not None else None, lex):
                heads += [c for c in with_conjuncts(body) if c not in heads]
                continue
        if head not in heads:
            heads.append(head)
    return heads


_PRONOUNS = {"he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me", "it", "his", "their", "our",
             "its", "who", "whom", "everybody", "everyone", "somebody", "someone", "anyone"}


def _identified(actor: EventActor) -> bool:
    """A participant we can name: coded, resolved to an entity, or a phrase that is not a bare pronoun."""
    return bool(actor.code or actor.entity_id or actor.text.lower() not in _PRONOUNS)


def _content_mention(document, trig: Trigger, head, lex, config, cache, history, actor=()):
    """"condemned the attacks": a definite event noun in the trigger's content, with no author of
    its own, that names an earlier event. Returns (that event, the mention, the content trigger).
    What a party condemns is most likely the other side's act, not its own side's (`actor`)."""
    inner = next((c for c in trig.content if c.head.i == head.i and c.nominal), None)
    if inner is None:
        return None
    own = frozenset(a.code for a in actor if a.code) if trig.entry.event in _DISAPPROVAL else frozenset()
    found = _earlier_event(document, inner, lex, config, cache, history, own)
    return None if found is None else (*found, inner)


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


def _standing_practice(trig: Trigger, onto: Ontology, lex: Lexicon) -> bool:
    """"The army said it only targets military sites": a deed in the plain present under a past
    reporting verb is what the speaker always does (a past deed would read "targeted"), not an act
    done. Statements ("said it rejects the plan") are acts of their own and stay."""
    verb = trig.head
    if trig.nominal or verb.tag_ not in ("VBZ", "VBP") or verb.dep_ != "ccomp":
        return False
    if onto.quad(trig.entry.event) in VERBAL_QUADS or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    head = verb.head
    if head.tag_ != "VBD" or head.lemma_.lower() not in lex.grammar.reporting:
        return False
    # the speaker's own practice ("it", "we", or the speaker named again), not a third party's
    # ongoing act told as news ("officials said Russia supplies drones to the militia")
    doer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    speaker = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return doer is not None and (doer.pos_ == "PRON" or (
        speaker is not None and doer.lemma_.lower() == speaker.lemma_.lower()))


def _event(document, trig: Trigger, lex, onto, config, year, text, span, event_id, history, cache: dict):
    """The event of a trigger and the later mentions it names in its content, or None when the
    trigger is what an order tells the director's own side to do (tocsin.events.directives) or a
    standing practice the speaker tells of."""
    entry = trig.entry
    if _standing_practice(trig, onto, lex):
        return None
    args = find_arguments(trig, lex)
    exclude = {t.i for t in trig.tokens}
    actor = _actors(document, _speakers_in(document, args, lex, config), exclude, config, cache)
    noun = trig.subject_event  # "an airstrike killed": the event noun subject is this event
    if not actor and noun is not None:
        actor = _actors(document, find_arguments(noun, lex).actors, exclude | {t.i for t in noun.tokens},
                        config, cache)
    by_state = False
    if not actor and args.state_place is not None:
        # "was arrested in Niger": the country where a state act was done is its likely author.
        actor = [a for a in _actors(document, [args.state_place], exclude, config, cache) if a.code]
        by_state = bool(actor)
    recipient: list[tuple[object, EventActor]] = []  # (head token, actor)
    mentions: list[tuple[Event, Mention]] = []
    referred = set()  # content triggers that are mentions of earlier events
    for head in args.recipients:
        found = _content_mention(document, trig, head, lex, config, cache, history, actor)
        if found is not None:
            earlier, mention, inner = found
            mentions.append((earlier, mention))
            referred.add(id(inner))
            # The condemned attacks stand for their authors: the earlier event's actors.
            authors = [a for a in earlier.actor if a.code or a.entity_id]
            if authors:
                words = phrase(head, exclude)
                recipient += [(head, a.model_copy(update={"text": words.text, "start": words.start_char,
                                                          "end": words.end_char})) for a in authors]
                continue
        recipient += [(head, a) for a in _actors(document, [head], exclude, config, cache)]
    if noun is not None:
        # "the Russian shelling of Kharkiv killed four civilians": the noun's target is one too.
        for head in find_arguments(noun, lex).recipients:
            recipient += [(head, a) for a in _actors(document, [head], exclude | {t.i for t in noun.tokens},
                                                     config, cache)
                          if not any(r.start == a.start and r.end == a.end for _, r in recipient)]
    if not recipient and trig.nominal:
        # "carried out a raid, targeting the commanders": the result names whom the act hit.
        for result in trig.results:
            for head in find_arguments(result, lex).recipients:
                recipient += [(head, a) for a in _actors(document, [head], exclude, config, cache)]
    recipient = [(h, r) for h, r in recipient if not any(r.start == a.start for a in actor)]
    if any(_identified(r) for _, r in recipient):
        # An unresolved pronoun ("their support for Ukraine") says nothing beside a named recipient.
        recipient = [(h, r) for h, r in recipient if _identified(r)]
    aux = auxiliary_modes(trig, lex, year, document.text)
    mode = _mode(trig, onto) or (_mode(noun, onto) if noun is not None else None)
    is_announced = announced(trig, lex)
    ended = None
    armed_groups = [h for h, r in recipient if "REB" in r.sector or lex.grammar.armed_group_nouns & forms(h)]
    if cessation(trig, lex):
        ended = "armed" if armed_groups else "plain"
    # "backed the rebels", "support for the militia"; not "backed a peace deal with the rebels"
    backs = trig.head.lemma_.lower() in lex.grammar.sets.get("backing_words", frozenset()) and any(
        _taken_by(h, trig.head) for h in armed_groups)
    event_type, mode = apply_rules(entry.event, mode, aux, onto, is_announced, ended, backs)
    if not (is_announced and event_type != entry.event) and internal_order(
            trig, recipient, lex, lambda tok: next(iter(_actors(document, [tok], set(), config, cache)), None)):
        return None
    cameo, quad, scale = codes(event_type, mode, onto)
    doc = trig.head.doc
    start, end = trig.start, trig.end
    rule = entry.rule
    if noun is not None:
        both = {t.i for t in trig.tokens} | {t.i for t in noun.tokens}
        if len(both) == max(both) - min(both) + 1:  # "airstrike killed": one trigger phrase
            start, end = min(both), max(both) + 1
        rule += f"; its {relation(noun)} '{noun.head.text}' is this event ({noun.entry.rule})"
    if trig.light is not None and trig.light.i != trig.head.i:
        rule += f" with light verb '{trig.light.lemma_}'"
    absorbed = [c for c in trig.content if id(c) not in referred]
    if absorbed:
        rule += "; absorbs " + ", ".join(f"{c.entry.event}({c.head.text})" for c in absorbed)
    if trig.results:
        rule += "; its result " + ", ".join(f"'{c.head.text}'" for c in trig.results)
    for earlier, mention in mentions:
        rule += f"; '{mention.text}' is a later mention of {earlier.id} ({earlier.event})"
    if event_type != entry.event:
        why = "+".join(aux + (["announced"] if is_announced else []) + ([f"ended({ended})"] if ended else [])
                       + (["backs armed group"] if backs else []))
        rule += f"; PLOVER rule {entry.event}+{why} -> {event_type}"
        if "future" in aux and quad in VERBAL_QUADS:
            # "will bomb Beirut" is a threat made now, "will not lift the ban" a refusal made now:
            # the statement happened, and only its content lies ahead (PLOVER gives the mode
            # "future" to types it does not recode).
            aux = [a for a in aux if a not in ("future", "negation")]
    recipients = [r for _, r in recipient]
    return Event(
        id=event_id,
        doc_id=document.doc.id,
        event=event_type,
        mode=[mode] if mode else [],
        context=list(entry.context),
        actor=actor,
        recipient=recipients,
        text=text,
        span=span,
        event_text=doc[start:end].text,
        event_span=(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])),
        auxiliary=aux,
        cameo=cameo,
        quad_code=quad,
        event_scale=scale,
        confidence=confidence(entry.confidence, has_actor=bool(actor), actor_coded=any(a.code for a in actor),
                              has_recipient=bool(recipients), guessed=args.guessed or by_state, nominal=trig.nominal,
                              auxiliary=aux),
        rule=rule,
    ), mentions


def _taken_by(head, word) -> bool:
    """Is `head` what `word` acts on: its object ("backed the rebels", "the rebels and the militia"),
    or the object of its "for" or "to" ("support for the rebels")?"""
    # "arming and training the fighters": the verbs share their object
    verbs = {word.i, *(c.i for c in word.children if c.dep_ == "conj")} | ({word.head.i} if word.dep_ == "conj" else set())
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.head.i in verbs:
        return head.dep_ in ("dobj", "pobj", "nsubjpass")
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ in ("for", "to") and prep.head.i in verbs
