"""``draft_accept_warnings``: the approver ticks 「指摘を確認しました」.

Only acknowledged: the tick lives in the message's state, which Slack sends with the click on
「承認する」, and is read there (``bot.approvals.warnings_ticked``).
"""

from __future__ import annotations

from slack_bolt import Ack, App

from handlers.ids import ActionId


def handle_draft_accept_warnings_action(ack: Ack) -> None:
    ack()


def register(app: App) -> None:
    app.action(ActionId.DRAFT_ACCEPT_WARNINGS.value)(handle_draft_accept_warnings_action)
