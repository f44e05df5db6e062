"""The "パスワード変更を記録" button (after Slack's confirmation): records that, who and when; never a password."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot import accounts_slack
from handlers.ids import ActionId


def handle_account_password_rotated_action(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    accounts_slack.record_password_rotated(
        context["runtime"], user_id=body["user"]["id"], account_id=action.get("value") or "", respond=respond
    )


def register(app: App) -> None:
    app.action(ActionId.ACCOUNT_PASSWORD_ROTATED)(handle_account_password_rotated_action)
