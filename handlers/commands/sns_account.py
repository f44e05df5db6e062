"""`/sns-account [ACCOUNT]`: an account's compliance status; its manager or an admin can act on it."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot import accounts_slack
from handlers.ids import Command


def handle_sns_account_command(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    accounts_slack.show_account(
        context["runtime"], user_id=command["user_id"], text=command.get("text") or "", respond=respond
    )


def register(app: App) -> None:
    app.command(Command.ACCOUNT)(handle_sns_account_command)
