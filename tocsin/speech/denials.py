"""Denials: "X denies", "refuted the allegations", "dismissed the report as fabricated",
"a claim X denies". Each links its denier to `denied_by` of the claim(s) it answers: a claim in
the same sentence for "a claim X denies"; for a denial that names the act it denies ("denied
targeting the hospital"), the claim of the preceding sentences that reports that act (the same
event type once events are coded, else the most words of the act shared); otherwise the most
recent claims of the preceding sentences that concern the denier (all of them for a plural
object: "the allegations").
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.symbols import VERB

from tocsin import nlp
from tocsin.model import Claim, Ref
from tocsin.speech.quotes import QuoteSpan
from tocsin.speech.refs import UNNAMED, is_pronoun, noun_phrase, ref_for, subject_of
from tocsin.speech.scan import indices_with_pos
from tocsin.speech.speakers import History
from tocsin.speech.vocab import Vocabulary

WINDOW_SENTENCES = 4  # how far back a denial may answer a claim


@dataclass
class Denial:
    verb: object  # spaCy token
    denier: Ref
    same_sentence: bool  # "a claim X denies": answers a claim of its own sentence
    plural: bool  # "the allegations": answers every matching claim
    act: object = None  # the head of the act denied ("denied *targeting* the hospital"), if named
    answered: bool = False  # linked to a claim


def _is_denial(verb, vocab: Vocabulary) -> tuple[bool, bool, bool]:
    """(is a denial, answers its own sentence, plural object)."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in vocab.denial_verbs:
        return False, False, False
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in vocab.claim_nouns:
        return True, True, verb.head.tag_ in ("NNS", "NNPS")
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    content = any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    branded = any(
        t.lemma_.lower() in vocab.denial_complements or t.lower_ in vocab.denial_complements
        for c in verb.children
        if c.dep_ in ("prep", "oprd", "acomp", "advcl") and (c.dep_ != "prep" or c.lower_ == "as")
        for t in c.subtree
    )
    claim_object = obj is not None and obj.lemma_.lower() in vocab.claim_nouns
    plural = obj is not None and obj.tag_ in ("NNS", "NNPS")
    if lemma in vocab.denial_always:
        return (obj is None or claim_object or branded or content), False, plural
    return (claim_object or branded), False, plural


def find_denials(
    document, parsed, quotes: list[QuoteSpan], vocab: Vocabulary, config, history: History
) -> list[Denial]:
    found = []
    for i in indices_with_pos(parsed, (VERB,)):  # a denial is a verb: the rest need no look
        verb = parsed[i]
        # The cheap verb test first: most verbs are no denial, and few sit in a quote.
        ok, same_sentence, plural = _is_denial(verb, vocab)
        if not ok or any(q.mark_start <= verb.idx < q.mark_end for q in quotes):
            continue
        subject = subject_of(verb)
        if subject is None:
            continue
        denier = ref_for(document, noun_phrase(subject), config)
        if denier is None and is_pronoun(subject):
            denier = history.speaker_for(document, subject, verb.idx)
        if denier is None:
            continue
        act = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
        found.append(Denial(verb, denier, same_sentence, plural, act))
    return found


def _surname(name: str) -> str | None:
    words = [w for w in name.replace("’s", "").replace("'s", "").split() if w[:1].isupper()]
    return words[-1] if words else None


def concerns(document, claim: Claim, who: Ref) -> bool:
    """Whether the claim mentions the denier (an entity mention in its span, or the surname)."""
    if who.entity_id:
        for entity in document.entities:
            if entity.id == who.entity_id and any(claim.start <= m.start < claim.end for m in entity.mentions):
                return True
    surname = _surname(who.name)
    return bool(surname) and surname in claim.text


def _same_source(claim: Claim, who: Ref) -> bool:
    if claim.source is None or claim.source.name == UNNAMED:
        return False
    if who.entity_id and claim.source.entity_id == who.entity_id:
        return True
    return claim.source.name == who.name


def _worded_sentences(parsed) -> tuple[list[int], list[int]]:
    """Start characters and end tokens of the sentences that hold words, built once per Doc (a
    denial looks back at the ones before it)."""
    cache = nlp.shared(parsed)
    if "denials.sentences" not in cache:
        text = nlp.text(parsed)
        worded = [s for s in nlp.sents(parsed) if text[s.start_char:s.end_char].strip()]
        cache["denials.sentences"] = ([s.start_char for s in worded], [s.end for s in worded])
    return cache["denials.sentences"]


_CONTENT = ("NOUN", "PROPN", "VERB")  # the words that say what was done, to whom and where


def _words(tokens) -> set[str]:
    return {t.lemma_.lower() for t in tokens if t.pos_ in _CONTENT}


def _fit(parsed, denial: Denial, claim: Claim, events) -> tuple[bool, int]:
    """How well a claim reports the act the denial names: an event of the same type (when events
    are coded) and the words of the act it shares (the target, the place, the verb)."""
    act = denial.act
    first, last = act.left_edge, act.right_edge
    span = parsed.char_span(claim.start, claim.end, alignment_mode="expand")
    shared = len(_words(parsed[first.i : last.i + 1]) & _words(span)) if span is not None else 0
    denied = {kind for kind, at in events if first.idx <= at < last.idx + len(last)}
    reported = {kind for kind, at in events if claim.start <= at < claim.end}
    return bool(denied & reported), shared


_NOT_TARGETS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT")  # when, how many


def _named_targets(denial: Denial) -> list:
    """The named places and parties of the act denied ("denied that it had bombed *Beirut*"),
    without its doer ("that *its forces* had ...")."""
    act = denial.act
    doer = {t.i for c in act.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    return [t for t in act.subtree if t.i not in doer and t.pos_ == "PROPN" and t.ent_type_ not in _NOT_TARGETS]


def _reports_target(document, claim: Claim, target) -> bool:
    """Whether the claim names the target: its word, or a mention of the entity it belongs to."""
    if target.text in claim.text:
        return True
    for entity in document.entities:
        if any(m.start <= target.idx < m.end for m in entity.mentions):
            return any(claim.start <= m.start < claim.end for m in entity.mentions)
    return False


def _answered(document, parsed, denial: Denial, claims: list[Claim], events=()) -> list[Claim]:
    verb = denial.verb
    sent = verb.sent
    if denial.same_sentence:
        noun = verb.head
        own = [
            c
            for c in claims
            if sent.start_char <= c.start and c.end <= noun.idx and not _same_source(c, denial.denier)
        ]
        if own:
            return [max(own, key=lambda c: c.end)]
    starts, ends = _worded_sentences(parsed)
    before = bisect_right(ends, sent.start)  # worded sentences that end before this one
    window_start = starts[max(before - WINDOW_SENTENCES, 0)] if before else 0
    candidates = [
        c
        for c in claims
        if window_start <= c.start and c.end <= verb.idx and not _same_source(c, denial.denier)
    ]
    if not candidates:
        return []
    if denial.act is not None:
        targets = _named_targets(denial)
        if targets:
            # "denied bombing Beirut" answers only a claim about Beirut, never one of a strike on
            # other villages merely because the act is of the same type
            candidates = [c for c in candidates if any(_reports_target(document, c, t) for t in targets)]
            if not candidates:
                return []
    if denial.act is not None and not denial.plural:
        # "denied targeting the hospital" answers the claim of a strike on the hospital, not the
        # claim just before it
        fits = {c.id: _fit(parsed, denial, c, events) for c in candidates}
        best = max(fits.values())
        if best != (False, 0):
            return [max((c for c in candidates if fits[c.id] == best), key=lambda c: c.end)]
    about = [c for c in candidates if concerns(document, c, denial.denier)]
    if denial.plural:
        return about or [max(candidates, key=lambda c: c.end)]
    return [max(about or candidates, key=lambda c: c.end)]


def link_denials(document, parsed, claims: list[Claim], denials: list[Denial], events=()) -> None:
    """`events`: (event type, trigger start) of the coded events, when the events stage has run."""
    for denial in denials:
        answered = _answered(document, parsed, denial, claims, events)
        denial.answered = bool(answered)
        for claim in answered:
            if denial.denier not in claim.denied_by:
                claim.denied_by.append(denial.denier)


def told_before(parsed, denial: Denial) -> tuple[int, int] | None:
    """The characters of the sentence just before a denial of "it", "this" or "the report" that
    answered no claim ("Drones hit a tanker on Friday. Tehran denied it."): the narrator's own
    report is what it denies."""
    if denial.answered or denial.same_sentence or denial.act is not None:
        return None
    starts, ends = _worded_sentences(parsed)
    before = bisect_right(ends, denial.verb.sent.start)
    if not before:
        return None
    return starts[before - 1], parsed[ends[before - 1] - 1].idx + len(parsed[ends[before - 1] - 1])


def denier_of(document, trigger, vocab: Vocabulary, config) -> Ref | None:
    """Who denies the act whose trigger token this is: the subject of the denial verb it is the
    complement of ("the army denied shelling the village", "Moscow denied that its forces had
    targeted civilians"); None when no denial verb governs it or the denier is an unresolved pronoun."""
    token = trigger
    for _ in range(2):  # "denied shelling", "denied that it had shelled"
        if token.dep_ not in ("xcomp", "ccomp", "pcomp") or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB" and token.lemma_.lower() in vocab.denial_verbs:
            subject = subject_of(token)
            return None if subject is None else ref_for(document, noun_phrase(subject), config)
    return None
