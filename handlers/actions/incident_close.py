"""``incident_close``: the "終了する" button opens the close modal (PR, infosec and admins only)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.incidents import slack as incidents
from handlers.ids import ActionId


def handle_incident_close_action(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    incidents.open_close_modal(context["runtime"], body=body)


def register(app: App) -> None:
    app.action(ActionId.INCIDENT_CLOSE.value)(handle_incident_close_action)
