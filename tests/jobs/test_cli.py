"""`python app.py jobs list` and `python app.py jobs run NAME [--at ISO8601] [--dry-run]`, through
app.py's own ``main`` (its error handling and exit statuses)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

import app
from bot.jobs import BY_NAME, JOB_NAMES
from storage.db import Database
from storage.models import ReminderLog
from tests.bot.factories import MANAGER
from tests.jobs.conftest import CONFIG_YAML, PR, jst, make_account, texts_in
from tests.slack.fake_slack import FakeSlack


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, db: Database, fake_slack: FakeSlack, tmp_path: Path) -> Path:
    config = tmp_path / "sns-gate.yml"
    config.write_text(CONFIG_YAML, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("SNS_GATE_CONFIG", str(config))
    monkeypatch.setenv("SLACK_API_URL", fake_slack.base_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", fake_slack.bot_token)
    monkeypatch.chdir(tmp_path)
    return config


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = app.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _reminder_rows(db: Database) -> int:
    with db.Session.begin() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(ReminderLog))


def test_jobs_list_shows_every_job_its_schedule_and_its_runs(cli_env, capsys, db: Database, clock):
    code, out, err = run(capsys, "jobs", "list")
    assert code == 0, err
    for name in JOB_NAMES:
        assert name in out
    assert "0 * * * *（Asia/Tokyo、毎時 0 分）" in out and "*/15 * * * *（Asia/Tokyo、15 分ごと）" in out
    assert "前回の実行: 記録なし" in out

    clock.move_to(jst(2026, 3, 2, 9, 30))
    assert run(capsys, "jobs", "run", "password-rotation")[0] == 0
    code, out, _ = run(capsys, "jobs", "list")
    block = out.split("password-rotation")[1].split("approval-reminders")[0]
    assert "前回の実行: 2026年3月2日 09:30　次回の予定: 2026年3月2日 10:10" in block


def test_jobs_list_without_a_database_says_unknown_and_creates_nothing(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/absent.db")
    monkeypatch.delenv("SNS_GATE_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "jobs", "list")
    assert code == 0 and out.count("前回の実行: 不明") == len(JOB_NAMES)
    assert not (tmp_path / "absent.db").exists()


def test_a_dry_run_prints_what_would_be_sent_and_sends_and_records_nothing(
    cli_env, capsys, db: Database, fake_slack: FakeSlack
):
    make_account(db, created_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    code, out, err = run(capsys, "jobs", "run", "posting-frequency", "--at", "2026-04-01T10:00", "--dry-run")
    assert code == 0, err
    assert "[試行] posting-frequency（2026年4月1日 10:00 時点）" in out
    assert "[記録予定] アカウント「aoba-x」の2026年3月の投稿数 0 件（目標 2 件）を記録します" in out
    assert f"[送信予定] DM {MANAGER}" in out and f"[送信予定] チャンネル {PR}" in out
    assert "（添付: posts-2026-03.png、posts-2026-03.csv）" in out
    assert "送信予定 4 件" in out  # notice, withdrawal review (Feb and March), report, files
    assert fake_slack.calls() == [] and _reminder_rows(db) == 0


def test_a_run_sends_once_for_the_same_moment(cli_env, capsys, db: Database, fake_slack: FakeSlack):
    make_account(db, created_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))
    code, out, err = run(capsys, "jobs", "run", "posting-frequency", "--at", "2026-04-01T10:00+09:00")
    assert code == 0, err
    assert "送信 4 件" in out and "1 件を記録しました。" in out
    code, out, _ = run(capsys, "jobs", "run", "posting-frequency", "--at", "2026-04-01T10:00+09:00")
    assert code == 0 and "送信 0 件、送信済みのため省略 0 件" in out
    assert len([t for t in texts_in(fake_slack, MANAGER) if "届きませんでした" in t]) == 1


def test_a_failed_send_exits_1_and_is_retried(cli_env, capsys, db: Database, fake_slack: FakeSlack):
    make_account(db, created_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), operators=[])
    fake_slack.fail_next("chat.postMessage", status=200, error="channel_not_found")
    code, out, _ = run(capsys, "jobs", "run", "posting-frequency", "--at", "2026-03-23T10:00")
    assert code == 1 and "失敗 1 件（次回に再送）" in out
    code, out, _ = run(capsys, "jobs", "run", "posting-frequency", "--at", "2026-03-23T10:00")
    assert code == 0 and "送信 1 件" in out


def test_outside_working_time_nothing_is_sent_and_the_reason_is_given(cli_env, capsys, db: Database):
    make_account(db)
    code, out, _ = run(capsys, "jobs", "run", "posting-frequency", "--at", "2026-03-20T10:00")
    assert code == 0 and "勤務時間外（祝日（春分の日））" in out


def test_incident_followup_before_its_module_exists(cli_env, capsys, monkeypatch):
    missing = dataclasses.replace(BY_NAME["incident-followup"], target="bot.incidents.not_written_yet:run")
    monkeypatch.setitem(BY_NAME, "incident-followup", missing)
    code, out, err = run(capsys, "jobs", "run", "incident-followup")
    assert code == 2 and out == ""
    assert "incident-followup はインシデント対応の機能とあわせて提供される予定" in err


@dataclasses.dataclass
class _FollowupSummary:
    at: dt.datetime
    dry_run: bool
    failed: list[str]

    def summary_ja(self) -> str:
        return f"フォローアップ（{self.at.isoformat()}、試行={self.dry_run}）"


def fake_followup(runtime, *, at: dt.datetime, dry_run: bool = False) -> _FollowupSummary:
    return _FollowupSummary(at=at, dry_run=dry_run, failed=["INC-2026-0001"] if not dry_run else [])


def test_incident_followup_is_called_with_an_aware_moment(cli_env, capsys, monkeypatch):
    job = dataclasses.replace(BY_NAME["incident-followup"], target="tests.jobs.test_cli:fake_followup")
    monkeypatch.setitem(BY_NAME, "incident-followup", job)
    code, out, _ = run(capsys, "jobs", "run", "incident-followup", "--at", "2026-03-02T10:00", "--dry-run")
    assert code == 0 and "フォローアップ（2026-03-02T10:00:00+09:00、試行=True）" in out
    code, _, _ = run(capsys, "jobs", "run", "incident-followup", "--at", "2026-03-02T10:00")
    assert code == 1  # its summary lists a failure


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["jobs", "run", "posting-frequncy"], "コマンドの指定に誤りがあります"),
        (["jobs", "run", "plan-renewal", "--at", "4月1日"], "--at には日時を ISO 8601 形式で指定してください"),
        (["jobs"], "コマンドの指定に誤りがあります"),
    ],
)
def test_usage_errors_are_explained_in_japanese(cli_env, capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


def test_a_real_run_needs_the_bot_token(cli_env, capsys, monkeypatch):
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    code, _, err = run(capsys, "jobs", "run", "plan-renewal")
    assert code == 2 and "SLACK_BOT_TOKEN" in err
    code, _, err = run(capsys, "jobs", "run", "plan-renewal", "--dry-run")
    assert code == 0, err
