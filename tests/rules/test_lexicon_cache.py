"""The compiled-lexicon cache: the same entries as compiling afresh, and never in the way."""

from __future__ import annotations

import json

import pytest

from rules import lexicon
from rules.lexicon import _compiled_files, lexicons

NAMES = sorted(lexicons().files)


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "sns-gate"


def _fresh() -> dict:
    return {n: lexicon._load_file(n) for n in NAMES}


def test_cached_lexicons_equal_freshly_compiled_ones(cache_home):
    first = _compiled_files(NAMES)  # compiles and writes the cache
    files = list(cache_home.glob("lexicons-*.json"))
    assert len(files) == 1
    second = _compiled_files(NAMES)  # reads it
    fresh = _fresh()
    for name in NAMES:
        assert second[name].sets == fresh[name].sets == first[name].sets
        assert second[name].patterns == fresh[name].patterns


def test_a_damaged_cache_is_compiled_again(cache_home):
    _compiled_files(NAMES)
    (path,) = cache_home.glob("lexicons-*.json")
    path.write_text("{not json", encoding="utf-8")
    again = _compiled_files(NAMES)
    assert again[NAMES[0]].sets == _fresh()[NAMES[0]].sets
    json.loads(path.read_text(encoding="utf-8"))  # rewritten whole


def test_a_changed_source_uses_a_new_cache_and_drops_the_old(cache_home, monkeypatch):
    _compiled_files(NAMES)
    (old,) = cache_home.glob("lexicons-*.json")
    real = lexicon._read_source
    monkeypatch.setattr(lexicon, "_read_source", lambda n: real(n) + "\n# edited\n")
    _compiled_files(NAMES)
    (new,) = cache_home.glob("lexicons-*.json")
    assert new != old


def test_an_unwritable_cache_directory_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where a directory should be
    files = _compiled_files(NAMES)
    assert files[NAMES[0]].sets == _fresh()[NAMES[0]].sets
