"""Run-time options shared by the stages: user data files and overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Config:
    published: str | None = None  # YYYY-MM-DD, overrides the article's own date
    actors_files: tuple[Path, ...] = field(default_factory=tuple)  # --actors
    lexicon_files: tuple[Path, ...] = field(default_factory=tuple)  # --lexicon
    boilerplate_files: tuple[Path, ...] = field(default_factory=tuple)  # --boilerplate
    places_files: tuple[Path, ...] = field(default_factory=tuple)  # --places


DEFAULT = Config()
