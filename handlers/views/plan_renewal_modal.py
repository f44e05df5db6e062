"""The plan-renewal modal's submission: validate (errors shown in the modal), close it, record the renewal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import accounts_slack
from handlers.ids import CallbackId


def handle_plan_renewal_modal_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    runtime = context["runtime"]
    user_id = body["user"]["id"]
    errors = accounts_slack.plan_renewal_errors(runtime, user_id=user_id, view=view)
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    accounts_slack.renew_plan(runtime, user_id=user_id, view=view)


def register(app: App) -> None:
    app.view(CallbackId.PLAN_RENEWAL_MODAL)(handle_plan_renewal_modal_submission)
