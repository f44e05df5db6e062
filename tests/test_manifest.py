"""manifest.yml is a valid Slack app manifest and matches the listeners in handlers/, both ways.

The listeners are found by running ``handlers.register_all`` against a recorder that stands in for the
Bolt app and notes every registration, so the check does not depend on Bolt's internals and sees
exactly what the real app registers.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

import handlers
from handlers.ids import ActionId, CallbackId, Command
from tests.manifest_schema import SCHEMA_DIR, manifest_schema_available, validate_manifest

MANIFEST = Path(__file__).resolve().parents[1] / "manifest.yml"

# Slack's `message` event reaches a bot through one of these subscriptions, by the kind of conversation.
MESSAGE_SUBSCRIPTIONS = {"message.channels", "message.groups", "message.im", "message.mpim"}
# The conversations drafts are posted in: public and private channels (not DMs).
DRAFT_CHANNEL_SUBSCRIPTIONS = {"message.channels", "message.groups"}


class RecordingApp:
    """Records what listener modules register: ``registered[kind]`` is the list of their first arguments."""

    def __init__(self) -> None:
        self.registered: dict[str, list[Any]] = defaultdict(list)

    def __getattr__(self, kind: str):
        def register(*args: Any, **kwargs: Any):
            self.registered[kind].append(args[0] if args else kwargs)

            def decorator(fn):
                return fn

            return decorator

        return register


def _manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registered() -> dict[str, list[Any]]:
    app = RecordingApp()
    handlers.register_all(app)  # type: ignore[arg-type]
    return app.registered


def _names(values: list[Any], key: str) -> set[str]:
    out = set()
    for value in values:
        if isinstance(value, dict):
            value = value.get(key)
        if isinstance(value, re.Pattern):
            pytest.fail(f"a listener registers a pattern ({value.pattern}); name its {key} in handlers/ids.py")
        out.add(str(value))
    return out


@pytest.mark.skipif(not manifest_schema_available(), reason=f"Slack's manifest schema is not available at {SCHEMA_DIR}")
def test_the_manifest_is_valid_against_slacks_schema():
    assert validate_manifest(_manifest()) == []


def test_the_manifest_declares_the_contracts_commands_exactly():
    declared = {c["command"] for c in _manifest()["features"]["slash_commands"]}

    assert declared == {c.value for c in Command}


def test_every_registered_command_is_declared_and_every_declared_command_has_a_listener(registered):
    declared = {c["command"] for c in _manifest()["features"]["slash_commands"]}
    handled = _names(registered["command"], "command")

    assert handled - declared == set(), "listeners for commands manifest.yml does not declare"
    assert declared - handled == set(), "commands manifest.yml declares but no listener handles"


def test_every_registered_event_is_subscribed_and_every_subscription_has_a_listener(registered):
    subscribed = set(_manifest()["settings"]["event_subscriptions"]["bot_events"])
    handled = _names(registered["event"], "type")
    if registered["message"]:
        handled.add("message")

    expected_subscriptions = set()
    for event in handled:
        expected_subscriptions |= DRAFT_CHANNEL_SUBSCRIPTIONS if event == "message" else {event}
    listened_to = {"message" if s in MESSAGE_SUBSCRIPTIONS else s for s in subscribed}

    assert expected_subscriptions - subscribed == set(), "events handled but not subscribed to"
    assert listened_to - handled == set(), "events subscribed to but not handled"


def test_interactivity_and_the_home_tab_are_on_because_listeners_need_them(registered):
    manifest = _manifest()
    interactive = registered["action"] or registered["view"] or registered["shortcut"] or registered["options"]

    assert manifest["settings"]["interactivity"]["is_enabled"] is bool(interactive)
    home = "app_home_opened" in _names(registered["event"], "type")
    assert manifest["features"]["app_home"]["home_tab_enabled"] is home


def test_every_action_and_modal_the_handlers_register_is_a_known_id_and_every_id_is_handled(registered):
    actions = _names(registered["action"], "action_id")
    views = _names(registered["view"], "callback_id")

    assert actions - {a.value for a in ActionId} == set(), "action ids missing from handlers/ids.py"
    assert {a.value for a in ActionId} - actions == set(), "action ids in handlers/ids.py without a listener"
    assert views - {c.value for c in CallbackId} == set(), "callback ids missing from handlers/ids.py"
    assert {c.value for c in CallbackId} - views == set(), "callback ids in handlers/ids.py without a listener"


def test_shortcuts_match_too(registered):
    declared = {s["callback_id"] for s in _manifest()["features"].get("shortcuts") or []}

    assert _names(registered["shortcut"], "callback_id") == declared


def test_every_bot_scope_is_explained_in_a_comment():
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    scopes = _manifest()["oauth_config"]["scopes"]["bot"]
    for scope in scopes:
        line = next(line for line in lines if line.strip().startswith(f"- {scope}"))
        assert "#" in line, f"say why the bot needs {scope}"
