"""How close a reported handle is to the official ones: edit distance, confusable characters, URLs."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.incidents import handles
from bot.incidents.handles import Closeness, Difference, OfficialHandle

OFFICIAL = "@joetsu_city"


def _reference_distance(a: str, b: str) -> int:
    """Optimal string alignment distance by plain recursion (slow, obviously right) for short strings."""
    if not a or not b:
        return len(a) + len(b)
    best = min(
        _reference_distance(a[1:], b) + 1,
        _reference_distance(a, b[1:]) + 1,
        _reference_distance(a[1:], b[1:]) + (a[0] != b[0]),
    )
    if len(a) > 1 and len(b) > 1 and a[0] == b[1] and a[1] == b[0]:
        best = min(best, _reference_distance(a[2:], b[2:]) + 1)
    return best


short = st.text(alphabet="abc_1", max_size=6)


@given(short, short)
def test_edit_distance_matches_a_reference_implementation(a: str, b: str):
    assert handles.edit_distance(a, b) == _reference_distance(a, b)


@given(st.text(max_size=30), st.text(max_size=30))
def test_edit_distance_is_symmetric_and_bounded(a: str, b: str):
    distance = handles.edit_distance(a, b)
    assert distance == handles.edit_distance(b, a)
    assert abs(len(a) - len(b)) <= distance <= max(len(a), len(b))
    assert (distance == 0) == (a == b)


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("joetsu_city", "joetsu_city", 0),
        ("joetsu_city", "joetsu_clty", 1),  # one substitution
        ("joetsu_city", "joetsu_ctiy", 1),  # one swap of neighbours
        ("joetsu_city", "joetsu_cityy", 1),  # one insertion
        ("joetsu_city", "joetsucity", 1),  # one deletion
        ("", "abc", 3),
        ("kitten", "sitting", 3),
    ],
)
def test_edit_distance_examples(a: str, b: str, distance: int):
    assert handles.edit_distance(a, b) == distance


@pytest.mark.parametrize(
    ("reported", "closeness", "distance", "differences"),
    [
        # The example: i and l are easy to confuse at a glance.
        ("joetsu_clty", Closeness.LOOKALIKE, 1, (Difference("i", "l"),)),
        ("j0etsu_city", Closeness.HOMOGLYPH, 1, (Difference("o", "0"),)),  # zero for o
        ("joetsu_c1ty", Closeness.LOOKALIKE, 1, (Difference("i", "1"),)),  # 1 is drawn like l, and l is read as i
        ("\u0458oetsu_city", Closeness.HOMOGLYPH, 1, (Difference("j", "\u0458"),)),  # Cyrillic je
        ("joets\u03c5_city", Closeness.HOMOGLYPH, 1, (Difference("u", "\u03c5"),)),  # Greek upsilon
        ("ｊｏｅｔｓｕ＿ｃｉｔｙ", Closeness.IDENTICAL, 0, ()),  # full width: the same handle
        ("@Joetsu_City", Closeness.IDENTICAL, 0, ()),  # handles are case-insensitive
        ("joetsu_ctiy", Closeness.NEAR, 1, (Difference("it", "ti"),)),
        ("joetsu_citty", Closeness.NEAR, 1, (Difference("", "t"),)),
        ("joetsu_city_official", Closeness.CONTAINS, 9, (Difference("", "_official"),)),
        ("joetsucity_jp", Closeness.SIMILAR, 4, (Difference("_", ""), Difference("", "_jp"))),
        ("tokyo_metro", Closeness.DIFFERENT, 9, None),
    ],
)
def test_compare_says_how_close_and_why(reported, closeness, distance, differences):
    match = handles.compare(reported, OFFICIAL, account_id="joetsu-x")

    assert match.closeness == closeness
    assert match.distance == distance
    assert match.official == OFFICIAL and match.account_id == "joetsu-x"
    if differences is not None:
        assert match.differences == differences


def test_multi_character_look_alikes_meet_on_the_same_skeleton():
    assert handles.compare("rnachida_city", "@machida_city").closeness == Closeness.HOMOGLYPH  # rn / m
    assert handles.compare("vvakayama", "@wakayama").closeness == Closeness.HOMOGLYPH  # vv / w
    assert handles.compare("clate_city", "@date_city").closeness == Closeness.HOMOGLYPH  # cl / d
    assert handles.compare("Ioetsu", "@loetsu").closeness in (Closeness.HOMOGLYPH, Closeness.IDENTICAL)


def test_look_alike_differences_are_flagged():
    assert Difference("i", "l").lookalike
    assert Difference("o", "0").lookalike
    assert Difference("m", "rn").lookalike
    assert Difference("a", "\u0430").lookalike  # Cyrillic a
    assert not Difference("a", "x").lookalike
    assert not Difference("", "x").lookalike


def test_closest_prefers_the_closest_kind_of_match_then_fewer_edits_then_the_same_platform():
    officials = [
        OfficialHandle("joetsu-x", "x", "@joetsu_city"),
        OfficialHandle("joetsu-ig", "instagram", "@joetsu_city"),
        OfficialHandle("kanko-x", "x", "@joetsu_kanko"),
    ]

    assert handles.closest("joetsu_clty", officials, platform="instagram").account_id == "joetsu-ig"
    assert handles.closest("joetsu_clty", officials, platform="x").account_id == "joetsu-x"
    assert handles.closest("joetsu_kank0", officials, platform="x").account_id == "kanko-x"
    assert handles.closest("anything", []) is None


@pytest.mark.parametrize(
    ("url", "handle", "platform"),
    [
        ("https://x.com/joetsu_clty", "joetsu_clty", "x"),
        ("https://twitter.com/joetsu_clty/status/1234567890?s=20", "joetsu_clty", "x"),
        ("https://mobile.twitter.com/joetsu_clty", "joetsu_clty", "x"),
        ("https://www.instagram.com/joetsu.city_/", "joetsu.city_", "instagram"),
        ("https://www.facebook.com/joetsucity.official", "joetsucity.official", "facebook"),
        ("https://www.facebook.com/profile.php?id=100000000000001", None, "facebook"),
        ("https://www.youtube.com/@joetsu_city", "joetsu_city", "youtube"),
        ("https://www.youtube.com/channel/UC0000000000000000000000", None, "youtube"),
        ("https://www.tiktok.com/@joetsu_clty/video/1", "joetsu_clty", "tiktok"),
        ("https://line.me/R/ti/p/@joetsu_city", "joetsu_city", "line"),
        ("https://page.line.me/joetsucity", "joetsucity", "line"),
        ("https://x.com/search?q=joetsu", None, "x"),
        ("https://www.city.joetsu.niigata.jp/", None, None),
    ],
)
def test_handles_are_read_from_profile_and_post_urls(url: str, handle: str | None, platform: str | None):
    assert handles.handle_from_url(url) == handle
    assert handles.platform_of_url(url) == platform


def test_every_homoglyph_entry_maps_to_a_lower_case_ascii_letter_and_survives_nfkc():
    for source, target in handles.HOMOGLYPHS.items():
        assert len(target) == 1 and target.isascii() and target.islower(), source
        # NFKC runs first: an entry NFKC already folds would never be reached.
        assert unicodedata.normalize("NFKC", source) == source, hex(ord(source))


def test_every_non_ascii_homoglyph_is_a_cyrillic_greek_or_latin_letter():
    # Every non-ASCII entry is a Cyrillic, Greek or Latin letter whose Unicode name says which letter it is.
    for source in handles.HOMOGLYPHS:
        if source.isascii():
            continue
        name = unicodedata.name(source)
        assert name.split()[0] in {"CYRILLIC", "GREEK", "LATIN"}, name


def test_long_inputs_are_cut_so_the_comparison_stays_bounded():
    long = "a" * 10_000
    assert handles.edit_distance(long, long + "b") == 0  # both cut to MAX_HANDLE_LENGTH
    assert len(handles.normalize(long)) == handles.MAX_HANDLE_LENGTH


def test_pairs_of_look_alikes_are_symmetric():
    for a, b in itertools.permutations(["i", "l", "1"], 2):
        assert Difference(a, b).lookalike == Difference(b, a).lookalike
