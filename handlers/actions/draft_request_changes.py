"""``draft_request_changes``: opens the modal that asks the approver for a reason."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import approvals
from handlers.ids import ActionId


def handle_draft_request_changes_action(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    approvals.open_request_changes(context["runtime"], body=body)


def register(app: App) -> None:
    app.action(ActionId.DRAFT_REQUEST_CHANGES.value)(handle_draft_request_changes_action)
