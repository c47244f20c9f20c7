"""Put a staged directory in place of another so that a reader finds the old one or the new one,
never neither. When both hold files of the same names (a lake partition is usually one
`part-0.parquet`), each file is renamed over its old self: a reader that has listed the folder
still finds every file, and one that has opened a file keeps reading it. Otherwise Linux swaps two directories in one step (renameat2 RENAME_EXCHANGE); elsewhere,
or on a file system without it, two renames leave a gap of microseconds instead of a whole write.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap the paths a and b in one step; False when the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if done == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system or kernel cannot swap
        return False
    raise OSError(errno, os.strerror(errno), str(a))


def replace_dir(staged: Path, target: Path) -> None:
    """Put the directory `staged` at `target` (replacing what is there) and delete the old one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        os.rename(staged, target)
        return
    names = _file_names(staged)
    if names is not None and names == _file_names(target):
        for name in names:
            os.replace(staged / name, target / name)
        shutil.rmtree(staged)
        return
    if _exchange(staged, target):
        shutil.rmtree(staged)  # now the old directory
        return
    old = staged.with_name(staged.name + ".old")
    os.rename(target, old)
    os.rename(staged, target)
    shutil.rmtree(old)


def _file_names(folder: Path) -> set[str] | None:
    """The names of the files in folder; None if it holds anything else (a subfolder)."""
    entries = list(folder.iterdir())
    return {e.name for e in entries} if all(e.is_file() for e in entries) else None
