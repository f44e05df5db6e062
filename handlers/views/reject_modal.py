"""The reject modal: a reason is required; then the draft is closed for good."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import approvals
from handlers.ids import CallbackId


def handle_reject_modal_submission(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    errors = approvals.reason_errors(body["view"], "reject")
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    approvals.handle_reject_submitted(context["runtime"], body=body)


def register(app: App) -> None:
    app.view(CallbackId.REJECT_MODAL.value)(handle_reject_modal_submission)
