"""`/sns-account`: an account's compliance status, the list of one's accounts, the plan-renewal modal,
and the two buttons the reminders share (renew the plan, record a password change). Pure builders,
with every Japanese text of the feature in this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DatePickerElement,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.blocks import HEADER_TEXT_MAX, SECTION_TEXT_MAX, escape, truncate
from bot.blocks.approval import PLATFORM_LABELS
from bot.messages import format_date, mention
from handlers.ids import ActionId, BlockId, CallbackId

LIST_MAX = 20  # accounts listed by `/sns-account` without an argument

# --- Texts ---------------------------------------------------------------------------------------------------

STATUS_HEADER = "アカウント「{account_id}」の状況"
FIELD_ACCOUNT = "*媒体・アカウント名*\n{platform} {handle}"
FIELD_DEPARTMENT = "*担当課*\n{department}"
FIELD_MANAGER = "*運用管理責任者*\n{manager} さん"
FIELD_MANAGER_WITH_DEPUTIES = "*運用管理責任者*\n{manager} さん（代理: {deputies}）"
FIELD_PLAN = "*運用計画の期限*\n{state}"
PLAN_VALID = "{valid_until}まで（有効）"
PLAN_RENEWAL_DUE = "{valid_until}まで（未更新: {lapse_on}に失効します。更新をお願いします）"
PLAN_LAPSED = "{valid_until}で期限切れ（更新されるまで、下書きを承認できません）"
FIELD_PASSWORD = "*パスワードの変更*\n{state}"
PASSWORD_OK = "最終変更 {rotated_on}（{age}日前）。次の変更期限は {due} です"
PASSWORD_OVERDUE = "最終変更 {rotated_on}（{age}日前）。変更期限の {due} を過ぎています。変更をお願いします"
PASSWORD_UNKNOWN = "変更の記録がありません。変更したら記録をお願いします"
FIELD_TWO_FACTOR = "*二段階認証*\n{state}"
TWO_FACTOR_ON = "設定済み"
TWO_FACTOR_OFF = "未設定です。可能な限り設定をお願いします"
FIELD_POSTS = "*今月の投稿*\n{state}"
POSTS_WITH_MINIMUM = "{count}件（月の目標 {minimum}件）"
POSTS_BELOW_MINIMUM = "{count}件（月の目標 {minimum}件に届いていません）"
POSTS_NO_MINIMUM = "{count}件"
FIELD_INCIDENT = "*インシデント*\n{state}"
INCIDENT_NONE = "対応中のものはありません"
INCIDENT_OPEN = "{incident_id} の対応中です（投稿の承認を止めています）"
STATUS_EDIT_HINT = (
    "パスワードそのものは、このボットに送らないでください。"
    "ボットが記録するのは、変更したことと、記録した人・日時だけです。"
)
STATUS_READ_ONLY_HINT = "運用計画の更新やパスワード変更の記録は、運用管理責任者 {manager} さんか管理者が行えます。"

BUTTON_RENEW_PLAN = "運用計画の更新を記録"
BUTTON_PASSWORD_ROTATED = "パスワード変更を記録"
CONFIRM_PASSWORD_TITLE = "パスワード変更の記録"
CONFIRM_PASSWORD_TEXT = (
    "アカウント「{account_id}」のパスワードを本日変更したことを記録します。"
    "パスワードそのものは入力しないでください。よろしいですか？"
)
CONFIRM_PASSWORD_YES = "記録する"
CONFIRM_PASSWORD_NO = "やめる"

LIST_HEADER = "あなたに関係するアカウント（{count}件）"
LIST_HEADER_ALL = "登録されているアカウント（{count}件）"
LIST_LINE = "• *{account_id}*（{platform} {handle}、{department}）: {state}"
LIST_STATE_OK = "問題はありません"
LIST_MORE = "ほかに {count} 件あります。"
LIST_HINT = "`/sns-account アカウントID` で、アカウントごとの詳しい状況を確認できます。"
LIST_EMPTY = (
    "あなたが担当者として登録されているアカウントはありません。"
    "`/sns-account アカウントID` で、アカウントの状況を確認できます。"
)
ISSUE_LAPSED = "運用計画の期限切れ"
ISSUE_RENEWAL_DUE = "運用計画の更新待ち"
ISSUE_PASSWORD = "パスワード要変更"
ISSUE_TWO_FACTOR = "二段階認証なし"
ISSUE_POSTS = "今月の投稿が目標未満"
ISSUE_INCIDENT = "インシデント対応中（{incident_id}）"

MODAL_TITLE = "運用計画の更新"
MODAL_SUBMIT = "記録する"
MODAL_CLOSE = "キャンセル"
MODAL_INTRO = (
    "アカウント「{account_id}」の運用計画の新しい有効期限を選んでください（現在の期限: {valid_until}）。"
    "運用期間は原則として年度単位です。運用計画書の提出を済ませてから記録してください。"
)
MODAL_DATE_LABEL = "新しい有効期限"
MODAL_DATE_HINT = "通常は年度末（3月31日）です。"

NOT_ALLOWED = (
    "アカウント「{account_id}」の{action}は、運用管理責任者 {manager} さんか管理者のみが行えます。"
    "必要な場合は、運用管理責任者にご相談ください。"
)
ACTION_RENEW_PLAN = "運用計画の更新の記録"
ACTION_PASSWORD = "パスワード変更の記録"
DATE_REQUIRED = "新しい有効期限を選んでください。"
DATE_NOT_AFTER_TODAY = "新しい有効期限には、今日より後の日付を選んでください。"
DATE_TOO_FAR = "新しい有効期限は {limit} までの日付を選んでください（運用計画は年度単位で更新します）。"
PLAN_RENEWED = "アカウント「{account_id}」の運用計画を {valid_until} まで更新したことを記録しました。"
PLAN_RENEWED_WAS_LAPSED = "期限切れで止まっていた下書きの承認も、これでできるようになります。"
PASSWORD_RECORDED = (
    "アカウント「{account_id}」のパスワードを {day} に変更したことを記録しました。次の変更期限は {due} です。"
)
PASSWORD_ALREADY_RECORDED = "アカウント「{account_id}」のパスワード変更は、本日すでに記録されています。"


# --- The data the builders draw ------------------------------------------------------------------------------


class PlanState(enum.StrEnum):
    VALID = "valid"
    RENEWAL_DUE = "renewal_due"  # in the renewal season and not renewed for the next cycle yet
    LAPSED = "lapsed"


@dataclasses.dataclass(frozen=True, slots=True)
class AccountLabel:
    """What every message about an account names it by (plain values; the jobs' rows and the status
    view extend it with what they need)."""

    id: str
    platform: str
    handle: str
    department: str
    manager: str


@dataclasses.dataclass(frozen=True, slots=True)
class AccountStatusView(AccountLabel):
    deputies: tuple[str, ...]
    plan_valid_until: dt.date
    plan_state: PlanState
    lapse_on: dt.date  # when an unrenewed plan lapses (the season's lapse date)
    password_rotated_on: dt.date | None
    password_age_days: int | None
    password_due: dt.date | None
    password_overdue: bool
    two_factor: bool
    posts_this_month: int
    min_posts_per_month: int
    open_incident_id: str | None
    can_edit: bool

    def issues(self) -> list[str]:
        """What needs attention, as short labels (for the list)."""
        out = []
        if self.plan_state is PlanState.LAPSED:
            out.append(ISSUE_LAPSED)
        elif self.plan_state is PlanState.RENEWAL_DUE:
            out.append(ISSUE_RENEWAL_DUE)
        if self.password_overdue:
            out.append(ISSUE_PASSWORD)
        if not self.two_factor:
            out.append(ISSUE_TWO_FACTOR)
        if self.posts_this_month < self.min_posts_per_month:
            out.append(ISSUE_POSTS)
        if self.open_incident_id:
            out.append(ISSUE_INCIDENT.format(incident_id=self.open_incident_id))
        return out


# --- Buttons shared with the reminders ----------------------------------------------------------------------


def renew_plan_button(account_id: str) -> ButtonElement:
    return ButtonElement(
        text=BUTTON_RENEW_PLAN, action_id=ActionId.ACCOUNT_RENEW_PLAN, value=account_id, style="primary"
    )


def password_rotated_button(account_id: str) -> ButtonElement:
    # Slack's confirmation dialog: a stray click records nothing.
    return ButtonElement(
        text=BUTTON_PASSWORD_ROTATED,
        action_id=ActionId.ACCOUNT_PASSWORD_ROTATED,
        value=account_id,
        confirm=ConfirmObject(
            title=CONFIRM_PASSWORD_TITLE,
            text=CONFIRM_PASSWORD_TEXT.format(account_id=account_id),
            confirm=CONFIRM_PASSWORD_YES,
            deny=CONFIRM_PASSWORD_NO,
        ),
    )


# --- Builders ---------------------------------------------------------------------------------------------------


def _plan_text(view: AccountStatusView) -> str:
    valid_until = format_date(view.plan_valid_until)
    if view.plan_state is PlanState.LAPSED:
        return PLAN_LAPSED.format(valid_until=valid_until)
    if view.plan_state is PlanState.RENEWAL_DUE:
        return PLAN_RENEWAL_DUE.format(valid_until=valid_until, lapse_on=format_date(view.lapse_on))
    return PLAN_VALID.format(valid_until=valid_until)


def _password_text(view: AccountStatusView) -> str:
    if view.password_rotated_on is None or view.password_due is None:
        return PASSWORD_UNKNOWN
    template = PASSWORD_OVERDUE if view.password_overdue else PASSWORD_OK
    return template.format(
        rotated_on=format_date(view.password_rotated_on), age=view.password_age_days, due=format_date(view.password_due)
    )


def _posts_text(view: AccountStatusView) -> str:
    if view.min_posts_per_month <= 0:
        return POSTS_NO_MINIMUM.format(count=view.posts_this_month)
    template = POSTS_BELOW_MINIMUM if view.posts_this_month < view.min_posts_per_month else POSTS_WITH_MINIMUM
    return template.format(count=view.posts_this_month, minimum=view.min_posts_per_month)


def _manager_text(view: AccountStatusView) -> str:
    if view.deputies:
        deputies = "、".join(f"{mention(d)} さん" for d in view.deputies)
        return FIELD_MANAGER_WITH_DEPUTIES.format(manager=mention(view.manager), deputies=deputies)
    return FIELD_MANAGER.format(manager=mention(view.manager))


def build_account_status_blocks(view: AccountStatusView) -> list[Block]:
    fields = [
        FIELD_ACCOUNT.format(platform=PLATFORM_LABELS.get(view.platform, view.platform), handle=escape(view.handle)),
        FIELD_DEPARTMENT.format(department=escape(view.department)),
        _manager_text(view),
        FIELD_PLAN.format(state=_plan_text(view)),
        FIELD_PASSWORD.format(state=_password_text(view)),
        FIELD_TWO_FACTOR.format(state=TWO_FACTOR_ON if view.two_factor else TWO_FACTOR_OFF),
        FIELD_POSTS.format(state=_posts_text(view)),
        FIELD_INCIDENT.format(
            state=INCIDENT_OPEN.format(incident_id=view.open_incident_id) if view.open_incident_id else INCIDENT_NONE
        ),
    ]
    blocks: list[Block] = [
        HeaderBlock(text=truncate(STATUS_HEADER.format(account_id=view.id), HEADER_TEXT_MAX)),
        SectionBlock(fields=[MarkdownTextObject(text=truncate(f, 2000)) for f in fields]),
    ]
    if view.can_edit:
        blocks.append(ActionsBlock(elements=[renew_plan_button(view.id), password_rotated_button(view.id)]))
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=STATUS_EDIT_HINT)]))
    else:
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=STATUS_READ_ONLY_HINT.format(manager=mention(view.manager)))]
            )
        )
    return blocks


def account_status_text(view: AccountStatusView) -> str:
    """The notification text of the status message (and what screen readers read)."""
    return STATUS_HEADER.format(account_id=view.id) + ": " + ("、".join(view.issues()) or LIST_STATE_OK)


def list_text(views: Sequence[AccountStatusView], *, everyone: bool) -> str:
    if not views:
        return LIST_EMPTY
    return (LIST_HEADER_ALL if everyone else LIST_HEADER).format(count=len(views))


def build_account_list_blocks(views: Sequence[AccountStatusView], *, everyone: bool) -> list[Block]:
    """A short list: the first ``LIST_MAX`` accounts with what needs attention."""
    if not views:
        return [SectionBlock(text=MarkdownTextObject(text=LIST_EMPTY))]
    header = (LIST_HEADER_ALL if everyone else LIST_HEADER).format(count=len(views))
    lines = [
        LIST_LINE.format(
            account_id=v.id,
            platform=PLATFORM_LABELS.get(v.platform, v.platform),
            handle=escape(v.handle),
            department=escape(v.department),
            state="、".join(v.issues()) or LIST_STATE_OK,
        )
        for v in views[:LIST_MAX]
    ]
    text = "\n".join(lines)
    if len(views) > LIST_MAX:
        text += "\n" + LIST_MORE.format(count=len(views) - LIST_MAX)
    return [
        HeaderBlock(text=truncate(header, HEADER_TEXT_MAX)),
        SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_TEXT_MAX))),
        ContextBlock(elements=[MarkdownTextObject(text=LIST_HINT)]),
    ]


def renewal_metadata(account_id: str, channel: str | None) -> str:
    """The modal's private_metadata: the account, and (the app's convention) where to show a refusal."""
    return json.dumps({"account_id": account_id, **({"channel": channel} if channel else {})})


def account_from_metadata(metadata: str) -> str:
    try:
        data = json.loads(metadata)
    except ValueError:
        return ""
    return str(data.get("account_id") or "") if isinstance(data, dict) else ""


def build_plan_renewal_modal(*, account_id: str, channel: str | None, valid_until: dt.date, suggested: dt.date) -> View:
    return View(
        type="modal",
        callback_id=CallbackId.PLAN_RENEWAL_MODAL,
        private_metadata=renewal_metadata(account_id, channel),
        title=PlainTextObject(text=MODAL_TITLE),
        submit=PlainTextObject(text=MODAL_SUBMIT),
        close=PlainTextObject(text=MODAL_CLOSE),
        blocks=[
            SectionBlock(
                text=MarkdownTextObject(
                    text=MODAL_INTRO.format(account_id=account_id, valid_until=format_date(valid_until))
                )
            ),
            InputBlock(
                block_id=BlockId.PLAN_VALID_UNTIL,
                label=PlainTextObject(text=MODAL_DATE_LABEL),
                hint=PlainTextObject(text=MODAL_DATE_HINT),
                element=DatePickerElement(action_id=BlockId.PLAN_VALID_UNTIL, initial_date=suggested.isoformat()),
            ),
        ],
    )
