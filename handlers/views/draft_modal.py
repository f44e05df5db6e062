"""The `/sns-draft` modal's submission: validate, ack (errors, or "received"), then hand the draft over."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import draft_modal
from handlers.ids import CallbackId


def handle_draft_modal_submission(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    runtime = context["runtime"]
    result = draft_modal.validate_submission(runtime, user_id=body["user"]["id"], view=view)
    if result.draft is None:
        ack(response_action="errors", errors=result.errors)
        return
    ack(response_action="update", view=draft_modal.received_view(result.draft))
    draft_modal.submit_modal_draft(runtime, result.draft)


def register(app: App) -> None:
    app.view(CallbackId.DRAFT_MODAL)(handle_draft_modal_submission)
