"""The incident close modal: a summary is required; then the incident closes and the modal shows the outcome."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.incidents import slack as incidents
from handlers.ids import CallbackId


def handle_incident_close_modal_submission(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    incident_id, summary, errors = incidents.read_close_modal(body["view"])
    if summary is None or incident_id is None:
        ack(response_action="errors", errors=errors)
        return
    ack(response_action="update", view=incidents.working_view(closing=True))
    incidents.close_from_modal(
        context["runtime"],
        view_id=body["view"]["id"],
        user=body["user"]["id"],
        incident_id=incident_id,
        summary=summary,
    )


def register(app: App) -> None:
    app.view(CallbackId.INCIDENT_CLOSE_MODAL.value)(handle_incident_close_modal_submission)
