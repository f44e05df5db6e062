"""The draft modal's builders and the pure parts of its validation (no Slack, no database)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from bot.blocks import to_dicts
from bot.blocks.draft_modal import (
    TEXT_MAX,
    AccountChoice,
    build_draft_modal,
    build_draft_post_blocks,
    build_draft_post_text,
    build_no_account_modal,
    build_received_modal,
    build_returned_text_blocks,
)
from bot.draft_modal import DraftForm, planned_time, read_form
from bot.photos import PhotoConsent
from handlers.ids import BlockId, CallbackId
from tests.slack import payloads
from tests.slack.fake_slack import check_blocks, check_view

JST = zoneinfo.ZoneInfo("Asia/Tokyo")
NOW = dt.datetime(2026, 5, 11, 10, 30, 20, tzinfo=JST)
X = AccountChoice(id="joetsu-x", platform="x", handle="@joetsu_city")
FB = AccountChoice(id="joetsu-fb", platform="facebook", handle="上越市")


def _blocks(view: dict) -> dict[str, dict]:
    return {b["block_id"]: b for b in view["blocks"] if "block_id" in b}


# ---------------------------------------------------------------- the modal


def test_the_modal_is_valid_block_kit_with_every_input():
    view = build_draft_modal(accounts=[X, FB], private_metadata='{"channel":"C0DRAFTS"}').to_dict()

    assert check_view(view) == []
    assert view["callback_id"] == CallbackId.DRAFT_MODAL and view["private_metadata"] == '{"channel":"C0DRAFTS"}'
    blocks = _blocks(view)
    assert list(blocks) == [
        BlockId.ACCOUNT,
        BlockId.PLATFORM,
        BlockId.TEXT,
        BlockId.PLANNED_DATE,
        BlockId.PLANNED_TIME,
        BlockId.PHOTOS,
        BlockId.PEOPLE_IN_PHOTOS,
    ]
    optional = {k for k, b in blocks.items() if b.get("optional")}
    assert optional == {
        BlockId.PLATFORM,
        BlockId.PLANNED_DATE,
        BlockId.PLANNED_TIME,
        BlockId.PHOTOS,
        BlockId.PEOPLE_IN_PHOTOS,
    }
    assert blocks[BlockId.TEXT]["element"].items() >= {"multiline": True, "max_length": TEXT_MAX}.items()
    assert blocks[BlockId.PHOTOS]["element"] == {"type": "file_input", "max_files": 10}
    labels = [o["text"]["text"] for o in blocks[BlockId.PEOPLE_IN_PHOTOS]["element"]["options"]]
    assert labels == [
        "個人が特定できる人物は写っていない",
        "写っているが、本人の同意を得ている",
        "写っているが、同意は未確認",
    ]


def test_a_single_account_is_preselected_with_its_platform():
    blocks = _blocks(build_draft_modal(accounts=[FB]).to_dict())

    assert blocks[BlockId.ACCOUNT]["element"]["initial_option"]["text"]["text"] == "joetsu-fb（Facebook・上越市）"
    assert blocks[BlockId.PLATFORM]["element"]["initial_option"]["value"] == "facebook"


def test_with_several_accounts_only_the_named_one_is_preselected():
    none = _blocks(build_draft_modal(accounts=[X, FB]).to_dict())
    named = _blocks(build_draft_modal(accounts=[X, FB], selected_account_id="joetsu-x").to_dict())

    assert "initial_option" not in none[BlockId.ACCOUNT]["element"]
    assert "initial_option" not in none[BlockId.PLATFORM]["element"]
    assert named[BlockId.PLATFORM]["element"]["initial_option"]["value"] == "x"


def test_a_long_prefill_and_many_accounts_stay_within_slacks_limits():
    many = [AccountChoice(id=f"acct-{i:03d}", platform="x", handle="@" + "h" * 80) for i in range(150)]

    view = build_draft_modal(accounts=many, initial_text="あ" * 5000).to_dict()

    assert check_view(view) == []
    blocks = _blocks(view)
    assert len(blocks[BlockId.ACCOUNT]["element"]["options"]) == 100
    assert len(blocks[BlockId.TEXT]["element"]["initial_value"]) == TEXT_MAX


def test_the_other_modals_are_valid_and_polite():
    refused = build_no_account_modal().to_dict()
    received = build_received_modal(channel="C0DRAFTS").to_dict()

    assert check_view(refused) == [] and check_view(received) == []
    assert "submit" not in refused and "ご相談ください" in refused["blocks"][0]["text"]["text"]
    assert "<#C0DRAFTS>" in received["blocks"][0]["text"]["text"]


# ---------------------------------------------------------------- the draft's message


def test_the_posted_draft_keeps_the_text_exactly_and_cannot_mention_anyone():
    text = "<!channel> 花火大会 *中止* のお知らせ & <@U0EVIL>\n2行目"

    blocks = to_dicts(
        build_draft_post_blocks(
            author="U0OP1",
            account_id="joetsu-x",
            platform="x",
            text=text,
            planned_at=dt.datetime(2026, 5, 12, 0, 30, tzinfo=dt.UTC),
            tz=JST,
        )
    )

    assert check_blocks(blocks) == []
    assert blocks[0]["text"]["text"].startswith(":memo: <@U0OP1> さんの下書き")
    assert blocks[1] == {
        "type": "rich_text",
        "elements": [{"type": "rich_text_quote", "elements": [{"type": "text", "text": text}]}],
    }
    assert "投稿予定: 2026年5月12日 09:30" in blocks[2]["elements"][0]["text"]
    fallback = build_draft_post_text(author="U0OP1", account_id="joetsu-x", text=text)
    assert "<!channel>" not in fallback and "<@U0EVIL>" not in fallback


def test_photos_are_listed_and_shown_inline_when_slack_can():
    files = [
        {"id": "F1", "name": "a.jpg", "filetype": "jpg"},
        {"id": "F2", "name": "b.heic", "filetype": "heic"},
        {"id": "F3", "name": "c.png"},
    ]

    with_images = to_dicts(
        build_draft_post_blocks(
            author="U0OP1",
            account_id="joetsu-x",
            platform="x",
            text="本文",
            planned_at=None,
            tz=JST,
            files=files,
            consent=PhotoConsent.UNCONFIRMED,
        )
    )
    without = to_dicts(
        build_draft_post_blocks(
            author="U0OP1",
            account_id="joetsu-x",
            platform="x",
            text="本文",
            planned_at=None,
            tz=JST,
            files=files,
            with_images=False,
        )
    )

    assert check_blocks(with_images) == [] and check_blocks(without) == []
    assert "投稿予定: 承認後すぐ" in with_images[2]["elements"][0]["text"]
    listing = with_images[3]["elements"][0]["text"]
    assert "写真 3 枚: a.jpg、b.heic、c.png" in listing and "同意は未確認" in listing
    assert [b["slack_file"]["id"] for b in with_images if b["type"] == "image"] == ["F1", "F3"]
    assert [b for b in without if b["type"] == "image"] == []


def test_the_returned_text_blocks_keep_the_text():
    blocks = to_dicts(build_returned_text_blocks(notice="投稿できませんでした。", text="本文\n<@U1>"))

    assert check_blocks(blocks) == []
    assert blocks[1]["elements"][0]["elements"][0]["text"] == "本文\n<@U1>"


# ---------------------------------------------------------------- reading the submission


def test_the_form_is_read_by_block_whatever_the_action_ids():
    photo = payloads.slack_file("F1", name="a.jpg", base_url="http://127.0.0.1:9", mimetype="image/jpeg")
    values = {
        BlockId.ACCOUNT: {"x1": payloads.static_select("joetsu-x")},
        BlockId.PLATFORM: {"x2": payloads.static_select(None)},
        BlockId.TEXT: {"x3": payloads.plain_text_input("本文")},
        BlockId.PLANNED_DATE: {"x4": payloads.datepicker("2026-05-12")},
        BlockId.PLANNED_TIME: {"x5": payloads.timepicker("09:30")},
        BlockId.PHOTOS: {"x6": {"type": "file_input", "files": [photo]}},
        BlockId.PEOPLE_IN_PHOTOS: {"x7": payloads.radio_buttons("consented")},
    }

    form = read_form(values)

    assert form == DraftForm(
        account_id="joetsu-x",
        platform=None,
        text="本文",
        date="2026-05-12",
        time="09:30",
        time_zone="Asia/Tokyo",
        files=(photo,),
        consent="consented",
    )
    assert read_form({}) == DraftForm()


@pytest.mark.parametrize(
    ("date", "time", "expected", "errors"),
    [
        (None, None, None, set()),
        ("2026-05-12", "09:00", dt.datetime(2026, 5, 12, 9, 0, tzinfo=JST), set()),
        (None, "15:00", dt.datetime(2026, 5, 11, 15, 0, tzinfo=JST), set()),  # today
        ("2026-05-11", "10:30", dt.datetime(2026, 5, 11, 10, 30, tzinfo=JST), set()),  # the current minute
        ("2026-05-11", "10:29", None, {BlockId.PLANNED_TIME}),
        ("2026-05-10", "12:00", None, {BlockId.PLANNED_DATE}),
        ("2026-05-12", None, None, {BlockId.PLANNED_TIME}),
        ("2026-02-30", "09:00", None, {BlockId.PLANNED_DATE}),
        ("2026-05-12", "25:00", None, {BlockId.PLANNED_TIME}),
    ],
)
def test_the_planned_time(date, time, expected, errors):
    planned, found = planned_time(DraftForm(date=date, time=time), now=NOW, tz=JST)

    assert planned == expected and set(found) == errors


def test_the_timepickers_zone_is_honoured():
    planned, _ = planned_time(DraftForm(date="2026-05-12", time="09:00", time_zone="UTC"), now=NOW, tz=JST)

    assert planned == dt.datetime(2026, 5, 12, 18, 0, tzinfo=JST)
