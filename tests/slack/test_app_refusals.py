"""Every acknowledged request gets HTTP 200, also when its listener then refuses or fails.

Bolt (``process_before_response=False``) runs a listener on a worker thread while the request thread
waits for the ack; a listener that acks and then raises at once used to make Bolt answer 404
("unhandled request") or 500, so Slack showed an error on the button although our ephemeral refusal
arrived. ``bot.slack_errors.guarded`` (applied to every listener by ``handlers.register_all``) handles
the error itself. Each refusal is repeated: the race lost more often than it won.
"""

from __future__ import annotations

import logging

import pytest

from bot import slack_errors
from bot.workflows import approval
from handlers.ids import ActionId, BlockId
from storage.models import DraftState
from tests.slack import payloads
from tests.slack import test_app_harness as harness
from tests.slack.fake_slack import RESPONSE_URL
from tests.slack.signing import post_command
from tests.slack.test_app_harness import CLEAN, DEPUTY, DRAFTS, MANAGER, OPERATOR, STRANGER, SlackBot, buttons

bot = harness.bot
config = harness.config
engine = harness.engine

REPEATS = 4


def _awaiting(bot: SlackBot) -> tuple[dict, dict]:
    event, _ = bot.post_draft(CLEAN)
    reply = bot.reply(event["ts"])
    bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None)
    return event, reply


def _stale(bot: SlackBot) -> tuple[dict, dict]:
    """A reply as drawn before its draft was edited (the approver's screen had not refreshed)."""
    event, reply = _awaiting(bot)
    bot.event(payloads.message_changed_event(event, text=CLEAN + "（追記）"))
    bot.wait_updated(reply, lambda m: m["blocks"] != reply["blocks"])
    bot.fake.wait_for("chat.postMessage", lambda c: "編集されたため" in c.args["text"])
    return event, reply


@pytest.mark.parametrize(
    ("user", "prepare", "expected"),
    [
        (OPERATOR, _awaiting, "ご自身が作成した下書きの承認はできません"),
        (STRANGER, _awaiting, "承認者ではないため、承認はできません"),
        (MANAGER, _stale, "以前の内容に対するもの"),
    ],
    ids=["own-draft", "stranger", "stale-button"],
)
def test_a_refused_click_is_answered_200_and_the_refusal_is_shown_privately(bot: SlackBot, user, prepare, expected):
    event, reply = prepare(bot)
    before = bot.draft(event["ts"])
    bot.fake.reset()

    results = [bot.click(ActionId.DRAFT_APPROVE, reply, user=user) for _ in range(REPEATS)]

    assert [(r.status, r.body) for r in results] == [(200, b"")] * REPEATS
    refusals = bot.fake.wait_for_calls("chat.postEphemeral", REPEATS, lambda c: c.args["user"] == user)
    for refusal in refusals:
        assert expected in refusal.args["text"]
        assert (refusal.args["channel"], refusal.args["thread_ts"]) == (DRAFTS, event["ts"])
    bot.fake.wait_until_quiet(quiet=0.3)
    assert bot.fake.calls("chat.update") == [] and bot.fake.calls("chat.postMessage") == []
    after = bot.draft(event["ts"])
    assert (after.state, after.version, after.decided_by) == (DraftState.AWAITING_APPROVAL, before.version, None)


def test_an_unexpected_error_is_logged_by_class_and_frames_and_the_user_told_politely(
    bot: SlackBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    event, reply = _awaiting(bot)
    secret = "下書きの本文や行の中身がここに入る"

    def broken(**kwargs):
        raise RuntimeError(secret)

    monkeypatch.setattr(approval, "approve", broken)
    bot.fake.reset()
    caplog.set_level(logging.INFO)

    results = [bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER) for _ in range(REPEATS)]

    assert [r.status for r in results] == [200] * REPEATS
    told = bot.fake.wait_for_calls("chat.postEphemeral", REPEATS, lambda c: c.args["user"] == MANAGER)
    assert {c.args["text"] for c in told} == {slack_errors.UNEXPECTED_ERROR}
    errors = [r for r in caplog.records if r.name == slack_errors.__name__ and r.levelno == logging.ERROR]
    assert len(errors) == REPEATS
    assert "builtins.RuntimeError" in errors[0].getMessage() and "def broken" not in errors[0].getMessage()
    assert "raise RuntimeError(secret)" in errors[0].getMessage()  # the frames, by file, line and code
    assert secret not in caplog.text
    assert bot.draft(event["ts"]).state == DraftState.AWAITING_APPROVAL


def test_a_slash_command_that_fails_after_its_ack_is_answered_200_and_through_its_response_url(
    bot: SlackBot, monkeypatch: pytest.MonkeyPatch
):
    def broken(draft):
        raise RuntimeError("engine down")

    monkeypatch.setattr(bot.runtime, "engine", type("Broken", (), {"screen": staticmethod(broken)})())

    results = [
        post_command(
            bot.url, bot.secret, "/sns-check", "確認したい文章", user_id=OPERATOR, response_url=bot.fake.response_url()
        )
        for _ in range(REPEATS)
    ]

    assert [(r.status, r.body) for r in results] == [(200, b"")] * REPEATS
    answers = bot.fake.wait_for_calls(RESPONSE_URL, REPEATS)
    assert {(c.args["response_type"], c.args["text"]) for c in answers} == {
        ("ephemeral", slack_errors.UNEXPECTED_ERROR)
    }


def _open_request_changes(bot: SlackBot, reply: dict) -> dict:
    trigger = bot.fake.issue_trigger_id()
    assert bot.click(ActionId.DRAFT_REQUEST_CHANGES, reply, user=MANAGER, trigger_id=trigger).status == 200
    return bot.fake.wait_for("views.open", lambda c: c.args["trigger_id"] == trigger).response["view"]


def test_a_view_submission_still_answers_errors_in_place_and_a_refusal_after_its_ack_gets_200(bot: SlackBot):
    event, reply = _awaiting(bot)
    view = _open_request_changes(bot, reply)

    blank = bot.submit(view, {BlockId.REASON: {BlockId.REASON: payloads.plain_text_input(" ")}}, user=MANAGER)
    assert blank.status == 200 and blank.json()["response_action"] == "errors"
    assert set(blank.json()["errors"]) == {BlockId.REASON}

    # While the manager types a reason, the deputy approves: the submission is refused after its ack.
    bot.click(ActionId.DRAFT_APPROVE, reply, user=DEPUTY)
    bot.wait_updated(reply, lambda m: buttons(m) == [ActionId.DRAFT_MARK_PUBLISHED])
    bot.fake.reset()
    reason = {BlockId.REASON: {BlockId.REASON: payloads.plain_text_input("曜日を直してください。")}}

    results = [bot.submit(view, reason, user=MANAGER) for _ in range(REPEATS)]

    assert [(r.status, r.body) for r in results] == [(200, b"")] * REPEATS
    refusals = bot.fake.wait_for_calls("chat.postEphemeral", REPEATS, lambda c: c.args["user"] == MANAGER)
    assert all(f"<@{DEPUTY}> さんが既に承認しています" in c.args["text"] for c in refusals)
    assert {(c.args["channel"], c.args["thread_ts"]) for c in refusals} == {(DRAFTS, event["ts"])}
    draft = bot.draft(event["ts"])
    assert (draft.state, draft.decided_by) == (DraftState.APPROVED, DEPUTY)
