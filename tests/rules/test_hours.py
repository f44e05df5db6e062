"""Hours: posts scheduled outside working hours that are not disaster or event information."""

from __future__ import annotations

import datetime as dt

import pytest

from rules import Category, Draft, Settings, screen


def hours(text: str, at: str | None, settings: Settings | None = None) -> list:
    draft = Draft(text=text, at=dt.datetime.fromisoformat(at) if at else None)
    return [f for f in screen(draft, settings).findings if f.category is Category.HOURS]


ORDINARY = "市報1月号を発行しました。図書館の新着図書もご紹介しています。"


@pytest.mark.parametrize(
    ("at", "reason"),
    [
        ("2026-01-10T10:00:00+09:00", "土曜日のため"),
        ("2026-01-11T10:00:00+09:00", "日曜日のため"),
        ("2026-01-12T10:00:00+09:00", "祝日（成人の日）のため"),
        ("2026-12-29T10:00:00+09:00", "年末年始の閉庁日（12月29日〜1月3日）のため"),
        ("2026-01-06T07:59:00+09:00", "始業（8:30）前のため"),
        ("2026-01-06T19:00:00+09:00", "終業（17:15）後のため"),
        ("2026-01-06T12:00:00+00:00", "終業（17:15）後のため"),  # 21:00 in Japan
    ],
)
def test_ordinary_posts_outside_working_hours_warn(at: str, reason: str):
    (f,) = hours(ORDINARY, at)
    assert f.rule == "HRS001"
    assert reason in f.message
    assert f.excerpt == ORDINARY  # the first line of the draft
    assert "次の就業時間は" in f.fix


def test_message_names_the_local_time_and_the_next_working_time():
    (f,) = hours(ORDINARY, "2026-01-09T18:30:00+09:00")
    assert f.message == "投稿予定日時（2026年1月9日（金）18:30）は終業（17:15）後のため、就業時間外です。"
    assert "2026年1月13日（火）8:30" in f.fix  # Monday the 12th is 成人の日


@pytest.mark.parametrize(
    "at", ["2026-01-06T08:30:00+09:00", "2026-01-06T12:00:00+09:00", "2026-01-06T17:15:00+09:00", None]
)
def test_working_hours_and_unscheduled_drafts_pass(at: str | None):
    assert hours(ORDINARY, at) == []


def test_settings_working_hours_and_timezone():
    early = Settings(working_hours=(dt.time(7, 0), dt.time(15, 0)))
    assert hours(ORDINARY, "2026-01-06T07:30:00+09:00", early) == []
    assert hours(ORDINARY, "2026-01-06T16:00:00+09:00", early)


@pytest.mark.parametrize(
    "text",
    [
        "【避難指示】千歳川の水位が上昇しています。直ちに避難してください。",
        "大雨警報が発表されました。今後の情報に注意してください。",
        "震度4の地震がありました。市内の被害状況を確認中です。",
        "台風10号の接近に伴い、本日18時に避難所を開設しました。",
        "市内全域で停電が発生しています。復旧の見込みは未定です。",
        "国道8号は土砂崩れのため通行止めです。",
        "明日の夏まつりは予定どおり開催します！",
        "花火大会は雨天のため延期します。",
        "本日の市民マラソン大会は中止となりました。",
        "本日、中央公民館で健康講座を開催しています。",
        "紅葉が見頃を迎えました。",
        "クマの出没情報がありました。外出時はご注意ください。",
        "熱中症警戒アラートが発表されています。",
    ],
)
def test_disaster_and_event_information_may_go_out_at_any_hour(text: str):
    assert hours(text, "2026-01-10T22:00:00+09:00") == []


@pytest.mark.parametrize(
    "text",
    [
        "マイナンバーカードの申請はお早めにお済ませください。",
        "確定申告の時期が近づいてきました。必要書類をご準備ください。",
        "ごみの分別にご協力をお願いします。",
        "市役所の窓口案内をリニューアルしました。",
        "大会議室の予約はオンラインでできます。",  # 大会 inside 大会議室 is not an event
    ],
)
def test_ordinary_notices_are_not_exempt(text: str):
    assert hours(text, "2026-01-10T22:00:00+09:00")
