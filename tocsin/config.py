"""Run-time options shared by the stages: user data files and overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tocsin.errors import BadOption


@dataclass(frozen=True)
class Config:
    published: str | None = None  # YYYY-MM-DD, overrides the article's own date
    actors_files: tuple[Path, ...] = field(default_factory=tuple)  # --actors
    lexicon_files: tuple[Path, ...] = field(default_factory=tuple)  # --lexicon
    boilerplate_files: tuple[Path, ...] = field(default_factory=tuple)  # --boilerplate
    places_files: tuple[Path, ...] = field(default_factory=tuple)  # --places


DEFAULT = Config()


def check_day(value: str | None, option: str = "--published") -> str | None:
    """A YYYY-MM-DD option value, normalised; a BadOption naming the option otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadOption(f"{option} must be YYYY-MM-DD, got {value!r}") from None
