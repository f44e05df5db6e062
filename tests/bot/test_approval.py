"""Approval rules: who decides, on what, and when nobody may."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import time_machine

from bot.errors import (
    AccountUnavailableError,
    ConflictError,
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    PermissionDeniedError,
)
from bot.workflows import approval, submission
from storage.models import AuditEvent, Draft, DraftState, IncidentType
from storage.repositories import incidents
from tests.bot.factories import (
    BLOCK_MARK,
    DEPUTY,
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


def _pending(session, screener, text: str = "本日は窓口を開いています。") -> Draft:
    draft = submit(session, screener, text=text).draft
    assert draft.state == DraftState.AWAITING_APPROVAL
    return draft


def _audit(session, draft_id: int, action: str) -> list[AuditEvent]:
    return list(
        session.scalars(
            sa.select(AuditEvent).where(
                AuditEvent.entity == "draft", AuditEvent.entity_id == str(draft_id), AuditEvent.action == action
            )
        )
    )


def test_the_manager_approves_and_the_approval_binds_the_content_hash(session, account, screener):
    draft = _pending(session, screener)
    approved = approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    assert approved.state == DraftState.APPROVED
    assert approved.decided_by == MANAGER and approved.decided_at is not None
    assert approved.approved_hash == draft.content_hash
    [event] = _audit(session, draft.id, "approve")
    assert (event.actor, event.from_state, event.to_state) == (MANAGER, "awaiting_approval", "approved")
    assert event.content_hash == draft.content_hash


def test_a_deputy_may_approve(session, account, screener):
    draft = _pending(session, screener)
    assert (
        approval.approve(
            session=session, draft_id=draft.id, approver=DEPUTY, content_hash=draft.content_hash
        ).decided_by
        == DEPUTY
    )


def test_nobody_approves_their_own_draft_even_the_manager(session, screener):
    make_account(session, operators=[OPERATOR, MANAGER])
    draft = submit(session, screener, author=MANAGER).draft
    with pytest.raises(PermissionDeniedError) as caught:
        approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    assert caught.value.code == "self_approval"
    assert caught.value.message_ja.startswith("ご自身が作成した下書きの承認はできません。")
    assert "辰野町指針4(4)" in caught.value.message_ja
    assert f"<@{DEPUTY}>" in caught.value.message_ja
    # The deputy can.
    approval.approve(session=session, draft_id=draft.id, approver=DEPUTY, content_hash=draft.content_hash)


@pytest.mark.parametrize("user", [OPERATOR2, STRANGER])
def test_only_the_manager_or_a_deputy_approves(session, account, screener, user):
    draft = _pending(session, screener)
    with pytest.raises(PermissionDeniedError) as caught:
        approval.approve(session=session, draft_id=draft.id, approver=user, content_hash=draft.content_hash)
    assert caught.value.code == "not_approver"
    assert caught.value.message_ja == (
        f"<@{user}> さんはアカウント「aoba-x」の承認者ではないため、承認はできません。"
        f"承認できるのは運用管理責任者 <@{MANAGER}> さんと代理の <@{DEPUTY}> さんです。"
    )
    assert session.get(Draft, draft.id).state == DraftState.AWAITING_APPROVAL
    assert _audit(session, draft.id, "approve") == []


def test_an_approval_after_an_edit_is_refused_as_stale(session, account, screener):
    draft = _pending(session, screener)
    seen_hash = draft.content_hash
    submission.edit(session=session, draft_id=draft.id, editor=OPERATOR, text="差し替えた本文です。", screener=screener)
    with pytest.raises(ConflictError) as caught:
        approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=seen_hash)
    assert caught.value.code == "stale_content"
    assert "下書きはその後編集されています" in caught.value.message_ja
    assert session.get(Draft, draft.id).state == DraftState.AWAITING_APPROVAL


def test_a_blocked_draft_cannot_be_approved(session, account, screener):
    draft = submit(session, screener, text=f"本文 {BLOCK_MARK}").draft
    with pytest.raises(InvalidStateError) as caught:
        approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    assert caught.value.code == "blocked"
    assert caught.value.message_ja.startswith("この下書きには修正が必要な指摘があるため、承認に進めません。")


def test_warn_findings_must_be_accepted_explicitly(session, account, screener):
    draft = _pending(session, screener, text=f"山田さんの連絡先 {WARN_MARK}")
    with pytest.raises(InvalidStateError) as caught:
        approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    assert caught.value.code == "warnings_not_accepted"
    assert "確認が必要な指摘が 1 件あります（個人情報）" in caught.value.message_ja
    approved = approval.approve(
        session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash, accept_warnings=True
    )
    assert approved.accepted_warnings == ["PII001"]
    [event] = _audit(session, draft.id, "approve")
    assert event.data == {"accepted_warnings": ["PII001"]}


def test_a_lapsed_plan_stops_approval_and_says_who_can_renew(session, account, screener):
    draft = _pending(session, screener)
    lapsed = time_machine.travel(dt.datetime(2027, 4, 1, 9, 0, tzinfo=JST), tick=False)
    with lapsed, pytest.raises(AccountUnavailableError) as caught:
        approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    assert caught.value.code == "plan_lapsed"
    assert caught.value.message_ja == (
        "アカウント「aoba-x」は運用計画の有効期限（2027年3月31日）が切れているため、承認はできません。"
        f"運用管理責任者 <@{MANAGER}> さん（または管理者）が `/sns-account aoba-x` から運用計画を更新すると、"
        "承認ができるようになります。"
    )


def test_an_open_incident_stops_approval_and_names_the_incident(session, account, screener):
    draft = _pending(session, screener)
    incidents.open_incident(
        session=session, year=2026, type=IncidentType.HIJACK, opened_by="U0SEC1", account_id="aoba-x"
    )
    with pytest.raises(AccountUnavailableError) as caught:
        approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    assert caught.value.code == "account_frozen"
    assert "インシデント INC-2026-0001 の対応中のため、承認はできません" in caught.value.message_ja


def test_a_decision_already_made_tells_who_made_it(session, account, screener):
    draft = _pending(session, screener)
    approval.approve(session=session, draft_id=draft.id, approver=DEPUTY, content_hash=draft.content_hash)
    with pytest.raises(ConflictError) as caught:
        approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    assert caught.value.code == "already_decided"
    assert caught.value.message_ja == f"この下書きは 2026年5月11日 10:00 に <@{DEPUTY}> さんが既に承認しています。"
    with pytest.raises(ConflictError) as caught:
        approval.reject(
            session=session, draft_id=draft.id, approver=DEPUTY, content_hash=draft.content_hash, reason="やはり不可"
        )
    assert caught.value.message_ja == "この下書きは 2026年5月11日 10:00 にあなたが既に承認しています。"
    assert len(_audit(session, draft.id, "approve")) == 1


def test_requesting_changes_needs_a_reason_and_an_edit_asks_again(session, account, screener):
    draft = _pending(session, screener)
    with pytest.raises(InvalidInputError) as caught:
        approval.request_changes(
            session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash, reason="  "
        )
    assert caught.value.message_ja == "修正依頼の理由を入力してください。作成者が内容を見直す手がかりになります。"
    changed = approval.request_changes(
        session=session,
        draft_id=draft.id,
        approver=MANAGER,
        content_hash=draft.content_hash,
        reason="日付を確認してください",
    )
    assert changed.state == DraftState.CHANGES_REQUESTED and changed.decision_reason == "日付を確認してください"
    [event] = _audit(session, draft.id, "request_changes")
    assert event.reason == "日付を確認してください"
    again = submission.edit(
        session=session, draft_id=draft.id, editor=OPERATOR, text="日付を直しました。", screener=screener
    )
    assert again.draft.state == DraftState.AWAITING_APPROVAL and again.draft.decided_by is None


def test_rejecting_is_final(session, account, screener):
    draft = _pending(session, screener)
    rejected = approval.reject(
        session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash, reason="趣旨が合いません"
    )
    assert rejected.state == DraftState.REJECTED
    with pytest.raises(InvalidStateError):
        submission.edit(session=session, draft_id=draft.id, editor=OPERATOR, text="再挑戦", screener=screener)


def test_the_author_cannot_reject_their_own_draft_either(session, account, screener):
    draft = _pending(session, screener)
    with pytest.raises(PermissionDeniedError) as caught:
        approval.reject(
            session=session,
            draft_id=draft.id,
            approver=OPERATOR,
            content_hash=draft.content_hash,
            reason="取り下げたい",
        )
    assert caught.value.code == "self_approval"
    assert caught.value.message_ja.startswith("ご自身が作成した下書きの却下はできません。")


def test_approving_an_unknown_draft_is_refused(session, account):
    with pytest.raises(NotFoundError) as caught:
        approval.approve(session=session, draft_id=424242, approver=MANAGER, content_hash="0" * 64)
    assert caught.value.code == "unknown_draft"


# --- Publishing and voiding --------------------------------------------------------------------------------


def _approved(session, screener) -> Draft:
    draft = _pending(session, screener)
    return approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)


def test_an_approved_draft_is_marked_published_with_its_url(session, account, screener):
    draft = _approved(session, screener)
    url = "https://x.com/aoba_city/status/1789"
    published = approval.mark_published(session=session, draft_id=draft.id, actor=OPERATOR, url=url)
    assert published.state == DraftState.PUBLISHED
    assert (published.published_url, published.published_by) == (url, OPERATOR)
    assert published.published_at is not None
    [event] = _audit(session, draft.id, "publish")
    assert event.data == {"url": url}
    with pytest.raises(ConflictError) as caught:
        approval.mark_published(session=session, draft_id=draft.id, actor=MANAGER, url=url)
    assert caught.value.message_ja == (
        f"この下書きは 2026年5月11日 10:00 に <@{OPERATOR}> さんが既に公開済みとして記録しています。"
    )


@pytest.mark.parametrize(
    "url", [None, "", "x.com/aoba_city/status/1", "http://x.com/a", "https:// x.com/a", "javascript:alert(1)"]
)
def test_the_published_url_must_be_an_https_url(session, account, screener, url):
    draft = _approved(session, screener)
    with pytest.raises(InvalidInputError) as caught:
        approval.mark_published(session=session, draft_id=draft.id, actor=OPERATOR, url=url)
    assert caught.value.message_ja == "公開した投稿の URL を、https:// で始まる形で入力してください。"


def test_a_draft_must_be_approved_before_it_is_published(session, account, screener):
    draft = _pending(session, screener)
    with pytest.raises(InvalidStateError) as caught:
        approval.mark_published(session=session, draft_id=draft.id, actor=OPERATOR, url="https://x.com/a/status/1")
    assert caught.value.message_ja == "この下書きは現在「承認待ち」のため、公開済みの記録はできません。"


def test_an_incident_stops_publishing_an_approved_draft(session, account, screener):
    draft = _approved(session, screener)
    incidents.open_incident(
        session=session, year=2026, type=IncidentType.IMPERSONATION, opened_by="U0PR1", account_id="aoba-x"
    )
    with pytest.raises(AccountUnavailableError) as caught:
        approval.mark_published(session=session, draft_id=draft.id, actor=OPERATOR, url="https://x.com/a/status/1")
    assert "INC-2026-0001" in caught.value.message_ja
    assert session.get(Draft, draft.id).state == DraftState.APPROVED


def test_a_lapsed_plan_stops_publishing(session, account, screener):
    draft = _approved(session, screener)
    lapsed = time_machine.travel(dt.datetime(2027, 4, 1, 9, 0, tzinfo=JST), tick=False)
    with lapsed, pytest.raises(AccountUnavailableError) as caught:
        approval.mark_published(session=session, draft_id=draft.id, actor=OPERATOR, url="https://x.com/a/status/1")
    assert caught.value.code == "plan_lapsed"


def test_someone_outside_the_account_cannot_mark_it_published(session, account, screener):
    draft = _approved(session, screener)
    with pytest.raises(PermissionDeniedError) as caught:
        approval.mark_published(session=session, draft_id=draft.id, actor=STRANGER, url="https://x.com/a/status/1")
    assert caught.value.code == "not_account_member"


def test_an_approval_can_be_voided(session, account, screener):
    draft = _approved(session, screener)
    voided = approval.void(session=session, draft_id=draft.id, actor=MANAGER, reason="イベントが中止になりました")
    assert voided.state == DraftState.VOIDED
    with pytest.raises(InvalidStateError):
        approval.mark_published(session=session, draft_id=draft.id, actor=OPERATOR, url="https://x.com/a/status/1")
    with pytest.raises(PermissionDeniedError):
        approval.void(session=session, draft_id=_approved(session, screener).id, actor=STRANGER)


# --- Incidents hold pending approvals ------------------------------------------------------------------------


def test_an_incident_holds_pending_drafts_and_its_close_releases_them(session, account, screener):
    pending = _pending(session, screener)
    approved = _approved(session, screener)
    incident = incidents.open_incident(
        session=session, year=2026, type=IncidentType.FLAMING, opened_by="U0PR1", account_id="aoba-x"
    )
    held = approval.hold_pending(session=session, incident=incident, actor="U0PR1")
    assert [d.id for d in held] == [pending.id]
    assert pending.state == DraftState.ON_HOLD and approved.state == DraftState.APPROVED
    with pytest.raises(AccountUnavailableError):
        approval.approve(session=session, draft_id=pending.id, approver=MANAGER, content_hash=pending.content_hash)

    assert approval.release_held(session=session, account_id="aoba-x", actor="U0PR1") == []  # still open
    incidents.close(session=session, incident_id=incident.id, closed_by="U0PR1")
    released = approval.release_held(session=session, account_id="aoba-x", actor="U0PR1")
    assert [d.id for d in released] == [pending.id] and pending.state == DraftState.AWAITING_APPROVAL
    approval.approve(session=session, draft_id=pending.id, approver=MANAGER, content_hash=pending.content_hash)


def test_every_transition_is_in_the_audit_trail(session, account, screener):
    draft = _pending(session, screener)
    approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    approval.mark_published(session=session, draft_id=draft.id, actor=OPERATOR, url="https://x.com/a/status/1")
    rows = session.execute(
        sa.select(
            AuditEvent.actor, AuditEvent.action, AuditEvent.from_state, AuditEvent.to_state, AuditEvent.content_hash
        )
        .where(AuditEvent.entity == "draft", AuditEvent.entity_id == str(draft.id))
        .order_by(AuditEvent.id)
    ).all()
    assert [tuple(r[:4]) for r in rows] == [
        (OPERATOR, "submit", None, "screened"),
        (OPERATOR, "request_approval", "screened", "awaiting_approval"),
        (MANAGER, "approve", "awaiting_approval", "approved"),
        (OPERATOR, "publish", "approved", "published"),
    ]
    assert {r.content_hash for r in rows} == {draft.content_hash}
