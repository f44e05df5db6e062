"""`posting-frequency` driven through time: the 20th (a holiday in March 2026), weekly repeats, the
month end, the monthly report, withdrawal review, year end, downtime and a restart."""

from __future__ import annotations

import csv
import datetime as dt
import io

import sqlalchemy as sa

from bot.jobs import run_job
from bot.jobs.delivery import Outcome
from bot.runtime import Runtime
from storage.db import Database
from storage.models import AuditEvent, DraftState, IncidentType, ReminderLog
from storage.repositories import incidents as incidents_repo
from tests.bot.factories import MANAGER, OPERATOR, OPERATOR2
from tests.jobs.conftest import PR, Driver, add_draft, every_send_in_working_time, jst, make_account, sent_at, texts_in
from tests.slack.fake_slack import FakeSlack

JOB = "posting-frequency"


def test_a_month_driven_hour_by_hour_reminds_from_the_20th_then_weekly_then_closes_the_month(
    driver: Driver, fake_slack: FakeSlack, db: Database
):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31))  # minimum 2 a month, created 2026-03-02
    add_draft(db, published_at=jst(2026, 3, 5, 10))
    add_draft(db, state=DraftState.APPROVED, published_at=None)  # approved, not posted: does not count

    driver.through(JOB, jst(2026, 3, 19, 9), jst(2026, 4, 2, 18))

    # 3/20 is 春分の日 and 3/21-22 a weekend: the first reminder goes out on Monday 3/23 at the first
    # run in working hours; the second when the next 7-day block starts (Friday 3/27).
    for user in (OPERATOR, OPERATOR2, MANAGER):
        assert sent_at(fake_slack, user, "今日までに") == [jst(2026, 3, 23, 9), jst(2026, 3, 27, 9)], user
    assert "1 件です" in texts_in(fake_slack, OPERATOR)[0]
    # March closed short: recorded once, told to the manager once, reported to PR once, on 4/1 at 9:00.
    assert sent_at(fake_slack, MANAGER, "届きませんでした") == [jst(2026, 4, 1, 9)]
    assert sent_at(fake_slack, PR, "月次報告") == [jst(2026, 4, 1, 9)]
    assert len(fake_slack.calls("files.completeUploadExternal")) == 1
    # Created on 3/2, the account was unknown in February: no withdrawal review on one month's data.
    assert not any("撤退" in t for t in texts_in(fake_slack, PR))
    with db.Session.begin() as session:
        audits = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "posting_short_month")).all()
        assert [(a.entity_id, a.data) for a in audits] == [("aoba-x", {"month": "2026-03", "posts": 1, "minimum": 2})]
    assert every_send_in_working_time(fake_slack)


def test_the_monthly_report_has_a_summary_a_chart_and_the_full_table(
    runtime: Runtime, fake_slack: FakeSlack, db: Database, clock
):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31), platform="instagram")
    make_account(db, id="aoba-line", platform="line", min_posts_per_month=0, two_factor=False)
    # Two posts of aoba-x: approved after 4 working hours, and after 2 (Friday 16:15 -> Monday 9:30).
    add_draft(
        db,
        published_at=jst(2026, 3, 3, 10),
        approval_requested_at=jst(2026, 3, 2, 10),
        decided_at=jst(2026, 3, 2, 14),
    )
    add_draft(
        db,
        published_at=jst(2026, 3, 9, 10),
        approval_requested_at=jst(2026, 3, 6, 16, 15),
        decided_at=jst(2026, 3, 9, 9, 30),
    )
    add_draft(db, published_at=jst(2026, 2, 27, 10))  # February: not in the March report
    clock.move_to(jst(2026, 4, 1, 10))
    result = run_job(JOB, runtime)
    assert result.counts[Outcome.FAILED] == 0

    [report] = [m for m in fake_slack.messages(PR) if "月次報告" in m["text"]]
    body = "\n".join(b["text"]["text"] for b in report["blocks"] if b.get("type") == "section")
    assert "達成 *1* 件、未達 *0* 件" in body
    assert "中央値は、全体で 3.0時間" in body
    assert "Instagram: 2～3 日に 1 回" in body and "LINE: 1 日 1 回" in body  # joetsu 4(4)② as guidance

    upload = fake_slack.calls("files.completeUploadExternal")[0]
    files = {fake_slack.file(f["id"])[0]["name"]: fake_slack.file(f["id"])[1] for f in upload.response["files"]}
    assert files["posts-2026-03.png"].startswith(b"\x89PNG\r\n\x1a\n")
    table = list(csv.reader(io.StringIO(files["posts-2026-03.csv"].decode("utf-8-sig"))))
    assert table[0][:4] == ["アカウント", "媒体", "担当課", "運用管理責任者"]
    rows = {r[0]: r for r in table[1:]}
    assert rows["aoba-x"][4:8] == ["2", "2", "達成", "3.0"]
    assert rows["aoba-line"][6] == "対象外" and "二段階認証なし" in rows["aoba-line"][8]

    # The same month is never reported twice.
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 0
    assert len(fake_slack.calls("files.completeUploadExternal")) == 1


def test_two_short_months_in_a_row_ask_pr_for_a_withdrawal_review(
    runtime: Runtime, fake_slack: FakeSlack, db: Database, clock
):
    clock.move_to(jst(2026, 1, 15, 10))
    make_account(db, plan_valid_until=dt.date(2027, 3, 31), min_posts_per_month=1)
    add_draft(db, published_at=jst(2026, 1, 20, 10))

    clock.move_to(jst(2026, 3, 2, 10))  # February closed with no post; January was only partly known
    run_job(JOB, runtime)
    assert not any("撤退" in t for t in texts_in(fake_slack, PR))

    clock.move_to(jst(2026, 4, 1, 10))  # February and March both short
    run_job(JOB, runtime)
    [review] = [t for t in texts_in(fake_slack, PR) if "撤退" in t]
    assert "2026年2月から2026年3月までの 2 か月続けて" in review and "<@U0MGR>" in review
    assert "6(1)③" in review
    run_job(JOB, runtime)
    assert len([t for t in texts_in(fake_slack, PR) if "撤退" in t]) == 1


def test_lapsed_frozen_and_satisfied_accounts_get_no_reminder(
    runtime: Runtime, fake_slack: FakeSlack, db: Database, clock
):
    make_account(db, id="met", operators=["U0MET"], manager="U0METMGR", plan_valid_until=dt.date(2027, 3, 31))
    make_account(db, id="lapsed", operators=["U0LAP"], manager="U0LAPMGR", plan_valid_until=dt.date(2026, 3, 10))
    make_account(db, id="frozen", operators=["U0FRZ"], manager="U0FRZMGR", plan_valid_until=dt.date(2027, 3, 31))
    make_account(db, id="no-minimum", operators=["U0NOM"], min_posts_per_month=0)
    make_account(db, id="behind", operators=["U0BEH"], manager="U0BEHMGR", plan_valid_until=dt.date(2027, 3, 31))
    for _ in range(2):
        add_draft(db, account_id="met", published_at=jst(2026, 3, 3, 10))
    with db.Session.begin() as session:
        incidents_repo.open_incident(
            session=session, year=2026, type=IncidentType.FLAMING, opened_by=MANAGER, account_id="frozen"
        )
    clock.move_to(jst(2026, 3, 23, 10))
    run_job(JOB, runtime)
    reminded = {c.args["channel"] for c in fake_slack.calls("chat.postMessage") if c.ok}
    assert reminded == {"U0BEH", "U0BEHMGR"}


def test_december_closes_after_the_year_end_closure(driver: Driver, fake_slack: FakeSlack, db: Database, clock):
    clock.move_to(jst(2026, 12, 1, 9))  # registered in December: November says nothing about it
    make_account(db, plan_valid_until=dt.date(2027, 3, 31))
    driver.through(JOB, jst(2026, 12, 28, 9), jst(2027, 1, 5, 12))
    # 12/29-1/3 are closed: December's close goes out on Monday 1/4 at 9:00, not on New Year's Day.
    assert sent_at(fake_slack, MANAGER, "届きませんでした") == [jst(2027, 1, 4, 9)]
    assert every_send_in_working_time(fake_slack)


def test_downtime_and_a_restart_neither_repeat_nor_skip_what_is_due(
    runtime: Runtime, fake_slack: FakeSlack, db: Database, clock
):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31))
    first = Driver(runtime=runtime, clock=clock)
    first.through(JOB, jst(2026, 3, 23, 8), jst(2026, 3, 23, 12))  # the first weekly reminder went out
    assert len(texts_in(fake_slack, MANAGER)) == 1

    # The process stops, the bot is down until Monday 4/6 11:20, and a new process starts.
    restarted_db = Database.from_url(db.engine.url.render_as_string(hide_password=False))
    restarted = Runtime(config=runtime.config, db=restarted_db, engine=runtime.engine, client=fake_slack.client())
    try:
        second = Driver(runtime=restarted, clock=clock)
        second.at(JOB, jst(2026, 4, 6, 11, 20))  # the scheduler's catch-up run right after start-up
        second.through(JOB, jst(2026, 4, 6, 11, 30), jst(2026, 4, 7, 18))
    finally:
        restarted_db.dispose()
    # The March reminders of the missed week are moot (March is over), but March's close is due and
    # goes out at once, one time only; the reminder sent before the restart is not sent again.
    assert sent_at(fake_slack, MANAGER, "届きませんでした") == [jst(2026, 4, 6, 11, 20)]
    assert sent_at(fake_slack, MANAGER, "今日までに") == [jst(2026, 3, 23, 9)]
    assert sent_at(fake_slack, PR, "月次報告") == [jst(2026, 4, 6, 11, 20)]


def test_a_month_is_closed_only_when_everything_about_it_went_out(
    runtime: Runtime, fake_slack: FakeSlack, db: Database, clock
):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31))
    clock.move_to(jst(2026, 4, 1, 10))
    # The first message of the close (the notice to the manager) fails; the others go out.
    fake_slack.fail_next("chat.postMessage", n=1, status=200, error="channel_not_found")
    first = run_job(JOB, runtime)
    assert first.counts[Outcome.FAILED] == 1 and first.exit_status == 1
    assert not _closed(db, "2026-03")

    clock.move_to(jst(2026, 4, 1, 11))
    second = run_job(JOB, runtime)
    assert (second.counts[Outcome.SENT], second.counts[Outcome.FAILED]) == (1, 0)
    assert _closed(db, "2026-03")
    assert len(sent_at(fake_slack, MANAGER, "届きませんでした")) == 1
    assert len(sent_at(fake_slack, PR, "月次報告")) == 1

    # Closed: later runs neither record nor send anything more about March.
    clock.move_to(jst(2026, 4, 2, 10))
    assert run_job(JOB, runtime).counts[Outcome.SENT] == 0


def _closed(db: Database, month: str) -> bool:
    with db.Session.begin() as session:
        return bool(
            session.scalars(
                sa.select(ReminderLog).where(ReminderLog.entity == "month-closed", ReminderLog.period == month)
            ).all()
        )
