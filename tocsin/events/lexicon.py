"""The event lexicon: YAML entries (tocsin/data/lexicon/*.yaml plus user files), indexed by lemma.

An entry says which lemma triggers which PLOVER type and what the parse must look like around it
(particle, preposition, object...). See tocsin/data/lexicon/README.md for the format.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
import re
from pathlib import Path

import yaml

from tocsin.errors import BadOption
from tocsin.events.ontology import ontology
from tocsin.yamlfast import SafeLoader

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"

# Constraint keys: each one present makes an entry more specific than one without it.
_SET_KEYS = ("particle", "prep", "object", "xcomp", "pobj", "modifier", "of", "governor", "cue", "ccomp_aux",
             "subject")
_KINDS = ("verb", "noun", "adj")
_KNOWN = set(_SET_KEYS) | set(_KINDS) | {
    "event", "mode", "context", "exclude_object", "exclude_modifier", "exclude_prep", "light", "recipient_preps",
    "reciprocal",
    "confidence", "mode_modifiers", "passive", "no_object", "actor_preps", "theme_object",
    "passive_actor", "possessor", "received", "question", "predicate"}


@dataclass(frozen=True)
class Entry:
    kind: str  # verb | noun | adj
    lemma: str
    event: str
    rule: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    particle: frozenset | None = None
    prep: frozenset | None = None
    object: frozenset | None = None
    xcomp: frozenset | None = None
    pobj: frozenset | None = None
    modifier: frozenset | None = None
    of: frozenset | None = None
    governor: frozenset | None = None
    cue: frozenset | None = None
    ccomp_aux: frozenset | None = None
    subject: frozenset | None = None
    exclude_object: frozenset = frozenset()
    exclude_modifier: frozenset = frozenset()
    exclude_prep: frozenset = frozenset()  # the entry does not fire with these prepositions ("flew to X for talks")
    no_object: bool = False
    light: bool = False
    passive: bool | None = None
    recipient_preps: tuple[str, ...] = ()
    actor_preps: tuple[str, ...] = ("by",)
    reciprocal: bool = False
    theme_object: bool = False  # the direct object is what is moved or imposed, not the recipient
    passive_actor: bool = False  # the subject of a passive use acts ("troops were deployed")
    received: bool = False  # the light verb's subject undergoes it ("the remark drew rebukes"): no actor
    possessor: bool = False  # a nominal trigger needs a named possessor ("the Ghanaian envoy's demands")
    question: bool = False  # the verb asks a question ("asked him how many", "“...?” he asked")
    predicate: bool = False  # the verb says something of its object ("calling them lies")
    confidence: float = 0.7
    mode_modifiers: tuple[tuple[str, str], ...] = ()

    @property
    def specificity(self) -> int:
        return (sum(getattr(self, key) is not None for key in _SET_KEYS) + self.light + self.no_object
                + self.possessor + self.question + self.predicate)


@dataclass
class Grammar:
    """Function-word lists from grammar.yaml, as sets of lemmas."""

    sets: dict[str, frozenset] = field(default_factory=dict)

    def __getattr__(self, name: str) -> frozenset:
        try:
            return self.__dict__["sets"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Lexicon:
    entries: dict[tuple[str, str], list[Entry]]
    grammar: Grammar
    files: tuple[str, ...]

    def candidates(self, kind: str, lemma: str) -> list[Entry]:
        return self.entries.get((kind, lemma), [])

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word an entry is indexed by, whatever its kind: a token with none starts no trigger."""
        return frozenset(word for _, word in self.entries)

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.entries.values())


def _as_set(value) -> frozenset | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)):
        value = [value]
    return frozenset(form for v in value for form in _spellings(str(v).lower()))


def _spellings(word: str) -> tuple[str, ...]:
    """A word as the lexicon writes it, and a hyphenated one also written solid ("cease-fire" is
    "ceasefire" too); a word the text splits at hyphens is matched by both (syntax.words)."""
    return (word, word.replace("-", "")) if "-" in word else (word,)


_MERGED_KEYS = ("exclude_object", "exclude_modifier")


def _entries_of(doc: dict, source: str, known_types: set[str]) -> list[Entry]:
    default_event = doc.get("event")
    defaults = doc.get("defaults") or {}
    out: list[Entry] = []
    for n, raw in enumerate(doc.get("entries") or []):
        spec = {**defaults, **raw}
        for key in _MERGED_KEYS:  # an entry's own exclusions add to the file's, never drop them
            if key in defaults and key in raw:
                spec[key] = sorted((_as_set(defaults[key]) or frozenset()) | (_as_set(raw[key]) or frozenset()))
        unknown = set(spec) - _KNOWN
        if unknown:
            raise BadOption(f"lexicon {source}: entry {n + 1} has unknown keys {sorted(unknown)}")
        kinds = [k for k in _KINDS if k in spec]
        if len(kinds) != 1:
            raise BadOption(f"lexicon {source}: entry {n + 1} needs exactly one of verb/noun/adj")
        kind = kinds[0]
        event = str(spec.get("event") or default_event or "").upper()
        if event != "NONE" and event not in known_types:
            raise BadOption(f"lexicon {source}: entry {n + 1} has unknown PLOVER type {event!r}")
        lemmas = spec[kind] if isinstance(spec[kind], list) else [spec[kind]]
        lemmas = list(dict.fromkeys(form for w in lemmas for form in _spellings(str(w).lower())))
        for lemma in lemmas:
            out.append(Entry(
                kind=kind, lemma=lemma, event=event, rule=f"{source}#{n + 1}:{kind}={lemma}",
                mode=spec.get("mode"), context=tuple(spec.get("context") or ()),
                **{key: _as_set(spec.get(key)) for key in _SET_KEYS},
                exclude_object=_as_set(spec.get("exclude_object")) or frozenset(),
                exclude_modifier=_as_set(spec.get("exclude_modifier")) or frozenset(),
                exclude_prep=_as_set(spec.get("exclude_prep")) or frozenset(),
                no_object=bool(spec.get("no_object", False)),
                light=bool(spec.get("light", False)),
                passive=spec.get("passive"),
                recipient_preps=tuple(spec.get("recipient_preps") or ()),
                actor_preps=tuple(spec.get("actor_preps") or ("by",)),
                reciprocal=bool(spec.get("reciprocal", False)),
                theme_object=bool(spec.get("theme_object", False)),
                passive_actor=bool(spec.get("passive_actor", False)),
                received=bool(spec.get("received", False)),
                possessor=bool(spec.get("possessor", False)),
                question=bool(spec.get("question", False)),
                predicate=bool(spec.get("predicate", False)),
                confidence=float(spec.get("confidence", 0.7)),
                mode_modifiers=tuple(sorted((spec.get("mode_modifiers") or {}).items())),
            ))
    return out


class _Loader(SafeLoader):
    """YAML 1.1 reads on/off/yes/no as booleans; in a word list they are words ("fire on")."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}
yaml.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                           list("tTfF"), Loader=_Loader)


def _read_yaml(path: Path) -> dict:
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as err:
        raise BadOption(f"cannot read lexicon {path}: {err}") from None
    if not isinstance(doc, dict):
        raise BadOption(f"lexicon {path}: expected a mapping with `entries:`")
    return doc


def load_lexicon(user_files: tuple[Path, ...] = ()) -> Lexicon:
    """The built-in lexicon plus user files (later files add entries; an equal entry overrides)."""
    # One cache key for `load_lexicon()` and `load_lexicon(())` (lru_cache tells them apart).
    return _load_lexicon(tuple(user_files))


@lru_cache(maxsize=8)
def _load_lexicon(user_files: tuple[Path, ...]) -> Lexicon:
    # built once, then read from the on-disk cache (tocsin.cache)
    from tocsin.cache import cached

    return cached("event-lexicon", lambda: _build_lexicon(user_files), sources=user_files)


def _build_lexicon(user_files: tuple[Path, ...]) -> Lexicon:
    known = set(ontology().types)
    index: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    grammar: dict[str, set] = defaultdict(set)
    paths = sorted(LEXICON_DIR.glob("*.yaml")) + [Path(p) for p in user_files]
    for path in paths:
        doc = _read_yaml(path)
        for key, words in (doc.get("grammar") or {}).items():
            grammar[key] |= {str(w).lower() for w in words}
        for entry in _entries_of(doc, path.name, known):
            index[(entry.kind, entry.lemma)].append(entry)
    # Most specific first; among equals, the later file (a user's) first.
    for key, entries in index.items():
        index[key] = sorted(reversed(entries), key=lambda e: -e.specificity)
    return Lexicon(entries=dict(index), grammar=Grammar({k: frozenset(v) for k, v in grammar.items()}),
                   files=tuple(str(p) for p in paths))
