"""``draft_approve``: the approver's click on 「承認する」."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import approvals
from handlers.ids import ActionId


def handle_draft_approve_action(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    approvals.handle_approve(context["runtime"], body=body)


def register(app: App) -> None:
    app.action(ActionId.DRAFT_APPROVE.value)(handle_draft_approve_action)
