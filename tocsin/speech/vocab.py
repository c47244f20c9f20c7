"""The speech vocabulary (cue verbs, hedges, denials, channels) read from YAML data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from tocsin.yamlfast import safe_load

STATUS_RANK = {"asserted": 0, "claimed": 1, "alleged": 2, "denied": 3}


@dataclass(frozen=True)
class PhraseHedge:
    pattern: re.Pattern
    label: str
    status: str
    claim_rest: bool  # the rest of the sentence after the phrase is the claim ("it has emerged ...")
    whole_sentence: bool = False  # hedges every event of its sentence ("..., but it could not be verified")


@dataclass(frozen=True)
class Vocabulary:
    cue_verbs: frozenset[str]
    hedging_cues: dict[str, tuple[str, str]]  # lemma -> (label, status)
    accusation_verbs: dict[str, str]  # lemma -> preposition ("accuse" -> "of")
    passive_hedges: dict[str, str]
    phrase_hedges: tuple[PhraseHedge, ...]
    modifier_hedges: dict[str, str]  # word -> status
    according_to: str
    report_nouns: frozenset[str]
    denial_always: frozenset[str]
    denial_with_object: frozenset[str]
    claim_nouns: frozenset[str]
    denial_complements: frozenset[str]
    channel_pattern: re.Pattern
    unnamed_source_nouns: frozenset[str]

    @cached_property
    def denial_verbs(self) -> frozenset[str]:
        """Every denial verb lemma (both kinds), built once rather than per token."""
        return self.denial_always | self.denial_with_object

    @cached_property
    def phrase_hedge_filter(self) -> re.Pattern | None:
        """All phrase hedges in one pattern: a sentence it finds nothing in has none of them, and
        one search costs less than a search per phrase. None when the phrases cannot be joined
        (groups, which joining would renumber, or flags that cannot sit inside)."""
        if not self.phrase_hedges:
            return None
        if any(p.pattern.groups or p.pattern.flags & ~(re.IGNORECASE | re.UNICODE) for p in self.phrase_hedges):
            return None
        try:
            return re.compile("|".join(f"(?:{p.pattern.pattern})" for p in self.phrase_hedges), re.IGNORECASE)
        except re.error:
            return None

    def hedge_status(self, label: str) -> str:
        """How strongly a hedge label marks what it qualifies (claimed or alleged)."""
        for phrase in self.phrase_hedges:
            if phrase.label == label:
                return phrase.status
        for cue_label, status in self.hedging_cues.values():
            if cue_label == label:
                return status
        if label in self.modifier_hedges:
            return self.modifier_hedges[label]
        return "claimed"


def _read(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        data = safe_load(handle) or {}
    return data if isinstance(data, dict) else {}


def _merge(base: dict, extra: dict) -> dict:
    """Add the entries of `extra` to `base`: lists are extended, mappings updated recursively."""
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(base.get(key), list):
            base[key] = base[key] + [v for v in value if v not in base[key]]
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = _merge(dict(base[key]), value)
        else:
            base[key] = value
    return base


def _channel_pattern(channels: dict) -> re.Pattern:
    # Longest alternatives first so "phone call" wins over "call".
    def alt(words):
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    nouns, mods, platforms, verbs = (
        alt(channels.get(k, [])) for k in ("nouns", "modifiers", "platforms", "verbs")
    )
    det = r"(?:a|an|the|his|her|their|its|a\s+separate)"
    framed = (
        rf"\b(?:in|during|via|through)\s+{det}\s+(?:(?:{mods})[\s-]+)*(?:{nouns})\b"
        rf"(?:\s+(?:on|to|posted\s+on|posted\s+to)\s+(?:{platforms})\b"
        rf"|\s+with\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?"
    )
    took = rf"\b(?:{verbs})\s+(?:{platforms})\b"
    on_platform = rf"\bon\s+(?:{platforms})\b"
    return re.compile(rf"{framed}|{took}|{on_platform}")


def _build(data: dict) -> Vocabulary:
    hedges = data.get("hedges", {})
    phrases = tuple(
        PhraseHedge(
            re.compile(rf"\b{item['pattern']}\b", re.I),
            item["label"],
            item.get("status", "claimed"),
            item.get("claim") == "rest",
            item.get("scope") == "sentence",
        )
        for item in hedges.get("phrases", [])
    )
    denials = data.get("denial_verbs", {})
    return Vocabulary(
        cue_verbs=frozenset(str(w).lower() for w in data.get("cue_verbs", [])),
        hedging_cues={k: (v["label"], v.get("status", "claimed")) for k, v in data.get("hedging_cues", {}).items()},
        accusation_verbs={str(k).lower(): str(v).lower() for k, v in data.get("accusation_verbs", {}).items()},
        passive_hedges=dict(data.get("passive_hedges", {})),
        phrase_hedges=phrases,
        modifier_hedges={k.lower(): (v or {}).get("status", "claimed") for k, v in hedges.get("modifiers", {}).items()},
        according_to=data.get("according_to", "according to"),
        report_nouns=frozenset(str(w).lower() for w in data.get("report_nouns", [])),
        denial_always=frozenset(denials.get("always", [])),
        denial_with_object=frozenset(denials.get("with_object", [])),
        claim_nouns=frozenset(str(w).lower() for w in data.get("claim_nouns", [])),
        denial_complements=frozenset(str(w).lower() for w in data.get("denial_complements", [])),
        channel_pattern=_channel_pattern(data.get("channels", {})),
        unnamed_source_nouns=frozenset(str(w).lower() for w in data.get("unnamed_source_nouns", [])),
    )


@lru_cache(maxsize=8)
def load(user_files: tuple[Path, ...] = ()) -> Vocabulary:
    """The built-in vocabulary plus the `speech:` section of any user lexicon file, built once and
    then read from the on-disk cache (tocsin.cache)."""
    from tocsin.cache import cached

    return cached("speech-vocabulary", lambda: _load(user_files), sources=user_files)


def _load(user_files: tuple[Path, ...]) -> Vocabulary:
    data = _read(resources.files("tocsin") / "data" / "speech.yaml")
    for path in user_files:
        extra = _read(path).get("speech")
        if isinstance(extra, dict):
            data = _merge(data, extra)
    return _build(data)
