"""``reaction_added``: a reaction on a message in an incident thread puts it on the incident's timeline."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext

from bot.incidents import slack as incidents


def handle_reaction_added_event(event: dict[str, Any], context: BoltContext) -> None:
    incidents.record_reaction(context["runtime"], event=event)


def register(app: App) -> None:
    app.event("reaction_added")(handle_reaction_added_event)
