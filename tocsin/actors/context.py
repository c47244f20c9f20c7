"""Actors from context: an event whose sentence leaves its actor without a country takes it from
the rest of the article, and says so (`from_context`, with the mention it came from as `evidence`).

In order, for an actor with no code:
- "I", "we", "our", "us" inside a quote: the quote's speaker ("we will respond", Lavrov said);
- "he", "she": the coded person the pronoun refers back to (the same sentence before it, else the
  first person of the nearest earlier sentence naming one, at most a few sentences back);
- a domestic group or an unknown local name ("lawmakers", "police", "protesters", "Ms Ruiz"): the
  country where the event happened, else the article's main country when one clearly leads;
- no actor at all, or a phrase that is no actor ("the missiles"), for a material event ("At least
  40 people were hurt in the blast"): the actor of the latest earlier event of that type;
  for a speech act said inside a quote: the quote's speaker.
Recipients with no code follow the same rules (the victims of an attack are where it happened),
after the actors; a recipient that is itself a place ("shelled Kupiansk") takes that place's
country, and what an attack hits never takes the main country when only the attacker's own
mentions make it the main one. An armed group coded only by its backer ("Moscow-backed separatists") takes the
country of the event's place when there is one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import cached_property

from tocsin import nlp
from tocsin.model import VERBAL_QUADS, Document, EventActor, Mention

LOOKBACK = 3  # sentences a pronoun may look back for the person it refers to
MATERIAL = {"ASSAULT", "COERCE", "MOBILIZE"}  # events that happen with or without a named doer
_BODIES = {"IGO", "UNO", "EUR", "NGO", "IMG", "MNC", "ISM"}
_SPEAKER_PRONOUNS = {"i", "me", "my", "we", "us", "our"}
_NARRATOR = {"i", "me", "my"}
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_POSSESSIVES = {"its", "their"}
_GROUP_PRONOUNS = {"they", "them"}
# "its enemies", "their rivals": the other side of the possessor, not the possessor's own people.
_ADVERSARIES = {"enemies", "enemy", "rivals", "rival", "opponents", "opponent", "adversaries", "adversary", "foes",
                "foe", "critics", "detractors", "neighbours", "neighbors"}
# What an interception destroys ("air defenses downed 40 drones"): the defender's act is no earlier
# telling of the attack, whose unnamed doer is the side that fired them.
_MUNITIONS = {"drone", "drones", "missile", "missiles", "rocket", "rockets", "projectile", "projectiles", "shell",
              "shells", "munition", "munitions", "warhead", "warheads", "uav", "uavs"}
_PAIR = re.compile(r"(the two|both)( \w+)?$")  # "the two leaders", "both sides", "both"
# Acts done where their place is, even when it is named as their recipient ("marched in Kyiv").
_DONE_THERE = MATERIAL | {"PROTEST"}
# Indefinite pronouns standing for local people ("some called her out").
_PEOPLE_WORDS = {"some", "others", "many", "several", "most", "few", "dozens", "hundreds", "thousands"}
# Groups that act where they live: the place of the event tells their country ("police", "lawmakers").
_DOMESTIC = {"COP", "OPP", "PTY", "JUD", "LEG", "JRN", "CVL", "CRM", "BUS", "REF", "MED", "REL", "EDU", "LAB",
             "AGR", "ELI", "HRI", "ENV"}
# A country's own institutions: an unnamed one ("the prosecution", "police") is most likely the
# same country's as the latest one of its kind named before.
_INSTITUTIONS = {"JUD", "COP", "LEG", "OPP", "PTY"}
# Governments and armed forces also act abroad: only the article's main country tells theirs.
_STATE = {"GOV", "MIL", "SPY", "REB"}
_ATTACKS = {"ASSAULT"}  # acts that hit the other side (not arrests and curfews, done at home)
_PLACE_TAGS = {"GPE", "LOC", "FAC", "ORG"}  # entity types a town may come tagged with


def main_country(document: Document, forces: bool = True) -> str | None:
    """The country the article is about: the code with the most mentions, when it has at least
    three and half again as many as the next one. Without `forces`, armed forces' mentions do not
    count: an army fighting abroad says nothing of where the article is."""
    counts: Counter = Counter()
    for e in document.entities:
        if e.code and len(e.code) == 3 and e.code not in _BODIES and (forces or "MIL" not in e.sector):
            counts[e.code] += len(e.mentions)
    top = counts.most_common(2)
    if not top or top[0][1] < 3 or (len(top) > 1 and top[0][1] < 1.5 * top[1][1]):
        return None
    return top[0][0]


class _Article:
    def __init__(self, document: Document, parsed):
        self.document = document
        self.parsed = parsed
        self.sent_starts = [s.start_char for s in nlp.sents(parsed)]
        self.entities = {e.id: e for e in document.entities}
        self.people = sorted(
            (m.start, m.end, e) for e in document.entities if e.type == "PERSON" for m in e.mentions
            if m.text.lower() not in _PERSON_PRONOUNS
        )
        self.people_by_sent: dict[int, list] = {}  # sentence -> (start, entity), in text order
        for start, _, e in self.people:
            self.people_by_sent.setdefault(self.sentence(start), []).append((start, e))
        self.main = main_country(document)
        # sentence -> (start, code, mention) of the country-coded mentions in it (bodies aside)
        self.by_sent: dict[int, list] = {}
        for e in document.entities:
            if e.code and e.code not in _BODIES:
                for m in e.mentions:
                    self.by_sent.setdefault(self.sentence(m.start), []).append((m.start, e.code, m))
        # the first country-coded mention, and where a mention of a second country first starts
        rows = sorted((r for rows in self.by_sent.values() for r in rows), key=lambda r: r[0])
        self.first = rows[0] if rows else None
        self.second_starts = next((r[0] for r in rows if r[1] != rows[0][1]), float("inf"))

    def last_lemma(self, end: int) -> str | None:
        """The lemma of the word that ends at `end` (the last word of a phrase)."""
        idx = nlp.column(self.parsed, "idx")
        i = bisect_right(idx, end - 1) - 1
        return nlp.column(self.parsed, "lemma")[i].lower() if i >= 0 else None

    def sentence(self, offset: int) -> int:
        return bisect_right(self.sent_starts, offset) - 1

    @cached_property
    def main_entity(self) -> str:
        """The id of the main country's most mentioned entity."""
        return max((e for e in self.document.entities if e.code == self.main), key=lambda e: len(e.mentions)).id

    @cached_property
    def main_mention(self) -> Mention:
        """The first mention of the main country's most mentioned entity."""
        return self.entities[self.main_entity].mentions[0]

    def in_quote(self, offset: int) -> bool:
        return any(q.start <= offset < q.end for q in self.document.quotes)

    def quote_speaker(self, offset: int, coded: bool = True):
        for q in self.document.quotes:
            if q.start <= offset < q.end and q.speaker is not None and q.speaker.entity_id:
                ent = self.entities.get(q.speaker.entity_id)
                if ent is not None and (ent.code or not coded):
                    return ent, next((m for m in ent.mentions if m.start < q.start or m.start >= q.end),
                                     ent.mentions[0] if ent.mentions else None)
        return None

    def sentence_codes(self, offset: int) -> set[str]:
        """The country codes of the entities mentioned in the sentence at `offset`."""
        return {code for _, code, _ in self.by_sent.get(self.sentence(offset), ())}

    def only_country(self, offset: int) -> tuple[str | None, Mention | None]:
        """The country of the article so far when it has named only one before `offset`: where
        "police" or "the government" with no country of their own are."""
        if self.first is None or self.first[0] >= offset or self.second_starts < offset:
            return None, None
        return self.first[1], self.first[2]

    def owner_before(self, offset: int, not_codes: frozenset = frozenset()):
        """(entity, mention) of the coded body or country an "its"/"their" at `offset` refers to:
        the nearest one before it in the sentence (of a country not in `not_codes`)."""
        here = self.sentence(offset)
        best = None
        for e in self.document.entities:
            if not e.code or e.type == "PERSON" or e.code in not_codes:
                continue
            for m in e.mentions:
                if m.start < offset and self.sentence(m.start) == here and (best is None or m.start > best[1].start):
                    best = (e, m)
        return best

    def officer_before(self, offset: int, sectors: set[str], title: str = ""):
        """(entity, mention) of the coded person of that sector mentioned most before `offset`,
        the latest first among equals: whom "the president" refers back to. A person whose role
        is that title ("Prime Minister Keir Starmer" for "the prime minister") comes first."""
        counts: Counter = Counter()
        last: dict = {}
        for s, t, e in self.people:
            if s < offset and e.code and set(e.sector) & sectors:
                counts[e.id] += 1
                last[e.id] = (e, s)
        if not counts:
            return None
        roles = {i: _words(last[i][0].role) for i in counts}
        best = max(counts, key=lambda i: (bool(title) and roles[i] == title,
                                          bool(title) and f" {title} " in f" {roles[i]} ", counts[i], last[i][1]))
        e, s = last[best]
        return e, next(m for m in e.mentions if m.start == s)

    def body_before(self, offset: int, sectors: set[str]):
        """(entity, mention) of the latest coded actor of one of these institutional sectors before
        `offset`: "the prosecution" after "a court in Ankara" is the same country's."""
        best = None
        for e in self.document.entities:
            if not e.code or e.code in _BODIES or not set(e.sector) & sectors & _INSTITUTIONS:
                continue
            for m in e.mentions:
                if m.start < offset and (best is None or m.start > best[1].start):
                    best = (e, m)
        return best

    def person_before(self, offset: int):
        """(entity, mention) of the person a pronoun at `offset` refers back to (coded or not)."""
        here = self.sentence(offset)
        same = [(s, e) for s, e in self.people_by_sent.get(here, ()) if s < offset]
        if same:
            s, e = same[-1]
            return e, next(m for m in e.mentions if m.start == s)
        for back in range(1, LOOKBACK + 1):
            found = self.people_by_sent.get(here - back)
            if found:
                s, e = found[0]
                return e, next(m for m in e.mentions if m.start == s)
        return None


def _words(text: str | None) -> str:
    return " ".join((text or "").lower().replace("-", " ").split())


def _is_title(word: str, actor: EventActor) -> bool:
    """'the president', 'the foreign minister': a definite office, one person, no name."""
    from tocsin.actors import dictionaries

    words = word.replace("-", " ").split()  # "the secretary-general"
    people = dictionaries.load(()).people  # nouns that name one person by office
    return (len(words) in (2, 3, 4) and words[0] == "the" and " ".join(words[1:]) in people
            and bool(set(actor.sector) & {"GOV", "MIL", "OPP", "LEG", "JUD", "COP"}))


def _coded(actor: EventActor, code: str, sector, evidence: Mention | None, name: str | None = None) -> EventActor:
    return actor.model_copy(update={"code": code, "sector": list(actor.sector) or list(sector or ()),
                                    "name": actor.name or name, "from_context": True, "evidence": evidence})


def _place_code(art: _Article, event, recipient: bool = False, main: bool = True) -> tuple[str | None, Mention | None]:
    """The country where the event happened, else (`main`) the article's main one; for a recipient,
    not the main country when the event happened at a place of no country ("survivors rescued at sea"),
    nor when it is only the attacker's own (`_attackers_own`)."""
    loc = event.event_loc
    if loc is not None and loc.country and loc.start is not None and not _is_target(loc, event):
        return loc.country, Mention(text=loc.name, start=loc.start, end=loc.end or loc.start)
    if main and art.main and not (recipient and loc is not None and loc.start is not None and not loc.country) \
            and not (recipient and _attackers_own(art, event)):
        return art.main, art.main_mention
    return None, None


def _attackers_own(art: _Article, event) -> bool:
    """Is the article's main country, for what an attack hits, only the attacker's own? It is when
    the article leads with that country because it keeps naming the attacker ("Russian troops
    shelled ..." told twice): the main mention is the attacker's, or the country leads only by its
    armed forces' mentions. Not for domestic forces (police beating protesters hit their own
    people), nor for arrests and other coercion, done at home."""
    if event.event not in _ATTACKS or not art.main:
        return False
    mention = art.main_mention
    # (an attacker itself taken from the context says nothing of what the article leads with)
    own = [a for a in event.actor if a.code == art.main and not a.from_context and not set(a.sector) & _DOMESTIC]
    return bool(own) and (main_country(art.document, forces=False) != art.main or any(
        a.entity_id == art.main_entity or (a.start is not None and a.start <= mention.start < (a.end or a.start))
        for a in own))


def _named_place(art: _Article, event, actor: EventActor) -> tuple[str | None, Mention | None]:
    """The country of a recipient that is itself a place: the event's place when it is that very
    name ("shelled Kupiansk"), else, for what a material act hits, a town the gazetteer knows by
    that name (spaCy tags many towns ORG: any spelling of the town, never a fuzzy guess)."""
    from tocsin.where import gazetteer

    if actor.start is None or actor.sector:
        return None, None
    end = actor.end if actor.end is not None else actor.start
    loc = event.event_loc
    if loc is not None and loc.country and loc.start is not None and actor.start <= loc.start < end:
        stop = loc.end or loc.start
        return loc.country, Mention(text=art.document.text[loc.start:stop], start=loc.start, end=stop)
    ent = art.entities.get(actor.entity_id) if actor.entity_id else None
    if event.event in MATERIAL and ent is not None and ent.type in _PLACE_TAGS:
        place = gazetteer.load().town(actor.text)
        if place is not None and place.country:
            return place.country, Mention(text=actor.text, start=actor.start, end=end)
    return None, None


def _is_target(loc, event) -> bool:
    """Is the place of a verbal or diplomatic act its recipient itself ("Ms Ruiz criticised Greece"),
    not a place inside it ("the parliament in Nairobi")? Then it says where the act was aimed, not
    where the actor is."""
    if event.event in _DONE_THERE:
        return False
    end = loc.end if loc.end is not None else loc.start + 1
    return any(r.start is not None and r.end is not None and loc.start <= r.start and r.end <= end
               for r in event.recipient)


def _fought_for(art: _Article, event, actor: EventActor) -> EventActor:
    """An armed group coded only by its backer ("Moscow-backed separatists") is coded with the
    country it fights in when the event's place gives one; the backer stays the last resort."""
    ent = art.entities.get(actor.entity_id) if actor.entity_id else None
    if ent is None or ent.rule != "backer" or "REB" not in actor.sector:
        return actor
    loc = event.event_loc
    if loc is None or not loc.country or loc.start is None or loc.country == actor.code:
        return actor
    return _coded(actor.model_copy(update={"code": None}), loc.country, (),
                  Mention(text=loc.name, start=loc.start, end=loc.end or loc.start))


def _rebel_country(art: _Article, event) -> tuple[str | None, Mention | None]:
    """Rebels' country: where the event happened, else the one country of the rulers it targets
    ("deposed by rebels": the deposed president's)."""
    loc = event.event_loc
    if loc is not None and loc.country and loc.start is not None:
        return loc.country, Mention(text=loc.name, start=loc.start, end=loc.end or loc.start)
    rulers = [r for r in event.recipient if r.code and r.code not in _BODIES and {"GOV", "ELI"} & set(r.sector)]
    if len({r.code for r in rulers}) == 1 and rulers[0].start is not None:
        r = rulers[0]
        return r.code, Mention(text=r.text, start=r.start, end=r.end or r.start)
    return None, None


def _one(art: _Article, event, actor: EventActor, recipient: bool = False) -> EventActor:
    if actor.code:
        return _fought_for(art, event, actor)
    if recipient:
        code, m = _named_place(art, event, actor)
        if code:
            return _coded(actor, code, (), m)
    at = actor.start if actor.start is not None else event.span[0]  # a speaker named elsewhere has no span
    word = actor.text.lower()
    if word in _SPEAKER_PRONOUNS:
        found = art.quote_speaker(at)
        if found is not None:
            ent, m = found
            return _coded(actor, ent.code, ent.sector, m, ent.name)
        if art.main and any(q.start <= at < q.end for q in art.document.quotes):
            return _coded(actor, art.main, (), art.main_mention)  # a local speaker the text gives no country
        return actor
    if word in _PERSON_PRONOUNS:
        found = art.person_before(at)
        if found is not None and found[0].code:
            ent, m = found
            return _coded(actor, ent.code, ent.sector, m, ent.name)
        if art.main:  # a local person the text gives no country
            return _coded(actor, art.main, (), art.main_mention)
        return actor
    if _is_title(word, actor):  # "the president", "the minister": the office-holder named before
        found = art.officer_before(at, set(actor.sector), _words(word).split(" ", 1)[1])
        if found is not None:
            ent, m = found
            return _coded(actor, ent.code, (), m, ent.name)
    if word.split(" ", 1)[0] in _POSSESSIVES and word.rsplit(" ", 1)[-1] not in _ADVERSARIES:  # "its forces"
        # what an attack hits is rarely the attacker's own: "U.S. aircraft bombed their border post"
        # after "Pakistan said 11 of its soldiers died" is Pakistan's post
        own = frozenset(a.code for a in event.actor if a.code) if recipient and event.event in MATERIAL else frozenset()
        found = art.owner_before(at, own)
        if found is not None:
            ent, m = found
            return _coded(actor, ent.code, (), m)
    ent = art.entities.get(actor.entity_id) if actor.entity_id else None
    named = ent is not None and ent.type in ("PERSON", "ORG", "GROUP")
    if "REB" in actor.sector:  # rebels rise where they live: the place, else the government they fight
        code, m = _rebel_country(art, event)
        if code:
            return _coded(actor, code, (), m)
    if set(actor.sector) & _STATE and not set(actor.sector) & _DOMESTIC:
        if art.main and art.sentence_codes(at) <= {art.main}:  # no other side in the sentence
            return _coded(actor, art.main, (), art.main_mention)
        if not art.main and not art.sentence_codes(at):
            code, m = art.only_country(at)
            if code:
                return _coded(actor, code, (), m)
    elif (named or set(actor.sector) & _DOMESTIC or word.split(" ", 1)[0] in _PEOPLE_WORDS
          or _people_phrase(art, actor)):
        code, m = _place_code(art, event, recipient, main=False)
        found = None if code else art.body_before(at, set(actor.sector))
        if found is not None:  # the court or police named before, whose country the text gave
            code, m = found[0].code, found[1]
        if not code:
            code, m = _place_code(art, event, recipient)
        if not code and not art.sentence_codes(at):
            code, m = art.only_country(at)
        if code:
            return _coded(actor, code, (), m)
    return actor


def _people_phrase(art: _Article, actor: EventActor) -> bool:
    """"dozens of people", "scores of civilians", "a child": ordinary people, who are where the
    event happened (the phrase's last word is a people noun of the actors lexicon)."""
    from tocsin.actors import dictionaries

    lemma = art.last_lemma(actor.end) if actor.end is not None else None
    return bool(lemma) and dictionaries.load(()).sector_noun(lemma) == ("CVL",)


def _narrator(actors: list[EventActor], art: _Article) -> bool:
    """The article's own "I" (the journalist), outside any quote."""
    return (len(actors) == 1 and actors[0].text.lower() in _NARRATOR and not actors[0].code
            and actors[0].start is not None and not art.in_quote(actors[0].start))


def _no_one(art: _Article, actor: EventActor) -> bool:
    """A phrase that names no party: no code, sector or entity, headed by a singular common noun
    that is no person or group noun of the actors lexicon ("such animus", "the right", "her courage")."""
    from tocsin.actors import dictionaries

    if actor.code or actor.sector or actor.entity_id or actor.start is None or actor.end is None:
        return False
    span = art.parsed.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return (root.tag_ == "NN" and not root.ent_type_
            and dictionaries.load(()).sector_noun(root.lemma_.lower()) is None)


def _no_actor(actors: list[EventActor], art: _Article) -> bool:
    """Nothing that could act: no party, or only phrases with no code or sector that name no
    person ("the missiles", "The Scud")."""
    def inert(a: EventActor) -> bool:
        ent = art.entities.get(a.entity_id) if a.entity_id else None
        return not a.code and not a.sector and a.text.lower() not in _PERSON_PRONOUNS and (
            ent is None or ent.type != "PERSON")

    return all(inert(a) for a in actors)


def fill(document: Document, parsed) -> None:
    """Code, from the rest of the article, the event actors and recipients their sentence leaves
    uncoded."""
    art = _Article(document, parsed)
    events = sorted(document.events, key=lambda e: e.span[0])
    implicit = [e for e in events if e.event in MATERIAL and not any(a.code for a in e.actor)
                and _no_actor(e.actor, art)]
    skip = {id(e) for e in implicit}
    for n, event in enumerate(events):
        pair = _pair_before(art, events, n)
        if pair:  # "the two ministers", "both leaders": the two parties of the latest meeting
            event.actor = pair
            continue
        if not any(a.code for a in event.actor) and id(event) not in skip:
            event.actor = [_group_before(art, events, n, a) or _one(art, event, a) for a in event.actor]
    for event in events:  # a speech act inside a quote with no actor of its own: the speaker's
        if id(event) not in skip and _verbal(event) and not any(a.code for a in event.actor) \
                and _no_actor(event.actor, art):
            at = event.event_span[0] if event.event_span else None
            found = art.quote_speaker(at, coded=False) if at is not None else None
            if found is not None:
                ent, m = found
                speaker = EventActor(text=m.text, name=ent.name, code=ent.code, sector=list(ent.sector),
                                     entity_id=ent.id, from_context=True, evidence=m)
                event.actor = [speaker if ent.code else _one(art, event, speaker)]  # a local speaker: the place's
        if _narrator(event.actor, art) or (event.actor and all(_no_one(art, a) for a in event.actor)):
            event.actor = []  # "when I asked him": the writer of the article is no party; "such animus" none
    position = {id(e): n for n, e in enumerate(events)}
    for event in implicit:  # last, from the events coded above
        n = position[id(event)]
        # the same attack told again: the nearest earlier telling, else the next one
        event.actor = (_implicit(event, events[:n]) or _implicit(event, events[n + 1 :][::-1])
                       or [_one(art, event, a) for a in event.actor])
    for event in events:  # last, so that no victim stands in for the other side of the fighting
        event.actor = [_fought_for(art, event, a) for a in event.actor]
        event.recipient = [_one(art, event, r, recipient=True) for r in event.recipient]  # "clashed with police"


def _verbal(event) -> bool:
    """Is the event a verbal one (PLOVER quads 1 and 3), which a quote's speaker performs by saying
    it? A material act told in a quote ("tribesmen have joined the forces") is not the speaker's."""
    from tocsin.events.ontology import ontology

    return ontology().quad(event.event) in VERBAL_QUADS


def _pair_before(art: _Article, events: list, n: int) -> list[EventActor]:
    """"The two ministers agreed": the coded actors of the nearest earlier event with two parties
    of two countries, at most LOOKBACK sentences back; [] when the actor is no such phrase."""
    event = events[n]
    if len(event.actor) != 1 or not _PAIR.match(event.actor[0].text.lower()):
        return []
    here = art.sentence(event.span[0])
    for prev in reversed(events[:n]):
        if here - art.sentence(prev.span[0]) > LOOKBACK:
            return []
        coded = [a for a in prev.actor if a.code]
        if len(coded) == 2 and coded[0].code != coded[1].code:
            word = event.actor[0]
            return [EventActor(text=word.text, name=a.name, code=a.code, sector=list(a.sector), entity_id=a.entity_id,
                               start=word.start, end=word.end, from_context=True,
                               evidence=Mention(text=a.text, start=a.start or 0, end=a.end or 0)) for a in coded]
    return []


def _group_before(art: _Article, events: list, n: int, actor: EventActor) -> EventActor | None:
    """"they"/"them": the coded group (no person) acting in the nearest earlier event, at most
    LOOKBACK sentences back ("hundreds of farmers gathered in Dodoma. ... they chanted")."""
    if actor.code or actor.text.lower() not in _GROUP_PRONOUNS:
        return None
    at = actor.start if actor.start is not None else events[n].span[0]
    here = art.sentence(at)
    for prev in reversed(events[:n]):
        if here - art.sentence(prev.span[0]) > LOOKBACK:
            return None
        for a in prev.actor:
            ent = art.entities.get(a.entity_id) if a.entity_id else None
            person = (ent is not None and ent.type == "PERSON") or a.text.lower() in _PERSON_PRONOUNS | _SPEAKER_PRONOUNS
            if a.code and not person and a.start is not None and a.start < at:
                return _coded(actor, a.code, a.sector, Mention(text=a.text, start=a.start, end=a.end or a.start),
                              a.name)
    return None


def _implicit(event, others: list) -> list[EventActor]:
    """The coded actors of the nearest of `others` (latest last) of the same type, unless they are
    this event's own recipients (the other side of the fighting)."""
    targets = {a.code for a in event.recipient if a.code}
    for prev in reversed(others):
        coded = [a for a in prev.actor if a.code]
        if prev.event == event.event and coded and not {a.code for a in coded} & targets \
                and not _interception(prev):
            return [EventActor(text=a.text, name=a.name, code=a.code, sector=list(a.sector), entity_id=a.entity_id,
                               from_context=True,
                               evidence=a.evidence or Mention(text=a.text, start=a.start or 0, end=a.end or 0))
                    for a in coded]
    return []


def _interception(event) -> bool:
    """Every recipient of the event is a weapon fired ("shot down 30 missiles and 12 drones")."""
    return bool(event.recipient) and all(r.text.lower().rsplit(" ", 1)[-1] in _MUNITIONS for r in event.recipient)
