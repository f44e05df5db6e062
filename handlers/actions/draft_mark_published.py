"""``draft_mark_published``: opens the modal that records the published post's URL."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import approvals
from handlers.ids import ActionId


def handle_draft_mark_published_action(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    approvals.open_mark_published(context["runtime"], body=body)


def register(app: App) -> None:
    app.action(ActionId.DRAFT_MARK_PUBLISHED.value)(handle_draft_mark_published_action)
