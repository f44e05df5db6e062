"""Fixtures for tests that drive the bot the way Slack does.

- `fake_slack`: a started `FakeSlack` (fake Web API), fresh per test; `.base_url` for `SLACK_API_URL`.
- `socket_mode_fake`: a started `SocketModeFake` attached to `fake_slack`.
- `signing_secret`: the secret `post_*` requests are signed with.
- `slack_env`: the environment of CONTRACTS §3 pointed at the fakes (HTTP mode).
- `bolt_http_server`: `bolt_http_server(app)` serves a Bolt App or WSGI app on 127.0.0.1 until teardown.
- `socket_mode_app`: `socket_mode_app(app)` connects the app through Socket Mode until teardown.
- `instant_retries`: slack_sdk's retry handlers record their waits instead of sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.http_retry import builtin_handlers, handler

from app import build_app
from bot.config import Config
from bot.runtime import Runtime
from bot.slack_client import build_client
from rules import engine_for
from storage.db import Database
from tests.slack.fake_slack import FakeSlack
from tests.slack.signing import SIGNING_SECRET, BoltHTTPServer
from tests.slack.socket_mode_fake import SocketModeFake, start_socket_mode_handler, stop_socket_mode_handler

_PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


@pytest.fixture(autouse=True)
def _loopback_without_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # slack_sdk routes every request through a proxy named in the environment and ignores NO_PROXY,
    # so on a machine with a proxy configured the bot's calls to 127.0.0.1 would leave the host.
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def socket_mode_fake(fake_slack: FakeSlack) -> Iterator[SocketModeFake]:
    with SocketModeFake() as socket_mode:
        socket_mode.attach(fake_slack)
        yield socket_mode


@pytest.fixture
def signing_secret() -> str:
    return SIGNING_SECRET


@pytest.fixture
def slack_env(monkeypatch: pytest.MonkeyPatch, fake_slack: FakeSlack, signing_secret: str) -> dict[str, str]:
    """SLACK_API_URL, SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET for the fakes; SLACK_APP_TOKEN is unset
    (the bot would pick Socket Mode): a Socket Mode test sets it to `fake_slack.app_token`."""
    env = {
        "SLACK_API_URL": fake_slack.base_url,
        "SLACK_BOT_TOKEN": fake_slack.bot_token,
        "SLACK_SIGNING_SECRET": signing_secret,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    return env


@pytest.fixture
def bolt_http_server() -> Iterator[Callable[..., BoltHTTPServer]]:
    servers: list[BoltHTTPServer] = []

    def serve(app: App | Callable[..., Any], **kwargs: Any) -> BoltHTTPServer:
        server = BoltHTTPServer(app, **kwargs).start()
        servers.append(server)
        return server

    yield serve
    for server in reversed(servers):
        server.stop()


@pytest.fixture
def socket_mode_app(
    fake_slack: FakeSlack, socket_mode_fake: SocketModeFake
) -> Iterator[Callable[[App], SocketModeHandler]]:
    handlers: list[SocketModeHandler] = []

    def connect(app: App) -> SocketModeHandler:
        connected = start_socket_mode_handler(app, app_token=fake_slack.app_token, fake=socket_mode_fake)
        handlers.append(connected)
        return connected

    yield connect
    for connected in reversed(handlers):
        stop_socket_mode_handler(connected, socket_mode_fake)


class _RecordingTime:
    """Stands in for the `time` module inside slack_sdk.http_retry: sleeps are recorded, not slept."""

    def __init__(self, real: Any) -> None:
        self._real = real
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@pytest.fixture
def instant_retries(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits slack_sdk's RetryHandlers asked for, in order; the retries themselves happen for real.

    Without this, RateLimitErrorRetryHandler sleeps Retry-After plus up to a second of jitter and the
    backoff handlers at least half a second, per retry.
    """
    recorder = _RecordingTime(time)
    monkeypatch.setattr(builtin_handlers, "time", recorder)
    monkeypatch.setattr(handler, "time", recorder)
    return recorder.sleeps


def joetsu_config(**overrides: Any) -> Config:
    """The configuration of the end-to-end tests that build their own app: 上越市's guideline, its PR,
    infosec and admin people and channels."""
    values: dict[str, Any] = dict(
        organization="上越市",
        policy="joetsu",
        channels={"pr": "C0PR", "infosec": "C0SEC"},
        roles={"pr": ["U0PR1"], "infosec": ["U0SEC1"], "admins": ["U0ADM"]},
    )
    return Config(**{**values, **overrides})


def make_runtime(config: Config, db: Database, fake_slack: FakeSlack) -> Runtime:
    """The bot's runtime on ``db``, talking to the fake Slack."""
    return Runtime(
        config=config,
        db=db,
        engine=engine_for(config.screening_settings()),
        client=build_client(fake_slack.bot_token, base_url=fake_slack.base_url),
    )


@pytest.fixture
def server(runtime: Runtime, signing_secret: str, bolt_http_server: Callable[..., BoltHTTPServer]) -> BoltHTTPServer:
    """The app over HTTP, for a module that defines its own ``runtime`` fixture."""
    return bolt_http_server(build_app(runtime, signing_secret=signing_secret))
