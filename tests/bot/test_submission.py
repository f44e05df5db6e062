"""Submitting, editing and withdrawing drafts."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import time_machine

from bot.errors import (
    AccountUnavailableError,
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    PermissionDeniedError,
)
from bot.workflows import approval, submission
from bot.workflows.submission import Attachment, content_hash
from rules import Verdict
from storage.models import AuditEvent, Draft, DraftState, DraftVia, IncidentType
from storage.repositories import incidents
from tests.bot.factories import (
    BLOCK_MARK,
    CLEAN_TEXT,
    JST,
    MANAGER,
    OPERATOR,
    OPERATOR2,
    STRANGER,
    WARN_MARK,
    make_account,
    submit,
)

pytestmark = pytest.mark.usefixtures("clock")


def _actions(session, draft_id: int) -> list[tuple[str, str | None, str | None]]:
    rows = session.execute(
        sa.select(AuditEvent.action, AuditEvent.from_state, AuditEvent.to_state)
        .where(AuditEvent.entity == "draft", AuditEvent.entity_id == str(draft_id))
        .order_by(AuditEvent.id)
    )
    return [tuple(r) for r in rows]


def test_a_clean_draft_is_screened_recorded_and_sent_for_approval(session, account, screener):
    planned = dt.datetime(2026, 5, 12, 9, 0, tzinfo=JST)
    result = submit(session, screener, planned_at=planned, source_channel="C0DRAFTS", source_ts="1715390000.000100")
    draft = result.draft
    assert result.report.verdict == Verdict.PASS and result.changed and result.incident is None
    assert draft.state == DraftState.AWAITING_APPROVAL
    assert draft.account_id == "aoba-x" and draft.author == OPERATOR and draft.platform == "x"
    assert draft.planned_at == planned and draft.approval_requested_at is not None
    assert draft.content_hash == content_hash(text=CLEAN_TEXT, platform="x", planned_at=planned)
    assert _actions(session, draft.id) == [
        ("submit", None, "screened"),
        ("request_approval", "screened", "awaiting_approval"),
    ]
    # The engine screened the text as the platform's, at the planned time.
    seen = screener.seen[-1]
    assert (seen.text, seen.platform, seen.at) == (CLEAN_TEXT, "x", planned)
    assert draft.via == DraftVia.CHANNEL


def test_a_modal_draft_says_so_on_the_draft_and_in_its_submit_event(session, account, screener):
    draft = submit(session, screener, via=DraftVia.MODAL, photo_consent="no_people").draft

    session.expire_all()
    assert session.get(Draft, draft.id).via == DraftVia.MODAL
    event = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "submit")).one()
    assert (event.data["via"], event.data["photo_consent"]) == ("modal", "no_people")
    assert submission.declared_photo_consent(session=session, draft_id=draft.id) == "no_people"


def test_the_audit_trail_keeps_no_draft_text(session, account, screener):
    result = submit(session, screener, text=f"秘密の下書き {WARN_MARK}")
    for event in session.scalars(sa.select(AuditEvent)):
        assert "秘密の下書き" not in repr((event.reason, event.data))
        assert event.content_hash == result.draft.content_hash


def test_a_blocked_draft_stays_screened_and_never_reaches_approval(session, account, screener):
    result = submit(session, screener, text=f"ログイン情報 {BLOCK_MARK}")
    assert result.report.verdict == Verdict.BLOCK
    assert result.draft.state == DraftState.SCREENED
    assert result.draft.approval_requested_at is None
    assert _actions(session, result.draft.id) == [("submit", None, "screened")]
    with pytest.raises(InvalidStateError) as caught:
        approval.request_approval(session=session, draft_id=result.draft.id, actor=OPERATOR)
    assert caught.value.code == "blocked"
    assert "修正が必要な指摘" in caught.value.message_ja


def test_findings_are_stored_and_the_report_can_be_rebuilt(session, account, screener):
    result = submit(session, screener, text=f"確認 {WARN_MARK}")
    assert result.draft.verdict == Verdict.WARN
    assert submission.stored_report(result.draft) == result.report


def test_the_accounts_recent_published_posts_feed_the_spam_rule(session, account, screener):
    for day, text in ((1, "古い投稿"), (2, "新しい投稿")):
        first = submit(session, screener, text=text)
        approval.approve(
            session=session, draft_id=first.draft.id, approver=MANAGER, content_hash=first.draft.content_hash
        )
        with time_machine.travel(dt.datetime(2026, 5, day, 12, 0, tzinfo=JST), tick=False):
            approval.mark_published(
                session=session, draft_id=first.draft.id, actor=OPERATOR, url=f"https://x.com/aoba_city/status/{day}"
            )
    submit(session, screener, text="今日の投稿")
    assert screener.seen[-1].recent_posts == ("新しい投稿", "古い投稿")


def test_an_unknown_account_is_refused(session, account, screener):
    with pytest.raises(NotFoundError) as caught:
        submit(session, screener, account_id="no-such-account")
    assert (
        caught.value.message_ja == "アカウント「no-such-account」は登録されていません。アカウント ID をご確認ください。"
    )
    assert session.scalar(sa.select(sa.func.count()).select_from(Draft)) == 0


def test_someone_who_is_not_an_operator_cannot_submit(session, account, screener):
    with pytest.raises(PermissionDeniedError) as caught:
        submit(session, screener, author=STRANGER)
    assert caught.value.code == "not_operator"
    assert f"<@{STRANGER}> さんはアカウント「aoba-x」の投稿担当者として登録されていない" in caught.value.message_ja
    assert f"<@{MANAGER}>" in caught.value.message_ja
    assert session.scalar(sa.select(sa.func.count()).select_from(Draft)) == 0


def test_a_draft_for_an_account_whose_plan_lapsed_is_refused(session, screener):
    make_account(session, plan_valid_until=dt.date(2026, 3, 31))
    with pytest.raises(AccountUnavailableError) as caught:
        submit(session, screener)
    assert caught.value.code == "plan_lapsed"
    assert "運用計画の有効期限（2026年3月31日）が切れている" in caught.value.message_ja
    assert f"運用管理責任者 <@{MANAGER}> さん（または管理者）が" in caught.value.message_ja


def test_the_plan_is_valid_through_its_last_day_in_japan_time(session, screener):
    make_account(session, plan_valid_until=dt.date(2026, 5, 11))
    # 23:30 JST on the last day is 14:30 UTC: still valid.
    with time_machine.travel(dt.datetime(2026, 5, 11, 23, 30, tzinfo=JST), tick=False):
        assert submit(session, screener).draft.state == DraftState.AWAITING_APPROVAL
    with (
        time_machine.travel(dt.datetime(2026, 5, 12, 0, 0, tzinfo=JST), tick=False),
        pytest.raises(AccountUnavailableError),
    ):
        submit(session, screener)


def test_text_the_engine_cannot_screen_is_refused_with_its_japanese_message(session, account):
    from rules import Engine

    with pytest.raises(InvalidInputError) as caught:
        submit(session, Engine().screen, text="   ")
    assert caught.value.code == "invalid_draft"
    assert "空です" in caught.value.message_ja


def test_a_draft_for_another_platform_is_refused(session, account, screener):
    with pytest.raises(InvalidInputError) as caught:
        submit(session, screener, platform="instagram")
    assert caught.value.code == "platform_mismatch"
    assert "x 用のアカウント" in caught.value.message_ja


def test_a_second_delivery_of_the_same_slack_message_returns_the_recorded_draft(session, account, screener):
    first = submit(session, screener, source_channel="C0DRAFTS", source_ts="1.0")
    again = submit(session, screener, source_channel="C0DRAFTS", source_ts="1.0")
    assert again.draft.id == first.draft.id and not again.changed
    assert len(screener.seen) == 1
    assert submission.find_by_source(session=session, channel="C0DRAFTS", ts="1.0").id == first.draft.id


def test_a_draft_on_an_account_with_an_open_incident_is_held(session, account, screener):
    incident = incidents.open_incident(
        session=session, year=2026, type=IncidentType.FLAMING, opened_by="U0PR1", account_id="aoba-x"
    )
    result = submit(session, screener)
    assert result.incident is not None and result.incident.id == incident.id
    assert result.draft.state == DraftState.ON_HOLD
    assert _actions(session, result.draft.id)[-1] == ("hold", "awaiting_approval", "on_hold")


def test_attachments_are_part_of_the_content_hash():
    photo = Attachment(id="F01", name="event.jpg", mimetype="image/jpeg", size=1000)
    other = Attachment(id="F02", name="event.jpg", mimetype="image/jpeg", size=1000)
    base = dict(text="お知らせ", platform="x", planned_at=None)
    assert content_hash(**base, attachments=[photo]) != content_hash(**base, attachments=[other])
    assert content_hash(**base) != content_hash(**base, attachments=[photo])
    # The same instant in another zone is the same planned time.
    at = dt.datetime(2026, 5, 12, 9, 0, tzinfo=JST)
    assert content_hash(text="a", platform="x", planned_at=at) == content_hash(
        text="a", platform="x", planned_at=at.astimezone(dt.UTC)
    )
    assert content_hash(text="a", platform="x", planned_at=at) != content_hash(text="a", platform="line", planned_at=at)


def test_attachment_metadata_is_taken_from_slack_file_objects(session, account, screener):
    files = [{"id": "F01", "name": "poster.png", "mimetype": "image/png", "size": 2048, "url_private": "https://..."}]
    result = submit(session, screener, attachments=submission.attachments_from(files))
    assert result.draft.attachments == [{"id": "F01", "name": "poster.png", "mimetype": "image/png", "size": 2048}]


# --- Editing ---------------------------------------------------------------------------------------------


def test_editing_an_approved_draft_voids_the_approval_and_screens_again(session, account, screener):
    draft = submit(session, screener).draft
    approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    old_hash = draft.content_hash

    result = submission.edit(
        session=session, draft_id=draft.id, editor=OPERATOR, text="訂正したお知らせです。", screener=screener
    )
    assert result.approval_voided and result.previous_state == DraftState.APPROVED
    assert result.draft.state == DraftState.AWAITING_APPROVAL
    assert result.draft.content_hash != old_hash
    assert result.draft.decided_by is None and result.draft.approved_hash is None
    assert screener.seen[-1].text == "訂正したお知らせです。"
    assert _actions(session, draft.id)[-2:] == [
        ("edit", "approved", "screened"),
        ("request_approval", "screened", "awaiting_approval"),
    ]


def test_an_edit_that_introduces_a_block_finding_keeps_the_draft_out_of_approval(session, account, screener):
    draft = submit(session, screener).draft
    result = submission.edit(
        session=session, draft_id=draft.id, editor=OPERATOR, text=f"変更 {BLOCK_MARK}", screener=screener
    )
    assert result.draft.state == DraftState.SCREENED and result.draft.verdict == Verdict.BLOCK
    fixed = submission.edit(
        session=session, draft_id=draft.id, editor=OPERATOR, text="修正しました。", screener=screener
    )
    assert fixed.draft.state == DraftState.AWAITING_APPROVAL


def test_an_edit_that_changes_nothing_does_nothing(session, account, screener):
    draft = submit(session, screener).draft
    version = draft.version
    result = submission.edit(session=session, draft_id=draft.id, editor=OPERATOR, text=CLEAN_TEXT, screener=screener)
    assert not result.changed and result.draft.version == version
    assert len(screener.seen) == 1


def test_changing_the_planned_time_is_an_edit(session, account, screener):
    draft = submit(session, screener).draft
    old_hash = draft.content_hash
    result = submission.edit(
        session=session,
        draft_id=draft.id,
        editor=OPERATOR,
        text=CLEAN_TEXT,
        planned_at=dt.datetime(2026, 5, 13, 9, 0, tzinfo=JST),
        screener=screener,
    )
    assert result.changed and result.draft.content_hash != old_hash


def test_only_the_author_edits(session, account, screener):
    draft = submit(session, screener).draft
    with pytest.raises(PermissionDeniedError) as caught:
        submission.edit(session=session, draft_id=draft.id, editor=OPERATOR2, text="横から編集", screener=screener)
    assert caught.value.code == "not_author"
    assert f"作成者の <@{OPERATOR}> さんのみ" in caught.value.message_ja


def test_a_published_draft_cannot_be_edited(session, account, screener):
    draft = submit(session, screener).draft
    approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    approval.mark_published(session=session, draft_id=draft.id, actor=OPERATOR, url="https://x.com/aoba_city/status/1")
    with pytest.raises(InvalidStateError) as caught:
        submission.edit(session=session, draft_id=draft.id, editor=OPERATOR, text="公開後の編集", screener=screener)
    assert caught.value.code == "draft_closed"
    assert "公開済みのため、編集はできません" in caught.value.message_ja


def test_editing_an_unknown_draft_is_refused(session, account, screener):
    with pytest.raises(NotFoundError) as caught:
        submission.edit(session=session, draft_id=9999, editor=OPERATOR, text="x", screener=screener)
    assert caught.value.message_ja == "下書き（ID: 9999）が見つかりません。ID をご確認ください。"


# --- Withdrawing -----------------------------------------------------------------------------------------


def test_the_author_withdraws_a_pending_draft(session, account, screener):
    draft = submit(session, screener).draft
    withdrawn = submission.withdraw(session=session, draft_id=draft.id, actor=OPERATOR, reason="イベント中止のため")
    assert withdrawn.state == DraftState.WITHDRAWN
    with pytest.raises(InvalidStateError):
        submission.withdraw(session=session, draft_id=draft.id, actor=OPERATOR)
    with pytest.raises(PermissionDeniedError):
        submission.withdraw(session=session, draft_id=submit(session, screener).draft.id, actor=MANAGER)


# --- With the real screening engine ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["個人番号512987304414", "パスワードは Abc!2345 です"])
def test_with_the_real_engine_a_blocking_text_never_reaches_approval(session, account, text):
    from rules import Engine, Settings

    result = submit(session, Engine(Settings(policy="tatsuno")).screen, text=text)
    assert result.report.verdict == Verdict.BLOCK
    assert result.draft.state == DraftState.SCREENED
    with pytest.raises(InvalidStateError):
        approval.approve(
            session=session, draft_id=result.draft.id, approver=MANAGER, content_hash=result.draft.content_hash
        )


def test_remembering_the_bots_reply_does_not_make_the_approval_button_stale(session, account, screener):
    draft = submit(session, screener).draft
    version = draft.version
    submission.set_reply(session=session, draft_id=draft.id, channel="C0DRAFTS", ts="1715390001.000200")
    session.refresh(draft)
    assert (draft.reply_channel, draft.reply_ts, draft.version) == ("C0DRAFTS", "1715390001.000200", version)
    approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
