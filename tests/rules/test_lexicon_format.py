"""Lexicon files are checked when they load: a malformed entry is refused with its place named."""

from __future__ import annotations

import pytest

from rules.lexicon import LexiconError, _load_file


def _load(entries: str):
    return _load_file("t", f"sets:\n  s:\n{entries}")


@pytest.mark.parametrize(
    ("term", "culprit"),
    [
        ("~(デマ|噂)だ", "デマ"),  # katakana: the folded text has only hiragana
        ("~SNSで見た", "SNS"),  # capitals: the folded text is lower case
    ],
)
def test_a_regex_entry_written_unfolded_is_refused(term: str, culprit: str):
    with pytest.raises(LexiconError, match=rf"t\.yml:s.*{culprit}.*never matches"):
        _load(f'    - "{term}"\n')


@pytest.mark.parametrize(
    "term",
    ["~(でま|噂)だ", r"~\S+さん\d+", r"~(?P<who>人)(?P=who)", r"~sns\Bで", "~[0-9](?<![0-9]{2})きろ"],
)
def test_a_folded_regex_entry_loads(term: str):
    lex = _load(f"    - '{term}'\n")
    assert lex.sets["t:s"][0].key == term[1:]


def test_a_bad_regex_is_refused():
    with pytest.raises(LexiconError, match="bad regular expression"):
        _load('    - "~(unclosed"\n')


def test_a_term_listed_twice_is_refused():
    with pytest.raises(LexiconError, match="twice"):
        _load("    - 雨\n    - 雨\n")
