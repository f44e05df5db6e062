"""A fake Slack Web API on 127.0.0.1 that records every call the bot makes.

The bot under test talks to it through the real slack_sdk `WebClient(base_url=fake.base_url)` (or
`SLACK_API_URL=fake.base_url`). The fake answers like Slack does, including the failures a bot must
survive: Block Kit limits, expired trigger ids, rate limits, server errors and dropped connections.

    with FakeSlack() as fake:
        client = fake.client()
        client.chat_postMessage(channel="C0DRAFTS", text="こんにちは")
        assert fake.messages("C0DRAFTS")[0]["text"] == "こんにちは"

Every HTTP attempt is one `Call`, failed ones included, so a test can show that a retry happened and
that the last attempt succeeded. Besides `/api/<method>` the server has the routes a bot reaches by
URL: `GET /files/<id>/...` (private file download, needs the bot token), `POST /upload/<id>` (the
upload step of `files_upload_v2`) and `POST /response/<id>` (a `response_url`). Those are recorded
under the pseudo-methods `DOWNLOAD`, `UPLOAD` and `RESPONSE_URL`.
"""

from __future__ import annotations

import base64
import contextlib
import copy
import itertools
import json
import mimetypes
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

from tests.slack import payloads
from tests.slack.payloads import APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID

BOT_TOKEN = "xoxb-0000000001-0000000000001-fakebottoken"
APP_TOKEN = "xapp-1-A0APP-0000000001-fakeapptoken"

DOWNLOAD = "files:download"
UPLOAD = "files:upload"
RESPONSE_URL = "response_url"

# Slack's documented limits (https://docs.slack.dev/reference/block-kit/blocks and the method pages).
MESSAGE_BLOCKS_MAX = 50
VIEW_BLOCKS_MAX = 100
MESSAGE_TEXT_MAX = 40_000
VIEW_TITLE_MAX = 24
VIEW_BUTTON_MAX = 24  # submit and close
PRIVATE_METADATA_MAX = 3000
CALLBACK_ID_MAX = 255
EXTERNAL_ID_MAX = 255

# Fields Slack accepts as JSON strings inside a form body; decoded so tests see structures.
_JSON_FIELDS = ("blocks", "view", "attachments", "metadata")

# Fault injection is for tests: these bounds keep a typo from stalling a run.
_MAX_FAULTS = 100
_MAX_FAULT_SECONDS = 30.0


# ================================================================ Block Kit checks


def _pointer_error(message: str, pointer: str) -> str:
    return f"{message} [json-pointer:{pointer}]"


def _interactive_elements(block: Mapping[str, Any]) -> list[dict[str, Any]]:
    elements = [e for e in block.get("elements") or [] if isinstance(e, dict)]
    for key in ("accessory", "element"):
        if isinstance(block.get(key), dict):
            elements.append(block[key])
    return [e for e in elements if "action_id" in e]


def check_blocks(blocks: Any, *, max_blocks: int = MESSAGE_BLOCKS_MAX, pointer: str = "/blocks") -> list[str]:
    """Errors Slack would report for `blocks`, each as "message [json-pointer:/path]"; [] if valid.

    Each block goes through slack_sdk's own Block Kit models (`Block.parse(...).to_dict()` runs their
    length and count validators, recursively into elements); what they do not check (the number of
    blocks, unknown types, duplicate ids) is checked here. Usable on its own to test a pure
    `build_*_blocks` function without a server.
    """
    if not isinstance(blocks, list):
        return [_pointer_error("must be an array", pointer)]
    errors: list[str] = []
    if len(blocks) > max_blocks:
        errors.append(_pointer_error(f"must be less than {max_blocks + 1} items", pointer))
    seen_block_ids: set[str] = set()
    for index, block in enumerate(blocks):
        here = f"{pointer}/{index}"
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            errors.append(_pointer_error("missing required field: type", here))
            continue
        block_id = block.get("block_id")
        if block_id is not None:
            if block_id in seen_block_ids:
                errors.append(_pointer_error(f"duplicate block_id: {block_id}", f"{here}/block_id"))
            seen_block_ids.add(block_id)
        seen_action_ids: set[str] = set()
        for element in _interactive_elements(block):
            action_id = element["action_id"]
            if action_id in seen_action_ids:
                errors.append(_pointer_error(f"duplicate action_id: {action_id}", here))
            seen_action_ids.add(action_id)
        errors.extend(_sdk_block_errors(block, here))
    return errors


def _sdk_block_errors(block: dict[str, Any], pointer: str) -> list[str]:
    try:
        parsed = Block.parse(block)
        if parsed is None:
            return [_pointer_error(f"unsupported type: {block['type']}", f"{pointer}/type")]
        parsed.to_dict()
    except SlackObjectFormationError as e:
        return [_pointer_error(str(e), pointer)]
    except (TypeError, ValueError, KeyError, AttributeError) as e:
        # The models raise these when a dict has the wrong shape (a string where an object belongs).
        return [_pointer_error(f"invalid block ({type(e).__name__}: {e})", pointer)]
    return []


def _text_of(obj: Any) -> str | None:
    if isinstance(obj, dict):
        text = obj.get("text")
        return text if isinstance(text, str) else None
    return None


def check_view(view: Any, *, pointer: str = "/view") -> list[str]:
    """Errors Slack would report for a modal or Home tab `view`; [] if valid."""
    if not isinstance(view, dict):
        return [_pointer_error("must be an object", pointer)]
    errors: list[str] = []
    view_type = view.get("type")
    if view_type not in ("modal", "home"):
        errors.append(_pointer_error("must be one of: modal, home", f"{pointer}/type"))
    if view_type == "modal":
        title = _text_of(view.get("title"))
        if title is None:
            errors.append(_pointer_error("missing required field: title", pointer))
        elif not 1 <= len(title) <= VIEW_TITLE_MAX:
            errors.append(_pointer_error(f"must be less than {VIEW_TITLE_MAX + 1} characters", f"{pointer}/title/text"))
        for key in ("submit", "close"):
            text = _text_of(view.get(key))
            if text is not None and len(text) > VIEW_BUTTON_MAX:
                errors.append(
                    _pointer_error(f"must be less than {VIEW_BUTTON_MAX + 1} characters", f"{pointer}/{key}/text")
                )
    elif view_type == "home" and (view.get("submit") or view.get("close")):
        errors.append(_pointer_error("home views cannot have submit or close", pointer))
    for key, limit in (
        ("private_metadata", PRIVATE_METADATA_MAX),
        ("callback_id", CALLBACK_ID_MAX),
        ("external_id", EXTERNAL_ID_MAX),
    ):
        value = view.get(key)
        if isinstance(value, str) and len(value) > limit:
            errors.append(_pointer_error(f"must be less than {limit + 1} characters", f"{pointer}/{key}"))
    errors.extend(check_blocks(view.get("blocks"), max_blocks=VIEW_BLOCKS_MAX, pointer=f"{pointer}/blocks"))
    return errors


# ================================================================ recorded calls


@dataclass(frozen=True)
class Call:
    """One HTTP attempt the bot made. `status` is None when the fake dropped the connection."""

    method: str
    args: dict[str, Any]
    headers: dict[str, str]  # names lower-cased
    token: str | None
    time: float
    status: int | None
    response: dict[str, Any] | None
    path: str = ""

    @property
    def ok(self) -> bool:
        """200 and, for JSON answers, `"ok": true` (a file download or upload has no JSON)."""
        return self.status == 200 and (self.response is None or bool(self.response.get("ok")))

    @property
    def error(self) -> str | None:
        return None if self.response is None else self.response.get("error")

    @property
    def outcome(self) -> str:
        """ "200 ok", "429 ratelimited", "dropped": for failure messages."""
        if self.status is None:
            return "dropped"
        if self.response is None:
            return str(self.status)
        return f"{self.status} {self.error or 'ok'}"

    def __repr__(self) -> str:
        return f"Call({self.method}, {self.outcome}, args={self.args!r})"


class SlackError(Exception):
    """Raised by a method implementation to answer `{"ok": false, "error": ...}` like Slack."""

    def __init__(self, error: str, *, status: int = 200, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.extra = extra


@dataclass
class _Fault:
    kind: str  # "error", "drop" or "delay"
    status: int = 200
    error: str = ""
    retry_after: int | None = None
    seconds: float = 0.0


@dataclass
class _Reply:
    status: int
    body: bytes
    headers: list[tuple[str, str]] = field(default_factory=list)
    data: dict[str, Any] | None = None  # the JSON body, for the record

    @classmethod
    def json(cls, status: int, data: Mapping[str, Any], headers: Iterable[tuple[str, str]] = ()) -> _Reply:
        return cls(
            status,
            json.dumps(data, ensure_ascii=False).encode("utf-8"),
            [("Content-Type", "application/json; charset=utf-8"), *headers],
            dict(data),
        )


# Method name -> (implementation, token kind). Filled by @_api below; one method, one function.
_METHODS: dict[str, tuple[Callable[[FakeSlack, dict[str, Any]], dict[str, Any]], str]] = {}


def _api(name: str, *, token_kind: str = "bot"):
    def register(fn: Callable[[FakeSlack, dict[str, Any]], dict[str, Any]]):
        if name in _METHODS:
            raise RuntimeError(f"Web API method {name} is implemented twice")
        _METHODS[name] = (fn, token_kind)
        return fn

    return register


def _required(args: Mapping[str, Any], name: str, error: str = "invalid_arguments") -> Any:
    value = args.get(name)
    if value in (None, ""):
        raise SlackError(error, response_metadata={"messages": [f"[ERROR] missing required field: {name}"]})
    return value


# ================================================================ the server


class FakeSlack:
    """The fake Web API. Start it with `start()` or `with FakeSlack() as fake:`; see the module doc."""

    def __init__(self, *, trigger_ttl: float = 3.0, bot_token: str = BOT_TOKEN, app_token: str = APP_TOKEN) -> None:
        self.trigger_ttl = trigger_ttl
        self.bot_token = bot_token
        self.app_token = app_token
        # Set by SocketModeFake.attach(): hands out a fresh ws:// URL for apps.connections.open.
        self.socket_mode_url: Callable[[], str] | None = None

        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

        # Directory: survives reset().
        self._users: dict[str, dict[str, Any]] = {}
        self._channels: dict[str, dict[str, Any]] = {}
        self._configured_files: dict[str, dict[str, Any]] = {}
        self._file_contents: dict[str, bytes] = {}
        self.add_user(BOT_USER_ID, name="sns-gate", real_name="sns-gate", is_bot=True)
        self._reset_state()

    def _reset_state(self) -> None:
        self._calls: list[Call] = []
        self._last_call_at = time.monotonic()
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._ephemerals: list[dict[str, Any]] = []
        self._views: dict[str, dict[str, Any]] = {}
        self._home_views: dict[str, str] = {}
        self._triggers: dict[str, float] = {}
        self._used_triggers: set[str] = set()
        self._response_urls: set[str] = set()
        self._uploads: dict[str, dict[str, Any]] = {}
        self._uploaded_files: dict[str, dict[str, Any]] = {}
        self._faults: dict[str, deque[_Fault]] = {}
        self._down_until = 0.0

    # ------------------------------------------------------------ lifecycle

    def start(self) -> FakeSlack:
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server = _Server(("127.0.0.1", 0), _RequestHandler)
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, name="fake-slack", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()  # cuts injected delays short
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def root_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def base_url(self) -> str:
        """For `WebClient(base_url=...)` and `SLACK_API_URL`: ends in "/api/" like Slack's own."""
        return f"{self.root_url}/api/"

    def client(self, **kwargs: Any) -> WebClient:
        """A real slack_sdk WebClient pointed at this fake with the bot token (kwargs override)."""
        kwargs.setdefault("token", self.bot_token)
        kwargs.setdefault("timeout", 5)
        return WebClient(base_url=self.base_url, **kwargs)

    # ------------------------------------------------------------ directory

    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        real_name: str | None = None,
        tz: str = "Asia/Tokyo",
        is_admin: bool = False,
        is_bot: bool = False,
        deleted: bool = False,
        email: str | None = None,
    ) -> dict[str, Any]:
        """A workspace member as `users.info` returns it (tz, tz_label and tz_offset from `tz`)."""
        zone = ZoneInfo(tz)
        now = datetime.now(zone)
        offset = now.utcoffset()
        name = name or user_id.lower()
        user = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": name,
            "deleted": deleted,
            "color": "9f69e7",
            "real_name": real_name or name,
            "tz": tz,
            "tz_label": now.tzname() or tz,
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "is_admin": is_admin,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": int(time.time()),
            "profile": {
                "real_name": real_name or name,
                "display_name": name,
                "real_name_normalized": real_name or name,
                "display_name_normalized": name,
                "team": TEAM_ID,
                **({"email": email} if email else {}),
                **({"bot_id": BOT_ID} if user_id == BOT_USER_ID else {}),
            },
        }
        with self._lock:
            self._users[user_id] = user
        return copy.deepcopy(user)

    def add_channel(
        self,
        channel_id: str,
        *,
        name: str | None = None,
        is_private: bool = False,
        members: Iterable[str] = (),
        is_member: bool = True,
        is_archived: bool = False,
    ) -> dict[str, Any]:
        """A channel for `conversations.info`/`.members`. Posting to an unconfigured channel also works;
        posting to a configured one the bot is not a member of fails with `not_in_channel`."""
        member_list = list(dict.fromkeys([*members, *([BOT_USER_ID] if is_member else [])]))
        channel = {
            "id": channel_id,
            "name": name or channel_id.lower(),
            "is_channel": not is_private,
            "is_group": is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": is_private,
            "created": int(time.time()),
            "is_archived": is_archived,
            "is_general": False,
            "is_shared": False,
            "is_ext_shared": False,
            "is_org_shared": False,
            "is_member": is_member,
            "creator": member_list[0] if member_list else "",
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
            "num_members": len(member_list),
            "context_team_id": TEAM_ID,
        }
        with self._lock:
            self._channels[channel_id] = {"info": channel, "members": member_list}
        return copy.deepcopy(channel)

    def add_file(
        self,
        file_id: str,
        *,
        name: str,
        content: bytes,
        mimetype: str | None = None,
        user: str = payloads.DEFAULT_USER_ID,
        channels: Iterable[str] = (),
        title: str | None = None,
    ) -> dict[str, Any]:
        """A file someone shared. Returns the file object, ready for `payloads.message_event(files=[...])`;
        `files.info` returns it and its `url_private` serves `content` to the bot token."""
        meta = payloads.slack_file(
            file_id,
            name=name,
            base_url=self.root_url,
            mimetype=mimetype or mimetypes.guess_type(name)[0] or "application/octet-stream",
            size=len(content),
            user=user,
            channels=channels,
            title=title,
        )
        with self._lock:
            self._configured_files[file_id] = meta
            self._file_contents[file_id] = bytes(content)
        return copy.deepcopy(meta)

    def add_message(self, message: Mapping[str, Any]) -> dict[str, Any]:
        """Put a message someone else posted (e.g. a `payloads.message_event`) into its channel, so that
        what the bot does with it (permalink, reactions, thread replies) works as on Slack."""
        channel = message["channel"]
        stored = {k: copy.deepcopy(v) for k, v in message.items() if k not in ("channel", "event_ts", "channel_type")}
        with self._lock:
            self._store_message(channel, stored)
        return self._public(channel, stored)

    # ------------------------------------------------------------ triggers and response URLs

    def issue_trigger_id(self, ttl: float | None = None) -> str:
        """A trigger id as Slack puts in an interaction payload: valid for `ttl` (default
        `trigger_ttl`, 3 s like Slack) and usable once. `ttl=0` gives an already expired one."""
        trigger_id = f"{int(time.time())}{next(self._ids):04d}.{TEAM_ID[1:]}.{secrets.token_hex(10)}"
        with self._lock:
            self._triggers[trigger_id] = time.monotonic() + (self.trigger_ttl if ttl is None else ttl)
        return trigger_id

    def expire_trigger(self, trigger_id: str) -> None:
        with self._lock:
            self._triggers[trigger_id] = 0.0

    def response_url(self) -> str:
        """A `response_url` for a command or action payload; what the bot posts there is recorded as
        `RESPONSE_URL` calls."""
        hook_id = f"{TEAM_ID}/{next(self._ids)}/{next(self._ids):08x}"
        with self._lock:
            self._response_urls.add(hook_id)
        return f"{self.root_url}/response/{hook_id}"

    # ------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        n: int = 1,
        *,
        error: str | None = None,
        status: int = 429,
        retry_after: int = 1,
    ) -> None:
        """The next `n` calls to `method` answer `status` with `{"ok": false, "error": error}`.

        429 carries `Retry-After: retry_after` (error "ratelimited"); 500/503 model an outage (error
        "internal_error"); status 200 with an `error` injects any ordinary API error.
        """
        self._check_fault_bounds(n, retry_after)
        if error is None:
            error = "ratelimited" if status == 429 else "internal_error" if status >= 500 else "fatal_error"
        fault = _Fault("error", status=status, error=error, retry_after=retry_after if status == 429 else None)
        self._add_faults(method, [fault] * n)

    def drop_next(self, method: str, n: int = 1) -> None:
        """The next `n` calls to `method` get no response: the connection is closed after the request
        is read, which the client sees as `RemoteDisconnected`."""
        self._check_fault_bounds(n, 0)
        self._add_faults(method, [_Fault("drop")] * n)

    def delay_next(self, method: str, seconds: float, n: int = 1) -> None:
        """The next `n` calls to `method` are answered normally, but only after `seconds`."""
        self._check_fault_bounds(n, seconds)
        self._add_faults(method, [_Fault("delay", seconds=seconds)] * n)

    def go_down(self, seconds: float) -> None:
        """For `seconds`, every request (any route) is dropped without a response."""
        self._check_fault_bounds(1, seconds)
        with self._lock:
            self._down_until = time.monotonic() + seconds

    def recover(self) -> None:
        """End `go_down` early and forget pending faults."""
        with self._lock:
            self._down_until = 0.0
            self._faults.clear()

    @staticmethod
    def _check_fault_bounds(n: int, seconds: float) -> None:
        if not 1 <= n <= _MAX_FAULTS:
            raise ValueError(f"n must be between 1 and {_MAX_FAULTS}")
        if not 0 <= seconds <= _MAX_FAULT_SECONDS:
            raise ValueError(f"seconds must be between 0 and {_MAX_FAULT_SECONDS}")

    def _add_faults(self, method: str, faults: list[_Fault]) -> None:
        with self._lock:
            self._faults.setdefault(method, deque()).extend(copy.copy(f) for f in faults)

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            if time.monotonic() < self._down_until:
                return _Fault("drop")
            queue = self._faults.get(method)
            return queue.popleft() if queue else None

    # ------------------------------------------------------------ inspection

    def calls(self, method: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def last(self, method: str | None = None) -> Call:
        found = self.calls(method)
        if not found:
            raise LookupError(f"no call to {method or 'any method'}; recorded: {self._summary()}")
        return found[-1]

    def wait_for(
        self,
        method: str | None = None,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,
    ) -> Call:
        """The first recorded call to `method` (any method if None) that satisfies `predicate`,
        waiting up to `timeout` seconds for it. Earlier calls count too. A predicate that raises
        KeyError, IndexError or TypeError (`c.args["thread_ts"]` on a call without one) does not match."""
        return self.wait_for_calls(method, 1, predicate, timeout=timeout)[0]

    def wait_for_calls(
        self,
        method: str | None,
        count: int,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,
    ) -> list[Call]:
        """The first `count` matching calls, waiting up to `timeout` seconds for them."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                matching = [c for c in self._calls if (method is None or c.method == method) and _matches(predicate, c)]
                if len(matching) >= count:
                    return matching[:count]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"waited {timeout}s for {count} call(s) to {method or 'any method'}"
                        f"{' matching the predicate' if predicate else ''}; recorded: {self._summary()}"
                    )
                self._changed.wait(remaining)

    def wait_until_quiet(self, quiet: float = 0.2, timeout: float = 5.0) -> list[Call]:
        """Wait until no call has arrived for `quiet` seconds; returns all calls. To assert that
        something happened only once: `wait_for` the first occurrence, then this, then count."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                now = time.monotonic()
                silent_for = now - self._last_call_at
                if silent_for >= quiet:
                    return list(self._calls)
                if now >= deadline:
                    raise AssertionError(f"calls kept arriving for {timeout}s; recorded: {self._summary()}")
                self._changed.wait(min(quiet - silent_for, deadline - now))

    def messages(self, channel: str, thread_ts: str | None = None) -> list[dict[str, Any]]:
        """Messages in `channel`, oldest first: top-level ones, or with `thread_ts` the replies in that
        thread (without the parent). Each is a copy with `channel` added."""
        with self._lock:
            stored = self._messages.get(channel, [])
            if thread_ts is None:
                chosen = [m for m in stored if m.get("thread_ts") in (None, m["ts"])]
            else:
                chosen = [m for m in stored if m.get("thread_ts") == thread_ts and m["ts"] != thread_ts]
            return [self._public(channel, m) for m in chosen]

    def message(self, channel: str, ts: str) -> dict[str, Any]:
        with self._lock:
            return self._public(channel, self._find_message(channel, ts))

    def ephemerals(self, channel: str | None = None, user: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [
                copy.deepcopy(e)
                for e in self._ephemerals
                if (channel is None or e["channel"] == channel) and (user is None or e["user"] == user)
            ]

    def view(self, view_id: str) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self._views[view_id])

    def views(self) -> list[dict[str, Any]]:
        """Every modal and Home view the bot opened, pushed or published, current version."""
        with self._lock:
            return [copy.deepcopy(v) for v in self._views.values()]

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        with self._lock:
            view_id = self._home_views.get(user_id)
            return None if view_id is None else copy.deepcopy(self._views[view_id])

    def file(self, file_id: str) -> tuple[dict[str, Any], bytes]:
        """A configured or uploaded file: its metadata and content."""
        with self._lock:
            meta = self._uploaded_files.get(file_id) or self._configured_files[file_id]
            return copy.deepcopy(meta), self._file_contents[file_id]

    def reset(self) -> None:
        """Forget calls, messages, views, triggers, uploads and faults; keep users, channels and
        files added with `add_*`."""
        with self._changed:
            for file_id in self._uploaded_files:
                self._file_contents.pop(file_id, None)
            self._reset_state()
            self._changed.notify_all()

    def _summary(self) -> str:
        with self._lock:
            return ", ".join(f"{c.method} ({c.outcome})" for c in self._calls) or "nothing"

    # ------------------------------------------------------------ request handling

    def _record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._last_call_at = time.monotonic()
            self._changed.notify_all()

    def _handle(self, verb: str, raw_path: str, headers: dict[str, str], body: bytes) -> _Reply | None:
        path, _, query = raw_path.partition("?")
        if path.startswith("/api/"):
            name = path[len("/api/") :]
            args, body_error = self._parse_args(headers, body, query)
            return self._respond(name, path, args, headers, lambda token: self._call_api(name, args, token, body_error))
        if path.startswith("/files/"):
            file_id = path.split("/")[2]
            args = {"file": file_id}
            return self._respond(DOWNLOAD, path, args, headers, lambda token: self._download(file_id, token))
        if path.startswith("/upload/") and verb == "POST":
            file_id = path[len("/upload/") :]
            return self._respond(
                UPLOAD, path, {"file": file_id, "bytes": len(body)}, headers, lambda _: self._upload(file_id, body)
            )
        if path.startswith("/response/") and verb == "POST":
            hook_id = path[len("/response/") :]
            args, body_error = self._parse_args(headers, body, query)
            return self._respond(
                RESPONSE_URL, path, args, headers, lambda _: self._post_response_url(hook_id, args, body_error)
            )
        if path == "/signin":
            # Where Slack sends a download without a valid token: a 200 HTML page, not the file.
            page = "<!DOCTYPE html><html><body>Sign in to sns-gate-test</body></html>"
            return _Reply(200, page.encode(), [("Content-Type", "text/html; charset=utf-8")])
        return _Reply(404, b"not found", [("Content-Type", "text/plain")])

    def _respond(
        self,
        name: str,
        path: str,
        args: dict[str, Any],
        headers: dict[str, str],
        produce: Callable[[str | None], _Reply],
    ) -> _Reply | None:
        # Slack takes the token from the Authorization header or from a `token` field.
        token = _bearer(headers)
        if token is None and isinstance(args.get("token"), str):
            token = args["token"]
        args.pop("token", None)

        fault = self._take_fault(name)
        if fault is not None and fault.kind == "delay":
            self._stopping.wait(fault.seconds)
            fault = None
        if fault is not None and fault.kind == "drop":
            reply = None
        elif fault is not None:
            extra = [("Retry-After", str(fault.retry_after))] if fault.retry_after is not None else []
            reply = _Reply.json(fault.status, {"ok": False, "error": fault.error}, extra)
        else:
            reply = produce(token)

        self._record(
            Call(
                method=name,
                args=args,
                headers=headers,
                token=token,
                time=time.time(),
                status=None if reply is None else reply.status,
                response=None if reply is None else reply.data,
                path=path,
            )
        )
        return reply

    @staticmethod
    def _parse_args(headers: Mapping[str, str], body: bytes, query: str) -> tuple[dict[str, Any], str | None]:
        """The arguments of a request, as Slack reads them, and the error Slack gives a body it cannot read."""
        args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
        body_error: str | None = None
        content_type = headers.get("content-type", "")
        if content_type.startswith("application/json"):
            try:
                data = json.loads(body or b"{}")
            except ValueError:
                data = None
            if isinstance(data, dict):
                args.update(data)
            else:
                body_error = "invalid_json"
        elif body and content_type.startswith("application/x-www-form-urlencoded"):
            args.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        elif body and content_type.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
            )
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                filename = part.get_filename()
                payload = part.get_payload(decode=True) or b""
                # An uploaded file is recorded by name and size; the bytes would only clutter the record.
                args[name] = {"filename": filename, "bytes": len(payload)} if filename else payload.decode("utf-8")
        elif body:
            body_error = "invalid_form_data"
        for name in _JSON_FIELDS:
            if isinstance(args.get(name), str):
                # Undecodable stays a string: the method answers with Slack's "invalid ... format" error.
                with contextlib.suppress(ValueError):
                    args[name] = json.loads(args[name])
        return args, body_error

    def _call_api(self, name: str, args: dict[str, Any], token: str | None, body_error: str | None) -> _Reply:
        try:
            entry = _METHODS.get(name)
            if entry is None:
                raise SlackError("unknown_method", req_method=name)
            if body_error is not None:
                raise SlackError(body_error)
            if token is None:
                raise SlackError("not_authed")
            kind = "bot" if token == self.bot_token else "app" if token == self.app_token else None
            if kind is None:
                raise SlackError("invalid_auth")
            implementation, token_kind = entry
            if kind != token_kind:
                raise SlackError("not_allowed_token_type")
            with self._lock:
                result = implementation(self, args)
            return _Reply.json(200, result)
        except SlackError as e:
            return _Reply.json(e.status, {"ok": False, "error": e.error, **e.extra})

    # ------------------------------------------------------------ helpers for methods

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):09d}"

    def _new_hash(self) -> str:
        return f"{int(time.time())}.{next(self._ids):08x}"

    def _public(self, channel: str, message: Mapping[str, Any]) -> dict[str, Any]:
        return {**copy.deepcopy(dict(message)), "channel": channel}

    def _store_message(self, channel: str, message: dict[str, Any]) -> None:
        self._messages.setdefault(channel, []).append(message)
        thread_ts = message.get("thread_ts")
        if thread_ts and thread_ts != message["ts"]:
            parent = next((m for m in self._messages[channel] if m["ts"] == thread_ts), None)
            if parent is not None:
                parent["thread_ts"] = thread_ts
                parent["reply_count"] = parent.get("reply_count", 0) + 1
                users = parent.setdefault("reply_users", [])
                if message.get("user") and message["user"] not in users:
                    users.append(message["user"])
                parent["reply_users_count"] = len(users)
                parent["latest_reply"] = message["ts"]

    def _find_message(self, channel: str, ts: Any, error: str = "message_not_found") -> dict[str, Any]:
        for message in self._messages.get(channel, []):
            if message["ts"] == ts:
                return message
        raise SlackError(error)

    def _check_channel_postable(self, channel: str) -> None:
        configured = self._channels.get(channel)
        if configured is None:
            return
        if configured["info"]["is_archived"]:
            raise SlackError("is_archived")
        if not configured["info"]["is_member"]:
            raise SlackError("not_in_channel")

    @staticmethod
    def _check_message_content(args: Mapping[str, Any], *, require_content: bool) -> None:
        blocks = args.get("blocks")
        if isinstance(blocks, str):
            raise SlackError("invalid_blocks_format")
        if blocks is not None:
            errors = check_blocks(blocks)
            if errors:
                raise SlackError(
                    "invalid_blocks",
                    errors=errors,
                    response_metadata={"messages": [f"[ERROR] {e}" for e in errors]},
                )
        if isinstance(args.get("attachments"), str):
            raise SlackError("invalid_attachments")
        text = args.get("text")
        if isinstance(text, str) and len(text) > MESSAGE_TEXT_MAX:
            raise SlackError("msg_too_long")
        if require_content and not text and not blocks and not args.get("attachments"):
            raise SlackError("no_text")

    def _bot_message(self, args: Mapping[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "text": args.get("text") or "",
            "ts": payloads.new_ts(),
            "bot_profile": {"id": BOT_ID, "app_id": APP_ID, "name": "sns-gate", "team_id": TEAM_ID, "deleted": False},
        }
        if args.get("blocks"):
            message["blocks"] = self._with_generated_ids(args["blocks"])
        if args.get("attachments"):
            message["attachments"] = copy.deepcopy(args["attachments"])
        if args.get("metadata"):
            message["metadata"] = copy.deepcopy(args["metadata"])
        if args.get("thread_ts"):
            message["thread_ts"] = str(args["thread_ts"])
        return message

    def _with_generated_ids(self, blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # Slack gives every block and interactive element an id when the sender did not, and the
        # interaction payloads and view.state refer to those ids.
        blocks = copy.deepcopy(blocks)
        for block in blocks:
            block.setdefault("block_id", f"{next(self._ids):x}")
            for element in [*(block.get("elements") or []), block.get("accessory"), block.get("element")]:
                if isinstance(element, dict) and element.get("type") in _INTERACTIVE_TYPES:
                    element.setdefault("action_id", f"{next(self._ids):x}")
        return blocks

    def _consume_trigger(self, trigger_id: Any) -> None:
        if not trigger_id:
            raise SlackError("invalid_arguments", response_metadata={"messages": ["[ERROR] missing trigger_id"]})
        if trigger_id in self._used_triggers:
            raise SlackError("exchanged_trigger_id")
        expires = self._triggers.get(trigger_id)
        if expires is None or time.monotonic() >= expires:
            raise SlackError("expired_trigger_id")
        self._used_triggers.add(trigger_id)

    def _validated_view(self, args: Mapping[str, Any], *, allowed_type: str) -> dict[str, Any]:
        view = args.get("view")
        errors = check_view(view)
        if not errors and view.get("type") != allowed_type:
            errors = [_pointer_error(f"must be {allowed_type}", "/view/type")]
        if errors:
            raise SlackError("invalid_arguments", response_metadata={"messages": [f"[ERROR] {e}" for e in errors]})
        return view

    def _make_view(self, view: Mapping[str, Any], *, view_id: str | None = None, root: str | None = None) -> dict:
        view_id = view_id or self._new_id("V")
        return {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": view["type"],
            "blocks": self._with_generated_ids(view.get("blocks") or []),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "state": {"values": {}},
            "hash": self._new_hash(),
            "title": copy.deepcopy(view.get("title")),
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "close": copy.deepcopy(view.get("close")),
            "submit": copy.deepcopy(view.get("submit")),
            "previous_view_id": None,
            "root_view_id": root or view_id,
            "app_id": APP_ID,
            "external_id": view.get("external_id", ""),
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }

    def _find_view(self, args: Mapping[str, Any]) -> dict[str, Any]:
        if args.get("view_id"):
            found = self._views.get(args["view_id"])
        elif args.get("external_id"):
            found = next((v for v in self._views.values() if v["external_id"] == args["external_id"]), None)
        else:
            raise SlackError(
                "invalid_arguments", response_metadata={"messages": ["[ERROR] view_id or external_id is required"]}
            )
        if found is None:
            raise SlackError("not_found")
        if args.get("hash") and args["hash"] != found["hash"]:
            raise SlackError("hash_conflict")
        return found

    # ------------------------------------------------------------ Web API methods

    @_api("auth.test")
    def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": "sns-gate test",
            "user": "sns-gate",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    @_api("apps.connections.open", token_kind="app")
    def _apps_connections_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if self.socket_mode_url is None:
            # The fake's own signal: the test did not start a SocketModeFake.
            raise SlackError("socket_mode_not_enabled")
        return {"ok": True, "url": self.socket_mode_url()}

    @_api("chat.postMessage")
    def _chat_post_message(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        if channel[:1] in ("U", "W"):
            # Posting to a user ID posts in the bot's direct message with that user.
            channel = payloads.dm_channel_id(channel)
        self._check_channel_postable(channel)
        self._check_message_content(args, require_content=True)
        message = self._bot_message(args)
        self._store_message(channel, message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": copy.deepcopy(message)}

    @_api("chat.update")
    def _chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        message = self._find_message(channel, _required(args, "ts", "message_not_found"))
        if message.get("bot_id") != BOT_ID:
            raise SlackError("cant_update_message")
        self._check_message_content(args, require_content=False)
        for key in ("text", "attachments", "metadata"):
            if key in args:
                message[key] = copy.deepcopy(args[key])
        if "blocks" in args:
            message["blocks"] = self._with_generated_ids(args["blocks"] or [])
        message["edited"] = {"user": BOT_USER_ID, "ts": payloads.new_ts()}
        return {
            "ok": True,
            "channel": channel,
            "ts": message["ts"],
            "text": message.get("text", ""),
            "message": copy.deepcopy(message),
        }

    @_api("chat.delete")
    def _chat_delete(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        message = self._find_message(channel, _required(args, "ts", "message_not_found"))
        if message.get("bot_id") != BOT_ID:
            raise SlackError("cant_delete_message")
        self._messages[channel].remove(message)
        return {"ok": True, "channel": channel, "ts": message["ts"]}

    @_api("chat.postEphemeral")
    def _chat_post_ephemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        user = _required(args, "user", "user_not_found")
        self._check_channel_postable(channel)
        configured = self._channels.get(channel)
        if configured is not None and len(configured["members"]) > 1 and user not in configured["members"]:
            raise SlackError("user_not_in_channel")
        self._check_message_content(args, require_content=True)
        message = self._bot_message(args)
        self._ephemerals.append({**message, "channel": channel, "user": user})
        return {"ok": True, "message_ts": message["ts"]}

    @_api("chat.getPermalink")
    def _chat_get_permalink(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        message = self._find_message(channel, _required(args, "message_ts", "message_not_found"))
        permalink = f"https://{TEAM_DOMAIN}.slack.com/archives/{channel}/p{message['ts'].replace('.', '')}"
        if message.get("thread_ts") and message["thread_ts"] != message["ts"]:
            permalink += f"?thread_ts={message['thread_ts']}&cid={channel}"
        return {"ok": True, "channel": channel, "permalink": permalink}

    @_api("views.open")
    def _views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        view = self._validated_view(args, allowed_type="modal")
        self._consume_trigger(args.get("trigger_id"))
        stored = self._make_view(view)
        self._views[stored["id"]] = stored
        return {"ok": True, "view": copy.deepcopy(stored)}

    @_api("views.push")
    def _views_push(self, args: dict[str, Any]) -> dict[str, Any]:
        view = self._validated_view(args, allowed_type="modal")
        self._consume_trigger(args.get("trigger_id"))
        stored = self._make_view(view)
        self._views[stored["id"]] = stored
        return {"ok": True, "view": copy.deepcopy(stored)}

    @_api("views.update")
    def _views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        current = self._find_view(args)
        view = self._validated_view(args, allowed_type=current["type"])
        updated = self._make_view(view, view_id=current["id"], root=current["root_view_id"])
        updated["previous_view_id"] = current["previous_view_id"]
        self._views[current["id"]] = updated
        return {"ok": True, "view": copy.deepcopy(updated)}

    @_api("views.publish")
    def _views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        user_id = _required(args, "user_id")
        view = self._validated_view(args, allowed_type="home")
        view_id = self._home_views.get(user_id)
        if view_id is not None and args.get("hash") and args["hash"] != self._views[view_id]["hash"]:
            raise SlackError("hash_conflict")
        stored = self._make_view(view, view_id=view_id)
        self._views[stored["id"]] = stored
        self._home_views[user_id] = stored["id"]
        return {"ok": True, "view": copy.deepcopy(stored)}

    @_api("users.info")
    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self._users.get(_required(args, "user", "user_not_found"))
        if user is None:
            raise SlackError("user_not_found")
        return {"ok": True, "user": copy.deepcopy(user)}

    @_api("conversations.info")
    def _conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._channels.get(_required(args, "channel", "channel_not_found"))
        if channel is None:
            raise SlackError("channel_not_found")
        return {"ok": True, "channel": copy.deepcopy(channel["info"])}

    @_api("conversations.open")
    def _conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = [u for u in str(_required(args, "users", "users_list_not_supplied")).split(",") if u]
        if len(users) != 1:
            raise SlackError("not_supported")  # group DMs are not modelled
        channel_id = payloads.dm_channel_id(users[0])
        return {"ok": True, "channel": {"id": channel_id, "is_im": True, "user": users[0]}}

    @_api("conversations.members")
    def _conversations_members(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self._channels.get(_required(args, "channel", "channel_not_found"))
        if channel is None:
            raise SlackError("channel_not_found")
        limit = int(args.get("limit") or 100)
        offset = 0
        if args.get("cursor"):
            try:
                offset = int(base64.b64decode(args["cursor"]).decode().removeprefix("offset:"))
            except ValueError as e:
                raise SlackError("invalid_cursor") from e
        members = channel["members"][offset : offset + limit]
        more = offset + limit < len(channel["members"])
        next_cursor = base64.b64encode(f"offset:{offset + limit}".encode()).decode() if more else ""
        return {"ok": True, "members": members, "response_metadata": {"next_cursor": next_cursor}}

    @_api("conversations.replies")
    def _conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        parent = self._find_message(channel, _required(args, "ts", "thread_not_found"), "thread_not_found")
        thread_ts = parent.get("thread_ts") or parent["ts"]
        thread = [m for m in self._messages.get(channel, []) if m["ts"] == thread_ts or m.get("thread_ts") == thread_ts]
        thread.sort(key=lambda m: float(m["ts"]))
        return {
            "ok": True,
            "messages": copy.deepcopy(thread),
            "has_more": False,
            "response_metadata": {"next_cursor": ""},
        }

    @_api("reactions.add")
    def _reactions_add(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = _required(args, "channel", "channel_not_found")
        name = _required(args, "name", "invalid_name")
        message = self._find_message(channel, _required(args, "timestamp", "message_not_found"))
        reactions = message.setdefault("reactions", [])
        reaction = next((r for r in reactions if r["name"] == name), None)
        if reaction is None:
            reaction = {"name": name, "users": [], "count": 0}
            reactions.append(reaction)
        if BOT_USER_ID in reaction["users"]:
            raise SlackError("already_reacted")
        reaction["users"].append(BOT_USER_ID)
        reaction["count"] += 1
        return {"ok": True}

    @_api("files.info")
    def _files_info(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = _required(args, "file", "file_not_found")
        meta = self._uploaded_files.get(file_id) or self._configured_files.get(file_id)
        if meta is None:
            raise SlackError("file_not_found")
        return {"ok": True, "file": copy.deepcopy(meta), "comments": [], "response_metadata": {"next_cursor": ""}}

    @_api("files.upload")
    def _files_upload(self, args: dict[str, Any]) -> dict[str, Any]:
        # Slack retired the v1 upload; a bot must use files_upload_v2.
        raise SlackError("method_deprecated")

    @_api("files.getUploadURLExternal")
    def _files_get_upload_url_external(self, args: dict[str, Any]) -> dict[str, Any]:
        filename = _required(args, "filename")
        try:
            length = int(_required(args, "length"))
        except ValueError as e:
            raise SlackError("invalid_arguments") from e
        file_id = self._new_id("F")
        self._uploads[file_id] = {"filename": filename, "length": length, "content": None}
        return {"ok": True, "upload_url": f"{self.root_url}/upload/{file_id}", "file_id": file_id}

    @_api("files.completeUploadExternal")
    def _files_complete_upload_external(self, args: dict[str, Any]) -> dict[str, Any]:
        try:
            entries = json.loads(_required(args, "files"))
        except ValueError as e:
            raise SlackError("invalid_arguments") from e
        channel = args.get("channel_id") or (args.get("channels") or "").split(",")[0] or None
        if channel:
            self._check_channel_postable(channel)
        completed = []
        for entry in entries:
            upload = self._uploads.get(entry.get("id"))
            if upload is None or upload["content"] is None:
                raise SlackError("file_not_found")
            meta = payloads.slack_file(
                entry["id"],
                name=upload["filename"],
                base_url=self.root_url,
                mimetype=mimetypes.guess_type(upload["filename"])[0] or "application/octet-stream",
                title=entry.get("title") or upload["filename"],
                size=len(upload["content"]),
                user=BOT_USER_ID,
                channels=[channel] if channel else [],
            )
            self._uploaded_files[entry["id"]] = meta
            self._file_contents[entry["id"]] = upload["content"]
            completed.append(meta)
        if channel:
            message = self._bot_message({"text": args.get("initial_comment") or "", "thread_ts": args.get("thread_ts")})
            message["files"] = copy.deepcopy(completed)
            message["upload"] = True
            self._store_message(channel, message)
        return {"ok": True, "files": [{"id": m["id"], "title": m["title"]} for m in completed]}

    # ------------------------------------------------------------ other routes

    def _download(self, file_id: str, token: str | None) -> _Reply:
        with self._lock:
            meta = self._uploaded_files.get(file_id) or self._configured_files.get(file_id)
            content = self._file_contents.get(file_id)
        if token != self.bot_token:
            # Slack answers a private URL without the token by redirecting to its sign-in page.
            return _Reply(302, b"", [("Content-Type", "text/html"), ("Location", f"{self.root_url}/signin")])
        if meta is None or content is None:
            return _Reply(404, b"file not found", [("Content-Type", "text/plain")])
        return _Reply(200, content, [("Content-Type", meta["mimetype"])])

    def _upload(self, file_id: str, body: bytes) -> _Reply:
        with self._lock:
            upload = self._uploads.get(file_id)
            if upload is None:
                return _Reply(404, b"upload url not found", [("Content-Type", "text/plain")])
            upload["content"] = body
        return _Reply(200, f"OK - {len(body)}".encode(), [("Content-Type", "text/plain")])

    def _post_response_url(self, hook_id: str, args: dict[str, Any], body_error: str | None) -> _Reply:
        with self._lock:
            known = hook_id in self._response_urls
        if not known:
            return _Reply.json(404, {"ok": False, "error": "no_active_hooks"})
        if body_error is not None:
            return _Reply.json(400, {"ok": False, "error": body_error})
        try:
            self._check_message_content(args, require_content=False)
        except SlackError as e:
            return _Reply.json(400, {"ok": False, "error": e.error, **e.extra})
        return _Reply.json(200, {"ok": True})


_INTERACTIVE_TYPES = frozenset(
    {
        "button",
        "checkboxes",
        "datepicker",
        "datetimepicker",
        "timepicker",
        "static_select",
        "external_select",
        "users_select",
        "conversations_select",
        "channels_select",
        "multi_static_select",
        "multi_external_select",
        "multi_users_select",
        "multi_conversations_select",
        "multi_channels_select",
        "overflow",
        "plain_text_input",
        "email_text_input",
        "url_text_input",
        "number_input",
        "radio_buttons",
        "rich_text_input",
        "file_input",
    }
)


def _matches(predicate: Callable[[Call], bool] | None, call: Call) -> bool:
    if predicate is None:
        return True
    try:
        return bool(predicate(call))
    except (KeyError, IndexError, TypeError):
        return False


def _bearer(headers: Mapping[str, str]) -> str | None:
    value = headers.get("authorization", "")
    if value[:7].lower() == "bearer ":
        return value[7:].strip() or None
    return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeSlack


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server
    timeout = 5  # a client that stops mid-request cannot hold a handler thread for long

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the recorded calls are the log; keep pytest output readable

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, verb: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = self.server.fake._handle(verb, self.path, headers, body)
        if reply is None:
            # Dropped: no status line at all, the connection just closes (the request was read in
            # full, so the client sees a clean close rather than a reset).
            self.close_connection = True
            return
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)


__all__ = [
    "APP_TOKEN",
    "BOT_TOKEN",
    "DOWNLOAD",
    "RESPONSE_URL",
    "UPLOAD",
    "Call",
    "FakeSlack",
    "SlackError",
    "check_blocks",
    "check_view",
]
