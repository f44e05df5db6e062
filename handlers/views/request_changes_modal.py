"""The request-changes modal: a reason is required; then the draft goes back to its author."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import approvals
from handlers.ids import CallbackId


def handle_request_changes_modal_submission(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    errors = approvals.reason_errors(body["view"], "request_changes")
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    approvals.handle_request_changes_submitted(context["runtime"], body=body)


def register(app: App) -> None:
    app.view(CallbackId.REQUEST_CHANGES_MODAL.value)(handle_request_changes_modal_submission)
