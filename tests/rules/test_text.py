"""Normalisation undoes evasions while keeping a map back to the author's offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.text import Analysis, digits_view, fold, kanji_number_value, normalize


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("庁​内​限​り", "庁内限り"),  # zero-width spaces
        ("ｸｿうるさい", "クソうるさい"),  # half-width katakana
        ("ﾃﾞｰﾀ", "データ"),  # half-width voiced mark composes with its base
        ("ｘｖｉｄｅｏｓ．ｃｏｍ", "xvideos.com"),  # full-width Latin
        ("０８０−４４１７", "080−4417"),  # full-width digits (the minus sign is handled in the digits view)
        ("野 党 に 一 票", "野党に一票"),  # spaces inserted inside Japanese words
        ("野\u3000党", "野党"),  # ideographic space
        ("Hello world", "Hello world"),  # spaces between Latin words stay
        ("市長 山田太郎", "市長山田太郎"),
        ("a\u00adb\u202ec", "abc"),  # soft hyphen and bidi override
        ("改行\nあり", "改行\nあり"),
    ],
)
def test_normalize(original: str, expected: str):
    assert normalize(original).text == expected


def test_offsets_map_back_to_the_original():
    original = "ＰＡＳＳは ｌｉｂ＠２０２６ です"
    norm = normalize(original)
    i = norm.text.index("lib@2026")
    start, end = norm.to_original(i, i + len("lib@2026"))
    assert original[start:end] == "ｌｉｂ＠２０２６"


def test_offsets_cover_dropped_characters_inside_a_span():
    original = "シ​ナ人"
    norm = normalize(original)
    assert norm.text == "シナ人"
    assert norm.to_original(0, 3) == (0, 4)


def test_half_width_voiced_marks_map_to_both_characters():
    original = "ｶﾞｲｼﾞ"
    norm = normalize(original)
    assert norm.text == "ガイジ"
    assert norm.to_original(0, 1) == (0, 2)


@pytest.mark.parametrize(
    ("run", "value"),
    [("〇四六七", "0467"), ("二〇二六", "2026"), ("十一", "11"), ("二十", "20"), ("三百五", "305"), ("十", "10")],
)
def test_kanji_numbers(run: str, value: str):
    assert kanji_number_value(run) == value


def test_digits_view_converts_kanji_numerals_and_dashes():
    original = "電話 〇四六七‐五八‐六六二〇 まで"
    view = digits_view(normalize(original))
    assert "0467-58-6620" in view.text
    i = view.text.index("0467-58-6620")
    s, e = view.to_original(i, i + len("0467-58-6620"))
    assert original[s:e] == "〇四六七‐五八‐六六二〇"


def test_digits_view_of_positional_numerals_maps_the_whole_run():
    original = "十一月三日（月）"
    view = digits_view(normalize(original))
    assert view.text.startswith("11月3日")
    assert view.to_original(0, 2) == (0, 2)


def test_fold_is_length_preserving():
    assert fold("ラシイABC") == "らしいabc"
    assert len(fold("ヴァイオリン")) == len("ヴァイオリン")


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x3100), max_size=60))
def test_fold_changes_katakana_and_ascii_capitals_only(text):
    folded = fold(text)
    assert len(folded) == len(text)
    for a, b in zip(text, folded, strict=True):
        if "\u30a1" <= a <= "\u30f6":
            assert ord(b) == ord(a) - 0x60
        elif "A" <= a <= "Z":
            assert b == a.lower()
        else:
            assert b == a


def test_tokens_carry_lemmas_and_sentences():
    a = Analysis("頭​おかしいんですか？ 次の文です。")
    lemmas = [t.lemma for t in a.tokens]
    assert "可笑しい" in lemmas
    assert a.tokens[0].sentence == 0
    assert a.tokens[-1].sentence >= 1


@given(st.text(alphabet="あア漢。!?.\n 3a", max_size=60))
def test_sentence_spans_cover_the_tokens_sentence_by_sentence(text):
    a = Analysis(text)
    spans = a.sentence_spans
    assert [i for start, end in spans for i in range(start, end)] == list(range(len(a.tokens)))
    for number, (start, end) in enumerate(spans):
        assert start < end
        assert {t.sentence for t in a.tokens[start:end]} == {number}


def test_long_text_is_analysed_in_chunks():
    text = "これは長い下書きです。" * 6000  # 66,000 characters: over SudachiPy's input limit
    a = Analysis(text)
    assert a.tokens[-1].end == len(a.norm.text)
    starts = [t.start for t in a.tokens]
    assert starts == sorted(starts)


@given(st.text(alphabet="（）：！？ＡＢｚ１２　 あア漢字。、\u200bｶ①", max_size=40))
def test_the_full_width_fast_path_agrees_with_the_general_one(text):
    from rules.text import _normalize_by_char

    fast, general = normalize(text), _normalize_by_char(text)
    assert (fast.text, fast.starts, fast.ends) == (general.text, general.starts, general.ends)


@given(st.text(alphabet="0１9-‐ーｰ―　 あア漢a三十百〇\n", max_size=30))
def test_the_quick_yes_no_patterns_agree_with_the_ones_they_stand_for(text):
    import re

    from rules.text import (
        _DASH_BETWEEN_DIGITS_RE,
        _HAS_DASH_BETWEEN_DIGITS_RE,
        _HAS_KANJI_NUM_RE,
        _HAS_SPACE_INSIDE_JAPANESE_RE,
        _JAPANESE_CLASS,
        _KANJI_NUM_RE,
    )

    space_inside = re.compile(f"[{_JAPANESE_CLASS}][ \u3000]+[{_JAPANESE_CLASS}]")
    assert bool(_HAS_SPACE_INSIDE_JAPANESE_RE.search(text)) == bool(space_inside.search(text))
    assert bool(_HAS_DASH_BETWEEN_DIGITS_RE.search(text)) == bool(_DASH_BETWEEN_DIGITS_RE.search(text))
    assert bool(_HAS_KANJI_NUM_RE.search(text)) == bool(_KANJI_NUM_RE.search(text))


def _uncached_tokens(text: str) -> list[tuple]:
    """What Sudachi itself says of each morpheme, asked every time (the word cache's reference)."""
    from rules.text import _pos, tokenizer

    out = []
    for m in tokenizer().tokenize(text):
        pos = _pos(m.part_of_speech_id())
        base = m.dictionary_form() if pos[4] != "*" else m.surface()
        out.append((m.surface(), m.normalized_form(), base, pos))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "ふざけるな。ふざけんなよ、ふざけた話です。",  # one verb, three conjugations
        "ＸＹＺ株式会社のxyzさんとＡＢＣ",  # words outside the dictionary share ids by part of speech
        "𠮷野家で食べました。行った・行きます・行かない",
        "頭おかしいんですか？アタマオカシイ",
    ],
)
def test_the_word_cache_gives_what_sudachi_gives(text):
    from rules.text import _word_cache, analyse_tokens

    _word_cache.clear()
    text = normalize(text).text
    for _ in range(2):  # filling the cache, then reading from it
        got = [(t.surface, t.lemma, t.base, t.pos) for t in analyse_tokens(text)]
        assert got == _uncached_tokens(text)


@given(st.text(max_size=80))
def test_tokens_are_sudachis_morphemes_at_their_offsets(text):
    # Surfaces are sliced from our text at each morpheme's end rather than asked of Sudachi.
    from rules.text import analyse_tokens

    text = normalize(text).text
    toks = analyse_tokens(text)
    assert [t.surface for t in toks] == [surface for surface, *_ in _uncached_tokens(text) if surface]
    assert [t.surface for t in toks] == [text[t.start : t.end] for t in toks]
    assert "".join(t.surface for t in toks) == text


def test_tokens_of_a_chunked_text_are_sudachis_morphemes_chunk_by_chunk():
    from rules.text import _chunks, analyse_tokens

    text = normalize("𠮷野家で食べました。ＸＹＺさん\n" * 1500).text  # several chunks, astral characters
    chunks = _chunks(text)
    assert len(chunks) > 1
    got = analyse_tokens(text)
    assert [t.surface for t in got] == [surface for _, chunk in chunks for surface, *_ in _uncached_tokens(chunk)]
    assert [t.surface for t in got] == [text[t.start : t.end] for t in got]


def test_sentence_breaks_do_not_depend_on_which_surface_the_word_cache_met_first():
    # One dictionary word may stand for several surfaces (．.…), so a cached word's break flag must
    # hold for all of them; ASCII marks inside a version or a password still end nothing.
    from rules.text import _word_cache, analyse_tokens

    samples = (
        "版は3.5です.次に進みます",
        "v1.2です。終わり",
        "sakura!2026です!次です",
        "本当?!はい\nいいえ",
        "あ．い…う。え",
    )
    texts = [normalize(t).text for t in samples]

    def breaks(text: str) -> list[tuple[str, int]]:
        return [(t.surface, t.sentence) for t in analyse_tokens(text)]

    cold = []
    for text in texts:
        _word_cache.clear()
        cold.append(breaks(text))
    _word_cache.clear()
    for text in reversed(texts):  # the cache meets the marks in other surfaces first
        analyse_tokens(text)
    assert [breaks(text) for text in texts] == cold
    assert cold[1][-1][1] == 1 and cold[0][-1][1] == 1  # 。 and the final . of a sentence end it


def test_words_outside_the_dictionary_are_not_cached_and_the_cache_is_bounded(monkeypatch):
    import rules.text as text_module

    text_module._word_cache.clear()
    monkeypatch.setattr(text_module, "_WORD_CACHE_MAX", 3)
    text = normalize("ＱＷＥＲＴＹとａｓｄｆｇです。ありがとうございました").text
    assert any(m.is_oov() for m in text_module.tokenizer().tokenize(text))  # QWERTY, asdfg
    text_module.analyse_tokens(text)
    assert all(word_id < text_module._OOV_WORD_IDS for word_id in text_module._word_cache)
    assert 0 < len(text_module._word_cache) <= 3
