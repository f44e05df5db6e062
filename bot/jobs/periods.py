"""Calendar arithmetic of the scheduled jobs: months, fiscal years, reminder periods, working hours.

A reminder is sent at most once per (job, entity, period). The period keys are built here so that
they are exact: two runs that should count as the same reminder get the same key, whatever the
hour they run at, and a run after downtime gets the key of what is due *now*.

- ``month_key``: ``2026-03`` (a calendar month in the organisation's time zone).
- ``weekly_key``: ``2026-03-W2``: the second 7-day block since the reminders of that scope started
  (``from the 20th, then weekly`` means the 20th-26th, the 27th-..., not calendar weeks, so the
  second reminder never follows the first after three days).
- ``iso_week_key``: ``2026-W06`` for reports that have no start date of their own (the weekly
  two-step-verification report).
- ``fiscal_year``: the Japanese fiscal year (年度) named after the year it starts in: FY2025 runs
  from 2025-04-01 to 2026-03-31 when plans lapse on 04-01.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.config import MonthDay, Schedule
from rules.calendar import is_working_day

ONE_DAY = dt.timedelta(days=1)
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


# --- Months -----------------------------------------------------------------------------------------------


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(first: dt.date) -> dt.date:
    """The first day of the month after ``first``'s month."""
    return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def previous_month(first: dt.date) -> dt.date:
    """The first day of the month before ``first``'s month."""
    return (first.replace(day=1) - ONE_DAY).replace(day=1)


def month_key(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@lru_cache(maxsize=512)
def month_bounds(first: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    """The month of ``first`` as a half-open range of aware datetimes: [start, end)."""
    start = dt.datetime.combine(month_start(first), dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(next_month(first), dt.time(0), tzinfo=tz)
    return start, end


def months_back(first: dt.date, count: int) -> list[dt.date]:
    """``first``'s month and the ``count - 1`` months before it, newest first."""
    months = [month_start(first)]
    for _ in range(count - 1):
        months.append(previous_month(months[-1]))
    return months


# --- Weeks ------------------------------------------------------------------------------------------------


def week_number(anchor: dt.date, day: dt.date) -> int:
    """1 for the 7 days from ``anchor``, 2 for the next 7, ... (``day`` must not be before ``anchor``)."""
    if day < anchor:
        raise ValueError("day before anchor")
    return (day - anchor).days // 7 + 1


def weekly_key(scope: str, anchor: dt.date, day: dt.date) -> str:
    """``{scope}-W{n}``: the n-th weekly reminder of ``scope`` since ``anchor``."""
    return f"{scope}-W{week_number(anchor, day)}"


def iso_week_key(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


# --- Fiscal years -----------------------------------------------------------------------------------------


def fiscal_year(day: dt.date, starts_on: MonthDay) -> int:
    """The fiscal year ``day`` belongs to, named after the calendar year it starts in."""
    return day.year if day >= starts_on.in_year(day.year) else day.year - 1


def next_occurrence(after: dt.date, day: MonthDay) -> dt.date:
    """The first date strictly after ``after`` that falls on ``day`` (month and day)."""
    candidate = day.in_year(after.year)
    return candidate if candidate > after else day.in_year(after.year + 1)


def last_occurrence(before: dt.date, day: MonthDay) -> dt.date:
    """The last date strictly before ``before`` that falls on ``day``."""
    candidate = day.in_year(before.year)
    return candidate if candidate < before else day.in_year(before.year - 1)


@dataclass(frozen=True, slots=True)
class RenewalSeason:
    """The plan-renewal cycle that ends at the next lapse date after a given day.

    ``lapse_on`` is the first day a plan that was not renewed is lapsed (04-01); plans renewed for
    the next cycle run at least until ``lapse_on + 1 year - 1 day``. Reminders to the manager start on
    ``reminders_from``, PR is told from ``pr_from``.
    """

    lapse_on: dt.date
    reminders_from: dt.date
    pr_from: dt.date
    fiscal_year: int  # the year whose plans are being renewed (FY2025 for a lapse on 2026-04-01)

    @property
    def scope(self) -> str:
        return f"FY{self.fiscal_year}"

    @property
    def ends_on(self) -> dt.date:
        """The last day a plan of the ending cycle is valid."""
        return self.lapse_on - ONE_DAY

    @property
    def next_cycle_ends_on(self) -> dt.date:
        """Where a renewal made in this season should run to (one more fiscal year)."""
        return self.lapse_on.replace(year=self.lapse_on.year + 1) - ONE_DAY


def renewal_season(today: dt.date, *, renewal_from: MonthDay, pr_from: MonthDay, lapse_on: MonthDay) -> RenewalSeason:
    """The season whose lapse date is the first one after ``today`` (on the lapse day itself, the next one)."""
    lapse = next_occurrence(today, lapse_on)
    return RenewalSeason(
        lapse_on=lapse,
        reminders_from=last_occurrence(lapse, renewal_from),
        pr_from=last_occurrence(lapse, pr_from),
        fiscal_year=fiscal_year(lapse - ONE_DAY, lapse_on),
    )


def plan_season(schedule: Schedule, today: dt.date) -> RenewalSeason:
    """The renewal season of ``today`` under the configuration's dates."""
    return renewal_season(
        today,
        renewal_from=schedule.plan_renewal_from,
        pr_from=schedule.plan_renewal_pr_from,
        lapse_on=schedule.plan_lapse_on,
    )


# --- Working time -----------------------------------------------------------------------------------------


def _micros(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


@dataclass
class WorkingClock:
    """Working time between two moments, for thousands of pairs per run.

    Gives exactly what ``rules.calendar.working_time_between`` gives (a test checks it on random
    pairs) but asks ``is_working_day`` once per date instead of once per date per pair, and counts in
    integer microseconds of the day instead of building datetimes: the monthly report measures the
    approval lead time of every post of the month (tens of thousands of pairs).
    """

    working_hours: tuple[dt.time, dt.time]
    tz: dt.tzinfo
    _days: dict[dt.date, bool] = field(default_factory=dict, repr=False)
    _offsets: dict[int, int] = field(default_factory=dict, repr=False)
    _day_numbers: dict[int, bool] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._open = _micros(self.working_hours[0])
        self._close = _micros(self.working_hours[1])

    def is_working_day(self, day: dt.date) -> bool:
        known = self._days.get(day)
        if known is None:
            known = self._days[day] = is_working_day(day)
        return known

    def _micros_on(self, day: dt.date, lo: int, hi: int) -> int:
        """Working microseconds of ``day`` between two times of day (in microseconds since midnight)."""
        if not self.is_working_day(day):
            return 0
        return max(0, min(hi, self._close) - max(lo, self._open))

    def between(self, since: dt.datetime, until: dt.datetime) -> dt.timedelta:
        if until <= since:
            return dt.timedelta(0)
        a = since.astimezone(self.tz)
        b = until.astimezone(self.tz)
        day_a, day_b = a.date(), b.date()
        time_a, time_b = _micros(a.timetz()), _micros(b.timetz())
        if day_a == day_b:
            return dt.timedelta(microseconds=self._micros_on(day_a, time_a, time_b))
        total = self._micros_on(day_a, time_a, self._close) + self._micros_on(day_b, self._open, time_b)
        day = day_a + ONE_DAY
        while day < day_b:
            if self.is_working_day(day):
                total += self._close - self._open
            day += ONE_DAY
        return dt.timedelta(microseconds=total)

    def hours_between(self, since: dt.datetime, until: dt.datetime) -> float:
        return self.between(since, until).total_seconds() / 3600

    # --- The same on epoch seconds, for bulk use -----------------------------------------------------------
    # Whole seconds read straight from the database (no datetime built per row): what the monthly report
    # needs for tens of thousands of approval lead times.

    def _offset(self, ts: int) -> int:
        """The time zone's offset at ``ts``; looked up once per quarter hour (offsets change on one)."""
        bucket = ts // 900
        offset = self._offsets.get(bucket)
        if offset is None:
            utcoffset = dt.datetime.fromtimestamp(bucket * 900, self.tz).utcoffset() or dt.timedelta(0)
            offset = self._offsets[bucket] = int(utcoffset.total_seconds())
        return offset

    def _working_day_number(self, day_number: int) -> bool:
        """Whether the day ``day_number`` days after 1970-01-01 is a working day."""
        known = self._day_numbers.get(day_number)
        if known is None:
            known = self._day_numbers[day_number] = self.is_working_day(
                dt.date.fromordinal(_EPOCH_ORDINAL + day_number)
            )
        return known

    def seconds_between_epochs_many(self, since: Sequence[int], until: Sequence[int]) -> list[int]:
        """``seconds_between_epochs`` for many pairs at once, with numpy (a test checks they agree).

        numpy comes with matplotlib, which the monthly report needs anyway; it is imported here so that
        nothing else pays for it.
        """
        import numpy as np

        a = np.asarray(since, dtype=np.int64)
        b = np.asarray(until, dtype=np.int64)
        if a.size == 0:
            return []
        buckets, inverse = np.unique(np.concatenate([a, b]) // 900, return_inverse=True)
        offsets = np.array([self._offset(int(bucket) * 900) for bucket in buckets], dtype=np.int64)[inverse]
        day_a, time_a = np.divmod(a + offsets[: a.size], 86_400)
        day_b, time_b = np.divmod(b + offsets[a.size :], 86_400)
        first = int(min(day_a.min(), day_b.min()))
        last = int(max(day_a.max(), day_b.max()))
        working = np.array([self._working_day_number(d) for d in range(first, last + 1)], dtype=np.int64)
        # before[i]: working days before day first + i, so working days strictly between x and y are
        # before[y - first] - before[x + 1 - first].
        before = np.concatenate([[0], np.cumsum(working)])
        open_s, close_s = self._open // 1_000_000, self._close // 1_000_000
        on_a, on_b = working[day_a - first], working[day_b - first]
        same_day = on_a * np.clip(np.minimum(time_b, close_s) - np.maximum(time_a, open_s), 0, None)
        first_day = on_a * np.clip(close_s - np.maximum(time_a, open_s), 0, None)
        last_day = on_b * np.clip(np.minimum(time_b, close_s) - open_s, 0, None)
        middle_index = np.minimum(day_a + 1, day_b) - first
        middle = (before[day_b - first] - before[middle_index]) * (close_s - open_s)
        total = np.where(day_a == day_b, same_day, first_day + last_day + middle)
        return np.where(b <= a, 0, total).tolist()

    def seconds_between_epochs(self, since: int, until: int) -> int:
        """Working seconds between two POSIX timestamps (whole seconds)."""
        if until <= since:
            return 0
        day_a, time_a = divmod(since + self._offset(since), 86_400)
        day_b, time_b = divmod(until + self._offset(until), 86_400)
        open_s, close_s = self._open // 1_000_000, self._close // 1_000_000
        if day_a == day_b:
            return max(0, min(time_b, close_s) - max(time_a, open_s)) if self._working_day_number(day_a) else 0
        total = max(0, close_s - max(time_a, open_s)) if self._working_day_number(day_a) else 0
        total += max(0, min(time_b, close_s) - open_s) if self._working_day_number(day_b) else 0
        for day in range(day_a + 1, day_b):
            if self._working_day_number(day):
                total += close_s - open_s
        return total
