"""The App Home tab as Block Kit: a pure function of ``bot.home.HomeData``.

Four sections (approvals waiting for the viewer, the viewer's drafts, their accounts, open incidents),
each showing its first items and counting the rest, so the view stays under Slack's 100 blocks and every
text under 3,000 characters however much there is. Dates are shown in the organisation's time zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot import messages as msg
from bot.blocks import HEADER_TEXT_MAX, SECTION_TEXT_MAX, escape, escaped, truncate
from bot.blocks.draft_modal import platform_name
from bot.home import (
    ACCOUNTS_SHOWN,
    AWAITING_SHOWN,
    INCIDENTS_SHOWN,
    MY_DRAFTS_SHOWN,
    HomeAccount,
    HomeData,
    HomeDraft,
    HomeIncident,
    Role,
)
from storage.models import DraftState, IncidentType

VIEW_BLOCKS_MAX = 100
SNIPPET_SHOWN = 50

# --- Japanese texts, kept together for review -------------------------------------------------------

TITLE = ":office: sns-gate（SNS 投稿の確認・承認）"
AS_OF = "<@{user}> さんの状況（{now} 現在・{tz}）"

AWAITING_HEADER = ":inbox_tray: あなたの承認待ち（{count} 件）"
AWAITING_NONE = "あなたの承認を待っている下書きはありません。"
AWAITING_ITEM = (
    "*下書き #{id}*　{account}{channel}\n作成: <@{author}> さん　承認依頼: {since}　状態: *{state}*　判定: {verdict}"
)
AWAITING_MORE = "ほか {count} 件あります（依頼の古い順に {shown} 件を表示しています）。"
AWAITING_HINT = "承認・修正依頼・却下は、各下書きのスレッドのボタンから行えます。"

MY_HEADER = ":memo: あなたの下書き（{count} 件）"
MY_NONE = "あなたが作成した下書きはまだありません。`/sns-draft` から作成できます。"
MY_ITEM = "*下書き #{id}*　{account}{channel}\n状態: *{state}*　判定: {verdict}　更新: {updated}{planned}"
MY_PLANNED = "　投稿予定: {planned}"
MY_COUNTS = "{counts}"
MY_COUNT_ITEM = "{label} {count} 件"
MY_MORE = "ほか {count} 件あります（更新の新しい順に {shown} 件を表示しています）。"

ACCOUNTS_HEADER = ":iphone: 担当アカウント（{count} 件）"
ACCOUNTS_NONE = "あなたが担当者として登録されているアカウントはありません。"
ACCOUNT_ITEM = "*{id}*（{platform}・{handle}・{department}）　あなたの役割: {roles}\n{posts}　{plan}　{password}"
ACCOUNT_INCIDENT = "\n:rotating_light: インシデント {incident} の対応中です（承認と投稿は停止しています）。"
ACCOUNT_POSTS = "今月の投稿: {count} 件"
ACCOUNT_POSTS_BELOW = "今月の投稿: :warning: {count} 件（目標は月 {minimum} 件以上）"
ACCOUNT_PLAN = "運用計画: {until} まで"
ACCOUNT_PLAN_EXPIRING = "運用計画: {until} まで :hourglass_flowing_sand: 更新時期です"
ACCOUNT_PLAN_LAPSED = "運用計画: :no_entry: {until} で期限切れ（承認・投稿できません）"
ACCOUNT_PASSWORD = "パスワード: {days} 日前に変更"
ACCOUNT_PASSWORD_OVERDUE = "パスワード: :warning: {days} 日前に変更（{interval} 日ごとの変更時期を過ぎています）"
ACCOUNT_PASSWORD_UNKNOWN = "パスワード: :warning: 変更の記録がありません"
ACCOUNTS_MORE = "ほか {count} 件のアカウントがあります（`/sns-account アカウントID` で確認できます）。"

INCIDENTS_HEADER = ":rotating_light: 対応中のインシデント（{count} 件）"
INCIDENTS_NONE = "対応中のインシデントはありません。"
INCIDENT_ITEM = "*{id}*　{type}　{account}\n発生: {opened}　報告: <@{by}> さん"
INCIDENT_NO_ACCOUNT = "（組織全体）"
INCIDENTS_MORE = "ほか {count} 件あります（発生の古い順に {shown} 件を表示しています）。"
INCIDENTS_SCOPE_ALL = "広報・情報セキュリティ・管理者として、すべてのインシデントを表示しています。"
INCIDENTS_SCOPE_MINE = "あなたの担当アカウントと、組織全体に関わるインシデントを表示しています。"

FOOTER = (
    "下書きの作成は `/sns-draft`、文章だけの確認は `/sns-check 文章` でできます。"
    "このページは開くたびに最新の状態に更新されます。"
)

STATE_LABELS = msg.STATE_LABELS  # the workflows' own words for each state
VERDICT_LABELS = {"pass": "問題なし", "warn": "要確認の指摘あり", "block": "要修正の指摘あり"}
ROLE_LABELS = {Role.MANAGER: "運用管理責任者", Role.DEPUTY: "代理承認者", Role.OPERATOR: "投稿担当者"}
INCIDENT_TYPE_LABELS = {
    IncidentType.FLAMING: "炎上",
    IncidentType.IMPERSONATION: "なりすまし",
    IncidentType.HIJACK: "乗っ取り",
}
# The order in which the viewer's state counts are listed: what needs them first.
STATE_ORDER = (
    DraftState.CHANGES_REQUESTED,
    DraftState.SCREENED,
    DraftState.APPROVED,
    DraftState.AWAITING_APPROVAL,
    DraftState.ON_HOLD,
    DraftState.PUBLISHED,
    DraftState.REJECTED,
    DraftState.VOIDED,
    DraftState.WITHDRAWN,
    DraftState.EXPIRED,
)


# --- Formatting -----------------------------------------------------------------------------------------


def _when(at: dt.datetime | None, tz: dt.tzinfo) -> str:
    if at is None:
        return "—"
    local = at.astimezone(tz)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _tz_name(tz: dt.tzinfo, now: dt.datetime) -> str:
    key = getattr(tz, "key", None)
    return "日本時間" if key == "Asia/Tokyo" else (key or now.astimezone(tz).tzname() or "")


def _snippet(draft: HomeDraft) -> str:
    flat = " ".join(draft.snippet.split())
    if not flat:
        return ""
    return "\n> " + escaped(flat, SNIPPET_SHOWN) if len(flat) > SNIPPET_SHOWN else "\n> " + escape(flat)


def _channel(draft: HomeDraft) -> str:
    return f"・<#{draft.channel}>" if draft.channel else ""


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_TEXT_MAX)))


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(text, SECTION_TEXT_MAX))])


def _header(text: str) -> HeaderBlock:
    return HeaderBlock(text=PlainTextObject(text=truncate(text, HEADER_TEXT_MAX), emoji=True))


def awaiting_text(draft: HomeDraft, tz: dt.tzinfo) -> str:
    return AWAITING_ITEM.format(
        id=draft.id,
        account=escape(draft.account_id),
        channel=_channel(draft),
        author=draft.author,
        since=_when(draft.waiting_since, tz),
        state=STATE_LABELS[draft.state],
        verdict=VERDICT_LABELS.get(draft.verdict, draft.verdict),
    ) + _snippet(draft)


def my_draft_text(draft: HomeDraft, tz: dt.tzinfo) -> str:
    planned = MY_PLANNED.format(planned=_when(draft.planned_at, tz)) if draft.planned_at else ""
    return MY_ITEM.format(
        id=draft.id,
        account=escape(draft.account_id),
        channel=_channel(draft),
        state=STATE_LABELS[draft.state],
        verdict=VERDICT_LABELS.get(draft.verdict, draft.verdict),
        updated=_when(draft.updated_at, tz),
        planned=planned,
    ) + _snippet(draft)


def account_text(account: HomeAccount, *, password_interval_days: int) -> str:
    if account.posts_this_month < account.min_posts_per_month:
        posts = ACCOUNT_POSTS_BELOW.format(count=account.posts_this_month, minimum=account.min_posts_per_month)
    else:
        posts = ACCOUNT_POSTS.format(count=account.posts_this_month)
    until = _day(account.plan_valid_until)
    if account.plan_lapsed:
        plan = ACCOUNT_PLAN_LAPSED.format(until=until)
    elif account.plan_expiring:
        plan = ACCOUNT_PLAN_EXPIRING.format(until=until)
    else:
        plan = ACCOUNT_PLAN.format(until=until)
    if account.password_age_days is None:
        password = ACCOUNT_PASSWORD_UNKNOWN
    elif account.password_overdue:
        password = ACCOUNT_PASSWORD_OVERDUE.format(days=account.password_age_days, interval=password_interval_days)
    else:
        password = ACCOUNT_PASSWORD.format(days=account.password_age_days)
    text = ACCOUNT_ITEM.format(
        id=escape(account.id),
        platform=platform_name(account.platform),
        handle=escape(account.handle),
        department=escape(account.department),
        roles="・".join(ROLE_LABELS[r] for r in account.roles),
        posts=posts,
        plan=plan,
        password=password,
    )
    if account.open_incident_id:
        text += ACCOUNT_INCIDENT.format(incident=escape(account.open_incident_id))
    return text


def incident_text(incident: HomeIncident, tz: dt.tzinfo) -> str:
    return INCIDENT_ITEM.format(
        id=escape(incident.id),
        type=INCIDENT_TYPE_LABELS.get(incident.type, str(incident.type)),
        account=f"アカウント: {escape(incident.account_id)}" if incident.account_id else INCIDENT_NO_ACCOUNT,
        opened=_when(incident.opened_at, tz),
        by=incident.opened_by,
    )


def _state_counts(counts: dict[DraftState, int]) -> str:
    parts = [MY_COUNT_ITEM.format(label=STATE_LABELS[s], count=counts[s]) for s in STATE_ORDER if counts.get(s)]
    return "・".join(parts)


# --- The view -------------------------------------------------------------------------------------------


def _group(
    blocks: list[Block],
    *,
    header: str,
    items: Sequence[str],
    total: int,
    none: str,
    more: str,
    notes: Sequence[str] = (),
) -> None:
    blocks.append(DividerBlock())
    blocks.append(_header(header))
    for note in notes:
        blocks.append(_context(note))
    if not items:
        blocks.append(_context(none))
        return
    blocks.extend(_section(text) for text in items)
    if total > len(items):
        blocks.append(_context(more.format(count=total - len(items), shown=len(items))))


def build_home_blocks(data: HomeData, *, tz: dt.tzinfo, password_interval_days: int = 90) -> list[Block]:
    blocks: list[Block] = [
        _header(TITLE),
        _context(AS_OF.format(user=data.user_id, now=_when(data.now, tz), tz=_tz_name(tz, data.now))),
    ]
    _group(
        blocks,
        header=AWAITING_HEADER.format(count=data.awaiting_total),
        items=[awaiting_text(d, tz) for d in data.awaiting[:AWAITING_SHOWN]],
        total=data.awaiting_total,
        none=AWAITING_NONE,
        more=AWAITING_MORE,
        notes=[AWAITING_HINT] if data.awaiting else [],
    )
    counts = _state_counts(data.my_state_counts)
    _group(
        blocks,
        header=MY_HEADER.format(count=data.my_drafts_total),
        items=[my_draft_text(d, tz) for d in data.my_drafts[:MY_DRAFTS_SHOWN]],
        total=data.my_drafts_total,
        none=MY_NONE,
        more=MY_MORE,
        notes=[MY_COUNTS.format(counts=counts)] if counts else [],
    )
    _group(
        blocks,
        header=ACCOUNTS_HEADER.format(count=data.accounts_total),
        items=[account_text(a, password_interval_days=password_interval_days) for a in data.accounts[:ACCOUNTS_SHOWN]],
        total=data.accounts_total,
        none=ACCOUNTS_NONE,
        more=ACCOUNTS_MORE,
    )
    _group(
        blocks,
        header=INCIDENTS_HEADER.format(count=data.incidents_total),
        items=[incident_text(i, tz) for i in data.incidents[:INCIDENTS_SHOWN]],
        total=data.incidents_total,
        none=INCIDENTS_NONE,
        more=INCIDENTS_MORE,
        notes=[INCIDENTS_SCOPE_ALL if data.sees_all_incidents else INCIDENTS_SCOPE_MINE],
    )
    blocks.append(DividerBlock())
    blocks.append(_context(FOOTER))
    if len(blocks) > VIEW_BLOCKS_MAX:
        # Only reachable if the *_SHOWN limits in bot.home are raised past what a view holds.
        blocks = [*blocks[: VIEW_BLOCKS_MAX - 1], _context(FOOTER)]
    return blocks


def build_home_view(data: HomeData, *, tz: dt.tzinfo, password_interval_days: int = 90) -> View:
    """The Home tab of ``data.user_id``."""
    return View(type="home", blocks=build_home_blocks(data, tz=tz, password_interval_days=password_interval_days))
