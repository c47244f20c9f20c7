"""Casualties: the death toll an event's clause states, as `event.fatalities`.

A death toll is a count tied to a word of death through the parse: the object of "kill"
("killed more than 80 people"), the passive subject ("12 were killed"), the subject of "die",
a count of "dead" ("at least 12 dead", "left 12 dead"), a count of deaths ("80 deaths", "a death
toll of 30"), or a group less its survivors ("carrying 11 people, which left only two
survivors" -> 9). Counts of the wounded are never fatalities. Each toll goes to the one event it
is attached to (its trigger's phrase and the relative clauses on it first, then its clause,
then governing clauses), closest first, so that "Venezuela condemned the attacks, which have
killed more than 80 people" gives the 80 to the attacks, not to the condemnation, when both
are events. An event is named by its trigger and by its later mentions (`event.mentions`): when
"the attacks" is a mention of an earlier event, the toll goes to that event. Word lists are in
tocsin/data/casualties.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tocsin.config import DEFAULT, Config
from tocsin.model import Fatalities
from tocsin import clauses, nlp
from tocsin.yamlfast import safe_load

DATA = Path(__file__).resolve().parent / "data" / "casualties.yaml"
_NOT_COUNTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
_NUMERIC = re.compile(r"^\d+(?:[.,]\d+)*$")

__all__ = ["annotate", "tolls", "Toll"]


@dataclass(frozen=True)
class Words:
    kill_verbs: frozenset[str]
    die_verbs: frozenset[str]
    dead_words: frozenset[str]
    death_nouns: frozenset[str]
    toll_nouns: frozenset[str]
    survivor_nouns: frozenset[str]
    wound_words: frozenset[str]
    group_words: frozenset[str]
    people_nouns: frozenset[str]
    qualifiers: tuple[tuple[str, str], ...]  # longest phrase first
    vague: dict
    numbers: dict


@lru_cache(maxsize=8)
def load_words(extra: tuple[Path, ...] = ()) -> Words:
    data: dict = {}
    for path in (DATA, *extra):
        for key, value in (safe_load(Path(path).read_text(encoding="utf-8")) or {}).items():
            if isinstance(value, dict):
                data.setdefault(key, {}).update({str(k).lower(): v for k, v in value.items()})
            else:
                data.setdefault(key, []).extend(str(v).lower() for v in value or [])

    def words(key):
        return frozenset(data.get(key, []))

    quals = data.get("qualifiers", {})
    return Words(
        kill_verbs=words("kill_verbs"),
        die_verbs=words("die_verbs"),
        dead_words=words("dead_words"),
        death_nouns=words("death_nouns"),
        toll_nouns=words("toll_nouns"),
        survivor_nouns=words("survivor_nouns"),
        wound_words=words("wound_words"),
        group_words=words("group_words"),
        people_nouns=words("people_nouns"),
        qualifiers=tuple(sorted(quals.items(), key=lambda kv: len(kv[0]), reverse=True)),
        vague=dict(data.get("vague", {})),
        numbers=dict(data.get("numbers", {})),
    )


@dataclass(frozen=True)
class Toll:
    """A death toll found in a sentence; `cue` is the token (spaCy) that states the deaths."""

    number: int
    qualifier: str
    text: str
    start: int
    end: int
    cue: object


@dataclass(frozen=True)
class _Count:
    value: int
    qualifier: str
    first: object  # first token of the count phrase (its qualifier included)
    root: object  # the count's head token
    noun: object  # what it counts: the noun it modifies, or itself


def annotate(document, parsed, config: Config = DEFAULT) -> None:
    parsed = nlp.view(parsed)
    words = load_words()
    # Every place an event is named: its trigger and its later mentions ("the attacks, which have
    # killed 80": the toll is the attacks' own, whichever event the attacks noun refers to).
    anchors: dict[int, list[tuple[object, object]]] = {}  # sentence start -> [(event, token)]
    for event in document.events:
        event.fatalities = None
        tok = clauses.trigger(parsed, event)
        if tok is not None:
            anchors.setdefault(tok.sent.start, []).append((event, tok))
        for mention in event.mentions:
            words_span = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
            if words_span is not None and len(words_span):
                anchors.setdefault(words_span.root.sent.start, []).append((event, words_span.root))
    # Each toll goes to the event it attaches to most closely; each event keeps one toll.
    for start in sorted(anchors):
        found = tolls(anchors[start][0][1].sent, words)
        for toll in found:
            best = None
            for event, tok in anchors[start]:
                chain = clauses.levels(tok)
                level = 0 if _result_of(toll.cue, tok) else clauses.attachment(chain, toll.cue, through_modifiers=True)
                if level is None:
                    continue
                key = (level, clauses.distance(toll.cue, chain[level]))
                if best is None or key < best[0]:
                    best = (key, event)
            if best is not None and best[1].fatalities is None:
                best[1].fatalities = Fatalities(
                    number=toll.number, qualifier=toll.qualifier, text=toll.text, start=toll.start, end=toll.end
                )


def _result_of(cue, trigger) -> bool:
    """"Aircraft bombed a school, killing five people": a participle clause hanging from the
    trigger tells what the act did; its toll is the act's own."""
    return cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.head.i == trigger.i


def tolls(sent, words: Words | None = None) -> list[Toll]:
    """The death tolls stated in one sentence (a spaCy Span)."""
    words = words or load_words()
    counts = _counts(sent, words)
    found, groups, survivors = [], [], []
    for count in counts:
        kind, cue = _what(count, words)
        if kind == "death":
            last = _end(count)
            if 0 < cue.i - last.i <= 2:  # "at least 12 dead", "300 killed": the cue closes the phrase
                last = cue
            found.append(_toll(count.value, count.qualifier, count.first, last, cue))
        elif kind == "group":
            groups.append(count)
        elif kind == "survivors":
            survivors.append((count, cue))
    if not found:
        for group in groups:
            for surv, cue in survivors:
                if surv.root.i > group.root.i and surv.value < group.value:
                    qualifier = "exact" if group.qualifier == surv.qualifier == "exact" else "about"
                    found.append(_toll(group.value - surv.value, qualifier, group.first, _end(surv), cue))
                    break
            else:
                continue
            break
    return found


def _toll(number, qualifier, first, last, cue) -> Toll:
    doc = first.doc
    start, end = first.idx, last.idx + len(last.text)
    # The tokens' own text: doc.text would rebuild the whole document's text.
    return Toll(int(number), qualifier, doc[first.i : last.i + 1].text, start, end, cue)


def _end(count: _Count):
    return count.noun if count.noun.i > count.root.i else count.root


def _counts(sent, words: Words) -> list[_Count]:
    out, used = [], set()
    lower, like_num = nlp.column(sent.doc, "lower"), nlp.column(sent.doc, "like_num")
    for i in range(sent.start, sent.end):
        low = lower[i]
        if not (like_num[i] or low == "no" or low in words.vague or low in words.numbers):
            continue  # no count starts at this word: its Token is not built
        tok = sent.doc[i]
        if tok.i in used or tok.ent_type_ in _NOT_COUNTS:
            continue
        if low in words.vague:
            out.append(_count(tok, [tok], words.vague[low], "at least", words))
            used.add(tok.i)
            continue
        if low == "no" and tok.head.lemma_.lower() in words.survivor_nouns:
            out.append(_Count(0, "exact", tok, tok, tok.head))
            continue
        if not (tok.like_num or low in words.numbers):
            continue
        if low == "one" and tok.dep_ != "nummod":  # "one of the", "no one": not a count
            continue
        run = [tok]
        nxt = tok.i + 1
        while nxt < sent.end and (_is_number(sent.doc[nxt], words) or sent.doc[nxt].text == "-"):
            run.append(sent.doc[nxt])
            nxt += 1
        while run and run[-1].text == "-":
            run.pop()
        used.update(t.i for t in run)
        value = _value([t.lower_ for t in run], words)
        if value is None:
            continue
        out.append(_count(run[-1], run, value, None, words))
    return out


def _is_number(tok, words: Words) -> bool:
    return tok.like_num or tok.lower_ in words.numbers


def _count(root, run, value, qualifier, words: Words) -> _Count:
    first = run[0]
    if qualifier is None:
        qualifier = "exact"
        sent = root.sent
        before = nlp.text(sent.doc)[sent.start_char : first.idx].lower().rstrip()
        for phrase, qual in words.qualifiers:
            if before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum()):
                qualifier = qual
                back = before[: len(before) - len(phrase)]
                # Move the start back over the qualifier, so the text reads "more than 80 people".
                offset = root.sent.start_char + len(back.rstrip())
                first = next(t for t in root.sent if t.idx >= offset and not t.is_space)
                break
    if root.dep_ in ("nummod", "quantmod", "amod") and root.head.i > root.i:
        noun = root.head
    else:
        noun = root
    return _Count(int(value), qualifier, first, root, noun)


def _value(tokens: list[str], words: Words) -> float | None:
    if len(tokens) == 1 and _NUMERIC.match(tokens[0]):
        text = tokens[0].replace(",", "")
        try:
            return float(text)
        except ValueError:
            return None
    total, current = 0.0, 0.0
    for tok in tokens:
        if tok == "-":
            continue
        if _NUMERIC.match(tok):
            current += float(tok.replace(",", ""))
            continue
        value = words.numbers.get(tok)
        if value is None:
            return None
        if value >= 100:
            current = max(current, 1) * value
            if value >= 1000:
                total, current = total + current, 0.0
        else:
            current += value
    return total + current or None


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _wound(tok, words: Words) -> bool:
    return _lemma(tok) in words.wound_words or tok.lower_ in words.wound_words


def _what(count: _Count, words: Words):
    """What a count counts: ("death", cue), ("group", cue), ("survivors", cue) or (None, None)."""
    noun = count.noun
    if _wound(noun, words):
        return None, None
    if noun.i != count.root.i and (_lemma(noun) in words.death_nouns or noun.lower_ in words.dead_words):
        return "death", noun
    if noun.lower_ in words.dead_words:  # "at least 12 dead" with the count as head
        return "death", noun
    for child in noun.children:
        if child.dep_ in ("amod", "acl") and child.lower_ in words.dead_words:
            return "death", child
        if child.dep_ in ("amod", "acl") and _wound(child, words):
            return None, None
    if _lemma(noun) in words.survivor_nouns:
        return "survivors", noun.head if noun.dep_ in ("dobj", "attr", "nsubj") else noun
    head, dep = noun.head, noun.dep_
    hl = _lemma(head)
    if _wound(head, words):
        return None, None
    if dep == "dobj" and hl in words.kill_verbs:
        return "death", head
    if dep == "nsubjpass" and hl in words.kill_verbs:
        return "death", head
    if dep == "nsubj" and hl in words.die_verbs:
        return "death", head
    if dep in ("nsubj", "dobj"):
        for child in head.children:
            if child.dep_ in ("acomp", "oprd", "ccomp", "xcomp") and child.lower_ in words.dead_words:
                return "death", child
    if dep == "pobj":
        # "the death toll rose to 45", "a death toll of 45"
        prep = head
        owner = prep.head
        if _lemma(owner) in words.toll_nouns:
            return "death", owner
        if any(c.dep_ in ("nsubj", "nsubjpass") and _lemma(c) in words.toll_nouns for c in owner.children):
            return "death", owner
        if prep.lower_ in words.group_words and _lemma(noun) in words.people_nouns:
            return "group", prep
    if _lemma(noun) in words.people_nouns and (hl in words.group_words or head.lower_ in words.group_words):
        return "group", head
    return None, None
