"""Alert rules are data: tocsin/data/alerts.yaml, then the user's files (same form, see there)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from tocsin.errors import BadOption, InputNotFound, MalformedInput
from tocsin.yamlfast import safe_load


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    enabled: bool = True


def _codes(values: list[str]) -> list[str]:
    return sorted({v.strip().upper() for v in values if v and v.strip()})


class Escalation(_Rule):
    kind: Literal["escalation"]
    window_days: int = Field(7, ge=1)
    baseline_days: int = Field(90, ge=1)
    min_z: float = 3.0
    min_count: int = Field(3, ge=1)
    sd_floor: float = Field(1.0, gt=0)
    countries: list[str] = Field(default_factory=list)

    _norm = field_validator("countries")(_codes)


class EventRule(_Rule):
    kind: Literal["event"]
    event: list[str] = Field(default_factory=list)
    actor: list[str] = Field(default_factory=list)
    recipient: list[str] = Field(default_factory=list)
    involving: list[str] = Field(default_factory=list)
    mode: list[str] = Field(default_factory=list)
    min_fatalities: int = Field(0, ge=0)

    _norm = field_validator("event", "actor", "recipient", "involving")(_codes)


class FirstContact(_Rule):
    kind: Literal["first-contact"]
    actors: list[str] = Field(default_factory=list)

    _norm = field_validator("actors")(_codes)


class Contested(_Rule):
    kind: Literal["contested"]
    involving: list[str] = Field(default_factory=list)

    _norm = field_validator("involving")(_codes)


Rule = Annotated[Union[Escalation, EventRule, FirstContact, Contested], Field(discriminator="kind")]
_RULES = TypeAdapter(list[Rule])


def load_rules(user_files: tuple[Path, ...] | list[Path] = ()) -> list[Rule]:
    """The shipped rules, replaced or extended by the user's, in order; disabled ones left out."""
    shipped = resources.files("tocsin.data").joinpath("alerts.yaml").read_text(encoding="utf-8")
    rules: dict[str, Rule] = {r.name: r for r in _parse(shipped, "tocsin/data/alerts.yaml")}
    for path in user_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputNotFound(f"{path}: no such rules file") from None
        except UnicodeDecodeError:
            raise MalformedInput(f"{path}: the rules file is not UTF-8 text") from None
        except OSError as err:
            raise InputNotFound(f"{path}: cannot read the rules file ({err.strerror})") from None
        for rule in _parse(text, str(path)):
            rules[rule.name] = rule
    return [r for r in rules.values() if r.enabled]


def _parse(text: str, where: str) -> list[Rule]:
    try:
        data = safe_load(text) or {}
    except yaml.YAMLError as err:
        raise MalformedInput(f"{where}: invalid YAML ({' '.join(str(err).split())})") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
        raise BadOption(f"{where}: expected a mapping with a list of `rules`")
    try:
        rules = _RULES.validate_python(data.get("rules") or [])
    except ValidationError as err:
        first = err.errors()[0]
        place = ".".join(str(p) for p in first["loc"])
        raise BadOption(f"{where}: rules.{place}: {first['msg']}") from None
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise BadOption(f"{where}: rule names must be unique")
    return rules
