"""PLOVER auxiliary modes (negation, hypothetical, future, historical) and PLOVER's rules for them:
future cooperation is AGREE, an announced retreat is CONCEDE, a future act of force is THREATEN,
a refusal ("will not release") is REJECT, ending an act ("will stop attacking") is coded as the
ending (plover.yaml `ceased`). The auxiliary modes stay on the event."""

from __future__ import annotations

import re

from tocsin.events.lexicon import Lexicon
from tocsin.events.matcher import Trigger
from tocsin.events.ontology import Ontology, ontology
from tocsin.events.syntax import lemma

_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)s?$")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_CLIMB = {"xcomp", "acomp", "pcomp", "prep", "pobj", "conj", "ccomp"}
_MARKER_DEPS = ("aux", "auxpass", "neg", "advmod", "det", "mark", "preconj")


def _governors(trig: Trigger, g) -> tuple[list, list, bool]:
    """Heads above the trigger's clause ("plans to", "expected to", "failed to") and their markers.

    Returns (governor tokens, marker tokens of those heads, reported?). A nominal with no light
    verb has no governors: "during a phone call" takes nothing from the clause around it.
    """
    if trig.nominal and trig.light is None:
        # "an invasion expected to begin", "talks planned for May": the noun's own participle.
        acl = [c for c in trig.head.children if c.dep_ == "acl" and c.pos_ == "VERB"]
        markers = [m for c in acl for m in c.children if m.dep_ in ("aux", "neg")]
        if trig.head.dep_ in ("nsubj", "nsubjpass"):
            # "if a strike threatened Russian troops": the condition the noun is the subject of
            markers += [m for m in trig.head.head.children if m.dep_ == "mark"]
        return acl + _nominal_frame(trig.head, g), markers, False
    governors, markers, reported = [], [], False
    cur = trig.anchor
    detached = False  # climbed from a conjunct that is a clause of its own
    for _ in range(6):
        dep = cur.dep_
        if dep == "acl" and cur.head.pos_ == "NOUN" and lemma(cur.head) in g.negating_nouns | g.hypothetical_nouns:
            governors.append(cur.head)  # "the council's failure to end the war", "the right to appeal"
            break
        if dep not in _CLIMB or cur.head.i == cur.i:
            break
        head = cur.head
        if dep == "conj" and _contrasted(cur, head):
            # "did not address the incident but urged restraint": the first verb's negation and
            # auxiliaries are its own; climb on for what governs both ("said it ... but ...").
            cur = head
            continue
        if dep == "ccomp" and (lemma(head) in g.reporting or (
                lemma(head) in g.telling_verbs and any(c.dep_ == "nsubj" for c in cur.children))):
            reported = True  # "warned that Sudan is supplying drones": told as a fact
            break
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            # "does not acknowledge it, but is believed to be supporting them": a conjunct with an
            # auxiliary or subject of its own is not under the first conjunct's negation
            own = dep == "conj" and _has_own_subject_or_aux(cur)
            markers += [c for c in head.children if c.dep_ == "aux" or (c.dep_ == "neg" and not own)]
            if dep == "conj":
                detached = detached or _own_clause(cur, head)
            elif detached:
                # "will stop supporting X and cooperate with Y": "stop" governs "supporting" only;
                # its auxiliary still scopes over both.
                markers = [m for m in markers if m.head.i != head.i or m.dep_ == "aux"]
                detached = False
            elif not (dep == "prep" and cur.lower_ == "by" and lemma(head) in g.attempt_governors):
                # ("by arming the militias, Tehran has sought to ...": the means of an attempt was used)
                governors.append(head)
        cur = head
    return governors, markers, reported


def _contrasted(conjunct, first) -> bool:
    """Is a conjunct verb set against the first ("did not X but urged", "refused X yet agreed"), or a
    finite verb beside a bare one that took "did"/"would" ("didn't address ... and urged")?"""
    if any(c.dep_ == "cc" and c.lower_ in ("but", "yet") and first.i < c.i < conjunct.i for c in first.children):
        return True
    return conjunct.tag_ in ("VBD", "VBZ") and first.tag_ == "VB"


def _nominal_frame(noun, g) -> list:
    """What frames an event noun as only possible: "the likelihood of attacks", "the risk of a
    war" (a `hypothetical_nouns` head of its "of"), "a clash was likely" (its predicate adjective)."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) in g.hypothetical_nouns:
        return [head.head]
    if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("AUX", "VERB"):
        return [c for c in head.children if c.dep_ == "acomp" and lemma(c) in g.hypothetical_governors]
    return []


def _has_own_subject_or_aux(conjunct) -> bool:
    return any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in conjunct.children)


def _own_clause(conjunct, first) -> bool:
    """Is this conjunct a verb phrase the first conjunct's governor does not govern ("stop supporting
    X and cooperate with Y": a bare verb beside a gerund; or one with its own auxiliary)?"""
    if _has_own_subject_or_aux(conjunct):
        return True
    return first.tag_ == "VBG" and conjunct.tag_ in ("VB", "VBP", "VBZ")


def cessation(trig: Trigger, lex: Lexicon) -> bool:
    """Is the event's nearest governor a verb of ending it ("will stop supporting the rebels")?"""
    if trig.nominal and trig.light is None:
        return False
    governors = _governors(trig, lex.grammar)[0]
    return bool(governors) and lemma(governors[0]) in lex.grammar.cessation_governors


def auxiliary_modes(trig: Trigger, lex: Lexicon, published_year: int | None, text: str | None = None) -> list[str]:
    """The auxiliary modes of a trigger; `text` is the parsed text (doc.text, which spaCy rebuilds on each call)."""
    g = lex.grammar
    own = [trig.head] if trig.anchor.i == trig.head.i else [trig.head, trig.anchor]
    markers = [c for t in own for c in t.children if c.dep_ in _MARKER_DEPS]
    governors, gov_markers, reported = _governors(trig, g)
    markers += gov_markers
    words = {m.lower_ for m in markers} | {lemma(m) for m in markers}
    gov_lemmas = {lemma(t) for t in governors}
    negating = g.negating_governors
    if governors and lemma(governors[0]) in g.cessation_governors and _recoded_when_ceased(trig.entry.event):
        negating = negating - g.cessation_governors  # the ending is itself the event (apply_rules)
    modes: list[str] = []
    if words & g.negation_words or gov_lemmas & (negating | g.negating_nouns) or _no_evidence(trig, g):
        modes.append("negation")
    future = bool(words & g.future_aux) or bool(gov_lemmas & g.future_governors)
    hypothetical_heads = (g.hypothetical_governors | g.hypothetical_nouns) - g.future_governors
    if trig.entry.event == "REQUEST":
        # "sought to change Trump's mind", "an attempt to persuade him": trying to get someone to act
        # is asking them (.sets.get: a user's grammar may not name the list)
        hypothetical_heads = hypothetical_heads - g.sets.get("attempt_governors", frozenset())
    hypo = bool(words & g.hypothetical_aux) or bool(gov_lemmas & hypothetical_heads)
    if any(m.dep_ == "mark" and m.lower_ in g.hypothetical_marks for m in markers):
        hypo = True
    if text is not None and _in_question(trig, text):
        hypo = True  # "will Russia hit back?": asked, not told
    # "said it would attack": a future seen from the past, not a hypothesis.
    if hypo and reported and words & {"would", "'d"} and not (words - {"would", "'d"}) & g.hypothetical_aux \
            and not gov_lemmas & g.hypothetical_governors:
        hypo, future = False, True
    if future:
        modes.append("future")
    if hypo:
        modes.append("hypothetical")
    if published_year and _historical(trig, published_year, g, text):
        modes.append("historical")
    return modes


def _no_evidence(trig: Trigger, g) -> bool:
    """An event noun that is the "of" complement of an evidence noun under "no" ("no evidence of an
    attack", "had no report of such an incursion")."""
    head = trig.head
    if not trig.nominal or head.dep_ != "pobj" or head.head.lower_ != "of":
        return False
    noun = head.head.head
    return lemma(noun) in g.evidence_nouns and any(
        c.dep_ in ("det", "neg") and c.lower_ in g.negation_words for c in noun.children)


def _in_question(trig: Trigger, text: str) -> bool:
    """Is the trigger inside a question: a sentence ending in a question mark, from its last colon or
    opening quote on ('Putin asked reporters: "Why did NATO bomb Belgrade?"' asks about the bombing;
    the asking itself is told)?"""
    sent = trig.anchor.sent
    body = text[sent.start_char:sent.end_char].rstrip().rstrip("\"'”’)»")
    if not body.endswith("?"):
        return False
    opened = max(body.rfind(mark) for mark in _QUESTION_OPENERS)
    return opened < 0 or trig.anchor.idx >= sent.start_char + opened


# Marks before which a sentence-final question does not reach: "asked: ...", "asked, “...".
_QUESTION_OPENERS = (":", "“", "‘", "«", ' "', " '")


def _historical(trig: Trigger, year: int, g, text: str | None = None) -> bool:
    """A year well before publication attached to the event's clause ("In 1990, ...")."""
    anchor = trig.anchor
    sent = anchor.sent
    # Most sentences name no year: a look at the text spares walking the tokens. Token by token,
    # not `sent.ents`, which rebuilds every entity span of the document.
    found = (_YEAR_IN_TEXT.search(text, sent.start_char, sent.end_char) if text is not None
             else _YEAR_IN_TEXT.search(sent.text))
    if found:
        for tok in sent:
            if _YEAR.match(tok.text) and tok.ent_type_ == "DATE" and int(tok.text[:4]) < year - 1 \
                    and _attached(tok, anchor):
                return True
    return any(c.lower_ in g.historical_words for c in anchor.children)


def _attached(tok, anchor) -> bool:
    """Does `tok` modify the anchor's own clause (not a clause of its own)?"""
    cur = tok
    for _ in range(6):
        if cur.i == anchor.i:
            return True
        if (cur.i != tok.i and cur.pos_ in ("VERB", "AUX")) or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _recoded_when_ceased(event: str) -> bool:
    kind = ontology().types.get(event)
    return kind is not None and kind.ceased is not None


def announced(trig: Trigger, lex: Lexicon) -> bool:
    """Is the event announced or ordered now ("announced the withdrawal", "ordered troops to pull out")?"""
    heads = [trig.light] if trig.light is not None else []
    heads += _governors(trig, lex.grammar)[0]
    return any(h is not None and lemma(h) in lex.grammar.announcing for h in heads)


def apply_rules(event: str, mode: str | None, aux: list[str], onto: Ontology,
                is_announced: bool = False, ended: str | None = None,
                backs_armed: bool = False) -> tuple[str, str | None]:
    """PLOVER's recoding of future, announced, refused and ended events (`ended`: "plain" when a
    party ends the act, "armed" when the act was done for an armed group; `backs_armed`: the act
    backs an armed group)."""
    kind = onto.types.get(event)
    if kind is None:
        return event, mode
    if backs_armed and not ended and kind.armed is not None:
        # "Tehran backs the rebels" is material aid; a promise of it is still recoded below
        event, mode = kind.armed
        kind = onto.types[event]
    if ended and "negation" not in aux:
        target = (kind.ceased_armed if ended == "armed" else None) or kind.ceased
        if target is not None:
            return target[0], target[1]
    if is_announced and kind.announced and "future" not in aux and "negation" not in aux \
            and mode not in kind.announced_except:
        return kind.announced, None
    if "negation" in aux and "future" in aux and kind.quad in (1, 2) and event != "AGREE":
        return "REJECT", _mode_for("REJECT", event, onto)
    if "negation" in aux and "future" in aux and event == "AGREE":
        return "REJECT", mode if mode in onto.types["REJECT"].modes else None
    if "future" in aux and "negation" not in aux and kind.future:
        target = kind.future
        return target, _mode_for(target, event, onto) or (mode if mode in onto.types[target].modes else None)
    return event, mode


def _mode_for(target: str, source: str, onto: Ontology) -> str | None:
    """The mode of `target` that names the `source` type (THREATEN mode assault, AGREE mode consult...)."""
    name = source.lower()
    modes = onto.types[target].modes
    if name in modes:
        return name
    if source == "SUPPORT" and "support" in modes:
        return "support"
    if source == "RETREAT" and "concede" in modes:
        return "concede"
    if source == "MOBILIZE" and "assault" in modes:
        return "assault"
    return None


def content_mode(outer: str, mode: str | None, inner_event: str, onto: Ontology) -> str | None:
    """The outer event's mode when it absorbs an inner one ("threatened to shell" -> THREATEN assault)."""
    if mode:
        return mode
    return _mode_for(outer, inner_event, onto)
