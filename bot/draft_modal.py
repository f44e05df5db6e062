"""`/sns-draft`: open the draft modal, validate what comes back, and hand the draft to ``bot.drafts``.

1. ``open_draft_modal`` (right after the command's ack, within Slack's 3-second trigger): the form,
   offering the accounts the user is an operator of (someone who is no account's operator gets a
   polite explanation instead of a form);
2. ``validate_submission`` (before the view_submission ack): per-block Japanese errors for an empty
   text, an unknown account, a user who is not (or no longer) an operator, a lapsed plan, a platform
   that is not the account's, a planned time in the past, photos without the people question answered;
3. ``submit_modal_draft`` (after the ack): post the draft in the account's drafts channel as the bot,
   mentioning the author; examine the photos (``bot.photos``); then ``bot.drafts.handle_new_draft``
   screens it with the photo findings, records it and answers in the thread, exactly as for a draft
   posted in the channel.

The author is told by direct message when the draft could not be posted or was refused after all (their
text is sent back so nothing typed is lost). Logs carry IDs only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.errors import SlackApiError

from bot import approvals, checks, drafts
from bot import messages as msg
from bot.blocks import draft_modal as ui
from bot.blocks import to_dicts
from bot.errors import ConflictError, InvalidStateError, UserFacingError
from bot.home import Role, involved_accounts
from bot.photos import PhotoConsent
from bot.runtime import Runtime
from bot.workflows import local_today, submission
from bot.workflows._transitions import require_draft
from handlers.ids import BlockId
from rules.model import PLATFORMS
from storage.models import Draft, DraftVia
from storage.repositories import accounts as accounts_repo

log = logging.getLogger(__name__)

# --- Japanese texts, kept together for review (plain text: modal errors do not render mrkdwn) --------

ERR_ACCOUNT_MISSING = "投稿するアカウントを選んでください。"
ERR_ACCOUNT_UNKNOWN = (
    "アカウント「{account}」は登録されていません（削除された可能性があります）。"
    "お手数ですが、/sns-draft からもう一度お試しください。"
)
ERR_NOT_OPERATOR = (
    "あなたはアカウント「{account}」の投稿担当者として登録されていないため、このアカウントの下書きは作成できません。"
    "担当者の登録は、運用管理責任者にご相談ください。"
)
ERR_PLAN_LAPSED = (
    "アカウント「{account}」は運用計画の有効期限（{until}）が切れているため、下書きを受け付けられません。"
    "運用管理責任者に運用計画の更新をご依頼ください。"
)
ERR_PLATFORM = (
    "アカウント「{account}」は {account_platform} のアカウントです。"
    "媒体を {account_platform} にするか、空欄にしてください。"
)
ERR_PLATFORM_UNKNOWN = "媒体を一覧から選んでください。"
ERR_TEXT_EMPTY = "本文を入力してください。"
ERR_TEXT_TOO_LONG = "本文は {limit:,} 文字以内で入力してください。長い文章は、下書きチャンネルに直接投稿してください。"
ERR_TIME_MISSING = "投稿予定日を選んだ場合は、投稿予定時刻も選んでください。"
ERR_DATE_PAST = "投稿予定日が過ぎています。今日以降の日付を選ぶか、空欄にしてください（空欄は承認後すぐの投稿です）。"
ERR_TIME_PAST = (
    "投稿予定時刻が過ぎています（現在 {now}）。これから先の時刻を選ぶか、空欄にしてください"
    "（空欄は承認後すぐの投稿です）。"
)
ERR_BAD_DATE = "日付を選び直してください。"
ERR_BAD_TIME = "時刻を選び直してください。"
ERR_CONSENT_MISSING = "写真を添付した場合は、個人が特定できる人物が写っているかどうかを選んでください。"
ERR_TOO_MANY_FILES = "写真は {limit} 枚まで添付できます。"
MODAL_OPEN_FAILED = (
    "下書きの入力画面を開けませんでした（Slack の応答が遅れたか、操作から時間が経ちすぎた可能性があります）。"
    "お手数ですが、もう一度 /sns-draft を実行してください。"
)
POST_FAILED = (
    "下書きをアカウント「{account}」の下書きチャンネル <#{channel}> に投稿できなかったため、"
    "チェックと承認依頼を行えませんでした。お手数ですが、時間をおいて /sns-draft からもう一度お送りください。"
    "続く場合は、sns-gate がチャンネルに参加しているかを管理者にご確認ください。\n"
    "入力された本文は次のとおりです。"
)
EDIT_IN_CHANNEL = (
    "この下書きはチャンネルに直接投稿されたものです。内容を修正するときは、下書きのメッセージそのものを"
    "編集してください（編集すると、もう一度チェックします）。"
)
REFUSED_AFTER_POSTING = (
    "下書き（アカウント「{account}」）は受け付けられませんでした。{reason}\n入力された本文は次のとおりです。"
)


# --- Opening ---------------------------------------------------------------------------------------------


def _metadata(channel_id: str | None) -> str:
    return json.dumps({"channel": channel_id or ""}, separators=(",", ":"))


def _metadata_channel(view: Mapping[str, Any]) -> str | None:
    try:
        value = json.loads(view.get("private_metadata") or "{}").get("channel")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value else None


def operator_choices(
    runtime: Runtime, *, user_id: str, channel_id: str | None
) -> tuple[list[ui.AccountChoice], str | None]:
    """The accounts ``user_id`` posts for, and the one to preselect: the command's channel's account when
    it is a drafts channel of exactly one of them."""
    with runtime.db.Session.begin() as session:
        involved = involved_accounts(session=session, user_id=user_id)
    mine = [account for account, roles in involved if Role.OPERATOR in roles]
    choices = [ui.AccountChoice(id=a.id, platform=a.platform, handle=a.handle) for a in mine]
    here = [a.id for a in mine if channel_id and a.drafts_channel == channel_id]
    return choices, here[0] if len(here) == 1 else None


def open_draft_modal(
    runtime: Runtime, *, user_id: str, trigger_id: str, channel_id: str | None, text: str = ""
) -> dict[str, Any] | None:
    """Open the modal (``/sns-draft [TEXT]`` prefills the text). Returns an ephemeral message for the user
    when Slack refused to open it (an expired trigger), else None."""
    choices, selected = operator_choices(runtime, user_id=user_id, channel_id=channel_id)
    if choices:
        view = ui.build_draft_modal(
            accounts=choices,
            selected_account_id=selected,
            initial_text=checks.command_text(text).strip() or None,
            timezone=runtime.config.timezone,
            private_metadata=_metadata(channel_id),
        )
    else:
        view = ui.build_no_account_modal()
    try:
        runtime.client.views_open(trigger_id=trigger_id, view=view.to_dict())
    except SlackApiError as exc:
        log.warning("draft modal for %s not opened: %s", user_id, exc.response.get("error"))
        return {"response_type": "ephemeral", "text": MODAL_OPEN_FAILED}
    log.info("draft modal opened for %s (%d accounts)", user_id, len(choices))
    return None


# --- Reading and validating the submission --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DraftForm:
    """The modal's values as submitted, unvalidated."""

    account_id: str | None = None
    platform: str | None = None
    text: str = ""
    date: str | None = None  # "YYYY-MM-DD"
    time: str | None = None  # "HH:MM"
    time_zone: str | None = None  # the timepicker's zone, when Slack reports it
    files: tuple[Mapping[str, Any], ...] = ()
    consent: str | None = None


def _element(values: Mapping[str, Any], block_id: str) -> Mapping[str, Any]:
    # Each input block holds one element; its action_id is Slack's to choose.
    block = values.get(block_id) or {}
    return next(iter(block.values()), {}) if isinstance(block, Mapping) else {}


def _selected(element: Mapping[str, Any]) -> str | None:
    option = element.get("selected_option") or {}
    value = option.get("value") if isinstance(option, Mapping) else None
    return str(value) if value else None


def read_form(values: Mapping[str, Any]) -> DraftForm:
    """The form from ``view.state.values`` (pure)."""
    time_element = _element(values, BlockId.PLANNED_TIME)
    files = _element(values, BlockId.PHOTOS).get("files") or []
    return DraftForm(
        account_id=_selected(_element(values, BlockId.ACCOUNT)),
        platform=_selected(_element(values, BlockId.PLATFORM)),
        text=str(_element(values, BlockId.TEXT).get("value") or ""),
        date=_element(values, BlockId.PLANNED_DATE).get("selected_date") or None,
        time=time_element.get("selected_time") or None,
        time_zone=time_element.get("timezone") or None,
        files=tuple(f for f in files if isinstance(f, Mapping)),
        consent=_selected(_element(values, BlockId.PEOPLE_IN_PHOTOS)),
    )


def planned_time(form: DraftForm, *, now: dt.datetime, tz: dt.tzinfo) -> tuple[dt.datetime | None, dict[str, str]]:
    """The planned posting time (None: immediately after approval), or errors keyed by block id (pure)."""
    if form.date is None and form.time is None:
        return None, {}
    zone = tz
    if form.time_zone:
        try:
            zone = zoneinfo.ZoneInfo(form.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = tz
    local_now = now.astimezone(zone)
    try:
        day = dt.date.fromisoformat(form.date) if form.date else local_now.date()
    except ValueError:
        return None, {BlockId.PLANNED_DATE: ERR_BAD_DATE}
    if form.time is None:
        return None, {BlockId.PLANNED_TIME: ERR_TIME_MISSING}
    try:
        clock = dt.time.fromisoformat(form.time)
    except ValueError:
        return None, {BlockId.PLANNED_TIME: ERR_BAD_TIME}
    if day < local_now.date():
        return None, {BlockId.PLANNED_DATE: ERR_DATE_PAST}
    planned = dt.datetime.combine(day, clock.replace(second=0, microsecond=0), tzinfo=zone)
    # The picker has minute steps: the current minute still counts as now.
    if planned < local_now.replace(second=0, microsecond=0):
        return None, {BlockId.PLANNED_TIME: ERR_TIME_PAST.format(now=f"{local_now:%H:%M}")}
    return planned, {}


@dataclass(frozen=True, slots=True)
class ModalDraft(drafts.NewDraft):
    """A validated modal draft, ready to post in its account's drafts channel (``channel``); ``ts`` is
    its message's once posted. ``photo_consent`` is a ``PhotoConsent`` when there are photos."""

    files: tuple[Mapping[str, Any], ...] = ()  # the Slack file objects (the attachments keep their identity)
    origin_channel: str | None = None

    @property
    def consent(self) -> PhotoConsent | None:
        return PhotoConsent(self.photo_consent) if self.photo_consent else None


@dataclass(frozen=True, slots=True)
class Validation:
    draft: ModalDraft | None
    errors: dict[str, str] = field(default_factory=dict)


def _check_form(form: DraftForm, *, now: dt.datetime, tz: dt.tzinfo) -> tuple[dt.datetime | None, dict[str, str]]:
    errors: dict[str, str] = {}
    if not form.text.strip():
        errors[BlockId.TEXT] = ERR_TEXT_EMPTY
    elif len(form.text) > ui.TEXT_MAX:
        errors[BlockId.TEXT] = ERR_TEXT_TOO_LONG.format(limit=ui.TEXT_MAX)
    if form.account_id is None:
        errors[BlockId.ACCOUNT] = ERR_ACCOUNT_MISSING
    if form.platform is not None and form.platform not in PLATFORMS:
        errors[BlockId.PLATFORM] = ERR_PLATFORM_UNKNOWN
    planned, time_errors = planned_time(form, now=now, tz=tz)
    errors.update(time_errors)
    if len(form.files) > ui.FILES_MAX:
        errors[BlockId.PHOTOS] = ERR_TOO_MANY_FILES.format(limit=ui.FILES_MAX)
    if form.files and form.consent is None:
        errors[BlockId.PEOPLE_IN_PHOTOS] = ERR_CONSENT_MISSING
    return planned, errors


def validate_submission(runtime: Runtime, *, user_id: str, view: Mapping[str, Any]) -> Validation:
    """Check the submitted modal; errors go back to the modal, keyed by block id, in Japanese."""
    form = read_form((view.get("state") or {}).get("values") or {})
    now = runtime.now()
    planned, errors = _check_form(form, now=now, tz=runtime.tz)
    account = None
    if form.account_id is not None:
        with runtime.db.Session.begin() as session:
            account = accounts_repo.get(session=session, account_id=form.account_id)
        if account is None:
            errors[BlockId.ACCOUNT] = ERR_ACCOUNT_UNKNOWN.format(account=form.account_id)
        elif user_id not in (account.operators or []):
            errors[BlockId.ACCOUNT] = ERR_NOT_OPERATOR.format(account=account.id)
        elif account.plan_lapsed(local_today(runtime.tz, now)):
            errors[BlockId.ACCOUNT] = ERR_PLAN_LAPSED.format(
                account=account.id, until=msg.format_date(account.plan_valid_until)
            )
        elif form.platform is not None and form.platform in PLATFORMS and form.platform != account.platform:
            errors[BlockId.PLATFORM] = ERR_PLATFORM.format(
                account=account.id, account_platform=ui.platform_name(account.platform)
            )
    if errors or account is None:
        log.info("draft modal from %s refused: %s", user_id, ",".join(sorted(errors)))
        return Validation(draft=None, errors={str(k): v for k, v in errors.items()})
    consent = PhotoConsent(form.consent) if form.files and form.consent in {c.value for c in PhotoConsent} else None
    return Validation(
        draft=ModalDraft(
            author=user_id,
            account_id=account.id,
            platform=account.platform,
            text=form.text,
            planned_at=planned,
            channel=account.drafts_channel,
            attachments=submission.attachments_from(form.files),
            via=DraftVia.MODAL,
            photo_consent=consent,
            files=form.files,
            origin_channel=_metadata_channel(view),
        )
    )


def received_view(draft: ModalDraft) -> dict[str, Any]:
    """What the modal turns into once the submission is accepted (``response_action: update``)."""
    return ui.build_received_modal(channel=draft.channel).to_dict()


# --- Handing over ----------------------------------------------------------------------------------------


def _post_draft(runtime: Runtime, draft: ModalDraft) -> str | None:
    """Post the draft's message in the drafts channel (or, when ``draft.ts`` is set, redraw it there);
    its ts, or None if Slack would not take it.

    Photos are shown inline when Slack can render them; if Slack refuses the image blocks, the message
    goes without them (the file names stay listed).
    """
    text = ui.build_draft_post_text(author=draft.author, account_id=draft.account_id, text=draft.text)
    attempts = (True, False) if draft.files else (False,)
    if draft.ts:
        send = functools.partial(runtime.client.chat_update, ts=draft.ts)
    else:
        send = functools.partial(runtime.client.chat_postMessage, unfurl_links=False, unfurl_media=False)
    for with_images in attempts:
        blocks = to_dicts(
            ui.build_draft_post_blocks(
                author=draft.author,
                account_id=draft.account_id,
                platform=draft.platform,
                text=draft.text,
                planned_at=draft.planned_at,
                tz=runtime.tz,
                files=draft.files,
                consent=draft.consent,
                with_images=with_images,
            )
        )
        posted = drafts.call_with_retries(
            "modal draft post", None, lambda blocks=blocks: send(channel=draft.channel, text=text, blocks=blocks)
        )
        if posted is not None and posted.get("ts"):
            return str(posted["ts"])
    return None


def _tell_author(runtime: Runtime, draft: ModalDraft, *, text: str, blocks: Sequence[Any]) -> None:
    """A direct message to the author (they may not be in the drafts channel)."""
    drafts.call_with_retries(
        "modal draft notice",
        None,
        lambda: runtime.client.chat_postMessage(channel=draft.author, text=text, blocks=to_dicts(blocks)),
    )


def submit_modal_draft(runtime: Runtime, draft: ModalDraft) -> int | None:
    """Post, examine the photos, screen and record (see the module doc). Returns the draft id, or None."""
    ts = _post_draft(runtime, draft)
    if ts is None:
        log.warning("modal draft of %s for %s could not be posted in %s", draft.author, draft.account_id, draft.channel)
        notice = POST_FAILED.format(account=draft.account_id, channel=draft.channel)
        _tell_author(runtime, draft, text=notice, blocks=ui.build_returned_text_blocks(notice=notice, text=draft.text))
        return None
    screener = drafts.photo_screener(runtime, draft.files, consent=draft.consent)
    try:
        draft_id = drafts.handle_new_draft(runtime, dataclasses.replace(draft, ts=ts, screener=screener))
    except UserFacingError as exc:
        # Validated a moment ago, but the account changed since (a plan lapsed at midnight, the author
        # removed): take the unscreened message back out of the channel and tell the author privately.
        log.info("modal draft of %s refused after posting: %s", draft.author, exc.code)
        drafts.call_with_retries(
            "modal draft removal", None, lambda: runtime.client.chat_delete(channel=draft.channel, ts=ts)
        )
        notice = REFUSED_AFTER_POSTING.format(account=draft.account_id, reason=exc.message_ja)
        _tell_author(runtime, draft, text=notice, blocks=ui.build_returned_text_blocks(notice=notice, text=draft.text))
        return None
    log.info(
        "modal draft %s of %s posted at %s/%s (%d files)",
        draft_id,
        draft.author,
        draft.channel,
        ts,
        len(draft.files),
    )
    return draft_id


# --- Changing the text afterwards (the reply's 「本文を修正」) ----------------------------------------------


def open_edit_modal(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    """The author clicked 「本文を修正」: refuse anyone else (and a draft past changing) at the click, else
    open the edit modal with the draft's current text."""
    click = approvals.parse_click(body, block=BlockId.AUTHOR_ACTIONS)
    with runtime.db.Session.begin() as session:
        draft = require_draft(session=session, draft_id=click.draft_id)
        submission.check_can_edit(draft=draft, editor=click.user)
        if draft.via != DraftVia.MODAL:
            raise InvalidStateError(EDIT_IN_CHANNEL, code="edit_in_channel")
    metadata = json.dumps(
        {"draft_id": draft.id, "channel": click.channel or "", "thread_ts": click.thread_ts or ""},
        separators=(",", ":"),
    )
    view = ui.build_edit_text_modal(
        draft_id=draft.id, account_id=draft.account_id, text=draft.text, private_metadata=metadata
    )
    approvals.open_modal(runtime, click, view)


def edit_errors(view: Mapping[str, Any]) -> dict[str, str] | None:
    """``response_action: errors`` for an edit modal whose text is empty or too long, else None."""
    text = read_form((view.get("state") or {}).get("values") or {}).text
    if not text.strip():
        return {BlockId.TEXT.value: ERR_TEXT_EMPTY}
    if len(text) > ui.TEXT_MAX:
        return {BlockId.TEXT.value: ERR_TEXT_TOO_LONG.format(limit=ui.TEXT_MAX)}
    return None


def submit_text_edit(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    """The edit modal was sent: the same edit as a channel draft's (``bot.drafts.edit_draft``: screened
    again, any approval voided, the reply redrawn, the thread told), then the bot's draft message in the
    channel shows the new text."""
    view = body["view"]
    try:
        draft_id = json.loads(view.get("private_metadata") or "")["draft_id"]
    except (ValueError, KeyError, TypeError):
        raise ConflictError(msg.STALE_CONTENT, code="stale_content") from None
    with runtime.db.Session.begin() as session:
        draft = require_draft(session=session, draft_id=draft_id)
        consent = submission.declared_photo_consent(session=session, draft_id=draft_id)
    result = drafts.edit_draft(
        runtime,
        draft_id=draft_id,
        editor=body["user"]["id"],
        text=read_form(view["state"]["values"]).text,
        screener=drafts.photo_screener(runtime, draft.attachments, previous=draft),
    )
    if result is None or not result.changed:
        return
    redraw_post(runtime, result.draft, consent=consent)


def redraw_post(runtime: Runtime, draft: Draft, *, consent: str | None) -> None:
    """Draw the bot's message that stands for a /sns-draft draft again, as it now is (the text after an
    edit, the author's ``consent`` declaration after the reply's photo buttons)."""
    if not draft.source_channel or not draft.source_ts:
        return
    # The message as first posted, with what has changed since.
    kept = {name: getattr(draft, name) for name in ("author", "account_id", "platform", "text", "planned_at")}
    redrawn = ModalDraft(
        **kept, channel=draft.source_channel, ts=draft.source_ts, photo_consent=consent, files=tuple(draft.attachments)
    )
    if _post_draft(runtime, redrawn) is None:
        log.warning("modal draft %s: its message was not redrawn", draft.id)


def handle_photos_declared(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    """The author's photo declaration (the reply's 「人物は写っていません」「本人の同意を得ています」):
    ``bot.approvals.handle_photos_declared``; a /sns-draft draft's message in the channel then shows it
    (its 「人物の写り込み」 line)."""
    draft, consent = approvals.handle_photos_declared(runtime, body=body)
    if draft.via == DraftVia.MODAL:
        redraw_post(runtime, draft, consent=consent)
