"""``draft_pick_account``: in a drafts channel shared by several accounts, the author picks one."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import drafts
from handlers.ids import ActionId


def handle_draft_pick_account_action(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    drafts.handle_account_picked(context["runtime"], body=body)


def register(app: App) -> None:
    app.action(ActionId.DRAFT_PICK_ACCOUNT.value)(handle_draft_pick_account_action)
