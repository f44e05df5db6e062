"""The prefilter of the lexicons' `~` patterns: a text the prefilter rules out never matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules.lexicon import lexicons
from rules.regex import needs_of, required_literals


def _passes(pattern: str, text: str) -> bool:
    needs = needs_of(pattern)
    return needs is None or all(n.met(set(text), text) for n in needs)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("知り合いから聞いた", ("知り合いから聞いた",)),
        ("(知人|友人)(から|に)聞い", ("聞い",)),  # one kanji beats two
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


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # Every part that tells: one of 開示/公表 and one of 不可/禁止, each by a kanji.
        ("(開示|公表)(不可|禁止)", [(set("開公"), ()), (set("不禁"), ())]),
        # A hiragana-only string is looked for as it is; の alone tells nothing.
        ("(知人|ともだち)の(話|うわさ)", [(set("知"), ("ともだち",)), (set("話"), ("うわさ",))]),
        ("(が|は)(で|に)", None),  # single hiragana: too common to tell
        ("ぱ[〇○●]つ", [(set("〇○●"), ())]),
    ],
)
def test_needs_of(pattern: str, expected):
    found = needs_of(pattern)
    got = None if found is None else sorted((set(n.chars), n.words) for n in found)
    assert got == (None if expected is None else sorted(expected))


def _regex_entries() -> list[str]:
    return [e.key for entries in lexicons().sets.values() for e in entries if e.mode == "regex"]


@pytest.mark.parametrize("pattern", _regex_entries())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_match_is_ruled_out(pattern: str, data):
    """Every text the pattern matches (with anything around it) passes the prefilter."""
    text = data.draw(st.from_regex(re.compile(pattern), fullmatch=False))
    assert _passes(pattern, text), (pattern, text)


def test_an_unsound_prefilter_would_be_caught():
    """The property above fails for a prefilter that asks for a character matches need not hold."""
    pattern = "(知人|友人)(から|に)聞い"
    text = "友人から聞い"
    assert re.search(pattern, text)
    assert "知" not in text  # a prefilter asking for 知 alone would rule this match out
    assert _passes(pattern, text)
    assert not _passes(pattern, "友人から言われた")
    assert not _passes("(知人|友人)(から|に)聞い", "知人から言われた")


def test_most_patterns_have_a_prefilter():
    patterns = _regex_entries()
    assert sum(needs_of(p) is not None for p in patterns) >= 0.9 * len(patterns)
