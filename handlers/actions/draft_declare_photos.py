"""``draft_photos_no_people`` / ``draft_photos_consented``: the author's declaration about people in the
photos (「人物は写っていません」「本人の同意を得ています」)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot import approvals, draft_modal


def handle_draft_declare_photos_action(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    draft_modal.handle_photos_declared(context["runtime"], body=body)


def register(app: App) -> None:
    for action_id in approvals.DECLARATIONS:
        app.action(action_id)(handle_draft_declare_photos_action)
