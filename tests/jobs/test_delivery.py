"""The send-once protocol: lease, send, record. Nothing is sent twice, nothing unsent is recorded as
sent, a failure for one recipient loses nothing for the others, and two bot instances running the
same job at the same moment send every reminder exactly once (threads with separate connections;
on PostgreSQL they really overlap)."""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import sqlalchemy as sa

from bot.jobs import delivery, run_job
from bot.jobs.delivery import LEASE, Deliverer, Key, Outcome, Outgoing
from bot.runtime import Runtime
from storage.db import Database
from storage.models import AuditEvent, ReminderLog
from storage.repositories.reminders import LEASE_SUFFIX
from tests.bot.factories import MANAGER, OPERATOR, OPERATOR2
from tests.jobs.conftest import PR, add_draft, jst, make_account, texts_in
from tests.slack.fake_slack import FakeSlack

JOB = "test-job"


def _message(user: str, period: str = "2026-03-W1") -> Outgoing:
    return Outgoing(channel=user, text=f"{user} さんへのお知らせです。", keys=(Key(f"account:aoba-x:{user}", period),))


def _rows(db: Database) -> list[tuple[str, str, str]]:
    with db.Session.begin() as session:
        stmt = sa.select(ReminderLog.job, ReminderLog.entity, ReminderLog.period).order_by(ReminderLog.id)
        return [tuple(r) for r in session.execute(stmt)]


def test_a_message_is_sent_once_and_recorded_after_success(runtime: Runtime, fake_slack: FakeSlack, db: Database):
    first = Deliverer(runtime, JOB)
    assert first.deliver(_message(MANAGER)) is Outcome.SENT
    assert texts_in(fake_slack, MANAGER) == [f"{MANAGER} さんへのお知らせです。"]
    assert _rows(db) == [(JOB, f"account:aoba-x:{MANAGER}", "2026-03-W1")]  # the lease is gone

    # The same run, a later run, and a restarted process (a new Database) all leave it alone.
    assert first.deliver(_message(MANAGER)) is Outcome.ALREADY_SENT
    restarted = Runtime(
        config=runtime.config, db=Database.from_url(db.engine.url), engine=runtime.engine, client=runtime.client
    )
    try:
        assert Deliverer(restarted, JOB).deliver(_message(MANAGER)) is Outcome.ALREADY_SENT
        with restarted.db.Session.begin() as session:
            assert delivery.unsent(session=session, job=JOB, messages=[_message(MANAGER), _message(OPERATOR)]) == [
                _message(OPERATOR)
            ]
    finally:
        restarted.db.dispose()
    assert len(fake_slack.calls("chat.postMessage")) == 1
    # Another period is another reminder.
    assert first.deliver(_message(MANAGER, "2026-03-W2")) is Outcome.SENT


def test_a_failed_send_is_not_recorded_and_the_next_run_retries_it(
    runtime: Runtime, fake_slack: FakeSlack, db: Database
):
    fake_slack.fail_next("chat.postMessage", status=200, error="channel_not_found")
    assert Deliverer(runtime, JOB).deliver(_message(MANAGER)) is Outcome.FAILED
    assert _rows(db) == []  # neither sent nor leased
    assert Deliverer(runtime, JOB).deliver(_message(MANAGER)) is Outcome.SENT
    assert len(texts_in(fake_slack, MANAGER)) == 1


def test_a_dropped_connection_counts_as_a_failure(runtime: Runtime, fake_slack: FakeSlack, db: Database):
    fake_slack.drop_next("chat.postMessage", n=2)  # slack_sdk retries a dropped connection once by itself
    assert Deliverer(runtime, JOB).deliver(_message(MANAGER)) is Outcome.FAILED
    assert _rows(db) == []


def test_one_recipient_failing_loses_nothing_for_the_others(runtime: Runtime, fake_slack: FakeSlack, db: Database):
    run = Deliverer(runtime, JOB)
    assert run.deliver(_message(OPERATOR)) is Outcome.SENT
    fake_slack.fail_next("chat.postMessage", status=500)
    assert run.deliver(_message(OPERATOR2)) is Outcome.FAILED
    assert run.deliver(_message(MANAGER)) is Outcome.SENT
    assert (run.tally[Outcome.SENT], run.tally[Outcome.FAILED]) == (2, 1)

    retry = Deliverer(runtime, JOB)
    retry.deliver_all([_message(OPERATOR), _message(OPERATOR2), _message(MANAGER)])
    assert (retry.tally[Outcome.SENT], retry.tally[Outcome.ALREADY_SENT]) == (1, 2)
    assert [len(texts_in(fake_slack, u)) for u in (OPERATOR, OPERATOR2, MANAGER)] == [1, 1, 1]


def _lease(db: Database, entity: str, period: str, at: dt.datetime) -> None:
    with db.Session.begin() as session:
        session.add(ReminderLog(job=JOB, entity=entity, period=period + LEASE_SUFFIX, sent_at=at))


def test_a_lease_held_elsewhere_is_respected_until_it_is_stale(runtime: Runtime, fake_slack: FakeSlack, db: Database):
    message = _message(MANAGER)
    key = message.keys[0]
    _lease(db, key.entity, key.period, runtime.clock())
    assert Deliverer(runtime, JOB).deliver(message) is Outcome.IN_PROGRESS
    assert fake_slack.calls("chat.postMessage") == []

    # Its holder crashed: once the lease is older than LEASE, one run takes it over and sends.
    with db.Session.begin() as session:
        session.execute(sa.update(ReminderLog).values(sent_at=runtime.clock() - LEASE - dt.timedelta(seconds=1)))
    assert Deliverer(runtime, JOB).deliver(message) is Outcome.SENT
    assert _rows(db) == [(JOB, key.entity, key.period)]


def test_a_digest_covering_several_keys_is_all_or_nothing(runtime: Runtime, fake_slack: FakeSlack, db: Database):
    digest = Outgoing(
        channel=PR, text="まとめてお知らせします。", keys=(Key("lapse-pr:a", "p"), Key("lapse-pr:b", "p"))
    )
    _lease(db, "lapse-pr:b", "p", runtime.clock())
    assert Deliverer(runtime, JOB).deliver(digest) is Outcome.IN_PROGRESS
    assert [r[1] for r in _rows(db)] == ["lapse-pr:b"]  # a's lease was rolled back with the attempt
    with db.Session.begin() as session:
        session.execute(sa.delete(ReminderLog))
    assert Deliverer(runtime, JOB).deliver(digest) is Outcome.SENT
    assert sorted(_rows(db)) == [(JOB, "lapse-pr:a", "p"), (JOB, "lapse-pr:b", "p")]
    assert texts_in(fake_slack, PR) == ["まとめてお知らせします。"]


def test_a_dry_run_prints_and_neither_sends_nor_records(runtime: Runtime, fake_slack: FakeSlack, db: Database):
    out = io.StringIO()
    assert Deliverer(runtime, JOB, dry_run=True, out=out).deliver(_message(MANAGER)) is Outcome.PLANNED
    assert f"DM {MANAGER}" in out.getvalue() and "さんへのお知らせです。" in out.getvalue()
    assert fake_slack.calls() == [] and _rows(db) == []


def test_a_run_stops_at_its_budget_and_leaves_the_rest_for_the_next(runtime: Runtime, fake_slack: FakeSlack):
    run = Deliverer(runtime, JOB, budget=2)
    run.deliver_all([_message(OPERATOR), _message(OPERATOR2), _message(MANAGER)])
    assert (run.tally[Outcome.SENT], run.tally[Outcome.DEFERRED]) == (2, 1)
    assert Deliverer(runtime, JOB).deliver(_message(MANAGER)) is Outcome.SENT


def test_bad_keys_are_refused():
    with pytest.raises(ValueError):
        Outgoing(channel=MANAGER, text="x", keys=())
    with pytest.raises(ValueError):
        Outgoing(channel=MANAGER, text="x", keys=(Key("e", "p" * 27),))  # no room for the lease suffix


# --- Two bot instances at once -------------------------------------------------------------------------------

INSTANCES = 4


def _instances(runtime: Runtime, db: Database, fake_slack: FakeSlack) -> list[Runtime]:
    return [
        Runtime(
            config=runtime.config,
            db=Database.from_url(db.engine.url.render_as_string(hide_password=False)),
            engine=runtime.engine,
            client=fake_slack.client(),
        )
        for _ in range(INSTANCES)
    ]


def _deliver_once_every_instance_planned(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Every instance plans its messages, then waits for the others before delivering (a barrier).
    Returns the real ``Deliverer.deliver_all``."""
    planned = threading.Barrier(INSTANCES)
    real_deliver_all = Deliverer.deliver_all

    def deliver_all_after_everyone_planned(self, messages):
        messages = list(messages)
        planned.wait(timeout=30)
        return real_deliver_all(self, messages)

    monkeypatch.setattr(Deliverer, "deliver_all", deliver_all_after_everyone_planned)
    return real_deliver_all


def test_instances_running_the_same_job_at_once_send_everything_exactly_once(
    runtime: Runtime, fake_slack: FakeSlack, db: Database, clock, monkeypatch: pytest.MonkeyPatch
):
    """Every instance plans the same messages (a barrier after planning), then all deliver at once,
    with Slack slow enough that sends overlap: only the leases keep them apart."""
    for i in range(3):
        make_account(db, id=f"acct-{i}", plan_valid_until=dt.date(2027, 3, 31), min_posts_per_month=2)
    add_draft(db, account_id="acct-0", published_at=jst(2026, 3, 3, 10))
    clock.move_to(jst(2026, 4, 2, 10))  # Thursday: March closed short for every account

    _deliver_once_every_instance_planned(monkeypatch)
    fake_slack.delay_next("chat.postMessage", 0.2, n=20)
    instances = _instances(runtime, db, fake_slack)
    try:
        with ThreadPoolExecutor(INSTANCES) as pool:
            results = list(pool.map(lambda r: run_job("posting-frequency", r), instances))
    finally:
        for r in instances:
            r.db.dispose()

    sent = sum(r.counts[Outcome.SENT] for r in results)
    # 3 short-month notices to the manager, 1 withdrawal review... none (accounts are new), 1 report, 1 file set.
    assert sent == 5, [r.summary_ja() for r in results]
    assert all(r.counts[Outcome.FAILED] == 0 for r in results)
    manager_notices = [t for t in texts_in(fake_slack, MANAGER) if "届きませんでした" in t]
    assert len(manager_notices) == 3
    assert len([m for m in fake_slack.messages(PR) if "月次報告" in m["text"]]) == 1
    assert len(fake_slack.calls("files.completeUploadExternal")) == 1
    with db.Session.begin() as session:
        audits = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "posting_short_month")).all()
        assert sorted(a.entity_id for a in audits) == ["acct-0", "acct-1", "acct-2"]
        leases = session.scalars(sa.select(ReminderLog).where(ReminderLog.period.like(f"%{LEASE_SUFFIX}"))).all()
        assert leases == []


def test_when_the_first_instance_fails_another_run_sends_it_once(
    runtime: Runtime, fake_slack: FakeSlack, db: Database, clock, monkeypatch: pytest.MonkeyPatch
):
    make_account(db, plan_valid_until=dt.date(2027, 3, 31))
    clock.move_to(jst(2026, 3, 23, 10))  # Monday after the 20th (a holiday): the first weekly reminder
    fake_slack.fail_next("chat.postMessage", status=200, error="channel_not_found")  # the first send anywhere

    real_deliver_all = _deliver_once_every_instance_planned(monkeypatch)
    instances = _instances(runtime, db, fake_slack)
    try:
        with ThreadPoolExecutor(INSTANCES) as pool:
            list(pool.map(lambda r: run_job("posting-frequency", r), instances))
    finally:
        for r in instances:
            r.db.dispose()
    monkeypatch.setattr(Deliverer, "deliver_all", real_deliver_all)
    run_job("posting-frequency", runtime)  # the next firing
    for user in (OPERATOR, OPERATOR2, MANAGER):
        assert len([t for t in texts_in(fake_slack, user) if "今日までに" in t]) == 1, user
