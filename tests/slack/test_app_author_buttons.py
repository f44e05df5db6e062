"""The author's buttons on the reply, end to end.

- 「本文を修正」: a draft sent with /sns-draft is the bot's message, so its author changes the text through
  a modal; the change goes through the same edit as a channel message's (screened again, any approval
  voided, the thread told) and the bot's draft message shows the new text.
- 「人物は写っていません」「本人の同意を得ています」: a draft posted in the channel with photos cannot say
  who is in them, so the consent finding fires; the author declares it in the thread (audited), the
  finding goes, the GPS finding stays until the photo is replaced.

Only the author may use them; anyone else is refused privately (HTTP 200) and nothing changes.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from bot.photos import CONSENT_RULE, GPS_RULE, PhotoConsent
from handlers.ids import ActionId, BlockId, CallbackId
from storage.models import AuditEvent, DraftState
from tests.slack import payloads
from tests.slack import test_app_harness as harness
from tests.slack.signing import post_command
from tests.slack.test_app_harness import CLEAN, DRAFTS, MANAGER, OPERATOR, WARNING, SlackBot, block_text, buttons
from tests.slack.test_draft_modal import _jpeg

bot = harness.bot
config = harness.config
engine = harness.engine

EDITED = "本日は市役所の窓口を 9 時から 17 時まで開いています。"
APPROVE_BUTTONS = [ActionId.DRAFT_APPROVE, ActionId.DRAFT_REQUEST_CHANGES, ActionId.DRAFT_REJECT]
PHOTO_BUTTONS = [ActionId.DRAFT_PHOTOS_NO_PEOPLE, ActionId.DRAFT_PHOTOS_CONSENTED]


def _audit(bot: SlackBot, draft_id: int, action: str) -> list[AuditEvent]:
    with bot.db.Session.begin() as session:
        return list(
            session.scalars(
                sa.select(AuditEvent)
                .where(AuditEvent.entity_id == str(draft_id), AuditEvent.action == action)
                .order_by(AuditEvent.id)
            )
        )


def _open_view(bot: SlackBot, action_id: str, message: dict[str, Any], *, user: str) -> dict[str, Any]:
    trigger = bot.fake.issue_trigger_id()
    assert bot.click(action_id, message, user=user, trigger_id=trigger).status == 200
    call = bot.fake.wait_for("views.open", lambda c: c.args["trigger_id"] == trigger)
    assert call.ok, call
    return call.response["view"]


# ================================================================== 「本文を修正」


def _modal_draft(
    bot: SlackBot, text: str = CLEAN, *, photos: tuple[dict[str, Any], ...] = (), consent: str | None = None
) -> tuple[str, dict[str, Any]]:
    """OPERATOR sends ``text`` (and ``photos``, saying ``consent``) with /sns-draft: the ts of the bot's
    draft message, and the reply."""
    trigger = bot.fake.issue_trigger_id()
    post_command(bot.url, bot.secret, "/sns-draft", user_id=OPERATOR, channel_id=DRAFTS, trigger_id=trigger)
    view = bot.fake.wait_for("views.open", lambda c: c.args["trigger_id"] == trigger).response["view"]
    values = {
        BlockId.ACCOUNT: {"a": payloads.static_select("aoba-x")},
        BlockId.TEXT: {"t": payloads.plain_text_input(text)},
    }
    if photos:
        values[BlockId.PHOTOS] = {"f": {"type": "file_input", "files": list(photos)}}
        values[BlockId.PEOPLE_IN_PHOTOS] = {"r": payloads.radio_buttons(consent)}
    assert bot.submit(view, values, user=OPERATOR).json()["response_action"] == "update"
    post = bot.fake.wait_for("chat.postMessage", lambda c: c.args["channel"] == DRAFTS and "thread_ts" not in c.args)
    ts = post.response["ts"]
    reply = bot.reply(ts)
    bot.wait_draft(ts, lambda d: d.reply_ts is not None)
    return ts, reply


def _edit(bot: SlackBot, reply: dict[str, Any], text: str, *, user: str = OPERATOR) -> Any:
    view = _open_view(bot, ActionId.DRAFT_EDIT_TEXT, reply, user=user)
    assert view["callback_id"] == CallbackId.EDIT_TEXT_MODAL
    return view, bot.submit(view, {BlockId.TEXT: {"t": payloads.plain_text_input(text)}}, user=user)


def test_a_modal_draft_offers_its_author_the_edit_button_and_a_channel_draft_does_not(bot: SlackBot):
    _, modal_reply = _modal_draft(bot)
    event, _ = bot.post_draft(CLEAN)
    channel_reply = bot.reply(event["ts"])

    assert buttons(modal_reply) == [*APPROVE_BUTTONS, ActionId.DRAFT_EDIT_TEXT]
    assert f"「本文を修正」を使えるのは作成者の <@{OPERATOR}> さんだけです" in block_text(modal_reply)
    assert buttons(channel_reply) == APPROVE_BUTTONS


def test_the_author_edits_a_modal_draft_it_is_screened_again_and_its_message_shows_the_new_text(bot: SlackBot):
    ts, reply = _modal_draft(bot)
    before = bot.draft(ts)

    view, result = _edit(bot, reply, WARNING)

    prefilled = next(b for b in view["blocks"] if b.get("block_id") == BlockId.TEXT)
    assert prefilled["element"]["initial_value"] == CLEAN
    assert (result.status, result.body) == (200, b"")
    draft = bot.wait_draft(ts, lambda d: d.text == WARNING)
    assert draft.state == DraftState.AWAITING_APPROVAL and draft.verdict == "warn"
    assert draft.content_hash != before.content_hash
    updated = bot.wait_updated(reply, lambda m: "PII003" in str(m["blocks"]))
    assert ActionId.DRAFT_EDIT_TEXT in buttons(updated)
    # The bot's draft message in the channel now quotes the new text.
    post = bot.wait_updated({"channel": DRAFTS, "ts": ts}, lambda m: WARNING in str(m["blocks"]))
    assert CLEAN not in str(post["blocks"])
    bot.fake.wait_for(
        "chat.postMessage", lambda c: c.args.get("thread_ts") == ts and "編集されたため" in c.args["text"]
    )
    [edit] = _audit(bot, draft.id, "edit")
    assert (edit.actor, edit.data["previous_hash"], edit.data["approval_voided"]) == (
        OPERATOR,
        before.content_hash,
        False,
    )


def test_editing_an_approved_modal_draft_voids_the_approval_like_a_channel_edit(bot: SlackBot):
    ts, reply = _modal_draft(bot)
    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)
    approved = bot.wait_updated(reply, lambda m: ActionId.DRAFT_MARK_PUBLISHED in buttons(m))
    assert buttons(approved) == [ActionId.DRAFT_MARK_PUBLISHED, ActionId.DRAFT_EDIT_TEXT]

    _edit(bot, approved, EDITED)

    draft = bot.wait_draft(ts, lambda d: d.text == EDITED)
    assert draft.state == DraftState.AWAITING_APPROVAL
    assert (draft.decided_by, draft.approved_hash) == (None, None)
    notice = bot.fake.wait_for("chat.postMessage", lambda c: "承認を取り消しました" in c.args.get("text", ""))
    assert notice.args["thread_ts"] == ts and f"<@{MANAGER}> さんの承認" in notice.args["text"]
    bot.wait_updated(reply, lambda m: buttons(m) == [*APPROVE_BUTTONS, ActionId.DRAFT_EDIT_TEXT])
    [edit] = _audit(bot, draft.id, "edit")
    assert edit.data["approval_voided"] is True


def test_only_the_author_may_edit_and_an_empty_text_is_refused_in_the_modal(bot: SlackBot):
    ts, reply = _modal_draft(bot)
    bot.fake.reset()

    refused = bot.click(ActionId.DRAFT_EDIT_TEXT, reply, user=MANAGER)

    assert (refused.status, refused.body) == (200, b"")
    refusal = bot.ephemeral(MANAGER)
    assert f"下書きの編集ができるのは、作成者の <@{OPERATOR}> さんのみです" in refusal["text"]
    assert (refusal["channel"], refusal["thread_ts"]) == (DRAFTS, ts)
    assert bot.fake.calls("views.open") == []

    _, empty = _edit(bot, reply, " \n")
    assert empty.json() == {"response_action": "errors", "errors": {BlockId.TEXT: "本文を入力してください。"}}
    assert bot.draft(ts).text == CLEAN


# ================================================================== photo declarations


def _photo_draft(bot: SlackBot, *, gps: bool, name: str = "event.jpg") -> tuple[dict[str, Any], dict[str, Any]]:
    photo = bot.fake.add_file(f"F0{name.upper().replace('.', '')}", name=name, content=_jpeg(gps=gps), user=OPERATOR)
    event = payloads.message_event(CLEAN, user=OPERATOR, channel=DRAFTS, files=[photo])
    bot.fake.add_message(event)
    bot.event(event)
    reply = bot.reply(event["ts"])
    bot.wait_draft(event["ts"], lambda d: d.reply_ts is not None)
    return event, reply


def _rules(bot: SlackBot, ts: str) -> set[str]:
    return {f["rule"] for f in bot.draft(ts).findings}


def test_a_channel_draft_with_photos_asks_its_author_to_declare_the_people_in_them(bot: SlackBot):
    event, reply = _photo_draft(bot, gps=False)

    assert _rules(bot, event["ts"]) == {CONSENT_RULE}
    assert bot.draft(event["ts"]).verdict == "warn"
    assert buttons(reply) == [*APPROVE_BUTTONS, *PHOTO_BUTTONS]
    text = block_text(reply)
    assert "人物は写っていません" in text and "本人の同意を得ています" in text
    assert f"写真の申告ができるのは作成者の <@{OPERATOR}> さんだけで" in text


def test_the_authors_declaration_withdraws_the_consent_warning_and_is_audited(bot: SlackBot):
    event, reply = _photo_draft(bot, gps=False)
    before = bot.draft(event["ts"])

    result = bot.click(ActionId.DRAFT_PHOTOS_NO_PEOPLE, reply, user=OPERATOR)

    assert (result.status, result.body) == (200, b"")
    updated = bot.wait_updated(reply, lambda m: buttons(m) == APPROVE_BUTTONS)
    assert CONSENT_RULE not in str(updated["blocks"])
    draft = bot.draft(event["ts"])
    assert (draft.verdict, draft.state, draft.findings) == ("pass", DraftState.AWAITING_APPROVAL, [])
    assert draft.content_hash == before.content_hash  # the content did not change
    notice = bot.fake.wait_for("chat.postMessage", lambda c: "と申告しました" in c.args.get("text", ""))
    assert notice.args["thread_ts"] == event["ts"] and "「人物は写っていません」" in notice.args["text"]
    [declared] = _audit(bot, draft.id, "declare_photos")
    assert declared.actor == OPERATOR and declared.content_hash == draft.content_hash
    assert declared.data == {"consent": "no_people", "withdrawn": [CONSENT_RULE], "verdict": "pass"}
    assert (declared.from_state, declared.to_state) == ("awaiting_approval", "awaiting_approval")


def test_only_the_author_may_declare(bot: SlackBot):
    event, reply = _photo_draft(bot, gps=False)
    bot.fake.reset()

    result = bot.click(ActionId.DRAFT_PHOTOS_CONSENTED, reply, user=MANAGER)

    assert (result.status, result.body) == (200, b"")
    refusal = bot.ephemeral(MANAGER)
    assert f"作成者の <@{OPERATOR}> さんのみです" in refusal["text"]
    bot.fake.wait_until_quiet(quiet=0.3)
    assert bot.fake.calls("chat.update") == []
    assert _rules(bot, event["ts"]) == {CONSENT_RULE}
    assert _audit(bot, bot.draft(event["ts"]).id, "declare_photos") == []


def test_the_gps_warning_stays_after_the_declaration_and_the_declaration_lasts_until_the_photo_changes(bot: SlackBot):
    event, reply = _photo_draft(bot, gps=True)
    assert _rules(bot, event["ts"]) == {GPS_RULE, CONSENT_RULE}

    bot.click(ActionId.DRAFT_PHOTOS_CONSENTED, reply, user=OPERATOR)

    bot.wait_updated(reply, lambda m: buttons(m) == APPROVE_BUTTONS)
    assert _rules(bot, event["ts"]) == {GPS_RULE}
    assert bot.draft(event["ts"]).verdict == "warn"

    # A change of the text alone keeps the photo, its GPS finding and the declaration.
    bot.event(payloads.message_changed_event(event, text=EDITED))
    bot.wait_draft(event["ts"], lambda d: d.text == EDITED)
    assert _rules(bot, event["ts"]) == {GPS_RULE}

    # A new photo (without GPS) must be declared again.
    replaced = payloads.message_changed_event(event, text=EDITED)
    replaced["message"]["files"] = [bot.fake.add_file("F0NEW", name="new.jpg", content=_jpeg(gps=False), user=OPERATOR)]
    bot.event(replaced)
    bot.wait_draft(event["ts"], lambda d: d.attachments[0]["id"] == "F0NEW")
    assert _rules(bot, event["ts"]) == {CONSENT_RULE}
    bot.wait_updated(reply, lambda m: buttons(m) == [*APPROVE_BUTTONS, *PHOTO_BUTTONS])


def test_a_declaration_on_a_button_drawn_before_the_photo_changed_is_stale(bot: SlackBot):
    event, reply = _photo_draft(bot, gps=False)
    replaced = payloads.message_changed_event(event, text=CLEAN)
    replaced["message"]["files"] = [bot.fake.add_file("F0NEW", name="new.jpg", content=_jpeg(gps=False), user=OPERATOR)]
    bot.event(replaced)
    bot.wait_draft(event["ts"], lambda d: d.attachments[0]["id"] == "F0NEW")

    bot.click(ActionId.DRAFT_PHOTOS_NO_PEOPLE, reply, user=OPERATOR)  # the reply as drawn for the old photo

    assert "以前の内容に対するもの" in bot.ephemeral(OPERATOR)["text"]
    assert _rules(bot, event["ts"]) == {CONSENT_RULE}


def test_a_declaration_on_a_modal_draft_redraws_the_people_line_of_its_channel_message(bot: SlackBot):
    photo = bot.fake.add_file("F0MODAL", name="event.jpg", content=_jpeg(gps=False), user=OPERATOR)
    ts, reply = _modal_draft(bot, photos=(photo,), consent=PhotoConsent.UNCONFIRMED)
    post = bot.fake.wait_for("chat.postMessage", lambda c: c.response.get("ts") == ts)
    assert f"人物の写り込み（作成者の申告）: {PhotoConsent.UNCONFIRMED.label}" in str(post.args["blocks"])
    assert buttons(reply) == [*APPROVE_BUTTONS, *PHOTO_BUTTONS, ActionId.DRAFT_EDIT_TEXT]

    bot.click(ActionId.DRAFT_PHOTOS_CONSENTED, reply, user=OPERATOR)

    redrawn = bot.wait_updated(
        {"channel": DRAFTS, "ts": ts}, lambda m: PhotoConsent.CONSENTED.label in str(m["blocks"])
    )
    assert PhotoConsent.UNCONFIRMED.label not in str(redrawn["blocks"])
    assert CLEAN in str(redrawn["blocks"]) and "event.jpg" in str(redrawn["blocks"])
    bot.wait_updated(reply, lambda m: buttons(m) == [*APPROVE_BUTTONS, ActionId.DRAFT_EDIT_TEXT])
    assert _rules(bot, ts) == set()


def test_a_declaration_on_a_channel_draft_leaves_the_authors_own_message_alone(bot: SlackBot):
    event, reply = _photo_draft(bot, gps=False)

    bot.click(ActionId.DRAFT_PHOTOS_NO_PEOPLE, reply, user=OPERATOR)

    bot.wait_updated(reply, lambda m: buttons(m) == APPROVE_BUTTONS)
    bot.fake.wait_until_quiet(quiet=0.3)
    assert [c for c in bot.fake.calls("chat.update") if c.args["ts"] == event["ts"]] == []
