"""The PLOVER ontology and the CAMEO map, read once from `tocsin/data/plover.yaml` and `cameo.yaml`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tocsin.yamlfast import safe_load

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class PloverType:
    name: str
    quad: int
    score: float
    cameo: str
    modes: dict[str, str]
    future: str | None
    announced: str | None
    legacy: str
    announced_except: frozenset[str] = frozenset()
    legacy_modes: tuple[tuple[str, str], ...] = ()
    ceased: tuple[str, str | None] | None = None  # (type, mode) of a party's ending of such an act
    ceased_armed: tuple[str, str | None] | None = None  # ... of an act done for an armed group
    armed: tuple[str, str | None] | None = None  # (type, mode) of the act backing an armed group


@dataclass(frozen=True)
class Ontology:
    types: dict[str, PloverType]
    cameo: dict[str, dict]
    contexts: tuple[str, ...]
    eval_roots: tuple[str, ...]

    def cameo_code(self, event: str, mode: str | None = None) -> str | None:
        """The CAMEO code of a PLOVER event and mode (the type's code when the mode has none)."""
        kind = self.types.get(event)
        if kind is None:
            return None
        return kind.modes.get(mode or "", kind.cameo)

    def goldstein(self, code: str | None) -> float | None:
        """Goldstein score of a CAMEO code; a code missing from the table takes its parent's."""
        while code:
            if code in self.cameo:
                return float(self.cameo[code]["goldstein"])
            code = code[:-1] if len(code) > 2 else ""
        return None

    def score(self, event: str, mode: str | None = None) -> float | None:
        kind = self.types.get(event)
        if kind is None:
            return None
        value = self.goldstein(kind.modes.get(mode or "")) if mode in kind.modes else None
        return kind.score if value is None else value

    def quad(self, event: str) -> int | None:
        kind = self.types.get(event)
        return kind.quad if kind else None

    def root(self, event: str, mode: str | None = None) -> str:
        """The root older gold sets use: CONCEDE and RETREAT are both YIELD there, and some modes
        belong to another type (imposed sanctions: COERCE)."""
        kind = self.types.get(event)
        if kind is None:
            return event
        return dict(kind.legacy_modes).get(mode or "", kind.legacy)


    def gold_root(self, label: str) -> str | None:
        """The root a label of a gold dyad is scored as: a root of the older gold sets as it is, a
        type of today's PLOVER as its root (CONCEDE, RETREAT: YIELD); None for a label of neither."""
        if label in self.eval_roots:
            return label
        return self.root(label) if label in self.types else None

    def gold_types(self, label: str) -> tuple[str, ...]:
        """The types of today's PLOVER a gold label stands for: a type itself, an older root the
        types that replaced it (YIELD: CONCEDE, RETREAT); empty for a label of neither."""
        if label in self.types:
            return (label,)
        return tuple(name for name, kind in self.types.items() if kind.legacy == label)


def _read(name: str) -> dict:
    return safe_load((DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    # built once, then read from the on-disk cache (tocsin.cache)
    from tocsin.cache import cached

    return cached("ontology", _build)


def _build() -> Ontology:
    plover = _read("plover.yaml")
    cameo = _read("cameo.yaml")["codes"]
    types = {
        name: PloverType(
            name=name,
            quad=int(spec["quad"]),
            score=float(spec["score"]),
            cameo=str(spec["cameo"]),
            modes={str(k): str(v) for k, v in (spec.get("modes") or {}).items()},
            future=spec.get("future"),
            announced=spec.get("announced"),
            legacy=spec.get("legacy", name),
            announced_except=frozenset(spec.get("announced_except") or ()),
            legacy_modes=tuple(sorted((spec.get("legacy_modes") or {}).items())),
            ceased=tuple(spec["ceased"]) if spec.get("ceased") else None,
            ceased_armed=tuple(spec["ceased_armed"]) if spec.get("ceased_armed") else None,
            armed=tuple(spec["armed"]) if spec.get("armed") else None,
        )
        for name, spec in plover["types"].items()
    }
    return Ontology(types=types, cameo={str(k): v for k, v in cameo.items()},
                    contexts=tuple(plover.get("contexts", ())), eval_roots=tuple(plover["eval_roots"]))
