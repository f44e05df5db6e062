"""Drafts as staff meet them in Slack: a message in a drafts channel (or the ``/sns-draft`` modal)
becomes a screened draft, answered by one bot message in the draft's thread.

    handle_message_event(runtime, event=..., event_id=...)   new / edited / deleted channel messages
    handle_new_draft(runtime, account_id=..., author=..., text=..., channel=..., ts=..., ...)
                                                             any new draft (the modal calls this too)
    handle_account_picked(runtime, body=...)                 a shared drafts channel: the author chose
    refresh_reply(runtime, draft_id=...)                     redraw the reply from the database
    resend_missing_replies(runtime, ...)                     replies Slack did not take (for a job)

The order is always: one unit of work that records what happened (the claim of the event id, the
draft, its state), commit, then talk to Slack, then one small unit of work that records where the
reply is. Slack is never called inside a transaction, so an outage of Slack cannot lose a draft and a
slow Slack cannot hold database locks. If the reply cannot be delivered even after the client's own
retries and ours, ``reply_ts`` stays empty and ``resend_missing_replies`` finds the draft later.

Every reply carries message metadata naming its draft, so a retry that does not know whether an
earlier attempt reached Slack looks in the thread first instead of posting twice.

Refusals (an author who is not an operator, a lapsed plan, an empty text...) are raised as
``UserFacingError`` after the event's claim is committed; the app's error handler shows them to
the author, in the thread, as an ephemeral message.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import photos
from bot.blocks import approval as ui
from bot.blocks import to_dicts
from bot.errors import NotFoundError, PermissionDeniedError, UserFacingError
from bot.runtime import Runtime
from bot.workflows import Screener, events, submission
from bot.workflows import accounts as accounts_flow
from bot.workflows._transitions import require_draft
from bot.workflows.submission import Attachment
from rules import Report
from storage.db import utcnow
from storage.models import Account, Draft, DraftState, DraftVia
from storage.repositories import drafts as drafts_repo

log = logging.getLogger(__name__)

REPLY_METADATA_TYPE = "sns_gate_draft_reply"
# Our retries after slack_sdk's own (which already honour Retry-After and back off on 5xx): bounded,
# about 13 s in all, so a worker thread is not held long; after that the draft waits for the job.
DELIVERY_BACKOFF: tuple[float, ...] = (1.0, 3.0, 9.0)
# Slack errors worth another try; anything else (invalid_blocks, channel_not_found...) will not heal.
_RETRYABLE_ERRORS = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "timeout"}
)
# How often refresh_reply redraws when the draft changed while it was drawing (two clicks at once).
_REDRAW_ROUNDS = 3
# Screening and recording a draft is CPU work under Python's GIL: more than a few at once only slows
# each of them and, worse, starves the threads that acknowledge Slack's requests. The listener pool is
# larger (threads waiting on Slack's rate limits must not hold up acks); this bounds the busy ones.
_SCREENING_SLOTS = threading.BoundedSemaphore(2)
# Subtypes of a person's new top-level message; every other subtype is Slack's bookkeeping.
_NEW_MESSAGE_SUBTYPES = frozenset({None, "file_share"})


# --- The reply's model ------------------------------------------------------------------------------------


def view_of(*, session: Session, draft: Draft, account: Account | None = None, tz: dt.tzinfo) -> ui.DraftView:
    """The reply's plain-data model of ``draft`` (loads its account and, on hold, the incident)."""
    account = account or accounts_flow.require_account(session=session, account_id=draft.account_id)
    incident_id = None
    if draft.state == DraftState.ON_HOLD:
        incident = accounts_flow.open_incident(session=session, account=account)
        incident_id = incident.id if incident is not None else None
    report: Report = submission.stored_report(draft)
    return ui.DraftView(
        draft_id=draft.id,
        author=draft.author,
        account_id=draft.account_id,
        platform=draft.platform,
        text=draft.text,
        verdict=report.verdict,
        findings=report.findings,
        content_hash=draft.content_hash,
        state=draft.state,
        manager=account.manager,
        deputies=tuple(account.deputies),
        incident_id=incident_id,
        decided_by=draft.decided_by,
        decided_at=draft.decided_at,
        decision_reason=draft.decision_reason,
        accepted_warnings=tuple(draft.accepted_warnings or ()),
        published_url=draft.published_url,
        published_by=draft.published_by,
        published_at=draft.published_at,
        via_modal=draft.via == DraftVia.MODAL,
        tz=tz,
    )


@dataclasses.dataclass(frozen=True, slots=True)
class _Place:
    """Where a draft lives in Slack: its message (the thread) and the bot's reply in that thread."""

    channel: str
    thread_ts: str
    reply_ts: str | None = None


def _place(draft: Draft) -> _Place | None:
    if not draft.source_channel or not draft.source_ts:
        return None
    return _Place(channel=draft.source_channel, thread_ts=draft.source_ts, reply_ts=draft.reply_ts)


# --- Talking to Slack, with bounded retries -------------------------------------------------------------------


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, SlackApiError):
        status = getattr(exc.response, "status_code", 200)
        return status == 429 or status >= 500 or exc.response.get("error") in _RETRYABLE_ERRORS
    return isinstance(exc, OSError)  # URLError, TimeoutError, dropped connections


def _error_name(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error") or type(exc).__name__)
    return type(exc).__name__


def call_with_retries(
    what: str,
    draft_id: int | None,
    call: Callable[[], SlackResponse],
    *,
    before_retry: Callable[[], SlackResponse | None] | None = None,
) -> SlackResponse | None:
    """``call()`` until it succeeds, waiting ``DELIVERY_BACKOFF`` between attempts; None if it never did.

    ``before_retry`` may find that an earlier attempt got through after all (and return its result).
    Logs name the draft and Slack's error code, never the text.
    """
    attempts = 1 + len(DELIVERY_BACKOFF)
    for attempt in range(attempts):
        if attempt:
            time.sleep(DELIVERY_BACKOFF[attempt - 1])
            if before_retry is not None:
                found = before_retry()
                if found is not None:
                    return found
        try:
            return call()
        except (SlackApiError, OSError) as exc:
            if not _retryable(exc):
                log.warning("%s for draft %s failed: %s", what, draft_id, _error_name(exc))
                return None
            log.info(
                "%s for draft %s failed (%s), attempt %d of %d", what, draft_id, _error_name(exc), attempt + 1, attempts
            )
    log.warning("%s for draft %s gave up after %d attempts; it will be retried later", what, draft_id, attempts)
    return None


def _find_reply_in_thread(runtime: Runtime, *, draft_id: int, place: _Place) -> str | None:
    """The ts of a reply to this draft already in the thread (an attempt whose answer was lost)."""
    try:
        response = runtime.client.conversations_replies(
            channel=place.channel, ts=place.thread_ts, include_all_metadata=True, limit=200
        )
    except (SlackApiError, OSError) as exc:
        log.info("looking for the reply of draft %s failed: %s", draft_id, _error_name(exc))
        return None
    for message in response.get("messages") or []:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        if metadata.get("event_type") == REPLY_METADATA_TYPE and payload.get("draft_id") == draft_id:
            return message.get("ts")
    return None


def _metadata(draft_id: int) -> dict[str, Any]:
    return {"event_type": REPLY_METADATA_TYPE, "event_payload": {"draft_id": draft_id}}


def post_in_thread(runtime: Runtime, *, channel: str, thread_ts: str, text: str, draft_id: int | None = None) -> None:
    """A short notice in the draft's thread (approved, changes requested...), retried like the reply."""
    call_with_retries(
        "thread notice",
        draft_id,
        lambda: runtime.client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text),
    )


def _deliver(runtime: Runtime, *, view: ui.DraftView, place: _Place, look_first: bool = True) -> str | None:
    """Post the reply, or update it in place when it exists; record where it is. Returns its ts.

    ``look_first``: an earlier attempt may have reached Slack unrecorded, so look in the thread before
    posting (not needed, and not paid for, on a new draft's first reply).
    """
    blocks = to_dicts(ui.build_reply_blocks(view))
    text = ui.build_reply_text(view)
    if place.reply_ts is not None:
        updated = call_with_retries(
            "reply update",
            view.draft_id,
            lambda: runtime.client.chat_update(channel=place.channel, ts=place.reply_ts, text=text, blocks=blocks),
        )
        return place.reply_ts if updated is not None else None

    existing = _find_reply_in_thread(runtime, draft_id=view.draft_id, place=place) if look_first else None
    if existing is None:
        posted = call_with_retries(
            "reply",
            view.draft_id,
            lambda: runtime.client.chat_postMessage(
                channel=place.channel,
                thread_ts=place.thread_ts,
                text=text,
                blocks=blocks,
                metadata=_metadata(view.draft_id),
                unfurl_links=False,
                unfurl_media=False,
            ),
            before_retry=lambda: _adopt(runtime, view.draft_id, place),
        )
        if posted is None:
            return None
        ts = posted.get("ts")
    else:
        ts = existing
        # The earlier attempt drew an older state; draw this one over it.
        call_with_retries(
            "reply update",
            view.draft_id,
            lambda: runtime.client.chat_update(channel=place.channel, ts=ts, text=text, blocks=blocks),
        )
    with runtime.db.Session.begin() as session:
        submission.set_reply(session=session, draft_id=view.draft_id, channel=place.channel, ts=ts)
    log.info("draft %s reply at %s/%s", view.draft_id, place.channel, ts)
    return ts


def _adopt(runtime: Runtime, draft_id: int, place: _Place) -> SlackResponse | None:
    ts = _find_reply_in_thread(runtime, draft_id=draft_id, place=place)
    if ts is None:
        return None
    return SlackResponse(
        client=runtime.client,
        http_verb="POST",
        api_url="chat.postMessage",
        req_args={},
        data={"ok": True, "ts": ts},
        headers={},
        status_code=200,
    )


# --- New drafts -----------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class NewDraft:
    """A draft to screen and record, whose message is ``ts`` in ``channel`` (the thread it is answered in)."""

    account_id: str
    author: str
    text: str
    channel: str
    ts: str = ""  # empty only until a /sns-draft draft is posted
    platform: str | None = None
    planned_at: dt.datetime | None = None
    attachments: Sequence[Attachment] = ()
    screener: Screener | None = None  # the engine (None), or the engine plus the photos' findings
    via: DraftVia = DraftVia.CHANNEL
    photo_consent: str | None = None  # what the author declared about people in the photos, if asked


@dataclasses.dataclass(frozen=True, slots=True)
class _Recorded:
    view: ui.DraftView
    place: _Place
    new: bool  # False: the draft was already recorded (a repeated delivery or click)


def _record_new(session: Session, runtime: Runtime, new: NewDraft) -> tuple[_Recorded | None, UserFacingError | None]:
    """Screen and record ``new``: what to answer, or the refusal to show (raised only after the commit)."""
    try:
        # A savepoint, so that a refusal rolls back only the attempt, not the event's claim.
        with session.begin_nested():
            result = submission.submit(
                session=session,
                account_id=new.account_id,
                author=new.author,
                text=new.text,
                screener=new.screener or runtime.engine.screen,
                planned_at=new.planned_at,
                platform=new.platform,
                attachments=new.attachments,
                source_channel=new.channel,
                source_ts=new.ts,
                via=new.via,
                photo_consent=new.photo_consent,
                tz=runtime.tz,
            )
    except UserFacingError as exc:
        return None, exc
    draft = result.draft
    recorded = _Recorded(
        view=view_of(session=session, draft=draft, tz=runtime.tz),
        place=_Place(channel=new.channel, thread_ts=new.ts, reply_ts=draft.reply_ts),
        new=result.changed,
    )
    return recorded, None


def _answer(runtime: Runtime, recorded: _Recorded | None, refusal: UserFacingError | None) -> None:
    if refusal is not None:
        raise refusal
    # A repeated delivery answers only if the first one's reply never reached Slack.
    if recorded is not None and (recorded.new or recorded.place.reply_ts is None):
        _deliver(runtime, view=recorded.view, place=recorded.place, look_first=not recorded.new)


def handle_new_draft(runtime: Runtime, new: NewDraft, *, event_id: str | None = None) -> int | None:
    """Screen and record a draft, and answer in its thread.

    The ``/sns-draft`` modal calls this after posting the draft's message in the account's drafts
    channel, so both ways in produce the same reply. ``event_id`` makes a redelivered event a no-op.
    Returns the draft id (None for a repeated event). Raises ``UserFacingError`` for a refusal, after
    the event's claim is committed.
    """
    with _SCREENING_SLOTS, runtime.db.Session.begin() as session:
        if event_id and not events.first_delivery(session=session, event_id=event_id):
            log.info("event %s already handled", event_id)
            return None
        recorded, refusal = _record_new(session, runtime, new)
    _answer(runtime, recorded, refusal)
    return recorded.view.draft_id if recorded else None


def photo_screener(
    runtime: Runtime,
    files: Sequence[Mapping[str, Any]],
    *,
    consent: photos.PhotoConsent | None = None,
    previous: Draft | None = None,
) -> Screener | None:
    """The engine plus the findings of the draft's photos (``files``: Slack file objects, or the stored
    attachments), or None when there are none.

    Photos that are those ``previous`` was recorded with keep their recorded findings, and with them the
    author's declaration; other photos are examined now with the author's ``consent`` declaration (None:
    undeclared, until the author answers in the thread).
    """
    if previous is not None and [a["id"] for a in previous.attachments] == [str(f.get("id")) for f in files]:
        findings = photos.stored_photo_findings(submission.stored_report(previous).findings)
    elif files:
        findings = photos.photo_findings(runtime, files, consent)
    else:
        return None
    return photos.screener_with_photos(runtime.engine.screen, findings)


def _is_from_bot(message: Mapping[str, Any]) -> bool:
    return bool(message.get("bot_id")) or message.get("subtype") == "bot_message"


def _is_thread_reply(message: Mapping[str, Any]) -> bool:
    thread_ts = message.get("thread_ts")
    return bool(thread_ts) and thread_ts != message.get("ts")


def _files(message: Mapping[str, Any]) -> list[Attachment]:
    return submission.attachments_from(message.get("files") or [])


def handle_posted(runtime: Runtime, *, message: Mapping[str, Any], channel: str, event_id: str | None) -> None:
    """A new top-level message in some channel: a draft if the channel is an account's drafts channel."""
    user, ts, text = message.get("user"), message.get("ts"), message.get("text") or ""
    if not user or not ts or _is_from_bot(message) or _is_thread_reply(message):
        return
    refusal: UserFacingError | None = None
    recorded: _Recorded | None = None
    choices: list[ui.AccountChoice] = []
    screener = _channel_photo_screener(runtime, message, channel=channel)
    with _SCREENING_SLOTS, runtime.db.Session.begin() as session:
        accounts = accounts_flow.accounts_for_channel(session=session, channel=channel)
        if not accounts:
            return  # not a drafts channel: nothing to do, and nothing to remember
        if event_id and not events.first_delivery(session=session, event_id=event_id):
            log.info("event %s already handled", event_id)
            return
        if len(accounts) > 1:
            choices = [ui.AccountChoice(account_id=a.id, platform=a.platform) for a in accounts]
        else:
            new = NewDraft(
                account_id=accounts[0].id,
                author=user,
                text=text,
                channel=channel,
                ts=ts,
                attachments=_files(message),
                screener=screener,
            )
            recorded, refusal = _record_new(session, runtime, new)
    if choices:
        _ask_for_account(runtime, channel=channel, source_ts=ts, author=user, choices=choices)
        return
    _answer(runtime, recorded, refusal)


def _channel_photo_screener(runtime: Runtime, message: Mapping[str, Any], *, channel: str) -> Screener | None:
    """For a message with files in the drafts channel of one account: its photos, examined before the
    unit of work that records the draft (downloads must not hold the database). A channel shared by
    several accounts has its photos examined once the author picks the account."""
    files = message.get("files") or []
    if not files:
        return None
    with runtime.db.Session.begin() as session:
        if len(accounts_flow.accounts_for_channel(session=session, channel=channel)) != 1:
            return None
    return photo_screener(runtime, files)


def _ask_for_account(
    runtime: Runtime, *, channel: str, source_ts: str, author: str, choices: Sequence[ui.AccountChoice]
) -> None:
    blocks = to_dicts(ui.build_account_picker_blocks(author=author, source_ts=source_ts, accounts=choices))
    call_with_retries(
        "account picker",
        None,
        lambda: runtime.client.chat_postMessage(
            channel=channel, thread_ts=source_ts, text=ui.PICKER_FALLBACK, blocks=blocks
        ),
    )


def _source_message(runtime: Runtime, *, channel: str, ts: str) -> Mapping[str, Any] | None:
    response = runtime.client.conversations_replies(channel=channel, ts=ts, limit=1, inclusive=True)
    for message in response.get("messages") or []:
        if message.get("ts") == ts:
            return message
    return None


def handle_account_picked(runtime: Runtime, *, body: Mapping[str, Any]) -> int | None:
    """The author said which account a draft in a shared drafts channel belongs to: screen it now.

    The draft's text is read from the message as it is at this moment, so edits made before the
    choice count. A second click (or another instance handling the same click) finds the draft
    already recorded and changes nothing.
    """
    action = body["actions"][0]
    parsed = ui.parse_picker_value(action.get("value") or "")
    user = body["user"]["id"]
    channel = (body.get("channel") or {}).get("id") or body["container"]["channel_id"]
    picker_ts = body["container"]["message_ts"]
    if parsed is None:
        raise NotFoundError(ui.SOURCE_MISSING, code="source_missing")
    source_ts, account_id = parsed
    message = _source_message(runtime, channel=channel, ts=source_ts)
    if message is None:
        raise NotFoundError(ui.SOURCE_MISSING, code="source_missing")
    author = message.get("user") or ""
    if user != author:
        raise PermissionDeniedError(ui.PICK_NOT_AUTHOR.format(author=ui.mention(author)), code="not_author")
    with runtime.db.Session.begin() as session:
        account_ids = {a.id: a for a in accounts_flow.accounts_for_channel(session=session, channel=channel)}
    account = account_ids.get(account_id)
    if account is None:
        raise NotFoundError(ui.UNKNOWN_ACCOUNT_CHOICE.format(account=account_id), code="unknown_account")
    draft_id = handle_new_draft(
        runtime,
        NewDraft(
            account_id=account_id,
            author=author,
            text=message.get("text") or "",
            channel=channel,
            ts=source_ts,
            attachments=_files(message),
            screener=photo_screener(runtime, message.get("files") or []),
        ),
    )
    # The buttons go; the reply above was posted as a new message so that the approvers are notified.
    picked = to_dicts(ui.build_picked_blocks(author=author, account_id=account_id, platform=account.platform))
    call_with_retries(
        "picker update",
        draft_id,
        lambda: runtime.client.chat_update(channel=channel, ts=picker_ts, text=ui.PICKER_FALLBACK, blocks=picked),
    )
    return draft_id


# --- Edits and deletions ----------------------------------------------------------------------------------


def handle_edited(
    runtime: Runtime,
    *,
    message: Mapping[str, Any],
    previous: Mapping[str, Any] | None,
    channel: str,
    event_id: str | None,
) -> None:
    """The author edited a draft's message: screen it again, void any approval, redraw the reply."""
    user, ts, text = message.get("user"), message.get("ts"), message.get("text") or ""
    if not user or not ts or _is_from_bot(message) or _is_thread_reply(message):
        return
    if message.get("subtype") == "tombstone":  # a message with replies, deleted: Slack leaves a tombstone
        handle_deleted(runtime, channel=channel, ts=ts, event_id=event_id)
        return
    files = message.get("files") or []
    attachments = submission.attachments_from(files)
    with runtime.db.Session.begin() as session:
        draft = submission.find_by_source(session=session, channel=channel, ts=ts)
    if draft is None:
        # Not a draft yet (posted before the bot was here, or not recorded during an outage): an edit
        # that changes the text submits it, as posting it would have.
        if previous is not None and (previous.get("text") or "") == text:
            return
        handle_posted(runtime, message=message, channel=channel, event_id=event_id)
        return
    new_hash = submission.content_hash(
        text=text, platform=draft.platform, planned_at=draft.planned_at, attachments=attachments
    )
    if new_hash == draft.content_hash:
        return  # Slack's own changes (unfurls, thread bookkeeping): the draft is the same
    edit_draft(
        runtime,
        draft_id=draft.id,
        editor=user,
        text=text,
        screener=photo_screener(runtime, files, previous=draft),
        attachments=attachments,
        event_id=event_id,
    )


def edit_draft(
    runtime: Runtime,
    *,
    draft_id: int,
    editor: str,
    text: str,
    screener: Screener | None,
    attachments: Sequence[Attachment] | None = None,
    event_id: str | None = None,
) -> submission.Submission | None:
    """Both ways an author changes a draft (their channel message, or the reply's 「本文を修正」): screen it
    again and void any approval (``submission.edit``), redraw the reply and tell the thread.

    ``attachments`` None keeps the draft's. Returns the edit's outcome (None for a repeated event).
    Raises ``UserFacingError`` for a refusal, after the event's claim is committed.
    """
    refusal: UserFacingError | None = None
    result: submission.Submission | None = None
    view: ui.DraftView | None = None
    place: _Place | None = None
    with _SCREENING_SLOTS, runtime.db.Session.begin() as session:
        if event_id and not events.first_delivery(session=session, event_id=event_id):
            return None
        draft = require_draft(session=session, draft_id=draft_id)
        approved_by = draft.decided_by if draft.state == DraftState.APPROVED else None
        kept = {} if attachments is None else {"attachments": attachments}
        try:
            with session.begin_nested():
                result = submission.edit(
                    session=session,
                    draft_id=draft_id,
                    editor=editor,
                    text=text,
                    screener=screener or runtime.engine.screen,
                    **kept,
                )
        except UserFacingError as exc:
            refusal = exc
        else:
            view = view_of(session=session, draft=result.draft, tz=runtime.tz)
            place = _place(result.draft)
    if refusal is not None:
        raise refusal
    assert result is not None
    if result.changed and view is not None and place is not None:
        _deliver(runtime, view=view, place=place)
        _announce_edit(runtime, view=view, place=place, approval_voided=result.approval_voided, approved_by=approved_by)
    return result


def _announce_edit(
    runtime: Runtime, *, view: ui.DraftView, place: _Place, approval_voided: bool, approved_by: str | None
) -> None:
    if approval_voided and approved_by:
        text = ui.approval_voided_notice(view, approved_by=approved_by)
    elif view.state == DraftState.AWAITING_APPROVAL:
        # An updated message notifies nobody: tell the approvers there is something new to look at.
        text = ui.resubmitted_notice(view)
    else:
        return
    post_in_thread(runtime, channel=place.channel, thread_ts=place.thread_ts, text=text, draft_id=view.draft_id)


def handle_deleted(runtime: Runtime, *, channel: str, ts: str, event_id: str | None) -> None:
    """The draft's message was deleted: withdraw the draft (unless it was already closed)."""
    view: ui.DraftView | None = None
    place: _Place | None = None
    with runtime.db.Session.begin() as session:
        draft = submission.find_by_source(session=session, channel=channel, ts=ts)
        if draft is None:
            return
        if event_id and not events.first_delivery(session=session, event_id=event_id):
            return
        try:
            with session.begin_nested():
                # Slack does not say who deleted it; only the author (or a workspace admin) can.
                withdrawn = submission.withdraw(session=session, draft_id=draft.id, actor=draft.author)
        except UserFacingError as exc:
            log.info("draft %s message deleted but not withdrawn: %s", draft.id, exc.code)
            return
        view = view_of(session=session, draft=withdrawn, tz=runtime.tz)
        place = _place(withdrawn)
    if view is not None and place is not None:
        # Without a recorded reply (deleted while the first reply was still on its way), the reply is
        # looked for in the thread before anything is posted.
        _deliver(runtime, view=view, place=place)


def handle_message_event(
    runtime: Runtime, *, event: Mapping[str, Any], event_id: str | None, retry_num: str | None = None
) -> None:
    """Any ``message`` event: new, edited and deleted top-level messages of drafts channels matter."""
    if retry_num:
        log.info("event %s redelivered (retry %s)", event_id, retry_num)
    channel = event.get("channel")
    if not channel:
        return
    subtype = event.get("subtype")
    if subtype in _NEW_MESSAGE_SUBTYPES:
        handle_posted(runtime, message=event, channel=channel, event_id=event_id)
    elif subtype == "message_changed" and isinstance(event.get("message"), Mapping):
        handle_edited(
            runtime,
            message=event["message"],
            previous=event.get("previous_message"),
            channel=channel,
            event_id=event_id,
        )
    elif subtype == "message_deleted" and event.get("deleted_ts"):
        previous = event.get("previous_message") or {}
        if _is_from_bot(previous) or _is_thread_reply(previous):
            return
        handle_deleted(runtime, channel=channel, ts=event["deleted_ts"], event_id=event_id)


# --- Redrawing and resending --------------------------------------------------------------------------------


def refresh_reply(runtime: Runtime, *, draft_id: int) -> str | None:
    """Redraw the draft's reply from the database (after a decision, a hold or a release).

    If the draft changed while we drew it (two clicks at once, two instances), draw again, so the
    message ends showing the latest state whichever update reached Slack last. Posts the reply if
    there is none yet. Returns the reply's ts, or None when Slack could not be reached.
    """
    ts: str | None = None
    for _ in range(_REDRAW_ROUNDS):
        with runtime.db.Session.begin() as session:
            draft = drafts_repo.get(session=session, draft_id=draft_id)
            if draft is None:
                return None
            version = draft.version
            view = view_of(session=session, draft=draft, tz=runtime.tz)
            place = _place(draft)
        if place is None:
            return None
        ts = _deliver(runtime, view=view, place=place)
        with runtime.db.Session.begin() as session:
            current = drafts_repo.reload(session=session, draft_id=draft_id)
            if current is None or current.version == version:
                break
    return ts


def _drafts_without_reply(*, session: Session, before: dt.datetime, limit: int) -> list[int]:
    # TODO(lead): belongs in storage/repositories/drafts.py as `without_reply(...)`; kept here because
    # that file is not ours to edit in this change.
    stmt = (
        select(Draft.id)
        .where(
            Draft.source_channel.is_not(None),
            Draft.reply_ts.is_(None),
            Draft.created_at < before,
            Draft.state != DraftState.WITHDRAWN,
        )
        .order_by(Draft.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def resend_missing_replies(
    runtime: Runtime, *, older_than: dt.timedelta = dt.timedelta(minutes=2), limit: int = 50
) -> int:
    """Post the replies that never reached Slack (it was down or rate-limiting past our retries).

    Meant for a scheduled job (the approval-reminders job calls it). ``older_than`` leaves drafts
    whose first delivery may still be retrying alone; a reply that did arrive but was not recorded is
    found in the thread by its metadata and adopted, not posted twice. Returns how many were sent.
    """
    with runtime.db.Session.begin() as session:
        ids = _drafts_without_reply(session=session, before=utcnow() - older_than, limit=limit)
    sent = 0
    for draft_id in ids:
        if refresh_reply(runtime, draft_id=draft_id) is not None:
            sent += 1
    return sent
