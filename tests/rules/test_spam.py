"""Spam: the same or nearly the same content as a recent post of the account."""

from __future__ import annotations

import pytest

from rules import Category, Draft, screen

NOTICE = (
    "【健康相談】1月15日（木）10時から12時まで、中央公民館で保健師による健康相談を行います。"
    "血圧測定もできます。予約は不要です。お気軽にお越しください。"
)
FESTIVAL = "もみじ祭りは11月21日（土）に紅葉坂公園で開催します。夜は竹灯籠がともります。ぜひお越しください。"
OTHER = ["図書館は12月28日から1月4日まで休館します。", "市報1月号を発行しました。", "献血にご協力ください。"]


def spam(text: str, recent: list[str]) -> list:
    report = screen(Draft(text=text, recent_posts=tuple(recent)))
    return [f for f in report.findings if f.category is Category.SPAM]


@pytest.mark.parametrize(
    ("draft", "note"),
    [
        (NOTICE, "identical"),
        (NOTICE.replace("。", "！") + " 🩺✨", "punctuation and emoji"),
        (NOTICE.replace("ください", "下さい"), "okurigana"),
        (NOTICE.replace("中央公民館で", "中央公民館で、") + "\n#若葉野市 #健康", "spacing and hashtags"),
        (NOTICE.replace("お気軽にお越し", "気軽にお越し"), "a polite prefix"),
    ],
)
def test_copies_of_a_recent_post_warn(draft: str, note: str):
    (f,) = spam(draft, [*OTHER, NOTICE])
    assert f.rule == "SPM001"
    assert "4件前の投稿" in f.message


def test_message_for_the_last_post():
    (f,) = spam(NOTICE, [NOTICE, *OTHER])
    assert f.message == "直前の投稿と同じ内容です。同じ内容を繰り返し投稿することは、スパム行為にあたります。"


def test_tracking_parameters_do_not_make_a_link_new():
    base = "献血にご協力ください。予約はこちら https://www.city.wakabano.lg.jp/kenketsu/"
    assert spam(base + "?utm_source=x&utm_medium=social", [base + "?utm_source=facebook"])
    # ...but another page is another notice.
    assert spam(base + "yoyaku/", [base]) == []


@pytest.mark.parametrize(
    ("draft", "note"),
    [
        (NOTICE.replace("1月15日（木）", "2月19日（木）"), "another date"),
        (NOTICE.replace("10時から12時", "13時から15時"), "another time"),
        (NOTICE.replace("中央公民館", "北部公民館"), "another place"),
        (NOTICE.replace("保健師", "管理栄養士"), "another speaker"),
        (NOTICE.replace("予約は不要です", "予約が必要です"), "changed conditions"),
    ],
)
def test_updated_notices_pass(draft: str, note: str):
    assert spam(draft, [NOTICE, *OTHER]) == []


def test_one_reminder_passes_but_not_a_third_copy():
    reminder = "【本日開催】" + FESTIVAL
    assert spam(reminder, [FESTIVAL]) == []
    assert spam("【いよいよ明日】" + FESTIVAL, [FESTIVAL]) == []
    (f,) = spam("【再掲】" + FESTIVAL, ["【締め切り間近】" + FESTIVAL, FESTIVAL])
    assert "同じ内容の投稿が、直近にすでに2件あります。" in f.message
    # A reminder repeated word for word is a copy.
    assert spam(reminder, [reminder])


def test_unrelated_and_short_posts_pass():
    assert spam(NOTICE, OTHER) == []
    assert spam("おはようございます。", ["こんにちは。"]) == []
    assert spam(NOTICE, []) == []


def test_only_recent_posts_count():
    assert spam(NOTICE, [*(["市報を発行しました。"] * 50), NOTICE]) == []
