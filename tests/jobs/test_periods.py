"""Period keys and calendar arithmetic: the exactness that idempotency rests on."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import MonthDay
from bot.jobs.periods import (
    WorkingClock,
    fiscal_year,
    iso_week_key,
    month_bounds,
    month_key,
    months_back,
    next_month,
    previous_month,
    renewal_season,
    weekly_key,
)
from rules.calendar import working_time_between

JST = zoneinfo.ZoneInfo("Asia/Tokyo")
HOURS = (dt.time(8, 30), dt.time(17, 15))
APRIL_1 = MonthDay(4, 1)


def test_months_step_over_year_ends_and_short_months():
    assert next_month(dt.date(2026, 12, 1)) == dt.date(2027, 1, 1)
    assert next_month(dt.date(2026, 1, 31)) == dt.date(2026, 2, 1)
    assert previous_month(dt.date(2026, 1, 1)) == dt.date(2025, 12, 1)
    assert previous_month(dt.date(2026, 3, 31)) == dt.date(2026, 2, 1)
    assert months_back(dt.date(2026, 2, 14), 3) == [dt.date(2026, 2, 1), dt.date(2026, 1, 1), dt.date(2025, 12, 1)]
    assert month_key(dt.date(2026, 3, 31)) == "2026-03"


def test_month_bounds_are_local_midnights():
    start, end = month_bounds(dt.date(2026, 3, 1), JST)
    assert start == dt.datetime(2026, 3, 1, tzinfo=JST)
    assert end == dt.datetime(2026, 4, 1, tzinfo=JST)
    # 2026-03-31 23:30 JST is 14:30 UTC the same day: still March in Tokyo.
    assert start <= dt.datetime(2026, 3, 31, 14, 30, tzinfo=dt.UTC) < end


def test_weekly_keys_count_seven_day_blocks_from_the_anchor():
    anchor = dt.date(2026, 3, 20)
    assert weekly_key("2026-03", anchor, dt.date(2026, 3, 20)) == "2026-03-W1"
    assert weekly_key("2026-03", anchor, dt.date(2026, 3, 26)) == "2026-03-W1"
    assert weekly_key("2026-03", anchor, dt.date(2026, 3, 27)) == "2026-03-W2"
    with pytest.raises(ValueError):
        weekly_key("2026-03", anchor, dt.date(2026, 3, 19))


def test_iso_week_keys_use_the_iso_year():
    assert iso_week_key(dt.date(2026, 2, 2)) == "2026-W06"
    # 2027-01-01 is a Friday of ISO week 53 of 2026: the key must not collide with 2027's week 53.
    assert iso_week_key(dt.date(2027, 1, 1)) == "2026-W53"


def test_fiscal_years_start_in_april():
    assert fiscal_year(dt.date(2026, 3, 31), APRIL_1) == 2025
    assert fiscal_year(dt.date(2026, 4, 1), APRIL_1) == 2026


def test_renewal_season_before_during_and_after_the_lapse():
    def season(day: dt.date, **kw):
        return renewal_season(
            day,
            renewal_from=kw.get("renewal_from", MonthDay(2, 1)),
            pr_from=kw.get("pr_from", MonthDay(3, 15)),
            lapse_on=kw.get("lapse_on", APRIL_1),
        )

    s = season(dt.date(2026, 2, 10))
    assert (s.lapse_on, s.reminders_from, s.pr_from, s.scope) == (
        dt.date(2026, 4, 1),
        dt.date(2026, 2, 1),
        dt.date(2026, 3, 15),
        "FY2025",
    )
    assert s.ends_on == dt.date(2026, 3, 31) and s.next_cycle_ends_on == dt.date(2027, 3, 31)
    assert season(dt.date(2026, 3, 31)).lapse_on == dt.date(2026, 4, 1)
    # On the lapse day itself the next season is the one ahead.
    s = season(dt.date(2026, 4, 1))
    assert (s.lapse_on, s.scope) == (dt.date(2027, 4, 1), "FY2026")
    # A configured season that crosses New Year starts in the previous calendar year.
    s = season(dt.date(2026, 1, 5), renewal_from=MonthDay(12, 1), pr_from=MonthDay(1, 10))
    assert (s.reminders_from, s.pr_from) == (dt.date(2025, 12, 1), dt.date(2026, 1, 10))


def test_working_clock_skips_nights_weekends_holidays_and_year_end():
    clock = WorkingClock(HOURS, JST)
    # Friday 16:15 to Monday 09:30: one hour on Friday, one on Monday.
    assert (
        clock.hours_between(dt.datetime(2026, 3, 6, 16, 15, tzinfo=JST), dt.datetime(2026, 3, 9, 9, 30, tzinfo=JST))
        == 2
    )
    # Thursday 2026-03-19 16:15 to Monday 03-23 09:30: Friday the 20th is 春分の日.
    assert clock.hours_between(
        dt.datetime(2026, 3, 19, 16, 15, tzinfo=JST), dt.datetime(2026, 3, 23, 9, 30, tzinfo=JST)
    ) == pytest.approx(2)
    # 12/28 (Mon) 17:00 to 1/4 (Mon) 09:30: the closure 12/29-1/3 counts nothing.
    assert clock.hours_between(
        dt.datetime(2026, 12, 28, 17, 0, tzinfo=JST), dt.datetime(2027, 1, 4, 9, 30, tzinfo=JST)
    ) == pytest.approx(0.25 + 1)
    assert clock.hours_between(dt.datetime(2026, 3, 9, 12, tzinfo=JST), dt.datetime(2026, 3, 9, 11, tzinfo=JST)) == 0


_moments = st.datetimes(min_value=dt.datetime(2025, 12, 1), max_value=dt.datetime(2026, 6, 30)).map(
    lambda d: d.replace(tzinfo=JST)
)


@settings(max_examples=300, deadline=None)
@given(since=_moments, until=_moments)
def test_working_clock_agrees_with_rules_calendar(since: dt.datetime, until: dt.datetime):
    clock = WorkingClock(HOURS, JST)
    assert clock.between(since, until) == working_time_between(since, until, HOURS)
    # The same moments written in UTC give the same answer.
    assert clock.between(since.astimezone(dt.UTC), until.astimezone(dt.UTC)) == working_time_between(
        since, until, HOURS
    )


_seconds = _moments.map(lambda d: d.replace(microsecond=0))


@settings(max_examples=300, deadline=None)
@given(since=_seconds, until=_seconds)
def test_working_clock_on_epoch_seconds_agrees_too(since: dt.datetime, until: dt.datetime):
    clock = WorkingClock(HOURS, JST)
    expected = working_time_between(since, until, HOURS).total_seconds()
    assert clock.seconds_between_epochs(int(since.timestamp()), int(until.timestamp())) == expected


@settings(max_examples=100, deadline=None)
@given(pairs=st.lists(st.tuples(_seconds, _seconds), max_size=40))
def test_working_clock_in_bulk_agrees_with_one_by_one(pairs: list[tuple[dt.datetime, dt.datetime]]):
    clock = WorkingClock(HOURS, JST)
    since = [int(a.timestamp()) for a, _ in pairs]
    until = [int(b.timestamp()) for _, b in pairs]
    assert clock.seconds_between_epochs_many(since, until) == [
        clock.seconds_between_epochs(a, b) for a, b in zip(since, until, strict=True)
    ]
