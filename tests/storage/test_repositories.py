"""Repository functions: idempotent claims, incident numbering, conditional transitions, the overview."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import sqlalchemy as sa
from sqlalchemy import event

from storage.models import Account, Draft, DraftState, IncidentState, IncidentType, PasswordRotation, Verdict
from storage.repositories import accounts, drafts, events, incidents, reminders
from tests.bot.factories import account_values

JST = zoneinfo.ZoneInfo("Asia/Tokyo")


def _account(session, account_id: str = "aoba-x", **overrides) -> Account:
    return accounts.add(session=session, account=Account(**account_values(id=account_id, **overrides)))


def _draft(session, account_id: str = "aoba-x", **overrides) -> Draft:
    values = dict(
        account_id=account_id,
        author="U0OP1",
        text="お知らせです。",
        platform="x",
        content_hash="0" * 64,
        state=DraftState.AWAITING_APPROVAL,
        verdict=Verdict.PASS,
    )
    values.update(overrides)
    return drafts.add(session=session, draft=Draft(**values))


def test_an_event_id_is_claimed_once(session):
    assert events.claim(session=session, event_id="Ev0001")
    assert not events.claim(session=session, event_id="Ev0001")
    assert events.claim(session=session, event_id="Ev0002")


def test_old_event_ids_are_pruned(session):
    now = dt.datetime(2026, 5, 11, tzinfo=dt.UTC)
    events.claim(session=session, event_id="old", at=now - dt.timedelta(days=8))
    events.claim(session=session, event_id="new", at=now)
    assert events.prune(session=session, before=now - dt.timedelta(days=7)) == 1
    assert events.claim(session=session, event_id="old")
    assert not events.claim(session=session, event_id="new")


def test_a_reminder_is_recorded_once_per_job_entity_and_period(session):
    assert reminders.claim(session=session, job="password-rotation", entity="aoba-x", period="2026-05")
    assert not reminders.claim(session=session, job="password-rotation", entity="aoba-x", period="2026-05")
    assert reminders.claim(session=session, job="password-rotation", entity="aoba-x", period="2026-06")
    assert reminders.claim(session=session, job="plan-renewal", entity="aoba-x", period="2026-05")


def test_incidents_are_numbered_per_year(session):
    _account(session)
    ids = [
        incidents.open_incident(session=session, year=year, type=IncidentType.FLAMING, opened_by="U0PR1").id
        for year in (2026, 2026, 2027, 2026)
    ]
    assert ids == ["INC-2026-0001", "INC-2026-0002", "INC-2027-0001", "INC-2026-0003"]


def test_an_open_incident_freezes_its_account_until_closed(session):
    _account(session)
    _account(session, "aoba-line", platform="line")
    assert not incidents.account_is_frozen(session=session, account_id="aoba-x")
    incident = incidents.open_incident(
        session=session, year=2026, type=IncidentType.HIJACK, opened_by="U0SEC1", account_id="aoba-x"
    )
    assert incidents.account_is_frozen(session=session, account_id="aoba-x")
    assert not incidents.account_is_frozen(session=session, account_id="aoba-line")
    closed = incidents.close(session=session, incident_id=incident.id, closed_by="U0SEC1", summary="復旧済み")
    assert closed is not None and closed.state == IncidentState.CLOSED and closed.closed_at is not None
    assert incidents.close(session=session, incident_id=incident.id, closed_by="U0SEC1") is None
    assert not incidents.account_is_frozen(session=session, account_id="aoba-x")


def test_a_transition_applies_only_from_the_expected_state_and_version(session):
    _account(session)
    draft = _draft(session)
    stale_version = draft.version
    moved = drafts.transition(
        session=session,
        draft_id=draft.id,
        expected_state=DraftState.AWAITING_APPROVAL,
        expected_version=stale_version,
        values={"state": DraftState.APPROVED, "decided_by": "U0MGR"},
    )
    assert moved is draft and draft.state == DraftState.APPROVED and draft.version == stale_version + 1
    again = drafts.transition(
        session=session,
        draft_id=draft.id,
        expected_state=DraftState.AWAITING_APPROVAL,
        expected_version=stale_version,
        values={"state": DraftState.REJECTED},
    )
    assert again is None
    assert drafts.reload(session=session, draft_id=draft.id).state == DraftState.APPROVED


def test_extra_conditions_are_part_of_the_same_update(session):
    _account(session)
    draft = _draft(session)
    refused = drafts.transition(
        session=session,
        draft_id=draft.id,
        expected_state=DraftState.AWAITING_APPROVAL,
        expected_version=draft.version,
        values={"state": DraftState.APPROVED},
        conditions=[Draft.content_hash == "1" * 64],
    )
    assert refused is None


def test_recent_published_texts_are_newest_first(session):
    _account(session)
    base = dt.datetime(2026, 5, 1, 9, 0, tzinfo=JST)
    for day, text in ((3, "三日"), (1, "一日"), (2, "二日")):
        _draft(session, text=text, state=DraftState.PUBLISHED, published_at=base + dt.timedelta(days=day))
    _draft(session, text="未公開", state=DraftState.APPROVED)
    assert drafts.recent_published_texts(session=session, account_id="aoba-x", limit=2) == ("三日", "二日")


def test_recording_a_password_rotation_keeps_the_history(session):
    account = _account(session)
    accounts.record_password_rotation(
        session=session, account=account, rotated_on=dt.date(2026, 5, 1), recorded_by="U0ADM"
    )
    accounts.record_password_rotation(
        session=session, account=account, rotated_on=dt.date(2026, 8, 1), recorded_by="U0ADM"
    )
    assert account.password_rotated_on == dt.date(2026, 8, 1)
    history = session.scalars(sa.select(PasswordRotation.rotated_on).order_by(PasswordRotation.id)).all()
    assert history == [dt.date(2026, 5, 1), dt.date(2026, 8, 1)]


def test_the_overview_is_one_statement_whatever_the_number_of_accounts(session):
    month_start = dt.datetime(2026, 5, 1, tzinfo=JST)
    for i in range(30):
        _account(session, f"acct-{i:02d}")
    # Published this month (JST), last month, and not published at all.
    _draft(session, "acct-01", state=DraftState.PUBLISHED, published_at=month_start + dt.timedelta(minutes=1))
    _draft(session, "acct-01", state=DraftState.PUBLISHED, published_at=month_start + dt.timedelta(days=3))
    _draft(session, "acct-01", state=DraftState.PUBLISHED, published_at=month_start - dt.timedelta(minutes=1))
    _draft(session, "acct-02", state=DraftState.APPROVED)
    incidents.open_incident(
        session=session, year=2026, type=IncidentType.IMPERSONATION, opened_by="U0PR1", account_id="acct-03"
    )
    session.flush()

    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        rows = accounts.overview(session=session, month_start=month_start)
    finally:
        event.remove(engine, "before_cursor_execute", count)

    assert len(statements) == 1
    by_id = {row.id: row for row in rows}
    assert len(rows) == 30
    assert by_id["acct-01"].posts_this_month == 2
    assert by_id["acct-02"].posts_this_month == 0
    assert by_id["acct-03"].open_incident_id == "INC-2026-0001"
    assert by_id["acct-01"].open_incident_id is None
