"""``draft_edit_text``: the author's 「本文を修正」 on a /sns-draft draft opens the edit modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import draft_modal
from handlers.ids import ActionId


def handle_draft_edit_text_action(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    draft_modal.open_edit_modal(context["runtime"], body=body)


def register(app: App) -> None:
    app.action(ActionId.DRAFT_EDIT_TEXT.value)(handle_draft_edit_text_action)
