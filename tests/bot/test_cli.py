"""The command line: `python app.py check-config | db upgrade | accounts import/list | audit export`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, db_url: str, tmp_path: Path) -> str:
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SNS_GATE_CONFIG", str(EXAMPLES / "sns-gate.yml"))
    monkeypatch.chdir(tmp_path)
    return db_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = app.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_config_prints_a_summary(env, capsys):
    code, out, err = run(capsys, "check-config")
    assert code == 0, err
    assert "に問題はありません。" in out and "組織: 青葉川市（指針: joetsu）" in out
    assert "パスワード変更は 90 日ごと" in out


def test_check_config_names_the_key_and_line_of_a_typo(env, capsys, tmp_path, monkeypatch):
    config = tmp_path / "sns-gate.yml"
    text = (
        (EXAMPLES / "sns-gate.yml")
        .read_text(encoding="utf-8")
        .replace("    manager: U0AOBAMGR", "    manger: U0AOBAMGR")
    )
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SNS_GATE_CONFIG", str(config))
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "manger:" in row)
    code, out, err = run(capsys, "check-config")
    assert code == 2 and out == ""
    assert f"設定ファイル {config} の {line} 行目: accounts[0].manger: 不明な項目です。" in err
    assert "Traceback" not in err


def test_check_config_without_a_file(env, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SNS_GATE_CONFIG", str(tmp_path / "none.yml"))
    code, _, err = run(capsys, "check-config")
    assert code == 2 and "が見つかりません" in err


def test_import_then_list_then_export(env, capsys):
    code, out, err = run(capsys, "accounts", "import", str(EXAMPLES / "accounts.yml"))
    assert code == 0, err
    assert out.strip() == "3 件のアカウントを取り込みました（新規 3 件、更新 0 件、変更なし 0 件）。"

    code, out, err = run(capsys, "accounts", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[0] == "アカウント" and len(lines) == 2 + 3
    assert {line.split()[0] for line in lines[2:]} == {"aobagawa-x", "aobagawa-kanko-instagram", "aobagawa-bosai-line"}

    code, out, err = run(capsys, "audit", "export")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["action"] for r in rows} == {"account_create"} and len(rows) == 3

    code, out, _ = run(capsys, "audit", "export", "--format", "jsonl", "--since", "2999-01-01")
    assert code == 0 and out == ""
    code, out, _ = run(capsys, "audit", "export", "--format", "jsonl")
    assert [json.loads(line)["entity_id"] for line in out.splitlines()] == [
        "aobagawa-x",
        "aobagawa-kanko-instagram",
        "aobagawa-bosai-line",
    ]


def test_an_accounts_file_with_a_mistake_changes_nothing(env, capsys, tmp_path):
    bad = tmp_path / "accounts.yml"
    bad.write_text(
        (EXAMPLES / "accounts.yml")
        .read_text(encoding="utf-8")
        .replace("drafts_channel: C0KANKODRAFT", "drafts_channel: kanko"),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "accounts", "import", str(bad))
    assert code == 2
    assert "accounts[1].drafts_channel: Slack のチャンネル ID" in err
    code, out, _ = run(capsys, "accounts", "list")
    assert out.startswith("登録されているアカウントはありません。")


def test_a_missing_accounts_file(env, capsys, tmp_path):
    code, _, err = run(capsys, "accounts", "import", str(tmp_path / "nope.yml"))
    assert code == 2 and err.strip() == f"ファイル {tmp_path / 'nope.yml'} が見つかりません。"


def test_a_bad_since_date_is_explained(env, capsys):
    code, _, err = run(capsys, "audit", "export", "--since", "2026/04/01")
    assert code == 2
    assert "日付を YYYY-MM-DD の形式で指定してください（例: 2026-04-01）。" in err


def test_db_upgrade_then_commands_work_on_a_new_database(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.db'}")
    monkeypatch.delenv("SNS_GATE_CONFIG", raising=False)  # no configuration: defaults
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "accounts", "list")
    assert code == 2
    assert (
        err.strip()
        == "データベースが初期化されていないか、構造が古いままです。先に python app.py db upgrade を実行してください。"
    )
    code, out, err = run(capsys, "db", "upgrade")
    assert code == 0 and out.startswith("データベースを最新の状態にしました（リビジョン "), err
    code, out, err = run(capsys, "db", "upgrade")  # idempotent
    assert code == 0, err
    code, out, err = run(capsys, "accounts", "list")
    assert code == 0 and out.startswith("登録されているアカウントはありません。"), err


def test_an_unreachable_database_is_explained_without_its_password(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://app:hunter2@127.0.0.1:1/sns?connect_timeout=1")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "accounts", "list")
    assert code == 2
    assert "に接続できないか、応答がありませんでした" in err
    assert "hunter2" not in err and "Traceback" not in err


def test_usage_errors_are_explained_in_japanese(capsys):
    code, _, err = run(capsys, "accounts")
    assert code == 2 and "コマンドの指定に誤りがあります" in err


def test_the_script_runs_as_documented(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "app.py"), "check-config"],
        cwd=tmp_path,
        env={"SNS_GATE_CONFIG": str(EXAMPLES / "sns-gate.yml"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "青葉川市" in proc.stdout
