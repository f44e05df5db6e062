"""The "運用計画の更新を記録" button (/sns-account and the plan-renewal reminders): opens the renewal modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot import accounts_slack
from handlers.ids import ActionId


def handle_account_renew_plan_action(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    accounts_slack.open_plan_renewal(
        context["runtime"],
        user_id=body["user"]["id"],
        account_id=action.get("value") or "",
        trigger_id=body["trigger_id"],
        respond=respond,
        channel=(body.get("channel") or {}).get("id"),
    )


def register(app: App) -> None:
    app.action(ActionId.ACCOUNT_RENEW_PLAN)(handle_account_renew_plan_action)
