"""Japanese texts of the workflows, the configuration and the command line, kept together for review.

Slack mentions are written ``<@U…>`` (Slack renders them as names). Templates use ``str.format``.
"""

from __future__ import annotations

import datetime as dt

from storage.models import DraftState

# --- Common labels --------------------------------------------------------------------------------

STATE_LABELS: dict[DraftState, str] = {
    DraftState.SCREENED: "チェック済み（承認依頼前）",
    DraftState.AWAITING_APPROVAL: "承認待ち",
    DraftState.ON_HOLD: "保留中（インシデント対応中）",
    DraftState.APPROVED: "承認済み",
    DraftState.CHANGES_REQUESTED: "修正依頼中",
    DraftState.REJECTED: "却下済み",
    DraftState.PUBLISHED: "公開済み",
    DraftState.VOIDED: "承認取り消し済み",
    DraftState.WITHDRAWN: "取り下げ済み",
    DraftState.EXPIRED: "期限切れ",
}

# What a person did, as a noun that reads after 「…を」 or before 「できません」.
ACTION_LABELS: dict[str, str] = {
    "request_approval": "承認依頼",
    "approve": "承認",
    "request_changes": "修正依頼",
    "reject": "却下",
    "publish": "公開済みの記録",
    "void": "承認の取り消し",
    "withdraw": "取り下げ",
    "edit": "編集",
    "declare_photos": "写真の人物についての申告",
}

# A decided draft's state, as the decision someone made.
DECISION_LABELS: dict[DraftState, str] = {
    DraftState.APPROVED: "承認",
    DraftState.CHANGES_REQUESTED: "修正依頼",
    DraftState.REJECTED: "却下",
    DraftState.PUBLISHED: "承認",
    DraftState.VOIDED: "承認",
}


def format_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def format_datetime(at: dt.datetime, tz: dt.tzinfo) -> str:
    local = at.astimezone(tz)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def mention(user: str) -> str:
    return f"<@{user}>"


def who(user: str, viewer: str) -> str:
    """How a message names the person who acted, as seen by ``viewer``."""
    return "あなた" if user == viewer else f" {mention(user)} さん"


def approvers_text(manager: str, deputies: list[str]) -> str:
    text = f"運用管理責任者 {mention(manager)} さん"
    if deputies:
        text += "と代理の " + "、".join(f"{mention(d)} さん" for d in deputies)
    return text


# --- Drafts (submission) --------------------------------------------------------------------------

UNKNOWN_ACCOUNT = "アカウント「{account_id}」は登録されていません。アカウント ID をご確認ください。"
UNKNOWN_DRAFT = "下書き（ID: {draft_id}）が見つかりません。ID をご確認ください。"
NOT_OPERATOR = (
    "{user} さんはアカウント「{account_id}」の投稿担当者として登録されていないため、下書きを受け付けられません。"
    "担当者の登録については、運用管理責任者 {manager} さんにご相談ください。"
)
PLAN_LAPSED_SUBMIT = (
    "アカウント「{account_id}」は運用計画の有効期限（{valid_until}）が切れているため、下書きを受け付けられません。"
    "運用管理責任者 {manager} さん（または管理者）が `/sns-account {account_id}` から運用計画を更新すると、"
    "再び投稿できるようになります。"
)
PLATFORM_MISMATCH = (
    "アカウント「{account_id}」は {account_platform} 用のアカウントです。"
    "{platform} 向けの投稿は、{platform} のアカウントの下書きとして作成してください。"
)
NOT_AUTHOR = "下書きの{action}ができるのは、作成者の {author} さんのみです。"
DRAFT_CLOSED = (
    "この下書きは{state}のため、{action}はできません。内容を変える場合は、新しい下書きとして投稿してください。"
)
HELD_BY_INCIDENT = (
    "アカウント「{account_id}」はインシデント {incident_id} の対応中のため、承認依頼を保留しました。"
    "インシデントが終了すると、承認依頼を再開します。"
)

# --- The author's buttons on the reply (handlers/ids.py: DRAFT_EDIT_TEXT, DRAFT_PHOTOS_*) --------------

BUTTON_EDIT_TEXT = "本文を修正"
BUTTON_PHOTOS_NO_PEOPLE = "人物は写っていません"
BUTTON_PHOTOS_CONSENTED = "本人の同意を得ています"
PHOTOS_PROMPT = "{author} さん、添付の写真に個人が特定できる人物が写っているかどうかを申告してください。"
AUTHOR_NOTE_EDIT = (
    "「本文を修正」を使えるのは作成者の {author} さんだけです。修正すると、もう一度チェックして承認をあらためて"
    "依頼します（承認済みの場合、その承認は取り消されます）。"
)
AUTHOR_NOTE_PHOTOS = (
    "写真の申告ができるのは作成者の {author} さんだけで、申告は監査記録に残ります。"
    "承認者は、申告の内容を写真で確かめてから承認してください。位置情報（GPS）の指摘は、写真を差し替えるまで残ります。"
)
NOTICE_PHOTOS_DECLARED = (
    "{author} さんが、下書き #{draft_id} の写真について「{declaration}」と申告しました。"
    "写真の人物の同意についての指摘を取り下げました。"
)
NOTICE_PHOTOS_AWAITING = "{approvers}、申告の内容をご確認のうえ、承認をお願いします。"

# --- Approval ---------------------------------------------------------------------------------------

SELF_APPROVAL = (
    "ご自身が作成した下書きの{action}はできません。公式アカウントの投稿は必ず複数の職員で確認します"
    "（辰野町指針4(4)）。{approvers}に依頼してください。"
)
NOT_APPROVER = (
    "{user} さんはアカウント「{account_id}」の承認者ではないため、{action}はできません。承認できるのは{approvers}です。"
)
STALE_CONTENT = (
    "この操作は以前の内容に対するものです。下書きはその後編集されています。"
    "最新の内容をご確認のうえ、あらためて操作してください。"
)
ALREADY_DECIDED = "この下書きは {when} に{who}が既に{decision}しています。"
ALREADY_PUBLISHED = "この下書きは {when} に{who}が既に公開済みとして記録しています。"
NOT_AWAITING = "この下書きは現在「{state}」のため、{action}はできません。"
BLOCKED = (
    "この下書きには修正が必要な指摘があるため、承認に進めません。作成者が内容を修正すると、あらためてチェックされます。"
)
WARNINGS_NOT_ACCEPTED = (
    "この下書きには確認が必要な指摘が {count} 件あります（{rules}）。"
    "指摘の内容を確認し、「指摘を確認しました」にチェックを入れてから承認してください。"
)
PLAN_LAPSED = (
    "アカウント「{account_id}」は運用計画の有効期限（{valid_until}）が切れているため、{action}はできません。"
    "運用管理責任者 {manager} さん（または管理者）が `/sns-account {account_id}` から運用計画を更新すると、"
    "{action}ができるようになります。"
)
ACCOUNT_FROZEN = (
    "アカウント「{account_id}」はインシデント {incident_id} の対応中のため、{action}はできません。"
    "インシデントが終了するまでお待ちください。"
)
REASON_REQUIRED = "{action}の理由を入力してください。作成者が内容を見直す手がかりになります。"
INVALID_URL = "公開した投稿の URL を、https:// で始まる形で入力してください。"
NOT_ACCOUNT_MEMBER = "{user} さんはアカウント「{account_id}」の担当者ではないため、{action}はできません。"
CONCURRENT_CHANGE = "ほかの操作と重なったため、処理できませんでした。最新の状態をご確認のうえ、もう一度お試しください。"

# --- Accounts ----------------------------------------------------------------------------------------

ACCOUNTS_IMPORTED = (
    "{total} 件のアカウントを取り込みました（新規 {created} 件、更新 {updated} 件、変更なし {unchanged} 件）。"
)
NO_ACCOUNTS = "登録されているアカウントはありません。python app.py accounts import FILE.yml で登録してください。"
ACCOUNT_TABLE_HEADERS = (
    "アカウント",
    "媒体",
    "担当課",
    "運用管理責任者",
    "計画有効期限",
    "パスワード経過",
    "今月の投稿",
    "状態",
)
ACCOUNT_STATE_ACTIVE = "稼働中"
ACCOUNT_STATE_LAPSED = "計画期限切れ"
ACCOUNT_STATE_FROZEN = "凍結中（{incident_id}）"
PASSWORD_AGE = "{days}日"
PASSWORD_AGE_OVERDUE = "{days}日（要変更）"
PASSWORD_UNKNOWN = "記録なし"
POSTS_THIS_MONTH = "{count}件"
POSTS_BELOW_MINIMUM = "{count}件（目標 {minimum}件）"

# --- Configuration -----------------------------------------------------------------------------------

CONFIG_NOT_FOUND = (
    "設定ファイル {path} が見つかりません。環境変数 SNS_GATE_CONFIG で場所を指定するか、"
    "examples/sns-gate.yml を参考に作成してください。"
)
FILE_NOT_FOUND = "ファイル {path} が見つかりません。"
FILE_UNREADABLE = "ファイル {path} を読み込めませんでした（UTF-8 のテキストファイルか、ご確認ください）。"
CONFIG_INVALID = "設定ファイル {path} に誤りがあります（{count} 件）。"
CONFIG_PROBLEM = "設定ファイル {path} の {line} 行目: {key}: {problem}"
CONFIG_PROBLEM_NO_LINE = "設定ファイル {path}: {key}: {problem}"
CONFIG_YAML_SYNTAX = "設定ファイル {path} の {line} 行目: YAML の書き方に誤りがあります（{problem}）。"
CONFIG_NOT_MAPPING = "設定ファイル {path}: 「キー: 値」の形式で書いてください。"
ACCOUNTS_FILE_SHAPE = "設定ファイル {path}: accounts: の下にアカウントの一覧を書いてください。"

# pydantic's error types, in Japanese. {…} are filled from the error's context.
CONFIG_ERROR_TYPES: dict[str, str] = {
    "missing": "必須の項目がありません。",
    "extra_forbidden": "不明な項目です。綴りをご確認ください。",
    "string_type": "文字列で指定してください。",
    "string_too_short": "空にはできません。",
    "int_type": "整数で指定してください。",
    "int_parsing": "整数で指定してください。",
    "int_from_float": "整数で指定してください。",
    "bool_type": "true か false で指定してください。",
    "bool_parsing": "true か false で指定してください。",
    "date_type": "日付を YYYY-MM-DD の形式で指定してください。",
    "date_parsing": "日付を YYYY-MM-DD の形式で指定してください。",
    "date_from_datetime_parsing": "日付を YYYY-MM-DD の形式で、実在する日付で指定してください。",
    "date_from_datetime_inexact": "時刻を含めず、日付だけを YYYY-MM-DD の形式で指定してください。",
    "list_type": "一覧（[a, b] または「- 」で始まる行）で指定してください。",
    "dict_type": "「キー: 値」の形式で指定してください。",
    "model_type": "「キー: 値」の形式で指定してください。",
    "model_attributes_type": "「キー: 値」の形式で指定してください。",
    "literal_error": "{expected} のいずれかを指定してください。",
    "greater_than_equal": "{ge} 以上の値を指定してください。",
    "less_than_equal": "{le} 以下の値を指定してください。",
    "too_short": "少なくとも {min_length} 件指定してください。",
}
CONFIG_ERROR_FALLBACK = "値が正しくありません（{detail}）。"
DID_YOU_MEAN = "（{suggestion} の誤りではありませんか？）"
DUPLICATE_KEY = "同じ項目が 2 回書かれています（最初は {first} 行目）。"
BAD_USER_ID = "Slack のユーザー ID（U または W で始まる英大文字と数字。例: U012AB3CD）を指定してください。"
BAD_CHANNEL_ID = "Slack のチャンネル ID（C または G で始まる英大文字と数字。例: C012AB3CD）を指定してください。"
BAD_ACCOUNT_ID = "アカウント ID は英小文字・数字・ハイフンで、2〜64 文字にしてください（例: joetsu-x）。"
BAD_TIME = '時刻を "HH:MM" の形式で指定してください（例: "08:30"）。'
BAD_MONTH_DAY = '月日を "MM-DD" の形式で、実在する日付で指定してください（例: "02-01"）。'
BAD_TIMEZONE = "タイムゾーン名が正しくありません（例: Asia/Tokyo）。"
BAD_DOMAIN = "ドメイン名（例: city.example.lg.jp）を、https:// やパスを付けずに指定してください。"
BAD_PHONE = "日本の電話番号として正しくありません（例: 025-526-5111）。"
WORKING_HOURS_ORDER = "終業時刻（end）は始業時刻（start）より後にしてください。"
SCHEDULE_ORDER = "plan_renewal_from、plan_renewal_pr_from、plan_lapse_on の順に日付が進むように指定してください。"
DUPLICATE_ACCOUNT = "アカウント ID「{account_id}」が重複しています。"

# --- Command line ------------------------------------------------------------------------------------

CLI_USAGE_ERROR = "コマンドの指定に誤りがあります: {detail}"
CLI_BAD_DATE = "日付を YYYY-MM-DD の形式で指定してください（例: 2026-04-01）。"
DB_UPGRADED = "データベースを最新の状態にしました（リビジョン {revision}）。"
DB_NOT_CURRENT = (
    "データベースが初期化されていないか、構造が古いままです。先に python app.py db upgrade を実行してください。"
)
DB_UNREACHABLE = (
    "データベース {url} に接続できないか、応答がありませんでした。"
    "環境変数 DATABASE_URL の設定と、データベースが動いているかをご確認ください。"
)
DB_ERROR = (
    "データベースの処理でエラーが起きました（{kind}）。"
    "時間をおいて再度お試しいただき、続く場合は管理者にご連絡ください。"
)
CONFIG_SUMMARY_OK = "設定ファイル {path} に問題はありません。"
SUMMARY_ORGANIZATION = "  組織: {organization}（指針: {policy}）"
SUMMARY_TIME = "  タイムゾーン: {timezone}　勤務時間: 平日 {start}〜{end}"
SUMMARY_CHANNELS = "  連絡先チャンネル: 広報 {pr}、情報セキュリティ {infosec}"
SUMMARY_ROLES = "  担当者: 広報 {pr} 名、情報セキュリティ {infosec} 名、管理者 {admins} 名"
SUMMARY_DOMAINS = "  公式ドメイン: {official}　信頼するドメイン: {trusted} 件　公式電話番号: {phones} 件"
SUMMARY_ACCOUNTS = "  設定ファイル内のアカウント: {count} 件（{ids}）"
SUMMARY_SCHEDULE = (
    "  スケジュール: 投稿頻度の確認は毎月 {posting_day} 日から、運用計画の更新案内は {renewal} から"
    "（広報へは {renewal_pr} から、{lapse} に失効）、パスワード変更は {password_days} 日ごと、"
    "承認の催促は {reminder_hours} 勤務時間後（広報へは {pr_hours} 勤務時間後）"
)
SUMMARY_NONE = "なし"

# --- run (starting the bot) ---------------------------------------------------------------------------

RUN_MISSING = "Slack ボットを{mode}で起動するための環境変数が設定されていません: {names}"
RUN_MODE_LABELS = {"socket": "ソケットモード", "http": "HTTP モード"}
RUN_HELP = """
必要な環境変数:
  SLACK_BOT_TOKEN       ボットトークン（xoxb- で始まります）。Slack アプリの設定画面の
                        「OAuth & Permissions」にある Bot User OAuth Token です。
  SLACK_APP_TOKEN       ソケットモードで使うアプリレベルトークン（xapp- で始まります）。
                        「Basic Information」→「App-Level Tokens」で connections:write を付けて作成します。
  SLACK_SIGNING_SECRET  HTTP モードで使う署名シークレット。「Basic Information」→「App Credentials」にあります。

起動の方法:
  ソケットモード（庁内ネットワークから外向きの接続だけで動きます。おすすめ）:
      SLACK_BOT_TOKEN と SLACK_APP_TOKEN を設定して python app.py run
  HTTP モード（Slack から届く公開 HTTPS の URL が必要です）:
      SLACK_BOT_TOKEN と SLACK_SIGNING_SECRET を設定して python app.py run --mode http
      （Request URL は https://<公開ホスト名>/slack/events、待ち受けポートは環境変数 PORT、既定 3000）

Slack アプリがまだない場合:
  1. https://api.slack.com/apps を開き、「Create New App」→「From a manifest」を選びます。
  2. ワークスペースを選び、このリポジトリの manifest.yml の内容を貼り付けて作成します。
  3. 「Install to Workspace」でインストールし、表示されたトークンを上の環境変数に設定します。
  4. 各アカウントの下書きチャンネルにボットを招待します（チャンネルで /invite @sns-gate）。
""".rstrip()
RUN_BAD_PORT = "環境変数 PORT には 1〜65535 のポート番号を指定してください（現在: {port}）。"
RUN_AUTH_FAILED = (
    "Slack に接続できませんでした（{error}）。SLACK_BOT_TOKEN が正しいか、アプリがワークスペースに"
    "インストールされているかをご確認ください。"
)
RUN_ACCOUNTS_SEEDED = (
    "設定ファイルのアカウント {created} 件を登録しました"
    "（登録済みの {kept} 件はデータベースの内容を優先し、変更していません）。"
)
RUN_STARTED_SOCKET = "sns-gate をソケットモードで起動しました。終了するには Ctrl+C を押してください。"
RUN_STARTED_HTTP = "sns-gate を HTTP モードで起動しました（ポート {port}、{events} と {health}）。"
