"""Accuracy: weekdays, 和暦/西暦, impossible dates and times, era ranges, holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from rules import Category, Draft, Engine, screen
from rules.detectors.accuracy import AT, wareki
from rules.engine import Context
from rules.registry import REGISTRY
from rules.text import Analysis


def findings(text: str, at: str = AT) -> list:
    """Every accuracy finding for a draft planned at ``at`` (the rules' own examples' day by default)."""
    report = screen(Draft(text=text, at=dt.datetime.fromisoformat(at)))
    return [f for f in report.findings if f.category is Category.ACCURACY]


def accuracy(text: str, at: str = AT) -> list[tuple[str, str, str]]:
    """(rule, excerpt, message) of every accuracy finding."""
    return [(f.rule, f.excerpt, f.message) for f in findings(text, at)]


def only(text: str, at: str = AT) -> tuple[str, str, str]:
    """The draft's one accuracy finding."""
    (found,) = accuracy(text, at)
    return found


# --- weekdays ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt", "message_start"),
    [
        ("海開きは7月4日（日）です", "7月4日（日）", "2026年7月4日は日曜日ではなく土曜日です。"),
        ("受付は4月11日(日)", "4月11日(日)", "2026年4月11日は日曜日ではなく土曜日です。"),
        ("４月１１日（日曜日）に", "４月１１日（日曜日）", "2026年4月11日"),
        ("四月十一日（日）", "四月十一日（日）", "2026年4月11日"),
        ("5月4日（火・祝）", "5月4日（火・祝）", "2026年5月4日は火曜日ではなく月曜日です。"),
        ("4月11日（土）から19日（土）まで", "19日（土）", "2026年4月19日は土曜日ではなく日曜日です。"),
        ("2027年1月10日（土）", "2027年1月10日（土）", "2027年1月10日は土曜日"),
        ("4/12(土)開催", "4/12(土)", "2026年4月12日は土曜日ではなく日曜日です。"),
        ("R8.4.12(土)", "R8.4.12(土)", "2026年4月12日"),
        ("4月12日 土曜日に", "4月12日 土曜日", "2026年4月12日は土曜日ではなく日曜日です。"),
    ],
)
def test_wrong_weekdays(text: str, excerpt: str, message_start: str):
    rule, found_excerpt, message = only(text)
    assert (rule, found_excerpt) == ("ACC001", excerpt)
    assert message.startswith(message_start)


@pytest.mark.parametrize(
    ("text", "at", "message_start"),
    [
        # A November post about January means next January.
        ("1月10日（土）", "2026-11-20T10:00:00+09:00", "2027年1月10日は土曜日ではなく日曜日です。"),
        # A range that runs over the new year keeps counting from the year it started in.
        ("2026年12月28日（月）から1月4日（日）まで", "2026-06-01T10:00:00+09:00", "2027年1月4日"),
    ],
)
def test_the_year_is_read_from_the_posting_date(text: str, at: str, message_start: str):
    rule, _, message = only(text, at)
    assert rule == "ACC001"
    assert message.startswith(message_start)


def test_inferred_year_is_explained():
    assert only("花火大会は8月15日（金）です")[2] == (
        "2026年8月15日は金曜日ではなく土曜日です。"
        "（年の記載がないため、投稿予定日をもとに2026年の日付として確認しました。）"
    )


@pytest.mark.parametrize(
    "text",
    [
        "12月20日（土）に開いた餅つき大会の様子です",  # last December
        "11月21日（土）と22日（日）",  # 2026's weekdays
        "11月21日（金）の様子です",  # 2025's weekday: also possible
        "令和8年度の集合注射は、4月11日（土）から19日（日）まで",
        "令和8年度の確定申告は2月16日（火）から",  # 年度: February of 2027
        "5月4日（月・祝）〜6日（水・休）はお休みです。5月7日（木）に回収します",
        "4/11(土)・4/12(日)に開催",
        "受付は4月28日（火）〜5日（火）です",  # runs into May
        "ごみ収集は月・木曜日です。第2土曜日はお休み",  # no dates at all
        "1日（月）から3日（水）は休館します",  # no month: not checked
        "4月11日・12日（土・日）",  # two weekdays for two dates: not read
    ],
)
def test_correct_or_unreadable_weekdays_pass(text: str):
    assert accuracy(text) == []


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ("1月10日（日）に出初式を行います", "2026-11-20T10:00:00+09:00"),  # next January
        ("年末年始（12月29日〜1月3日）は休館します", "2026-12-01T10:00:00+09:00"),
    ],
)
def test_correct_weekdays_pass_relative_to_the_posting_date(text: str, at: str):
    assert accuracy(text, at) == []


# --- 和暦 and 西暦 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("令和8年度（2027年度）から導入します", "令和8年度（2027年度）"),
        ("令和8年（2027年）4月1日施行", "令和8年（2027年）"),
        ("2026年（令和7年）の人口", "2026年（令和7年）"),
        ("平成31(2018)年", "平成31(2018)年"),
        ("2026年度（R7年度）予算", "2026年度（R7年度）"),
        ("令和八年（二〇二七年）", "令和八年（二〇二七年）"),
    ],
)
def test_era_and_western_years_that_disagree(text: str, excerpt: str):
    assert [(r, e) for r, e, _ in accuracy(text)] == [("ACC002", excerpt)]


def test_fiscal_year_message():
    assert only("令和8年度（2027年度）から")[2] == "令和8年度は西暦2026年度にあたり、併記の2027年度と一致しません。"


@pytest.mark.parametrize(
    "text",
    ["令和8年度（2026年度）", "2019年（令和元年）", "2019年（平成31年）", "1989年（昭和64年）", "1989年（平成元年）",
     "2026（令和8）年", "昭和30年（1955年）"],
)  # fmt: skip
def test_agreeing_years_pass(text: str):
    assert accuracy(text) == []


def test_wareki():
    assert wareki(dt.date(2019, 4, 30)) == "平成31年"
    assert wareki(dt.date(2019, 5, 1)) == "令和元年"
    assert wareki(dt.date(1989, 1, 7)) == "昭和64年"
    assert wareki(dt.date(2026, 1, 5)) == "令和8年"


# --- impossible dates and times ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("受付は4月31日（金）まで", "4月31日"),
        ("2月30日に", "2月30日"),
        ("6月31日", "6月31日"),
        ("申込期限は2027年2月29日です", "2027年2月29日"),
        ("13月", "13月"),
        ("0月", "0月"),
        ("25時に集合", "25時"),
        ("10時75分", "10時75分"),
        ("10 時 75 分", "10 時 75 分"),  # spaces between the number and its unit
        ("午後13時開演", "午後13時"),
        ("受付 9:00〜16:75", "9:00〜16:75"),
        ("4月28日から31日まで", "31日"),  # a day chained to a full date keeps its month
        # Day 0 used to stop the whole screening with a ValueError.
        ("4月0日に", "4月0日"),
        ("申込は2026年4月0日（土）まで", "2026年4月0日"),
        ("令和元年度4月0日", "令和元年度4月0日"),
        ("4/0(土)", "4/0"),
        # A numeric date used to be checked only when 月 stood somewhere else in the text.
        ("受付は4/31(金)まで", "4/31"),
        ("今月の受付は4/31(金)まで", "4/31"),
        ("R8.4.31(金)", "R8.4.31"),
    ],
)
def test_impossible_dates_and_times(text: str, excerpt: str):
    assert [(r, e) for r, e, _ in accuracy(text)] == [("ACC003", excerpt)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4月0日に", "4月0日は存在しない日付です（4月は30日までです）。"),
        # A day 0 chained to a range stays in the range's month (it used to read as 5月0日).
        ("4月1日から0日", "4月0日は存在しない日付です（4月は30日までです）。"),
        ("2026/2/29(日)", "2026年2月29日は存在しません（2026年はうるう年ではありません）。"),
    ],
)
def test_impossible_date_messages(text: str, message: str):
    rule, _, found = only(text)
    assert (rule, found) == ("ACC003", message)


@pytest.mark.parametrize(
    "text",
    [
        "2028年2月29日",  # leap year
        "24時間営業",
        "48時間以内に",
        "一時停止",
        "午後1時から午後12時まで",
        "開館時間 9:30〜17:00",
        "画面比率16:9",
        "13か月分の記録",
        "第13回大会",
        "時速60km",
        "2時間30分",
        "同時に",
        "7時から24時まで",
        "100時",  # no clock reads a three-digit hour
        "https://www.city.example.lg.jp/a.b/ 受付 9:00〜17:00",
    ],
)
def test_possible_dates_and_times_pass(text: str):
    assert [r for r, _, _ in accuracy(text) if r == "ACC003"] == []


def test_february_29_depends_on_the_candidate_years():
    # Posted in 2027: the window holds 2028, a leap year.
    assert accuracy("2月29日に", "2027-06-01T10:00:00+09:00") == []
    # Posted in January 2026: only 2026 is in the window.
    assert [r for r, _, _ in accuracy("2月29日に")] == ["ACC003"]


# --- era ranges ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "advice_part"),
    [
        ("平成32年度までの計画", "令和2年度（2020年度）"),
        ("平成33年", "令和3年（2021年）"),
        ("令和元年4月に開館", "平成31年4月（2019年4月）"),
        ("平成31年5月", "令和元年5月（2019年5月）"),
        ("昭和64年1月8日", "平成元年1月8日（1989年1月8日）"),
        ("令和0年", "年の数字"),
    ],
)
def test_era_years_that_do_not_exist(text: str, advice_part: str):
    (f,) = [f for f in findings(text) if f.rule == "ACC004"]
    assert advice_part in f.fix


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("令和元年4月に開館", "令和は2019年5月1日からのため、令和元年4月は存在しません。"),
        ("平成32年度までの計画", "平成は31年（2019年）4月30日までのため、平成32年度は存在しません。"),
        ("昭和64年1月8日", "昭和は1989年1月7日までのため、昭和64年1月8日は存在しません。"),
    ],
)
def test_era_range_messages(text: str, message: str):
    assert only(text)[::2] == ("ACC004", message)


@pytest.mark.parametrize(
    "text", ["令和元年5月1日", "平成31年4月30日", "平成31年度", "令和元年度", "令和30年度の目標", "昭和64年1月7日"]
)
def test_existing_era_years_pass(text: str):
    assert accuracy(text) == []


# --- holidays -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("敬老の日（9月15日）", "2026年の敬老の日は9月21日（月）です。9月15日ではありません。"),
        ("2026年10月13日はスポーツの日です", "2026年のスポーツの日は10月12日（月）です。10月13日ではありません。"),
        ("天皇誕生日（12月23日）は休館", "2025年の天皇誕生日は2月23日（日）です。12月23日ではありません。"),
        ("5月7日（木・祝）", "2026年5月7日は祝日ではありません。"),
        ("5/7(木・祝)", "2026年5月7日は祝日ではありません。"),  # a numeric date's mark too
    ],
)
def test_holidays_on_the_wrong_date(text: str, problem: str):
    assert [(r, m) for r, _, m in accuracy(text)] == [("ACC005", problem)]


@pytest.mark.parametrize(
    "text",
    ["9月21日（月・祝）の敬老の日", "9月20日は敬老の日の前日です", "こどもの日（5月5日）", "5月6日（水・祝）",
     "敬老の日にちなみ、9月15日から作品展", "11月3日（文化の日）は無料開館", "2月11日（水・祝）建国記念の日"],
)  # fmt: skip
def test_holidays_on_the_right_date_pass(text: str):
    assert accuracy(text) == []


# --- the posting date ------------------------------------------------------------------------------------------


def test_a_draft_read_again_for_another_posting_date_is_read_again():
    # The rules share one reading of a draft, kept with its analysis; the years of its dates depend
    # on the posting date, so a second context with another date must not reuse the first's years.
    engine = Engine()
    analysis = Analysis("1月10日（土）")
    rule = REGISTRY.get("ACC001")

    def messages(at: str) -> list[str]:
        draft = Draft(text=analysis.original, at=dt.datetime.fromisoformat(at))
        ctx = Context(draft=draft, settings=engine.settings, analysis=analysis, lex=engine.lex)
        return [h.detail["date"] for h in rule.detect(ctx)]

    assert messages("2026-01-05T10:00:00+09:00") == []  # 2026-01-10 is a Saturday
    assert messages("2026-11-20T10:00:00+09:00") == ["2027年1月10日"]  # next January: a Sunday


# --- real posts ------------------------------------------------------------------------------------------------

CLEAN = [
    ("2025-12-20T10:00:00+09:00", "【年末年始の閉庁】12月29日（月）から1月3日（土）まで、市役所は閉庁します。"),
    ("2026-03-02T10:00:00+09:00", "3月8日（日）午前9時から、市内一斉清掃を実施します。"),
    ("2026-04-01T09:00:00+09:00", "令和8年度が始まりました。4月1日（水）から新しい組織体制となります。"),
    ("2026-10-01T10:00:00+09:00", "10月12日（月・祝）スポーツの日に、市民スポーツフェスティバルを開催します。"),
    ("2026-11-02T10:00:00+09:00", "11月3日（火・祝）文化の日は、博物館を無料開館します。開館時間は9:00～17:00です。"),
    (
        "2026-12-01T10:00:00+09:00",
        "令和9年1月11日（月・祝）に二十歳のつどいを開催します。対象は平成18年4月2日から平成19年4月1日生まれの方です。",
    ),
    ("2026-01-20T10:00:00+09:00", "期日前投票は1/26(月)～1/31(土)、市役所1階で。投票時間は午前7時から午後8時まで。"),
    (
        "2026-03-25T10:00:00+09:00",
        "2026年度（令和8年度）の保育園入園申込は終了しました。平成31年4月に開館した交流センターです。",
    ),
    ("2026-02-10T10:00:00+09:00", "受付時間 8時30分～17時15分（土・日・祝日、12月29日～1月3日を除く）"),
    ("2026-08-20T10:00:00+09:00", "9月22日（火・休）は国民の休日のため、ごみ収集はお休みです。"),
    (
        "2026-02-10T10:00:00+09:00",
        "令和７年度　第２回　総合教育会議を２月１３日（金）に開催します。日時：令和8年3月1日（日曜日）午後1時30分～",
    ),
]


@pytest.mark.parametrize(("at", "text"), CLEAN)
def test_real_posts_pass(at: str, text: str):
    assert accuracy(text, at) == []
