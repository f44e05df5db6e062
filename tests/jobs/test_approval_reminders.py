"""`approval-reminders` driven every 15 minutes: waiting is counted in working hours (nights, weekends
and holidays excluded), approvers are reminded after 8 and PR after 24, once per approval request;
drafts past their planned time expire and their author is told in working time."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from bot.jobs import approval_reminders, run_job
from bot.jobs.delivery import Outcome
from bot.runtime import Runtime
from storage.db import Database
from storage.models import AuditEvent, Draft, DraftState
from tests.bot.factories import DEPUTY, MANAGER, OPERATOR
from tests.jobs.conftest import PR, Driver, add_draft, every_send_in_working_time, jst, make_account, sent_at
from tests.slack.fake_slack import FakeSlack

JOB = "approval-reminders"
DAYTIME = set(range(7, 19))


def test_reminders_after_8_and_24_working_hours_once_each(driver: Driver, fake_slack: FakeSlack, db: Database):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31))
    # Friday 15:00: 2h15 on Friday, 8h45 a day after; Wednesday 3/11 reaches 24 working hours at 12:45.
    add_draft(
        db, state=DraftState.AWAITING_APPROVAL, approval_requested_at=jst(2026, 3, 6, 15), reply_channel="C0DRAFTS"
    )
    driver.through(JOB, jst(2026, 3, 6, 15), jst(2026, 3, 12, 17), hours=DAYTIME)

    for approver in (MANAGER, DEPUTY):
        assert sent_at(fake_slack, approver, "8 時間以上") == [jst(2026, 3, 9, 14, 15)], approver
    [pr_call] = sent_at(fake_slack, PR, "24 時間以上")
    assert pr_call == jst(2026, 3, 11, 12, 45)
    [pr_text] = [m["text"] for m in fake_slack.messages(PR)]
    assert "下書き #1" in pr_text and "<@U0MGR> さん、代理の <@U0DEP> さん" in pr_text and "<#C0DRAFTS>" in pr_text
    assert every_send_in_working_time(fake_slack)


def test_a_holiday_does_not_count_as_waiting(runtime: Runtime, fake_slack: FakeSlack, db: Database, clock):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31))
    add_draft(db, state=DraftState.AWAITING_APPROVAL, approval_requested_at=jst(2026, 3, 19, 13))  # Thursday
    clock.move_to(jst(2026, 3, 23, 8, 30))  # 4h15 on Thursday; Friday is 春分の日
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 0
    clock.move_to(jst(2026, 3, 23, 12, 15))  # 4h15 + 3h45 = 8h
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 2


def test_held_drafts_and_lapsed_accounts_are_not_chased(runtime: Runtime, fake_slack: FakeSlack, db: Database, clock):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31))
    make_account(db, id="lapsed", manager="U0LAPMGR", deputies=[], plan_valid_until=dt.date(2026, 2, 28))
    add_draft(db, state=DraftState.ON_HOLD, approval_requested_at=jst(2026, 3, 2, 9))
    add_draft(db, account_id="lapsed", state=DraftState.AWAITING_APPROVAL, approval_requested_at=jst(2026, 3, 2, 9))
    clock.move_to(jst(2026, 3, 10, 10))
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 0


def test_a_new_approval_request_is_chased_afresh(runtime: Runtime, fake_slack: FakeSlack, db: Database, clock):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31), deputies=[])
    draft_id = add_draft(db, state=DraftState.AWAITING_APPROVAL, approval_requested_at=jst(2026, 3, 2, 9))
    clock.move_to(jst(2026, 3, 3, 10))
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 1
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 0
    with db.Session.begin() as session:  # sent back for changes, edited, and asked again
        session.execute(sa.update(Draft).where(Draft.id == draft_id).values(approval_requested_at=jst(2026, 3, 4, 9)))
    clock.move_to(jst(2026, 3, 5, 10))
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 1
    assert len(sent_at(fake_slack, MANAGER, "8 時間以上")) == 2


def test_drafts_past_their_planned_time_expire_and_the_author_hears_in_working_time(
    driver: Driver, fake_slack: FakeSlack, db: Database
):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31))
    saturday = add_draft(
        db,
        state=DraftState.AWAITING_APPROVAL,
        approval_requested_at=jst(2026, 3, 13, 16),
        planned_at=jst(2026, 3, 14, 10),  # a Saturday event post nobody approved
    )
    approved = add_draft(db, state=DraftState.APPROVED, planned_at=jst(2026, 3, 14, 9))
    blocked = add_draft(db, state=DraftState.SCREENED, planned_at=jst(2026, 3, 14, 9))
    later = add_draft(db, state=DraftState.AWAITING_APPROVAL, planned_at=jst(2026, 3, 20, 9))
    driver.through(JOB, jst(2026, 3, 14, 9), jst(2026, 3, 16, 12))

    with db.Session.begin() as session:
        states = {d.id: d.state for d in session.scalars(sa.select(Draft))}
        [event] = session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "expire", AuditEvent.entity_id == str(saturday))
        ).all()
    assert states == {
        saturday: DraftState.EXPIRED,
        approved: DraftState.APPROVED,  # approved: its publishing is the operators' business
        blocked: DraftState.EXPIRED,
        later: DraftState.AWAITING_APPROVAL,
    }
    assert event.actor == "system" and "2026年3月14日 10:00" in event.reason
    # Expired on Saturday 10:15; the author is told on Monday when the office opens, once per draft.
    assert sent_at(fake_slack, OPERATOR, "期限切れになりました") == [jst(2026, 3, 16, 8, 30)] * 2
    assert every_send_in_working_time(fake_slack)


def test_replies_that_never_reached_slack_are_resent(
    runtime: Runtime, db: Database, clock, monkeypatch: pytest.MonkeyPatch
):
    calls = []
    monkeypatch.setattr(approval_reminders, "resend_missing_replies", lambda rt: calls.append(rt) or 2)
    clock.move_to(jst(2026, 3, 9, 10))
    result = run_job(JOB, runtime)
    assert calls == [runtime] and "2 件を送り直しました" in result.summary_ja()
    clock.move_to(jst(2026, 3, 9, 20))  # outside working hours: not now
    run_job(JOB, runtime)
    assert len(calls) == 1
