"""Builders for the payloads Slack sends to the bot, shaped like the real ones.

Each builder returns a plain dict (a slash command: a dict of form fields), so an end-to-end test
states only what matters to it: `message_event("本文", user="U0OP1", channel="C0DRAFTS")`.
The workspace identity below is shared with `fake_slack.FakeSlack`, so the IDs in an event match
what the fake Web API reports from `auth.test`.
"""

from __future__ import annotations

import copy
import itertools
import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any

TEAM_ID = "T0TEAM"
TEAM_DOMAIN = "sns-gate-test"
APP_ID = "A0APP"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
# Slack still sends the deprecated verification token in every payload; Bolt ignores it.
VERIFICATION_TOKEN = "legacy-verification-token"
# Defaults for tests that do not care who or where; real tests should name their users and channels.
DEFAULT_USER_ID = "U0USER"
DEFAULT_CHANNEL_ID = "C0CHANNEL"
# A response_url that goes nowhere but the loopback interface: a bot that calls respond() in a test
# that did not ask for `FakeSlack.response_url()` gets a refused connection, never the internet.
UNCONFIGURED_RESPONSE_URL = "http://127.0.0.1:9/response-url-not-configured"

_lock = threading.Lock()
_last_ts = 0  # microseconds
_ids = itertools.count(1)


def new_ts() -> str:
    """A message timestamp like Slack's ("1767578400.000100"): unique and increasing in this process."""
    global _last_ts
    with _lock:
        # Slack's ts is also the message's identity, so two messages in the same microsecond must differ.
        # Count whole microseconds: float steps of 1e-6 stop being distinct at six decimals for large values.
        _last_ts = max(time.time_ns() // 1000, int(_last_ts) + 1)
        return f"{_last_ts // 1_000_000}.{_last_ts % 1_000_000:06d}"


def _next_id() -> int:
    with _lock:
        return next(_ids)


def new_event_id() -> str:
    return f"Ev{_next_id():09d}"


def new_trigger_id() -> str:
    """A trigger id that the fake Web API never issued: views.open with it fails like an expired one."""
    return f"{_next_id()}.{TEAM_ID}.unissued{_next_id():08x}"


def dm_channel_id(user_id: str) -> str:
    """The ID of the bot's direct-message channel with `user_id` (the fake's convention)."""
    return "D" + user_id[1:]


def _user(user_id: str) -> dict[str, Any]:
    name = user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": TEAM_ID}


def _team() -> dict[str, Any]:
    return {"id": TEAM_ID, "domain": TEAM_DOMAIN}


# ---------------------------------------------------------------- files


def slack_file(
    file_id: str,
    *,
    name: str,
    base_url: str,
    mimetype: str = "image/png",
    filetype: str | None = None,
    title: str | None = None,
    size: int = 0,
    user: str = DEFAULT_USER_ID,
    channels: Iterable[str] = (),
) -> dict[str, Any]:
    """A file object as in `files.info` and in a message's `files`.

    `base_url` is the root of the server that serves the private URL (`FakeSlack.root_url`), so a bot
    that downloads `url_private` with its token reaches the fake.
    """
    root = base_url.rstrip("/")
    return {
        "id": file_id,
        "created": int(time.time()),
        "timestamp": int(time.time()),
        "name": name,
        "title": title if title is not None else name,
        "mimetype": mimetype,
        "filetype": filetype or name.rsplit(".", 1)[-1].lower(),
        "pretty_type": (filetype or name.rsplit(".", 1)[-1]).upper(),
        "user": user,
        "user_team": TEAM_ID,
        "mode": "hosted",
        "editable": False,
        "is_external": False,
        "external_type": "",
        "is_public": False,
        "public_url_shared": False,
        "display_as_bot": False,
        "size": size,
        "url_private": f"{root}/files/{file_id}/{name}",
        "url_private_download": f"{root}/files/{file_id}/download/{name}",
        "permalink": f"https://{TEAM_DOMAIN}.slack.com/files/{user}/{file_id}/{name}",
        "channels": list(channels),
        "groups": [],
        "ims": [],
        "has_rich_preview": False,
    }


# ---------------------------------------------------------------- Events API


def message_event(
    text: str,
    *,
    user: str = DEFAULT_USER_ID,
    channel: str = DEFAULT_CHANNEL_ID,
    ts: str | None = None,
    thread_ts: str | None = None,
    files: list[dict[str, Any]] | None = None,
    blocks: list[dict[str, Any]] | None = None,
    channel_type: str = "channel",
    bot_id: str | None = None,
) -> dict[str, Any]:
    """A `message` event; with `files` it is a `file_share` message like Slack sends for an upload."""
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": "message",
        "user": user,
        "text": text,
        "ts": ts,
        "team": TEAM_ID,
        "channel": channel,
        "event_ts": ts,
        "channel_type": channel_type,
        "client_msg_id": f"{_next_id():08x}-0000-4000-8000-000000000000",
    }
    if blocks is None:
        # Slack adds a rich_text rendering of the typed text to every message a person posts.
        blocks = [
            {
                "type": "rich_text",
                "block_id": f"rt{_next_id()}",
                "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
            }
        ]
    event["blocks"] = blocks
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
        event["parent_user_id"] = user
    if files:
        event["subtype"] = "file_share"
        event["files"] = copy.deepcopy(files)
        event["upload"] = False
        event["display_as_bot"] = False
    if bot_id is not None:
        event["bot_id"] = bot_id
        event.pop("client_msg_id", None)
    return event


def _as_inner_message(message: Mapping[str, Any]) -> dict[str, Any]:
    inner = {k: copy.deepcopy(v) for k, v in message.items() if k not in ("channel", "event_ts", "channel_type")}
    return inner


def message_changed_event(
    original: Mapping[str, Any],
    *,
    text: str,
    blocks: list[dict[str, Any]] | None = None,
    edited_at: str | None = None,
) -> dict[str, Any]:
    """The `message_changed` event Slack sends when the author edits `original` (a `message_event`)."""
    event_ts = edited_at or new_ts()
    edited = _as_inner_message(original)
    edited["text"] = text
    edited["blocks"] = (
        blocks
        if blocks is not None
        else [
            {
                "type": "rich_text",
                "block_id": f"rt{_next_id()}",
                "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}],
            }
        ]
    )
    edited["edited"] = {"user": original.get("user"), "ts": event_ts}
    return {
        "type": "message",
        "subtype": "message_changed",
        "message": edited,
        "previous_message": _as_inner_message(original),
        "channel": original["channel"],
        "hidden": True,
        "ts": event_ts,
        "event_ts": event_ts,
        "channel_type": original.get("channel_type", "channel"),
    }


def message_deleted_event(original: Mapping[str, Any], *, deleted_at: str | None = None) -> dict[str, Any]:
    """The `message_deleted` event Slack sends when `original` (a `message_event`) is deleted."""
    event_ts = deleted_at or new_ts()
    return {
        "type": "message",
        "subtype": "message_deleted",
        "previous_message": _as_inner_message(original),
        "channel": original["channel"],
        "hidden": True,
        "deleted_ts": original["ts"],
        "ts": event_ts,
        "event_ts": event_ts,
        "channel_type": original.get("channel_type", "channel"),
    }


def app_home_opened_event(
    user: str = DEFAULT_USER_ID, *, tab: str = "home", view: dict[str, Any] | None = None
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": user,
        "channel": dm_channel_id(user),
        "tab": tab,
        "event_ts": new_ts(),
    }
    if view is not None:
        event["view"] = copy.deepcopy(view)
    return event


def reaction_added_event(
    reaction: str,
    *,
    item: Mapping[str, Any],
    user: str = DEFAULT_USER_ID,
) -> dict[str, Any]:
    """`reaction_added` on `item`, a message (an event dict or a stored message with `channel` and `ts`)."""
    return {
        "type": "reaction_added",
        "user": user,
        "reaction": reaction,
        "item_user": item.get("user"),
        "item": {"type": "message", "channel": item["channel"], "ts": item["ts"]},
        "event_ts": new_ts(),
    }


def event_callback(
    event: Mapping[str, Any], *, event_id: str | None = None, event_time: int | None = None
) -> dict[str, Any]:
    """The Events API envelope (`type: event_callback`) around an inner event."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "context_team_id": TEAM_ID,
        "context_enterprise_id": None,
        "api_app_id": APP_ID,
        "event": copy.deepcopy(dict(event)),
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": event_time if event_time is not None else int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{_next_id():012d}",
    }


# ---------------------------------------------------------------- slash commands


def slash_command(
    command: str,
    text: str = "",
    *,
    user_id: str = DEFAULT_USER_ID,
    channel_id: str = DEFAULT_CHANNEL_ID,
    trigger_id: str | None = None,
    response_url: str | None = None,
    channel_name: str | None = None,
) -> dict[str, str]:
    """The form fields of a slash command request (every value a string, as on the wire)."""
    return {
        "token": VERIFICATION_TOKEN,
        "team_id": TEAM_ID,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name or channel_id.lower(),
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url or UNCONFIGURED_RESPONSE_URL,
        "trigger_id": trigger_id or new_trigger_id(),
    }


# ---------------------------------------------------------------- interactivity


def _find_element(blocks: Iterable[Mapping[str, Any]], action_id: str) -> tuple[str | None, dict[str, Any] | None]:
    for block in blocks:
        candidates = list(block.get("elements") or [])
        for key in ("accessory", "element"):
            if isinstance(block.get(key), dict):
                candidates.append(block[key])
        for element in candidates:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return block.get("block_id"), dict(element)
    return None, None


def block_actions(
    action_id: str,
    value: str | None = None,
    *,
    user_id: str = DEFAULT_USER_ID,
    channel_id: str | None = None,
    message: Mapping[str, Any] | None = None,
    view: Mapping[str, Any] | None = None,
    trigger_id: str | None = None,
    block_id: str | None = None,
    response_url: str | None = None,
    selected_option: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A `block_actions` payload for a click on `action_id`.

    Pass the bot's own `message` (from `FakeSlack.messages()`, which adds its `channel`; otherwise
    give `channel_id`), or a `view` for a click inside a modal or the Home tab. The element is looked
    up in those blocks, so `block_id`, its text and its `value` default to what the bot rendered.
    """
    if message is not None:
        channel_id = channel_id or message.get("channel")
        if channel_id is None:
            raise ValueError("a click on a message needs the message's channel_id")
        # Slack's payload.message is the message as stored, without the fake's convenience field.
        message = {k: v for k, v in message.items() if k != "channel"}
    source_blocks = (message or {}).get("blocks") or (view or {}).get("blocks") or []
    found_block_id, element = _find_element(source_blocks, action_id)
    element = element or {"type": "button", "action_id": action_id}
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id or found_block_id or f"b{_next_id()}",
        "type": element.get("type", "button"),
        "action_ts": new_ts(),
    }
    if "text" in element:
        action["text"] = element["text"]
    if element.get("style"):
        action["style"] = element["style"]
    if value is not None or "value" in element:
        action["value"] = value if value is not None else element["value"]
    if selected_option is not None:
        action["selected_option"] = dict(selected_option)

    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "team": _team(),
        "enterprise": None,
        "is_enterprise_install": False,
        "actions": [action],
    }
    if view is not None:
        payload["container"] = {"type": "view", "view_id": view.get("id")}
        payload["view"] = copy.deepcopy(dict(view))
        payload["state"] = {"values": copy.deepcopy((view.get("state") or {}).get("values", {}))}
    else:
        channel_id = channel_id or DEFAULT_CHANNEL_ID
        message_ts = (message or {}).get("ts") or new_ts()
        container: dict[str, Any] = {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        }
        if message is not None and message.get("thread_ts"):
            container["thread_ts"] = message["thread_ts"]
        payload["container"] = container
        payload["channel"] = {"id": channel_id, "name": channel_id.lower()}
        if message is not None:
            payload["message"] = copy.deepcopy(dict(message))
        payload["state"] = {"values": {}}
        payload["response_url"] = response_url or UNCONFIGURED_RESPONSE_URL
    return payload


def _full_view(view: Mapping[str, Any], values: Mapping[str, Any] | None) -> dict[str, Any]:
    full: dict[str, Any] = {
        "id": f"V{_next_id():09d}",
        "team_id": TEAM_ID,
        "type": "modal",
        "blocks": [],
        "private_metadata": "",
        "callback_id": "",
        "hash": f"{int(time.time())}.{_next_id():08x}",
        "title": {"type": "plain_text", "text": "View"},
        "clear_on_close": False,
        "notify_on_close": False,
        "close": None,
        "submit": None,
        "previous_view_id": None,
        "external_id": "",
        "app_id": APP_ID,
        "app_installed_team_id": TEAM_ID,
        "bot_id": BOT_ID,
    }
    full.update(copy.deepcopy(dict(view)))
    full.setdefault("root_view_id", full["id"])
    if values is not None:
        full["state"] = {"values": copy.deepcopy(dict(values))}
    else:
        full.setdefault("state", {"values": {}})
    return full


def view_submission(
    view: Mapping[str, Any],
    values: Mapping[str, Mapping[str, Any]],
    *,
    user_id: str = DEFAULT_USER_ID,
    trigger_id: str | None = None,
) -> dict[str, Any]:
    """A `view_submission` payload for `view` (e.g. the fake's `views.open` result) filled with `values`.

    `values` is `view.state.values`: `{block_id: {action_id: state_value}}`; build each state value
    with `plain_text_input(...)`, `static_select(...)` and the like.
    """
    return {
        "type": "view_submission",
        "team": _team(),
        "user": _user(user_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": _full_view(view, values),
        "response_urls": [],
        "enterprise": None,
        "is_enterprise_install": False,
    }


def view_closed(view: Mapping[str, Any], *, user_id: str = DEFAULT_USER_ID, is_cleared: bool = False) -> dict:
    return {
        "type": "view_closed",
        "team": _team(),
        "user": _user(user_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "view": _full_view(view, None),
        "is_cleared": is_cleared,
        "enterprise": None,
        "is_enterprise_install": False,
    }


# ---------------------------------------------------------------- view.state.values entries


def plain_text_input(value: str | None) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def _option(value: str, text: str | None) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text or value, "emoji": True}, "value": value}


def static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
    return {"type": "static_select", "selected_option": None if value is None else _option(value, text)}


def radio_buttons(value: str | None, text: str | None = None) -> dict[str, Any]:
    return {"type": "radio_buttons", "selected_option": None if value is None else _option(value, text)}


def checkboxes(values: Iterable[str]) -> dict[str, Any]:
    return {"type": "checkboxes", "selected_options": [_option(v, None) for v in values]}


def users_select(user_id: str | None) -> dict[str, Any]:
    return {"type": "users_select", "selected_user": user_id}


def conversations_select(channel_id: str | None) -> dict[str, Any]:
    return {"type": "conversations_select", "selected_conversation": channel_id}


def datepicker(date: str | None) -> dict[str, Any]:
    """`date` as Slack sends it: "YYYY-MM-DD"."""
    return {"type": "datepicker", "selected_date": date}


def timepicker(hhmm: str | None, timezone: str = "Asia/Tokyo") -> dict[str, Any]:
    return {"type": "timepicker", "selected_time": hhmm, "timezone": timezone}


def datetimepicker(unix_seconds: int | None) -> dict[str, Any]:
    return {"type": "datetimepicker", "selected_date_time": unix_seconds}
