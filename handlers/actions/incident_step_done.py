"""``incident_step_done``: a checklist step's "完了" button records who did it and when."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.incidents import slack as incidents
from handlers.ids import ActionId


def handle_incident_step_done_action(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    incidents.record_step(context["runtime"], body=body)


def register(app: App) -> None:
    app.action(ActionId.INCIDENT_STEP_DONE.value)(handle_incident_step_done_action)
