"""Who did it to whom: the actor and recipient phrases of a trigger, read off the parse.

Actor: subject, agent of a passive, possessor/adjective of a nominal ("American drone strikes",
not an adjective of kind: "an official visit"), the subject of the clause a complement hangs from
("began striking", "it was ready to free"), the traveller of a purpose phrase ("flew to Kabul for
talks"), the party behind a hyphenated participle ("a Saudi-led strike"); a weapon or event noun as
subject stands for its author ("a Turkish drone strike killed" -> Turkish; "a car bomb" -> unknown).
An agentless passive of a state act notes its named country ("was arrested in Niger").
A pronoun subject of reported speech is noted with its speaker (tocsin.events.speakers).
Recipient: object, passive subject, prepositional object ("against", "on", "with"...), dative
("offered X safe passage"); the author of an event noun or text ("accepted the AU's roadmap",
"a plan put forward by Nigeria"); the party across a border ("the border with X"); read off the
trigger's own object: the people it names ("accepted 3,000 refugees"), the party it is aimed at
("dropped the charges against X"), its patient ("ordered the arrest of X") or owner ("suspended
Gabon's membership", "banned imports of Norwegian salmon"); the subject of a for-to clause ("gave
approval for X to") or of the condition of a refusal ("will not end the strike until X pays");
last, a named place ("sought refuge in Chad", "pledged $60m to rebuild hospitals in Gaza").
Coordinated phrases give several actors (PLOVER compound actors).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tocsin.actors.dictionaries import load as actor_dictionaries
from tocsin.actors.members import inclusion_words, lists_members, members
from tocsin.events.lexicon import Lexicon
from tocsin.events.matcher import Trigger
from tocsin.events.speakers import reported_speaker, speaking_state
from tocsin.events.syntax import (
    ACTOR_ENTS,
    children,
    direct_object,
    first_child,
    governing_verb,
    hyphen_prefix,
    is_actorish,
    is_passive,
    lemma,
    passive_agents,
    passive_partner,
    prep_objects,
    shared_object,
    small_clause,
    small_clause_subject,
    subject,
)

_DROP_FROM_PHRASE = {"conj", "cc", "relcl", "appos", "punct", "advcl", "parataxis", "acl", "case"}
_DEFAULT_PREPS = ("against", "on", "at", "with", "to", "upon", "into")


@dataclass
class Arguments:
    actors: list  # head tokens
    recipients: list
    guessed: bool = False  # an argument came from a parse repair, not a clean dependency
    # Pronoun actor index -> (speaker, addressee) of the reporting verb above it ("X said it would"):
    # the events stage puts the speaker in when the pronoun fits it (tocsin.events.speakers).
    speakers: dict = field(default_factory=dict)
    # An agentless passive of a state act: the named country where it happened (tocsin.events
    # codes it and takes the country as actor, with lower confidence, when it is one).
    state_place: object = None


def phrase(head, exclude: set[int] = frozenset()):
    """The noun phrase of a head token: its subtree without coordinated, relative or appositive parts."""
    keep = [head]
    stack = [c for c in head.children]
    name = _title_name(head)
    heads = {head.i} if name is None else {head.i, name.i}
    while stack:
        tok = stack.pop()
        if tok.i in exclude or (tok.head.i in heads and (tok.dep_ in _DROP_FROM_PHRASE or _lists_members(tok)
                                                          or _of_deed(tok))
                                and not (name is not None and tok.i == name.i)):
            continue
        keep.append(tok)
        stack.extend(tok.children)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    span = head.doc[start:end]
    # Trim leading/trailing punctuation, quotes and the line breaks that end a paragraph.
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span


def _title_name(tok):
    """The name a title is parsed as apposed to with no comma between ("US President Barack Obama":
    President <- appos Obama): part of the same phrase, and what is coordinated with it is coordinated
    with the title ("President Obama and President Sisi met")."""
    for a in tok.children:
        if a.dep_ == "appos" and a.i > tok.i and a.pos_ == "PROPN" \
                and not any(t.is_punct for t in tok.doc[tok.i + 1:a.left_edge.i]) and not a.left_edge.is_punct:
            return a
    return None


def _of_deed(prep) -> bool:
    """"accused by its rivals | of seeking to ...": an "of" + gerund the parser hangs from the
    party names what the party is accused of, not who it is."""
    return prep.dep_ == "prep" and prep.lower_ == "of" and any(
        c.dep_ == "pcomp" and c.pos_ == "VERB" for c in prep.children)


def with_conjuncts(tok) -> list:
    """A head and the heads coordinated with it ("Kuwait and its allies" -> Kuwait, allies), or,
    for a modifier standing for the actor of an event noun, the modifiers coordinated with it
    ("American and British strikes" -> American, British). Each is one party of a compound actor;
    `phrase` leaves the others out of each one's words, so none is counted twice."""
    kinds = ("NOUN", "PROPN", "PRON")
    if tok.dep_ in ("amod", "compound", "nmod") and tok.head.i > tok.i:
        kinds += ("ADJ",)
    out = [tok] + _possessors_before(tok)
    name = _title_name(tok)
    for c in (*tok.conjuncts, *(name.conjuncts if name is not None else ())):
        if c.pos_ in kinds and c not in out:
            out.append(c)
    # "Ghana's neighbours, including Togo and Benin": the members named are the parties,
    # standing for the group (which has no country of its own).
    listed = [m for m in members(tok, inclusion_words()) if m.pos_ in ("NOUN", "PROPN")]
    if listed:
        out = [t for t in out if t.i != tok.i]
        out += [m for m in listed if m not in out]
    return sorted(out, key=lambda t: t.i)


def _lists_members(tok) -> bool:
    """"including X and Y" after a group: the phrase that names its members."""
    return lists_members(tok, inclusion_words())


def _possessors_before(poss) -> list:
    """Parse repair: "Russia and China's veto" is parsed as Russia coordinated with "veto", China
    its only possessor; the parties before the possessor share it."""
    noun = poss.head
    if poss.dep_ != "poss" or noun.dep_ != "conj" or noun.head.i >= poss.i:
        return []
    first = noun.head
    between = poss.doc[first.i + 1:poss.left_edge.i]
    if not any(t.dep_ == "cc" for t in between) or any(t.pos_ in ("VERB", "AUX", "ADP") for t in between):
        return []
    return [first] + [c for c in first.conjuncts if c.i < poss.i and c.i != noun.i and c.pos_ in ("PROPN", "NOUN")]


def clause_subject(verb, lex: Lexicon, depth: int = 0):
    """The actor of a verb: its subject, the agent of a passive, or the subject it inherits."""
    if depth > 5 or verb is None:
        return None, False
    if is_passive(verb):
        agents = passive_agents(verb)
        if agents:
            return agents[0], False
        # A measure declared by someone with no agent of its own is the declarer's act.
        if verb.dep_ in ("ccomp", "xcomp", "conj") and lemma(verb.head) in lex.grammar.declarative:
            return clause_subject(verb.head, lex, depth + 1)
        # "protested and was arrested": the subject the passive shares undergoes it, acting in none
        return None, False
    subj = subject(verb)
    if subj is not None:
        if subj.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            antecedent = verb.head
            if subj.lower_ == "who" and antecedent.dep_ == "pobj" and antecedent.head.head.pos_ in ("NOUN", "PROPN") \
                    and not is_actorish(antecedent, lex.grammar.actor_nouns):
                # "militants in the Rafah area who had opened fire": "who" is the militants, not the area
                antecedent = antecedent.head.head
            return antecedent, False
        cleft = _cleft_focus(verb) if subj.lower_ in ("who", "that") else None
        if cleft is not None:
            return cleft, False
        return subj, False
    head = verb.head
    dep = verb.dep_
    if head.i == verb.i:
        return _left_neighbour(verb), True
    if dep == "xcomp" and is_passive(head) and lemma(head) in lex.grammar.sets.get("raising_passives", ()):
        # "Iran is believed to be arming the rebels": the passive's subject does the complement;
        # "denies it but is said to be arming them": the subject it shares with the verb it is joined to
        raised = first_child(head, "nsubjpass")
        if raised is not None:
            return raised, False
        if head.dep_ == "conj" and head.head.pos_ in ("VERB", "AUX"):
            return clause_subject(head.head, lex, depth + 1)
    if dep == "xcomp":
        # Object control: "ordered troops to fire" -> troops.
        if lemma(head) in lex.grammar.object_control:
            obj = direct_object(head)
            if obj is not None:
                return obj, False
        return clause_subject(head, lex, depth + 1)
    if dep in ("acomp", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        # "it was ready to free": an adjective's subject is its copula's.
        return clause_subject(head, lex, depth + 1)
    if dep == "conj" and lemma(head) in lex.grammar.reporting and not _coordinated(verb):
        # "it has emerged Trump offered": the reporting verb's subject is no actor of the event
        # (but "X said ... and warned": a verb joined by "and" keeps the first verb's subject).
        return _left_neighbour(verb), True
    if dep in ("conj", "advcl", "ccomp") and head.pos_ in ("VERB", "AUX"):
        if dep == "advcl" and first_child(verb, "mark") is not None and verb.tag_ != "VBG":
            return _left_neighbour(verb), True
        if dep in ("advcl", "conj") and verb.tag_ in ("VBD", "VBZ", "VBP"):
            stray = _stray_subject(verb)
            if stray is not None:  # "urged restraint after a drone attack killed nine": not the urger
                return (instrument_author(stray, lex) if is_instrument(stray, lex) else stray), True
        if dep == "conj" and head.tag_ != verb.tag_ and _coordinated(verb):
            partner = _finite_partner(verb)
            if partner is not None:
                return clause_subject(partner, lex, depth + 1)
        return clause_subject(head, lex, depth + 1)
    if dep == "pcomp":  # "by asking for", "after hitting"
        gov = head.head
        if gov.pos_ in ("VERB", "AUX"):
            return clause_subject(gov, lex, depth + 1)
        if gov.pos_ == "ADJ" and gov.head.i != gov.i:  # "are guilty of violating"
            return clause_subject(gov.head, lex, depth + 1)
        if gov.pos_ in ("NOUN", "PROPN"):
            poss = first_child(gov, "poss")
            return poss, False
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ == "VBG":  # "troops firing on protesters"
            return head, False
        if verb.tag_ in ("VBD", "VBZ") and head.head.i == head.i:
            # Parse repair: "The council resolution, which was passed on Tuesday, called for a
            # truce" is parsed with the noun as root and the finite verb as its clause.
            return head, False
        if verb.tag_ == "VBN" and not any(c.dep_ == "poss" for c in head.children):
            # "a coalition supported by the US": the agent acts; "Americans killed": the noun suffers
            agents = [o for _, o in prep_objects(verb, ("by",))]
            return (agents[0] if agents else None), False
        poss = first_child(head, "poss")  # "Russia's decision to expel"
        if poss is not None:
            return poss, False
    if dep == "relcl":
        return head, False
    return _left_neighbour(verb), True


def _cleft_focus(verb):
    """"It is Valdoria that launched the strikes", "it was police who fired": the focus of a cleft
    sentence (the parser hangs the clause from "is" and its subject is the relative pronoun)."""
    head = verb.head
    if verb.dep_ not in ("ccomp", "relcl") or lemma(head) != "be":
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children):
        return None
    focus = first_child(head, "attr")
    return focus if focus is not None and focus.i < verb.i and focus.pos_ in ("PROPN", "NOUN") else None


def _sufferers(trig: Trigger, lex: Lexicon) -> list:
    """"Two soldiers died in a rocket attack": the subject of a verb saying what befell it (grammar
    `patient_verbs`: die, perish...) whose "in"/"during"/"from" phrase is the event noun."""
    noun = trig.frame if trig.frame is not None else trig.head
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "from"):
        return []
    # .sets.get: a user's grammar may not name the list at all
    if lemma(prep.head) not in lex.grammar.sets.get("patient_verbs", frozenset()) or is_passive(prep.head):
        return []
    return [s for s in children(prep.head, "nsubj") if s.pos_ in ("NOUN", "PROPN", "PRON")]


def _undergoing_verb(trig: Trigger, lex: Lexicon):
    """The verb whose subject suffers the event noun it governs (grammar `undergo_verbs`: "face"
    for "faces sanctions", "come under" for "came under fire"), or None."""
    noun = trig.frame if trig.frame is not None else trig.head
    wanted = lex.grammar.sets.get("undergo_verbs", frozenset())
    if noun.dep_ == "dobj":
        return noun.head if lemma(noun.head) in wanted else None
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in ("VERB", "AUX"):
        verb = prep.head
        return verb if f"{lemma(verb)} {prep.lower_}" in wanted else None
    return None


def _dateline(tok) -> bool:
    """"DUBLIN — She has slammed ...": the place a dispatch was filed from, in capitals before a dash."""
    doc = tok.doc
    return tok.is_upper and len(tok) > 1 and tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("—", "–", "-", "--") \
        and all(t.is_upper or t.is_punct or t.is_space for t in doc[tok.sent.start:tok.i])


# Subordinators the parser may read as prepositions, leaving the clause's subject as their object.
_SUBORDINATORS = ("after", "before", "since", "until", "till", "as", "while", "when", "because")


def _stray_subject(verb):
    """Parse repair: "after a drone attack killed nine", parsed with "after" as a preposition whose
    object is the attack and "killed" as a clause with no subject: that object, when its phrase ends
    right before the verb."""
    doc = verb.doc
    if verb.i == 0:
        return None
    cur = doc[verb.i - 1]
    for _ in range(8):
        if cur.dep_ == "pobj" and cur.head.lower_ in _SUBORDINATORS and cur.right_edge.i == verb.i - 1:
            return cur
        if cur.head.i == cur.i or cur.head.i >= verb.i:
            return None
        cur = cur.head
    return None


def _coordinated(verb) -> bool:
    """A conjunct verb joined by a conjunction of its own ("said ... and warned")."""
    return any(c.dep_ == "cc" and c.head.i == verb.head.i and verb.head.i < c.i < verb.i
               for c in verb.head.children)


def _finite_partner(verb):
    """Parse repair: "said the deal would fail and warned", "stating that X is being exploited and
    warned": a finite verb the parser joined to a verb of another form nested in a complement is
    the conjunct of the nearest verb of its own form above."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    up = verb.head
    for _ in range(4):
        if up.head.i == up.i:
            return None
        up = up.head
        if up.pos_ in ("VERB", "AUX") and up.tag_ == verb.tag_:
            return up
    return None


def _deployed_force(verb, lex: Lexicon):
    """"Riot police were deployed", "US troops deployed in Syria": with no one named as sending it,
    the force moved is the actor of its own deployment (lexicon key `passive_actor`)."""
    if not is_passive(verb) and not (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return None
    force = first_child(verb, "nsubjpass") if verb.dep_ != "acl" else verb.head
    if force is not None and force.pos_ != "PRON" and is_actorish(force, lex.grammar.actor_nouns):
        return force
    return None


def _after_dateline(dateline):
    """The subject that follows a dateline's dash ("DUBLIN — She has ..."), if the next words hold one."""
    doc = dateline.doc
    for tok in doc[dateline.i + 2:min(dateline.i + 6, dateline.sent.end)]:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("PRON", "PROPN", "NOUN"):
            return tok
    return None


def _left_neighbour(verb):
    """Parse repair: a noun right before a verb that lost its subject ("it emerged Trump offered")."""
    i = verb.i - 1
    doc = verb.doc
    while i >= verb.sent.start and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i >= verb.sent.start and doc[i].pos_ in ("PROPN", "NOUN") and doc[i].dep_ not in ("compound", "amod"):
        return doc[i]
    return None


def _nominal_actor(noun, trig: Trigger, lex: Lexicon):
    """"Russia's attack", "an attack by Russia", "a Taliban attack", "American drone strikes"."""
    nouns = [noun] if trig.frame is None else [noun, trig.frame]
    for n in nouns:
        poss = first_child(n, "poss")
        if poss is not None and _possessor_undergoes(n, lex):
            continue  # "Khan's arrest": Khan is arrested
        if poss is not None:
            # "continued their attacks", "reiterated Turkey's support": the clause subject speaks.
            if trig.light is not None and subject(trig.light) is not None and not is_passive(trig.light):
                return subject(trig.light)
            return poss
    for n in nouns:
        agents = [o for _, o in prep_objects(n, trig.entry.actor_preps)]
        if agents:
            return agents[0]
    for n in nouns:
        found = _ordered_by(n, lex)
        if found is not None:
            return found
    mode_words = {k for k, _ in trig.entry.mode_modifiers} | (trig.entry.modifier or frozenset())
    for n in nouns:
        found = _modifier_actor(n, lex, mode_words, skip=trig.head.i)
        if found is not None:
            return found
    return None


def _ordered_by(noun, lex: Lexicon):
    """Who ordered the act an event noun names: "the arrests ordered by a judge", "the jailing,
    which was ordered by the court", "the jailing of Zuma, as ordered by the court" (the "as" clause
    hangs on the main verb but follows the noun's phrase)."""
    verbs = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
    doc, after = noun.doc, noun.right_edge.i + 1
    while after < len(doc) and doc[after].is_punct:
        after += 1
    if after < len(doc) and doc[after].lower_ == "as" and doc[after].head.dep_ == "advcl":
        verbs.append(doc[after].head)
    for verb in verbs:
        if lemma(verb) in lex.grammar.ordering_verbs:
            for agent in (c for c in verb.children if c.dep_ == "agent"):
                obj = first_child(agent, "pobj")
                if obj is not None:
                    return obj
    return None


def _possessor_undergoes(noun, lex: Lexicon) -> bool:
    """"Khan's arrest": the possessor is arrested; "the junta's arrest of Khan": the possessor arrests,
    since the "of" object already names who undergoes it."""
    return lemma(noun) in lex.grammar.patient_possessor_nouns and not prep_objects(noun, ("of",))


# Named things, not parties: "a Hellfire missile strike", "the Scud attack".
_THING_ENTS = {"PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "LANGUAGE"}


def _modifier_actor(noun, lex: Lexicon, skip_words=frozenset(), skip: int = -1):
    """The party a modifier of an event noun names: "American drone strikes" (one level down too:
    American modifies drone), "a Saudi-led strike" (the party behind an agentive participle)."""
    mods = [m for m in noun.children if m.dep_ in ("amod", "compound", "nmod") and m.i < noun.i]
    for mod in sorted(mods, key=lambda m: -m.i):
        behind = agent_of_participle(mod, lex)
        if behind is not None:
            return behind
        cands = [mod] + sorted((c for c in mod.children if c.dep_ in ("amod", "compound")), key=lambda c: -c.i)
        for cand in cands:
            if cand.lemma_.lower() not in skip_words and cand.i != skip and not _kind_word(cand, lex) \
                    and cand.ent_type_ not in _THING_ENTS and not _stance_prefixed(cand, lex) \
                    and is_actorish(cand, lex.grammar.actor_nouns):
                return cand
    return None


def _stance_prefixed(tok, lex: Lexicon) -> bool:
    """"anti-government protest", "pro-Russian rally": the party after "anti-"/"pro-" is what the
    event is against or for, never who does it."""
    prefix = hyphen_prefix(tok)
    return bool(prefix) and prefix[0].lower_ in lex.grammar.stance_prefixes


def agent_of_participle(mod, lex: Lexicon):
    """"Saudi-led", "US-brokered": the party before the hyphen of an agentive participle, or None."""
    if lemma(mod) not in lex.grammar.agentive_participles and mod.lower_ not in lex.grammar.agentive_participles:
        return None
    for c in sorted(mod.children, key=lambda c: -c.i):
        if c.i < mod.i and c.dep_ in ("npadvmod", "compound", "nmod", "amod", "nsubj") \
                and is_actorish(c, lex.grammar.actor_nouns):
            return c
    return None


def instrument_author(noun, lex: Lexicon):
    """The subject of a trigger that is a weapon or an event itself ("a car bomb wounded",
    "an Israeli airstrike killed") is no party: it stands for its author, read off its possessor,
    "by" agent or modifier, else unknown (None)."""
    return _possessor_or_agent(noun) or _modifier_actor(noun, lex)


def _possessor_or_agent(noun):
    """The possessor of a noun ("the AU's roadmap") or its "by" agent ("an attack by rebels")."""
    poss = first_child(noun, "poss")
    if poss is not None:
        return poss
    agents = [o for _, o in prep_objects(noun, ("by",))]
    return agents[0] if agents else None


def is_instrument(tok, lex: Lexicon) -> bool:
    """A weapon or an event noun heading a subject ("a car bomb", "the strike"), not a party."""
    if tok.pos_ != "NOUN" or is_actorish(tok, lex.grammar.actor_nouns) or lemma(tok) in lex.grammar.person_nouns:
        return False
    return lemma(tok) in lex.grammar.instrument_nouns or bool(lex.candidates("noun", lemma(tok)))


def state_place(verb, lex: Lexicon):
    """"was arrested in Niger", "were deported from Ethiopia": the named place of an agentless
    passive of an act only a state does (grammar state_acts), whose government is taken as the
    actor; None otherwise."""
    if lemma(verb) not in lex.grammar.state_acts or not is_passive(verb):
        return None
    for _, obj in prep_objects(verb, tuple(lex.grammar.state_act_preps)):
        if obj.ent_type_ == "GPE":
            return obj
    return None


def head_conjunct(noun):
    """The first noun of a coordination `noun` belongs to, or None when it is the first."""
    cur = noun
    while cur.dep_ == "conj" and cur.head.pos_ == "NOUN" and cur.head.i < cur.i:
        cur = cur.head
    return cur if cur.i != noun.i else None


def _errand(noun, lex: Lexicon):
    """The motion verb whose purpose an event noun names: "flew to Kabul for consultations with",
    "gathered in the capital for a protest", "arrived on a state visit". Its subject is the actor."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("for", "on"):
        return None
    verb = prep.head
    if verb.pos_ in ("VERB", "AUX") and lemma(verb) in lex.grammar.errand_verbs and not is_passive(verb):
        return verb
    return None


# Material acts a verb can be done "with" ("responded with airstrikes", "pounded the town with shelling").
_INSTRUMENT_EVENTS = {"ASSAULT", "COERCE", "SANCTION"}
_STRIKING_EVENTS = {"ASSAULT"}  # acts that hit what they are done to


def _means(noun, lex: Lexicon):
    """The active verb (grammar `means_verbs`) an event noun is the means of ("retaliated with a wave
    of strikes", "led the charge with strikes on X"): its subject does the act."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "with":
        return None
    verb = prep.head
    # .sets.get: a user's grammar may not name the list at all
    wanted = lex.grammar.sets.get("means_verbs", frozenset())
    return verb if verb.pos_ == "VERB" and lemma(verb) in wanted and not is_passive(verb) else None


def _it_stands_for(verb, it, lex: Lexicon):
    """"It" subject of a clause joined to an earlier one: the earlier clause's subject when that is a
    text ("The resolution named no deadline, though it called for a truce") or a state or body
    ("Oman rejects the charges, but ties stay strained, and it has restored full ties with
    Damascus"), the nearest such first; else None."""
    cur = verb
    for _ in range(3):
        if cur.dep_ not in ("advcl", "conj") or cur.head.i == cur.i:
            return None
        cur = cur.head
        main = subject(cur)
        if main is None or main.i > it.i or main.pos_ == "PRON":
            continue
        if lemma(main) in lex.grammar.authored_nouns or main.ent_type_ in ("GPE", "ORG", "NORP"):
            return main
    return None


def held_responsible(noun, blaming: frozenset = frozenset()):
    """The party said to be responsible for an event noun: "Velmora was responsible for the attack",
    "named Varga as being responsible for his arrest", "the group responsible for the bombing", and
    with `blaming` verbs "blamed the strike on Kyiv", "a strike on a dormitory, which Moscow blamed on Kyiv"."""
    blamed = _blamed_on(noun, blaming) if blaming else None
    if blamed is not None:
        return blamed
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or lemma(prep.head) != "responsible":
        return None
    adj = prep.head
    if adj.dep_ == "amod" and adj.head.pos_ in ("NOUN", "PROPN"):
        return adj.head
    if adj.dep_ == "amod" and adj.head.lower_ == "as" and adj.head.head.pos_ == "VERB":
        return direct_object(adj.head.head)  # "named X as responsible for"
    if adj.dep_ == "oprd" and adj.head.pos_ == "VERB":
        return direct_object(adj.head)
    if adj.dep_ != "acomp":
        return None
    verb = adj.head
    subj = subject(verb)
    if subj is not None:
        return _relative_antecedent(subj)
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.pos_ == "VERB":
        return direct_object(verb.head.head)  # "named X as being responsible for"
    return None


def _blamed_on(noun, blaming: frozenset):
    """The object of "on" of a blaming verb whose object is the noun, or a relative pronoun standing
    for it (the parser may hang the clause on any noun of its phrase: "a strike on a dormitory in
    eastern Ukraine, which Moscow blamed on Kyiv")."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "for" and lemma(prep.head) in blaming:
        return direct_object(prep.head)  # "blamed Russia for the attack"
    verbs = [noun.head] if noun.dep_ == "dobj" else []
    verbs += [c for h in noun.subtree if h.pos_ in ("NOUN", "PROPN") for c in h.children if c.dep_ == "relcl"
              and any(w.dep_ == "dobj" and w.lower_ in ("which", "that") for w in c.children)]
    for verb in verbs:
        if lemma(verb) in blaming:
            found = [o for _, o in prep_objects(verb, ("on",))]
            if not found and verb is noun.head:
                # "blamed the bombing of the market on the rebels", its "on" hung inside the object
                found = [o for p in noun.subtree if p.dep_ == "prep" and p.lower_ == "on"
                         for o in p.children if o.dep_ == "pobj"][-1:]
            if found:
                return found[0]
    return None


def _next_prep(noun, preps) -> list:
    """Parse repair: a (prep, pobj) right after the noun's phrase but attached higher up ("the border
    | with Azerbaijan" hung from the verb)."""
    doc = noun.doc
    nxt = noun.right_edge.i + 1
    if nxt < noun.sent.end and doc[nxt].lower_ in preps and doc[nxt].dep_ == "prep" and doc[nxt].head.i != noun.i:
        obj = first_child(doc[nxt], "pobj")
        if obj is not None:
            return [(doc[nxt], obj)]
    return []


def _kind_word(tok, lex: Lexicon) -> bool:
    """A modifier saying what kind of event it is, not whose ("an official visit", "a military drill")."""
    return lemma(tok) in lex.grammar.kind_modifiers or tok.lower_ in lex.grammar.kind_modifiers


def owner(noun, lex: Lexicon):
    """Whose event noun or text this is: "the AU's roadmap", "an attack by rebels", "the allegations
    made by Moldova", "a Security Council resolution", "the Iranian offer". None if nobody's."""
    found = _possessor_or_agent(noun)
    if found is not None:
        return found
    # A named actor modifying the noun (the tagger's PROPN alone is no evidence: "a landmark deal").
    mods = [m for m in noun.children if m.dep_ in ("amod", "compound", "nmod") and m.i < noun.i]
    for mod in sorted(mods, key=lambda m: -m.i):
        if not _kind_word(mod, lex) and mod.ent_type_ in ACTOR_ENTS:
            return mod
    # "made by", "put forward by"; also on an of-complement ("the allegations of interference made by").
    nouns = [noun] + [o for _, o in prep_objects(noun, ("of",))]
    agents = [o for n in nouns for participle in children(n, "acl") if participle.tag_ == "VBN"
              for _, o in prep_objects(participle, ("by",))]
    return agents[0] if agents else None


def issuer(noun, lex: Lexicon):
    """Who put out a text that is the object of a verb of issuing ("Amnesty published a report
    accusing the army", "the council adopted a resolution condemning the raid"), or None."""
    verb = noun.head if noun.dep_ == "dobj" else None
    if verb is None or lemma(verb) not in lex.grammar.issuing_verbs or is_passive(verb):
        return None
    found, guessed = clause_subject(verb, lex)
    return None if guessed else found


# Places are recipients only when nothing else is ("declared a state of emergency in the province").
LOCATIVE_PREPS = ("in", "at", "near", "inside", "outside", "along", "across", "within", "off", "around")
_NOT_ARGUMENT_ENTS = {"DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "ORDINAL", "QUANTITY"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_TIME_ENTS = {"DATE", "TIME"}  # a number may head a party ("Thousands gathered"); a date never does


def is_party(tok, g) -> bool:
    """Could this token head a phrase naming a party an act is done to: an actor, a person, or
    people and bodies ("refugees", "passengers", "three banks")?"""
    return is_actorish(tok, g.actor_nouns) or lemma(tok) in g.person_nouns or lemma(tok) in g.party_nouns


def party_of(tok, g, of: bool = True):
    """The party a phrase names or belongs to: itself when it is a party, else its owner: a
    possessor ("Gabon's membership"), a named or demonym modifier ("Norwegian salmon"), a named
    of-complement ("the enclave of Tigray"). None for a pronoun, a number, a date, or nobody's thing."""
    if tok.ent_type_ == "CARDINAL" or tok.pos_ == "NUM" or (tok.pos_ == "PRON" and tok.lower_ in ("one", "some")):
        # "hundreds of banks", "one of the two men": the party is the of-complement.
        inner = [o for _, o in prep_objects(tok, ("of",))]
        return party_of(inner[0], g, of) if inner else None
    if tok.ent_type_ in _NOT_ARGUMENT_ENTS or tok.pos_ in ("VERB", "PRON"):
        return None
    if is_party(tok, g):
        return tok
    poss = first_child(tok, "poss")
    if poss is not None and poss.pos_ != "PRON" and is_party(poss, g):
        return poss
    mods = [m for m in tok.children if m.dep_ in ("amod", "compound", "nmod") and m.i < tok.i
            and m.ent_type_ in ACTOR_ENTS]
    if mods:
        return mods[-1]
    if of and tok.tag_ != "VBG":
        for _, o in prep_objects(tok, ("of",)):
            if o.ent_type_ in ACTOR_ENTS:
                return o
    return None


def is_place(tok) -> bool:
    """A named place ("Chad", "the Gaza Strip", "the Juba airport": a name tagged as a person too)."""
    return tok.ent_type_ in _PLACE_ENTS or (tok.pos_ == "NOUN" and tok.ent_type_ not in _NOT_ARGUMENT_ENTS and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children))


def _own_side(tok, g) -> bool:
    """"their weapons", "its troops": the actor's own people or things, not a party acted on."""
    return lemma(tok) in g.subordinate_nouns or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def _object_recipients(trig: Trigger, objs: list, lex: Lexicon, exclude: set[int]) -> list:
    """Recipients read off the trigger's own object nouns ("accepted 3,000 refugees", "dropped the
    charges against X", "suspended Gabon's membership", "ordered the arrest of X", "banned imports
    of Norwegian salmon"): the object itself when it names people, else the party it is aimed at
    (object_preps, also when the parse hangs the phrase on the verb), its patient (an of-complement)
    or its owner."""
    g = lex.grammar
    out = []
    nouns = [o for obj in objs for o in [obj] + [c for c in obj.conjuncts if c.pos_ == "NOUN"]]
    for obj in nouns:
        # "the state of siege", "a team of experts sent": a measure or a group word, not the party.
        measure = any(not is_party(o, g) for _, o in prep_objects(obj, ("of",)))
        if not trig.entry.theme_object and not _own_side(obj, g) and obj.ent_type_ not in _NOT_ARGUMENT_ENTS \
                and is_party(obj, g) and not measure:
            out.append(obj)
            continue
        of = [o for _, o in prep_objects(obj, ("of",))]
        # "the arrest of X", "imports of Norwegian salmon", "a suspension of flights with X"
        for o in of:
            found = party_of(o, g)
            if found is not None and not _own_side(o, g):
                out.append(found)
        for holder in [obj] + of:
            out += [found for p, o in prep_objects(holder, g.object_preps) for found in [_aimed_at(p, o, g)] if found]
        if not out:
            found = party_of(obj, g)
            if found is not None and found.i != obj.i:
                out.append(found)
    if objs and not out and not trig.nominal:
        # "closed all border crossings | into X": the phrase parsed as the verb's.
        out += [found for p, o in prep_objects(trig.head, g.object_preps) for found in [_aimed_at(p, o, g)] if found]
    return [o for o in out if o.i not in exclude]


def _names_party(tok, g) -> bool:
    """Does this head name a party: a person, group, organisation or country, a pronoun for one,
    or a noun the actor dictionaries know as a person or group?"""
    if tok.pos_ == "PRON":
        return True
    if tok.ent_type_ in _NOT_ARGUMENT_ENTS:
        return False
    if is_party(tok, g):
        return True
    words = actor_dictionaries()
    return words.sector_noun(lemma(tok)) is not None or words.sector_noun(tok.lower_) is not None


def _content_parties(trig: Trigger, objs: list, lex: Lexicon, exclude: set[int]) -> list:
    """What an absorbed complement verb acts on is the content of the act, not its recipient
    ("agreed to set up a cable landing station", "refused to lift the ban", "pledged to build a
    school"): such an object stays only when it names a party ("agreed to release the prisoners");
    else the party it is aimed at or belongs to ("lift the ban on Gabon") takes its place."""
    g = lex.grammar
    out = []
    for obj in objs:
        if _names_party(obj, g) or any(_names_party(c, g) for c in obj.conjuncts):
            out.append(obj)
            continue
        found = [f for f in _object_recipients(trig, [obj], lex, exclude) if f.i != obj.i]
        if not found:
            # "allow any commercial flights out of Afghanistan": a party named in its phrase.
            found = [t for t in phrase(obj, exclude) if t.dep_ == "pobj" and t.pos_ != "PRON"
                     and t.ent_type_ in ACTOR_ENTS][:1]
        out += found
    return out


def _aimed_at(prep, obj, g):
    """The party or place a prepositional phrase on an object points at: a party or its owner
    ("charges against 22 activists", "tariffs on Canadian steel"), a named place, or whatever
    "into" leads to ("crossings into the enclave")."""
    found = party_of(obj, g, of=False)
    if found is None and (is_place(obj) or (prep.lower_ == "into" and obj.pos_ in ("NOUN", "PROPN")
                                             and obj.ent_type_ not in _NOT_ARGUMENT_ENTS)):
        found = obj
    return found


def _places(toks, preps) -> list:
    """Named places in the prepositional phrases of `toks` ("sought refuge in Chad")."""
    return [o for t in toks for _, o in prep_objects(t, preps) if is_place(o)]


def _purpose_places(tok) -> list:
    """Named places in the purpose clause of `tok` ("pledged $60m to help rebuild hospitals in Gaza")."""
    out = []
    for clause in children(tok, "advcl", "xcomp"):
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        for t in clause.subtree:
            if t.dep_ == "pobj" and is_place(t) and t.head.lower_ in LOCATIVE_PREPS:
                out.append(t)
                break
    return out


def _condition_parties(verb, lex: Lexicon) -> list:
    """"will not call off the boycott until the ministry pays": the party whose act is awaited."""
    g = lex.grammar
    negated = any(c.dep_ == "neg" or c.lower_ in g.negation_words for c in verb.children if c.i < verb.i)
    if not negated:
        return []
    out = []
    for clause in children(verb, "advcl"):
        if not any(c.dep_ == "mark" and c.lower_ in g.condition_marks for c in clause.children):
            continue
        for v in [clause] + list(clause.conjuncts):
            subj = first_child(v, "nsubj", "nsubjpass")
            if subj is not None and subj.pos_ != "PRON" and is_party(subj, g):
                out.append(subj)
                break
    return out


def _purpose_pair(carriers) -> list:
    """"a mediation effort to resolve the rift between Qatar and its neighbours": the pair named in
    the purpose clause of a go-between's act, the parties it brings together."""
    for tok in carriers:
        for clause in children(tok, "advcl", "acl", "xcomp"):
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                continue
            for t in clause.subtree:
                if t.dep_ == "pobj" and t.head.lower_ == "between" and t.pos_ in ("NOUN", "PROPN"):
                    return [t]
    return []


def _settling_parties(verb, g) -> list:
    """"called off the strike after (reaching) an agreement with the government": the party an act
    was settled with."""
    out = []
    for _, obj in prep_objects(verb, ("after", "following")):
        if obj.tag_ == "VBG":
            obj = direct_object(obj) or obj  # "after reaching agreement with X"
        if lemma(obj) in g.settlement_nouns:
            out += [o for _, o in prep_objects(obj, ("with",)) if is_party(o, g)]
    return out[:1]


def _for_subjects(tok, g) -> list:
    """"gave approval for the Red Crescent to open": the subject of a for-to clause."""
    out = []
    for clause in children(tok, "advcl", "acl", "xcomp"):
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
            subj = first_child(clause, "nsubj")
            if subj is not None and subj.pos_ != "PRON" and is_party(subj, g):
                out.append(subj)
    return out


def _suspect(obj, g):
    """The party an inquiry is aimed at when its object is a question or a claim ("an investigation
    into whether the envoy was spied on", "a probe into allegations that the mayor took bribes"):
    the subject of that clause, or None."""
    clause = None
    if obj.pos_ in ("VERB", "AUX") and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in obj.children):
        clause = obj
    elif lemma(obj) in g.claim_nouns:
        clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    subj = first_child(clause, "nsubj", "nsubjpass") if clause is not None else None
    return subj if subj is not None and subj.pos_ != "PRON" and _names_party(subj, g) else None


def _recipients_from(tok, preps, exclude: set[int], g=None) -> list:
    """Recipients in the prepositional phrases of `tok`; with `g`, an inquiry's: the suspect of a
    question or claim inquired into."""
    out = []
    for _, obj in prep_objects(tok, preps):
        inner = [o for _, o in prep_objects(obj, ("of",))]
        if obj.ent_type_ == "CARDINAL" and inner:
            obj = inner[0]  # "against hundreds of banks"
        suspect = _suspect(obj, g) if g is not None else None
        if suspect is not None:
            obj = suspect
        if obj.tag_ == "VBG" and first_child(obj, "nsubj") is not None:
            # "an attack on the government calling it corrupt", parsed as a gerund clause: its subject
            obj = first_child(obj, "nsubj")
        if obj.i not in exclude and obj.pos_ != "VERB" and obj.ent_type_ not in _NOT_ARGUMENT_ENTS:
            out.append(obj)
    return out


def _relative_antecedent(tok):
    """"which" / "who" of a relative clause stands for the noun the clause modifies."""
    if tok.lower_ in ("which", "that", "who", "whom") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _main_clause_antecedent(tok):
    """"was released after the president pardoned him": a personal pronoun in an adverbial clause
    whose own subject is another party stands for the subject of the main clause; else `tok`."""
    if tok.lower_ not in ("him", "her", "them"):
        return tok
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    own = first_child(verb, "nsubj")
    if verb.dep_ != "advcl" or own is None or own.pos_ == "PRON":
        return tok
    main = first_child(verb.head, "nsubjpass", "nsubj")
    if main is None or main.pos_ == "PRON" or main.ent_type_ in _NOT_ARGUMENT_ENTS:
        return tok
    return main


def find_arguments(trig: Trigger, lex: Lexicon) -> Arguments:
    """The actor and recipient heads of a trigger (computed once per trigger)."""
    if trig.arguments is None:
        trig.arguments = _find_arguments(trig, lex)
    return trig.arguments


def _find_arguments(trig: Trigger, lex: Lexicon) -> Arguments:
    entry = trig.entry
    preps = entry.recipient_preps or _DEFAULT_PREPS
    if entry.reciprocal and "between" not in preps:
        preps = (*preps, "between")  # "the call between Trump and Erdogan": the parties are the pair
    used = {t.i for t in trig.tokens}
    actors, recipients, guessed = [], [], False
    anchor = trig.anchor

    # --- actor
    if trig.nominal:
        actor = _nominal_actor(trig.head, trig, lex)
        if actor is None:  # "held Moscow responsible for the attack": Moscow, not the one who holds it
            actor = held_responsible(trig.frame if trig.frame is not None else trig.head,
                                     lex.grammar.sets.get("blaming_verbs", frozenset()))
        if actor is None and trig.light is not None and not entry.received:
            actor, guessed = clause_subject(trig.light, lex)
            patient = first_child(trig.light, "nsubjpass")
            if actor is not None and patient is not None and actor.i == patient.i:
                actor = None  # "an attack was launched on X": the subject of a passive is no actor
        if actor is None and trig.light is None and head_conjunct(trig.head) is not None:
            # "voiced its rejection and firm condemnation of X": the coordinated noun's verb acts.
            gov = governing_verb(head_conjunct(trig.head))
            if gov is not None and lemma(gov) in lex.grammar.light_verbs and not is_passive(gov):
                actor, guessed = clause_subject(gov, lex)
        if actor is None and trig.light is None:
            errand = _errand(trig.frame if trig.frame is not None else trig.head, lex)
            if errand is None and entry.event in _INSTRUMENT_EVENTS:
                errand = _means(trig.frame if trig.frame is not None else trig.head, lex)
            if errand is not None:
                actor, guessed = clause_subject(errand, lex)
    elif trig.adjectival:
        # "declared the airspace closed": the declarer closes it.
        clause = small_clause(trig.head, lex.grammar.predicate_verbs)
        verb = clause[0] if clause is not None else trig.head.head
        actor, guessed = clause_subject(verb, lex)
        if clause is None and trig.head.dep_ == "amod" and lemma(verb) in lex.grammar.authored_nouns:
            # "issued a report highly critical of X": the text's author says it
            author = owner(verb, lex) or issuer(verb, lex)
            actor, guessed = (author, False) if author is not None else (actor, guessed)
        if actor is not None and actor.dep_ == "nsubjpass":
            actor = None
        if actor is None and verb.dep_ in ("ccomp", "xcomp") and verb.head.i != verb.i:
            actor, guessed = clause_subject(verb.head, lex)
    else:
        actor, guessed = clause_subject(anchor, lex)
        force = _deployed_force(anchor, lex) if (actor is None or guessed) and entry.passive_actor else None
        if force is not None:
            actor, guessed = force, False  # "police were deployed", "US troops deployed in Syria"
        if actor is not None and actor.dep_ in ("nsubj", "nsubjpass") and is_instrument(actor, lex):
            actor = instrument_author(actor, lex)
    undergoer = None
    if trig.nominal:
        # "two reporters came under fire", "Belarus faces new sanctions from the EU": the subject
        # suffers the event; its author is the noun's own ("from the EU", "by Brussels"), if any.
        verb = _undergoing_verb(trig, lex)
        undergoer = first_child(verb, "nsubj", "nsubjpass") if verb is not None else None
        if undergoer is not None:
            if actor is not None and actor.i == undergoer.i:
                actor = None
            if actor is None:
                noun = trig.frame if trig.frame is not None else trig.head
                agents = [o for _, o in prep_objects(noun, ("from", "by")) + prep_objects(verb, ("by", "from"))
                          if o.i != undergoer.i and o.ent_type_ not in _PLACE_ENTS - {"GPE"}]
                actor = agents[0] if agents else None
    if actor is not None and actor.pos_ in ("VERB", "AUX") and actor.dep_ in ("nsubj", "nsubjpass"):
        actor = first_child(actor, "nsubj")  # parse repair: "She's slammed" with "'s" as a subject
    if actor is not None and actor.lower_ == "it" and not trig.nominal:
        actor = _it_stands_for(anchor, actor, lex) or actor
    if actor is not None and lemma(actor) in lex.grammar.authored_nouns and not trig.nominal:
        # "the Security Council resolution called for a ceasefire": the text speaks for its author
        author = owner(actor, lex)
        if author is not None and author.pos_ != "PRON":
            actor = author
        else:  # "Amnesty published a report accusing the army": the issuer, also a pronoun to resolve
            actor = issuer(actor, lex) or actor
    if actor is not None and _dateline(actor):
        # "DUBLIN — She has slammed ...", parsed with the dateline as subject: the subject after the dash
        actor = _after_dateline(actor)
    if actor is not None and (actor.i in used or actor.ent_type_ in _TIME_ENTS):
        actor = None  # "Oct. 13 saw heavy shelling": a date acts not
    speakers = {}
    if actor is not None and actor.pos_ == "PRON":
        found = reported_speaker(actor, lex)
        if found is not None:
            speakers[actor.i] = found
    elif actor is not None:
        actor = speaking_state(actor, lex) or actor  # "the president said his country will ..."

    # --- recipient
    head = trig.head
    main_preps = tuple(p for p in preps if p not in LOCATIVE_PREPS)
    place_preps = tuple(p for p in preps if p in LOCATIVE_PREPS)
    carriers = []  # tokens whose prepositional objects can be recipients
    if undergoer is not None:
        recipients.append(undergoer)
    if trig.adjectival:
        theme = small_clause_subject(head, lex.grammar.predicate_verbs)
        subj = theme or first_child(head, "nsubj", "nsubjpass") or first_child(head.head, "nsubj", "nsubjpass")
        reflexive = subj is not None and subj.pos_ == "PRON" and subj.lower_.endswith(("self", "selves"))
        # "it was ready to", "declared itself ready to": the actor, not a recipient
        if subj is not None and (actor is None or subj.i != actor.i) and not reflexive:
            recipients.append(subj)
        if theme is not None:
            # "declared the area off-limits to journalists": the party shut out is a recipient too.
            recipients += [o for o in _recipients_from(head, main_preps, used)
                           if is_actorish(o, lex.grammar.actor_nouns)]
        elif entry.prep is not None:
            # "critical of the government": the object of the adjective's own preposition.
            recipients += _recipients_from(head, main_preps, used)
        # "ready to send engineers to X": the complement's prepositional objects.
        carriers += children(head, "xcomp")
    elif not trig.nominal:
        passive = is_passive(head)
        # (the subject of a passive of a theme is no party: "chlorine has been used by the regime")
        if passive and not entry.theme_object:
            # "was beaten and arrested": the joined participle's patient is the first verb's
            partner = passive_partner(head)
            recipients += children(head, "nsubjpass") or (children(partner, "nsubjpass") if partner is not None else [])
            if not recipients and head.dep_ == "conj" and subject(head) is None:
                shared = subject(head.head)  # "the activist protested and was arrested": the activist
                recipients += [shared] if shared is not None else []
        elif not passive and head.dep_ == "acl" and head.tag_ == "VBN" and head.head.pos_ in ("NOUN", "PROPN") \
                and is_actorish(head.head, lex.grammar.actor_nouns):
            recipients.append(head.head)  # "a coalition supported by the US": the coalition
        obj = direct_object(head) or shared_object(head)
        if obj is not None and entry.mode in lex.grammar.inquiry_modes:
            obj = _suspect(obj, lex.grammar) or obj  # "investigating claims that the governor took bribes"
        if obj is not None and obj.i not in used and not entry.theme_object:
            recipients.append(obj)
        elif obj is not None and obj.i not in used:
            carriers.append(obj)  # "mobilized reservists for an offensive against X": the object is the theme
            # "sent a team of experts to X": the destination may hang from the of-complement
            carriers += [o for _, o in prep_objects(obj, ("of",))]
        recipients += [d for d in children(head, "dative") if d.pos_ in ("NOUN", "PROPN", "PRON")]
        absorbed = [t for t in trig.tokens if t.i != head.i and t.pos_ == "NOUN"]
        for obj in absorbed:
            # "rejected Trump's calls", "accepted the AU's roadmap", "vetoed a Security Council
            # resolution", "dismissed the allegations made by Moldova": the author of the trigger's
            # own object when it is an event noun or a text (not "sent Israeli jets", "its border").
            event_noun = bool(lex.candidates("noun", lemma(obj)))
            found = owner(obj, lex) if event_noun or lemma(obj) in lex.grammar.authored_nouns else None
            if found is not None and (found.pos_ != "PRON" or event_noun):
                recipients.append(found)
        if not any(r.pos_ != "PRON" for r in recipients):
            # "lifted its arms embargo against Belarus": the party the object is aimed at before "its".
            own = (used - {o.i for o in absorbed}) | ({actor.i} if actor is not None else set())
            found = _object_recipients(trig, absorbed, lex, own)
            recipients = found or recipients
        carriers += [t for t in trig.tokens if t.i != head.i] + [head]
    else:
        carriers = [head] if trig.frame is None else [head, trig.frame]
        if _possessor_undergoes(head, lex):
            recipients += children(head, "poss")  # "Khan's arrest"
        if trig.light is not None:
            recipients += [d for d in children(trig.light, "dative") if d.pos_ in ("NOUN", "PROPN", "PRON")]
            carriers.append(trig.light)
        else:
            recipients += [s for s in _sufferers(trig, lex) if s.i not in used]
    inquiry = lex.grammar if entry.mode in lex.grammar.inquiry_modes else None
    for carrier in carriers:
        recipients += _recipients_from(carrier, main_preps, used, inquiry)
    if not recipients:
        recipients += [r for c in carriers for r in _for_subjects(c, lex.grammar)]
    if not recipients and not trig.nominal:
        recipients += _condition_parties(trig.anchor, lex)
    if not recipients and not trig.nominal:
        # "demanded that X step down", "said X must": the subject of the demanded clause.
        for comp in children(head, "ccomp", "xcomp"):
            subj = first_child(comp, "nsubj", "nsubjpass")
            if entry.event == "THREATEN" and any(e.event in _STRIKING_EVENTS
                                                 for e in lex.candidates("verb", lemma(comp))):
                # "warned that Israel could attack Beirut": who would strike is the threatening
                # side; the threat is aimed at what the attack would hit (the content, below).
                continue
            # "allowed the plane to land": a craft let in stands for whoever operates it.
            permitted = lemma(head) in lex.grammar.object_control and subj is not None \
                and lemma(subj) in lex.grammar.craft_nouns
            if subj is not None and (is_party(subj, lex.grammar) or permitted):
                recipients.append(subj)
                break
            # "agreed to lend $1 billion to Indonesia": the party the complement gives to.
            given = [o for d in children(comp, "dative") for o in children(d, "pobj")
                     if o.pos_ in ("NOUN", "PROPN") and o.ent_type_ not in _NOT_ARGUMENT_ENTS]
            if given and subj is None:
                recipients += given[:1]
                break
    if not recipients:
        for inner in trig.content:
            inner_args = find_arguments(inner, lex)
            found = inner_args.recipients
            if not inner.nominal and inner.entry.event not in _STRIKING_EVENTS:
                # "refused to lift the ban", "decided to build a school": what the absorbed verb
                # acts on is the act's content, a recipient only when it names a party (not what
                # a threatened attack would hit: "threatened to shell the tree").
                own = [r for r in found for first in [head_conjunct(r) or r]
                       if first.dep_ == "dobj" and first.head.i == inner.head.i]
                found = [r for r in found if r not in own] + _content_parties(inner, own, lex, used)
            if found:
                recipients += found
                break
            if inner.entry.reciprocal:
                # "willing to resume talks with X": the other parties of the talks.
                others = [a for a in inner_args.actors if actor is None or a.i != actor.i]
                if others:
                    recipients += others
                    break
    if not recipients:
        for carrier in carriers:
            recipients += _recipients_from(carrier, place_preps, used)
    if not recipients and not trig.nominal:
        # Nested: "mobilized reservists for an offensive against X"; the object of a complement.
        for _, pobj in prep_objects(head, ("for", "in", "over", "about", "of")):
            recipients += _recipients_from(pobj, preps, used)
        if not recipients:
            for comp in children(head, "ccomp", "xcomp"):
                obj = direct_object(comp)
                # An adjective's complement object is its theme ("ready to contribute troops",
                # "willing to pull back its forces") unless it names another party.
                if obj is not None and (not trig.adjectival or (
                        is_actorish(obj, lex.grammar.actor_nouns)
                        and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children))):
                    recipients += _content_parties(trig, [obj], lex, used)
                    break
    if not recipients:
        for inner in trig.content:
            if inner.nominal:
                inner_args = find_arguments(inner, lex)
                if inner_args.actors:
                    # "condemned Israel's attacks": the recipient is the author of the condemned act.
                    recipients += inner_args.actors
                    break
    if not recipients and trig.nominal:
        # "announced a suspension of all flights with Spain": the party its of-complement is aimed at.
        for _, of in prep_objects(head, ("of",)):
            recipients += [r for r in _object_recipients(trig, [of], lex, used) if actor is None or r.i != actor.i]
    if not recipients and entry.mode in lex.grammar.go_between_modes:
        recipients += _purpose_pair(carriers)
    if not trig.nominal and all(r.pos_ == "PRON" for r in recipients):  # "called off their strike after ..."
        recipients += _settling_parties(head, lex.grammar)
    if not recipients:
        # A named place is the last-resort recipient ("sought refuge in Chad", "declared a ceasefire
        # in Darfur", "deployed riot units across Srinagar"), also in a purpose clause ("pledged $60m
        # to rebuild hospitals in Gaza").
        # One phrase down too: "surrendered from their last holdout in Syria".
        near = carriers + [o for c in carriers for _, o in prep_objects(c, ("of", "from", "to", "into"))]
        recipients += [p for p in _places(near, LOCATIVE_PREPS) if p.i not in used]
        if not recipients:
            recipients += [p for c in carriers if c.pos_ in ("VERB", "AUX") for p in _purpose_places(c)]
    # An event noun or a text as recipient stands for its author ("rejected Trump's calls to
    # resign", "turned down a plan put forward by Nigeria"); "the border with X" for X.
    resolved = []
    g = lex.grammar
    inner_of = {c.head.i: c for c in trig.content if c.nominal}  # content event nouns
    for r in recipients:
        if not is_actorish(r, g.actor_nouns) and (r.i in inner_of or lemma(r) in g.authored_nouns):
            author = owner(r, lex)
            if author is not None and author.pos_ == "PRON" and r.i in inner_of:
                # "reaffirmed their support for Ukraine": "their" may be the actor's own; the
                # event noun's recipients follow (an unresolved pronoun is dropped later).
                resolved += [author] + find_arguments(inner_of[r.i], lex).recipients
                continue
            r = author or r
        if lemma(r) in g.boundary_nouns:
            across = [o for _, o in prep_objects(r, ("with", "between")) + _next_prep(r, ("with", "between"))
                      if is_actorish(o, g.actor_nouns)]
            if across:
                resolved += across
                continue
        resolved.append(r)
    recipients = [_main_clause_antecedent(_relative_antecedent(r)) for r in resolved]
    # "tariffs on Chinese electric vehicles": the owner found first is inside a later, fuller phrase.
    recipients = [r for r in recipients if not any(o.i != r.i and r in o.subtree and o.i not in used
                                                   and r.dep_ in ("amod", "compound", "nmod", "poss")
                                                   for o in recipients)]
    recipients = [r for r in recipients if r.pos_ != "PRON" or r.lower_ not in lex.grammar.non_actor_heads]
    actors = [] if actor is None else with_conjuncts(actor)
    seen = {a.i for a in actors}
    recip = []
    reasons = lex.grammar.reason_nouns
    for r in recipients:
        if lemma(r) in reasons and r.dep_ == "pobj" and r.head.lower_ == "in":
            continue  # "in retaliation for", "in an attempt to": why, not whom
        if r.dep_ == "pobj" and r.head.lower_ == "with" and lemma(r) in lex.grammar.means_nouns:
            continue  # "suppressed with tear gas", "threatened them with fines": the means, not a party
        for c in with_conjuncts(r):
            if c.i not in seen:
                recip.append(c)
                seen.add(c.i)
    if entry.reciprocal:  # the parties meet; what they discuss ("discussing the possibility of X") is none
        parties = [r for r in recip if (r.dep_ != "dobj" or is_actorish(r, lex.grammar.actor_nouns))
                   and not (r.dep_ == "pobj" and r.head.lower_ in LOCATIVE_PREPS
                            and (r.head.head.pos_ == "VERB" or entry.event != "CONSULT" or len(actors) > 1))]
        # "met in Geneva", "clashes in Rafah": the place; but the hosts of "a summit in the UK" and
        # of "held meetings in Baghdad", unless the clause names the sides that meet ("Egypt and
        # Qatar will host talks in Cairo")
        actors, recip = sorted(actors + parties, key=lambda t: t.i), []
    place = state_place(head, lex) if not actors and not trig.nominal and not trig.adjectival else None
    if place is not None and place.i in seen:
        # "two inspectors were expelled from North Korea": the state acts; the expelled are the party.
        others = [r for r in recip if r.i != place.i]
        place, recip = (place, others) if others else (None, recip)
    return Arguments(actors=actors, recipients=recip, guessed=guessed, speakers=speakers, state_place=place)
