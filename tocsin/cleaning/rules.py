"""Load the boilerplate rules of `tocsin/data/boilerplate.yaml` (plus user files) and compile them.

The YAML holds every pattern, word list and threshold; this module only merges files and turns
placeholders such as `{agency}` into regular expressions, so outlets can be added without code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tocsin.errors import InputNotFound, MalformedInput
from tocsin.yamlfast import safe_load

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.yaml"

_LIST_KEYS = (
    "agencies", "credit_labels", "reporting_verbs", "caption_verbs", "caption_suffixes",
    "teaser_labels", "blocks",
)
_KNOWN_KEYS = {*_LIST_KEYS, "thresholds", "quote_chars", "lines", "blocks"}
# Reasons tried first win: a credit line is never reported as furniture.
_REASON_ORDER = ("credit", "caption", "teaser", "furniture")

# A personal name: 1-4 capitalised words (case-sensitive even inside case-insensitive rules).
_NAME = r"(?-i:[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|da|del|van|von|al|bin|ibn|le|la)){0,3})"


# "will attend", "to inspect", "has arrived": a plan or a report, not what a picture shows.
_NOT_AFTER_MODAL = "".join(
    rf"(?<!\b{w}\s)"
    for w in ("will", "would", "to", "can", "could", "may", "might", "must", "shall", "should",
              "did", "does", "not", "has", "have", "had")
)


@dataclass(frozen=True)
class Block:
    """Lines from a `start` line to an `end` line, both included, are one piece of furniture."""

    start: re.Pattern
    end: re.Pattern
    reason: str
    max_lines: int


@dataclass(frozen=True)
class Rules:
    """Compiled rules: every regex is ready for `fullmatch` on a stripped line."""

    line_rules: tuple[tuple[str, re.Pattern], ...]
    any_line: re.Pattern | None  # all line rules in one pattern: most lines match none, tried once
    label_only: re.Pattern
    caption_suffix: re.Pattern | None
    teaser_label: re.Pattern | None
    reporting: re.Pattern | None
    caption_verb: re.Pattern | None
    quote_chars: frozenset[str]
    blocks: tuple[Block, ...]
    thresholds: dict[str, float]

    def threshold(self, name: str) -> float:
        return self.thresholds[name]


def _read(path: Path) -> dict:
    if not path.is_file():
        raise InputNotFound(f"boilerplate rules file not found: {path}")
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise MalformedInput(f"boilerplate rules file {path} is not valid YAML: {err}") from err
    if not isinstance(data, dict):
        raise MalformedInput(f"boilerplate rules file {path} must hold a mapping")
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise MalformedInput(f"boilerplate rules file {path} has unknown keys: {sorted(unknown)}")
    return data


def _merge(base: dict, extra: dict) -> dict:
    """Lists are appended, `lines` are appended reason by reason, thresholds are replaced."""
    merged = {key: list(base.get(key) or []) for key in _LIST_KEYS}
    for key in _LIST_KEYS:
        merged[key] += list(extra.get(key) or [])
    merged["thresholds"] = {**(base.get("thresholds") or {}), **(extra.get("thresholds") or {})}
    merged["quote_chars"] = (base.get("quote_chars") or "") + (extra.get("quote_chars") or "")
    lines = {reason: list(pats or []) for reason, pats in (base.get("lines") or {}).items()}
    for reason, pats in (extra.get("lines") or {}).items():
        lines.setdefault(reason, []).extend(pats or [])
    merged["lines"] = lines
    return merged


def _alternation(words: list[str]) -> str:
    """Longest first, so "Getty Images" is tried before "Getty"; spaces match any whitespace."""
    unique = sorted({str(w).strip() for w in words if str(w).strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in unique) or r"(?!)"


def _compile(pattern: str, places: dict[str, str], source: str) -> re.Pattern:
    for key, value in places.items():
        pattern = pattern.replace("{" + key + "}", value)
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        raise MalformedInput(f"bad boilerplate pattern in {source}: {pattern!r}: {err}") from err


def _block(entry: dict, places: dict[str, str], source: str) -> Block:
    try:
        return Block(
            start=_compile(str(entry["start"]), places, source),
            end=_compile(str(entry["end"]), places, source),
            reason=str(entry.get("reason", "furniture")),
            max_lines=int(entry.get("max_lines", 8)),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise MalformedInput(f"bad boilerplate block in {source}: {entry!r}") from err


def _any(line_rules: tuple[tuple[str, re.Pattern], ...]) -> re.Pattern | None:
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for _, p in line_rules) or r"(?!)", re.IGNORECASE)
    except re.error:  # e.g. a group name used by two user patterns: each rule is tried alone
        return None


def _build(data: dict, source: str) -> Rules:
    agency = _alternation(data["agencies"])
    agencies = rf"(?:{agency})(?:\s*(?:/|\bvia\b|\bfor\b|,|-|&)\s*(?:{agency}))*"
    places = {"agencies": agencies, "agency": agency, "label": _alternation(data["credit_labels"]),
              "name": _NAME}
    lines = data["lines"]
    order = [r for r in _REASON_ORDER if r in lines] + [r for r in lines if r not in _REASON_ORDER]
    line_rules = tuple(
        (reason, _compile(str(p), places, source)) for reason in order for p in lines[reason]
    )
    suffixes = [f"(?:{p})" for p in data["caption_suffixes"]]
    labels = [f"(?:{p})" for p in data["teaser_labels"]]
    verbs = _alternation(data["reporting_verbs"])
    caption_verbs = _alternation(data["caption_verbs"])
    return Rules(
        line_rules=line_rules,
        any_line=_any(line_rules),
        label_only=_compile(r"(?:{label})\s*[:,]?", places, source),
        caption_suffix=_compile(rf"\s(?:{'|'.join(suffixes)})\s*$", places, source)
        if suffixes else None,
        teaser_label=_compile(rf"(?:{'|'.join(labels)})\s*[:|>»–—-]?", places, source)
        if labels else None,
        reporting=re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE) if data["reporting_verbs"] else None,
        caption_verb=re.compile(rf"{_NOT_AFTER_MODAL}\b(?:{caption_verbs})\b", re.IGNORECASE)
        if data["caption_verbs"] else None,
        quote_chars=frozenset(data["quote_chars"]),
        blocks=tuple(_block(b, places, source) for b in data["blocks"]),
        thresholds={k: float(v) for k, v in data["thresholds"].items()},
    )


@lru_cache(maxsize=16)
def _load(files: tuple[tuple[str, int], ...]) -> Rules:
    data = _merge({}, _read(DEFAULT_FILE))
    for path, _mtime in files:
        data = _merge(data, _read(Path(path)))
    return _build(data, ", ".join((str(DEFAULT_FILE), *(path for path, _ in files))))


def _stamp(path: str | Path) -> tuple[str, int]:
    # The modification time is part of the cache key, so an edited file is read again.
    path = Path(path)
    if not path.is_file():
        raise InputNotFound(f"boilerplate rules file not found: {path}")
    return str(path), path.stat().st_mtime_ns


def load_rules(extra: list[str | Path] | tuple = ()) -> Rules:
    """The default rules merged with the user's files, in order (cached per list of files)."""
    if isinstance(extra, (str, Path)):
        extra = [extra]
    return _load(tuple(_stamp(p) for p in extra))
