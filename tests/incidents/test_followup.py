"""The ``incident-followup`` job against the fake Slack: daily reminders of open steps on working days,
a review reminder a week after closing, each sent once per period (dry runs send and claim nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from bot.incidents import followup, service
from bot.incidents.service import IncidentReport, MessageKind
from bot.runtime import Runtime
from storage.db import Database
from storage.incident_models import IncidentMessage
from storage.models import IncidentType
from tests.bot.factories import MANAGER, NOW, make_account
from tests.incidents.conftest import INFOSEC, PR, REPORTER
from tests.slack.fake_slack import FakeSlack

THREAD = "1700000000.000100"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as slack:
        yield slack


@pytest.fixture
def runtime(db: Database, config, fake: FakeSlack) -> Runtime:
    # The job never screens: no engine needed.
    return Runtime(config=config, db=db, engine=None, client=fake.client())  # type: ignore[arg-type]


def _incident(db: Database, config, kind: IncidentType = IncidentType.HIJACK, at: dt.datetime = NOW) -> str:
    with db.Session.begin() as session:
        if service.find_account(session=session, value="joetsu-x") is None:
            make_account(session, id="joetsu-x", handle="@joetsu_city")
        result = service.open_or_join(
            session=session,
            report=IncidentReport(type=kind, account_id="joetsu-x", reporter=REPORTER),
            at=at,
            tz=config.tz,
            config=config,
        )
        service.save_messages(
            session=session,
            messages=[
                IncidentMessage(
                    channel="C0SEC",
                    ts=THREAD,
                    incident_id=result.record.id,
                    kind=MessageKind.INFOSEC,
                    permalink="https://t/thread",
                ),
                IncidentMessage(
                    channel="C0SEC",
                    ts="1700000000.000200",
                    incident_id=result.record.id,
                    kind=MessageKind.CHECKLIST,
                    thread_ts=THREAD,
                ),
            ],
        )
        return result.record.id


def _posts(fake: FakeSlack) -> list[dict]:
    return [c.args for c in fake.calls("chat.postMessage") if c.ok]


def test_open_steps_are_reminded_in_the_thread_once_per_working_day(runtime, db, config, fake):
    incident_id = _incident(db, config)
    with db.Session.begin() as session:
        service.record_step(
            session=session, incident_id=incident_id, step_id="secure-login", user=MANAGER, at=NOW, tz=config.tz
        )
    tuesday = NOW + dt.timedelta(days=1, hours=-1)  # 2026-05-12 09:00

    first = followup.run(runtime, at=tuesday)
    again = followup.run(runtime, at=tuesday + dt.timedelta(hours=5))

    assert first.reminded == [incident_id] and again.reminded == []
    [post] = _posts(fake)
    assert (post["channel"], post["thread_ts"]) == ("C0SEC", THREAD)
    assert post["text"].splitlines() == [
        f"⏰ {incident_id}（乗っ取り・joetsu-x）は開始から 23時間 が経ちました。"
        "未完了の手順が 3 件あります。済んだ手順は「完了」を押して記録してください。",
        f"• 連携アプリとログイン中の端末を解除する — 担当: <@{INFOSEC}> さん",
        f"• 乗っ取られていた間の投稿・メッセージを確認し、不正な投稿を削除する — 担当: <@{MANAGER}> さん",
        f"• フォロワーに乗っ取りの発生と対応をお知らせする — 担当: <@{PR}> さん",
    ]
    assert str(first) == "incident-followup: 手順の催促を 1 件、振り返りの案内を 0 件送りました。"

    wednesday = followup.run(runtime, at=tuesday + dt.timedelta(days=1))
    assert wednesday.reminded == [incident_id] and len(_posts(fake)) == 2


@pytest.mark.parametrize(
    ("at", "reason"),
    [
        (dt.datetime(2026, 5, 16, 10, 0), "土曜日"),
        (dt.datetime(2026, 5, 4, 10, 0), "祝日（みどりの日）"),
        (dt.datetime(2026, 12, 29, 10, 0), "年末年始の閉庁日（12月29日〜1月3日）"),
        (dt.datetime(2026, 5, 12, 7, 59), "勤務時間外"),
        (dt.datetime(2026, 5, 12, 18, 0), "勤務時間外"),
    ],
)
def test_nothing_is_sent_outside_working_hours(runtime, db, config, fake, at, reason):
    _incident(db, config)

    summary = followup.run(runtime, at=at.replace(tzinfo=config.tz))

    assert summary.skipped == reason
    assert str(summary) == f"{reason}のため、催促は送りませんでした。"
    assert _posts(fake) == []


def test_a_dry_run_says_what_would_be_sent_and_sends_and_claims_nothing(runtime, db, config, fake):
    incident_id = _incident(db, config)
    at = NOW + dt.timedelta(days=1)

    dry = followup.run(runtime, at=at, dry_run=True)

    assert dry.reminded == [incident_id] and dry.dry_run
    assert (
        str(dry)
        == "incident-followup（試行）: 手順の催促 1 件、振り返りの案内 0 件を送る予定です（送信はしていません）。"
    )
    assert _posts(fake) == []
    assert followup.run(runtime, at=at).reminded == [incident_id]
    assert followup.run(runtime, at=at, dry_run=True).reminded == []  # already sent today


def test_an_incident_with_every_step_done_is_not_reminded(runtime, db, config, fake):
    incident_id = _incident(db, config)
    with db.Session.begin() as session:
        for step in ("secure-login", "revoke-apps", "review-posts", "notify-followers"):
            service.record_step(
                session=session, incident_id=incident_id, step_id=step, user=INFOSEC, at=NOW, tz=config.tz
            )

    assert followup.run(runtime, at=NOW + dt.timedelta(days=1)).reminded == []
    assert _posts(fake) == []


def test_pr_is_reminded_once_a_week_after_closing_to_hold_a_review(runtime, db, config, fake):
    incident_id = _incident(db, config, IncidentType.FLAMING)
    closed_at = NOW + dt.timedelta(hours=2)
    with db.Session.begin() as session:
        service.close(
            session=session,
            incident_id=incident_id,
            actor=PR,
            summary="収束しました。",
            at=closed_at,
            tz=config.tz,
            config=config,
        )

    friday = followup.run(runtime, at=NOW + dt.timedelta(days=4))
    next_monday = followup.run(runtime, at=NOW + dt.timedelta(days=7, hours=-1))  # 09:00, before the closing hour
    next_tuesday = followup.run(runtime, at=NOW + dt.timedelta(days=8))

    assert (friday.reviews, next_monday.reviews, next_tuesday.reviews) == ([], [incident_id], [])
    [post] = _posts(fake)
    assert post["channel"] == "C0PR" and "thread_ts" not in post
    assert post["text"] == (
        f"📝 {incident_id}（炎上・joetsu-x）の終了から 1 週間が経ちました。<@{PR}> さん "
        "関係者で短い振り返りの場を設け、再発を防ぐための対策をご確認ください。\n"
        "報告書はインシデントのスレッドにあります: https://t/thread"
    )


def test_incidents_closed_long_ago_are_left_alone(runtime, db, config, fake):
    incident_id = _incident(db, config, IncidentType.FLAMING)
    with db.Session.begin() as session:
        service.close(
            session=session, incident_id=incident_id, actor=PR, summary="済", at=NOW, tz=config.tz, config=config
        )

    assert followup.run(runtime, at=NOW + dt.timedelta(days=45)).reviews == []


def test_a_reminder_slack_refused_is_not_claimed_and_goes_out_on_the_next_run(runtime, db, config, fake):
    incident_id = _incident(db, config)
    at = NOW + dt.timedelta(days=1)
    fake.fail_next("chat.postMessage", status=200, error="channel_not_found")

    failed = followup.run(runtime, at=at)
    retried = followup.run(runtime, at=at + dt.timedelta(minutes=30))

    assert failed.failed == [incident_id] and failed.reminded == []
    assert str(failed).endswith("送信に失敗したものが 1 件あります（次の実行で再送します）。")
    assert retried.reminded == [incident_id]
    assert len(_posts(fake)) == 1


def test_a_naive_time_is_refused(runtime):
    with pytest.raises(ValueError):
        followup.run(runtime, at=dt.datetime(2026, 5, 12, 10, 0))
