"""The whole bot as Slack meets it, for the end-to-end tests of ``tests/slack/test_app_*.py``.

`bot` is the real Bolt app from ``app.build_app`` behind ``app.build_wsgi_app`` (so ``/healthz`` too),
served over HTTP on 127.0.0.1, talking to the fake Slack Web API, on a migrated database (SQLite, and
PostgreSQL with ``TEST_DATABASE_URL``), with the real screening engine. Requests are signed like
Slack's. Other test modules use the fixtures by binding them at module level (``bot = harness.bot``).

The tests in this module check the app's plumbing: the health check, signatures, the WSGI routes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import update

from app import build_app, build_wsgi_app
from bot.config import Config, parse_config
from bot.runtime import Runtime
from bot.slack_client import build_client
from handlers.ids import ActionId, BlockId
from rules import Engine
from storage.db import Database
from storage.models import Account, Draft
from storage.repositories import drafts as drafts_repo
from tests.bot.factories import DEPUTY, MANAGER, OPERATOR, OPERATOR2, STRANGER, make_account
from tests.slack import payloads
from tests.slack.fake_slack import FakeSlack
from tests.slack.signing import (
    BoltHTTPServer,
    HTTPResult,
    post_action,
    post_event,
    post_view_submission,
)

DRAFTS = "C0DRAFTS"
SHARED = "C0SHARED"  # a drafts channel of two accounts
ACCOUNT = "aoba-x"

CLEAN = "本日は市役所の窓口を通常どおり開いています。"
WARNING = "お問い合わせは担当の山田さん（090-1234-5678）までどうぞ。"
BLOCKING = "詳しくはこちら https://bit.ly/3abcDEF をご覧ください。"

CONFIG = """
organization: 青葉川市
policy: default
timezone: Asia/Tokyo
channels: {pr: C0PR, infosec: C0SEC}
roles: {pr: [U0PR1], infosec: [U0SEC1], admins: [U0ADM]}
official_domains: [city.aobagawa.lg.jp]
"""

__all__ = ["DEPUTY", "MANAGER", "OPERATOR", "OPERATOR2", "STRANGER"]


@pytest.fixture(scope="session")
def config() -> Config:
    return parse_config(CONFIG, path="test.yml")


@pytest.fixture(scope="session")
def engine(config: Config) -> Engine:
    return Engine(config.screening_settings())


@dataclasses.dataclass
class SlackBot:
    fake: FakeSlack
    db: Database
    runtime: Runtime
    server: BoltHTTPServer
    secret: str

    @property
    def url(self) -> str:
        return self.server.base_url

    # ---------------------------------------------------------------- Slack's side

    def event(self, event: dict[str, Any], **options: Any) -> HTTPResult:
        return post_event(self.url, self.secret, event, **options)

    def post_draft(
        self, text: str, *, user: str = OPERATOR, channel: str = DRAFTS, **options: Any
    ) -> tuple[dict[str, Any], HTTPResult]:
        """A person posts ``text`` in ``channel``: the message exists in Slack, then the event arrives."""
        event = payloads.message_event(text, user=user, channel=channel)
        self.fake.add_message(event)
        return event, self.event(event, **options)

    def click(
        self,
        action_id: str,
        message: dict[str, Any],
        *,
        user: str,
        warnings_ticked: bool = False,
        trigger_id: str | None = None,
        **options: Any,
    ) -> HTTPResult:
        """``user`` clicks ``action_id`` on the bot's ``message`` (as drawn in that message)."""
        payload = payloads.block_actions(
            action_id, message=message, user_id=user, trigger_id=trigger_id or self.fake.issue_trigger_id()
        )
        if warnings_ticked:
            block_id = next(b["block_id"] for b in message["blocks"] if b["block_id"].startswith(BlockId.WARNINGS_ACK))
            payload["state"]["values"] = {block_id: {ActionId.DRAFT_ACCEPT_WARNINGS: payloads.checkboxes(["accepted"])}}
        return post_action(self.url, self.secret, payload, **options)

    def submit(self, view: dict[str, Any], values: dict[str, Any], *, user: str) -> HTTPResult:
        return post_view_submission(self.url, self.secret, payloads.view_submission(view, values, user_id=user))

    # ---------------------------------------------------------------- what the bot did

    def reply(self, draft_ts: str, channel: str = DRAFTS, timeout: float = 5.0) -> dict[str, Any]:
        """The bot's reply in the draft's thread (the message with the screening result), once posted."""
        self.fake.wait_for(
            "chat.postMessage",
            lambda c: c.ok and c.args["thread_ts"] == draft_ts and "metadata" in c.args,
            timeout=timeout,
        )
        return self.replies(draft_ts, channel)[0]

    def replies(self, draft_ts: str, channel: str = DRAFTS) -> list[dict[str, Any]]:
        return [m for m in self.fake.messages(channel, thread_ts=draft_ts) if m.get("metadata")]

    def thread_texts(self, draft_ts: str, channel: str = DRAFTS) -> list[str]:
        """The bot's plain notices in the thread (not the reply)."""
        return [m["text"] for m in self.fake.messages(channel, thread_ts=draft_ts) if not m.get("metadata")]

    def current(self, message: dict[str, Any]) -> dict[str, Any]:
        return self.fake.message(message["channel"], message["ts"])

    def wait_updated(self, message: dict[str, Any], predicate: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The bot's ``message`` once a chat.update made ``predicate`` true of it."""
        self.fake.wait_for(
            "chat.update",
            lambda c: c.ok and c.args["ts"] == message["ts"] and predicate(self.current(message)),
        )
        return self.current(message)

    def ephemeral(self, user: str, timeout: float = 5.0) -> dict[str, Any]:
        call = self.fake.wait_for("chat.postEphemeral", lambda c: c.ok and c.args["user"] == user, timeout=timeout)
        return {**call.args, "text": call.args["text"]}

    def draft(self, ts: str, channel: str = DRAFTS) -> Draft | None:
        with self.db.Session.begin() as session:
            return drafts_repo.get_by_source(session=session, channel=channel, ts=ts)

    def wait_draft(
        self, ts: str, predicate: Callable[[Draft], bool], channel: str = DRAFTS, timeout: float = 5.0
    ) -> Draft:
        """The draft once ``predicate`` holds for it (the bot records after it talks to Slack)."""
        deadline = time.monotonic() + timeout
        while True:
            draft = self.draft(ts, channel)
            if draft is not None and predicate(draft):
                return draft
            if time.monotonic() > deadline:
                raise AssertionError(f"draft of message {ts}: condition not met within {timeout}s ({draft!r})")
            time.sleep(0.02)

    def set_reply_lost(self, ts: str, channel: str = DRAFTS) -> None:
        """As if the reply reached Slack but its ts never reached the database."""
        with self.db.Session.begin() as session:
            session.execute(
                update(Draft)
                .where(Draft.source_channel == channel, Draft.source_ts == ts)
                .values(reply_channel=None, reply_ts=None)
            )

    def set_account(self, account_id: str = ACCOUNT, **values: Any) -> None:
        with self.db.Session.begin() as session:
            session.execute(update(Account).where(Account.id == account_id).values(**values))


def buttons(message: dict[str, Any]) -> list[str]:
    return [
        e["action_id"]
        for b in message.get("blocks") or []
        if b["type"] == "actions"
        for e in b["elements"]
        if e.get("type") == "button"
    ]


def block_text(message: dict[str, Any]) -> str:
    """Every text of the message's blocks, joined (what a reader sees)."""
    out: list[str] = []
    for block in message.get("blocks") or []:
        for key in ("text",):
            if isinstance(block.get(key), dict):
                out.append(block[key]["text"])
        for element in block.get("elements") or []:
            if isinstance(element, dict) and isinstance(element.get("text"), str):
                out.append(element["text"])
            elif isinstance(element, dict) and isinstance(element.get("text"), dict):
                out.append(element["text"]["text"])
            if isinstance(element, dict):
                out.extend(o["text"]["text"] for o in element.get("options") or [])
    return "\n".join(out)


@pytest.fixture
def bot(
    db_url: str,
    fake_slack: FakeSlack,
    signing_secret: str,
    bolt_http_server: Callable[..., BoltHTTPServer],
    config: Config,
    engine: Engine,
) -> Iterator[SlackBot]:
    db = Database.from_url(db_url)
    valid = dt.date(2099, 3, 31)
    with db.Session.begin() as session:
        make_account(session, plan_valid_until=valid)
        make_account(session, id="aoba-fb", platform="facebook", drafts_channel=SHARED, plan_valid_until=valid)
        make_account(session, id="aoba-ig", platform="instagram", drafts_channel=SHARED, plan_valid_until=valid)
    client = build_client(fake_slack.bot_token, base_url=fake_slack.base_url)
    runtime = Runtime(config=config, db=db, engine=engine, client=client)
    app = build_app(runtime, signing_secret=signing_secret)
    server = bolt_http_server(build_wsgi_app(app, db=db))
    try:
        yield SlackBot(fake=fake_slack, db=db, runtime=runtime, server=server, secret=signing_secret)
    finally:
        server.stop()
        # Let the listeners still at work finish against the live fake before it and the database go.
        app.listener_runner.listener_executor.shutdown(wait=True)
        db.dispose()


# ==================================================================== the app's plumbing


def _get(url: str) -> tuple[int, bytes]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.read()


def test_healthz_answers_200_when_the_database_answers(bot: SlackBot):
    status, body = _get(bot.url + "/healthz")

    assert (status, body) == (200, b'{"status": "ok", "database": "ok"}')


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:////nonexistent-directory/sns-gate.db",
        # A closed port on the loopback interface: refused at once, like a database that is down.
        "postgresql+psycopg://postgres@127.0.0.1:9/sns_gate?connect_timeout=2",
    ],
)
def test_healthz_answers_503_when_the_database_is_down(bot: SlackBot, bolt_http_server, url: str):
    down = Database.from_url(url)
    server = bolt_http_server(build_wsgi_app(build_app(bot.runtime, signing_secret=bot.secret), db=down))

    status, body = _get(server.base_url + "/healthz")

    assert (status, body) == (503, b'{"status": "unavailable", "database": "down"}')
    down.dispose()


def test_other_paths_are_not_found_and_events_want_post(bot: SlackBot):
    assert _get(bot.url + "/")[0] == 404
    assert _get(bot.url + "/slack/events")[0] == 405


@pytest.mark.parametrize("how", ["forged", "stale"])
def test_a_forged_or_stale_signature_is_refused_with_401_and_changes_nothing(bot: SlackBot, how: str):
    event, result = bot.post_draft(CLEAN, **{how: True})

    assert result.status == 401
    bot.fake.wait_until_quiet(quiet=0.3)
    assert bot.fake.calls("chat.postMessage") == []
    assert bot.draft(event["ts"]) is None


def test_a_correctly_signed_event_is_acknowledged_at_once(bot: SlackBot):
    _, result = bot.post_draft(CLEAN)

    assert result.status == 200
    assert result.body == b""
