"""The approval message's buttons and modals: approve (with the warnings ticked), request changes and
reject (each with a reason, in a modal), and mark published (with the post's URL, in a modal).

Every decision is the workflow's conditional update (``bot.workflows.approval``), so a repeated click,
two approvers at once or two bot instances handling one click end with exactly one decision; the
others get the workflow's refusal ("already decided by ..."). Refusals are raised as
``UserFacingError`` and shown by the app's error handler as an ephemeral message in the draft's
thread; nothing changes then. After a decision the reply is redrawn in place and the author is told
in the thread.

The content hash the approver looked at travels in the block_id of the buttons' block (see
``bot.blocks.approval``) and, for the modals, in their private_metadata.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot import drafts
from bot import messages as msg
from bot.blocks import approval as ui
from bot.blocks import find_block_id, value_from_block_id
from bot.errors import ConflictError, NotFoundError
from bot.photos import PhotoConsent
from bot.runtime import Runtime
from bot.workflows import approval, submission
from handlers.ids import ActionId, BlockId
from storage.models import Draft
from storage.repositories import drafts as drafts_repo

log = logging.getLogger(__name__)

# Dry runs of a decision (see _precheck) need some reason and some URL; they are rolled back.
_PRECHECK_REASON = "precheck"
_PRECHECK_URL = "https://precheck.invalid/"


@dataclasses.dataclass(frozen=True, slots=True)
class Click:
    """A click on a button of the approval message, as the Slack layer needs it."""

    user: str
    draft_id: int
    content_hash: str
    channel: str | None
    message_ts: str | None
    thread_ts: str | None
    trigger_id: str | None
    state_values: Mapping[str, Any]


def parse_click(body: Mapping[str, Any], *, block: BlockId = BlockId.APPROVAL_ACTIONS) -> Click:
    """The click on a button of the reply; ``block`` is the prefix of the buttons' block (the approvers'
    or the author's), whose block_id carries the content hash the message was drawn for."""
    action = body["actions"][0]
    try:
        draft_id = int(action.get("value") or "")
    except ValueError:
        raise NotFoundError(msg.UNKNOWN_DRAFT.format(draft_id=action.get("value")), code="unknown_draft") from None
    container = body.get("container") or {}
    message = body.get("message") or {}
    return Click(
        user=body["user"]["id"],
        draft_id=draft_id,
        # An old message without a hash in its block_id can only be stale: it cannot match any draft.
        content_hash=value_from_block_id(action.get("block_id"), block) or "",
        channel=(body.get("channel") or {}).get("id") or container.get("channel_id"),
        message_ts=container.get("message_ts") or message.get("ts"),
        thread_ts=container.get("thread_ts") or message.get("thread_ts"),
        trigger_id=body.get("trigger_id"),
        state_values=(body.get("state") or {}).get("values") or {},
    )


def warnings_ticked(click: Click) -> bool:
    """Whether the approver ticked 「指摘を確認しました」 on the message as drawn for this content hash."""
    block_id = find_block_id(list(click.state_values), BlockId.WARNINGS_ACK)
    if block_id is None or value_from_block_id(block_id, BlockId.WARNINGS_ACK) != click.content_hash:
        return False
    state = click.state_values[block_id].get(ActionId.DRAFT_ACCEPT_WARNINGS) or {}
    return any(o.get("value") == ui.ACCEPTED_OPTION for o in state.get("selected_options") or [])


def _after_decision(runtime: Runtime, draft: Draft, notice: Callable[[ui.DraftView], str] | None) -> None:
    """Redraw the reply from the database, then tell the thread what was decided."""
    with runtime.db.Session.begin() as session:
        view = drafts.view_of(session=session, draft=draft, tz=runtime.tz)
    drafts.refresh_reply(runtime, draft_id=draft.id)
    if notice is not None and draft.source_channel and draft.source_ts:
        drafts.post_in_thread(
            runtime, channel=draft.source_channel, thread_ts=draft.source_ts, text=notice(view), draft_id=draft.id
        )


# --- Approve ---------------------------------------------------------------------------------------------


def handle_approve(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    click = parse_click(body)
    with runtime.db.Session.begin() as session:
        draft = approval.approve(
            session=session,
            draft_id=click.draft_id,
            approver=click.user,
            content_hash=click.content_hash,
            accept_warnings=warnings_ticked(click),
            tz=runtime.tz,
        )
    _after_decision(runtime, draft, ui.approved_notice)


# --- Request changes and reject: a modal for the reason ------------------------------------------------------


def _precheck(session: Session, decide: Callable[[], object]) -> None:
    """Run a decision in a savepoint and roll it back: the exact checks of the real one (approver, author,
    state, content hash), so a refusal comes at the click rather than after typing a reason."""
    savepoint = session.begin_nested()
    try:
        decide()
    finally:
        savepoint.rollback()


def _account_of(session: Session, draft_id: int) -> str:
    draft = drafts_repo.get(session=session, draft_id=draft_id)
    if draft is None:
        raise NotFoundError(msg.UNKNOWN_DRAFT.format(draft_id=draft_id), code="unknown_draft")
    return draft.account_id


def _metadata(click: Click) -> str:
    return ui.modal_metadata(
        draft_id=click.draft_id,
        content_hash=click.content_hash,
        channel=click.channel or "",
        message_ts=click.message_ts or "",
        thread_ts=click.thread_ts,
    )


def open_modal(runtime: Runtime, click: Click, view: Any) -> None:
    try:
        runtime.client.views_open(trigger_id=click.trigger_id, view=view)
    except SlackApiError as exc:
        # A trigger lives three seconds and works once: there is nothing to retry.
        log.warning("modal for draft %s not opened: %s", click.draft_id, exc.response.get("error"))


def _open_decision_modal(
    runtime: Runtime, *, body: Mapping[str, Any], decide: Callable[..., Any], build_modal: Callable[..., Any]
) -> None:
    """Check the decision the modal will make (refusals come at the click), then ask for its reason."""
    click = parse_click(body)
    with runtime.db.Session.begin() as session:
        _precheck(
            session,
            lambda: decide(
                session=session,
                draft_id=click.draft_id,
                approver=click.user,
                content_hash=click.content_hash,
                reason=_PRECHECK_REASON,
                tz=runtime.tz,
            ),
        )
        account_id = _account_of(session, click.draft_id)
    open_modal(runtime, click, build_modal(draft_id=click.draft_id, account_id=account_id, metadata=_metadata(click)))


def open_request_changes(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    _open_decision_modal(
        runtime, body=body, decide=approval.request_changes, build_modal=ui.build_request_changes_modal
    )


def open_reject(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    _open_decision_modal(runtime, body=body, decide=approval.reject, build_modal=ui.build_reject_modal)


def reason_errors(view: Mapping[str, Any], action: str) -> dict[str, str] | None:
    """``response_action: errors`` for a reason modal whose reason is blank, else None."""
    reason = ui.modal_input(view["state"]["values"], BlockId.REASON)
    if reason is None or not reason.strip():
        return {BlockId.REASON.value: msg.REASON_REQUIRED.format(action=msg.ACTION_LABELS[action])}
    return None


def _submission(body: Mapping[str, Any]) -> tuple[str, dict[str, Any], Mapping[str, Any]]:
    view = body["view"]
    metadata = ui.parse_modal_metadata(view.get("private_metadata"))
    if metadata is None:
        raise ConflictError(msg.STALE_CONTENT, code="stale_content")
    return body["user"]["id"], metadata, view["state"]["values"]


def _handle_reason_submitted(
    runtime: Runtime, *, body: Mapping[str, Any], decide: Callable[..., Draft], notice: Callable[[ui.DraftView], str]
) -> None:
    user, metadata, values = _submission(body)
    with runtime.db.Session.begin() as session:
        draft = decide(
            session=session,
            draft_id=metadata["draft_id"],
            approver=user,
            content_hash=metadata.get("hash") or "",
            reason=ui.modal_input(values, BlockId.REASON),
            tz=runtime.tz,
        )
    _after_decision(runtime, draft, notice)


def handle_request_changes_submitted(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    _handle_reason_submitted(runtime, body=body, decide=approval.request_changes, notice=ui.changes_requested_notice)


def handle_reject_submitted(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    _handle_reason_submitted(runtime, body=body, decide=approval.reject, notice=ui.rejected_notice)


# --- Mark published: a modal for the post's URL ----------------------------------------------------------------


def url_problem(url: str | None) -> str | None:
    """Why ``url`` cannot be the published post's URL (the workflow's own rule), or None."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or any(ch.isspace() for ch in url):
        return msg.INVALID_URL
    return None


def published_url_errors(view: Mapping[str, Any]) -> dict[str, str] | None:
    problem = url_problem(ui.modal_input(view["state"]["values"], BlockId.URL))
    return {BlockId.URL.value: problem} if problem else None


def open_mark_published(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    click = parse_click(body)
    with runtime.db.Session.begin() as session:
        _precheck(
            session,
            lambda: approval.mark_published(
                session=session, draft_id=click.draft_id, actor=click.user, url=_PRECHECK_URL, tz=runtime.tz
            ),
        )
        account_id = _account_of(session, click.draft_id)
    open_modal(
        runtime,
        click,
        ui.build_mark_published_modal(draft_id=click.draft_id, account_id=account_id, metadata=_metadata(click)),
    )


def handle_mark_published_submitted(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    user, metadata, values = _submission(body)
    with runtime.db.Session.begin() as session:
        draft = approval.mark_published(
            session=session,
            draft_id=metadata["draft_id"],
            actor=user,
            url=ui.modal_input(values, BlockId.URL),
            tz=runtime.tz,
        )
    _after_decision(runtime, draft, ui.published_notice)


# --- The author's photo declaration (the reply's 「人物は写っていません」「本人の同意を得ています」) -------------

# Which button declares what (handlers/ids.py): either answers the consent finding.
DECLARATIONS: Mapping[str, PhotoConsent] = {
    ActionId.DRAFT_PHOTOS_NO_PEOPLE: PhotoConsent.NO_PEOPLE,
    ActionId.DRAFT_PHOTOS_CONSENTED: PhotoConsent.CONSENTED,
}


def handle_photos_declared(runtime: Runtime, *, body: Mapping[str, Any]) -> tuple[Draft, PhotoConsent]:
    """The author declared who is in the photos: the consent finding is withdrawn (and the declaration
    audited) by the workflow, the reply is redrawn and the thread told. Only the author may declare: the
    approver is the one who checks the declaration, so they must not make it themselves.

    Returns the draft and the declaration (``bot.draft_modal`` then redraws a /sns-draft draft's message)."""
    click = parse_click(body, block=BlockId.AUTHOR_ACTIONS)
    consent = DECLARATIONS[body["actions"][0]["action_id"]]
    author, seen = click.user, click.content_hash
    with runtime.db.Session.begin() as session:
        draft = submission.declare_photos(
            session=session, draft_id=click.draft_id, author=author, content_hash=seen, consent=consent
        )
    _after_decision(runtime, draft, lambda view: ui.photos_declared_notice(view, consent=consent))
    return draft, consent
