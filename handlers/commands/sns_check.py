"""`/sns-check TEXT`: a private screening, shown only to the user and stored nowhere (CONTRACTS §6)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot import checks
from handlers.ids import Command


def handle_sns_check_command(ack: Ack, command: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    # Ack first: screening a long text can take longer than Slack's 3 seconds; the result follows.
    ack()
    respond(
        **checks.check_command(
            context["runtime"],
            text=command.get("text") or "",
            user_id=command["user_id"],
            channel_id=command.get("channel_id"),
        )
    )


def register(app: App) -> None:
    app.command(Command.CHECK)(handle_sns_check_command)
