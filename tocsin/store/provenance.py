"""Hashes that make ingestion idempotent and every event traceable to the coder that made it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tocsin.config import Config
from tocsin.model import Article, Failure

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def content_hash(article: Article) -> str:
    """The key of an article: its text with whitespace collapsed, so a re-read copy matches.

    Metadata is left out on purpose: the same text syndicated under two URLs is one article.
    """
    return hashlib.sha256(" ".join(article.text.split()).encode("utf-8")).hexdigest()


def failure_id(failure: Failure) -> str:
    key = "\x1f".join([failure.source, str(failure.line), failure.reason, failure.message])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def lexicon_hash(config: Config) -> str:
    """Hash of the YAML data the stages read: every file under tocsin/data plus the user's files."""
    user = [*config.actors_files, *config.lexicon_files, *config.boilerplate_files, *config.places_files]
    return _hash_files(tuple(sorted(DATA_DIR.rglob("*.yaml"))), tuple(Path(p) for p in user))


@lru_cache(maxsize=8)
def _hash_files(package_files: tuple[Path, ...], user_files: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for label, path in _labelled(package_files, user_files):
        digest.update(label.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _labelled(package_files: Iterable[Path], user_files: Iterable[Path]):
    for path in package_files:
        yield f"data/{path.relative_to(DATA_DIR).as_posix()}", path
    for path in user_files:  # a user file counts by content, not by where it lives
        yield "user", path
