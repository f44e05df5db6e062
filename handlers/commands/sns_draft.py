"""`/sns-draft [TEXT]`: open the draft modal (CONTRACTS §6)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot import draft_modal
from handlers.ids import Command


def handle_sns_draft_command(ack: Ack, command: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    # Ack at once: the trigger id the modal needs is valid for 3 seconds from the user's command.
    ack()
    failure = draft_modal.open_draft_modal(
        context["runtime"],
        user_id=command["user_id"],
        trigger_id=command["trigger_id"],
        channel_id=command.get("channel_id"),
        text=command.get("text") or "",
    )
    if failure is not None:
        respond(**failure)


def register(app: App) -> None:
    app.command(Command.DRAFT)(handle_sns_draft_command)
