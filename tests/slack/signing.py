"""Slack's side of HTTP mode: signed requests to the bot, and a local server to run the bot on.

    with BoltHTTPServer(app) as server:
        result = post_event(server.base_url, secret, payloads.message_event("本文", channel="C0DRAFTS"))
        assert result.status == 200

A request is signed exactly as Slack signs it (`v0=HMAC-SHA256(secret, "v0:{ts}:{body}")`), so the
app's real signature check runs; `forged=True` signs with the wrong secret and `stale=True` signs
correctly but more than five minutes ago, which Bolt must refuse with 401.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socketserver
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, TypedDict, Unpack
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from tests.slack import payloads

# The example secret from Slack's "Verifying requests from Slack" page; any string works.
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
EVENTS_PATH = "/slack/events"
# Slack's replay window: a timestamp further than this from now must be refused.
MAX_CLOCK_SKEW = 5 * 60
USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)"

# Requests go to 127.0.0.1 only; an empty ProxyHandler keeps http_proxy from rerouting them.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def sign(body: bytes, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """The two headers Slack adds to every request: the timestamp and the v0 signature."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


class HTTPResult(NamedTuple):
    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


class SendOptions(TypedDict, total=False):
    path: str  # default "/slack/events"
    forged: bool  # signed with the wrong secret
    stale: bool  # correctly signed, but six minutes ago
    timeout: float  # seconds; default 5
    headers: Mapping[str, str]  # extra headers


def post_signed(
    base_url: str,
    secret: str,
    body: bytes,
    content_type: str,
    *,
    path: str = EVENTS_PATH,
    forged: bool = False,
    stale: bool = False,
    timeout: float = 5.0,
    headers: Mapping[str, str] | None = None,
) -> HTTPResult:
    """POST `body` to `base_url + path` signed like Slack; HTTP errors are returned, not raised."""
    timestamp = int(time.time()) - (MAX_CLOCK_SKEW + 60 if stale else 0)
    signed = sign(body, "forged-" + secret if forged else secret, timestamp)
    request = urllib.request.Request(
        base_url.rstrip("/") + path,
        data=body,
        method="POST",
        headers={"Content-Type": content_type, "User-Agent": USER_AGENT, **signed, **(headers or {})},
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            return HTTPResult(response.status, _lower(response.headers.items()), response.read())
    except urllib.error.HTTPError as e:
        with e:
            return HTTPResult(e.code, _lower(e.headers.items()), e.read())


def _lower(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {k.lower(): v for k, v in items}


def _post_json(base_url: str, secret: str, data: Mapping[str, Any], **options: Any) -> HTTPResult:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return post_signed(base_url, secret, body, "application/json", **options)


def _post_form(base_url: str, secret: str, fields: Mapping[str, str], **options: Any) -> HTTPResult:
    body = urlencode(fields).encode("utf-8")
    return post_signed(base_url, secret, body, "application/x-www-form-urlencoded", **options)


def post_event(
    base_url: str,
    secret: str,
    event: Mapping[str, Any],
    *,
    event_id: str | None = None,
    retry_num: int | None = None,
    retry_reason: str | None = None,
    **options: Unpack[SendOptions],
) -> HTTPResult:
    """Deliver an inner event (e.g. `payloads.message_event(...)`) through the Events API.

    A redelivery is the same `event_id` with `retry_num=1` (and `retry_reason="http_timeout"`), as
    Slack sends when the first delivery was not acknowledged in time.
    """
    headers = dict(options.pop("headers", {}))
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
    envelope = payloads.event_callback(event, event_id=event_id)
    return _post_json(base_url, secret, envelope, headers=headers, **options)


def post_command(
    base_url: str,
    secret: str,
    command: str,
    text: str = "",
    *,
    user_id: str = payloads.DEFAULT_USER_ID,
    channel_id: str = payloads.DEFAULT_CHANNEL_ID,
    trigger_id: str | None = None,
    response_url: str | None = None,
    **options: Unpack[SendOptions],
) -> HTTPResult:
    """Run a slash command, e.g. `post_command(url, secret, "/sns-check", "本文", user_id="U0OP1")`."""
    fields = payloads.slash_command(
        command, text, user_id=user_id, channel_id=channel_id, trigger_id=trigger_id, response_url=response_url
    )
    return _post_form(base_url, secret, fields, **options)


def post_interaction(
    base_url: str, secret: str, payload: Mapping[str, Any], **options: Unpack[SendOptions]
) -> HTTPResult:
    """Any interactivity payload, sent as Slack sends it: one `payload=<json>` form field."""
    return _post_form(base_url, secret, {"payload": json.dumps(payload, ensure_ascii=False)}, **options)


def _typed_poster(expected_type: str) -> Callable[..., HTTPResult]:
    def post(base_url: str, secret: str, payload: Mapping[str, Any], **options: Unpack[SendOptions]) -> HTTPResult:
        if payload.get("type") != expected_type:
            raise ValueError(f"expected a {expected_type} payload, got type={payload.get('type')!r}")
        return post_interaction(base_url, secret, payload, **options)

    post.__name__ = f"post_{expected_type}"
    post.__doc__ = f"Send a `{expected_type}` payload (build it with `payloads.{expected_type}(...)`)."
    return post


post_action = _typed_poster("block_actions")
post_view_submission = _typed_poster("view_submission")
post_view_closed = _typed_poster("view_closed")


def post_url_verification(
    base_url: str, secret: str, challenge: str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", **options: Any
) -> HTTPResult:
    """The handshake Slack sends when a Request URL is saved; the app must echo the challenge."""
    data = {"token": payloads.VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
    return _post_json(base_url, secret, data, **options)


# ---------------------------------------------------------------- serving the app under test


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    # One thread per request, as a real deployment would, so a slow listener cannot hide a race.
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    timeout = 5  # a client that stops mid-request cannot hold a thread for long

    def log_message(self, format: str, *args: Any) -> None:
        pass


class BoltHTTPServer:
    """Serve a Bolt `App` (through slack_bolt's WSGI adapter at /slack/events) or any WSGI callable
    on 127.0.0.1 with an ephemeral port, in a background thread.

    Bolt's own `App.start()` server is not used because it listens on 0.0.0.0.
    """

    def __init__(self, app: App | Callable[..., Any], *, path: str = EVENTS_PATH) -> None:
        self._wsgi_app = SlackRequestHandler(app, path=path) if isinstance(app, App) else app
        self.path = path
        self._server: _ThreadingWSGIServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> BoltHTTPServer:
        if self._server is None:
            self._server = make_server(
                "127.0.0.1", 0, self._wsgi_app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
            )
            self._thread = threading.Thread(
                target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, name="bolt-http", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._server = None
            self._thread = None

    def __enter__(self) -> BoltHTTPServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """ "http://127.0.0.1:<port>": what the `post_*` functions take."""
        if self._server is None:
            raise RuntimeError("BoltHTTPServer is not started")
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def events_url(self) -> str:
        return self.base_url + self.path
