"""Every Japanese text of the incident feature, in one place for review.

Slack mentions are written ``<@U…>`` and channels ``<#C…>`` (Slack renders them as names). Templates use
``str.format``. The playbooks' own wording (step titles, descriptions, quoted clauses, post templates)
lives in playbooks.yml next to the guideline clauses it comes from.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from bot.messages import format_datetime, mention

OFFICE_LABELS = {"pr": "広報", "infosec": "情報セキュリティ"}
OWNER_LABELS = {"manager": "運用管理責任者", "pr": "広報担当", "infosec": "情報セキュリティ担当"}
STATE_OPEN = "対応中"
STATE_CLOSED = "終了"
TYPES_TEXT = "炎上（flaming）・なりすまし（impersonation）・乗っ取り（hijack）"

# --- /sns-incident --------------------------------------------------------------------------------------

USAGE = (
    "`/sns-incident` の使い方:\n"
    "• `/sns-incident` … 報告フォームを開きます。\n"
    "• `/sns-incident 種類 アカウント URL 内容` … その場で報告します。\n"
    f"　種類は{TYPES_TEXT}のいずれかです。\n"
    "　例: `/sns-incident なりすまし joetsu-x https://x.com/joetsu_clty 偽アカウントを発見`\n"
    "• `/sns-incident close INC-2026-0001 まとめ` … インシデントを終了します（広報・情報セキュリティ担当と管理者）。"
)
PROBLEMS_HEADER = "報告の内容を読み取れませんでした。"
FALLBACK_MODAL_OPENED = "読み取れた内容を入れた報告フォームを開きました。足りない項目を入力して送信してください。"
FALLBACK_MODAL_FAILED = (
    "報告フォームを開けませんでした（Slack の操作の有効期限が切れた可能性があります）。"
    "もう一度 `/sns-incident` を実行してください。"
)
UNKNOWN_TYPE = "種類「{value}」は受け付けていません。{types}のいずれかを指定してください。"
MISSING_TYPE = "インシデントの種類を指定してください（{types}）。"
MISSING_ACCOUNT = "対象の公式アカウントを、アカウント ID（例: {example}）で指定してください。"
UNKNOWN_ACCOUNT = "アカウント「{value}」は登録されていません。登録済みのアカウント: {known}"
NO_ACCOUNTS = "登録済みのアカウントがありません。管理者に、python app.py accounts import での登録を依頼してください。"
BAD_URL = "「{value}」は URL として読み取れませんでした。https:// で始まる URL を、空白を入れずに指定してください。"
URL_REQUIRED = "なりすましの報告には、偽のアカウントまたはその投稿の URL が必要です。"
NOTE_TOO_LONG = "「何が起きたか」は {limit} 文字以内で入力してください（現在 {length} 文字）。"
CLOSE_USAGE = "終了するインシデントの ID を `/sns-incident close INC-2026-0001 まとめ` の形で指定してください。"
BAD_INCIDENT_ID = "「{value}」はインシデント ID の形式ではありません（例: INC-2026-0001）。"
UNKNOWN_INCIDENT = "インシデント {incident_id} は見つかりません。ID をご確認ください。"

# --- Replies to the reporter ----------------------------------------------------------------------------

OPENED = "インシデント *{incident_id}*（{type_label}・{account_id}）を開始しました。{notified}に連絡しました。"
THREAD_LINK = "対応状況はスレッドで確認できます: {link}"
JOINED_SAME = (
    "アカウント「{account_id}」の{type_label}は、既に *{incident_id}* として対応中です。"
    "新しいインシデントは作らず、この報告を {incident_id} に追加しました。"
)
JOINED_SAME_URL = (
    "この URL は既に *{incident_id}*（{type_label}・{account_id}）として報告され、対応中です。"
    "新しいインシデントは作らず、この報告を {incident_id} に追加しました。"
)
NOTIFY_FAILED = (
    "ただし、{channel} への通知に失敗しました（{error}）。ボットがチャンネルに参加しているか、管理者にご確認ください。"
)
FROZEN = "終了するまで、アカウント「{account_id}」の承認と公開の記録を止めます。"
HELD_DRAFTS = "承認待ちの下書き {count} 件を保留にしました。"

# --- Escalation message (PR and infosec channels) -------------------------------------------------------

ESCALATION_FALLBACK = "【インシデント】{incident_id} {type_label}（{account_id}）: 主担当は{lead}です。"
ESCALATION_HEADER = "🚨 {incident_id} {type_label}"
ESCALATION_CLOSED_HEADER = "✅ {incident_id} {type_label}（終了）"
FIELD_TYPE = "*種類*\n{type_label}"
FIELD_LEAD = "*主担当*\n{lead}（{channel}）"
FIELD_ACCOUNT = "*アカウント*\n{account_id}（{platform} {handle}）"
FIELD_REPORTER = "*報告者*\n{reporter}"
FIELD_OPENED = "*報告日時*\n{opened}"
FIELD_URL = "*URL*\n{url}"
FIELD_STATE = "*状態*\n{state}"
NOTE = "*報告内容*\n{note}"
FIRST_STEPS = "*最初の対応*\n{steps}"
PROGRESS = "手順 {done}/{total} 完了"
THREAD_HERE = (
    "対応の手順と記録は、このメッセージのスレッドにあります。"
    "スレッド内のメッセージにリアクションを付けると、タイムラインに記録されます。"
)
LEAD_THREAD = "対応の手順と記録は、{lead}のチャンネルのスレッドにあります: <{link}|スレッドを開く>"
CLOSED_LINE = "{when} に {who} さんが終了しました（対応時間 {duration}）。"
JOIN_BUTTON = "対応に参加する"
CLOSE_BUTTON = "終了する"
DONE_BUTTON = "完了"

# --- Handle comparison (impersonation) ------------------------------------------------------------------

HANDLE_IDENTICAL = (
    "報告されたアカウント `{reported}` は、公式アカウント {official}（{account_id}）と同じハンドルです。"
    "公式アカウントそのものに問題がある場合は、「乗っ取り」として報告してください。"
)
HANDLE_HOMOGLYPH = (
    "報告されたアカウント `{reported}` は、公式アカウント {official}（{account_id}）と見た目では区別できません"
    "（{diffs}）。なりすましの可能性が非常に高いです。"
)
HANDLE_LOOKALIKE = (
    "報告されたアカウント `{reported}` は、公式アカウント {official}（{account_id}）と {distance} 文字違いで、"
    "見分けにくい文字を使っています（{diffs}）。なりすましの可能性が高いです。"
)
HANDLE_NEAR = (
    "報告されたアカウント `{reported}` は、公式アカウント {official}（{account_id}）と"
    " {distance} 文字違いです（{diffs}）。"
)
HANDLE_CONTAINS = (
    "報告されたアカウント `{reported}` は、公式アカウント {official}（{account_id}）の"
    "ハンドルに文字を加えた形です（{diffs}）。"
)
HANDLE_SIMILAR = (
    "報告されたアカウント `{reported}` は、公式アカウント {official}（{account_id}）と似ています（一致度 {percent}%）。"
)
HANDLE_DIFFERENT = (
    "報告されたアカウント `{reported}` は、登録済みの公式アカウントとは似ていません"
    "（最も近いのは {official}、{distance} 文字違い）。"
)
HANDLE_UNREADABLE = "URL からアカウント名を読み取れなかったため、公式アカウントとの比較はしていません。"
DIFF_REPLACED = "「{official}」が「{reported}」{script}"
DIFF_ADDED = "「{reported}」が追加{script}"
DIFF_REMOVED = "「{official}」が欠落"
DIFF_SEPARATOR = "、"
SCRIPT_NAMES = {"CYRILLIC": "キリル文字", "GREEK": "ギリシャ文字"}
SCRIPT_NOTE = "（{scripts}）"

ROUTE = (
    "{service} のなりすまし報告窓口: <{url}|{url}>\n{in_app}\n"
    "※ 窓口のページは変わることがあります。開く前に、各サービスのヘルプセンターでご確認ください。"
)

# --- Checklist (the incident thread) --------------------------------------------------------------------

CHECKLIST_FALLBACK = "{incident_id} の対応手順（{type_label}）"
CHECKLIST_HEADER = "{incident_id} 対応手順（{type_label}）"
CHECKLIST_INTRO = (
    "{guideline}に基づく手順です。済んだ手順の「完了」を押すと、誰がいつ行ったかを記録します。"
    "終わったら「終了する」からまとめを入力してください。"
)
CHECKLIST_INTRO_CLOSED = "このインシデントは終了しました。"
STEP_OPEN = "☐ *{number}. {title}*\n{description}\n担当: {owners}"
STEP_DONE = "✅ *{number}. {title}*\n{who} さんが {when} に完了（開始から {elapsed}）"
STEP_TEMPLATE = "文案:\n>{template}"
CITATION = "{guideline} {clause}「{quote}」"
GUIDELINES_DEFAULT = "各市町のガイドライン"
STEP_DONE_NOTICE = "✅ 手順 {number}「{title}」を {who} さんが完了しました（{when}、開始から {elapsed}）。"
STEPS_REMAINING = "残りの手順は {count} 件です。"
ALL_STEPS_DONE = (
    "すべての手順が完了しました。対応が済んだら「終了する」からまとめを入力して、インシデントを終了してください。"
)
JOINED_NOTICE = "{who} さんが対応に参加しました。"
REPORTED_AGAIN_NOTICE = "{who} さんから同じ事案の報告がありました。"
CLOSED_NOTICE = (
    "{incident_id} を終了しました（{who} さん、対応時間 {duration}）。アカウント「{account_id}」の凍結を解除しました。"
)
RELEASED_DRAFTS = "保留していた下書き {count} 件の承認依頼を再開しました。"
REPORT_INLINE = (
    "*インシデント報告書*（`python app.py incidents export {incident_id}` でも出力できます）\n```\n{markdown}\n```"
)
REPORT_FILE_COMMENT = (
    "{incident_id} のインシデント報告書です（`python app.py incidents export {incident_id}` でも出力できます）。"
)

# --- Button replies -------------------------------------------------------------------------------------

JOINED_REPLY = "{incident_id} の対応に参加しました。"
ALREADY_MEMBER = "{incident_id} の対応には既に参加しています。"
STEP_RECORDED = "手順「{title}」を完了として記録しました。"
STEP_ALREADY_DONE = "この手順は {when} に{who}が完了として記録しています。"
UNKNOWN_STEP = "手順「{step_id}」はインシデント {incident_id} にありません。"
INCIDENT_CLOSED = "インシデント {incident_id} は {when} に終了しているため、{action}はできません。"
ALREADY_CLOSED = "インシデント {incident_id} は {when} に{who}が既に終了しています。"
NOT_ALLOWED_TO_CLOSE = (
    "インシデントを終了できるのは、広報担当・情報セキュリティ担当（各チャンネルのメンバーを含みます）と管理者です。"
    "{user} さんは終了できません。対応が済んだ場合は、広報担当にご連絡ください。"
)
SUMMARY_REQUIRED = "終了時のまとめ（何が起き、どう対応したか）を入力してください。報告書に記載されます。"
CLOSED_REPLY = (
    "インシデント *{incident_id}* を終了し、アカウント「{account_id}」の凍結を解除しました。"
    "報告書をスレッドに投稿しました。"
)
ACTION_RECORD_STEP = "手順の記録"
ACTION_JOIN = "参加"

# --- Modals ---------------------------------------------------------------------------------------------

MODAL_TITLE = "インシデントの報告"
MODAL_SUBMIT = "報告する"
MODAL_CLOSE = "キャンセル"
MODAL_DISMISS = "閉じる"
MODAL_INTRO = (
    "公式アカウントの炎上・なりすまし・乗っ取りを、広報と情報セキュリティの担当にすぐ知らせます。"
    "分かる範囲で入力してください。"
)
LABEL_TYPE = "種類"
LABEL_ACCOUNT = "対象のアカウント"
LABEL_ACCOUNT_ID = "対象のアカウント ID"
LABEL_URL = "問題の投稿・アカウントの URL"
LABEL_NOTE = "何が起きたか"
HINT_URL = "なりすましの場合は必須です。https:// で始まる URL を入力してください。"
HINT_ACCOUNT_ID = "登録済みのアカウント ID（例: {example}）を入力してください。"
PLACEHOLDER_ACCOUNT = "アカウントを選んでください"
PLACEHOLDER_NOTE = "例: 公式アカウントを装った偽のアカウントを見つけました。"
TYPE_OPTIONS = {
    "flaming": "炎上（批判や苦情が殺到している）",
    "impersonation": "なりすまし（公式を装った偽のアカウント）",
    "hijack": "乗っ取り（不正にログインされた）",
}
ACCOUNT_OPTION = "{account_id}（{platform} {handle}）"
WORKING_TITLE = "受け付けました"
WORKING_OPEN = "インシデントを登録し、担当者に連絡しています…"
WORKING_CLOSE = "インシデントを終了し、報告書を作成しています…"
RESULT_TITLE = "インシデント"
ERROR_TITLE = "処理できませんでした"
CLOSE_MODAL_TITLE = "インシデントの終了"
CLOSE_MODAL_SUBMIT = "終了する"
CLOSE_MODAL_INTRO = "*{incident_id}*（{type_label}・{account_id}）を終了し、アカウントの凍結を解除します。"
LABEL_SUMMARY = "まとめ"
HINT_SUMMARY = "何が起き、どう対応し、再発を防ぐために何をするか。報告書に記載されます。"

# --- Drafts held by an incident (for the drafts flow and the drafts' threads) ---------------------------

FREEZE_REASON = (
    "アカウント「{account_id}」はインシデント {incident_id}（{type_label}、{opened} 開始）の対応中のため、"
    "承認できません。下書きのチェックは行いましたが、承認依頼は保留しています。インシデントが終了すると、承認依頼を再開します。"
)
FREEZE_THREAD = "対応状況: {link}"
DRAFT_HELD_NOTICE = (
    "インシデント {incident_id}（{type_label}）の対応が始まったため、この下書きの承認依頼を保留しました。"
    "インシデントが終了すると再開します。"
)
DRAFT_RELEASED_NOTICE = "インシデント {incident_id} が終了したため、この下書きの承認依頼を再開しました。"

# --- Follow-up job --------------------------------------------------------------------------------------

REMINDER = (
    "⏰ {incident_id}（{type_label}・{account_id}）は開始から {elapsed} が経ちました。"
    "未完了の手順が {count} 件あります。済んだ手順は「完了」を押して記録してください。"
)
REMINDER_STEP = "• {title} — 担当: {owners}"
REVIEW = (
    "📝 {incident_id}（{type_label}・{account_id}）の終了から 1 週間が経ちました。{mentions}"
    "関係者で短い振り返りの場を設け、再発を防ぐための対策をご確認ください。"
)
REVIEW_LINK = "報告書はインシデントのスレッドにあります: {link}"
FOLLOWUP_SKIPPED = "{reason}のため、催促は送りませんでした。"
FOLLOWUP_SUMMARY = "incident-followup: 手順の催促を {reminded} 件、振り返りの案内を {reviews} 件送りました。"
FOLLOWUP_DRY_RUN = (
    "incident-followup（試行）: 手順の催促 {reminded} 件、振り返りの案内 {reviews} 件を送る予定です"
    "（送信はしていません）。"
)
FOLLOWUP_FAILED = "送信に失敗したものが {failed} 件あります（次の実行で再送します）。"
OUT_OF_HOURS = "勤務時間外"

# --- Timeline and report --------------------------------------------------------------------------------

TIMELINE = {
    "opened": "{actor} さんが報告し、インシデントを開始しました。",
    "reported_again": "{actor} さんから同じ事案の報告がありました。",
    "joined": "{actor} さんが対応に参加しました。",
    "held": "承認待ちの下書き {count} 件を保留にしました。",
    "escalated": "{channels} に連絡しました。",
    "step_done": "手順「{title}」を {actor} さんが完了しました。",
    "message": "{author} さんのメッセージを記録しました（{actor} さんのリアクション）。",
    "closed": "{actor} さんがインシデントを終了しました。",
    "released": "保留していた下書き {count} 件の承認依頼を再開しました。",
}
SYSTEM_ACTOR = "sns-gate"

REPORT_TITLE = "# インシデント報告書 {incident_id}"
REPORT_FIELDS = {
    "type": "種類",
    "lead": "主担当",
    "account": "アカウント",
    "reporter": "報告者",
    "opened": "開始",
    "closed": "終了",
    "closed_by": "終了した人",
    "duration": "対応時間",
    "url": "URL",
    "state": "状態",
}
REPORT_ITEM = "項目"
REPORT_VALUE = "内容"
REPORT_ACCOUNT = "{account_id}（{platform} {handle}、{department}）"
REPORT_SUMMARY = "## まとめ"
REPORT_NOTE = "## 最初の報告"
REPORT_STEPS = "## 対応手順"
REPORT_STEP_HEADERS = ("#", "手順", "担当", "完了した人", "完了日時", "開始からの経過")
REPORT_NOT_DONE = "未完了"
REPORT_TIMELINE = "## タイムライン"
REPORT_CITATIONS = "## 根拠となるガイドライン"
REPORT_NONE = "（なし）"
REPORT_STILL_OPEN = "（対応中）"
REPORT_MESSAGE_LINK = "[メッセージ]({permalink})"


# --- Formatting helpers ---------------------------------------------------------------------------------


def format_duration(delta: dt.timedelta) -> str:
    """ "1日3時間20分", "5時間", "45分", "1分未満" (negative durations count as zero)."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes == 0:
        return "1分未満"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    return "".join(f"{value}{unit}" for value, unit in ((days, "日"), (hours, "時間"), (mins, "分")) if value)


def format_when(at: dt.datetime, tz: dt.tzinfo) -> str:
    return format_datetime(at, tz)


def who(user: str, viewer: str | None = None) -> str:
    """How a reply names the person who acted, as seen by ``viewer``."""
    return "あなた" if user == viewer else f" {mention(user)} さん"


def mentions(users: list[str] | tuple[str, ...]) -> str:
    return "、".join(f"{mention(u)} さん" for u in users)


def script_of(text: str) -> str | None:
    """ "キリル文字" or "ギリシャ文字" when ``text`` has such a letter (for explaining a homoglyph)."""
    scripts = []
    for ch in text:
        name = unicodedata.name(ch, "")
        for prefix, label in SCRIPT_NAMES.items():
            if name.startswith(prefix) and label not in scripts:
                scripts.append(label)
    return "・".join(scripts) or None
