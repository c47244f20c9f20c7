"""Speech acts: what a statement does, as PLOVER codes it.

A quote or a reported statement ("X said that ...") whose words judge, demand, threaten, promise or
refuse is an event of its speaker (ACCUSE, REQUEST, THREATEN, AGREE, REJECT), aimed at whom it is
about. So is a naming verb with a judgement ("called the plan dangerous", "described the speech as
very disappointing"). Each sentence of a statement is read on its own; consecutive sentences of
one statement doing the same act are one speech act. The words are data
(`tocsin/data/speech_acts.yaml`, extended by a `speech_acts:` key of a --lexicon file); the events
stage turns the acts into events (tocsin.events.speech_acts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tocsin import nlp
from tocsin.model import Ref
from tocsin.speech.refs import UNNAMED, noun_phrase, recent_person, ref_for, subject_of
from tocsin.speech.vocab import _merge, _read

FIRST_PERSON = {"i", "we", "me", "us"}
_REPORTED_PRONOUNS = {"he", "she", "they", "it", "i", "we"}
_FUTURE = {"will", "would", "shall", "'ll", "wo"}
_PREDICATE = {"acomp", "attr", "oprd", "ROOT"}
_FEELING_PREPS = ("for", "with", "by", "at", "about", "over", "in")
_AIM_PREPS = ("against", "on", "at", "to", "with", "upon")
# The order acts are looked for in one sentence: a demand or a threat says more than the words of
# disapproval that often come with it.
ORDER = ("REQUEST", "THREATEN", "REJECT", "AGREE", "ACCUSE")
_CUE_REACH = 15  # tokens around a quote or claim where its speech verb is looked for


def _set(words) -> frozenset[str]:
    return frozenset(str(w).lower() for w in words or ())


def _pattern(phrases) -> re.Pattern | None:
    phrases = [p for p in phrases or () if p]
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in phrases) + r")\b", re.I) if phrases else None


@dataclass(frozen=True)
class ActWords:
    disapproval_adjectives: frozenset[str]
    disapproval_nouns: frozenset[str]
    disapproval_verbs: frozenset[str]
    disapproval_phrases: re.Pattern | None
    approval: frozenset[str]
    feelings: frozenset[str]
    naming_verbs: frozenset[str]
    obligation_aux: frozenset[str]
    obligation_verbs: frozenset[str]
    demand_phrases: re.Pattern | None
    not_imperative: frozenset[str]
    threat_verbs: frozenset[str]
    threat_with_object: frozenset[str]
    threat_objects: frozenset[str]
    threat_phrases: re.Pattern | None
    retaliation_verbs: frozenset[str]
    promise_verbs: frozenset[str]
    refusal_aux: frozenset[str]
    refusal_negators: frozenset[str]
    accusing_cues: frozenset[str]
    warning_verbs: frozenset[str]
    audiences: frozenset[str]
    reporting_verbs: frozenset[str]
    harm_verbs: frozenset[str] = frozenset()
    causing_verbs: frozenset[str] = frozenset()
    harms: frozenset[str] = frozenset()

    def judges(self, tok) -> bool:
        """A word of disapproval (an adjective, a noun, or a compound's noun: "propaganda show")."""
        word = tok.lemma_.lower()
        if tok.pos_ == "ADJ" or tok.tag_ in ("JJ", "VBN") or tok.dep_ in ("acomp", "oprd"):
            if word in self.disapproval_adjectives or tok.lower_ in self.disapproval_adjectives:
                return True
        if tok.pos_ in ("NOUN", "PROPN"):  # "calling them lies": a noun where a predicate stands
            return word in self.disapproval_nouns or any(
                c.dep_ == "compound" and c.lemma_.lower() in self.disapproval_nouns for c in tok.children)
        return False


@lru_cache(maxsize=8)
def load(user_files: tuple[Path, ...] = ()) -> ActWords:
    """The built-in speech-act words plus the `speech_acts:` section of any user lexicon file."""
    data = _read(resources.files("tocsin") / "data" / "speech_acts.yaml")
    for path in user_files:
        extra = _read(path).get("speech_acts")
        if isinstance(extra, dict):
            data = _merge(data, extra)
    dis = data.get("disapproval", {}) or {}
    harm = data.get("predicted_harm", {}) or {}
    return ActWords(
        disapproval_adjectives=_set(dis.get("adjectives")),
        disapproval_nouns=_set(dis.get("nouns")),
        disapproval_verbs=_set(dis.get("verbs")),
        disapproval_phrases=_pattern(dis.get("phrases")),
        approval=_set(data.get("approval")),
        feelings=_set(data.get("feelings")),
        naming_verbs=_set(data.get("naming_verbs")),
        obligation_aux=_set(data.get("obligation_aux")),
        obligation_verbs=_set(data.get("obligation_verbs")),
        demand_phrases=_pattern(data.get("demand_phrases")),
        not_imperative=_set(data.get("not_imperative")),
        threat_verbs=_set(data.get("threat_verbs")),
        threat_with_object=_set(data.get("threat_with_object")),
        threat_objects=_set(data.get("threat_objects")),
        threat_phrases=_pattern(data.get("threat_phrases")),
        retaliation_verbs=_set(data.get("retaliation_verbs")),
        promise_verbs=_set(data.get("promise_verbs")),
        refusal_aux=_set(data.get("refusal_aux")),
        refusal_negators=_set(data.get("refusal_negators")),
        accusing_cues=_set(data.get("accusing_cues")),
        warning_verbs=_set(data.get("warning_verbs")),
        audiences=_set(data.get("audiences")),
        reporting_verbs=_set(data.get("reporting_verbs")),
        harm_verbs=_set(harm.get("verbs")),
        causing_verbs=_set(harm.get("causing_verbs")),
        harms=_set(harm.get("harms")),
    )


@dataclass
class SpeechAct:
    event: str  # PLOVER type
    sent: object  # the spaCy sentence it is coded in
    cue: list  # the tokens that make it that act (evidence)
    speaker: Ref
    about: list = field(default_factory=list)  # heads of whom it is about (recipients)
    rule: str = ""
    statement: str = ""  # the quote or claim id, or "naming"
    speaker_head: object = None  # the speaker's own token, when the sentence names it
    said_with: object = None  # the speech verb of the statement ("refuted", "declared"), when known
    words: tuple = ()  # the statement's [start, end) in the text


@dataclass
class _Statement:
    id: str
    speaker: Ref
    start: int
    end: int
    direct: bool  # quoted words (an imperative is only read in direct speech)
    cue: object = None  # the speech verb's token, when known


# --- helpers over the parse ----------------------------------------------------------------------


_NEGATIVE_SUBJECTS = {"none", "nobody", "nothing", "neither", "no"}


def _negated(tok, words: ActWords) -> bool:
    """"not honest", "is not being honest", "have never failed", "none of them incited"."""
    for t in (tok, tok.head if tok.dep_ in ("acomp", "attr", "oprd", "xcomp") else None):
        if t is None:
            continue
        for c in t.children:
            if c.dep_ == "neg" or c.lower_ in words.refusal_negators:
                return True
            if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in _NEGATIVE_SUBJECTS or any(
                    d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
                return True
    return False


def _subject(verb):
    """The subject of a verb or of the copula it hangs from ("they are dishonest")."""
    for t in (verb, verb.head if verb.dep_ in ("acomp", "attr", "oprd", "xcomp", "ccomp") else None):
        if t is None:
            continue
        found = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
        if found is not None:
            return found
        if t.dep_ == "conj" and t.head.i != t.i:
            found = next((c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if found is not None:
                return found
    return None


def _modal(verb, wanted: frozenset | set):
    """The modal of a verb, also through "continue to", "be ready to" ("we will continue to engage")."""
    cur = verb
    for _ in range(3):
        found = next((c for c in cur.children if c.dep_ == "aux" and c.lower_ in wanted), None)
        if found is not None:
            return found
        if cur.dep_ not in ("xcomp",) or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ == "ADJ" and cur.head.i != cur.i:  # "are ready to"
            cur = cur.head
    return None


def _is_future(verb) -> bool:
    if _modal(verb, _FUTURE) is not None:
        return True
    # "going to respond": the verb is the xcomp of "going" with its own aux
    head = verb.head
    return verb.dep_ == "xcomp" and head.lower_ == "going" and any(c.lower_ in ("is", "are", "'re", "am", "'m", "was")
                                                                   for c in head.children)


def _objects(tok, preps) -> list:
    out = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out += [o for o in c.children if o.dep_ == "pobj"]
    return out


# --- one sentence of a statement -----------------------------------------------------------------


class _Reader:
    """Reads the acts of statements for one document."""

    def __init__(self, document, parsed, words: ActWords, config):
        from tocsin.speech.vocab import load as speech_vocabulary

        self.document, self.parsed, self.words, self.config = document, parsed, words, config
        self.reporting = speech_vocabulary(tuple(config.lexicon_files)).cue_verbs | words.reporting_verbs
        self.accuse_words = (words.disapproval_adjectives | words.disapproval_nouns | words.disapproval_verbs
                             | words.approval | words.feelings | words.harm_verbs | words.causing_verbs)

    def speaker_side(self, tok, statement: _Statement) -> bool:
        """Is `tok` (a subject) the speaker or the speaker's side? "we" in a quote; a pronoun in
        reported speech ("the president said he would ..."); the speaker's own entity or country."""
        word = tok.lower_
        if statement.direct:
            if word in FIRST_PERSON:
                return True
        elif word in _REPORTED_PRONOUNS:
            return True
        if tok.pos_ == "PRON":
            return False
        from tocsin.actors import entity_at

        found = entity_at(self.document, tok.idx, tok.idx + len(tok))
        speaker = self._speaker_entity(statement.speaker)
        if found is None or speaker is None:
            return False
        return found.id == speaker.id or bool(found.code and found.code == speaker.code and found.type != "PERSON")

    def _speaker_entity(self, ref: Ref):
        if ref.entity_id is None:
            return None
        return next((e for e in self.document.entities if e.id == ref.entity_id), None)

    def read(self, toks: list, statement: _Statement):
        """(event, cue tokens, about heads, rule) for the words `toks` of one sentence, or None."""
        if toks[-1].i + 1 < len(toks[-1].doc) and toks[-1].nbor(1).text == "?" or toks[-1].text == "?":
            return None  # a question asks; it neither judges nor demands
        cue = self._accusing_cue(statement)
        if cue is not None:
            inside = {t.i for t in toks}
            root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])
            subj = _subject(root)
            return ("ACCUSE", [cue], [subj] if subj is not None else [], f"allegation '{cue.lower_}'")
        words = {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}
        for event in ORDER:
            if not self._may_be(event, words, toks, statement):
                continue
            found = getattr(self, f"_{event.lower()}")(toks, statement)
            if found is not None and not self._reported_within(found[0][0], toks, statement):
                return (event, *found)
        return None

    def _may_be(self, event: str, words: set, toks, statement: _Statement) -> bool:
        """A cheap look at the words first: most sentences hold none of an act's cues."""
        w = self.words
        phrases = {"REQUEST": w.demand_phrases, "THREATEN": w.threat_phrases, "ACCUSE": w.disapproval_phrases}
        if phrases.get(event) is not None and self._match(phrases[event], toks):
            return True
        if event == "REQUEST":
            return bool(words & (w.obligation_aux | w.obligation_verbs)) or (statement.direct and toks[0].tag_ == "VB"
                                                                           or toks[0].lower_ in ("do", "don't"))
        if event == "THREATEN":
            return bool(words & (w.retaliation_verbs | w.threat_verbs | w.threat_with_object))
        if event == "REJECT":
            return bool(words & w.refusal_negators) and bool(words & w.refusal_aux)
        if event == "AGREE":
            return bool(words & w.promise_verbs)
        return bool(words & self.accuse_words) or any(c.dep_ == "compound" for t in toks for c in t.children)

    def _accusing_cue(self, statement: _Statement):
        """"X alleged that ...": the cue of a claim that is itself an accusation."""
        if statement.cue is None or statement.cue.lemma_.lower() not in self.words.accusing_cues:
            return None
        return statement.cue

    def _reported_within(self, tok, toks, statement: _Statement) -> bool:
        """"he said the court ruled that Zuma must go": words another speaker said inside the statement."""
        inside = {t.i for t in toks}
        cur = tok
        while cur.head.i != cur.i and cur.head.i in inside:
            cur = cur.head
            if cur.pos_ == "VERB" and cur.lemma_.lower() in self.reporting:
                subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None and not self.speaker_side(subj, statement):
                    return True
        return False

    def _match(self, pattern, toks):
        if pattern is None or not toks:
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        match = pattern.search(self.document.text, start, end)
        if match is None:
            return None
        return [t for t in toks if t.idx < match.end() and t.idx + len(t) > match.start()]

    def _request(self, toks, st):
        w = self.words
        cue = self._match(w.demand_phrases, toks)
        if cue:  # "we reiterate our calls on Israel to ...": whom the call is on
            return cue, [o for t in cue for o in _objects(t, ("on", "upon", "to"))], "demand phrase"
        for t in toks:
            if t.dep_ == "aux" and t.lower_ in w.obligation_aux and t.head.pos_ in ("VERB", "AUX"):
                verb = t.head
            elif t.pos_ == "VERB" and t.lemma_.lower() in w.obligation_verbs and any(
                    c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in t.children):
                verb = t
            else:
                continue
            subj = _subject(verb)
            if subj is not None and (subj.lower_ in FIRST_PERSON or subj.lower_ in ("one", "you")
                                     or (subj.pos_ != "PRON" and self.speaker_side(subj, st))):
                continue  # "we must act", "US troops must stay": the speaker's own resolve, no demand
            if _negated(verb, w) and t.lower_ != "must":
                continue  # "should not be read as": a judgement, not a demand
            about = [subj] if subj is not None and subj.dep_ == "nsubj" and subj.pos_ != "PRON" else []
            return [t], about, f"obligation '{t.lower_}'"
        if st.direct and self._opens_sentence(toks):
            inside = {t.i for t in toks}
            root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), None)
            if (root is not None and root.tag_ == "VB" and root.i - toks[0].i <= 2
                    and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark")
                                or (c.dep_ == "aux" and c.lemma_.lower() != "do")
                                for c in root.children if c.i < root.i)
                    and root.lemma_.lower() not in w.not_imperative
                    and not any(t.i < root.i and t.dep_ != "neg" and t.pos_ in ("NOUN", "PROPN", "PRON", "ADV")
                                for t in toks)):
                return [root], [], "imperative"
        return None

    @staticmethod
    def _opens_sentence(toks) -> bool:
        """Do the quoted words begin their sentence ('Trump ordered: “Start the work.”' counts)?"""
        before = [t for t in toks[0].sent if t.i < toks[0].i and not (t.is_punct and t.text != ":") and not t.is_space]
        return not before or before[-1].text == ":"

    def _threaten(self, toks, st):
        w = self.words
        cue = self._match(w.threat_phrases, toks)
        if cue:
            verb = next((t for t in cue if t.pos_ == "VERB"), cue[-1])
            subj = _subject(verb)
            about = [subj] if subj is not None and subj.pos_ != "PRON" and not self.speaker_side(subj, st) else []
            return cue, about, "threat phrase"
        for t in toks:
            if t.pos_ != "VERB" or _negated(t, w):
                continue
            word = t.lemma_.lower()
            if word in w.retaliation_verbs:
                return [t], _objects(t, _AIM_PREPS), f"retaliation '{word}'"
            objects = [c for c in t.children if c.dep_ == "dobj"]
            threat = word in w.threat_verbs or (word in w.threat_with_object and any(
                o.lemma_.lower() in w.threat_objects or any(c.lemma_.lower() in w.threat_objects
                                                            for c in o.children if c.dep_ == "compound")
                for o in objects))
            if not threat or not _is_future(t):
                continue
            subj = _subject(t)
            if subj is None or not self.speaker_side(subj, st):
                continue
            about = _objects(t, _AIM_PREPS) + [o for o in objects if o.lemma_.lower() not in w.threat_objects]
            return [t], about, f"threat '{word}'"
        return None

    def _reject(self, toks, st):
        w = self.words
        for t in toks:
            if t.pos_ != "VERB":
                continue
            neg = next((c for c in t.children if c.dep_ == "neg" or c.lower_ in w.refusal_negators), None)
            aux = next((c for c in t.children if c.dep_ == "aux" and c.lower_ in w.refusal_aux), None)
            if neg is None or aux is None:
                continue
            subj = _subject(t)
            if subj is None or not self.speaker_side(subj, st):
                continue
            return [aux, neg, t], [o for o in t.children if o.dep_ == "dobj" and o.pos_ == "PROPN"], \
                f"refusal '{aux.lower_} {neg.lower_} {t.lemma_.lower()}'"
        return None

    def _agree(self, toks, st):
        w = self.words
        for t in toks:
            if t.pos_ != "VERB" or t.lemma_.lower() not in w.promise_verbs or _negated(t, w) or not _is_future(t):
                continue
            subj = _subject(t)
            if subj is None or not self.speaker_side(subj, st):
                continue
            about = _objects(t, ("with", "to", "for")) + [o for o in t.children if o.dep_ in ("dobj", "dative")
                                                          and o.pos_ == "PROPN"]
            return [t], about, f"promise '{t.lemma_.lower()}'"
        return None

    def _accuse(self, toks, st):
        w = self.words
        cue = self._match(w.disapproval_phrases, toks)
        if cue:
            return cue, self._judged(cue[0]), "disapproval phrase"
        fragment = st.direct and not any(t.pos_ in ("VERB", "AUX") for t in toks)
        for t in toks:
            word = t.lemma_.lower()
            if w.judges(t) and not _negated(t, w) and (fragment or self._predicate(t)):
                about = self._judged(t)
                if fragment or about or t.dep_ != "amod":
                    return [t], about, f"disapproval '{t.lower_}'"
                continue  # "it was an awful week": a word of feeling about no one
            if word in w.approval and t.pos_ == "ADJ" and _negated(t, w) and self._predicate(t):
                return [t], self._judged(t), f"denied approval 'not {t.lower_}'"
            if (word in w.feelings or t.lower_ in w.feelings) and t.dep_ in ("acomp", "ROOT", "amod", "xcomp") \
                    and not _negated(t, w):
                subj = _subject(t)
                if subj is not None and self.speaker_side(subj, st):
                    about = _objects(t, _FEELING_PREPS)
                    for clause in (c for c in t.children if c.dep_ == "ccomp"):
                        about += [s for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")]
                    return [t], about, f"feeling '{t.lower_}'"
            if t.pos_ == "VERB" and word in w.disapproval_verbs and not _negated(t, w):
                subj = _subject(t)
                if subj is not None and subj.dep_ == "nsubj" and self._party(subj) \
                        and not self.speaker_side(subj, st):
                    return [t], [subj], f"misdeed '{word}'"
            if t.pos_ == "VERB" and self._predicts_harm(t, st):
                subj = _subject(t)
                return [t], [subj] if subj is not None and subj.dep_ != "csubj" else [], f"predicted harm '{word}'"
        return None

    def _predicts_harm(self, verb, st) -> bool:
        """"the move would cause instability", "cutting aid will reverse that progress": harm the
        speaker says another party's doing will bring (the modal may stand outside the quote)."""
        w, word = self.words, verb.lemma_.lower()
        if word in w.causing_verbs:
            harmed = [c for c in verb.children if c.dep_ == "dobj"]
            harmed += [c for h in harmed for c in h.conjuncts]
            if not any(h.lemma_.lower() in w.harms or h.lower_ in w.harms for h in harmed):
                return False
        elif word not in w.harm_verbs:
            return False
        head = verb
        while head.dep_ == "conj" and head.head.i != head.i:  # "will undo that progress, embolden ..."
            head = head.head
        if _negated(head, w) or not _is_future(head):
            return False
        subj = _subject(head)
        return subj is None or subj.dep_ == "csubj" or not (subj.lower_ in FIRST_PERSON or self.speaker_side(subj, st))

    def _party(self, tok) -> bool:
        """A subject that can be to blame: a named actor, an actor noun, or "they"."""
        if tok.lower_ in ("they", "he", "she", "you"):
            return True
        from tocsin.actors import actor_for

        found = actor_for(self.document, noun_phrase(tok), self.config)
        return found is not None and bool(found.code or found.entity_id or found.sector)

    @staticmethod
    def _predicate(tok) -> bool:
        """Is the word what is said of something: a predicate, its head noun's modifier, or a conjunct of one?"""
        cur = tok
        for _ in range(3):
            if cur.dep_ in _PREDICATE or (cur.dep_ == "ccomp" and cur.pos_ in ("ADJ", "NOUN")):
                return True
            if cur.dep_ in ("amod", "compound", "conj", "advmod", "appos") and cur.head.i != cur.i:
                cur = cur.head
                continue
            if cur.dep_ == "pobj" and cur.head.lower_ == "as":  # "described it as disappointing"
                return True
            return False
        return False

    @staticmethod
    def _judged(tok) -> list:
        """Whom a judgement is about: the subject of its predicate ("the Americans are not honest")."""
        cur = tok
        for _ in range(3):
            subj = _subject(cur)
            if subj is not None:
                return [subj] if subj.lower_ not in FIRST_PERSON | {"it", "this", "that"} else []
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return []


def warns_of_another(verb, document, config) -> bool:
    """"officials warned that Sudan is supplying drones": a warning verb whose that-clause tells
    what someone other than the warner does, with no one warned and nothing they are told to do."""
    words = load(tuple(config.lexicon_files))
    if verb.lemma_.lower() not in words.warning_verbs:
        return False
    if any(c.dep_ in ("dobj", "dative", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("of", "against"))
           for c in verb.children):
        return False
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None or any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
                             for c in clause.children):
        return False  # "warned that if X attacks, it would respond": a threat
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    speaker = subject_of(verb)
    ref = ref_for(document, noun_phrase(speaker), config) if speaker is not None else None
    side = _Statement("", ref or Ref(name=UNNAMED), 0, 0, False)
    return not _Reader(document, verb.doc, words, config).speaker_side(subj, side)


# --- statements ----------------------------------------------------------------------------------


# Hedges by which the text passes a claim on rather than report what its source did.
_PASSING_ON = {"reportedly", "it has emerged", "it emerged", "it is understood", "it was reported",
               "it is believed", "it is alleged", "accused", "blamed", "suspected", "allegedly", "apparently"}


def _statements(document, parsed) -> list[_Statement]:
    """Quotes with a speaker and claims of a named source through a speech verb."""
    out = [_Statement(q.id, q.speaker, q.start, q.end, True, _cue_token(parsed, q))
           for q in document.quotes if q.speaker is not None and q.speaker.name != UNNAMED]
    for claim in document.claims:
        if claim.source is None or claim.source.name == UNNAMED or claim.cue in (None, "according to"):
            continue
        if any(h in _PASSING_ON for h in claim.hedges):
            continue  # passed on by the text ("reportedly", "it is understood"): not the source's own act
        out.append(_Statement(claim.id, claim.source, claim.start, claim.end, False, _cue_token(parsed, claim)))
    return out


def _addressees(cue, words: ActWords) -> list:
    """Whom a speech verb is said to ("told Azerbaijan", "said in a call to Erdogan"), not an audience."""
    found = [c for c in cue.children if c.dep_ in ("dobj", "dative")] + _objects(cue, ("to",))
    found += [o for c in cue.children if c.dep_ == "prep" for n in c.children if n.dep_ == "pobj"
              for o in _objects(n, ("to", "with"))]
    return [o for o in found if o.lemma_.lower() not in words.audiences and o.pos_ in ("PROPN", "NOUN")]


def _cue_token(parsed, said):
    """The speech verb of a quote or claim: the token spelled like its cue nearest to it, outside it
    (a cue stands within a few words of what it introduces)."""
    if not said.cue:
        return None
    span = parsed.char_span(said.start, said.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    word = said.cue.split()[0]
    texts, idx = nlp.column(parsed, "text"), nlp.column(parsed, "idx")
    found = [k for k in range(max(span.start - _CUE_REACH, 0), min(span.end + _CUE_REACH, len(parsed)))
             if texts[k] == word and not (said.start <= idx[k] < said.end)]
    return parsed[min(found, key=lambda k: abs(idx[k] - said.start))] if found else None


def _tokens_by_sentence(parsed, start: int, end: int) -> list[list]:
    """The words (no punctuation) of [start, end), one list per sentence."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    groups: list[list] = [[]]
    for t in span:
        if t.is_sent_start and groups[-1]:
            groups.append([])
        if not (t.is_punct or t.is_space):
            groups[-1].append(t)
    return [g for g in groups if g]


def _last_person(document, pronoun) -> Ref | None:
    """The person named last before a "he"/"she" the actors stage left unresolved: in its paragraph
    first, else in the text before it."""
    found = recent_person(document, pronoun)
    if found is not None or pronoun.lower_ not in ("he", "she"):
        return found
    best = None
    for entity in document.entities:
        if entity.type != "PERSON":
            continue
        for m in entity.mentions:
            if m.end <= pronoun.idx and m.text.lower() not in ("he", "she", "him", "her", "his") and (
                    best is None or m.end > best[0]):
                best = (m.end, entity)
    return Ref(name=best[1].name, entity_id=best[1].id) if best else None


_COMPLEMENT_DEPS = {"oprd", "acomp", "ccomp", "xcomp", "attr", "dobj", "appos", "npadvmod", "conj"}


def _complement_words(verb):
    """The words a naming verb says of its object, wherever the parser hung them: "called it X"
    (oprd), "described it as X" (the words under "as"), "called the prospect of a raid deeply
    reckless" (an adjective after its noun is its predicate)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    after = objects[0].i if objects else verb.i
    stack = [(c, False) for c in verb.children if c.dep_ not in ("nsubj", "nsubjpass", "conj", "advcl", "punct", "cc")]
    while stack:
        t, under_as = stack.pop()
        if t.pos_ in ("VERB", "AUX"):
            continue  # another clause: its words are not said of the object
        # everything in "as a kind of cyber terrorism" is said of the object
        stack.extend((c, under_as or (t.lower_ == "as" and t.dep_ == "prep")) for c in t.children)
        if t.i <= after:
            continue
        head = t.head
        if under_as or t.dep_ in _COMPLEMENT_DEPS or (t.dep_ == "amod" and head.i < t.i) \
                or (t.dep_ in ("amod", "compound") and head.dep_ in _COMPLEMENT_DEPS and head.i > after):
            yield t


def _naming_acts(reader: _Reader, parsed) -> list[SpeechAct]:
    """"called the threat extremely dangerous", "described the address as disappointing"."""
    from tocsin.speech.scan import VERBS, indices_with_pos

    w = reader.words
    out = []
    for i in indices_with_pos(parsed, VERBS):
        verb = parsed[i]
        if verb.lemma_.lower() not in w.naming_verbs:
            continue
        judged = next((t for t in _complement_words(verb) if (w.judges(t) and not _negated(t, w))
                       or (t.lemma_.lower() in w.approval and _negated(t, w))), None)
        if judged is None:
            continue
        speaker_tok = subject_of(verb)
        if speaker_tok is None:
            continue
        ref = ref_for(reader.document, noun_phrase(speaker_tok), reader.config) or _last_person(
            reader.document, speaker_tok)  # "He described ...": the person named last before it
        if ref is None:
            continue
        about = [c for c in verb.children if c.dep_ == "dobj"]
        out.append(SpeechAct("ACCUSE", verb.sent, [verb, judged], ref, about,
                             f"naming verb '{verb.lemma_.lower()}' with '{judged.text}'", "naming", speaker_tok))
    return out


def find_acts(document, parsed, config) -> list[SpeechAct]:
    """The speech acts of a document, in text order, at most one per act, sentence and speaker."""
    words = load(tuple(config.lexicon_files))
    reader = _Reader(document, parsed, words, config)
    acts: list[SpeechAct] = []
    for st in _statements(document, parsed):
        previous = None  # the act of the statement's previous sentence
        for toks in _tokens_by_sentence(parsed, st.start, st.end):
            found = reader.read(toks, st)
            if found is None:
                previous = None
                continue
            event, cue, about, rule = found
            if previous == event:
                continue  # the same act goes on in the next sentence of the statement
            previous = event
            if not about and event != "ACCUSE" and st.cue is not None:
                about = _addressees(st.cue, words)  # "“Stop the shelling,” she told Azerbaijan"
            acts.append(SpeechAct(event, toks[0].sent, cue, st.speaker, about, rule, st.id, said_with=st.cue,
                                  words=(st.start, st.end)))
    # A naming verb names its speaker in the sentence: it goes first when a quote in it says the same.
    acts = _naming_acts(reader, parsed) + acts
    seen, out = set(), []
    for act in acts:
        key = (act.sent.start, act.event)
        if key not in seen:
            seen.add(key)
            out.append(act)
    return sorted(out, key=lambda a: a.cue[0].idx)
