"""The modals whose submission is checked, then closed and acted on: the approver's reason (request
changes, reject), the published post's URL, and the author's corrected text (「本文を修正」).

Each is checked before the ack, so a problem is shown next to its input (``response_action: errors``)
and the modal stays open; otherwise the modal closes and the work follows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import approvals, draft_modal
from handlers.ids import CallbackId

# callback_id -> (the errors to show in the modal, or None; what to do once it is accepted)
CHECKED_MODALS: Mapping[str, tuple[Callable[[dict[str, Any]], dict[str, str] | None], Callable[..., None]]] = {
    CallbackId.REQUEST_CHANGES_MODAL: (
        functools.partial(approvals.reason_errors, action="request_changes"),
        approvals.handle_request_changes_submitted,
    ),
    CallbackId.REJECT_MODAL: (
        functools.partial(approvals.reason_errors, action="reject"),
        approvals.handle_reject_submitted,
    ),
    CallbackId.MARK_PUBLISHED_MODAL: (approvals.published_url_errors, approvals.handle_mark_published_submitted),
    CallbackId.EDIT_TEXT_MODAL: (draft_modal.edit_errors, draft_modal.submit_text_edit),
}


def handle_checked_modal_submission(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    errors_of, accept = CHECKED_MODALS[view["callback_id"]]
    errors = errors_of(view)
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    accept(context["runtime"], body=body)


def register(app: App) -> None:
    for callback_id in CHECKED_MODALS:
        app.view(callback_id)(handle_checked_modal_submission)
