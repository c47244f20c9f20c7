"""Where exports go: never onto the database they read, and never half-written.

Every output file is written to a temporary file next to its target and renamed over it only
once complete, so an export that fails (or is killed) leaves the old file, or nothing, in place.
A device or a pipe given as the output is written in place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from tocsin.errors import BadOption
from tocsin.store.backends import is_postgres

_DB_COMPANIONS = ("", ".wal", "-wal", "-journal")  # a DuckDB file and the files it keeps beside it


def check_output(out: Path, db: str) -> None:
    """Refuse an output path that is the database (or one of its files), before anything is opened."""
    if is_postgres(db):
        return
    for suffix in _DB_COMPANIONS:
        if _same_file(out, Path(db + suffix)):
            raise BadOption(f"{out}: is the database being exported; choose another output path")


def check_output_dir(out: Path, names: Iterator[str] | list[str], db: str) -> None:
    if out.exists() and not out.is_dir():
        raise BadOption(f"{out}: is a file; Parquet export writes a directory")
    for name in names:
        check_output(out / name, db)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_text(out: Path) -> Iterator[TextIO]:
    """A text stream whose content replaces `out` only when the block ends without an error."""
    directory = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise BadOption(f"{out}: is a directory; give a file name")
    if out.exists() and not out.is_file():
        # A device or a pipe (/dev/stdout, a FIFO): written in place, never renamed over.
        with out.open("w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=directory)
    except OSError as err:
        raise BadOption(f"{out}: cannot write there ({err.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(tmp, _umask_mode())  # mkstemp makes it private; an export is an ordinary file
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_dir(out: Path) -> Iterator[Path]:
    """A staging directory whose files are moved into `out` only when the block ends without an error."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    try:
        yield staging
        out.mkdir(exist_ok=True)
        for path in sorted(staging.iterdir()):
            os.chmod(path, _umask_mode())
            os.replace(path, out / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
