"""`python app.py run`: without tokens it explains in Japanese what to set (exit 2, no traceback); with
them it migrates the database, seeds the configuration's accounts, and serves Slack over HTTP with a
health check — here as a real process, driven by signed requests and answered through the fake Slack."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import app
from storage.db import Database
from storage.repositories import accounts as accounts_repo
from tests.bot.factories import account_values, accounts_yaml
from tests.slack import payloads
from tests.slack.fake_slack import FakeSlack
from tests.slack.signing import post_event

ROOT = Path(__file__).resolve().parents[2]

CONFIG = """
organization: 青葉川市
policy: default
channels: {pr: C0PR, infosec: C0SEC}
roles: {pr: [U0PR1], infosec: [U0SEC1], admins: [U0ADM]}
""" + accounts_yaml(account_values(plan_valid_until=dt.date(2099, 3, 31)))

DRAFT_TEXT = "本日は市役所の窓口を通常どおり開いています。"
SLACK_VARIABLES = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL")


@pytest.fixture
def no_slack_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SLACK_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("argv", "missing"),
    [
        (["run"], "SLACK_BOT_TOKEN、SLACK_SIGNING_SECRET"),
        ([], "SLACK_BOT_TOKEN、SLACK_SIGNING_SECRET"),  # `run` is the default command
        (["run", "--mode", "socket"], "SLACK_BOT_TOKEN、SLACK_APP_TOKEN"),
    ],
)
def test_run_without_tokens_explains_what_to_set(no_slack_env, capsys, argv, missing):
    status = app.main(argv)

    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert f"設定されていません: {missing}" in err
    assert "manifest.yml" in err and "Create New App" in err and "/invite @sns-gate" in err
    assert "Traceback" not in err


def test_run_without_tokens_as_a_script_prints_no_traceback(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in SLACK_VARIABLES}
    result = subprocess.run(
        [sys.executable, str(ROOT / "app.py"), "run", "--mode", "http"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_port_is_explained(no_slack_env, monkeypatch: pytest.MonkeyPatch, capsys):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-x")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("PORT", "http")

    assert app.main(["run", "--mode", "http"]) == 2
    assert "PORT には 1〜65535" in capsys.readouterr().err


def test_a_token_slack_refuses_is_explained_after_the_database_is_ready(
    no_slack_env, monkeypatch: pytest.MonkeyPatch, capsys, tmp_path: Path, fake_slack: FakeSlack, db_url: str
):
    (tmp_path / "sns-gate.yml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("SNS_GATE_CONFIG", str(tmp_path / "sns-gate.yml"))
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SLACK_API_URL", fake_slack.base_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")

    assert app.main(["run", "--mode", "http"]) == 2

    err = capsys.readouterr().err
    assert "Slack に接続できませんでした（invalid_auth）" in err and "xoxb-revoked" not in err
    db = Database.from_url(db_url)
    with db.Session.begin() as session:  # the configuration's account was seeded on the way
        assert accounts_repo.get(session=session, account_id="aoba-x") is not None
    db.dispose()


def test_seeding_keeps_what_the_database_already_has(db_url: str, tmp_path: Path):
    from bot.config import parse_config

    config = parse_config(CONFIG, path="sns-gate.yml")
    db = Database.from_url(db_url)
    assert app.seed_accounts(db, config) == (["aoba-x"], [])
    with db.Session.begin() as session:
        accounts_repo.get(session=session, account_id="aoba-x").manager = "U0NEWMGR"  # changed in Slack

    assert app.seed_accounts(db, config) == ([], ["aoba-x"])

    with db.Session.begin() as session:
        assert accounts_repo.get(session=session, account_id="aoba-x").manager == "U0NEWMGR"
    db.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int | None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return None


def test_run_in_http_mode_serves_slack_and_the_health_check(
    tmp_path: Path, fake_slack: FakeSlack, signing_secret: str, db_url: str
):
    (tmp_path / "sns-gate.yml").write_text(CONFIG, encoding="utf-8")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in SLACK_VARIABLES and "proxy" not in k.lower()}
    env |= {
        "SNS_GATE_CONFIG": str(tmp_path / "sns-gate.yml"),
        "DATABASE_URL": db_url,
        "SLACK_API_URL": fake_slack.base_url,
        "SLACK_BOT_TOKEN": fake_slack.bot_token,
        "SLACK_SIGNING_SECRET": signing_secret,
        "PORT": str(port),
    }
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py"), "run", "--mode", "http"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while _get(base + "/healthz") != 200:
            assert process.poll() is None, process.communicate(timeout=5)
            assert time.monotonic() < deadline, "the bot did not answer /healthz within 30 s"
            time.sleep(0.1)

        event = payloads.message_event(DRAFT_TEXT, user="U0OP1", channel="C0DRAFTS")
        fake_slack.add_message(event)
        assert post_event(base, signing_secret, event).status == 200
        assert post_event(base, signing_secret, event, forged=True).status == 401

        reply = fake_slack.wait_for(
            "chat.postMessage", lambda c: c.ok and c.args["thread_ts"] == event["ts"], timeout=10
        )
        assert "<@U0MGR>" in reply.args["text"]
        assert fake_slack.calls("auth.test")[0].ok  # the token was checked at start
    finally:
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
    assert process.returncode == 0, err
    assert "アカウント 1 件を登録しました" in out and "HTTP モードで起動しました" in out
    assert "Traceback" not in err
    assert fake_slack.bot_token not in out + err and signing_secret not in out + err
    assert DRAFT_TEXT not in out + err  # not even from the forged request Bolt refused


def test_run_in_socket_mode_connects_and_answers_drafts(
    tmp_path: Path, fake_slack: FakeSlack, socket_mode_fake, db_url: str
):
    (tmp_path / "sns-gate.yml").write_text(CONFIG, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in SLACK_VARIABLES and "proxy" not in k.lower()}
    env |= {
        "SNS_GATE_CONFIG": str(tmp_path / "sns-gate.yml"),
        "DATABASE_URL": db_url,
        "SLACK_API_URL": fake_slack.base_url,
        "SLACK_BOT_TOKEN": fake_slack.bot_token,
        "SLACK_APP_TOKEN": fake_slack.app_token,  # no --mode: the app token chooses Socket Mode
    }
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        socket_mode_fake.wait_for_connection(timeout=30)
        event = payloads.message_event(DRAFT_TEXT, user="U0OP1", channel="C0DRAFTS")
        fake_slack.add_message(event)

        envelope_id = socket_mode_fake.send_event(event)

        assert socket_mode_fake.wait_for_ack(envelope_id, timeout=5) == {"envelope_id": envelope_id}
        reply = fake_slack.wait_for(
            "chat.postMessage", lambda c: c.ok and c.args["thread_ts"] == event["ts"], timeout=10
        )
        assert "<@U0MGR>" in reply.args["text"]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            out, err = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
    assert process.returncode == 0, err
    assert "ソケットモードで起動しました" in out and "Traceback" not in err
