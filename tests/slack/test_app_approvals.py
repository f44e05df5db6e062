"""The approval message, end to end: approve, request changes and reject (with a reason in a modal), mark
published (with the URL in a modal), and every refusal — each an ephemeral Japanese message that
changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.ids import ActionId, BlockId, CallbackId
from storage.models import DraftState, IncidentType
from storage.repositories import incidents
from tests.slack import payloads
from tests.slack import test_app_harness as harness
from tests.slack.test_app_harness import (
    CLEAN,
    DEPUTY,
    DRAFTS,
    MANAGER,
    OPERATOR,
    OPERATOR2,
    STRANGER,
    WARNING,
    SlackBot,
    block_text,
    buttons,
)

bot = harness.bot
config = harness.config
engine = harness.engine


def _awaiting(bot: SlackBot, text: str = CLEAN) -> tuple[dict, dict]:
    event, _ = bot.post_draft(text)
    reply = bot.reply(event["ts"])
    bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None)
    return event, reply


def _refused(bot: SlackBot, event: dict, user: str, expected: str) -> None:
    """``user`` got ``expected`` privately in the draft's thread, and the draft did not move."""
    refusal = bot.ephemeral(user)
    assert expected in refusal["text"], refusal["text"]
    assert refusal["channel"] == DRAFTS and refusal["thread_ts"] == event["ts"]
    bot.fake.wait_until_quiet(quiet=0.3)
    assert bot.fake.calls("chat.update") == []
    assert bot.draft(event["ts"]).state == DraftState.AWAITING_APPROVAL


# ------------------------------------------------------------------ approve


@pytest.mark.parametrize("approver", [MANAGER, DEPUTY])
def test_the_manager_or_a_deputy_approves_and_the_message_updates_in_place(bot: SlackBot, approver: str):
    event, reply = _awaiting(bot)

    ack = bot.click(ActionId.DRAFT_APPROVE, reply, user=approver)

    assert ack.status == 200
    approved = bot.wait_updated(reply, lambda m: buttons(m) == [ActionId.DRAFT_MARK_PUBLISHED])
    assert f"<@{approver}> さんが" in block_text(approved) and "に承認しました" in block_text(approved)
    notice = bot.fake.wait_for("chat.postMessage", lambda c: "承認されました" in c.args.get("text", ""))
    assert notice.args["thread_ts"] == event["ts"]
    assert notice.args["text"].startswith(f"<@{OPERATOR}> さん")  # the author is told
    draft = bot.draft(event["ts"])
    assert draft.state == DraftState.APPROVED and draft.decided_by == approver
    assert draft.approved_hash == draft.content_hash


def test_a_repeated_click_is_handled_once_and_the_second_is_told_who_decided(bot: SlackBot):
    event, reply = _awaiting(bot)
    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)
    bot.wait_updated(reply, lambda m: buttons(m) == [ActionId.DRAFT_MARK_PUBLISHED])

    bot.click(ActionId.DRAFT_APPROVE, reply, user=DEPUTY)  # the old message, still on the deputy's screen

    refusal = bot.ephemeral(DEPUTY)
    assert f"<@{MANAGER}> さんが既に承認しています" in refusal["text"]
    bot.fake.wait_until_quiet(quiet=0.3)
    assert len(bot.fake.calls("chat.update")) == 1
    assert bot.draft(event["ts"]).decided_by == MANAGER


def test_the_author_cannot_approve_their_own_draft(bot: SlackBot):
    event, reply = _awaiting(bot)

    bot.click(ActionId.DRAFT_APPROVE, reply, user=OPERATOR)

    _refused(bot, event, OPERATOR, "ご自身が作成した下書きの承認はできません")


def test_someone_who_is_not_an_approver_cannot_approve(bot: SlackBot):
    event, reply = _awaiting(bot)

    bot.click(ActionId.DRAFT_APPROVE, reply, user=STRANGER)

    _refused(bot, event, STRANGER, "承認者ではないため、承認はできません")


def test_a_button_drawn_before_an_edit_is_stale(bot: SlackBot):
    event, reply = _awaiting(bot)
    bot.event(payloads.message_changed_event(event, text=CLEAN + "（追記）"))
    bot.wait_updated(reply, lambda m: m["blocks"] != reply["blocks"])
    bot.fake.reset()

    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)  # the message as it was before the edit

    refusal = bot.ephemeral(MANAGER)
    assert "以前の内容に対するもの" in refusal["text"]
    bot.fake.wait_until_quiet(quiet=0.3)
    assert bot.fake.calls("chat.update") == []
    assert bot.draft(event["ts"]).state == DraftState.AWAITING_APPROVAL


def test_a_lapsed_plan_stops_approval(bot: SlackBot):
    event, reply = _awaiting(bot)
    bot.set_account(plan_valid_until=dt.date(2020, 3, 31))

    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)

    _refused(bot, event, MANAGER, "運用計画の有効期限（2020年3月31日）が切れているため、承認はできません")


def test_an_open_incident_freezes_approval(bot: SlackBot):
    event, reply = _awaiting(bot)
    with bot.db.Session.begin() as session:
        incident = incidents.open_incident(
            session=session, year=2026, type=IncidentType.HIJACK, opened_by="U0SEC1", account_id="aoba-x"
        )

    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)

    _refused(bot, event, MANAGER, f"インシデント {incident.id} の対応中のため、承認はできません")


def test_warnings_must_be_ticked_before_approving(bot: SlackBot):
    event, reply = _awaiting(bot, WARNING)

    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)

    _refused(bot, event, MANAGER, "「指摘を確認しました」にチェックを入れてから承認してください")


def test_ticked_warnings_are_accepted_with_the_approval(bot: SlackBot):
    event, reply = _awaiting(bot, WARNING)
    tick = payloads.block_actions(ActionId.DRAFT_ACCEPT_WARNINGS, message=reply, user_id=MANAGER)
    from tests.slack.signing import post_action

    assert post_action(bot.url, bot.secret, tick).status == 200  # the tick alone is only acknowledged

    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER, warnings_ticked=True)

    approved = bot.wait_updated(reply, lambda m: buttons(m) == [ActionId.DRAFT_MARK_PUBLISHED])
    assert "「要確認」の指摘 1 件を確認済み" in block_text(approved)
    draft = bot.draft(event["ts"])
    assert draft.state == DraftState.APPROVED and draft.accepted_warnings == ["PII003"]


# ------------------------------------------------------------------ request changes, reject


def _open_modal(bot: SlackBot, action_id: str, reply: dict, user: str) -> dict:
    trigger = bot.fake.issue_trigger_id()
    assert bot.click(action_id, reply, user=user, trigger_id=trigger).status == 200
    call = bot.fake.wait_for("views.open", lambda c: c.args["trigger_id"] == trigger)
    assert call.ok, call  # opened within the trigger's three seconds
    return call.response["view"]


def test_request_changes_asks_for_a_reason_then_sends_the_draft_back(bot: SlackBot):
    event, reply = _awaiting(bot)
    view = _open_modal(bot, ActionId.DRAFT_REQUEST_CHANGES, reply, MANAGER)
    assert view["callback_id"] == CallbackId.REQUEST_CHANGES_MODAL

    blank = bot.submit(view, {BlockId.REASON: {BlockId.REASON: payloads.plain_text_input("   ")}}, user=MANAGER)
    assert blank.json()["response_action"] == "errors"
    assert "理由を入力してください" in blank.json()["errors"][BlockId.REASON]
    assert bot.draft(event["ts"]).state == DraftState.AWAITING_APPROVAL

    reason = "日付の曜日を確認してください。<@here> & 詳細"
    done = bot.submit(view, {BlockId.REASON: {BlockId.REASON: payloads.plain_text_input(reason)}}, user=MANAGER)

    assert done.status == 200 and done.body == b""
    updated = bot.wait_updated(reply, lambda m: "修正を依頼しました" in block_text(m))
    assert buttons(updated) == []
    assert "&lt;@here&gt; &amp; 詳細" in block_text(updated)  # the reason cannot mention anyone
    notice = bot.fake.wait_for("chat.postMessage", lambda c: "修正の依頼がありました" in c.args.get("text", ""))
    assert notice.args["thread_ts"] == event["ts"]
    draft = bot.draft(event["ts"])
    assert draft.state == DraftState.CHANGES_REQUESTED and draft.decision_reason == reason


def test_an_author_asking_for_changes_is_refused_before_the_modal_opens(bot: SlackBot):
    event, reply = _awaiting(bot)

    bot.click(ActionId.DRAFT_REQUEST_CHANGES, reply, user=OPERATOR)

    _refused(bot, event, OPERATOR, "ご自身が作成した下書きの修正依頼はできません")
    assert bot.fake.calls("views.open") == []


def test_reject_with_a_reason_closes_the_draft(bot: SlackBot):
    event, reply = _awaiting(bot)
    view = _open_modal(bot, ActionId.DRAFT_REJECT, reply, DEPUTY)
    assert view["callback_id"] == CallbackId.REJECT_MODAL

    bot.submit(view, {BlockId.REASON: {BlockId.REASON: payloads.plain_text_input("今回は見送ります。")}}, user=DEPUTY)

    updated = bot.wait_updated(reply, lambda m: "却下しました" in block_text(m))
    assert buttons(updated) == []
    bot.fake.wait_for("chat.postMessage", lambda c: "却下されました" in c.args.get("text", ""))
    assert bot.draft(event["ts"]).state == DraftState.REJECTED


def test_an_expired_trigger_leaves_the_draft_as_it_was(bot: SlackBot):
    event, reply = _awaiting(bot)
    trigger = bot.fake.issue_trigger_id(ttl=0)

    bot.click(ActionId.DRAFT_REJECT, reply, user=MANAGER, trigger_id=trigger)

    assert bot.fake.wait_for("views.open").error == "expired_trigger_id"
    assert bot.draft(event["ts"]).state == DraftState.AWAITING_APPROVAL


# ------------------------------------------------------------------ mark published


def test_mark_published_records_the_url_and_refuses_a_bad_one_in_the_modal(bot: SlackBot):
    event, reply = _awaiting(bot)
    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)
    approved = bot.wait_updated(reply, lambda m: buttons(m) == [ActionId.DRAFT_MARK_PUBLISHED])
    view = _open_modal(bot, ActionId.DRAFT_MARK_PUBLISHED, approved, OPERATOR)
    assert view["callback_id"] == CallbackId.MARK_PUBLISHED_MODAL

    bad = bot.submit(view, {BlockId.URL: {BlockId.URL: {"type": "url_text_input", "value": "http://x"}}}, user=OPERATOR)
    assert bad.json() == {
        "response_action": "errors",
        "errors": {BlockId.URL: "公開した投稿の URL を、https:// で始まる形で入力してください。"},
    }
    assert bot.draft(event["ts"]).state == DraftState.APPROVED

    url = "https://x.com/aoba_city/status/1234567890"
    good = bot.submit(view, {BlockId.URL: {BlockId.URL: {"type": "url_text_input", "value": url}}}, user=OPERATOR)

    assert good.status == 200
    published = bot.wait_updated(approved, lambda m: "公開済みとして記録しました" in block_text(m))
    assert buttons(published) == [] and f"<{url}>" in block_text(published)
    draft = bot.draft(event["ts"])
    assert draft.state == DraftState.PUBLISHED and draft.published_url == url and draft.published_by == OPERATOR


def test_only_the_accounts_people_mark_a_draft_published(bot: SlackBot):
    event, reply = _awaiting(bot)
    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)
    approved = bot.wait_updated(reply, lambda m: buttons(m) == [ActionId.DRAFT_MARK_PUBLISHED])
    bot.fake.reset()

    bot.click(ActionId.DRAFT_MARK_PUBLISHED, approved, user=STRANGER)

    refusal = bot.ephemeral(STRANGER)
    assert "担当者ではないため、公開済みの記録はできません" in refusal["text"]
    assert bot.fake.calls("views.open") == []
    assert bot.draft(event["ts"]).state == DraftState.APPROVED


def test_another_operator_of_the_account_may_mark_it_published(bot: SlackBot):
    event, reply = _awaiting(bot)
    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)
    approved = bot.wait_updated(reply, lambda m: buttons(m) == [ActionId.DRAFT_MARK_PUBLISHED])

    view = _open_modal(bot, ActionId.DRAFT_MARK_PUBLISHED, approved, OPERATOR2)
    url = {"type": "url_text_input", "value": "https://x.com/aoba_city/status/1"}
    bot.submit(view, {BlockId.URL: {BlockId.URL: url}}, user=OPERATOR2)

    bot.wait_draft(event["ts"], lambda d: d.state == DraftState.PUBLISHED)


def test_a_draft_for_a_frozen_account_is_screened_but_its_approval_request_is_held(bot: SlackBot):
    with bot.db.Session.begin() as session:
        incident = incidents.open_incident(
            session=session, year=2026, type=IncidentType.IMPERSONATION, opened_by="U0PR1", account_id="aoba-x"
        )

    event, _ = bot.post_draft(CLEAN)

    reply = bot.reply(event["ts"])
    assert buttons(reply) == []
    assert f"インシデント {incident.id} の対応中のため、承認依頼を保留しています" in block_text(reply)
    assert bot.draft(event["ts"]).state == DraftState.ON_HOLD
