"""`/sns-draft` end to end: the real Bolt app over HTTP on 127.0.0.1, signed requests, the fake Web API.

The command opens the modal within Slack's trigger window; the submission is validated per block in
Japanese; a valid draft is posted in the account's drafts channel by the bot (mentioning the author),
screened with its photos' findings and answered in its thread like a draft posted in the channel.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zoneinfo
from typing import Any

import pytest
import sqlalchemy as sa
from PIL import ExifTags, Image

from bot import draft_modal
from bot.runtime import Runtime
from handlers.ids import BlockId, CallbackId
from storage.db import Database
from storage.models import Account, AuditEvent, Draft, DraftState
from tests.bot.factories import account_values
from tests.slack import payloads
from tests.slack.conftest import joetsu_config, make_runtime
from tests.slack.fake_slack import DOWNLOAD, RESPONSE_URL, FakeSlack
from tests.slack.signing import post_command, post_view_submission

JST = zoneinfo.ZoneInfo("Asia/Tokyo")
OPERATOR = "U0OP1"
OPERATOR2 = "U0OP2"
MANAGER = "U0MGR"
STRANGER = "U0STRANGER"
DRAFTS = "C0DRAFTS"
OTHER_DRAFTS = "C0FBDRAFTS"
CLEAN_TEXT = "本日は市役所の窓口を通常どおり開いています。"


# ---------------------------------------------------------------- fixtures


def _account(**overrides: Any) -> Account:
    today = dt.datetime.now(JST).date()
    defaults = dict(
        id="joetsu-x",
        handle="@joetsu_city",
        department="広報対話課",
        deputies=[],
        plan_valid_until=today + dt.timedelta(days=365),
        password_rotated_on=today - dt.timedelta(days=10),
    )
    return Account(**account_values(**{**defaults, **overrides}))


@pytest.fixture
def runtime(db: Database, fake_slack: FakeSlack) -> Runtime:
    config = joetsu_config()
    with db.Session.begin() as session:
        session.add_all(
            [
                _account(),
                _account(id="joetsu-fb", platform="facebook", handle="上越市", drafts_channel=OTHER_DRAFTS),
                _account(id="joetsu-line", platform="line", handle="上越市LINE", operators=[OPERATOR2]),
            ]
        )
    return make_runtime(config, db, fake_slack)


def _open_modal(
    fake: FakeSlack, server: Any, secret: str, *, user: str = OPERATOR, channel: str = DRAFTS, text: str = ""
) -> dict[str, Any]:
    trigger = fake.issue_trigger_id()
    result = post_command(
        server.base_url,
        secret,
        "/sns-draft",
        text,
        user_id=user,
        channel_id=channel,
        trigger_id=trigger,
        response_url=fake.response_url(),
    )
    assert result.status == 200 and result.body == b""
    call = fake.wait_for("views.open", lambda c: c.args["trigger_id"] == trigger)
    assert call.ok, call
    return call.response["view"]


def _values(
    *,
    account: str | None = "joetsu-x",
    platform: str | None = None,
    text: str | None = CLEAN_TEXT,
    date: str | None = None,
    time_: str | None = None,
    files: list[dict[str, Any]] | None = None,
    consent: str | None = None,
) -> dict[str, Any]:
    return {
        BlockId.ACCOUNT: {"a": payloads.static_select(account)},
        BlockId.PLATFORM: {"p": payloads.static_select(platform)},
        BlockId.TEXT: {"t": payloads.plain_text_input(text)},
        BlockId.PLANNED_DATE: {"d": payloads.datepicker(date)},
        BlockId.PLANNED_TIME: {"h": payloads.timepicker(time_)},
        BlockId.PHOTOS: {"f": {"type": "file_input", "files": files or []}},
        BlockId.PEOPLE_IN_PHOTOS: {"r": payloads.radio_buttons(consent)},
    }


def _submit(server: Any, secret: str, view: dict[str, Any], values: dict[str, Any], *, user: str = OPERATOR):
    started = time.monotonic()
    result = post_view_submission(server.base_url, secret, payloads.view_submission(view, values, user_id=user))
    elapsed = time.monotonic() - started
    assert result.status == 200
    return result.json() if result.body else {}, elapsed


def _drafts(db: Database) -> list[Draft]:
    with db.Session.begin() as session:
        return list(session.scalars(sa.select(Draft).order_by(Draft.id)))


def _jpeg(*, gps: bool) -> bytes:
    image = Image.new("RGB", (32, 24), "white")
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "TestPhone"
    if gps:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "N",
                ExifTags.GPS.GPSLatitude: (37.0, 8.0, 53.0),
                ExifTags.GPS.GPSLongitudeRef: "E",
                ExifTags.GPS.GPSLongitude: (138.0, 14.0, 10.0),
            }
        )
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


# ---------------------------------------------------------------- opening the modal


def test_the_command_opens_the_modal_within_the_trigger_window(fake_slack, server, signing_secret):
    started = time.monotonic()
    view = _open_modal(fake_slack, server, signing_secret)
    opened_after = time.monotonic() - started

    assert opened_after < fake_slack.trigger_ttl  # Slack's 3 s
    assert view["callback_id"] == CallbackId.DRAFT_MODAL
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    for block_id in (
        BlockId.ACCOUNT,
        BlockId.PLATFORM,
        BlockId.TEXT,
        BlockId.PLANNED_DATE,
        BlockId.PLANNED_TIME,
        BlockId.PHOTOS,
        BlockId.PEOPLE_IN_PHOTOS,
    ):
        assert blocks[block_id]["type"] == "input"
    # Only the accounts the user posts for are offered; run in joetsu-x's drafts channel, it is preselected.
    account = blocks[BlockId.ACCOUNT]["element"]
    assert [o["value"] for o in account["options"]] == ["joetsu-fb", "joetsu-x"]
    assert account["initial_option"]["value"] == "joetsu-x"
    assert blocks[BlockId.PLATFORM]["element"]["initial_option"]["value"] == "x"
    assert blocks[BlockId.TEXT]["element"]["max_length"] == 3000
    assert blocks[BlockId.PLANNED_TIME]["element"]["timezone"] == "Asia/Tokyo"
    assert blocks[BlockId.PHOTOS]["element"]["type"] == "file_input"
    assert [o["value"] for o in blocks[BlockId.PEOPLE_IN_PHOTOS]["element"]["options"]] == [
        "no_people",
        "consented",
        "unconfirmed",
    ]


def test_the_command_text_prefills_the_draft(fake_slack, server, signing_secret):
    view = _open_modal(
        fake_slack, server, signing_secret, channel="C0ELSEWHERE", text="花火大会 &amp; 交通規制 &lt;速報&gt;"
    )

    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks[BlockId.TEXT]["element"]["initial_value"] == "花火大会 & 交通規制 <速報>"
    # Outside a drafts channel and with two accounts, nothing is preselected.
    assert "initial_option" not in blocks[BlockId.ACCOUNT]["element"]


def test_someone_who_posts_for_no_account_gets_an_explanation_instead_of_a_form(fake_slack, server, signing_secret):
    view = _open_modal(fake_slack, server, signing_secret, user=STRANGER)

    assert view.get("submit") is None
    assert "投稿担当者になっていない" in view["blocks"][0]["text"]["text"]


def test_an_expired_trigger_is_answered_through_the_response_url(fake_slack, server, signing_secret):
    trigger = fake_slack.issue_trigger_id(ttl=0)
    response_url = fake_slack.response_url()

    post_command(
        server.base_url, signing_secret, "/sns-draft", user_id=OPERATOR, trigger_id=trigger, response_url=response_url
    )

    failed = fake_slack.wait_for("views.open")
    assert failed.error == "expired_trigger_id"
    reply = fake_slack.wait_for(RESPONSE_URL)
    assert reply.args["response_type"] == "ephemeral"
    assert "もう一度 /sns-draft" in reply.args["text"]


# ---------------------------------------------------------------- validation


def _errors(fake_slack, server, signing_secret, db, *, user: str = OPERATOR, **values: Any) -> dict[str, str]:
    view = _open_modal(fake_slack, server, signing_secret, user=user)
    answer, _ = _submit(server, signing_secret, view, _values(**values), user=user)
    assert answer["response_action"] == "errors", answer
    assert _drafts(db) == []  # a refused submission stores nothing
    return answer["errors"]


def test_an_empty_text_is_refused_on_the_text_block(fake_slack, server, signing_secret, db):
    assert _errors(fake_slack, server, signing_secret, db, text=" \n　") == {BlockId.TEXT: "本文を入力してください。"}


def test_a_planned_time_in_the_past_is_refused(fake_slack, server, signing_secret, db):
    now = dt.datetime.now(JST)
    yesterday = (now - dt.timedelta(days=1)).date().isoformat()
    earlier = now - dt.timedelta(hours=1)

    past_day = _errors(fake_slack, server, signing_secret, db, date=yesterday, time_="10:00")
    assert set(past_day) == {BlockId.PLANNED_DATE} and "過ぎています" in past_day[BlockId.PLANNED_DATE]
    if earlier.date() == now.date():  # an hour ago is still today (not just after midnight)
        past_time = _errors(
            fake_slack, server, signing_secret, db, date=now.date().isoformat(), time_=f"{earlier:%H:%M}"
        )
        assert set(past_time) == {BlockId.PLANNED_TIME} and "過ぎています" in past_time[BlockId.PLANNED_TIME]
    date_only = _errors(
        fake_slack, server, signing_secret, db, date=(now + dt.timedelta(days=2)).date().isoformat(), time_=None
    )
    assert date_only == {BlockId.PLANNED_TIME: "投稿予定日を選んだ場合は、投稿予定時刻も選んでください。"}


def test_an_unknown_account_or_a_non_operator_is_refused_on_the_account_block(fake_slack, server, signing_secret, db):
    unknown = _errors(fake_slack, server, signing_secret, db, account="joetsu-gone")
    assert "joetsu-gone" in unknown[BlockId.ACCOUNT] and "登録されていません" in unknown[BlockId.ACCOUNT]

    # joetsu-line is offered to OPERATOR2 only; a forged or stale choice by OPERATOR is refused.
    not_operator = _errors(fake_slack, server, signing_secret, db, account="joetsu-line")
    assert "投稿担当者として登録されていない" in not_operator[BlockId.ACCOUNT]


def test_a_lapsed_plan_and_a_wrong_platform_are_refused(fake_slack, server, signing_secret, db):
    with db.Session.begin() as session:
        session.get(Account, "joetsu-fb").plan_valid_until = dt.datetime.now(JST).date() - dt.timedelta(days=1)

    lapsed = _errors(fake_slack, server, signing_secret, db, account="joetsu-fb")
    assert "運用計画の有効期限" in lapsed[BlockId.ACCOUNT]
    wrong_platform = _errors(fake_slack, server, signing_secret, db, platform="instagram")
    assert wrong_platform == {
        BlockId.PLATFORM: "アカウント「joetsu-x」は X のアカウントです。媒体を X にするか、空欄にしてください。"
    }


def test_photos_need_the_people_question_answered(fake_slack, server, signing_secret, db):
    photo = fake_slack.add_file("F0PHOTO", name="photo.jpg", content=_jpeg(gps=False), user=OPERATOR)

    errors = _errors(fake_slack, server, signing_secret, db, files=[photo], consent=None)

    assert errors == {
        BlockId.PEOPLE_IN_PHOTOS: "写真を添付した場合は、個人が特定できる人物が写っているかどうかを選んでください。"
    }
    assert fake_slack.calls(DOWNLOAD) == []  # nothing is downloaded before the submission is valid


# ---------------------------------------------------------------- a valid draft


def test_a_valid_draft_is_posted_in_the_drafts_channel_screened_and_answered_in_its_thread(
    fake_slack, server, signing_secret, db
):
    planned = (dt.datetime.now(JST) + dt.timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    view = _open_modal(fake_slack, server, signing_secret)

    answer, elapsed = _submit(
        server, signing_secret, view, _values(text=CLEAN_TEXT, date=planned.date().isoformat(), time_="10:00")
    )

    assert elapsed < 3.0  # Slack's deadline for the view_submission ack
    assert answer["response_action"] == "update"
    assert f"<#{DRAFTS}>" in answer["view"]["blocks"][0]["text"]["text"]
    post = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == DRAFTS and "thread_ts" not in c.args)
    assert f"<@{OPERATOR}>" in post.args["blocks"][0]["text"]["text"]
    quoted = post.args["blocks"][1]["elements"][0]["elements"][0]["text"]
    assert quoted == CLEAN_TEXT
    ts = post.response["ts"]
    reply = fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("thread_ts") == ts)
    assert reply.ok

    [draft] = _drafts(db)
    assert (draft.author, draft.account_id, draft.platform, draft.text) == (OPERATOR, "joetsu-x", "x", CLEAN_TEXT)
    assert (draft.source_channel, draft.source_ts) == (DRAFTS, ts)
    assert draft.planned_at == planned
    assert draft.state == DraftState.AWAITING_APPROVAL
    assert draft.attachments == []


def test_an_empty_planned_time_means_immediately_after_approval(fake_slack, server, signing_secret, db):
    view = _open_modal(fake_slack, server, signing_secret)

    _submit(server, signing_secret, view, _values(platform="x"))

    fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("thread_ts") is not None)
    [draft] = _drafts(db)
    assert draft.planned_at is None


def test_photos_are_examined_with_the_bot_token_and_only_their_metadata_is_kept(
    fake_slack, server, signing_secret, db, caplog
):
    with_gps = fake_slack.add_file("F0GPS", name="event.jpg", content=_jpeg(gps=True), user=OPERATOR)
    without = fake_slack.add_file("F0PLAIN", name="hall.jpg", content=_jpeg(gps=False), user=OPERATOR)
    view = _open_modal(fake_slack, server, signing_secret)

    answer, elapsed = _submit(server, signing_secret, view, _values(files=[with_gps, without], consent="unconfirmed"))

    assert answer["response_action"] == "update" and elapsed < 3.0
    post = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == DRAFTS and "thread_ts" not in c.args)
    images = [b for b in post.args["blocks"] if b["type"] == "image"]
    assert [b["slack_file"]["id"] for b in images] == ["F0GPS", "F0PLAIN"]
    ts = post.response["ts"]
    reply = fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("thread_ts") == ts)
    rendered = str(reply.args["blocks"])
    assert "PII101" in rendered and "event.jpg" in rendered and "PII102" in rendered
    downloads = fake_slack.calls(DOWNLOAD)
    assert sorted(c.args["file"] for c in downloads) == ["F0GPS", "F0PLAIN"]
    assert all(c.token == fake_slack.bot_token for c in downloads)

    [draft] = _drafts(db)
    assert draft.verdict == "warn"
    assert {f["rule"] for f in draft.findings} >= {"PII101", "PII102"}
    gps = next(f for f in draft.findings if f["rule"] == "PII101")
    assert gps["category"] == "personal_info" and gps["severity"] == "warn" and gps["excerpt"] == "event.jpg"
    assert "joetsu 5(3)" in gps["citation"]
    assert [a["id"] for a in draft.attachments] == ["F0GPS", "F0PLAIN"]
    assert set(draft.attachments[0]) == {"id", "name", "mimetype", "size"}  # identity only, never content
    # Neither the photo's bytes, its coordinates, nor the token reach the logs or the audit trail.
    with db.Session.begin() as session:
        audit = repr([(e.data, e.reason) for e in session.scalars(sa.select(AuditEvent))])
    for text in (caplog.text, audit):
        assert fake_slack.bot_token not in text and "138" not in text and CLEAN_TEXT not in text


def test_a_photo_that_cannot_be_downloaded_is_noted_and_the_draft_goes_on(fake_slack, server, signing_secret, db):
    missing = payloads.slack_file(
        "F0GONE", name="gone.jpg", base_url=fake_slack.root_url, mimetype="image/jpeg", size=2048
    )
    view = _open_modal(fake_slack, server, signing_secret)

    _submit(server, signing_secret, view, _values(files=[missing], consent="no_people"))

    post = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == DRAFTS and "thread_ts" not in c.args)
    fake_slack.wait_for("chat.postMessage", lambda c: c.args.get("thread_ts") == post.response["ts"])
    [draft] = _drafts(db)
    assert draft.verdict == "pass" and draft.state == DraftState.AWAITING_APPROVAL
    [note] = draft.findings
    assert (note["rule"], note["severity"]) == ("PII103", "info")
    assert "ダウンロードできなかった" in note["message"]


def test_when_the_drafts_channel_refuses_the_post_the_author_gets_their_text_back(
    fake_slack, server, signing_secret, db
):
    fake_slack.add_channel(DRAFTS, is_member=False, members=[OPERATOR])
    view = _open_modal(fake_slack, server, signing_secret)

    _submit(server, signing_secret, view, _values(text="届けたい本文です。"))

    dm = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == OPERATOR)
    assert "投稿できなかった" in dm.args["text"]
    assert dm.args["blocks"][1]["elements"][0]["elements"][0]["text"] == "届けたい本文です。"
    assert _drafts(db) == []


def test_a_draft_refused_after_posting_is_taken_back_and_the_author_told(fake_slack, runtime, db):
    # Validation passed a moment ago, then the author was removed from the account's operators.
    with db.Session.begin() as session:
        session.get(Account, "joetsu-x").operators = [OPERATOR2]
    draft = draft_modal.ModalDraft(
        author=OPERATOR,
        account_id="joetsu-x",
        platform="x",
        text="届けたい本文です。",
        planned_at=None,
        channel=DRAFTS,
    )

    assert draft_modal.submit_modal_draft(runtime, draft) is None

    assert fake_slack.calls("chat.postMessage")[0].args["channel"] == DRAFTS  # posted first, then refused
    assert fake_slack.messages(DRAFTS) == []  # the unscreened message was deleted again
    assert fake_slack.last("chat.delete").args["channel"] == DRAFTS
    dm = fake_slack.wait_for("chat.postMessage", lambda c: c.args["channel"] == OPERATOR)
    assert "受け付けられませんでした" in dm.args["text"] and "投稿担当者" in dm.args["text"]
    assert dm.args["blocks"][1]["elements"][0]["elements"][0]["text"] == "届けたい本文です。"
    assert _drafts(db) == []
