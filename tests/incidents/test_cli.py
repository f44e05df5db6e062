"""``incidents export`` / ``incidents list``: the report and the list on the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bot.config import Environment
from bot.errors import NotFoundError
from bot.incidents import cli, service
from bot.incidents.service import IncidentReport
from storage.db import Database
from storage.models import IncidentType
from tests.bot.factories import NOW, make_account
from tests.incidents.conftest import PR, REPORTER


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python app.py")
    commands = parser.add_subparsers(dest="command", required=True)
    cli.add_incidents_parser(commands)
    return parser


def _run(argv: list[str], db_url: str, tmp_path: Path) -> int:
    args = _parser().parse_args(argv)
    env = Environment(database_url=db_url, config_path=str(tmp_path / "absent.yml"))
    return args.handler(args, env)


@pytest.fixture
def incident_id(db: Database, config) -> str:
    with db.Session.begin() as session:
        make_account(session, id="joetsu-x", handle="@joetsu_city")
        result = service.open_or_join(
            session=session,
            report=IncidentReport(type=IncidentType.FLAMING, account_id="joetsu-x", reporter=REPORTER),
            at=NOW,
            tz=config.tz,
            config=config,
        )
        service.close(
            session=session,
            incident_id=result.record.id,
            actor=PR,
            summary="収束しました。",
            at=NOW,
            tz=config.tz,
            config=config,
        )
        return result.record.id


def test_export_prints_the_markdown_report(db: Database, db_url: str, incident_id: str, tmp_path, capsys):
    assert _run(["incidents", "export", incident_id.lower()], db_url, tmp_path) == 0

    out = capsys.readouterr().out
    assert out.startswith(f"# インシデント報告書 {incident_id}\n")
    assert "## まとめ\n\n収束しました。" in out


def test_export_writes_a_file_when_asked(db: Database, db_url: str, incident_id: str, tmp_path, capsys):
    target = tmp_path / "report.md"

    assert _run(["incidents", "export", incident_id, "-o", str(target)], db_url, tmp_path) == 0

    assert target.read_text(encoding="utf-8").startswith(f"# インシデント報告書 {incident_id}")
    assert capsys.readouterr().err == f"{target} に書き出しました。\n"


def test_an_unknown_incident_is_a_japanese_refusal(db: Database, db_url: str, tmp_path):
    with pytest.raises(NotFoundError) as refused:
        _run(["incidents", "export", "INC-2026-0404"], db_url, tmp_path)
    assert refused.value.message_ja == "インシデント INC-2026-0404 は見つかりません。ID をご確認ください。"


def test_list_shows_every_incident(db: Database, db_url: str, incident_id: str, tmp_path, capsys):
    assert _run(["incidents", "list"], db_url, tmp_path) == 0

    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "ID\t種類\tアカウント\t状態\t開始\t終了",
        f"{incident_id}\t炎上\tjoetsu-x\t終了\t2026年5月11日 10:00\t2026年5月11日 10:00",
    ]
