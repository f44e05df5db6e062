"""Accuracy: slips a machine can check (towada 3(6) and every 「正確に記述」 clause).

Five rules, all read on the digits view of the draft (kanji numerals as digits, full-width folded):

- ACC001 a weekday that does not match its date: ``4月11日（日）``, ``(Sun)``, ``（土曜日）``,
  ``（月・祝）``, ranges ``4月11日（土）から19日（日）`` (the month carries over);
- ACC002 和暦 and 西暦 that disagree: ``令和8年（2027年）``, ``2026年（令和7年）``, ``令和8(2027)年度``;
- ACC003 impossible dates and times: ``4月31日``, ``2月29日`` in a common year, ``13月``, ``25時``,
  ``10時75分``, ``午後13時``;
- ACC004 an era year that did not exist: ``平成32年``, ``令和元年4月`` (令和 began on 1 May 2019);
- ACC005 holidays: a national holiday named on the wrong date (``敬老の日（9月15日）`` in 2026) or
  ``（祝）`` on a day that is not one.

Which year a date without one means. An explicit year written with the date (``2027年1月10日``,
``令和9年（2027年）1月10日``) is the year, strictly. Otherwise the date is read relative to the
planned posting date (``ctx.reference_time``): municipal posts announce what is coming far more
often than they report what is past, so the candidates are the dates from 3 months before to 11
months after the posting date (a January post about 12月 means last December, a November post
about 1月 means next January, a January post about 8月 means this August). Where that window
holds two candidates (a January post about late November), the weekday is accepted if it fits
either: a rule that may be wrong about the year must not accuse the author. A year stated
earlier in the text (``令和8年度の…は、4月11日（土）から``; a 年度 runs from April, so its January
to March fall in the next calendar year) is added to the candidates rather than replacing them,
because posts often mention a past year for context (``昨年（2025年）は…``). Failing that, the first
year written after the date (``1月3日（火）、令和5年二十歳のつどい``) is added the same way.

The five rules share one reading of the draft (``_Scan``, kept on the analysis): each regex runs
at most once per draft, only when the characters it needs are there, and the posting date is
looked up only when the draft holds a date.
"""

from __future__ import annotations

import bisect
import calendar as _stdlib_calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rules.calendar import WEEKDAY_NAMES, holiday_name, year_holidays
from rules.detectors._shared import per_draft
from rules.engine import Context
from rules.model import Category, Severity
from rules.regex import lazy_compile
from rules.registry import Detector, Hit, ex, rule
from rules.text import MappedText

# --- eras --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    first: dt.date  # first day of the era
    last: dt.date | None  # last day, None for the current era

    @property
    def base(self) -> int:
        return self.first.year - 1

    def year_of(self, n: int) -> int:
        return self.base + n

    @property
    def last_year(self) -> int | None:
        return None if self.last is None else self.last.year - self.base


# 明治元年 was declared to run from 1 January 1868 (改元の詔), so Meiji is taken as a whole year.
ERAS = (
    Era("明治", dt.date(1868, 1, 1), dt.date(1912, 7, 29)),
    Era("大正", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    Era("昭和", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("平成", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("令和", dt.date(2019, 5, 1), None),
)
_ERA_BY_NAME = {e.name: e for e in ERAS}
_ERA_BY_ABBR = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}


def era_of(name: str) -> Era:
    return _ERA_BY_NAME[_ERA_BY_ABBR.get(name.upper().rstrip("."), name)]


def wareki(day: dt.date) -> str:
    """A date's era year, e.g. 令和2年 (元年 for the first year)."""
    for era in reversed(ERAS):
        if day >= era.first:
            n = day.year - era.base
            return f"{era.name}{'元' if n == 1 else n}年"
    return f"{day.year}年"


def _era_year(era: str, n: str) -> int:
    """The calendar year of an era year: (令和, 8) -> 2026, (R, 元) -> 2019."""
    return era_of(era).year_of(1 if n == "元" else int(n))


def _ymd(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- patterns ------------------------------------------------------------------------------------

# A number's first digit, not preceded by another digit or a decimal/list separator. Written as a
# digit followed by a look-behind (not the other way round) so that the regex engine can skip
# ahead to the next digit instead of testing the look-behind at every position.
_D = r"\d(?<![\d.,/]\d)"
_ERA_NAMES = "明治|大正|昭和|平成|令和"
_ERA_ANY = rf"(?:{_ERA_NAMES}|[MTSHR]\.?)"
_ENUM = r"(?:元|\d{1,2})"

# 令和8年, 令和8年度, 令和8(2026)年, 令和8年（2026年）, 令和8年度（2027年度）, R8(2026)年
_ERA_YEAR_RE = lazy_compile(
    rf"(?P<era>{_ERA_NAMES}|(?<![A-Za-z0-9])[MTSHR]\.?)\s*(?P<n>{_ENUM})\s*(?:\(\s*(?P<inner>\d{{4}})\s*\)\s*)?年(?P<fy>度)?"
    rf"(?:\s*(?:\(\s*(?P<west>\d{{4}})\s*年?(?P<wfy>度)?\s*\)|=\s*(?P<west_eq>\d{{4}})\s*年(?P<wfy_eq>度)?))?"
)
# 2026年, 2026年度, 2026(令和8)年, 2026年（令和8年）, 2026年度（R8年度）
_WEST_YEAR_RE = lazy_compile(
    rf"(?P<west>{_D}\d{{3}})\s*(?:\(\s*(?P<iera>{_ERA_ANY})\s*(?P<in>{_ENUM})\s*\)\s*)?年(?P<fy>度)?"
    rf"(?:\s*(?:\(\s*(?P<era>{_ERA_ANY})\s*(?P<n>{_ENUM})\s*年?(?P<efy>度)?\s*\)"
    rf"|=\s*(?P<era_eq>{_ERA_ANY})\s*(?P<n_eq>{_ENUM})\s*年(?P<efy_eq>度)?))?"
)
# An era year with the month and day that may follow it: 令和元年4月, 昭和64年1月8日.
_ERA_DATE_RE = lazy_compile(
    rf"(?P<era>{_ERA_NAMES})\s*(?P<n>{_ENUM})\s*年(?P<fy>度)?(?:\s*(?P<m>\d{{1,2}})\s*月(?:\s*(?P<d>\d{{1,2}})\s*日)?)?"
)
# What may stand between a year and its date: 2027年1月10日, 令和8年度の4月11日.
_ATTACHED_GAP_RE = lazy_compile(r"\s*(?:の)?\s*")
_DATE_RE = lazy_compile(rf"(?P<m>{_D}\d?)\s*月\s*(?P<d>\d{{1,2}})\s*日(?![間目])")
# 2026/4/11(土), 4/11(土), 2026.4.11(土), R8.4.11(土): only with a weekday, or "1/2" is a fraction.
_NUMERIC_DATE_RE = lazy_compile(
    r"(?<![\d./])(?:(?P<y>\d{4})\s*[/.]\s*|(?P<era>令和|平成|[RH])\s*(?P<n>元|\d{1,2})\s*[/.]\s*)?"
    r"(?P<m>\d{1,2})\s*(?P<sep>[/.])\s*(?P<d>\d{1,2})(?![\d./])"
)
_DAY_ONLY_RE = lazy_compile(rf"(?P<d>{_D}\d?)\s*日(?![間目中後前分])")
# Weekdays in brackets of any shape: (土) and （土）, ［土］, 〔土〕, 【土】, <土>.
_OPEN_BRACKETS = "([〔【<"
_OPEN = f"[{re.escape(_OPEN_BRACKETS)}]"
_CLOSE = r"[)\]〕】>]"
# Rule gates for a weekday's opening bracket (``features.check_gate``'s text: literals).
_BRACKET_GATES = tuple(f"text:{bracket}" for bracket in _OPEN_BRACKETS)
_WEEKDAY_RE = lazy_compile(
    rf"\s*(?:{_OPEN}\s*(?P<w>[月火水木金土日])(?:曜日?)?\s*(?:[・,、/]\s*)?(?P<mark>祝日?|休日?|祭日?|振休|振替休日)?\s*{_CLOSE}"
    rf"|{_OPEN}\s*(?P<en>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*{_CLOSE}"
    rf"|{_OPEN}\s*(?P<only>祝日?|祝)\s*{_CLOSE}"
    r"|(?:の\s*)?(?P<w2>[月火水木金土日])曜日)",
    re.IGNORECASE,
)
_EN_WEEKDAYS = {"mon": "月", "tue": "火", "wed": "水", "thu": "木", "fri": "金", "sat": "土", "sun": "日"}
# What may stand between two dates of one list or range (the whole gap, read with fullmatch):
# 4月11日（土）から19日（日）, 5月4日〜6日.
_CONNECTOR_RE = lazy_compile(r"\s*(?:から|より|〜|~|-|–|—|・|、|,|と|及び|および|並びに|または|又は|&)\s*")
_SENTENCE_END_RE = lazy_compile(r"[。\n!?]")
_TIME_RE = lazy_compile(
    r"(?P<h>\d(?<![\d.:]\d)\d?)\s*時(?!間|限|代|給|速|差|期|点|計|効|刻|制|報|候|事)"
    r"(?:\s*(?P<min>\d{1,3})\s*分)?"
)
_AMPM_BEFORE_RE = lazy_compile(r"(午前|午後)\s*$")
_CLOCK_RANGE_RE = lazy_compile(
    r"(?P<h1>\d(?<![\d:.]\d)\d?):(?P<m1>\d{2})\s*[〜~\-–—]\s*(?P<h2>\d{1,2}):(?P<m2>\d{2})(?![\d:])"
)
_MONTH_RE = lazy_compile(rf"(?P<m>{_D}\d?)\s*月(?![間額分末頃号目々齢謝])")
# A year named relative to the posting date: 昨年12月1日, 去年の11月3日, 来年度の4月. In the digits
# view 一昨年 reads 1昨年.
_RELATIVE_YEAR_RE = lazy_compile(r"(?P<word>[1一]昨年|おととし|昨年|去年|今年|本年|来年|再来年)(?P<fy>度)?")
_RELATIVE_YEARS = {
    "1昨年": -2,
    "一昨年": -2,
    "おととし": -2,
    "昨年": -1,
    "去年": -1,
    "今年": 0,
    "本年": 0,
    "来年": 1,
    "再来年": 2,
}

HOLIDAY_NAMES = (
    "元日",
    "成人の日",
    "建国記念の日",
    "天皇誕生日",
    "春分の日",
    "昭和の日",
    "憲法記念日",
    "みどりの日",
    "こどもの日",
    "海の日",
    "山の日",
    "敬老の日",
    "秋分の日",
    "スポーツの日",
    "文化の日",
    "勤労感謝の日",
)
_HOLIDAY_ALT = "|".join(sorted(HOLIDAY_NAMES, key=len, reverse=True))
_HOLIDAY_RE = lazy_compile(_HOLIDAY_ALT)
# "9月15日は敬老の日の前日" names a neighbour of the holiday, not the holiday.
_NOT_THE_DAY = r"(?!\s*(?:の?(?:前|翌|週|頃|ころ|あたり|前後|直前|直後|連休|振替)|まで|から|以降|以前|にちなみ|を含む))"
_DATE_THEN_HOLIDAY_RE = lazy_compile(rf"^\s*(?:は|の|、|,)?\s*\(?\s*(?P<name>{_HOLIDAY_ALT}){_NOT_THE_DAY}")
_HOLIDAY_THEN_DATE_RE = lazy_compile(rf"(?P<name>{_HOLIDAY_ALT})\s*(?:は|の|:)?\s*\(?\s*$")

# Days in each month of a leap year (2024), by month number.
_LEAP_YEAR_MONTH_DAYS = {m: _stdlib_calendar.monthrange(2024, m)[1] for m in range(1, 13)}

PAST_WINDOW = dt.timedelta(days=92)
FUTURE_WINDOW = dt.timedelta(days=335)

# Examples are read as posted on this (working) day, so that dates without a year are deterministic.
AT = "2026-01-05T10:00:00+09:00"

# --- messages (kept together for review) ------------------------------------------------------------

M_WEEKDAY = "{date}は{stated}曜日ではなく{actual}曜日です。{note}"
F_WEEKDAY = "曜日を（{actual}）に直すか、日付をご確認ください。"
M_ERA_MISMATCH = "{era_text}は西暦{expected}にあたり、併記の{west_text}と一致しません。"
F_ERA_MISMATCH = "和暦と西暦のどちらが正しいかを確認し、そろえてください。"
# ACC003-ACC005 word each finding where it is found: the problem and the advice differ case by case.
M_PROBLEM = "{problem}"
F_ADVICE = "{advice}"
NOTE_INFERRED = "（年の記載がないため、投稿予定日をもとに{year}年の日付として確認しました。）"


# --- reading dates ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearMention:
    start: int
    end: int
    year: int  # calendar year (the first calendar year of a 年度)
    fiscal: bool

    def year_for(self, month: int) -> int:
        """The calendar year of a month read under this year: a 年度's January to March are the next."""
        return self.year + (1 if self.fiscal and month < 4 else 0)


@dataclass(slots=True)
class DateMention:
    start: int  # digits-view offsets, from the month (or the year if attached) to the weekday's end
    end: int
    month: int
    day: int
    years: tuple[int, ...]  # candidate years, nearest-first
    primary: int  # the year named in messages
    inferred: bool  # no year in the text: primary came from the posting date
    weekday: str | None  # stated weekday kanji
    mark: str | None  # 祝, 休 ... inside the weekday brackets
    date_end: int  # end of the "D日" part, before the weekday
    origin: int  # where the full date that sets its sentence starts (a chained day's: its range's)

    def valid_in(self, year: int) -> dt.date | None:
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None

    def label(self, year: int | None = None) -> str:
        return f"{year or self.primary}年{self.month}月{self.day}日"


@lru_cache(maxsize=4096)
def _window_years(ref: dt.date, month: int, day: int) -> tuple[int, ...]:
    """Years whose (month, day) falls in the reading window around the posting date, nearest first."""
    found = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        # A day the month does not have (4月31日, 4月0日) is placed at the month's nearest end.
        probe = dt.date(y, month, max(1, min(day, _stdlib_calendar.monthrange(y, month)[1])))
        if ref - PAST_WINDOW <= probe <= ref + FUTURE_WINDOW:
            found.append((abs((probe - ref).days), y))
    return tuple(y for _, y in sorted(found)) or (ref.year,)


def _numbers_before(text: str, unit: str) -> list[int]:
    """Where each number written right before ``unit`` (spaces may stand between) begins, in order.

    The date, month, time and clock patterns begin with such a number and cannot match anywhere
    else, so finding ``unit`` (a fast string search) and trying the pattern there does what a scan
    of the whole text would, at a fraction of the cost; and a draft whose 月 and 時 are all in words
    (今月, 時間) or whose colons are all in URLs tries nothing. ``str.isdecimal`` and ``str.isspace``
    are exactly the patterns' digit and space classes.
    """
    starts = []
    i = text.find(unit, 1)
    while i > 0:
        j = i
        while j and text[j - 1].isspace():
            j -= 1
        k = j
        while k and text[k - 1].isdecimal():
            k -= 1
        if k < j:
            starts.append(k)
        i = text.find(unit, i + 1)
    return starts


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, for a pattern that can only match at one of ``starts``."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            yield m
            end = m.end()


class _Scan:
    """One reading of a draft's digits view, shared by the five rules; each part is read on first use.

    Only ``dates`` depends on the posting date; it is kept for the last date it was asked for.
    """

    # Unread parts stay at these class-level defaults, so that making a reading costs next to nothing.
    _era_years: list[re.Match[str]] | None = None
    _west_years: list[re.Match[str]] | None = None
    _years: list[YearMention] | None = None
    _year_ends: Sequence[int] = ()
    _spans: list[tuple[int, int, int, int, int | None]] | None = None
    _dates: tuple[dt.date, list[DateMention]] | None = None
    _relative_years: list[re.Match[str]] | None = None
    _relative: tuple[dt.date, list[YearMention], list[int]] | None = None

    def __init__(self, digits: MappedText):
        self.digits = digits
        self.text = digits.text
        self._before: dict[str, list[int]] = {}

    def numbers_before(self, unit: str) -> list[int]:
        """``_numbers_before`` this text, remembered per unit."""
        starts = self._before.get(unit)
        if starts is None:
            starts = self._before[unit] = _numbers_before(self.text, unit)
        return starts

    @property
    def era_years(self) -> list[re.Match[str]]:
        """令和8年, 令和8年度（2027年度） ...: ACC002 and ACC004 check them, dates take their year from them."""
        if self._era_years is None:
            self._era_years = list(_ERA_YEAR_RE.finditer(self.text)) if "年" in self.text else []
        return self._era_years

    @property
    def west_years(self) -> list[re.Match[str]]:
        """2026年, 2026年（令和7年） ...: as ``era_years``."""
        if self._west_years is None:
            self._west_years = list(_WEST_YEAR_RE.finditer(self.text)) if "年" in self.text else []
        return self._west_years

    @property
    def years(self) -> list[YearMention]:
        """Year mentions in text order, none inside another."""
        if self._years is None:
            found = [(m.start(), m.end(), _era_year(m["era"], m["n"]), bool(m["fy"])) for m in self.era_years]
            for m in self.west_years:
                year = int(m["west"])
                if 1868 <= year <= 2200:
                    found.append((m.start(), m.end(), year, bool(m["fy"])))
            found.sort(key=lambda f: (f[0], -f[1]))
            kept: list[YearMention] = []
            for start, end, year, fiscal in found:
                if kept and start < kept[-1].end:
                    continue  # 2026年（令和8年）: the inner era is part of the outer mention
                kept.append(YearMention(start, end, year, fiscal))
            self._years = kept
            self._year_ends = [y.end for y in kept]  # ascending: the mentions do not overlap
        return self._years

    @property
    def spans(self) -> list[tuple[int, int, int, int, int | None]]:
        """Full dates in text order: start, end, month, day and the year written with it (or None)."""
        if self._spans is None:
            text = self.text
            found: list[tuple[int, int, int, int, int | None]] = []
            for m in _matches_at(_DATE_RE, text, self.numbers_before("月")):
                found.append((m.start(), m.end(), int(m["m"]), int(m["d"]), None))
            if _has_bracket(text) and (self.numbers_before("/") or self.numbers_before(".")):
                for m in _NUMERIC_DATE_RE.finditer(text):
                    # Only with its weekday: 12.1（月） is a date, 1.5 or 3/4 alone a number.
                    if not _WEEKDAY_RE.match(text, m.end()):
                        continue
                    year = int(m["y"]) if m["y"] else _era_year(m["era"], m["n"]) if m["era"] else None
                    found.append((m.start(), m.end(), int(m["m"]), int(m["d"]), year))
                found.sort(key=lambda s: s[0])
            self._spans = found
        return self._spans

    def dates(self, ref: dt.date) -> list[DateMention]:
        """Every date with its candidate years for a post planned on ``ref``, in text order."""
        if self._dates is None or self._dates[0] != ref:
            self._dates = (ref, list(self._read_dates(ref)))
        return self._dates[1]

    def _read_dates(self, ref: dt.date) -> Iterator[DateMention]:
        prev: DateMention | None = None
        for start, end, month, day, year in self.spans:
            if not 1 <= month <= 12:
                continue  # reported by the impossible-date rule
            prev = self._resolve(ref, start, end, month, day, year, prev)
            yield prev
            # Day-only dates chained after this one: 4月11日（土）から19日（日）, 5月4日（月・祝）〜6日（水・休）.
            for chained in self._chain(prev):
                yield chained
                prev = chained

    @property
    def relative_years(self) -> list[re.Match[str]]:
        """昨年, 来年度 …: years named relative to the posting date, outside the other year mentions."""
        if self._relative_years is None:
            years = self.years
            found = _RELATIVE_YEAR_RE.finditer(self.text) if "年" in self.text else ()
            self._relative_years = [m for m in found if not any(y.start < m.end() and m.start() < y.end for y in years)]
        return self._relative_years

    def _years_for(self, ref: dt.date) -> tuple[list[YearMention], list[int]]:
        """The year mentions with those relative to ``ref`` (昨年, 来年度), in text order, and their ends."""
        relative = self.relative_years  # read first: it reads the years, which sets their ends
        if not relative:
            return self.years, self._year_ends
        if self._relative is not None and self._relative[0] == ref:
            return self._relative[1], self._relative[2]
        merged = list(self.years)
        for m in relative:
            fiscal = bool(m["fy"])
            base = ref.year - (1 if fiscal and ref.month < 4 else 0)
            merged.append(YearMention(m.start(), m.end(), base + _RELATIVE_YEARS[m["word"]], fiscal))
        merged.sort(key=lambda y: y.start)
        self._relative = (ref, merged, [y.end for y in merged])
        return merged, self._relative[2]

    def _year_before(self, pos: int, ref: dt.date) -> YearMention | None:
        years, ends = self._years_for(ref)
        i = bisect.bisect_right(ends, pos)
        return years[i - 1] if i else None

    def _year_after(self, pos: int, ref: dt.date) -> YearMention | None:
        years, _ = self._years_for(ref)
        return next((y for y in years if y.start > pos), None)

    def _resolve(self, ref, start, end, month, day, year, prev) -> DateMention:
        origin = start
        if year is not None:
            return self._with_weekday(start, end, month, day, (year,), year, False, origin)
        before = self._year_before(start, ref)
        if before is not None and _ATTACHED_GAP_RE.fullmatch(self.text, before.end, start):
            primary = before.year_for(month)
            return self._with_weekday(before.start, end, month, day, (primary,), primary, False, origin)
        window = _window_years(ref, month, day)
        if prev is not None and not prev.inferred and not _SENTENCE_END_RE.search(self.text, prev.origin, origin):
            anchor = prev.primary + (1 if month < prev.month else 0)
        elif before is not None:
            anchor = before.year_for(month)
        else:
            # A year written after the date (「1月3日（火）、令和5年二十歳のつどい」) is a candidate too.
            after = self._year_after(start, ref)
            later = () if after is None or after.year_for(month) in window else (after.year_for(month),)
            return self._with_weekday(start, end, month, day, (*window, *later), window[0], True, origin)
        years = (anchor, *(y for y in window if y != anchor))
        return self._with_weekday(start, end, month, day, years, anchor, False, origin)

    def _with_weekday(self, start, end, month, day, years, primary, inferred, origin) -> DateMention:
        weekday = mark = None
        span_end = end
        w = _WEEKDAY_RE.match(self.text, end)
        if w:
            weekday = w["w"] or w["w2"] or (_EN_WEEKDAYS[w["en"].lower()] if w["en"] else None)
            mark = w["mark"] or w["only"]
            span_end = w.end()
        return DateMention(start, span_end, month, day, years, primary, inferred, weekday, mark, end, origin)

    def _chain(self, first: DateMention) -> Iterator[DateMention]:
        text = self.text
        prev = first
        pos = first.end
        while True:
            m = _DAY_ONLY_RE.search(text, pos, min(len(text), pos + 12))
            # Only a connector may stand between (so "4月11日から5月3日" is left to the main loop).
            if not m or not _CONNECTOR_RE.fullmatch(text, pos, m.start()):
                return
            day = int(m["d"])
            month, years, primary = prev.month, prev.years, prev.primary
            # 4月28日〜5日: the range runs into the next month (a 0日 is impossible, not the next month's)
            if 1 <= day < prev.day:
                month = month % 12 + 1
                if month == 1:
                    years = tuple(y + 1 for y in years)
                    primary += 1
            prev = self._with_weekday(m.start(), m.end(), month, day, years, primary, prev.inferred, prev.origin)
            yield prev
            pos = prev.end


def _scan(ctx: Context) -> _Scan:
    """The draft's shared reading, made by the first accuracy rule that needs it."""
    return per_draft(ctx, "_accuracy_scan", lambda ctx: _Scan(ctx.analysis.digits))


def _has_bracket(text: str) -> bool:
    """Whether the text has an opening bracket a weekday may stand in (see ``_OPEN``)."""
    return any(map(text.__contains__, _OPEN_BRACKETS))


def _may_hold_dates(text: str) -> bool:
    """False when the text can hold no date: a full date needs 月, a numeric one / or . and its weekday."""
    return "月" in text or (_has_bracket(text) and ("/" in text or "." in text))


def _dates(ctx: Context, scan: _Scan) -> list[DateMention]:
    # The posting date (maybe "now", in the organisation's timezone) is only needed for a date.
    return scan.dates(ctx.reference_time.date()) if scan.spans else []


def _hit(digits: MappedText, start: int, end: int, **detail: str) -> Hit:
    o_start, o_end = digits.to_original(start, end)
    return Hit(o_start, o_end, detail)


# --- rules ---------------------------------------------------------------------------------------------


def _accuracy_rule(
    *,
    code: str,
    title: str,
    message: str,
    fix: str,
    when: Sequence[str],
    matches: Sequence[tuple[str, str]],
    passes: Sequence[tuple[str, str]],
) -> Callable[[Detector], Detector]:
    """Declare an accuracy rule: each warns, and its (text, note) examples are read as posted on ``AT``."""
    return rule(
        code=code,
        category=Category.ACCURACY,
        severity=Severity.WARN,
        title=title,
        message=message,
        fix=fix,
        when=when,
        matches=[ex(text, note, at=AT) for text, note in matches],
        passes=[ex(text, note, at=AT) for text, note in passes],
    )


@_accuracy_rule(
    code="ACC001",
    title="日付と曜日の不一致",
    message=M_WEEKDAY,
    fix=F_WEEKDAY,
    when=(*_BRACKET_GATES, "text:曜"),
    matches=[
        ("今年の花火大会は、8月15日（金）の開催です。", "2026-08-15 is a Saturday"),
        ("9月21日（火）の敬老の日に合わせ、お祝い品をお届けします。", "a Monday"),
        ("狂犬病予防注射は4月11日（土）から19日（土）まで実施します。", "second date of a range (Sunday)"),
        ("令和9年（2027年）1月10日（月）、消防出初式を行います。", "explicit year: a Sunday"),
        (
            "説明会は十一月三日（水曜日）に開きます。",
            "kanji numerals; 3 November is a Monday in 2025, a Tuesday in 2026",
        ),
        ("受付：2026/4/13(Sun) 9:00〜", "numeric date with an English weekday"),
        ("来年の1月12日（月）に消防出初式を行います。", "来年 sets the year: 2027-01-12 is a Tuesday"),
        ("説明会は2月3日〔水〕に開きます。", "the weekday in 〔〕 (a Tuesday)"),
        ("受付は2.3（水）から始まります。", "month.day with its weekday"),
    ],
    passes=[
        ("狂犬病予防注射は、4月11日（土）から19日（日）まで実施します。", "correct range"),
        ("5月4日（月・祝）〜6日（水・休）の回収はお休みです。5月7日（木）にまとめて出してください。", "marks"),
        ("令和9年（2027年）1月10日（日）、消防出初式を行います。", "explicit next year"),
        (
            "もみじ祭りは11月21日（土）と22日（日）の2日間です。",
            "in January, 11月 may be this or last November: either year's weekday is accepted",
        ),
        ("昨年（2025年）は中止でしたが、今年は8月15日（土）に開催します。", "a past year mentioned for context"),
        ("1月3日（火）、令和5年二十歳のつどいを開催しました。", "the year written after the date"),
        ("12月20日（土）に開催した餅つき大会の様子です。", "a January post about last December"),
        ("1日（月）から3日（水）は休館します。", "day-only dates without a month are not checked"),
        ("一昨年の8月15日（木）に開いた花火大会の写真です。", "一昨年 sets the year: 2024-08-15 was a Thursday"),
        ("【訂正】誤：2月3日（水）正：2月3日（火）。お詫びして訂正します。", "a correction quoting the wrong weekday"),
        ("受付は2.3（火）から2.6（金）までです。", "month.day dates that agree"),
    ],
)
def detect_weekday_mismatch(ctx: Context) -> Iterable[Hit]:
    """A weekday written next to a date that falls on another weekday.

    towada 3(6) 発信する情報は正確に記述する: a wrong weekday sends people on the wrong day, and
    the reader cannot tell which half is the mistake. Reads ``4月11日（土）``, ``（土曜日）``,
    ``（土・祝）``, ``4月11日土曜日``, ``2026/4/11(Sat)``, ``R8.4.11(土)`` and day-only dates chained to
    a full one in a range or list. The year comes from the text or, failing that, from the planned
    posting date (see the module docstring); a date whose year is uncertain is only flagged when
    the weekday fits none of the candidate years. Write the weekday the calendar gives, or fix the
    date.
    """
    text = ctx.analysis.digits.text
    if ("曜" not in text and not _has_bracket(text)) or not _may_hold_dates(text):
        return
    scan = _scan(ctx)
    for d in _dates(ctx, scan):
        if d.weekday is None:
            continue
        valid = {y: day for y in d.years if (day := d.valid_in(y)) is not None}
        if not valid or any(WEEKDAY_NAMES[day.weekday()] == d.weekday for day in valid.values()):
            continue
        if _quoted_as_wrong(text, d.start):
            continue
        year = d.primary if d.primary in valid else next(iter(valid))
        yield _hit(
            scan.digits,
            d.start,
            d.end,
            date=d.label(year),
            stated=d.weekday,
            actual=WEEKDAY_NAMES[valid[year].weekday()],
            note=NOTE_INFERRED.format(year=year) if d.inferred else "",
        )


_CORRECTION_RE = lazy_compile(r"正しくは|正\s*[:)]|\(正\)|訂正")


def _quoted_as_wrong(text: str, pos: int) -> bool:
    """A correction notice quoting the wrong date: 誤：12月3日（水） 正：12月3日（木）, or
    「12月15日（月）から」と誤って掲載しました。正しくは…. The sentence names it wrong (誤) and the
    draft gives the right one."""
    start = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [e for e in (text.find("。", pos), text.find("\n", pos)) if e >= 0]
    sentence = text[start : min(ends) if ends else len(text)]
    return "誤" in sentence and _CORRECTION_RE.search(text) is not None


def _era_and_western(scan: _Scan) -> Iterator[tuple[re.Match[str], str, str, str, bool, bool]]:
    """Era years written with a western year: (match, era, era number, western year, each side's 年度)."""
    for m in scan.era_years:
        if west := m["inner"] or m["west"] or m["west_eq"]:
            yield m, m["era"], m["n"], west, bool(m["fy"]), bool(m["wfy"] or m["wfy_eq"] or m["fy"])
    for m in scan.west_years:
        if era := m["era"] or m["iera"] or m["era_eq"]:
            n = m["n"] or m["in"] or m["n_eq"]
            yield m, era, n, m["west"], bool(m["efy"] or m["efy_eq"] or m["fy"]), bool(m["fy"])


@_accuracy_rule(
    code="ACC002",
    title="和暦と西暦の不一致",
    message=M_ERA_MISMATCH,
    fix=F_ERA_MISMATCH,
    when=("text:年",),
    matches=[
        ("コミュニティバスの新ダイヤルは、令和8年度（2027年度）から導入します。", "令和8年度 is FY2026"),
        ("令和8年（2027年）4月1日から施行します。", "era year with a western year in brackets"),
        ("2026年（令和7年）の人口は", "western year with an era year in brackets"),
        ("平成31(2018)年の記録です。", "the 令和8(2026)年 layout"),
        ("2026年度（R7年度）予算", "abbreviated era"),
        ("計画期間は令和9年＝2026年から5年間です。", "joined by ＝"),
        ("有効期限はR8（2027）年3月31日までです。", "an abbreviated era"),
    ],
    passes=[
        ("令和8年度（2026年度）から導入します。", "agrees"),
        ("2019年（令和元年）5月に開館しました。", "元年"),
        ("2019年（平成31年）4月に完成しました。", "2019 belongs to both eras"),
        ("令和8年度の事業計画（2026年4月〜2027年3月）", "a 年度 spelled out as a date range"),
        ("昭和64年（1989年）1月7日", "the last day of Showa"),
        ("2026年＝令和8年の記念事業です。", "joined by ＝, agrees"),
        ("有効期限はR8（2026）年3月31日、H31年度の実績は昨年公表しました。", "abbreviated eras that agree"),
    ],
)
def detect_era_mismatch(ctx: Context) -> Iterable[Hit]:
    """An era year and a western year written together that name different years.

    towada 3(6). ``令和8年度（2027年度）`` leaves the reader unsure which fiscal year is meant. A
    年度 is named after the calendar year in which it begins (April), so 令和8年度 = 2026年度;
    元年 is year 1; eras begin 明治1868, 大正1912, 昭和1926, 平成1989, 令和2019. Check which of
    the two is right and make them agree.
    """
    text = ctx.analysis.digits.text
    if "年" not in text or ("(" not in text and "=" not in text):
        return
    scan = _scan(ctx)
    for m, era, n, west, era_fiscal, west_fiscal in _era_and_western(scan):
        expected = _era_year(era, n)
        if int(west) != expected:
            fy = "年度" if era_fiscal else "年"
            yield _hit(
                scan.digits,
                m.start(),
                m.end(),
                era_text=f"{era_of(era).name}{n}{fy}",
                expected=f"{expected}{fy}",
                west_text=f"{west}{'年度' if west_fiscal else '年'}",
            )


_NUMERALS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千")


def _placeholder(ctx: Context, digits: MappedText, start: int, end: int) -> bool:
    """〇月〇日, 〇〇日: a form's blanks, written with 〇 and no other numeral, not a date."""
    o_start, o_end = digits.to_original(start, end)
    written = ctx.analysis.original[o_start:o_end]
    return "〇" in written and _NUMERALS.isdisjoint(written)


def _impossible(ctx: Context, text: str) -> Iterator[tuple[int, int, str, str]]:
    if _may_hold_dates(text):
        scan = _scan(ctx)  # dates are shared with the other rules; times and clocks are this rule's own
        for m in _matches_at(_MONTH_RE, text, scan.numbers_before("月")):
            month = int(m["m"])
            if not 1 <= month <= 12 and not _placeholder(ctx, scan.digits, m.start(), m.end()):
                yield m.start(), m.end(), f"{month}月という月はありません。", "月の数字をご確認ください。"
        for d in _dates(ctx, scan):
            last = _LEAP_YEAR_MONTH_DAYS[d.month]  # 2月29日 is judged below
            if (d.day < 1 or d.day > last) and not _placeholder(ctx, scan.digits, d.start, d.date_end):
                problem = f"{d.month}月{d.day}日は存在しない日付です（{d.month}月は{last}日までです）。"
                yield d.start, d.date_end, problem, "日付をご確認ください。"
            elif d.month == 2 and d.day == 29 and not any(_stdlib_calendar.isleap(y) for y in d.years):
                problem = f"{d.primary}年2月29日は存在しません（{d.primary}年はうるう年ではありません）。"
                yield d.start, d.date_end, problem, "日付をご確認ください。"
    if "時" in text:
        for m in _matches_at(_TIME_RE, text, _numbers_before(text, "時")):
            hour = int(m["h"])
            minute = int(m["min"]) if m["min"] else 0
            if hour <= 12 and minute < 60:
                continue  # a time on either clock
            ampm = _AMPM_BEFORE_RE.search(text, max(0, m.start() - 4), m.start())
            start = ampm.start() if ampm else m.start()
            if ampm and hour > 12:
                half = ampm.group(1)
                problem = f"「{half}{hour}時」という時刻はありません（午前・午後を付けるときは12時までです）。"
                yield start, m.end(), problem, f"「{hour}時」または「{half}{hour - 12}時」に直してください。"
            elif hour > 24:
                problem = f"{hour}時という時刻はありません（0時から24時で表します）。"
                yield start, m.end(), problem, "時刻をご確認ください。深夜であれば翌日の日付と時刻で書いてください。"
            elif minute >= 60:
                yield start, m.end(), f"{hour}時{minute}分という時刻はありません。", "時刻をご確認ください。"
    if ":" in text:
        for m in _matches_at(_CLOCK_RANGE_RE, text, _numbers_before(text, ":")):
            for h, mi in (("h1", "m1"), ("h2", "m2")):
                if int(m[mi]) >= 60 or int(m[h]) > 24:
                    yield m.start(), m.end(), f"{m[h]}:{m[mi]}という時刻はありません。", "時刻をご確認ください。"
                    break


@_accuracy_rule(
    code="ACC003",
    title="存在しない日付・時刻",
    message=M_PROBLEM,
    fix=F_ADVICE,
    # A numeric date has its weekday in brackets.
    when=("text:月", "text:時", "text::", *_BRACKET_GATES),
    matches=[
        ("今年度分の受付は4月31日（金）で締め切ります。", "April has 30 days"),
        ("申込期限は2027年2月29日です。", "2027 is a common year"),
        ("開場は午後13時です。", "午後 with a 24-hour clock"),
        ("集合は十時七十五分です。", "kanji numerals: 75 minutes"),
        ("13月の予定をお知らせします。", "no 13th month"),
        ("受付時間 9:00〜16:75", "clock range"),
        ("受付は4/31(金)までです。", "a numeric date, with no 月 anywhere in the text"),
    ],
    passes=[
        ("申込書には「〇月〇日」の欄に希望日を書いてください。", "a form's blanks"),
        ("閏日の2028年2月29日に記念式典を行います。", "2028 is a leap year"),
        ("24時間営業のコンビニ", "a duration, not a time"),
        ("一時停止の標識を守りましょう。", "一時 is not one o'clock"),
        ("開場は午後1時、開演は13時30分です。", "both clocks written correctly"),
        ("期間は13か月です。", "a duration in months"),
        ("比率は16:9です。", "a ratio is not a clock"),
    ],
)
def detect_impossible_date(ctx: Context) -> Iterable[Hit]:
    """A date or time that cannot exist: 4月31日, 2月29日 in a common year, 13月, 25時, 10時75分.

    towada 3(6). Such a slip is always a typo for something else, and readers will guess. Durations
    (24時間, 13か月) and fixed words (一時停止, 時代) are not times. Numeric dates are read as
    ACC001 reads them (``4/31(金)``). 2月29日 is checked against the year in the text or the
    candidate years (see the module docstring). Fix the date or time.
    """
    digits = ctx.analysis.digits
    text = digits.text
    if "時" not in text and ":" not in text and not _may_hold_dates(text):
        return
    seen: set[tuple[int, int]] = set()  # each span once, however many readings reach it
    for start, end, problem, advice in _impossible(ctx, text):
        if (start, end) not in seen:
            seen.add((start, end))
            yield _hit(digits, start, end, problem=problem, advice=advice)


def _outside_era(era: Era, m: re.Match[str]) -> tuple[str, str] | None:
    """(problem, advice) when the era year (with its month and day, if written) is outside the era."""
    n = 1 if m["n"] == "元" else int(m["n"])
    year = era.year_of(n)
    if n == 0:
        return f"{era.name}0年という年はありません（最初の年は{era.name}元年です）。", "年の数字をご確認ください。"
    if era.last is not None and n > era.last_year:
        fy = "年度" if m["fy"] else "年"
        problem = (
            f"{era.name}は{era.last_year}年（{era.last.year}年）{era.last.month}月{era.last.day}日までのため、"
            f"{era.name}{n}{fy}は存在しません。"
        )
        return problem, f"{wareki(dt.date(year, 12, 31))[:-1]}{fy}（{year}{fy}）と書いてください。"
    if not m["m"] or m["fy"] or not 1 <= (month := int(m["m"])) <= 12:
        return None
    day = int(m["d"]) if m["d"] else None
    last_day = _stdlib_calendar.monthrange(year, month)[1]
    if day is not None and 1 <= day <= last_day:
        first = last = dt.date(year, month, day)
    else:
        first, last = dt.date(year, month, 1), dt.date(year, month, last_day)
    if last < era.first:
        bound, real = f"{_ymd(era.first)}から", last
    elif era.last is not None and first > era.last:
        bound, real = f"{_ymd(era.last)}まで", first
    else:
        return None
    day_text = f"{day}日" if day else ""
    problem = f"{era.name}は{bound}のため、{era.name}{m['n']}年{month}月{day_text}は存在しません。"
    return problem, f"{wareki(real)}{month}月{day_text}（{year}年{month}月{day_text}）ではありませんか。"


@_accuracy_rule(
    code="ACC004",
    title="存在しない元号の年",
    message=M_PROBLEM,
    fix=F_ADVICE,
    when=tuple(f"text:{era.name}" for era in ERAS),
    matches=[
        ("平成32年度までの計画です。", "平成 ended in its 31st year"),
        ("令和元年4月に開館しました。", "令和 began on 1 May 2019"),
        ("昭和64年2月に完成しました。", "昭和64年 ended on 7 January"),
        ("令和0年", "there is no year 0"),
    ],
    passes=[
        ("令和元年5月1日に改元されました。", "first day of 令和"),
        ("平成31年4月30日まで", "last day of 平成"),
        ("平成31年度の決算", "FY2019 was called 平成31年度 by many councils"),
        ("令和30年を目標に整備します。", "future years of the current era"),
    ],
)
def detect_era_range(ctx: Context) -> Iterable[Hit]:
    """An era year that does not exist: past the era's end, before its start, or year 0.

    towada 3(6). 平成 ended on 30 April 2019 (平成31年), so 平成32年 does not exist (it was often
    written in plans made before the era change); 令和 began on 1 May 2019, so 令和元年4月 does not
    exist either. 平成31年度 is accepted: councils named FY2019 so. Write the year in the right era.
    """
    if "年" not in ctx.analysis.digits.text:
        return
    scan = _scan(ctx)
    # This rule's pattern can only match where the era-year pattern, which accepts all it does,
    # has matched: an era name cannot stand inside either's match.
    for year in scan.era_years:
        m = _ERA_DATE_RE.match(scan.text, year.start())
        found = m and _outside_era(era_of(m["era"]), m)
        if found:
            problem, advice = found
            yield _hit(scan.digits, m.start(), m.end(), problem=problem, advice=advice)


def _holiday_on(name: str, year: int) -> dt.date | None:
    for day, holiday in year_holidays(year):
        if holiday == name:
            return day
    return None


@_accuracy_rule(
    code="ACC005",
    title="祝日の日付の誤り",
    message=M_PROBLEM,
    fix=F_ADVICE,
    when=("text:祝", "text:日"),  # every holiday's name ends in 日
    matches=[
        ("敬老の日（9月15日）に合わせて、お祝い品をお届けします。", "2026: 21 September"),
        ("2026年10月13日はスポーツの日です。", "2026: 12 October"),
        ("資源ごみは5月7日（木・祝）も回収します。", "not a holiday"),
        ("天皇誕生日（12月23日）は休館します。", "the holiday moved to 23 February in 2020"),
    ],
    passes=[
        ("9月21日（月）の敬老の日に合わせ、お祝い品をお届けします。", "correct"),
        ("9月20日は敬老の日の前日です。", "names the day before"),
        ("こどもの日（5月5日）に、こいのぼりを掲げます。", "fixed-date holiday"),
        ("5月6日（水・祝）は開館します。", "2026-05-06 is a substitute holiday"),
        ("敬老の日にちなみ、9月15日から作品展を開きます。", "not adjacent: not a statement of the date"),
    ],
)
def detect_holiday_date(ctx: Context) -> Iterable[Hit]:
    """A national holiday named on the wrong date, or （祝） on a day that is not a holiday.

    towada 3(6). 敬老の日 (third Monday of September), 成人の日, 海の日 and スポーツの日 move every
    year, 春分・秋分 are set yearly, and 天皇誕生日 moved to 23 February in 2020; a post that puts
    them on last year's date misleads readers about closures and events. Only a date written right
    next to the holiday's name is checked (``9月21日の敬老の日``, ``敬老の日（9月21日）``), against
    jpholiday for the candidate years. Fix the date or the holiday's name.
    """
    text = ctx.analysis.digits.text
    if not _may_hold_dates(text) or ("祝" not in text and not _HOLIDAY_RE.search(text)):
        return
    scan = _scan(ctx)
    for d in _dates(ctx, scan):
        valid = [day for y in d.years if (day := d.valid_in(y)) is not None]
        if not valid:
            continue
        if d.mark and d.mark.startswith("祝") and not any(holiday_name(day) for day in valid):
            yield _hit(
                scan.digits,
                d.start,
                d.end,
                problem=f"{d.label(valid[0].year)}は祝日ではありません。",
                advice="日付と（祝）の表記をご確認ください。",
            )
            continue
        names = []
        after = _DATE_THEN_HOLIDAY_RE.match(text[d.end : d.end + 16])
        if after:
            names.append((after["name"], d.start, d.end + after.end()))
        before = _HOLIDAY_THEN_DATE_RE.search(text[max(0, d.start - 12) : d.start])
        if before:
            names.append((before["name"], d.start - (min(12, d.start) - before.start()), d.end))
        for name, start, end in names:
            dates = {day.year: _holiday_on(name, day.year) for day in valid}
            if any(h is not None and h.month == d.month and h.day == d.day for h in dates.values()):
                continue
            year = valid[0].year
            actual = dates.get(year)
            if actual is None:
                continue  # the holiday did not exist that year (e.g. before it was created)
            problem = (
                f"{year}年の{name}は{actual.month}月{actual.day}日（{WEEKDAY_NAMES[actual.weekday()]}）です。"
                f"{d.month}月{d.day}日ではありません。"
            )
            yield _hit(scan.digits, start, end, problem=problem, advice="日付か祝日の名前をご確認ください。")
