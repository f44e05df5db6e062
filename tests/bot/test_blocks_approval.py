"""The reply's builders (pure): the author's buttons and the notices that go with them."""

from __future__ import annotations

import dataclasses

import pytest

from bot.blocks import approval as ui
from bot.blocks import to_dicts
from bot.photos import CONSENT_RULE, GPS_RULE, PhotoConsent
from handlers.ids import ActionId, BlockId
from rules import Category, Finding, Severity, Verdict
from storage.models import DraftState

AUTHOR, MANAGER = "U0OP1", "U0MGR"


def _finding(rule: str) -> Finding:
    return Finding(
        rule=rule,
        category=Category.PERSONAL_INFO,
        severity=Severity.WARN,
        start=0,
        end=0,
        excerpt="photo.jpg",
        message="写真について確認してください。",
        fix=None,
        citation="joetsu 5(3)",
    )


VIEW = ui.DraftView(
    draft_id=7,
    author=AUTHOR,
    account_id="aoba-x",
    platform="x",
    text="本日は窓口を開いています。",
    verdict=Verdict.PASS,
    findings=(),
    content_hash="a" * 64,
    state=DraftState.AWAITING_APPROVAL,
    manager=MANAGER,
)


def _buttons(view: ui.DraftView) -> list[str]:
    return [
        e["action_id"] for b in to_dicts(ui.build_author_blocks(view)) if b["type"] == "actions" for e in b["elements"]
    ]


def test_a_channel_draft_without_photo_findings_has_no_author_buttons():
    assert ui.build_author_blocks(VIEW) == []


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (DraftState.AWAITING_APPROVAL, [ActionId.DRAFT_EDIT_TEXT]),
        (DraftState.APPROVED, [ActionId.DRAFT_EDIT_TEXT]),  # editing voids the approval
        (DraftState.CHANGES_REQUESTED, [ActionId.DRAFT_EDIT_TEXT]),
        (DraftState.PUBLISHED, []),
        (DraftState.REJECTED, []),
    ],
)
def test_a_modal_draft_can_be_edited_while_the_edit_workflow_allows_it(state, expected):
    assert _buttons(dataclasses.replace(VIEW, via_modal=True, state=state)) == expected


def test_the_photo_buttons_show_while_the_consent_finding_stands_and_the_draft_is_open():
    pending = dataclasses.replace(VIEW, findings=(_finding(GPS_RULE), _finding(CONSENT_RULE)), verdict=Verdict.WARN)

    blocks = to_dicts(ui.build_author_blocks(pending))

    assert _buttons(pending) == [ActionId.DRAFT_PHOTOS_NO_PEOPLE, ActionId.DRAFT_PHOTOS_CONSENTED]
    actions = next(b for b in blocks if b["type"] == "actions")
    assert actions["block_id"] == f"{BlockId.AUTHOR_ACTIONS}|{'a' * 64}"
    assert {e["value"] for e in actions["elements"]} == {"7"}
    assert f"作成者の <@{AUTHOR}> さんだけ" in blocks[-1]["elements"][0]["text"]
    assert _buttons(dataclasses.replace(pending, state=DraftState.APPROVED)) == []
    assert _buttons(dataclasses.replace(pending, findings=(_finding(GPS_RULE),))) == []


def test_the_reply_puts_the_author_buttons_after_the_approval_buttons():
    view = dataclasses.replace(VIEW, via_modal=True)

    blocks = to_dicts(ui.build_reply_blocks(view))

    actions = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert actions == [
        ActionId.DRAFT_APPROVE,
        ActionId.DRAFT_REQUEST_CHANGES,
        ActionId.DRAFT_REJECT,
        ActionId.DRAFT_EDIT_TEXT,
    ]


def test_a_blocked_modal_draft_points_to_the_edit_button():
    view = dataclasses.replace(VIEW, via_modal=True, verdict=Verdict.BLOCK, state=DraftState.SCREENED)

    text = str(to_dicts(ui.build_reply_blocks(view)))

    assert "「本文を修正」ボタンから修正してください" in text
    assert "メッセージを編集してください" not in text


def test_the_declaration_notice_names_it_and_asks_the_approvers_while_approval_is_awaited():
    text = ui.photos_declared_notice(VIEW, consent=PhotoConsent.CONSENTED)

    assert text.startswith(f"<@{AUTHOR}> さんが、下書き #7 の写真について「本人の同意を得ています」と申告しました。")
    assert text.endswith(f"<@{MANAGER}> さん、申告の内容をご確認のうえ、承認をお願いします。")
    held = ui.photos_declared_notice(
        dataclasses.replace(VIEW, state=DraftState.ON_HOLD), consent=PhotoConsent.NO_PEOPLE
    )
    assert "「人物は写っていません」" in held and "承認をお願いします" not in held


def test_the_changes_requested_notice_says_how_this_draft_is_edited():
    decided = dataclasses.replace(VIEW, state=DraftState.CHANGES_REQUESTED, decided_by=MANAGER, decision_reason="曜日")

    assert "メッセージを編集すると" in ui.changes_requested_notice(decided)
    assert "「本文を修正」ボタンで修正すると" in ui.changes_requested_notice(
        dataclasses.replace(decided, via_modal=True)
    )
    assert "*理由：* 曜日" in ui.rejected_notice(dataclasses.replace(decided, state=DraftState.REJECTED))
