"""``/sns-incident``: report an incident with arguments or through the modal, or close one (CONTRACTS §6)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond

from bot.incidents import slack as incidents
from handlers.ids import Command


def handle_incident_command(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
    ack()
    incidents.handle_command(context["runtime"], body=body, respond=respond)


def register(app: App) -> None:
    app.command(Command.INCIDENT.value)(handle_incident_command)
