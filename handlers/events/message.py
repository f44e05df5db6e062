"""``message`` events: drafts posted, edited and deleted in the accounts' drafts channels.

Bolt acknowledges an event before the listener runs, so Slack has its answer at once; the work runs
on a worker thread. A redelivered event (``X-Slack-Retry-Num``) is recognised by its event id.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext, BoltRequest

from bot import drafts


def handle_message_event(
    body: dict[str, Any], event: dict[str, Any], context: BoltContext, request: BoltRequest
) -> None:
    # Socket Mode mirrors the HTTP retry headers (retry_attempt 0 is a first delivery).
    retry = request.headers.get("x-slack-retry-num", [None])[0]
    retry = retry if retry and retry != "0" else None
    drafts.handle_message_event(context["runtime"], event=event, event_id=body.get("event_id"), retry_num=retry)


def register(app: App) -> None:
    app.event("message")(handle_message_event)
