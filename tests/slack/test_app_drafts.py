"""Drafts in channels, end to end: a message in a drafts channel is answered in its thread with the
screening result and (unless it blocks) the approval request; edits re-screen and void approvals;
deletions withdraw; redeliveries and Slack outages change nothing twice and lose nothing."""

from __future__ import annotations

import datetime as dt
import logging
import time

import pytest
from sqlalchemy.exc import OperationalError

from bot import drafts
from bot.workflows import submission
from handlers.ids import ActionId
from storage.models import DraftState
from tests.slack import payloads
from tests.slack import test_app_harness as harness
from tests.slack.signing import post_action
from tests.slack.test_app_harness import (
    BLOCKING,
    CLEAN,
    DRAFTS,
    MANAGER,
    OPERATOR,
    SHARED,
    STRANGER,
    WARNING,
    SlackBot,
    block_text,
    buttons,
)

bot = harness.bot
config = harness.config
engine = harness.engine


def test_a_clean_draft_is_answered_in_its_thread_with_the_approval_request(bot: SlackBot):
    event, ack = bot.post_draft(CLEAN)

    assert ack.status == 200
    reply = bot.reply(event["ts"])
    assert reply["thread_ts"] == event["ts"]
    assert buttons(reply) == [ActionId.DRAFT_APPROVE, ActionId.DRAFT_REQUEST_CHANGES, ActionId.DRAFT_REJECT]
    approve = next(e for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"])
    draft = bot.draft(event["ts"])
    assert approve["value"] == str(draft.id)  # CONTRACTS §6: the button's value is the draft id
    text = block_text(reply)
    assert "問題は見つかりませんでした" in text
    assert f"<@{MANAGER}> さん（代理：<@U0DEP> さん）、この下書きの承認をお願いします。" in text
    assert f"<@{MANAGER}>" in reply["text"]  # the fallback text carries the mention: it notifies
    assert draft.state == DraftState.AWAITING_APPROVAL
    recorded = bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None)
    assert (recorded.reply_channel, recorded.reply_ts) == (DRAFTS, reply["ts"])


def test_a_warning_is_shown_with_its_excerpt_and_a_tick_box_for_the_approver(bot: SlackBot):
    event, _ = bot.post_draft(WARNING)

    reply = bot.reply(event["ts"])
    text = block_text(reply)
    assert "確認が必要な点があります" in text
    assert "【090-1234-5678】" in text  # the excerpt, highlighted in its context
    assert "要確認｜個人情報" in text
    assert "指摘（1 件）を確認しました" in text
    assert buttons(reply)[0] == ActionId.DRAFT_APPROVE


def test_a_blocked_draft_says_what_to_change_and_asks_nobody_for_approval(bot: SlackBot):
    event, _ = bot.post_draft(BLOCKING)

    reply = bot.reply(event["ts"])
    text = block_text(reply)
    assert "修正が必要です" in text
    assert "【https://bit.ly/3abcDEF】" in text
    assert "このままでは承認に進めません" in text
    assert buttons(reply) == []
    assert f"<@{MANAGER}>" not in text + reply["text"]
    assert bot.draft(event["ts"]).state == DraftState.SCREENED


def test_a_draft_from_someone_who_is_not_an_operator_is_refused_privately(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN, user=STRANGER)

    refusal = bot.ephemeral(STRANGER)
    assert refusal["channel"] == DRAFTS and refusal["thread_ts"] == event["ts"]
    assert "投稿担当者として登録されていない" in refusal["text"]
    bot.fake.wait_until_quiet()
    assert bot.draft(event["ts"]) is None
    assert bot.fake.calls("chat.postMessage") == []


def test_thread_replies_bot_messages_and_other_channels_are_ignored(bot: SlackBot):
    parent, _ = bot.post_draft(CLEAN)
    bot.reply(parent["ts"])
    bot.fake.reset()

    bot.event(payloads.message_event("返信です", user=OPERATOR, channel=DRAFTS, thread_ts=parent["ts"]))
    bot.event(payloads.message_event(CLEAN, user=OPERATOR, channel="C0ELSEWHERE"))
    bot.event(payloads.message_event(CLEAN, user=payloads.BOT_USER_ID, channel=DRAFTS, bot_id=payloads.BOT_ID))

    assert bot.fake.wait_until_quiet(quiet=0.4) == []


def test_a_redelivered_event_is_handled_once(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN, event_id="Ev0DRAFT1")
    bot.reply(event["ts"])

    again = bot.event(event, event_id="Ev0DRAFT1", retry_num=1)

    assert again.status == 200
    bot.fake.wait_until_quiet(quiet=0.4)
    assert len(bot.fake.calls("chat.postMessage")) == 1
    assert len(bot.replies(event["ts"])) == 1


def test_the_same_message_delivered_under_two_event_ids_is_still_one_draft(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN)
    bot.reply(event["ts"])

    bot.event(event)  # e.g. two bot instances subscribed through different apps

    bot.fake.wait_until_quiet(quiet=0.4)
    assert len(bot.replies(event["ts"])) == 1


def test_a_rate_limited_reply_is_retried_and_arrives_once(bot: SlackBot, instant_retries: list[float]):
    bot.fake.fail_next("chat.postMessage", 2, status=429, retry_after=2)

    event, ack = bot.post_draft(CLEAN)

    assert ack.status == 200
    reply = bot.reply(event["ts"])
    attempts = bot.fake.calls("chat.postMessage")
    assert [c.status for c in attempts] == [429, 429, 200]
    assert len(instant_retries) == 2 and all(s >= 2 for s in instant_retries)  # Retry-After honoured
    assert len(bot.replies(event["ts"])) == 1
    assert bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None).reply_ts == reply["ts"]


def test_an_outage_longer_than_the_clients_retries_is_ridden_out(
    bot: SlackBot, instant_retries: list[float], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(drafts, "DELIVERY_BACKOFF", (0.05, 0.05, 0.05))
    bot.fake.fail_next("chat.postMessage", 5, status=503)  # three per call: the client gives up once

    event, _ = bot.post_draft(CLEAN)

    reply = bot.reply(event["ts"])
    assert [c.status for c in bot.fake.calls("chat.postMessage")] == [503, 503, 503, 503, 503, 200]
    assert len(bot.replies(event["ts"])) == 1
    assert bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None).reply_ts == reply["ts"]


def test_a_reply_slack_never_took_is_kept_pending_and_sent_later_once(
    bot: SlackBot, instant_retries: list[float], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(drafts, "DELIVERY_BACKOFF", (0.01,))
    bot.fake.fail_next("chat.postMessage", 6, status=503)

    event, _ = bot.post_draft(CLEAN)

    bot.fake.wait_for_calls("chat.postMessage", 6)
    bot.fake.wait_until_quiet(quiet=0.3)
    draft = bot.draft(event["ts"])
    assert draft.state == DraftState.AWAITING_APPROVAL and draft.reply_ts is None  # the draft is safe

    assert drafts.resend_missing_replies(bot.runtime, older_than=dt.timedelta(0)) == 1
    assert drafts.resend_missing_replies(bot.runtime, older_than=dt.timedelta(0)) == 0

    assert len(bot.replies(event["ts"])) == 1
    assert bot.draft(event["ts"]).reply_ts == bot.replies(event["ts"])[0]["ts"]


def test_a_reply_that_arrived_unrecorded_is_adopted_not_posted_twice(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN)
    reply = bot.reply(event["ts"])
    bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None)
    bot.set_reply_lost(event["ts"])

    drafts.resend_missing_replies(bot.runtime, older_than=dt.timedelta(0))

    assert len(bot.replies(event["ts"])) == 1
    assert bot.draft(event["ts"]).reply_ts == reply["ts"]


# ------------------------------------------------------------------ a channel shared by accounts


def test_a_shared_drafts_channel_asks_which_account_then_screens(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN, channel=SHARED)

    picker_call = bot.fake.wait_for("chat.postMessage", lambda c: c.ok and c.args["thread_ts"] == event["ts"])
    picker = bot.fake.message(SHARED, picker_call.response["ts"])
    values = [e["value"] for b in picker["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert values == [f"{event['ts']}|aoba-fb", f"{event['ts']}|aoba-ig"]
    assert bot.draft(event["ts"], SHARED) is None

    clicked = [b for b in picker["blocks"] if b["type"] == "actions"][1]
    payload = payloads.block_actions(
        ActionId.DRAFT_PICK_ACCOUNT, message=picker, user_id=OPERATOR, block_id=clicked["block_id"]
    )
    payload["actions"][0]["value"] = values[1]
    assert post_action(bot.url, bot.secret, payload).status == 200

    reply = bot.reply(event["ts"], SHARED)
    draft = bot.draft(event["ts"], SHARED)
    assert draft.account_id == "aoba-ig" and draft.platform == "instagram"
    assert buttons(reply)[0] == ActionId.DRAFT_APPROVE
    chosen = bot.wait_updated(picker, lambda m: buttons(m) == [])
    assert "aoba-ig" in block_text(chosen)


def test_only_the_author_picks_the_account(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN, channel=SHARED)
    picker_call = bot.fake.wait_for("chat.postMessage", lambda c: c.ok and c.args["thread_ts"] == event["ts"])
    picker = bot.fake.message(SHARED, picker_call.response["ts"])

    bot.click(ActionId.DRAFT_PICK_ACCOUNT, picker, user=MANAGER)

    assert "下書きを投稿した" in bot.ephemeral(MANAGER)["text"]
    bot.fake.wait_until_quiet()
    assert bot.draft(event["ts"], SHARED) is None


# ------------------------------------------------------------------ edits and deletions


def test_an_edit_is_screened_again_in_the_same_reply(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN)
    reply = bot.reply(event["ts"])

    bot.event(payloads.message_changed_event(event, text=BLOCKING))

    updated = bot.wait_updated(reply, lambda m: "修正が必要です" in block_text(m))
    assert updated["ts"] == reply["ts"] and buttons(updated) == []
    assert len(bot.replies(event["ts"])) == 1
    draft = bot.draft(event["ts"])
    assert draft.text == BLOCKING and draft.state == DraftState.SCREENED


def test_an_edit_voids_the_approval_and_says_so_in_the_thread(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN)
    reply = bot.reply(event["ts"])
    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)
    approved = bot.wait_updated(reply, lambda m: buttons(m) == [ActionId.DRAFT_MARK_PUBLISHED])

    bot.event(payloads.message_changed_event(event, text=CLEAN + "（時間を追記しました）"))

    again = bot.wait_updated(approved, lambda m: buttons(m)[:1] == [ActionId.DRAFT_APPROVE])
    assert again["ts"] == reply["ts"]
    notice = bot.fake.wait_for("chat.postMessage", lambda c: "承認を取り消しました" in c.args.get("text", ""))
    assert notice.args["thread_ts"] == event["ts"]
    assert f"<@{MANAGER}> さんの承認を取り消しました" in notice.args["text"]
    draft = bot.draft(event["ts"])
    assert draft.state == DraftState.AWAITING_APPROVAL and draft.approved_hash is None


def test_a_change_that_leaves_the_text_alone_does_nothing(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN)
    bot.reply(event["ts"])
    bot.fake.reset()

    bot.event(payloads.message_changed_event(event, text=CLEAN))  # e.g. Slack adding an unfurl

    assert bot.fake.wait_until_quiet(quiet=0.4) == []


def test_deleting_the_message_withdraws_the_draft(bot: SlackBot):
    event, _ = bot.post_draft(CLEAN)
    reply = bot.reply(event["ts"])
    bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None)

    bot.event(payloads.message_deleted_event(event))

    withdrawn = bot.wait_updated(reply, lambda m: "取り下げました" in block_text(m))
    assert buttons(withdrawn) == []
    assert bot.draft(event["ts"]).state == DraftState.WITHDRAWN


# ------------------------------------------------------------------ acknowledgement and failures


def test_slow_screening_never_delays_the_acknowledgement(bot: SlackBot, monkeypatch: pytest.MonkeyPatch):
    real = bot.runtime.engine.screen

    def slow(draft):
        time.sleep(2.0)  # far slower than any real screening, close to Slack's 3 s
        return real(draft)

    monkeypatch.setattr(bot.runtime.engine, "screen", slow)
    started = time.perf_counter()

    event, ack = bot.post_draft(CLEAN)

    assert ack.status == 200 and time.perf_counter() - started < 0.5
    assert buttons(bot.reply(event["ts"], timeout=10))[0] == ActionId.DRAFT_APPROVE


def test_an_unexpected_error_is_logged_by_class_only_and_the_author_is_told_politely(
    bot: SlackBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    secret_row = "DETAIL: Key (text)=(市民の山田太郎さんの住所) already exists"

    def broken(**kwargs):
        raise OperationalError("INSERT INTO drafts ...", {"text": CLEAN}, Exception(secret_row))

    monkeypatch.setattr(submission, "submit", broken)
    caplog.set_level(logging.DEBUG)

    event, ack = bot.post_draft(CLEAN)

    assert ack.status == 200
    told = bot.ephemeral(OPERATOR)
    assert "一時的な問題のため、処理を完了できませんでした" in told["text"]
    assert told["thread_ts"] == event["ts"]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "sqlalchemy.exc.OperationalError" in logged
    assert "山田太郎" not in logged and CLEAN not in logged and bot.fake.bot_token not in logged
    assert bot.draft(event["ts"]) is None
