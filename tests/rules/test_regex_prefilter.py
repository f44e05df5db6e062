"""The prefilter of the lexicons' `~` patterns: a text the prefilter rules out never matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.lexicon import lexicons
from rules.regex import literal_grams, required_literals, text_grams


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("知り合いから聞いた", ("知り合いから聞いた",)),
        ("(知人|友人)(から|に)聞い", ("聞い",)),  # a run of two characters beats the alternatives
        ("(うわさ|噂)だ", ("噂", "うわさ")),  # だ alone is in nearly every draft
        ("[0-9]+(きろ|km)おーばー", ("おーばー",)),
        ("(が|は)(母|父)", ("母", "父")),  # single kanji rather than single hiragana
        ("ぱ[〇○●]つ", ("〇", "○", "●")),
        ("a*", None),  # matches the empty string: nothing is required
        (r"\d+円", ("円",)),
        ("(?i)abc", None),  # case-folded patterns are left alone
    ],
)
def test_required_literals(pattern: str, expected):
    found = required_literals(pattern)
    assert found is None if expected is None else set(found) == set(expected)


def _regex_entries() -> list[str]:
    return [e.key for entries in lexicons().sets.values() for e in entries if e.mode == "regex"]


@pytest.mark.parametrize("pattern", _regex_entries())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_match_is_ruled_out(pattern: str, data):
    """Every text the pattern matches (with anything around it) passes the prefilter."""
    text = data.draw(st.from_regex(re.compile(pattern), fullmatch=False))
    needs = literal_grams(pattern)
    assert needs is None or not text_grams(text).isdisjoint(needs), (pattern, text)


def test_an_unsound_prefilter_would_be_caught():
    """The property above fails for a prefilter that asks for a string matches need not hold."""
    text = "友人から聞い"
    assert re.search("(知人|友人)(から|に)聞い", text)
    assert text_grams(text).isdisjoint({"知人"})
    assert not text_grams(text).isdisjoint(literal_grams("(知人|友人)(から|に)聞い"))


def test_most_patterns_have_a_prefilter():
    patterns = _regex_entries()
    assert sum(literal_grams(p) is not None for p in patterns) >= 0.9 * len(patterns)
