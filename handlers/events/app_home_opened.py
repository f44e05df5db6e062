"""`app_home_opened`: publish the Home tab of whoever opened it (the Messages tab fires it too: ignored)."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext

from bot import home


def handle_app_home_opened_event(event: dict[str, Any], context: BoltContext) -> None:
    if event.get("tab") != "home":
        return
    home.publish_home(context["runtime"], user_id=event["user"])


def register(app: App) -> None:
    app.event("app_home_opened")(handle_app_home_opened_event)
