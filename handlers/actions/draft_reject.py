"""``draft_reject``: opens the modal that asks the approver why the draft is rejected."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import approvals
from handlers.ids import ActionId


def handle_draft_reject_action(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    approvals.open_reject(context["runtime"], body=body)


def register(app: App) -> None:
    app.action(ActionId.DRAFT_REJECT.value)(handle_draft_reject_action)
