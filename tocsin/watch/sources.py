"""The sources file of `tocsin watch`: what to poll, and how often.

    defaults:              # optional; every key can be set per source too
      interval: 900        # seconds between two polls of a source
      timeout: 10          # seconds for one request
      host_delay: 1.0      # seconds between two requests to the same host
      max_items: 100       # new items taken from a source in one cycle
      budget: 120          # seconds a source may spend reading pages in one cycle; the rest waits
      settle: 2            # a dropped file changed less than this many seconds ago is left for the next cycle
    sources:
      - name: andes-wire
        feed: https://news.example.org/rss.xml     # RSS or Atom
        follow: true       # read each item's page (default); false: code the feed entry's own text
      - name: courier
        sitemap: https://courier.example.org/news-sitemap.xml
      - name: inbox
        folder: ./drop     # files dropped here (.txt, .html, .jsonl, ...); relative to this file
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tocsin.errors import BadOption, InputNotFound, MalformedInput
from tocsin.yamlfast import safe_load


YEAR = 366 * 86400  # no wait is longer: an infinite or huge one would overflow the clock and the sleep


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    interval: float | None = Field(None, ge=0, le=YEAR)
    timeout: float | None = Field(None, gt=0, le=YEAR)
    host_delay: float | None = Field(None, ge=0, le=YEAR)
    max_items: int | None = Field(None, ge=1)
    budget: float | None = Field(None, gt=0, le=YEAR)
    backoff_base: float | None = Field(None, ge=0, le=YEAR)  # first wait after a failure (if over the interval)
    backoff_max: float | None = Field(None, ge=0, le=YEAR)
    settle: float | None = Field(None, ge=0, le=YEAR)  # drop folders: a file still being copied in is not read yet


_BUILT_IN = _Settings(interval=900, timeout=10, host_delay=1.0, max_items=100, budget=120, backoff_base=60,
                      backoff_max=6 * 3600, settle=2.0)


class Source(_Settings):
    name: str = Field(min_length=1)
    feed: str | None = None
    sitemap: str | None = None
    folder: Path | None = None
    follow: bool = True

    @model_validator(mode="after")
    def _one_kind(self) -> Source:
        given = [k for k in ("feed", "sitemap", "folder") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of feed, sitemap or folder (got {', '.join(given) or 'none'})")
        return self

    @property
    def kind(self) -> Literal["feed", "sitemap", "folder"]:
        return "feed" if self.feed else "sitemap" if self.sitemap else "folder"

    @property
    def location(self) -> str:
        return str(self.feed or self.sitemap or self.folder)


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    defaults: _Settings = _Settings()
    sources: list[Source] = Field(min_length=1)


def load_sources(path: str | Path) -> list[Source]:
    """The sources of a YAML file, every setting filled (source, else defaults, else built-in)."""
    path = Path(path)
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputNotFound(f"{path}: no such sources file") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise MalformedInput(f"{path}: cannot read the sources file ({' '.join(str(err).split())})") from None
    try:
        spec = _File.model_validate(data or {})
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        if not where:
            raise BadOption(f"{path}: expected a mapping with a `sources:` list (and optional `defaults:`)") from None
        raise BadOption(f"{path}: {where}: {first['msg']}") from None
    names = [s.name for s in spec.sources]
    if len(set(names)) != len(names):
        raise BadOption(f"{path}: source names must be unique")
    sources = []
    for source in spec.sources:
        filled = {k: v if v is not None else getattr(spec.defaults, k) if getattr(spec.defaults, k) is not None
                  else getattr(_BUILT_IN, k) for k, v in source.model_dump(include=set(_Settings.model_fields)).items()}
        if source.folder is not None and not source.folder.is_absolute():
            filled["folder"] = (path.parent / source.folder).resolve()
        sources.append(source.model_copy(update=filled))
    return sources
