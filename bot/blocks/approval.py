"""The draft's thread reply (screening result + approval request or decision), the account picker,
the decision modals, and the short notices posted in the draft's thread. Pure builders.

The reply is one message that is updated in place as the draft moves on: the approval buttons carry
the draft id as their ``value`` (CONTRACTS §6) and the content hash the approver is looking at in
their block's ``block_id`` (``approval_actions|<sha256>``), so a click on a message drawn before an
edit is recognised as stale. The warnings checkbox sits in ``warnings_ack|<sha256>``: a new hash is a
new block, so a tick given to the old text never carries over to the new one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    CheckboxesElement,
    ContextBlock,
    DividerBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    SectionBlock,
    UrlInputElement,
)
from slack_sdk.models.views import View

from bot import messages as msg
from bot.blocks import (
    FALLBACK_TEXT_MAX,
    MESSAGE_BLOCKS_MAX,
    SECTION_TEXT_MAX,
    block_id_with,
    escape,
    escaped,
    truncate,
)
from bot.blocks.screening import BLOCK_GUIDANCE, BLOCK_GUIDANCE_MODAL, build_screening_blocks
from bot.photos import PhotoConsent, consent_pending
from bot.workflows import TOKYO
from bot.workflows._transitions import MOVES
from handlers.ids import ActionId, BlockId, CallbackId
from rules import Finding, Severity, Verdict
from storage.models import DraftState

ACCEPTED_OPTION = "accepted"
REASON_MAX = 1500  # characters of a decision reason shown in the message
MODAL_REASON_MAX = 1000  # what the reason input accepts
PICKER_ACCOUNTS_MAX = 20

# --- Texts ----------------------------------------------------------------------------------------------

PLATFORM_LABELS = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "line": "LINE",
    "youtube": "YouTube",
    "tiktok": "TikTok",
}
CONTEXT = "下書き #{draft_id}｜アカウント {account}（{platform}）｜作成 {author}"
APPROVAL_REQUEST = "{approvers}、この下書きの承認をお願いします。"
APPROVERS = "{manager} さん"
APPROVERS_WITH_DEPUTIES = "{manager} さん（代理：{deputies}）"
WARNINGS_HINT = "「要確認」の指摘が {count} 件あります。内容を確認し、下のチェックを入れてから承認してください。"
WARNINGS_OPTION = "指摘（{count} 件）を確認しました"
BUTTON_APPROVE = "承認する"
BUTTON_REQUEST_CHANGES = "修正を依頼する"
BUTTON_REJECT = "却下する"
BUTTON_MARK_PUBLISHED = "公開済みにする"
ON_HOLD = (
    ":double_vertical_bar: アカウントはインシデント {incident} の対応中のため、承認依頼を保留しています。"
    "インシデントが終了すると、承認依頼を再開します。"
)
ON_HOLD_UNKNOWN = ":double_vertical_bar: アカウントがインシデント対応中のため、承認依頼を保留しています。"
APPROVED = ":white_check_mark: {who} さんが {when} に承認しました。"
APPROVED_WARNINGS = "（「要確認」の指摘 {count} 件を確認済み）"
APPROVED_NEXT = "投稿したら「公開済みにする」を押して、投稿の URL を記録してください。"
CHANGES_REQUESTED = ":pencil2: {who} さんが {when} に修正を依頼しました。"
CHANGES_NEXT = "作成者が{how}、もう一度チェックして承認を依頼します。"
# How the author changes the draft: a channel draft is their own message; a /sns-draft one is the bot's.
HOW_TO_EDIT = "この下書きのメッセージを編集すると"
HOW_TO_EDIT_MODAL = "「本文を修正」ボタンで修正すると"
REJECTED = ":x: {who} さんが {when} に却下しました。"
REASON = "*理由：* {reason}"
PUBLISHED = ":mega: {who} さんが {when} に公開済みとして記録しました：{url}"
VOIDED = ":heavy_multiplication_x: 承認は取り消されました。"
WITHDRAWN = ":wastebasket: 下書きのメッセージが削除されたため、取り下げました。"
EXPIRED = ":hourglass: 承認されないまま期限が過ぎたため、この下書きは締め切られました。"
AWAITING_NOTE = "承認者以外の方と作成者ご本人は承認できません。"

FALLBACK_AWAITING = "{approvers}、下書き #{draft_id} の承認をお願いします（{verdict}）。"
FALLBACK_OTHER = "下書き #{draft_id}：{state}（{verdict}）"

PICKER_PROMPT = "{author} さん、この下書きはどのアカウントの投稿ですか？ 選ぶとチェックを始めます。"
PICKER_BUTTON = "{account}（{platform}）"
PICKER_FALLBACK = "この下書きのアカウントを選んでください。"
PICKED = ":ballot_box_with_check: {author} さんがアカウント {account}（{platform}）の下書きとして提出しました。"
PICK_NOT_AUTHOR = "アカウントを選べるのは、下書きを投稿した {author} さんのみです。"
SOURCE_MISSING = "下書きのメッセージが見つかりませんでした。削除された可能性があります。もう一度投稿してください。"
UNKNOWN_ACCOUNT_CHOICE = (
    "アカウント「{account}」はこのチャンネルの下書きを受け付けていません。表示されているボタンから選んでください。"
)

MODAL_REQUEST_CHANGES_TITLE = "修正を依頼する"
MODAL_REJECT_TITLE = "却下する"
MODAL_PUBLISHED_TITLE = "公開済みにする"
MODAL_SUBMIT_SEND = "送信"
MODAL_SUBMIT_RECORD = "記録する"
MODAL_CLOSE = "キャンセル"
MODAL_DRAFT = "*下書き #{draft_id}*（アカウント {account}）"
MODAL_REQUEST_CHANGES_LABEL = "修正してほしい点"
MODAL_REQUEST_CHANGES_HINT = "作成者に伝わります。どこをどう直せばよいか、具体的に書いてください。"
MODAL_REJECT_LABEL = "却下の理由"
MODAL_REJECT_HINT = "作成者に伝わります。却下した下書きは再提出できません。"
MODAL_URL_LABEL = "投稿の URL"
MODAL_URL_HINT = "公開した投稿のページの URL（https:// で始まるもの）を貼り付けてください。"

NOTICE_APPROVED = (
    "{author} さん、下書き #{draft_id} は {who} さんに承認されました。"
    "投稿したら、上の「公開済みにする」を押して投稿の URL を記録してください。"
)
NOTICE_CHANGES = (
    "{author} さん、下書き #{draft_id} について {who} さんから修正の依頼がありました。\n*理由：* {reason}\n"
    "{how}、もう一度チェックして承認を依頼します。"
)
NOTICE_REJECTED = "{author} さん、下書き #{draft_id} は {who} さんにより却下されました。\n*理由：* {reason}"
NOTICE_PUBLISHED = "下書き #{draft_id} を公開済みとして記録しました（{who} さん）。ありがとうございました。"
NOTICE_RESUBMITTED = (
    "下書き #{draft_id} が編集されたため、もう一度チェックしました。{approvers}、あらためて承認をお願いします。"
)
NOTICE_APPROVAL_VOIDED = ":warning: 下書き #{draft_id} が編集されたため、{who} さんの承認を取り消しました。"
NOTICE_VOIDED_AWAITING = "{approvers}、新しい内容をあらためてご確認ください。"
NOTICE_VOIDED_BLOCKED = "新しい内容には修正が必要な指摘があります。修正されると、あらためて承認を依頼します。"


# --- The model the reply is drawn from ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class DraftView:
    """Everything the reply shows, as plain data (built from a Draft and its Account by ``bot.drafts``)."""

    draft_id: int
    author: str
    account_id: str
    platform: str
    text: str
    verdict: Verdict
    findings: tuple[Finding, ...]
    content_hash: str
    state: DraftState
    manager: str
    deputies: tuple[str, ...] = ()
    incident_id: str | None = None
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    decision_reason: str | None = None
    accepted_warnings: tuple[str, ...] = ()
    published_url: str | None = None
    published_by: str | None = None
    published_at: dt.datetime | None = None
    via_modal: bool = False  # sent with /sns-draft: the bot posted it, so its author edits it with a button
    tz: dt.tzinfo = TOKYO

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == Severity.WARN)

    @property
    def how_to_edit(self) -> str:
        return HOW_TO_EDIT_MODAL if self.via_modal else HOW_TO_EDIT

    @property
    def text_editable(self) -> bool:
        """The author can change the text through the bot (the reply's 「本文を修正」)."""
        return self.via_modal and self.state in MOVES["edit"].sources

    @property
    def photos_declarable(self) -> bool:
        """The author still has to say who is in the photos, and still can."""
        return consent_pending(self.findings) and self.state in MOVES["declare_photos"].sources


def mention(user: str) -> str:
    return f"<@{user}>"


def format_when(at: dt.datetime, tz: dt.tzinfo) -> str:
    local = at.astimezone(tz)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def approvers_text(manager: str, deputies: Sequence[str]) -> str:
    if not deputies:
        return APPROVERS.format(manager=mention(manager))
    return APPROVERS_WITH_DEPUTIES.format(
        manager=mention(manager), deputies="、".join(f"{mention(d)} さん" for d in deputies)
    )


def platform_label(platform: str) -> str:
    return PLATFORM_LABELS.get(platform, platform)


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_TEXT_MAX)))


def _button(text: str, action_id: str, value: str, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=PlainTextObject(text=text, emoji=True), action_id=action_id, value=value, style=style)


# --- The reply ------------------------------------------------------------------------------------------


def build_approval_blocks(view: DraftView) -> list[Block]:
    """The part of the reply below the screening result, by the draft's state."""
    value = str(view.draft_id)
    state = view.state
    if state == DraftState.AWAITING_APPROVAL:
        blocks: list[Block] = [_section(APPROVAL_REQUEST.format(approvers=approvers_text(view.manager, view.deputies)))]
        warnings = view.warnings
        if warnings:
            blocks.append(_section(WARNINGS_HINT.format(count=len(warnings))))
            blocks.append(
                ActionsBlock(
                    block_id=block_id_with(BlockId.WARNINGS_ACK, view.content_hash),
                    elements=[
                        CheckboxesElement(
                            action_id=ActionId.DRAFT_ACCEPT_WARNINGS,
                            options=[
                                Option(
                                    value=ACCEPTED_OPTION,
                                    text=PlainTextObject(text=WARNINGS_OPTION.format(count=len(warnings))),
                                )
                            ],
                        )
                    ],
                )
            )
        blocks.append(
            ActionsBlock(
                block_id=block_id_with(BlockId.APPROVAL_ACTIONS, view.content_hash),
                elements=[
                    _button(BUTTON_APPROVE, ActionId.DRAFT_APPROVE, value, "primary"),
                    _button(BUTTON_REQUEST_CHANGES, ActionId.DRAFT_REQUEST_CHANGES, value),
                    _button(BUTTON_REJECT, ActionId.DRAFT_REJECT, value, "danger"),
                ],
            )
        )
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=AWAITING_NOTE)]))
        return blocks
    if state == DraftState.ON_HOLD:
        text = ON_HOLD.format(incident=escape(view.incident_id)) if view.incident_id else ON_HOLD_UNKNOWN
        return [_section(text)]
    decided = (
        {"who": mention(view.decided_by), "when": format_when(view.decided_at, view.tz)}
        if view.decided_by and view.decided_at
        else None
    )
    if state == DraftState.APPROVED:
        text = APPROVED.format(**decided) if decided else VOIDED
        if view.accepted_warnings:
            text += APPROVED_WARNINGS.format(count=len(view.accepted_warnings))
        return [
            _section(f"{text}\n{APPROVED_NEXT}"),
            ActionsBlock(
                block_id=block_id_with(BlockId.APPROVAL_ACTIONS, view.content_hash),
                elements=[_button(BUTTON_MARK_PUBLISHED, ActionId.DRAFT_MARK_PUBLISHED, value, "primary")],
            ),
        ]
    if state in (DraftState.CHANGES_REQUESTED, DraftState.REJECTED) and decided:
        template = CHANGES_REQUESTED if state == DraftState.CHANGES_REQUESTED else REJECTED
        lines = [template.format(**decided)]
        if view.decision_reason:
            lines.append(REASON.format(reason=escaped(view.decision_reason, REASON_MAX)))
        if state == DraftState.CHANGES_REQUESTED:
            lines.append(CHANGES_NEXT.format(how=view.how_to_edit))
        return [_section("\n".join(lines))]
    if state == DraftState.PUBLISHED:
        url = escape(view.published_url or "")
        return [
            _section(
                PUBLISHED.format(
                    who=mention(view.published_by or view.author),
                    when=format_when(view.published_at, view.tz) if view.published_at else "",
                    url=f"<{url}>" if url else "",
                )
            )
        ]
    if state == DraftState.VOIDED:
        return [_section(VOIDED)]
    if state == DraftState.WITHDRAWN:
        return [_section(WITHDRAWN)]
    if state == DraftState.EXPIRED:
        return [_section(EXPIRED)]
    return []  # SCREENED: a `block` verdict; the screening part already says what to change


def build_author_blocks(view: DraftView) -> list[Block]:
    """The author's buttons: 「本文を修正」 (a /sns-draft draft, while it can change) and the photo
    declaration (while the consent finding stands), with who may use them. Empty when there is none."""
    value = str(view.draft_id)
    buttons: list[ButtonElement] = []
    notes: list[str] = []
    blocks: list[Block] = []
    if view.photos_declarable:
        blocks.append(_section(msg.PHOTOS_PROMPT.format(author=mention(view.author))))
        buttons += [
            _button(msg.BUTTON_PHOTOS_NO_PEOPLE, ActionId.DRAFT_PHOTOS_NO_PEOPLE, value),
            _button(msg.BUTTON_PHOTOS_CONSENTED, ActionId.DRAFT_PHOTOS_CONSENTED, value),
        ]
        notes.append(msg.AUTHOR_NOTE_PHOTOS.format(author=mention(view.author)))
    if view.text_editable:
        buttons.append(_button(msg.BUTTON_EDIT_TEXT, ActionId.DRAFT_EDIT_TEXT, value))
        notes.append(msg.AUTHOR_NOTE_EDIT.format(author=mention(view.author)))
    if not buttons:
        return []
    blocks.append(ActionsBlock(block_id=block_id_with(BlockId.AUTHOR_ACTIONS, view.content_hash), elements=buttons))
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=truncate("\n".join(notes), SECTION_TEXT_MAX))]))
    return blocks


def build_reply_blocks(view: DraftView) -> list[Block]:
    """The whole thread reply: screening result, then the approval request or the decision, then the
    author's buttons."""
    context = CONTEXT.format(
        draft_id=view.draft_id,
        account=escape(view.account_id),
        platform=escape(platform_label(view.platform)),
        author=mention(view.author),
    )
    blocks = build_screening_blocks(
        verdict=view.verdict,
        findings=view.findings,
        text=view.text,
        context=context,
        guidance=BLOCK_GUIDANCE_MODAL if view.via_modal else BLOCK_GUIDANCE,
    )
    for part in (build_approval_blocks(view), build_author_blocks(view)):
        if part:
            blocks.append(DividerBlock())
            blocks.extend(part)
    assert len(blocks) <= MESSAGE_BLOCKS_MAX  # the screening part is bounded; see build_screening_blocks
    return blocks


def build_reply_text(view: DraftView) -> str:
    """The message's fallback text. It carries the approvers' mentions while approval is awaited, so
    the request reaches them as a notification."""
    if view.state == DraftState.AWAITING_APPROVAL:
        text = FALLBACK_AWAITING.format(
            approvers=approvers_text(view.manager, view.deputies), draft_id=view.draft_id, verdict=view.verdict.label
        )
    else:
        text = FALLBACK_OTHER.format(
            draft_id=view.draft_id, state=msg.STATE_LABELS[view.state], verdict=view.verdict.label
        )
    return truncate(text, FALLBACK_TEXT_MAX)


# --- Account picker -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class AccountChoice:
    account_id: str
    platform: str


def picker_value(source_ts: str, account_id: str) -> str:
    return f"{source_ts}|{account_id}"


def parse_picker_value(value: str) -> tuple[str, str] | None:
    ts, sep, account_id = (value or "").partition("|")
    return (ts, account_id) if sep and ts and account_id else None


def build_account_picker_blocks(*, author: str, source_ts: str, accounts: Sequence[AccountChoice]) -> list[Block]:
    """Buttons to say which account a draft posted in a shared drafts channel belongs to."""
    blocks: list[Block] = [_section(PICKER_PROMPT.format(author=mention(author)))]
    # One block per button: the buttons then share one action_id (unique within its block, as Slack asks).
    for index, account in enumerate(accounts[:PICKER_ACCOUNTS_MAX]):
        blocks.append(
            ActionsBlock(
                block_id=f"{ActionId.DRAFT_PICK_ACCOUNT}_{index}",
                elements=[
                    ButtonElement(
                        text=PlainTextObject(
                            text=truncate(
                                PICKER_BUTTON.format(
                                    account=account.account_id, platform=platform_label(account.platform)
                                ),
                                75,
                            )
                        ),
                        action_id=ActionId.DRAFT_PICK_ACCOUNT,
                        value=picker_value(source_ts, account.account_id),
                    )
                ],
            )
        )
    return blocks


# --- Decision modals ------------------------------------------------------------------------------------


def modal_metadata(*, draft_id: int, content_hash: str, channel: str, message_ts: str, thread_ts: str | None) -> str:
    """What a decision modal must remember of the click that opened it (well under 3,000 characters)."""
    return json.dumps(
        {
            "draft_id": draft_id,
            "hash": content_hash,
            "channel": channel,
            "message_ts": message_ts,
            "thread_ts": thread_ts,
        },
        separators=(",", ":"),
    )


def parse_modal_metadata(private_metadata: str | None) -> dict[str, Any] | None:
    try:
        data = json.loads(private_metadata or "")
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("draft_id"), int):
        return None
    return data


# The reason modals, by the decision they make: (callback_id, title, the reason's label, its hint).
_REASON_MODALS: Mapping[str, tuple[str, str, str, str]] = {
    "request_changes": (
        CallbackId.REQUEST_CHANGES_MODAL,
        MODAL_REQUEST_CHANGES_TITLE,
        MODAL_REQUEST_CHANGES_LABEL,
        MODAL_REQUEST_CHANGES_HINT,
    ),
    "reject": (CallbackId.REJECT_MODAL, MODAL_REJECT_TITLE, MODAL_REJECT_LABEL, MODAL_REJECT_HINT),
}


def _decision_modal(
    callback_id: str, title: str, submit: str, field: InputBlock, *, draft_id: int, account_id: str, metadata: str
) -> View:
    """A modal that names the draft and asks for one ``field`` before the decision is made."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=PlainTextObject(text=title),
        submit=PlainTextObject(text=submit),
        close=PlainTextObject(text=MODAL_CLOSE),
        private_metadata=metadata,
        blocks=[_section(MODAL_DRAFT.format(draft_id=draft_id, account=escape(account_id))), field],
    )


def build_reason_modal(action: str, *, draft_id: int, account_id: str, metadata: str) -> View:
    """The modal that asks the approver why (``action``: request_changes or reject)."""
    callback_id, title, label, hint = _REASON_MODALS[action]
    field = InputBlock(
        block_id=BlockId.REASON,
        label=PlainTextObject(text=label),
        hint=PlainTextObject(text=hint),
        element=PlainTextInputElement(
            action_id=BlockId.REASON.value, multiline=True, max_length=MODAL_REASON_MAX, focus_on_load=True
        ),
    )
    return _decision_modal(
        callback_id, title, MODAL_SUBMIT_SEND, field, draft_id=draft_id, account_id=account_id, metadata=metadata
    )


build_request_changes_modal = functools.partial(build_reason_modal, "request_changes")
build_reject_modal = functools.partial(build_reason_modal, "reject")


def build_mark_published_modal(*, draft_id: int, account_id: str, metadata: str) -> View:
    field = InputBlock(
        block_id=BlockId.URL,
        label=PlainTextObject(text=MODAL_URL_LABEL),
        hint=PlainTextObject(text=MODAL_URL_HINT),
        element=UrlInputElement(action_id=BlockId.URL.value, focus_on_load=True),
    )
    return _decision_modal(
        CallbackId.MARK_PUBLISHED_MODAL,
        MODAL_PUBLISHED_TITLE,
        MODAL_SUBMIT_RECORD,
        field,
        draft_id=draft_id,
        account_id=account_id,
        metadata=metadata,
    )


def modal_input(values: Mapping[str, Any], block_id: str) -> str | None:
    """The value typed into a modal's input (plain text or URL), or None."""
    entry = (values.get(block_id) or {}).get(block_id) or {}
    value = entry.get("value")
    return value if isinstance(value, str) else None


# --- Thread notices (plain text, mrkdwn) -------------------------------------------------------------------


def approved_notice(view: DraftView) -> str:
    return NOTICE_APPROVED.format(
        author=mention(view.author), draft_id=view.draft_id, who=mention(view.decided_by or "")
    )


def _decision_notice(template: str, view: DraftView) -> str:
    return template.format(
        author=mention(view.author),
        draft_id=view.draft_id,
        who=mention(view.decided_by or ""),
        reason=escaped(view.decision_reason or "", REASON_MAX),
        how=view.how_to_edit,
    )


def changes_requested_notice(view: DraftView) -> str:
    return _decision_notice(NOTICE_CHANGES, view)


def rejected_notice(view: DraftView) -> str:
    return _decision_notice(NOTICE_REJECTED, view)


def published_notice(view: DraftView) -> str:
    return NOTICE_PUBLISHED.format(draft_id=view.draft_id, who=mention(view.published_by or view.author))


def build_picked_blocks(*, author: str, account_id: str, platform: str) -> list[Block]:
    return [
        _section(PICKED.format(author=mention(author), account=escape(account_id), platform=platform_label(platform)))
    ]


def resubmitted_notice(view: DraftView) -> str:
    return NOTICE_RESUBMITTED.format(draft_id=view.draft_id, approvers=approvers_text(view.manager, view.deputies))


def approval_voided_notice(view: DraftView, *, approved_by: str) -> str:
    """The approval bound the old text; say so, and ask again if the new text can go to approval."""
    text = NOTICE_APPROVAL_VOIDED.format(draft_id=view.draft_id, who=mention(approved_by))
    if view.state == DraftState.AWAITING_APPROVAL:
        return text + NOTICE_VOIDED_AWAITING.format(approvers=approvers_text(view.manager, view.deputies))
    if view.verdict == Verdict.BLOCK:
        return text + NOTICE_VOIDED_BLOCKED
    return text


def photos_declared_notice(view: DraftView, *, consent: PhotoConsent) -> str:
    """Told in the thread after the author's declaration (the approvers see what changed and why)."""
    declaration = msg.BUTTON_PHOTOS_NO_PEOPLE if consent == PhotoConsent.NO_PEOPLE else msg.BUTTON_PHOTOS_CONSENTED
    text = msg.NOTICE_PHOTOS_DECLARED.format(
        author=mention(view.author), draft_id=view.draft_id, declaration=declaration
    )
    if view.state == DraftState.AWAITING_APPROVAL:
        return text + msg.NOTICE_PHOTOS_AWAITING.format(approvers=approvers_text(view.manager, view.deputies))
    return text
