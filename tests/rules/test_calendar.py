"""Working days and hours of a municipal office (rules/calendar.py)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from rules.calendar import (
    closure_reason,
    is_working_day,
    is_working_time,
    next_working_time,
    working_time_between,
    year_holidays,
)

JST = zoneinfo.ZoneInfo("Asia/Tokyo")
HOURS = (dt.time(8, 30), dt.time(17, 15))


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=JST)


@pytest.mark.parametrize(
    ("day", "working", "reason"),
    [
        ("2026-01-05", True, None),  # first working day after the year-end closure
        ("2026-01-06", True, None),
        ("2026-01-10", False, "土曜日"),
        ("2026-01-11", False, "日曜日"),
        ("2026-01-12", False, "祝日（成人の日）"),  # second Monday of January
        ("2026-05-06", False, "祝日（憲法記念日 振替休日）"),  # 5/3 fell on a Sunday
        ("2026-09-22", False, "祝日（国民の休日）"),  # between 敬老の日 and 秋分の日
        ("2026-12-28", True, None),
        ("2026-12-29", False, "年末年始の閉庁日（12月29日〜1月3日）"),
        ("2026-12-31", False, "年末年始の閉庁日（12月29日〜1月3日）"),
        ("2027-01-01", False, "年末年始の閉庁日（12月29日〜1月3日）"),  # also 元日: the closure is named
        ("2027-01-03", False, "年末年始の閉庁日（12月29日〜1月3日）"),
        ("2027-01-04", True, None),
    ],
)
def test_working_days(day: str, working: bool, reason: str | None):
    d = dt.date.fromisoformat(day)
    assert is_working_day(d) is working
    assert closure_reason(d) == reason


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-01-06T08:29", False),
        ("2026-01-06T08:30", True),  # both ends of the working hours are inside
        ("2026-01-06T12:00", True),
        ("2026-01-06T17:15", True),
        ("2026-01-06T17:16", False),
        ("2026-01-10T10:00", False),  # Saturday
        ("2026-12-29T10:00", False),
    ],
)
def test_working_time(moment: str, expected: bool):
    assert is_working_time(at(moment), HOURS) is expected


def test_working_time_reads_the_wall_clock_of_naive_datetimes_too():
    assert is_working_time(dt.datetime(2026, 1, 6, 9, 0), HOURS)
    assert not is_working_time(dt.datetime(2026, 1, 6, 18, 0), HOURS)


def test_custom_working_hours():
    early = (dt.time(7, 0), dt.time(15, 0))
    assert is_working_time(at("2026-01-06T07:30"), early)
    assert not is_working_time(at("2026-01-06T16:00"), early)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-01-06T10:00", "2026-01-06T10:00"),  # already working time
        ("2026-01-06T07:00", "2026-01-06T08:30"),  # before opening on a working day
        ("2026-01-06T20:00", "2026-01-07T08:30"),  # after closing
        ("2026-01-09T18:00", "2026-01-13T08:30"),  # Friday evening -> Tuesday (Monday is 成人の日)
        ("2026-12-28T18:00", "2027-01-04T08:30"),  # over the year-end closure
    ],
)
def test_next_working_time(moment: str, expected: str):
    assert next_working_time(at(moment), HOURS) == at(expected)


def test_working_time_between_skips_nights_weekends_and_holidays():
    # Friday 16:15 -> Tuesday 9:30: one hour on Friday, one hour on Tuesday (Monday is a holiday).
    assert working_time_between(at("2026-01-09T16:15"), at("2026-01-13T09:30"), HOURS) == dt.timedelta(hours=2)
    # A whole working day is 8 h 45 min.
    assert working_time_between(at("2026-01-06T00:00"), at("2026-01-07T00:00"), HOURS) == dt.timedelta(
        hours=8, minutes=45
    )
    assert working_time_between(at("2026-01-07T00:00"), at("2026-01-06T00:00"), HOURS) == dt.timedelta(0)


def test_year_holidays_are_cached_and_named():
    holidays = dict(year_holidays(2026))
    assert holidays[dt.date(2026, 9, 21)] == "敬老の日"
    assert holidays[dt.date(2026, 2, 23)] == "天皇誕生日"
    assert year_holidays(2026) is year_holidays(2026)
