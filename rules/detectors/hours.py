"""Hours: posts scheduled outside working hours that are not disaster or event information."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from rules.calendar import WEEKDAY_NAMES, closure_reason, is_working_time, next_working_time
from rules.detectors._shared import first_line_span
from rules.engine import Context
from rules.lexicon import Lexicons
from rules.model import Category, Severity
from rules.registry import Hit, ex, rule

DISASTER = "hours:disaster"
EVENT = "hours:event"
TODAY_EVENT = "hours:today_event"

M_HOURS = "投稿予定日時（{when}）は{reason}、就業時間外です。"
F_HOURS = (
    "就業時間内（平日 {hours}）に予約し直してください（次の就業時間は{next}からです）。"
    "災害やイベントなど即時性が求められる情報であれば、承認者がその理由をご確認ください。"
)


def _when(moment: dt.datetime) -> str:
    weekday = WEEKDAY_NAMES[moment.weekday()]
    return f"{moment.year}年{moment.month}月{moment.day}日（{weekday}）{_clock(moment.time())}"


def _clock(t: dt.time) -> str:
    return f"{t.hour}:{t.minute:02d}"


@lru_cache(maxsize=4)
def _compound_roots(lex: Lexicons) -> re.Pattern[str]:
    """Single-word entries to find inside compound nouns.

    Japanese compounds put their head last (大雨警報, 夏祭り, 全国大会), so any entry may end a
    compound; only disaster entries may also begin one (避難所開設, 停電情報), because an event
    word at the start is often just a prefix (大会議室 is a meeting room).
    """

    def roots(set_id: str) -> str:
        keys = {e.key[0] for e in lex.set(set_id) if e.mode == "lemma" and len(e.key) == 1}
        return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))

    return re.compile(rf"(?m)^(?:{roots(DISASTER)})|(?:{roots(DISASTER)}|{roots(EVENT)})$")


def is_urgent_information(ctx: Context) -> bool:
    """Disaster or event information, which joetsu 6(1)②【時間】 lets go out at any hour."""
    lex, analysis = ctx.lex, ctx.analysis
    if lex.find(analysis, DISASTER) or lex.find(analysis, EVENT):
        return True
    if next(iter(lex.pattern_hits(analysis, TODAY_EVENT)), None) is not None:
        return True
    # Sudachi keeps 大雨警報, 夏祭り, 臨時休業日 as one token: look inside nouns, one token per
    # line (surface and normalised form) so that no match spans two tokens.
    nouns = "\n".join(f"{t.surface}\n{t.lemma}" for t in analysis.tokens if t.pos[0] == "名詞")
    return _compound_roots(lex).search(nouns) is not None


@rule(
    code="HRS001",
    category=Category.HOURS,
    severity=Severity.WARN,
    when=("draft:at",),
    title="就業時間外の投稿予定",
    message=M_HOURS,
    fix=F_HOURS,
    matches=[
        ex("マイナンバーカードの申請は、お早めにお済ませください。", "Saturday", at="2026-01-10T10:00:00+09:00"),
        ex("図書館の新着図書をご紹介します。", "weekday evening", at="2026-01-06T20:00:00+09:00"),
        ex("市報1月号を発行しました。", "成人の日 (a national holiday)", at="2026-01-12T10:00:00+09:00"),
        ex("ごみの分別にご協力ください。", "the year-end closure", at="2026-12-30T10:00:00+09:00"),
        ex("税の申告相談のご案内です。", "before the office opens", at="2026-01-06T07:00:00+09:00"),
        ex("窓口の混雑状況をお知らせします。", "UTC time that is 23:00 in Japan", at="2026-01-06T14:00:00+00:00"),
    ],
    passes=[
        ex(
            "【避難指示】千歳川の水位が上昇しています。直ちに避難してください。",
            "disaster",
            at="2026-01-10T23:00:00+09:00",
        ),
        ex("大雨警報が発表されました。", "compound noun 大雨警報", at="2026-01-11T05:00:00+09:00"),
        ex("本日開催の夏まつりは、予定どおり行います！", "event on the day", at="2026-01-10T08:00:00+09:00"),
        ex("本日、中央公民館で健康講座を開催しています。", "today + 開催", at="2026-01-10T11:00:00+09:00"),
        ex("市報1月号を発行しました。", "a weekday within working hours", at="2026-01-06T10:00:00+09:00"),
        ex("市報1月号を発行しました。", "the end of the working hours is included", at="2026-01-06T17:15:00+09:00"),
        ex("市報1月号を発行しました。", "not scheduled: no planned time to check"),
    ],
)
def detect_out_of_hours(ctx: Context) -> Iterable[Hit]:
    """A post scheduled outside working hours that is not disaster or event information.

    joetsu 6(1)②【時間】: 原則として就業時間内に行ってください。ただし、災害やイベントなど即時性が
    求められる情報は、夜間・休日など就業時間外も発信することができる; tatsuno 3(9) 就業時間中に
    使用 (the official account is worked on during working hours). Working time is a weekday that
    is neither a national holiday (jpholiday, with 振替休日) nor in the 12/29-1/3 closure, between
    ``settings.working_hours`` (both ends included), in the organisation's timezone. Disaster,
    emergency and event vocabulary (``rules/lexicons/hours.yml``: 避難, 警報, 台風, 停電, 通行止め,
    まつり, 花火大会, 中止, 延期, 本日開催 …, also inside compounds such as 大雨警報) exempts the post.
    A draft without a planned time is not checked. Schedule it within working hours, or let the
    approver confirm why it cannot wait.
    """
    if ctx.draft.at is None:
        return
    moment = ctx.reference_time
    hours = ctx.settings.working_hours
    if is_working_time(moment, hours) or is_urgent_information(ctx):
        return
    closed = closure_reason(moment.date())
    if closed:
        reason = f"{closed}のため"
    elif moment.time() < hours[0]:
        reason = f"始業（{_clock(hours[0])}）前のため"
    else:
        reason = f"終業（{_clock(hours[1])}）後のため"
    start, end = first_line_span(ctx.draft.text)
    yield Hit(
        start,
        end,
        {
            "when": _when(moment),
            "reason": reason,
            "hours": f"{_clock(hours[0])}〜{_clock(hours[1])}",
            "next": _when(next_working_time(moment, hours)),
        },
    )
