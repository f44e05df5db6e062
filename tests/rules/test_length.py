"""Length: each platform's limit, measured the way the platform measures it."""

from __future__ import annotations

import random

import pytest
from twitter_text import parse_tweet

from rules import Category, Draft, screen
from rules.detectors.length import LIMITS, measured_length, x_surely_fits, x_weighted_length
from rules.detectors.links import urls_in
from rules.text import Analysis


def length(text: str, platform: str | None) -> list:
    return [f for f in screen(Draft(text=text, platform=platform)).findings if f.category is Category.LENGTH]


def x_length(text: str) -> int:
    return x_weighted_length(text, [(u.start, u.end) for u in urls_in(Analysis(text)) if not u.evasive])[0]


# --- X ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "over"),
    [
        ("あ" * 140, False),
        ("あ" * 141, True),
        ("a" * 280, False),
        ("a" * 281, True),
        ("あ" * 129 + " www.pref.aichi.jp", True),  # a 17-character link counts 23
        ("あ" * 128 + " " + "https://www.city.joetsu.niigata.jp/" + "x" * 200, False),  # a long link counts 23
        ("😀" * 140, False),
        ("👨\u200d👩\u200d👧" * 140, False),  # a ZWJ family is one emoji
        ("😀" * 141, True),
    ],
)
def test_x_limit(text: str, over: bool):
    found = length(text, "x")
    assert bool(found) is over
    if over:
        assert found[0].rule == "LEN001"
        assert "／上限280" in found[0].message


def test_x_message_counts_and_marks_the_overflow():
    text = "お知らせ" * 36  # 144 full-width characters weigh 288
    (f,) = length(text, "x")
    assert "（288／上限280。" in f.message
    assert f.fix == "本文を8以上短くするか、投稿を分けてください。"
    assert f.start == 140 and f.end == 144  # the part X would not take


def test_x_estimate_agrees_with_twitter_text():
    """The fast estimate decides exactly like twitter-text, and gives its count when over the limit."""
    rng = random.Random(20260105)
    pieces = [
        "お知らせ", "abc ", "👨\u200d👩\u200d👧", "🇯🇵", "1️⃣", "©", "☀️", "👍🏽", "。", "、", "ｱｲｳ", "“q”",
        "https://www.city.joetsu.niigata.jp/a/b ", "bit.ly/x ", "example.com ", "readme.md ", "3.5km ",
        "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ｘ ", "https://ja.wikipedia.org/wiki/上越市 ", "\r\n",
        "(https://example.com/a_(b)) ", "https://t.co/abcdef", "www.pref.niigata.lg.jp/x",
    ]  # fmt: skip
    for _ in range(600):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 45)))
        exact = parse_tweet(text).weightedLength
        estimate = x_length(text)
        assert (estimate > 280) == (exact > 280), text
        if 280 < exact <= 560:
            assert estimate == exact, text


def test_x_quick_bound_never_passes_what_x_refuses():
    rng = random.Random(20261121)
    pieces = ["お知らせ", "abc", "👨\u200d👩\u200d👧", "🇯🇵", "1️⃣", "©", "😀", "、", "ｱｲｳ", "\r\n", "\u0344", "t.co/a"]
    checked = 0
    for _ in range(600):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))
        if x_surely_fits(text):
            checked += 1
            assert parse_tweet(text).weightedLength <= 280, text
    assert checked > 50
    assert not x_surely_fits("あ" * 141)
    assert not x_surely_fits("あ" * 10 + " a.co")  # a link may weigh more than its characters
    assert not x_surely_fits("\u0344" * 139 + "あ")  # 140 code points, 279 after NFC


# --- the other platforms ----------------------------------------------------------------------------


@pytest.mark.parametrize(("platform", "limit"), [(p, limit) for p, (limit, _) in LIMITS.items()])
def test_other_platform_limits(platform: str, limit: int):
    how = LIMITS[platform][1]
    char = "a" if how == "utf16" else "説"
    unit = 1 if how == "utf16" else 2
    fits = char * (limit // unit)
    assert length(fits, platform) == []
    (f,) = length(fits + char, platform)
    assert f.rule == "LEN001"
    assert f"上限{limit:,}" in f.message


def test_utf16_counts_emoji_twice():
    assert measured_length("🍎" * 3, "utf16", 5_000)[0] == 6
    assert measured_length("りんご", "utf16", 5_000)[0] == 3
    assert measured_length("\ud800", "utf16", 5_000)[0] == 1  # a lone surrogate (found by hypothesis)


def test_youtube_counts_full_width_twice():
    assert measured_length("説明abc", "width", 5_000)[0] == 7


def test_no_platform_no_length_check():
    assert length("お知らせ" * 1000, None) == []
    assert length("お知らせ" * 1000, "mastodon") == []


# --- Instagram hashtags ---------------------------------------------------------------------------------


def test_instagram_hashtags():
    five = "紅葉が見頃です\n#若葉野市 #紅葉 #秋 #観光 #写真"
    assert length(five, "instagram") == []
    (f,) = length(five + " #絶景 #旅", "instagram")
    assert f.rule == "LEN002"
    assert f.message == "Instagramのハッシュタグは1投稿5個までです（この投稿は7個）。"
    assert f.excerpt == "#絶景 #旅"
    assert length(five + " #絶景 #旅", "facebook") == []


def test_warm_up_loads_the_exact_x_counter_and_the_suffix_list_before_the_first_draft():
    import subprocess
    import sys

    code = (
        "import sys; from rules import Engine; from rules.detectors.links import _extractor; e = Engine(); "
        "assert 'twitter_text' not in sys.modules and _extractor.cache_info().currsize == 0; "
        "e.warm_up(); assert 'twitter_text' in sys.modules and _extractor.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_warm_up_freezes_the_start_up_heap_only_when_asked():
    import subprocess
    import sys

    code = (
        "import gc; from rules import Engine; e = Engine(); e.warm_up(); assert gc.get_freeze_count() == 0; "
        "e.warm_up(freeze=True); assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
