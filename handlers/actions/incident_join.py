"""``incident_join``: the escalation message's "対応に参加する" button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.incidents import slack as incidents
from handlers.ids import ActionId


def handle_incident_join_action(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    incidents.join(context["runtime"], body=body, respond=respond)


def register(app: App) -> None:
    app.action(ActionId.INCIDENT_JOIN.value)(handle_incident_join_action)
