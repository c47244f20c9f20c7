"""A Parquet lake is rewritten partition by partition through a staging folder: a write that fails
half-way leaves the old lake whole, and a reader during a write finds every table, old or new."""

from __future__ import annotations

import threading

import pytest

from tocsin.corpus import lake as lake_module
from tocsin.corpus.lake import open_lake, write_lake
from tocsin.corpus.swap import replace_dir
from tocsin.store import open_store

from test_store import load

TABLES = ("articles", "events", "stories", "story_mentions")


def lake_counts(path) -> dict[str, int]:
    store = open_lake(path)
    try:
        return {t: store.backend.fetchall(f"SELECT COUNT(*) FROM {t}")[0][0] for t in TABLES}
    finally:
        store.backend.close()


def parquet_files(path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*.parquet"))


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "corpus.duckdb") as s:
        yield load(s)


def test_a_write_failing_half_way_leaves_the_old_lake_whole(store, tmp_path, monkeypatch):
    lake = tmp_path / "lake"
    write_lake(store.backend, lake)
    before, files = lake_counts(lake), parquet_files(lake)
    assert before["events"] == 7 and before["stories"] > 0
    real = store.backend.arrow_batches

    def failing(sql, *args, **kwargs):  # events are staged, then the stories query dies
        if "FROM stories" in sql:
            raise OSError("disk full")
        return real(sql, *args, **kwargs)

    monkeypatch.setattr(store.backend, "arrow_batches", failing)
    with pytest.raises(OSError, match="disk full"):
        write_lake(store.backend, lake)
    assert lake_counts(lake) == before and parquet_files(lake) == files
    assert not list(lake.glob("_tocsin_staging-*"))  # the half-written copy is gone


def test_a_write_killed_before_the_swap_is_cleaned_up_by_the_next(store, tmp_path, monkeypatch):
    lake = tmp_path / "lake"
    write_lake(store.backend, lake)
    before = lake_counts(lake)
    # as if killed: the staging folder stays behind (the finally clause never ran)
    monkeypatch.setattr(lake_module, "_swap_in", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    monkeypatch.setattr(lake_module.shutil, "rmtree", lambda *a, **k: None)
    with pytest.raises(KeyboardInterrupt):
        write_lake(store.backend, lake)
    assert list(lake.glob("_tocsin_staging-*")) and lake_counts(lake) == before
    monkeypatch.undo()
    write_lake(store.backend, lake)
    assert not list(lake.glob("_tocsin_staging-*")) and lake_counts(lake) == before


def test_a_reader_during_rewrites_always_finds_every_table(store, tmp_path):
    lake = tmp_path / "lake"
    write_lake(store.backend, lake)
    expected = lake_counts(lake)
    seen, errors, done = [], [], threading.Event()

    def read():
        while not done.is_set():
            try:
                seen.append(lake_counts(lake))
            except Exception as err:  # noqa: BLE001 - any failure to read is what this test looks for
                errors.append(err)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(15):
            write_lake(store.backend, lake)
    finally:
        done.set()
        reader.join()
    assert not errors and seen and all(s == expected for s in seen)


def test_replace_dir_swaps_differently_named_contents(tmp_path):
    staged, target = tmp_path / "new", tmp_path / "month=2025-12"
    staged.mkdir(), target.mkdir()
    (staged / "part-0.parquet").write_text("new")
    (target / "part-abc-0.parquet").write_text("old")
    replace_dir(staged, target)
    assert [p.name for p in target.iterdir()] == ["part-0.parquet"] and not staged.exists()
    assert (target / "part-0.parquet").read_text() == "new"
