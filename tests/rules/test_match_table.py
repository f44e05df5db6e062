"""The lazy match table: the neighbour tests of a set run when the set is asked for, with the
same results and order as testing every candidate during the scan."""

from __future__ import annotations

from rules.lexicon import Entry, MatchTable
from rules.text import analyse_tokens


def _entry(set_id: str, term: str, **context: frozenset[str]) -> Entry:
    return Entry(set_id, term, "", "lemma", (term,), **context)


def _table() -> MatchTable:
    toks = analyse_tokens("雨が降る。雨だ。")  # 雨 が 降る 。 雨 だ 。
    rain_noun = _entry("t:rain", "雨", next_not=frozenset({"が"}))  # only 雨 not followed by が
    falls = _entry("t:falls", "降る")
    never = _entry("t:never", "雨", next_any=frozenset({"雪"}))
    candidates = {
        "t:never": [(0, never, 0, 1), (5, never, 4, 5)],
        "t:rain": [(1, rain_noun, 0, 1), (6, rain_noun, 4, 5)],
        "t:falls": [(3, falls, 2, 3)],
    }
    return MatchTable(toks, candidates)


def test_sets_whose_candidates_all_fail_their_neighbour_test_are_not_keys():
    table = _table()
    assert "t:never" in table.candidate_sets()
    assert "t:never" not in table
    assert table.get("t:never") is None
    assert table.get("t:never", []) == []


def test_a_set_keeps_only_the_candidates_that_pass():
    matches = _table()["t:rain"]
    assert [(m.first, m.last) for m in matches] == [(4, 5)]


def test_sets_are_listed_in_the_order_of_their_first_match():
    table = _table()
    # t:rain's first candidate (order 1) fails; its first match is order 6, after t:falls (3).
    assert list(table) == ["t:falls", "t:rain"]
    assert len(table) == 2
    assert table.in_order({"t:rain", "t:never", "t:unknown", "t:falls"}) == ["t:falls", "t:rain"]


def test_only_the_sets_asked_for_are_evaluated():
    table = _table()
    table.get("t:falls")
    assert set(table._done) == {"t:falls"}
