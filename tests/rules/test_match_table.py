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


def _names(tok, selector: str, edge: str) -> bool:
    """What one selector means, read off the lexicon format: a word (lemma, fold or dictionary
    form), #POS (any level of the part of speech), or #BOS/#EOS (the sentence edge, no token)."""
    if tok is None:
        return selector == edge
    if selector.startswith("#"):
        return selector not in ("#BOS", "#EOS") and selector[1:] in tok.pos
    return selector in (tok.lemma, tok.fold, tok.base)


def test_neighbour_selectors_of_every_lexicon_entry_mean_what_the_format_says():
    from rules.engine import Engine
    from rules.lexicon import _token_matches

    lex = Engine().lex
    entries = [e for es in lex.sets.values() for e in es]
    selector_sets = {s for e in entries for s in (e.next_not, e.prev_not, e.next_any, e.prev_any) if s}
    assert len(selector_sets) > 50
    toks = analyse_tokens("燃やすごみの日です。カスタードを食べた人間のクズが、お前らはゴミだと言った！ＡＢＣ株式会社")
    named = 0
    for selectors in selector_sets:
        for tok in [None, *toks]:
            for edge in ("#BOS", "#EOS"):
                expected = any(_names(tok, s, edge) for s in selectors)
                assert _token_matches(tok, selectors, edge=edge) == expected, (sorted(selectors), tok, edge)
                named += expected
    assert named > 100  # words, parts of speech and edges are all met
