"""The mark-published modal: the post's URL must be an https URL (else the modal says so in place)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import approvals
from handlers.ids import CallbackId


def handle_mark_published_modal_submission(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    errors = approvals.published_url_errors(body["view"])
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    approvals.handle_mark_published_submitted(context["runtime"], body=body)


def register(app: App) -> None:
    app.view(CallbackId.MARK_PUBLISHED_MODAL.value)(handle_mark_published_modal_submission)
