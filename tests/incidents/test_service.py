"""The incident domain: opening (numbering, freezing, joining instead of duplicating), steps, messages,
closing (who may, unfreezing), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.errors import (
    AccountUnavailableError,
    ConflictError,
    InvalidInputError,
    InvalidStateError,
    NotFoundError,
    PermissionDeniedError,
)
from bot.incidents import service
from bot.incidents.service import MessageKind, TimelineKind
from bot.workflows import approval
from storage.db import Database
from storage.incident_models import IncidentMember, IncidentMessage, IncidentOpenKey, IncidentStep
from storage.models import Account, AuditEvent, DraftState, Incident, IncidentState, IncidentType
from tests.bot.factories import MANAGER, NOW, STRANGER, FakeScreener, make_account, submit
from tests.incidents.conftest import ADMIN, FAKE_URL, INFOSEC, PR, REPORTER, incident_report, open_incident


def _close(session: Session, config, tz, incident_id: str, actor: str = PR, summary: str | None = "対応を終えました。"):
    return service.close(
        session=session,
        incident_id=incident_id,
        actor=actor,
        summary=summary,
        at=NOW + dt.timedelta(hours=3),
        tz=tz,
        config=config,
    )


# --- Opening --------------------------------------------------------------------------------------------


def test_opening_numbers_per_year_copies_the_playbook_and_records_who_and_when(session, account, config, tz):
    first = open_incident(session, config, tz)
    second = open_incident(session, config, tz, incident_report(IncidentType.HIJACK))
    next_year = open_incident(
        session, config, tz, incident_report(IncidentType.IMPERSONATION), at=dt.datetime(2027, 1, 4, 9, tzinfo=tz)
    )

    assert first.created and second.created and next_year.created
    assert [first.record.id, second.record.id, next_year.record.id] == [
        "INC-2026-0001",
        "INC-2026-0002",
        "INC-2027-0001",
    ]
    record = first.record
    assert record.incident.state == IncidentState.OPEN
    assert (record.incident.opened_by, record.incident.opened_at) == (REPORTER, NOW)
    assert [s.step_id for s in record.steps] == [
        "no-rebuttal",
        "consult",
        "decide-response",
        "holding-post",
        "suspend-posts",
    ]
    assert all(s.done_at is None for s in record.steps)
    assert [(m.user_id, m.role) for m in record.members] == [(REPORTER, "reporter")]
    assert [e.kind for e in record.timeline] == [TimelineKind.OPENED]
    assert record.timeline[0].text == "批判が殺到しています"
    audit = session.scalars(select(AuditEvent).where(AuditEvent.entity == "incident")).all()
    assert [(a.entity_id, a.action) for a in audit] == [
        ("INC-2026-0001", "incident_open"),
        ("INC-2026-0002", "incident_open"),
        ("INC-2027-0001", "incident_open"),
    ]


def test_opening_freezes_the_account_and_holds_pending_approvals_in_the_same_unit_of_work(session, account, config, tz):
    screener = FakeScreener()
    pending = submit(session, screener, account_id="joetsu-x").draft
    assert pending.state == DraftState.AWAITING_APPROVAL

    result = open_incident(session, config, tz)

    assert [d.id for d in result.held] == [pending.id]
    session.refresh(pending)
    assert pending.state == DraftState.ON_HOLD
    assert [e.kind for e in result.record.timeline] == [TimelineKind.OPENED, TimelineKind.HELD]
    with pytest.raises(AccountUnavailableError) as refused:
        approval.approve(session=session, draft_id=pending.id, approver=MANAGER, content_hash=pending.content_hash)
    assert result.record.id in refused.value.message_ja
    new = submit(session, screener, text="新しいお知らせです。", account_id="joetsu-x")
    assert new.incident.id == result.record.id and new.draft.state == DraftState.ON_HOLD


def test_the_same_type_and_account_joins_the_open_incident_instead_of_opening_another(session, account, config, tz):
    first = open_incident(session, config, tz)
    again = open_incident(session, config, tz, incident_report(reporter="U0OP2", note="こちらでも確認しました"))

    assert not again.created and again.joined_on == "type"
    assert again.record.id == first.record.id
    assert session.scalar(select(func.count()).select_from(Incident)) == 1
    assert [(m.user_id, m.role) for m in again.record.members] == [(REPORTER, "reporter"), ("U0OP2", "reporter")]
    assert again.record.timeline[-1].kind == TimelineKind.REPORTED_AGAIN
    assert again.record.timeline[-1].text == "こちらでも確認しました"
    # Another type on the same account is another incident.
    assert open_incident(session, config, tz, incident_report(IncidentType.HIJACK)).created


@pytest.mark.parametrize(
    "same_url",
    [
        FAKE_URL,
        "https://twitter.com/joetsu_clty/",
        "https://mobile.twitter.com/Joetsu_Clty?s=20",
        "<https://x.com/joetsu_clty>",
        "https://x.com/joetsu_clty/status/1234567890",  # another post by the same fake account
    ],
)
def test_a_second_report_of_the_same_impersonating_url_joins(session, account, config, tz, same_url):
    make_account(session, id="joetsu-ig", platform="instagram", handle="@joetsu_city", drafts_channel="C0IG")
    first = open_incident(session, config, tz, incident_report(IncidentType.IMPERSONATION))
    # Even reported against another official account, the same fake account is the same incident.
    again = open_incident(
        session, config, tz, incident_report(IncidentType.IMPERSONATION, account_id="joetsu-ig", url=same_url)
    )

    assert not again.created and again.joined_on == "url"
    assert again.record.id == first.record.id


def test_the_reported_handle_is_compared_with_the_official_ones(session, account, config, tz):
    result = open_incident(session, config, tz, incident_report(IncidentType.IMPERSONATION))

    assert result.reported_handle == "joetsu_clty"
    assert result.handle_match.account_id == "joetsu-x"
    assert result.handle_match.distance == 1


@pytest.mark.parametrize(
    ("overrides", "error", "code"),
    [
        ({"account_id": "nowhere-x"}, NotFoundError, "unknown_account"),
        ({"type": IncidentType.IMPERSONATION, "url": None}, InvalidInputError, "url_required"),
        ({"url": "x.com/joetsu_clty"}, InvalidInputError, "invalid_url"),
        ({"url": "https://"}, InvalidInputError, "invalid_url"),
        ({"url": "ftp://x.com/a"}, InvalidInputError, "invalid_url"),
        ({"url": "https://x.com/a b"}, InvalidInputError, "invalid_url"),
        ({"note": "あ" * 3001}, InvalidInputError, "note_too_long"),
    ],
)
def test_a_report_the_bot_cannot_act_on_is_refused_and_changes_nothing(
    session, account, config, tz, overrides, error, code
):
    with pytest.raises(error) as refused:
        open_incident(session, config, tz, incident_report(**overrides))

    assert refused.value.code == code
    assert refused.value.message_ja
    assert session.scalar(select(func.count()).select_from(Incident)) == 0


def test_an_unknown_account_is_named_with_the_accounts_that_exist(session, account, config, tz):
    with pytest.raises(NotFoundError) as refused:
        open_incident(session, config, tz, incident_report(account_id="joetsu-y"))
    assert "joetsu-y" in refused.value.message_ja and "joetsu-x" in refused.value.message_ja


def test_accounts_are_found_by_id_or_handle(session, account):
    assert service.find_account(session=session, value="joetsu-x").id == "joetsu-x"
    assert service.find_account(session=session, value="@joetsu_city").id == "joetsu-x"
    assert service.find_account(session=session, value="ＪＯＥＴＳＵ_ＣＩＴＹ").id == "joetsu-x"
    assert service.find_account(session=session, value="joetsu-y") is None


# --- Steps, joining, messages ---------------------------------------------------------------------------


def test_a_step_is_done_once_and_a_second_click_is_told_who_did_it(session, account, config, tz):
    incident = open_incident(session, config, tz).record.incident
    later = NOW + dt.timedelta(minutes=12)

    done = service.record_step(
        session=session, incident_id=incident.id, step_id="consult", user=MANAGER, at=later, tz=tz
    )
    assert (done.step.done_by, done.step.done_at) == (MANAGER, later)
    assert [s.step_id for s in done.record.open_steps] == [
        "no-rebuttal",
        "decide-response",
        "holding-post",
        "suspend-posts",
    ]
    assert done.record.timeline[-1].kind == TimelineKind.STEP_DONE

    with pytest.raises(ConflictError) as again:
        service.record_step(session=session, incident_id=incident.id, step_id="consult", user=PR, at=later, tz=tz)
    assert again.value.message_ja == f"この手順は 2026年5月11日 10:12 に <@{MANAGER}> さんが完了として記録しています。"
    with pytest.raises(ConflictError) as mine:
        service.record_step(session=session, incident_id=incident.id, step_id="consult", user=MANAGER, at=later, tz=tz)
    assert "あなたが完了として記録" in mine.value.message_ja
    with pytest.raises(NotFoundError):
        service.record_step(session=session, incident_id=incident.id, step_id="dance", user=PR, at=later, tz=tz)


def test_simultaneous_clicks_on_a_step_record_it_once(db: Database, config, tz):
    with db.Session.begin() as s:
        make_account(s, id="joetsu-x", handle="@joetsu_city")
        incident_id = open_incident(s, config, tz).record.id
    users = [f"U0CLICK{i}" for i in range(6)]
    start = threading.Barrier(len(users))

    def click(user: str) -> str:
        start.wait(timeout=10)
        try:
            with db.Session.begin() as s:
                service.record_step(session=s, incident_id=incident_id, step_id="consult", user=user, at=NOW, tz=tz)
        except ConflictError:
            return "refused"
        return "done"

    with ThreadPoolExecutor(len(users)) as pool:
        outcomes = list(pool.map(click, users))

    assert sorted(outcomes) == ["done"] + ["refused"] * (len(users) - 1)
    with db.Session.begin() as s:
        step = s.scalars(select(IncidentStep).where(IncidentStep.step_id == "consult")).one()
        assert step.done_by in users
        assert (
            s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "incident_step_done")) == 1
        )


def test_simultaneous_reports_of_the_same_incident_open_it_once(db: Database, config, tz):
    with db.Session.begin() as s:
        make_account(s, id="joetsu-x", handle="@joetsu_city")
    reporters = [f"U0REPORTER{i}" for i in range(6)]
    start = threading.Barrier(len(reporters))

    def report(user: str) -> tuple[str, bool]:
        start.wait(timeout=10)
        with db.Session.begin() as s:
            result = open_incident(s, config, tz, incident_report(IncidentType.IMPERSONATION, reporter=user))
            return result.record.id, result.created

    with ThreadPoolExecutor(len(reporters)) as pool:
        outcomes = list(pool.map(report, reporters))

    assert {incident_id for incident_id, _ in outcomes} == {"INC-2026-0001"}
    assert sorted(created for _, created in outcomes) == [False] * (len(reporters) - 1) + [True]
    with db.Session.begin() as s:
        assert s.scalar(select(func.count()).select_from(Incident)) == 1
        assert s.scalar(select(func.count()).select_from(IncidentMember)) == len(reporters)


def test_joining_adds_a_member_once(session, account, config, tz):
    incident_id = open_incident(session, config, tz).record.id

    first = service.join(session=session, incident_id=incident_id, user=INFOSEC, at=NOW, tz=tz)
    second = service.join(session=session, incident_id=incident_id, user=INFOSEC, at=NOW, tz=tz)

    assert first.new and not second.new
    assert [e.kind for e in second.record.timeline].count(TimelineKind.JOINED) == 1


def test_a_thread_message_is_recorded_once_with_its_author_and_permalink(session, account, config, tz):
    incident = open_incident(session, config, tz).record.incident
    service.save_messages(
        session=session,
        messages=[IncidentMessage(channel="C0PR", ts="100.000001", incident_id=incident.id, kind=MessageKind.PR)],
    )
    found = service.incident_for_thread(session=session, channel="C0PR", thread_ts="100.000001")
    assert found.id == incident.id
    assert service.incident_for_thread(session=session, channel="C0SEC", thread_ts="100.000001") is None

    def record() -> bool:
        return service.record_thread_message(
            session=session,
            incident=incident,
            channel="C0PR",
            ts="100.000009",
            author=MANAGER,
            text="X社に削除を依頼しました",
            permalink="https://example.slack.com/archives/C0PR/p100000009",
            recorded_by=PR,
            at=NOW,
        )

    assert record() is True
    assert record() is False  # a second reaction on the same message
    entries = service.load_record(session=session, incident_id=incident.id).timeline
    message = [e for e in entries if e.kind == TimelineKind.MESSAGE]
    assert len(message) == 1
    assert message[0].text == "X社に削除を依頼しました" and message[0].data["author"] == MANAGER
    assert message[0].actor == PR


# --- Closing --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("closer", [PR, INFOSEC, ADMIN])
def test_pr_infosec_and_admins_close_and_the_account_is_unfrozen(session, account, config, tz, closer):
    draft = submit(session, FakeScreener(), account_id="joetsu-x").draft
    incident_id = open_incident(session, config, tz).record.id

    result = _close(session, config, tz, incident_id, actor=closer)

    incident = result.record.incident
    assert (incident.state, incident.closed_by, incident.summary) == (
        IncidentState.CLOSED,
        closer,
        "対応を終えました。",
    )
    assert [d.id for d in result.released] == [draft.id]
    session.refresh(draft)
    assert draft.state == DraftState.AWAITING_APPROVAL
    assert [e.kind for e in result.record.timeline][-2:] == [TimelineKind.CLOSED, TimelineKind.RELEASED]
    assert session.scalar(select(func.count()).select_from(IncidentOpenKey)) == 0
    approved = approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    assert approved.state == DraftState.APPROVED


def test_others_may_not_close_unless_they_are_in_the_pr_or_infosec_channel(session, account, config, tz):
    incident_id = open_incident(session, config, tz).record.id

    for user in (STRANGER, MANAGER, REPORTER):
        with pytest.raises(PermissionDeniedError) as refused:
            _close(session, config, tz, incident_id, actor=user)
        assert f"<@{user}> さんは終了できません" in refused.value.message_ja

    result = service.close(
        session=session,
        incident_id=incident_id,
        actor=STRANGER,
        summary="広報チャンネルで確認しました。",
        at=NOW,
        tz=tz,
        config=config,
        channel_members={STRANGER},
    )
    assert result.record.incident.closed_by == STRANGER


def test_closing_needs_a_summary_and_happens_once(session, account, config, tz):
    incident_id = open_incident(session, config, tz).record.id

    with pytest.raises(InvalidInputError) as no_summary:
        _close(session, config, tz, incident_id, summary="  ")
    assert no_summary.value.code == "summary_required"

    _close(session, config, tz, incident_id, actor=PR)
    with pytest.raises(ConflictError) as again:
        _close(session, config, tz, incident_id, actor=INFOSEC)
    assert (
        again.value.message_ja
        == f"インシデント {incident_id} は 2026年5月11日 13:00 に <@{PR}> さんが既に終了しています。"
    )
    with pytest.raises(NotFoundError):
        _close(session, config, tz, "INC-2026-0099")


def test_after_closing_steps_and_joins_are_refused_and_a_new_report_opens_a_new_incident(session, account, config, tz):
    incident_id = open_incident(session, config, tz).record.id
    _close(session, config, tz, incident_id)

    with pytest.raises(InvalidStateError) as step:
        service.record_step(session=session, incident_id=incident_id, step_id="consult", user=PR, at=NOW, tz=tz)
    assert "終了しているため" in step.value.message_ja
    with pytest.raises(InvalidStateError):
        service.join(session=session, incident_id=incident_id, user=PR, at=NOW, tz=tz)
    assert open_incident(session, config, tz).record.id == "INC-2026-0002"


def test_the_freeze_reason_names_the_incident_and_links_its_thread(session, account, config, tz):
    assert service.freeze_reason(session=session, account_id="joetsu-x", tz=tz) is None
    incident = open_incident(session, config, tz).record.incident
    service.save_messages(
        session=session,
        messages=[
            IncidentMessage(
                channel="C0PR", ts="1.1", incident_id=incident.id, kind=MessageKind.PR, permalink="https://t/p11"
            )
        ],
    )

    reason = service.freeze_reason(session=session, account_id="joetsu-x", tz=tz)

    assert reason.startswith(
        "アカウント「joetsu-x」はインシデント INC-2026-0001（炎上、2026年5月11日 10:00 開始）の対応中のため、"
        "承認できません。"
    )
    assert reason.endswith("対応状況: https://t/p11")


def test_the_follow_up_queries_find_open_incidents_with_open_steps_and_recently_closed_ones(
    session, account, config, tz
):
    open_id = open_incident(session, config, tz).record.id
    closed_id = open_incident(session, config, tz, incident_report(IncidentType.HIJACK)).record.id
    _close(session, config, tz, closed_id)

    assert service.open_incident_ids(session=session) == [open_id]
    closed_at = NOW + dt.timedelta(hours=3)
    assert service.closed_between(session=session, start=closed_at, end=closed_at + dt.timedelta(seconds=1)) == [
        closed_id
    ]
    assert (
        service.closed_between(
            session=session, start=closed_at + dt.timedelta(seconds=1), end=closed_at + dt.timedelta(days=1)
        )
        == []
    )


def test_owners_are_the_accounts_manager_or_the_offices(session, account, config):
    assert service.owners_of("manager", account=account, config=config) == [MANAGER]
    assert service.owners_of("pr", account=account, config=config) == [PR]
    assert service.owners_of("infosec", account=account, config=config) == [INFOSEC]
    assert isinstance(account, Account)
