"""The glossary disk cache: a hit is the same Glossary, any change or damage means a fresh load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from duizhao.errors import FormatError
from duizhao.glossary import cache, load, load_glossary

from .conftest import FIXTURES

GLOSSARY = """terms:
  - zh: 乡村振兴
    en: rural revitalization
    varaints: [rural revitalisation]
  - zh: 高质量发展
    en: high-quality development
    forbidden: [high-speed development]
"""


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("DUIZHAO_CACHE_DIR", str(root))
    monkeypatch.delenv("DUIZHAO_NO_CACHE", raising=False)
    return root


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on a load that is not served by the cache fails the test."""
    def refuse(*args: object) -> None:
        raise AssertionError("the glossary was parsed again")

    monkeypatch.setattr(load, "_load_files", refuse)


def entries(root: Path) -> list[Path]:
    return sorted(root.glob("glossary-*.json"))


@pytest.mark.parametrize("target", ["file", "directory"])
def test_hit_is_the_same_glossary(cache_root, glossary_file, request, target):
    path = glossary_file if target == "file" else FIXTURES
    fresh = load_glossary(path)
    assert len(entries(cache_root)) == 1
    request.getfixturevalue("no_parsing")
    cached = load_glossary(path)
    assert cached == fresh and cached.hash == fresh.hash
    assert cached.problems == fresh.problems and cached.problems  # lint findings travel with the terms
    assert dict(cached.scripts) == dict(fresh.scripts) and cached.files == fresh.files


def test_changed_byte_misses(cache_root, glossary_file):
    first = load_glossary(glossary_file)
    glossary_file.write_text(GLOSSARY.replace("high-speed", "high-sp33d"), encoding="utf-8")  # same length
    second = load_glossary(glossary_file)
    assert second.terms[1].forbidden == ("high-sp33d development",) and second.hash != first.hash
    assert len(entries(cache_root)) == 1  # the path's old entry was replaced, not added to


def test_new_file_in_directory_misses(cache_root, tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "a.yaml").write_text(GLOSSARY, encoding="utf-8")
    assert len(load_glossary(folder).terms) == 2
    (folder / "b.yaml").write_text("terms:\n  - {zh: 新质生产力, en: new quality productive forces}\n",
                                   encoding="utf-8")
    assert len(load_glossary(folder).terms) == 3


def test_encoding_argument_is_part_of_the_key(cache_root, glossary_file):
    load_glossary(glossary_file)
    load_glossary(glossary_file, encoding="utf-8")
    assert len(entries(cache_root)) == 2


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "other-key"])
def test_damaged_entry_falls_back_and_is_rewritten(cache_root, glossary_file, damage):
    fresh = load_glossary(glossary_file)
    [entry] = entries(cache_root)
    data = entry.read_bytes()
    entry.write_bytes({"truncate": data[: len(data) // 2], "garbage": data[:32] + b"\x80\x05garbage",
                       "empty": b"", "other-key": bytes(32) + data[32:]}[damage])
    assert load_glossary(glossary_file) == fresh
    assert entry.read_bytes() == data


def test_unwritable_cache_directory_falls_back(monkeypatch, tmp_path, glossary_file):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DUIZHAO_CACHE_DIR", str(blocker / "cache"))  # mkdir fails: a file is in the way
    assert load_glossary(glossary_file) == load_glossary(glossary_file)
    assert blocker.read_text(encoding="utf-8") == "x" and not list(tmp_path.glob("**/*.tmp"))


def test_env_var_disables(cache_root, glossary_file, monkeypatch):
    monkeypatch.setenv("DUIZHAO_NO_CACHE", "1")
    assert cache.cache_dir() is None
    load_glossary(glossary_file)
    assert not cache_root.exists()


def test_broken_glossary_is_never_cached(cache_root, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("terms:\n  - zh: 乡村振兴\n    en: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(FormatError) as error:
            load_glossary(bad)
        assert error.value.line == 4
    assert not entries(cache_root)


def test_entries_are_bounded(cache_root, tmp_path):
    for n in range(cache.MAX_ENTRIES + 3):
        path = tmp_path / f"g{n}.yaml"
        path.write_text(GLOSSARY, encoding="utf-8")
        load_glossary(path)
    assert len(entries(cache_root)) == cache.MAX_ENTRIES


@pytest.mark.parametrize(("env", "expected"), [
    ({"DUIZHAO_CACHE_DIR": "/x/c"}, "/x/c"),
    ({"XDG_CACHE_HOME": "/x/xdg"}, "/x/xdg/duizhao"),
    ({"XDG_CACHE_HOME": "relative"}, "~/.cache/duizhao"),  # the XDG spec: ignore a relative path
    ({}, "~/.cache/duizhao"),
    ({"DUIZHAO_CACHE_DIR": "/x/c", "DUIZHAO_NO_CACHE": "1"}, None),
])
def test_cache_dir(monkeypatch, env, expected):
    for name in ("DUIZHAO_CACHE_DIR", "XDG_CACHE_HOME", "DUIZHAO_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    found = cache.cache_dir()
    assert (str(found) if found else None) == (str(Path(expected).expanduser()) if expected else None)


def test_entry_of_another_user_is_not_read(cache_root, glossary_file, monkeypatch):
    fresh = load_glossary(glossary_file)
    parsed = []
    real = load._load_files
    monkeypatch.setattr(load, "_load_files", lambda *args: parsed.append(1) or real(*args))
    assert load_glossary(glossary_file) == fresh and not parsed  # our own entry: a hit
    monkeypatch.setattr(cache.os, "getuid", lambda: 4242, raising=False)  # the entry now "belongs" to another user
    assert load_glossary(glossary_file) == fresh and parsed == [1]


class _Bomb:
    """Unpickling this runs code: the test fails if the cache ever unpickles anything."""

    def __reduce__(self) -> tuple[object, ...]:
        return (_explode, ())


def _explode() -> None:
    raise AssertionError("the cache unpickled a planted file")


def test_planted_pickle_is_never_unpickled(cache_root, glossary_file, monkeypatch):
    import pickle

    fresh = load_glossary(glossary_file)
    [entry] = entries(cache_root)
    slot = entry.with_suffix(".pickle")  # the old format's name for this very slot
    bomb = pickle.dumps(_Bomb())
    slot.write_bytes(bomb)
    key = entry.read_bytes()[len(cache._MAGIC):len(cache._MAGIC) + 32]
    entry.write_bytes(key + bomb)  # the old layout (key, then pickle) under the new name, too
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: _explode())
    monkeypatch.setattr(pickle, "load", lambda *a, **k: _explode())
    assert load_glossary(glossary_file) == fresh  # a miss, then a fresh load and a data entry
    assert entries(cache_root)[0].read_bytes().startswith(cache._MAGIC)
    assert not slot.exists()  # old-format entries are pruned, unread


def test_entry_naming_a_foreign_type_is_a_miss(cache_root, glossary_file):
    import hashlib

    fresh = load_glossary(glossary_file)
    [entry] = entries(cache_root)
    data = entry.read_bytes()
    head = len(cache._MAGIC) + 32
    payload = b'{"$r": "Popen", "v": [["sh", "-c", "touch pwned"]]}'
    entry.write_bytes(data[:head] + hashlib.sha256(payload).digest() + payload)  # a valid checksum
    assert load_glossary(glossary_file) == fresh
    assert not (Path.cwd() / "pwned").exists()


def test_entry_with_a_wrong_checksum_is_a_miss(cache_root, glossary_file):
    fresh = load_glossary(glossary_file)
    [entry] = entries(cache_root)
    data = bytearray(entry.read_bytes())
    data[-2] ^= 1  # one bit of the JSON: still plausible JSON, but not what was written
    entry.write_bytes(bytes(data))
    assert load_glossary(glossary_file) == fresh
    assert entry.read_bytes() != bytes(data)


def test_leftovers_of_a_killed_run_are_swept(cache_root, tmp_path):
    cache_root.mkdir()
    old, fresh = cache_root / ".glossary-x.pickle.1.tmp", cache_root / ".glossary-y.pickle.2.tmp"
    for leftover in (old, fresh):
        leftover.write_bytes(b"partial")
    os.utime(old, (0, 0))
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    load_glossary(path)
    assert not old.exists() and fresh.exists()  # a recent one may be another run's write in progress


def test_no_home_directory_means_no_cache(monkeypatch, glossary_file):
    for name in ("DUIZHAO_CACHE_DIR", "XDG_CACHE_HOME", "DUIZHAO_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert load_glossary(glossary_file).terms[0].en == "rural revitalization"
