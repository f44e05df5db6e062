"""What the scheduled jobs say: reminders, notices to PR and infosec, the monthly report, and the
`jobs` command line. Every Japanese text of the feature is in this module, so it can be reviewed in
one place; the builders are pure and draw plain data.

Messages name drafts by id (下書き #12) and accounts by id: never a draft's text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.blocks import HEADER_TEXT_MAX, SECTION_TEXT_MAX, escape, truncate
from bot.blocks.account import AccountLabel, password_rotated_button, renew_plan_button
from bot.blocks.approval import PLATFORM_LABELS
from bot.messages import format_datetime, mention

DIGEST_MAX = 30  # lines of a digest to a channel; the rest is counted
DIGEST_MORE = "ほか {count} 件"
REPORT_SHORT_MAX = 20  # accounts under their minimum listed in the monthly report message

# --- Posting frequency (joetsu 4(4)②, 6(1)③) ------------------------------------------------------------------

POSTING_REMINDER = (
    "アカウント「{account_id}」（{platform} {handle}）の{month}の投稿は、今日までに公開済みとして記録されたものが"
    " {count} 件です。"
    "月の目標（{minimum} 件）に届いていないため、お知らせします。"
    "公式アカウントは、月に1回以上の発信が求められています（上越市ガイドライン 4(4)②）。"
    "月末までの発信をご検討ください。"
)
POSTING_SHORT_MONTH = (
    "アカウント「{account_id}」（{platform} {handle}）の{month}に公開済みとして記録された投稿は {count} 件で、"
    "月の目標（{minimum} 件）に届きませんでした。この結果は記録し、広報担当にも報告しています。"
    "今月の発信計画をご確認ください。"
)
WITHDRAWAL_REVIEW = (
    ":warning: *撤退の検討のお願い*\n"
    "アカウント「{account_id}」（{platform} {handle}、{department}）は、{months_text}の {count} か月続けて、"
    "投稿が月の目標（{minimum} 件）に届いていません（{history}）。"
    "計画書どおりに発信されていないアカウントは、撤退の対象となります（上越市ガイドライン 6(1)③）。"
    "運用管理責任者 {manager} さんと、今後の運用についてご相談ください。"
)
WITHDRAWAL_HISTORY_ITEM = "{month}: {count} 件"

REPORT_HEADER = "{month}の投稿状況（月次報告）"
REPORT_TEXT = "{month}の投稿状況（月次報告）: 対象 {total} アカウント、目標達成 {met} 件、未達 {short} 件です。"
REPORT_SUMMARY = (
    "対象 {total} アカウントのうち、月の目標を達成 *{met}* 件、未達 *{short}* 件、"
    "目標なし・対象外 {exempt} 件でした。\n"
    "運用計画の期限切れ {lapsed} 件、パスワード要変更 {password} 件、二段階認証なし {no_2fa} 件、"
    "インシデント対応中 {incidents} 件です。\n"
    "承認依頼から承認までの時間（勤務時間）の中央値は、全体で {lead}です。"
)
REPORT_SHORT_TITLE = "*目標に届かなかったアカウント*"
REPORT_SHORT_LINE = "• {account_id}（{department}）: {count} 件 / 目標 {minimum} 件"
REPORT_NONE_SHORT = "目標に届かなかったアカウントはありません。"
REPORT_MORE = "ほか {count} 件は、添付の一覧（CSV）をご覧ください。"
REPORT_GUIDANCE_TITLE = "*参考: 媒体ごとの効果的とされる発信頻度*（上越市ガイドライン 4(4)② の例示）"
REPORT_GUIDANCE_LINE = "• {platform}: {frequency}"
REPORT_FILES_NOTE = "投稿数のグラフと全アカウントの一覧（CSV）は、続けて別のメッセージでお送りします。"
REPORT_FILES_COMMENT = (
    "{month}の投稿状況のグラフと一覧です。グラフの棒は投稿数、黒い縦線は月の目標です"
    "（赤は目標に届かなかったアカウント、灰色は目標のないアカウントです）。{chart_note}"
)
REPORT_CHART_ALL = ""
REPORT_CHART_SOME = "グラフには、目標との差が大きい順に {shown} 件を載せています。全 {total} 件は一覧をご覧ください。"
REPORT_CHART_TITLE = "{month} の投稿状況（グラフ）"
REPORT_TABLE_TITLE = "{month} の投稿状況（一覧）"
REPORT_LEAD_HOURS = "{hours:.1f}時間"
REPORT_LEAD_NONE = "データなし"

# The joetsu guideline's table (4(4)②): guidance, not a rule. Its "Twitter" is today's X.
FREQUENCY_GUIDANCE: dict[str, str] = {
    "x": "毎日 1 投稿以上",
    "facebook": "週 3～5 回程度",
    "instagram": "2～3 日に 1 回",
    "line": "1 日 1 回（上越市公式アカウントのアンケートで 51.3% が希望）",
}
FREQUENCY_NOT_IN_TABLE = "ガイドラインに例示はありません（月 1 回以上は共通です）"

CSV_HEADERS = (
    "アカウント",
    "媒体",
    "担当課",
    "運用管理責任者",
    "投稿数",
    "月の目標",
    "投稿頻度",
    "承認までの時間の中央値（勤務時間）",
    "状態",
)
POSTS_MET = "達成"
POSTS_SHORT = "未達"
POSTS_EXEMPT = "対象外"
STATE_OK = "問題なし"
STATE_LAPSED = "運用計画の期限切れ"
STATE_PASSWORD = "パスワード要変更"
STATE_NO_2FA = "二段階認証なし"
STATE_INCIDENT = "インシデント対応中"

# --- Plan renewal (joetsu 6(1)①, yatsushiro 公式アカウント(2)) -------------------------------------------------

RENEWAL_REMINDER = (
    "アカウント「{account_id}」（{platform} {handle}）の運用計画は {valid_until} までです。"
    "運用は年度単位のため、来年度も続ける場合は運用計画書を作成して提出し、"
    "更新後の期限を記録してください（下のボタン、または `/sns-account {account_id}`）。"
    "更新が記録されないまま {lapse_on} を迎えると、このアカウントの下書きは承認できなくなります。"
)
RENEWAL_PR_DIGEST = (
    "*運用計画の更新のお知らせ*\n"
    "次のアカウントは、運用計画の更新がまだ記録されていません。期限までに更新されないと失効し、"
    "下書きを承認できなくなります。運用管理責任者に更新の状況をご確認ください。\n{lines}"
)
RENEWAL_PR_LINE = "• {account_id}（{department}）: 期限 {valid_until}、運用管理責任者 {manager} さん"
LAPSE_NOTICE = (
    "アカウント「{account_id}」（{platform} {handle}）の運用計画は、{valid_until} で期限が切れました。"
    "更新が記録されるまで、このアカウントの下書きは承認できません。"
    "運用を続ける場合は、運用計画を更新して記録してください（下のボタン、または `/sns-account {account_id}`）。"
    "運用を終える場合は、広報担当にご相談ください（撤退の手順: 上越市ガイドライン 6(1)③）。"
)
LAPSE_PR_DIGEST = (
    "*運用計画の期限切れ*\n"
    "次のアカウントは運用計画の期限が切れ、下書きを承認できなくなりました。"
    "運用を続けるか撤退するかを、運用管理責任者とご確認ください。\n{lines}"
)
LAPSE_PR_LINE = "• {account_id}（{department}）: {valid_until} で期限切れ、運用管理責任者 {manager} さん"
LAPSE_AUDIT_REASON = "運用計画の期限（{valid_until}）までに更新が記録されなかったため"

# --- Passwords (joetsu 6(1)①【パスワード】) -----------------------------------------------------------------

PASSWORD_DUE_SOON = (
    "アカウント「{account_id}」（{platform} {handle}）のパスワードは、{rotated_on} の変更から {age} 日が経ちました。"
    "{due} までに変更をお願いします（{interval} 日ごとの変更をお願いしています）。"
)
PASSWORD_OVERDUE = (
    "アカウント「{account_id}」（{platform} {handle}）のパスワードは、{rotated_on} の変更から {age} 日が経ち、"
    "変更の期限（{due}）を過ぎています。至急、変更をお願いします。"
)
PASSWORD_NEVER = (
    "アカウント「{account_id}」（{platform} {handle}）は、パスワードを変更した記録がありません。"
    "パスワードを変更し、記録をお願いします（{interval} 日ごとの変更をお願いしています）。"
)
PASSWORD_HOW_TO_RECORD = (
    "変更したら、下のボタンで「変更したこと」を記録してください。パスワードそのものは、ボットに送らないでください。"
)
INFOSEC_OVERDUE_DIGEST = (
    "*パスワードの変更期限切れ*\n次のアカウントは、パスワードの変更期限（{interval} 日）を過ぎています。"
    "運用管理責任者には個別にお知らせしています。\n{lines}"
)
INFOSEC_OVERDUE_LINE = (
    "• {account_id}（{department}）: 最終変更 {rotated_on}（{age} 日前）、運用管理責任者 {manager} さん"
)
INFOSEC_NEVER_LINE = "• {account_id}（{department}）: 変更の記録なし、運用管理責任者 {manager} さん"
INFOSEC_NO_2FA = (
    "*二段階認証が設定されていないアカウント（{count} 件）*\n"
    "ガイドラインでは、二段階認証などの認証の強化策を可能な限り利用することとしています"
    "（上越市ガイドライン 6(1)①【パスワード】）。運用管理責任者に設定をご依頼ください。\n{lines}"
)
INFOSEC_NO_2FA_LINE = "• {account_id}（{platform}、{department}）: 運用管理責任者 {manager} さん"

# --- Approval reminders -----------------------------------------------------------------------------------------

APPROVAL_REMINDER = (
    "下書き #{draft_id}（アカウント「{account_id}」、作成 {author} さん）は、承認依頼から勤務時間で"
    " {hours} 時間以上、承認を待っています。{where}内容をご確認のうえ、承認・修正依頼・却下のいずれかをお願いします。"
    "{planned}"
)
APPROVAL_PR = (
    "下書き #{draft_id}（アカウント「{account_id}」、作成 {author} さん）は、承認依頼から勤務時間で"
    " {hours} 時間以上、承認されていません。{where}承認者（{approvers}）に状況をご確認ください。{planned}"
)
APPROVAL_WHERE = "承認依頼は <#{channel}> のスレッドにあります。"
APPROVAL_PLANNED = "公開予定は {planned} です。"
APPROVERS_LIST = "{manager} さん"
APPROVERS_LIST_WITH_DEPUTIES = "{manager} さん、代理の {deputies}"
DRAFT_EXPIRED = (
    "下書き #{draft_id}（アカウント「{account_id}」）は、公開予定の {planned} までに承認されなかったため、"
    "期限切れになりました。投稿する場合は、公開予定日時を改めて、新しい下書きとしてお送りください。"
)
EXPIRE_REASON = "公開予定日時（{planned}）を過ぎても承認されなかったため"

# --- The command line and the scheduler ---------------------------------------------------------------------

JOB_DESCRIPTIONS: dict[str, str] = {
    "posting-frequency": "投稿頻度の確認（月の後半に目標未達のお知らせ、月初めに前月の記録と月次報告）",
    "plan-renewal": "運用計画の更新のお知らせと、期限切れの記録",
    "password-rotation": "パスワード変更のお知らせと、二段階認証の未設定の報告",
    "approval-reminders": "承認待ちの催促と、公開予定を過ぎた下書きの期限切れ",
    "incident-followup": "インシデントのフォローアップ",
}
SCHEDULE_HOURLY = "毎時 {minute} 分"
SCHEDULE_EVERY_MINUTES = "{step} 分ごと"
SCHEDULE_WORKING_ONLY = "（お知らせは勤務日の勤務時間内のみ）"
LIST_LINE = (
    "{name}\n    {description}\n    スケジュール: {cron}（{timezone}、{schedule}）{working}\n"
    "    前回の実行: {last}　次回の予定: {next}"
)
UNKNOWN = "不明"
NEVER_RUN = "記録なし"
DRY_RUN_HEADER = "[試行] {job}（{at} 時点）: 送信も記録もしません。"
DRY_RUN_MESSAGE = "[送信予定] {recipient}（{keys}）"
DRY_RUN_FILES = "（添付: {files}）"
DRY_RUN_RECORD = "[記録予定] {what}"
DRY_RUN_EXPIRE = "[期限切れにする予定] 下書き #{draft_id}（アカウント「{account_id}」）"
RECIPIENT_USER = "DM {user}"
RECIPIENT_CHANNEL = "チャンネル {channel}"
RECORD_SHORT_MONTH = "アカウント「{account_id}」の{month}の投稿数 {count} 件（目標 {minimum} 件）を記録します"
RECORD_LAPSE = "アカウント「{account_id}」の運用計画の期限切れ（{valid_until}）を記録します"
OUTSIDE_WORKING_TIME = "{at} は勤務時間外（{reason}）のため、お知らせは送りませんでした。"
OUTSIDE_WORKING_HOURS = "勤務時間 {start}〜{end} の外"
RESULT = (
    "{job}（{at} 時点）: 送信 {sent} 件、送信済みのため省略 {already} 件、"
    "ほかのインスタンスが送信中 {in_progress} 件、失敗 {failed} 件（次回に再送）、次回に持ち越し {deferred} 件。"
)
RESULT_DRY_RUN = "{job}（{at} 時点）: 送信予定 {planned} 件（試行のため、送信も記録もしていません）。"
EXPIRED_COUNT = "公開予定日時を過ぎた下書き {count} 件を期限切れにしました。"
RECORDED_COUNT = "{count} 件を記録しました。"
RESENT_REPLIES = "届いていなかった下書きへの返信 {count} 件を送り直しました。"
INCIDENT_FOLLOWUP_MISSING = (
    "incident-followup はインシデント対応の機能とあわせて提供される予定で、このバージョンにはまだありません。"
    "ほかのジョブは python app.py jobs list で確認できます。"
)
BAD_AT = (
    "--at には日時を ISO 8601 形式で指定してください（例: 2026-03-20T09:00 や 2026-03-20T09:00+09:00）。"
    "タイムゾーンを省略すると、設定ファイルのタイムゾーン（既定: Asia/Tokyo）とみなします。"
)
TOKEN_REQUIRED = (
    "ジョブを実行するには、環境変数 SLACK_BOT_TOKEN にボットのトークンを設定してください。"
    "送信内容の確認だけなら --dry-run を付けて実行できます。"
)


# --- Helpers ----------------------------------------------------------------------------------------------------


def platform_label(platform: str) -> str:
    return PLATFORM_LABELS.get(platform, platform)


def account_fields(account: AccountLabel) -> dict[str, str]:
    """The placeholders that name an account in a notice or a digest line (``str.format`` ignores the
    ones a template does not use)."""
    return {
        "account_id": account.id,
        "platform": platform_label(account.platform),
        "handle": escape(account.handle),
        "department": escape(account.department),
        "manager": mention(account.manager),
    }


def month_label(first: dt.date) -> str:
    return f"{first.year}年{first.month}月"


def recipient_label(channel: str) -> str:
    return (
        RECIPIENT_USER.format(user=channel) if channel[:1] in ("U", "W") else RECIPIENT_CHANNEL.format(channel=channel)
    )


def digest_lines(lines: Sequence[str]) -> str:
    shown = "\n".join(lines[:DIGEST_MAX])
    if len(lines) > DIGEST_MAX:
        shown += "\n" + DIGEST_MORE.format(count=len(lines) - DIGEST_MAX)
    return shown


def people(users: Sequence[str]) -> str:
    return "、".join(f"{mention(u)} さん" for u in users)


def approvers_text(manager: str, deputies: Sequence[str]) -> str:
    if deputies:
        return APPROVERS_LIST_WITH_DEPUTIES.format(manager=mention(manager), deputies=people(deputies))
    return APPROVERS_LIST.format(manager=mention(manager))


def planned_text(planned_at: dt.datetime | None, tz: dt.tzinfo) -> str:
    return APPROVAL_PLANNED.format(planned=format_datetime(planned_at, tz)) if planned_at else ""


# --- Builders ---------------------------------------------------------------------------------------------------


def build_notice_blocks(text: str, *, buttons: Sequence[ButtonElement] = (), note: str | None = None) -> list[Block]:
    """A reminder: its text, the buttons that act on it, and a short note under them."""
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_TEXT_MAX)))]
    if buttons:
        blocks.append(ActionsBlock(elements=list(buttons)))
    if note:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=note)]))
    return blocks


def build_renewal_blocks(text: str, account_id: str) -> list[Block]:
    return build_notice_blocks(text, buttons=[renew_plan_button(account_id)])


def build_password_blocks(text: str, account_id: str) -> list[Block]:
    return build_notice_blocks(text, buttons=[password_rotated_button(account_id)], note=PASSWORD_HOW_TO_RECORD)


@dataclasses.dataclass(frozen=True, slots=True)
class ReportSummary:
    """What the monthly report message says (the full table goes in the CSV)."""

    month: dt.date  # first day of the reported month
    total: int
    met: int
    short: int
    exempt: int
    lapsed: int
    password: int
    no_2fa: int
    incidents: int
    median_lead_hours: float | None
    short_accounts: tuple[tuple[str, str, int, int], ...]  # (id, department, posts, minimum), worst first
    platforms: tuple[str, ...]  # platforms in use, for the guidance


def lead_text(hours: float | None) -> str:
    return REPORT_LEAD_NONE if hours is None else REPORT_LEAD_HOURS.format(hours=hours)


def build_monthly_report_blocks(summary: ReportSummary) -> list[Block]:
    month = month_label(summary.month)
    blocks: list[Block] = [
        HeaderBlock(text=truncate(REPORT_HEADER.format(month=month), HEADER_TEXT_MAX)),
        SectionBlock(
            text=MarkdownTextObject(
                text=REPORT_SUMMARY.format(
                    total=summary.total,
                    met=summary.met,
                    short=summary.short,
                    exempt=summary.exempt,
                    lapsed=summary.lapsed,
                    password=summary.password,
                    no_2fa=summary.no_2fa,
                    incidents=summary.incidents,
                    lead=lead_text(summary.median_lead_hours),
                )
            )
        ),
    ]
    if summary.short_accounts:
        lines = [
            REPORT_SHORT_LINE.format(account_id=a, department=escape(d), count=n, minimum=m)
            for a, d, n, m in summary.short_accounts[:REPORT_SHORT_MAX]
        ]
        if len(summary.short_accounts) > REPORT_SHORT_MAX:
            lines.append(REPORT_MORE.format(count=len(summary.short_accounts) - REPORT_SHORT_MAX))
        text = REPORT_SHORT_TITLE + "\n" + "\n".join(lines)
    else:
        text = REPORT_NONE_SHORT
    blocks.append(SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_TEXT_MAX))))
    guidance = [
        REPORT_GUIDANCE_LINE.format(
            platform=platform_label(p), frequency=FREQUENCY_GUIDANCE.get(p, FREQUENCY_NOT_IN_TABLE)
        )
        for p in (summary.platforms or tuple(FREQUENCY_GUIDANCE))
    ]
    blocks.append(SectionBlock(text=MarkdownTextObject(text=REPORT_GUIDANCE_TITLE + "\n" + "\n".join(guidance))))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=REPORT_FILES_NOTE)]))
    return blocks


def monthly_report_text(summary: ReportSummary) -> str:
    return REPORT_TEXT.format(
        month=month_label(summary.month), total=summary.total, met=summary.met, short=summary.short
    )
