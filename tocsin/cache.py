"""Data built from files on first use (the gazetteer, the actor dictionaries, the event lexicon)
kept compiled on disk, so a new process loads it instead of building it again.

`cached(name, build, sources)` returns `build()`'s result, from the cache when one was written
for the same content: the key hashes the user's files named in `sources`, tocsin's own code and
data (any change to the package rebuilds everything), the versions of `packages` and Python's,
and the builder's other arguments (`params`).
A cache that cannot be read or written is never an error: the data is built as before.

The cache lives in `$TOCSIN_CACHE_DIR`, else `$XDG_CACHE_HOME/tocsin`, else `~/.cache/tocsin`;
`TOCSIN_CACHE_DIR=off` turns it off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

PACKAGE = Path(__file__).resolve().parent
KEEP = 4


def directory() -> Path | None:
    """Where the cache lives, None when it is turned off."""
    chosen = os.environ.get("TOCSIN_CACHE_DIR")
    if chosen:
        return None if chosen.lower() in ("off", "0", "no", "none") else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tocsin"


@lru_cache(maxsize=1)
def package_fingerprint() -> str:
    """A hash of tocsin's code and bundled data: what every compiled piece of data is built from."""
    digest = hashlib.sha256()
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".yml", ".json",
                                                                                  ".txt", ".csv", ".tsv"))
    for path in files:
        digest.update(str(path.relative_to(PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(name: str, sources: Iterable[str | Path] = (), packages: Iterable[str] = (),
        params: Iterable[str] = ()) -> str:
    """The content key of a piece of data (raises OSError when a source cannot be read)."""
    digest = hashlib.sha256()
    digest.update(f"{name}\0{sys.version_info[:2]}\0{package_fingerprint()}".encode())
    for param in params:
        digest.update(f"\0{param}".encode())
    for package in packages:
        digest.update(f"\0{package}={_version(package)}".encode())
    for source in sources:
        digest.update(f"\0{source}\0".encode())
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()[:32]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def cached(name: str, build: Callable[[], T], sources: Iterable[str | Path] = (),
           packages: Iterable[str] = (), params: Iterable[str] = ()) -> T:
    """`build()`, or what it returned before for the same content (see the module's docstring).

    `params`: the builder's other arguments, as strings in a stable order."""
    value = _cached(name, build, sources, packages, params)
    # The data lives as long as the process: moved out of the collector's generations, it is not
    # walked again by every full collection while documents are coded (a tenth of the stages' time).
    gc.freeze()
    return value


def _cached(name: str, build: Callable[[], T], sources: Iterable[str | Path], packages: Iterable[str],
            params: Iterable[str]) -> T:
    where = directory()
    if where is None:
        return build()
    try:
        path = where / f"{name}-{key(name, sources, packages, params)}.pickle"
    except OSError:
        return build()  # a source that cannot be read: let the builder say so
    try:
        return _read(path)
    except Exception:  # absent, truncated, or from an incompatible version: build it again
        pass
    value = build()
    _store(where, name, path, value)
    return value


def _read(path: Path):
    # The collector would walk the growing heap again and again while a large pickle is read
    # (ten times the read itself for the gazetteer); reading creates no garbage to collect.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    finally:
        if enabled:
            gc.enable()


def _store(where: Path, name: str, path: Path, value) -> None:
    """Write atomically (a reader never sees half a file); of one data's versions (one per set of
    user files) the KEEP most recent stay."""
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        versions = sorted(where.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in versions[KEEP:]:
            old.unlink(missing_ok=True)
    except Exception:  # read-only home, full disk, data that cannot be pickled: only slower
        return
