"""Working days and working hours of a Japanese municipal office.

Shared by the ``hours`` rule and the scheduled jobs (reminders only on working days between the
working hours, "an approval reminder after 8 working hours"). A day is a working day when it is
a weekday, not a national holiday (jpholiday: 振替休日 and 国民の休日 included) and not in the
year-end closure 12/29-1/3, which municipal offices close under 地方自治法 4条の2 and their
休日条例 although the days are not national holidays.

Times are read on their own wall clock: pass datetimes already converted to the office's
timezone (``Context.reference_time`` is).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

WEEKDAY_NAMES = ("月", "火", "水", "木", "金", "土", "日")


def is_year_end_closure(day: dt.date) -> bool:
    """12/29-1/3: the closure every municipal 休日条例 sets on top of the national holidays."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def _jpholiday():
    # Imported on first use: it is only needed once a date has to be checked.
    import jpholiday

    return jpholiday


def holiday_name(day: dt.date) -> str | None:
    """The national holiday's name (e.g. 敬老の日, 振替休日), or None."""
    return _jpholiday().is_holiday_name(day)


@lru_cache(maxsize=64)
def year_holidays(year: int) -> tuple[tuple[dt.date, str], ...]:
    """Every national holiday of a year with its name; cached because jpholiday recomputes them."""
    return tuple(_jpholiday().year_holidays(year))


def closure_reason(day: dt.date) -> str | None:
    """Why the office is closed that day, in Japanese for messages, or None on a working day."""
    if is_year_end_closure(day):
        return "年末年始の閉庁日（12月29日〜1月3日）"
    name = holiday_name(day)
    if name:
        return f"祝日（{name}）"
    if day.weekday() == 5:
        return "土曜日"
    if day.weekday() == 6:
        return "日曜日"
    return None


def is_working_day(day: dt.date) -> bool:
    return closure_reason(day) is None


def is_working_time(moment: dt.datetime, working_hours: tuple[dt.time, dt.time]) -> bool:
    """True on a working day between the start and the end of the working hours (both included)."""
    start, end = working_hours
    return is_working_day(moment.date()) and start <= moment.time().replace(tzinfo=None) <= end


def next_working_time(moment: dt.datetime, working_hours: tuple[dt.time, dt.time]) -> dt.datetime:
    """The moment itself if it is working time, else the start of the next working period."""
    if is_working_time(moment, working_hours):
        return moment
    start, _ = working_hours
    day = moment.date()
    if moment.time().replace(tzinfo=None) < start and is_working_day(day):
        return moment.replace(hour=start.hour, minute=start.minute, second=0, microsecond=0)
    day += dt.timedelta(days=1)
    # The longest run of closed days (year end plus a weekend and holidays) is well under 30 days.
    for _ in range(30):
        if is_working_day(day):
            return dt.datetime.combine(day, start, tzinfo=moment.tzinfo)
        day += dt.timedelta(days=1)
    raise ValueError("no working day within 30 days")  # unreachable with Japanese calendars


def working_time_between(
    since: dt.datetime, until: dt.datetime, working_hours: tuple[dt.time, dt.time]
) -> dt.timedelta:
    """How much working time lies between two moments (zero if ``until`` is not after ``since``)."""
    if until <= since:
        return dt.timedelta(0)
    start, end = working_hours
    total = dt.timedelta(0)
    day = since.date()
    while day <= until.date():
        if is_working_day(day):
            open_at = dt.datetime.combine(day, start, tzinfo=since.tzinfo)
            close_at = dt.datetime.combine(day, end, tzinfo=since.tzinfo)
            lo = max(open_at, since)
            hi = min(close_at, until)
            if hi > lo:
                total += hi - lo
        day += dt.timedelta(days=1)
    return total
