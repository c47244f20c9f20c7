"""Court rulings as the court's act: "the court said X must stay behind bars" is COERCE (arrest)
by the court on X. The obligation inside would otherwise read as a demand of whoever reports the
ruling, and the detention as an act of the detained; both give way to the court's event.
Word lists: tocsin/data/rulings.yaml (users add a `rulings:` key in a --lexicon file).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from tocsin.events.scoring import codes, confidence
from tocsin.model import Event

_KEYS = ("courts", "ruling_verbs", "obligation_aux", "detention_verbs", "detention_places")
_REPLACED = {"REQUEST", "COERCE", "SANCTION"}


@lru_cache(maxsize=8)
def load(user_files: tuple[Path, ...] = ()) -> dict[str, frozenset[str]]:
    """The word lists, the user's `rulings:` entries added."""
    from tocsin.speech.vocab import _read

    data = _read(resources.files("tocsin") / "data" / "rulings.yaml")
    words = {k: set(data.get(k) or ()) for k in _KEYS}
    for path in user_files:
        extra = _read(path).get("rulings")
        if not isinstance(extra, dict):
            continue
        for k in _KEYS:
            words[k] |= set(extra.get(k) or ())
    return {k: frozenset(w.lower() for w in v) for k, v in words.items()}


def _detains(verb, words) -> bool:
    """Does the obliged verb send or keep someone in detention ("be jailed", "go to jail")?"""
    if verb.lemma_.lower() in words["detention_verbs"]:
        return True
    return any(c.dep_ == "prep" and any(o.dep_ == "pobj" and o.lemma_.lower() in words["detention_places"]
                                        for o in c.children) for c in verb.children)


def _court_before(sent, limit: int, words):
    """The court that rules before token `limit`: the subject of a ruling verb, nearest first."""
    found = [t for t in sent if t.i < limit and t.dep_ == "nsubj" and t.lemma_.lower() in words["courts"]
             and t.head.lemma_.lower() in words["ruling_verbs"]]
    return found[-1] if found else None


def add_rulings(document, parsed, events: list[Event], onto, actors_of, config) -> list[Event]:
    """`events` with each court's detention ruling coded as its COERCE, replacing what the
    obligation's words were coded as."""
    from tocsin import nlp

    words = load(tuple(config.lexicon_files))
    out, made = list(events), 0
    lowered = nlp.column(parsed, "lower")
    if not words["courts"] & set(lowered):
        return out  # most articles name no court: no token walk
    for k in (k for k, w in enumerate(lowered) if w in words["obligation_aux"]):
        aux = parsed[k]
        sent = aux.sent
        if aux.dep_ == "aux":
            out, made = _ruling(document, parsed, sent, aux, out, made, onto, actors_of, words)
    return sorted(out, key=lambda e: e.span[0])


def _ruling(document, parsed, sent, aux, out: list[Event], made: int, onto, actors_of, words):
    """`out` with the ruling whose obligation is `aux` coded (if it is one), and the count made."""
    verb = aux.head
    court = _court_before(sent, aux.i, words) if _detains(verb, words) else None
    actor = actors_of([court]) if court is not None else []
    if not actor:
        return out, made
    obliged = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    recipient = actors_of([obliged]) if obliged is not None else []
    start, end = aux.idx, verb.right_edge.idx + len(verb.right_edge)
    rules = court.head.idx  # the court's "said" is its ruling, not a demand of its own
    out = [e for e in out if not (e.span[0] == sent.start_char and e.event in _REPLACED
                                  and (start <= (e.event_span or e.span)[0] < end
                                       or (e.event_span or e.span)[0] == rules))]
    text = document.text[sent.start_char:sent.end_char].rstrip()
    cameo, quad, scale = codes("COERCE", "arrest", onto)
    made += 1
    out.append(Event(
        id=f"{document.doc.id}-r{made}", doc_id=document.doc.id, event="COERCE", mode=["arrest"],
        actor=actor, recipient=recipient, text=text, span=(sent.start_char, sent.start_char + len(text)),
        event_text=court.head.text, event_span=(court.head.idx, court.head.idx + len(court.head)),
        cameo=cameo, quad_code=quad, event_scale=scale,
        confidence=confidence(0.6, has_actor=True, actor_coded=any(a.code for a in actor),
                              has_recipient=bool(recipient), guessed=False, nominal=False, auxiliary=[]),
        rule=f"court ruling: obligation '{aux.lower_}' of detention",
    ))
    return out, made
