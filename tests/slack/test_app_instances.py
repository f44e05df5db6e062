"""Two bot instances behind a load balancer, sharing one database, behave as one: an event delivered to
both is handled once, two approvers clicking on different instances at once make one decision, and
what one instance recorded the other continues. Nothing that matters lives in an instance's memory."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from app import build_app, build_wsgi_app
from bot.config import Config
from bot.runtime import Runtime
from bot.slack_client import build_client
from handlers.ids import ActionId
from rules import Engine
from storage.db import Database
from storage.models import DraftState
from tests.slack import payloads
from tests.slack import test_app_harness as harness
from tests.slack.signing import BoltHTTPServer, post_action, post_event
from tests.slack.test_app_harness import CLEAN, DEPUTY, MANAGER, SlackBot, buttons

bot = harness.bot
config = harness.config
engine = harness.engine


@pytest.fixture
def other(
    bot: SlackBot, db_url: str, bolt_http_server: Callable[..., BoltHTTPServer], config: Config, engine: Engine
) -> Iterator[str]:
    """A second instance: its own process state (database pool, client, Bolt app, HTTP server)."""
    db = Database.from_url(db_url)
    runtime = Runtime(
        config=config, db=db, engine=engine, client=build_client(bot.fake.bot_token, base_url=bot.fake.base_url)
    )
    app = build_app(runtime, signing_secret=bot.secret)
    server = bolt_http_server(build_wsgi_app(app, db=db))
    yield server.base_url
    server.stop()
    app.listener_runner.listener_executor.shutdown(wait=True)
    db.dispose()


def _at_once(*calls: Callable[[], object]) -> list[object]:
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        start.wait(timeout=5)
        results[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    return results


def test_an_event_delivered_to_both_instances_is_handled_once(bot: SlackBot, other: str):
    event = payloads.message_event(CLEAN, user=harness.OPERATOR, channel=harness.DRAFTS)
    bot.fake.add_message(event)

    acks = _at_once(
        lambda: post_event(bot.url, bot.secret, event, event_id="Ev0BOTH"),
        lambda: post_event(other, bot.secret, event, event_id="Ev0BOTH", retry_num=1),
    )

    assert [a.status for a in acks] == [200, 200]
    bot.reply(event["ts"])
    bot.fake.wait_until_quiet(quiet=0.5)
    assert len(bot.replies(event["ts"])) == 1
    assert len(bot.fake.calls("chat.postMessage")) == 1


def test_two_approvers_on_two_instances_make_one_decision(bot: SlackBot, other: str):
    event, _ = bot.post_draft(CLEAN)
    reply = bot.reply(event["ts"])
    bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None)

    def click(url: str, user: str):
        payload = payloads.block_actions(
            ActionId.DRAFT_APPROVE, message=reply, user_id=user, trigger_id=bot.fake.issue_trigger_id()
        )
        return post_action(url, bot.secret, payload)

    _at_once(lambda: click(bot.url, MANAGER), lambda: click(other, DEPUTY))

    loser = bot.fake.wait_for("chat.postEphemeral", lambda c: c.ok)
    winner = bot.wait_draft(event["ts"], lambda d: d.state == DraftState.APPROVED).decided_by
    assert {winner, loser.args["user"]} == {MANAGER, DEPUTY}
    assert f"<@{winner}> さんが既に承認しています" in loser.args["text"]
    bot.wait_updated(reply, lambda m: buttons(m) == [ActionId.DRAFT_MARK_PUBLISHED])
    bot.fake.wait_until_quiet(quiet=0.5)
    assert len([c for c in bot.fake.calls("chat.postMessage") if "承認されました" in c.args.get("text", "")]) == 1


def test_an_edit_handled_by_the_other_instance_updates_the_same_reply(bot: SlackBot, other: str):
    event, _ = bot.post_draft(CLEAN)
    reply = bot.reply(event["ts"])
    bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None)

    post_event(other, bot.secret, payloads.message_changed_event(event, text=harness.BLOCKING))

    bot.wait_updated(reply, lambda m: buttons(m) == [])
    assert len(bot.replies(event["ts"])) == 1
    assert bot.draft(event["ts"]).state == DraftState.SCREENED
