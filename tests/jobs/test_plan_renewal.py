"""`plan-renewal` driven through the end of fiscal year 2025: weekly reminders from 2/1 (a Sunday),
PR from 3/15 (a Sunday), holidays skipped, the lapse on 4/1 recorded once, approvals refused, and
renewal stopping everything."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from bot.config import parse_accounts, parse_config
from bot.errors import AccountUnavailableError
from bot.jobs import run_job
from bot.jobs.delivery import Outcome
from bot.runtime import Runtime
from bot.workflows import accounts as accounts_flow
from bot.workflows import approval
from storage.db import Database
from storage.models import AuditEvent, DraftState, PlanRenewal
from storage.repositories import accounts as accounts_repo
from tests.bot.factories import DEPUTY, MANAGER, account_values, accounts_yaml
from tests.jobs.conftest import (
    CONFIG_YAML,
    JOBS_ACCOUNT,
    PR,
    Driver,
    add_draft,
    every_send_in_working_time,
    jst,
    make_account,
    sent_at,
    texts_in,
)
from tests.slack.fake_slack import FakeSlack

JOB = "plan-renewal"
DRIVE_HOURS = {8, 9, 13, 18}  # 8:05 and 18:05 are outside working hours


def _renew(db: Database, account_id: str, until: dt.date) -> None:
    with db.Session.begin() as session:
        account = accounts_repo.get(session=session, account_id=account_id)
        accounts_repo.record_plan_renewal(session=session, account=account, valid_until=until, recorded_by=MANAGER)


def test_the_fiscal_year_end_reminds_weekly_tells_pr_and_lapses_once(
    driver: Driver, fake_slack: FakeSlack, db: Database, clock
):
    make_account(db)  # plan valid until 2026-03-31
    make_account(db, id="renewed", manager="U0OTHER", plan_valid_until=dt.date(2027, 3, 31))
    driver.through(JOB, jst(2026, 1, 26, 8), jst(2026, 4, 3, 18), hours=DRIVE_HOURS)

    mondays_or_next_working_day = [
        jst(2026, 2, 2, 9, 5),
        jst(2026, 2, 9, 9, 5),
        jst(2026, 2, 16, 9, 5),
        jst(2026, 2, 24, 9, 5),  # 2/23 is 天皇誕生日
        jst(2026, 3, 2, 9, 5),
        jst(2026, 3, 9, 9, 5),
        jst(2026, 3, 16, 9, 5),
        jst(2026, 3, 23, 9, 5),
        jst(2026, 3, 30, 9, 5),
    ]
    assert sent_at(fake_slack, MANAGER, "運用計画は 2026年3月31日 までです") == mondays_or_next_working_day
    assert sent_at(fake_slack, PR, "運用計画の更新のお知らせ") == [
        jst(2026, 3, 16, 9, 5),
        jst(2026, 3, 23, 9, 5),
        jst(2026, 3, 30, 9, 5),
    ]
    assert sent_at(fake_slack, MANAGER, "期限が切れました") == [jst(2026, 4, 1, 9, 5)]
    assert sent_at(fake_slack, PR, "運用計画の期限切れ") == [jst(2026, 4, 1, 9, 5)]
    assert texts_in(fake_slack, "U0OTHER") == []  # renewed for FY2026: nothing to say
    assert every_send_in_working_time(fake_slack)
    with db.Session.begin() as session:
        lapses = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "plan_lapsed")).all()
        assert [(a.entity_id, a.data) for a in lapses] == [("aoba-x", {"plan_valid_until": "2026-03-31"})]

    # The reminder carries the renewal button for the manager.
    [dm] = [m for m in fake_slack.messages("D0MGR") if "期限が切れました" in m["text"]]
    buttons = [e for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["value"]) for b in buttons] == [("account_renew_plan", "aoba-x")]


def test_a_lapsed_plan_stops_approval_and_says_who_can_renew(runtime: Runtime, db: Database, clock):
    make_account(db)
    draft_id = add_draft(db, state=DraftState.AWAITING_APPROVAL, approval_requested_at=jst(2026, 3, 31, 10))
    clock.move_to(jst(2026, 4, 1, 9))
    with db.Session.begin() as session, pytest.raises(AccountUnavailableError) as refused:
        approval.approve(session=session, draft_id=draft_id, approver=DEPUTY, content_hash="0" * 64)
    assert refused.value.code == "plan_lapsed"
    assert "2026年3月31日" in refused.value.message_ja and "<@U0MGR>" in refused.value.message_ja


def test_renewal_in_the_season_stops_the_reminders(runtime: Runtime, fake_slack: FakeSlack, db: Database, clock):
    make_account(db)
    clock.move_to(jst(2026, 2, 2, 10))
    run_job(JOB, runtime)
    assert len(texts_in(fake_slack, MANAGER)) == 1
    _renew(db, "aoba-x", dt.date(2027, 3, 31))
    for day in (dt.date(2026, 2, 9), dt.date(2026, 3, 16), dt.date(2026, 4, 1)):
        clock.move_to(jst(day.year, day.month, day.day, 10))
        assert run_job(JOB, runtime).counts[Outcome.SENT] == 0
    assert len(texts_in(fake_slack, MANAGER)) == 1 and texts_in(fake_slack, PR) == []


def test_each_lapse_of_a_plan_is_its_own(runtime: Runtime, fake_slack: FakeSlack, db: Database, clock):
    make_account(db, plan_valid_until=dt.date(2026, 3, 31))
    clock.move_to(jst(2026, 4, 1, 10))
    run_job(JOB, runtime)
    _renew(db, "aoba-x", dt.date(2026, 6, 30))  # renewed for one quarter only
    clock.move_to(jst(2026, 7, 1, 10))
    run_job(JOB, runtime)
    run_job(JOB, runtime)
    assert sent_at(fake_slack, MANAGER, "期限が切れました") == [jst(2026, 4, 1, 10), jst(2026, 7, 1, 10)]


def test_a_configured_season_may_cross_new_year(fake_slack: FakeSlack, db: Database, runtime: Runtime, clock):
    config = parse_config(
        CONFIG_YAML + 'schedule: {plan_renewal_from: "12-01", plan_renewal_pr_from: "01-15", plan_lapse_on: "04-01"}\n'
    )
    custom = Runtime(config=config, db=db, engine=runtime.engine, client=runtime.client)
    make_account(db)
    clock.move_to(jst(2025, 12, 1, 10))  # Monday: the season of the plans ending 2026-03-31 opens
    assert run_job(JOB, custom).counts[Outcome.SENT] == 1
    clock.move_to(jst(2026, 1, 15, 10))  # Thursday: PR too
    assert run_job(JOB, custom).counts[Outcome.SENT] == 2


def test_accounts_import_with_a_new_end_date_is_a_renewal(runtime: Runtime, fake_slack: FakeSlack, db: Database, clock):
    make_account(db)
    clock.move_to(jst(2026, 3, 16, 10))
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 2  # the manager and PR
    with db.Session.begin() as session:
        [entry] = parse_accounts(ACCOUNTS_YAML.replace("2026-03-31", "2027-03-31"), path="accounts.yml")
        result = accounts_flow.import_accounts(session=session, accounts=[entry], actor="cli")
        assert result.updated == ["aoba-x"]
    clock.move_to(jst(2026, 3, 23, 10))
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 0
    clock.move_to(jst(2026, 4, 1, 10))
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 0
    with db.Session.begin() as session:
        [renewal] = session.scalars(sa.select(PlanRenewal)).all()
        assert (renewal.valid_until, renewal.recorded_by) == (dt.date(2027, 3, 31), "cli")


ACCOUNTS_YAML = accounts_yaml(account_values(**JOBS_ACCOUNT))
