"""Links: the shared URL extractor, the shortener list and the shortener / untrusted-link rules."""

from __future__ import annotations

from importlib import resources

import pytest

from rules import Category, Draft, Settings, screen
from rules.detectors.links import (
    is_official,
    is_public_sector,
    is_shortener,
    is_trusted,
    shortener_for,
    urls_in,
)
from rules.text import Analysis

JOETSU = Settings(
    official_domains=("city.joetsu.niigata.jp",),
    trusted_domains=("https://www.youtube.com/", "*.joetsu-kanko.net"),
)


def urls(text: str) -> list[tuple[str, str, str]]:
    """(author's text of the link, host, path) for every link found."""
    return [(text[u.start : u.end], u.host, u.path) for u in urls_in(Analysis(text))]


def categories(text: str, settings: Settings | None = None) -> dict[Category, list[str]]:
    found: dict[Category, list[str]] = {}
    for f in screen(Draft(text=text), settings).findings:
        found.setdefault(f.category, []).append(f.rule)
    return found


# --- extraction ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("詳しくは https://example.com/path をご覧ください", [("https://example.com/path", "example.com", "/path")]),
        # Japanese right after the link is not part of it; nor is a closing bracket it did not open.
        ("「ナビ」（https://example.com/path）では", [("https://example.com/path", "example.com", "/path")]),
        ("https://example.com/pathでは", [("https://example.com/path", "example.com", "/path")]),
        ("こちら：https://example.com/a?b=1。", [("https://example.com/a?b=1", "example.com", "/a?b=1")]),
        (
            "(see https://en.wikipedia.org/wiki/Foo_(bar))",
            [("https://en.wikipedia.org/wiki/Foo_(bar)", "en.wikipedia.org", "/wiki/Foo_(bar)")],
        ),
        ("見てね https://example.com/!", [("https://example.com/", "example.com", "/")]),
        # Bare domains with a path, and without one when unmistakable.
        ("入手できます。bit.ly/wkbn-hojo2026", [("bit.ly/wkbn-hojo2026", "bit.ly", "/wkbn-hojo2026")]),
        ("→ tiny.cc/mu-gazo", [("tiny.cc/mu-gazo", "tiny.cc", "/mu-gazo")]),
        ("見放題 xvideos.com で", [("xvideos.com", "xvideos.com", "")]),
        ("Amazon.co.jp で購入", [("Amazon.co.jp", "amazon.co.jp", "")]),
        # Evasions: full-width, zero-width, ideographic full stop, defanged dots, scheme without h.
        ("ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａｂｃ", [("ｈｔｔｐｓ：／／ｂｉｔ．ｌｙ／ａｂｃ", "bit.ly", "/abc")]),
        ("https://ow\u200b.ly/Vb8k50", [("https://ow\u200b.ly/Vb8k50", "ow.ly", "/Vb8k50")]),
        ("bit。ly/abc にアクセス", [("bit。ly/abc", "bit.ly", "/abc")]),
        ("tiny[.]cc/x と bit(dot)ly/y", [("tiny[.]cc/x", "tiny.cc", "/x"), ("bit(dot)ly/y", "bit.ly", "/y")]),
        ("ttps://rb.gy/a1 から", [("ttps://rb.gy/a1", "rb.gy", "/a1")]),
        ("http://203.0.113.7/admin", [("http://203.0.113.7/admin", "203.0.113.7", "/admin")]),
        ("https://user:pw@evil.example.com/x", [("https://user:pw@evil.example.com/x", "evil.example.com", "/x")]),
    ],
)
def test_links_are_found_with_their_spans(text: str, expected):
    assert urls(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "距離は3.5km、所要時間は約1.5時間です。",
        "ver.2の地図、No.1の人気、Vol.3の特集",
        "申請書（様式第1号.pdf）と report.docx をご用意ください。",
        "readme.md と data.zip と main.py は添付しません。",  # real TLDs, but written as file names
        "Hello.World! end.It is",  # capitalised top-level label: a sentence, not a domain
        "お問い合わせは iju@town.kazahaya.lg.jp まで",  # e-mail address
        "info.city@example.com",  # the local part of an e-mail address ends in a gTLD
        "VPNアドレス 172.16.40.2 へ",  # an IP address without a scheme is left to the security rule
        "OK。ok。ly",  # a fake dot only counts when it hides a real link
        "令和8年4月1日。午前10時。",
    ],
)
def test_things_that_are_not_links(text: str):
    assert urls(text) == []


def test_offsets_map_to_the_authors_text_through_normalisation():
    text = "前置き　ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ｘ　後ろ"
    (u,) = urls_in(Analysis(text))
    assert text[u.start : u.end] == "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ／ｘ"
    assert u.url == "https://example.com/x"
    assert u.evasive
    (plain,) = urls_in(Analysis("https://example.com/x"))
    assert not plain.evasive


# --- the shortener list ----------------------------------------------------------------------------


def test_shortener_list_is_broad_and_well_formed():
    text = resources.files("rules").joinpath("lexicons", "shorteners.txt").read_text(encoding="utf-8")
    domains = [line.split("#", 1)[0].split("=", 1)[0].strip() for line in text.splitlines()]
    domains = [d for d in domains if d]
    assert len(domains) >= 300
    assert len(domains) == len(set(domains))
    assert all(d == d.lower() and "." in d and " " not in d for d in domains)


@pytest.mark.parametrize(
    "host",
    [
        "bit.ly", "tinyurl.com", "is.gd", "v.gd", "ow.ly", "buff.ly", "t.co", "goo.gl", "maps.app.goo.gl",
        "g.co", "tiny.cc", "rebrand.ly", "cutt.ly", "shorturl.at", "t.ly", "rb.gy", "x.gd", "s.id", "lnkd.in",
        "amzn.to", "amzn.asia", "youtu.be", "db.tt", "qr.paps.jp", "urx.nu", "onl.la", "onl.tw", "bit.do",
        "clck.ru", "trib.al", "dlvr.it", "ift.tt", "soo.gd", "po.st", "mcaf.ee", "wp.me", "fb.me", "lin.ee",
        "forms.gle", "www.bit.ly", "BIT.LY", "ynews.page.link", "iplogger.org",
    ],
)  # fmt: skip
def test_known_shorteners(host: str):
    assert is_shortener(host)


@pytest.mark.parametrize(
    "host",
    ["youtube.com", "www.youtube.com", "line.me", "google.com", "www.city.joetsu.niigata.jp", "bitly.example.com",
     "notbit.ly", "t.com", "co.jp", "example.com"],
)  # fmt: skip
def test_not_shorteners(host: str):
    assert not is_shortener(host)


def test_most_specific_entry_wins():
    assert shortener_for("maps.app.goo.gl").platform == "Googleマップ"
    assert shortener_for("goo.gl").platform is None
    assert shortener_for("youtu.be").platform == "YouTube"


# --- official, public sector, trusted --------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "official", "public", "trusted"),
    [
        ("www.city.wakabano.lg.jp", True, False, True),
        ("www.jma.go.jp", True, False, True),
        ("www.city.joetsu.niigata.jp", True, True, True),  # configured, and a municipal JP label
        ("city.joetsu.niigata.jp", True, True, True),
        ("www.pref.niigata.jp", False, True, True),
        ("www.city.yokohama.jp", False, True, True),  # designated city
        ("www.town.kazahaya.kanagawa.jp", False, True, True),
        ("www.metro.tokyo.jp", False, True, True),
        ("www.u-tokyo.ac.jp", False, True, True),
        ("www.example.ed.jp", False, True, True),
        ("www.youtube.com", False, False, True),  # configured with a scheme and a path
        ("m.youtube.com", False, False, True),
        ("event.joetsu-kanko.net", False, False, True),  # configured with "*."
        ("www.city.example.jp", False, False, False),  # anyone owning example.jp can make this
        ("city.joetsu.niigata.jp.evil.com", False, False, False),
        ("fakecity.joetsu.niigata.jp.example.com", False, False, False),
        ("www.nhk.or.jp", False, False, False),
        ("lg.jp.example.com", False, False, False),
    ],
)
def test_domain_trust(host: str, official: bool, public: bool, trusted: bool):
    assert is_official(host, JOETSU) is official
    assert is_public_sector(host) is public
    assert is_trusted(host, JOETSU) is trusted


# --- rules through the engine ----------------------------------------------------------------------


def test_a_shortener_link_is_reported_once_as_a_shortener():
    found = categories("申込みは https://bit.ly/abc123 から")
    assert found.get(Category.SHORTENER) == ["SHR001"]
    assert Category.UNTRUSTED_LINK not in found


def test_shortener_message_names_the_service():
    (f,) = [f for f in screen(Draft(text="申込みは bit.ly/abc123 から")).findings if f.rule == "SHR001"]
    assert f.excerpt == "bit.ly/abc123"
    assert "bit.ly" in f.message
    assert f.fix == "短縮URL（bit.ly）は使わず、リンク先の正式なURLを記載してください。"


def test_youtube_share_link_fix_spells_out_the_long_form():
    (f,) = [f for f in screen(Draft(text="動画 https://youtu.be/dQw4w9WgXcQ?t=5")).findings if f.rule == "SHR002"]
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in f.fix


def test_untrusted_link_respects_settings():
    text = "観光情報は https://event.joetsu-kanko.net/summer/ をご覧ください。"
    assert Category.UNTRUSTED_LINK in categories(text)
    assert Category.UNTRUSTED_LINK not in categories(text, JOETSU)


def test_one_untrusted_finding_per_link():
    findings = [
        f for f in screen(Draft(text="https://a.example.com/x と https://b.example.net/y")).findings
        if f.category is Category.UNTRUSTED_LINK
    ]  # fmt: skip
    assert [f.excerpt for f in findings] == ["https://a.example.com/x", "https://b.example.net/y"]


@pytest.mark.parametrize(
    "text",
    [
        "「わかばの子育てナビ」（https://www.city.wakabano.lg.jp/kosodate/navi/）では空き状況を確認できます。",
        "公式SNSでは短縮URLを使用していません。リンク先が city.wakabano.lg.jp で始まるか、必ずご確認ください。",
        "移住のご相談は 電話 0467-58-2030／メール iju@town.kazahaya.lg.jp",
        "防災情報は https://www.pref.niigata.jp/site/bosai/ 、気象庁 https://www.jma.go.jp/bosai/ をご確認ください。",
        "マイナポータル（https://myna.go.jp/）から申請できます。",
        "ｗｅｂ申込みは ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｙｏｋｏｈａｍａ．ｌｇ．ｊｐ／ から",
    ],
)
def test_real_municipal_links_pass(text: str):
    found = categories(text)
    assert Category.SHORTENER not in found
    assert Category.UNTRUSTED_LINK not in found
