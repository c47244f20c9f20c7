"""A directory tree as a batch: every readable file, recursively, in sorted order."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tocsin.errors import EmptyInput, TocsinError
from tocsin.ingest.registry import Options, read_file, reader_for
from tocsin.model import Article, Failure


def read_directory(root: Path, options: Options) -> Iterator[Article | Failure]:
    """Yield the Articles of all known file types under `root`; a bad file becomes a Failure."""
    files = _files(root)
    if not files:
        raise EmptyInput(f"{root}: no readable files (.txt, .md, .html, .jsonl, ...) in the directory")
    seen: set[str] = set()
    for path, name in _names(root, files):
        try:
            for item in read_file(path, name, options):
                if isinstance(item, Article):
                    if item.id in seen:
                        item = Failure(
                            source=item.source or str(path),
                            reason="malformed",
                            message=f"{path}: duplicate id {item.id!r} in this directory",
                        )
                    else:
                        seen.add(item.id)
                yield item
        except TocsinError as err:
            yield Failure(source=str(path), reason=err.reason, message=str(err))


def _files(root: Path) -> list[Path]:
    found = []
    for folder, dirs, names in os.walk(root):  # does not follow directory symlinks: no loops
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, n) for n in names if not n.startswith(".")]
    return sorted((p for p in found if reader_for(p)), key=lambda p: p.relative_to(root).parts)


def _names(root: Path, files: list[Path]) -> list[tuple[Path, str]]:
    """File stems as ids; the relative path instead for stems that occur more than once."""
    stems = Counter(p.stem for p in files)
    return [(p, p.stem if stems[p.stem] == 1 else p.relative_to(root).as_posix()) for p in files]
