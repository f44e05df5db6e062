"""`password-rotation` driven through April-May 2026 (Golden Week included): the manager is reminded
weekly from two weeks before the due date, infosec hears once when a password is overdue, accounts
without two-step verification are reported weekly, and recording the change stops the reminders."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from bot import accounts_slack
from bot.jobs import run_job
from bot.runtime import Runtime
from storage.db import Database
from storage.models import Account, AuditEvent, PasswordRotation
from tests.bot.factories import MANAGER
from tests.jobs.conftest import INFOSEC, Driver, every_send_in_working_time, jst, make_account, sent_at
from tests.slack.fake_slack import FakeSlack

JOB = "password-rotation"


def test_reminders_overdue_notice_and_weekly_two_step_report(
    driver: Driver, fake_slack: FakeSlack, db: Database, clock
):
    clock.move_to(jst(2026, 4, 10, 9))
    make_account(db, password_rotated_on=dt.date(2026, 2, 1))  # due 2026-05-02 (90 days)
    make_account(
        db,
        id="aoba-fb",
        platform="facebook",
        manager="U0FBMGR",
        password_rotated_on=dt.date(2026, 4, 10),
        two_factor=False,
    )
    make_account(db, id="aoba-ig", platform="instagram", manager="U0IGMGR", password_rotated_on=None)
    driver.through(JOB, jst(2026, 4, 13, 8), jst(2026, 5, 12, 18), hours={8, 9, 14, 18})

    # Notice from 4/18 (a Saturday), weekly; due 5/2 (a Saturday) falls in Golden Week (5/3-5/6 closed).
    assert sent_at(fake_slack, MANAGER, "までに変更をお願いします") == [
        jst(2026, 4, 20, 9, 10),
        jst(2026, 4, 27, 9, 10),
    ]
    assert sent_at(fake_slack, MANAGER, "期限（2026年5月2日）を過ぎています") == [
        jst(2026, 5, 7, 9, 10),
        jst(2026, 5, 11, 9, 10),
    ]
    overdue_digests = [t for t in _texts(fake_slack, INFOSEC) if "変更期限切れ" in t]
    assert len(overdue_digests) == 2  # the never-changed account at once, aoba-x when it became overdue
    assert "aoba-ig" in overdue_digests[0] and "変更の記録なし" in overdue_digests[0]
    assert "aoba-x" in overdue_digests[1] and "aoba-ig" not in overdue_digests[1]
    assert sent_at(fake_slack, INFOSEC, "パスワードの変更期限切れ") == [jst(2026, 4, 13, 9, 10), jst(2026, 5, 7, 9, 10)]
    # The never-changed account's manager is asked weekly.
    assert len(sent_at(fake_slack, "U0IGMGR", "変更した記録がありません")) == 5
    # Two-step verification: once per ISO week, on its first working run.
    assert sent_at(fake_slack, INFOSEC, "二段階認証が設定されていないアカウント（1 件）") == [
        jst(2026, 4, 13, 9, 10),
        jst(2026, 4, 20, 9, 10),
        jst(2026, 4, 27, 9, 10),
        jst(2026, 5, 7, 9, 10),
        jst(2026, 5, 11, 9, 10),
    ]
    assert sent_at(fake_slack, "U0FBMGR", "パスワード") == []  # changed on 4/10: not due before July
    assert every_send_in_working_time(fake_slack)


def _texts(fake: FakeSlack, channel: str) -> list[str]:
    return [m["text"] for m in fake.messages(channel)]


def test_recording_the_change_stops_the_reminders_and_keeps_no_password(
    runtime: Runtime, fake_slack: FakeSlack, db: Database, clock
):
    make_account(db, password_rotated_on=dt.date(2026, 2, 1))
    clock.move_to(jst(2026, 5, 7, 10))
    run_job(JOB, runtime)
    assert len(sent_at(fake_slack, MANAGER, "過ぎています")) == 1

    replies: list[str] = []
    accounts_slack.record_password_rotated(
        runtime, user_id=MANAGER, account_id="aoba-x", respond=lambda **kw: replies.append(kw["text"])
    )
    assert "2026年5月7日 に変更したことを記録しました" in replies[0] and "2026年8月5日" in replies[0]

    clock.move_to(jst(2026, 5, 11, 10))
    run_job(JOB, runtime)
    assert len(sent_at(fake_slack, MANAGER, "過ぎています")) == 1
    with db.Session.begin() as session:
        assert session.get(Account, "aoba-x").password_rotated_on == dt.date(2026, 5, 7)
        [rotation] = session.scalars(sa.select(PasswordRotation)).all()
        assert (rotation.rotated_on, rotation.recorded_by) == (dt.date(2026, 5, 7), MANAGER)
        [event] = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "password_rotated")).all()
        assert (event.actor, event.data) == (MANAGER, {"rotated_on": "2026-05-07"})
