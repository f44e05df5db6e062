"""The incident report modal: checked before the ack (errors shown next to the inputs), then the incident
is opened while the modal says it is working, and the modal shows the outcome."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.incidents import slack as incidents
from handlers.ids import CallbackId


def handle_incident_modal_submission(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    runtime = context["runtime"]
    report, errors = incidents.read_incident_modal(runtime, body["view"], user=body["user"]["id"])
    if report is None:
        ack(response_action="errors", errors=errors)
        return
    ack(response_action="update", view=incidents.working_view())
    incidents.open_from_modal(runtime, view_id=body["view"]["id"], report_=report)


def register(app: App) -> None:
    app.view(CallbackId.INCIDENT_MODAL.value)(handle_incident_modal_submission)
