"""The compiled-data cache: built once, read back the same, rebuilt when its inputs change, and
never an error when the disk is not there to help."""

from __future__ import annotations

import os
import pickle
import random

import pytest

from tocsin import cache
from tocsin.where import gazetteer


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("TOCSIN_CACHE_DIR", str(where))
    return where


def counting_builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_back(cache_dir):
    build, calls = counting_builder({"names": ("Brovania", "Ostria"), "n": 2})
    first = cache.cached("demo", build)
    second = cache.cached("demo", build)
    assert first == second == {"names": ("Brovania", "Ostria"), "n": 2}
    assert len(calls) == 1 and second is not first  # the second came from the disk
    assert [p.name.split("-")[0] for p in cache_dir.glob("*.pickle")] == ["demo"]


def test_a_changed_user_file_or_argument_rebuilds(cache_dir, tmp_path):
    user = tmp_path / "extra.yaml"
    user.write_text("places: [Brovania]\n")
    build, calls = counting_builder("v")
    cache.cached("demo", build, sources=[user])
    cache.cached("demo", build, sources=[user])
    assert len(calls) == 1
    user.write_text("places: [Brovania, Ostria]\n")
    cache.cached("demo", build, sources=[user])
    assert len(calls) == 2
    cache.cached("demo", build, sources=[user], params=["skip:kerala"])
    assert len(calls) == 3
    assert cache.key("demo", [user]) != cache.key("other", [user])


def test_a_missing_source_is_left_to_the_builder(cache_dir, tmp_path):
    def build():
        raise FileNotFoundError("extra.yaml")

    with pytest.raises(FileNotFoundError):
        cache.cached("demo", build, sources=[tmp_path / "missing.yaml"])


def test_turned_off_corrupt_or_unwritable_only_builds(cache_dir, monkeypatch, tmp_path):
    build, calls = counting_builder([1, 2, 3])
    assert cache.cached("demo", build) == [1, 2, 3]
    (path,) = cache_dir.glob("demo-*.pickle")
    path.write_bytes(b"not a pickle")
    assert cache.cached("demo", build) == [1, 2, 3] and len(calls) == 2
    assert pickle.loads(path.read_bytes()) == [1, 2, 3]  # rewritten whole
    monkeypatch.setenv("TOCSIN_CACHE_DIR", "off")
    assert cache.directory() is None
    assert cache.cached("demo", build) == [1, 2, 3] and len(calls) == 3
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    monkeypatch.setenv("TOCSIN_CACHE_DIR", str(blocked / "cache"))
    assert cache.cached("demo", build) == [1, 2, 3] and len(calls) == 4


def test_unpicklable_data_is_returned_and_not_stored(cache_dir):
    value = {"f": lambda: 1}
    assert cache.cached("demo", lambda: value) is value
    assert not list(cache_dir.glob("demo-*.pickle"))


def test_only_the_latest_versions_of_one_data_are_kept(cache_dir, tmp_path):
    for n in range(cache.KEEP + 3):
        cache.cached("demo", lambda: n, params=[str(n)])
        os.utime(next(cache_dir.glob(f"demo-{cache.key('demo', params=[str(n)])}.pickle")), (n, n))
    assert len(list(cache_dir.glob("demo-*.pickle"))) == cache.KEEP


def test_default_directory_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("TOCSIN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.directory() == tmp_path / "tocsin"


def test_the_gazetteer_read_from_the_cache_answers_as_the_built_one(cache_dir):
    built = gazetteer._build(())
    assert cache.cached("gazetteer-test", lambda: built) is built
    read = cache.cached("gazetteer-test", lambda: pytest.fail("built again"))
    assert read is not built and read.index == built.index
    rng = random.Random(7)
    names = rng.sample(sorted(built.index), 3000) + ["Kharkov", "Odessa", "Georgia", "the Black Sea", "Brovania"]
    for name in names:
        assert read.candidates(name) == built.candidates(name)
        assert read.lookup(name, {"UKR": 1.0}) == built.lookup(name, {"UKR": 1.0})
        assert read.lookup(name, strict=True) == built.lookup(name, strict=True)
