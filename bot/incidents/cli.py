"""``python app.py incidents export INC-YYYY-NNNN`` and ``incidents list``: the incident records on the
command line (the report the bot posts when an incident closes, for the file or a disclosure request).

app.py wires it in with ``add_incidents_parser(commands)``; the handlers follow app.py's convention
(``handler(args, env) -> exit status``; a ``UserFacingError`` is printed in Japanese by ``app.main``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select

from bot.config import Environment, load_optional_config
from bot.incidents import playbooks as playbooks_mod
from bot.incidents import report, service
from bot.incidents import texts as t
from bot.workflows import TOKYO
from storage.db import Database, utcnow
from storage.models import Incident, IncidentState

EXPORT_HELP = "インシデント報告書（Markdown）を書き出します"
LIST_HELP = "インシデントの一覧を表示します"
LIST_HEADERS = ("ID", "種類", "アカウント", "状態", "開始", "終了")
NO_INCIDENTS = "記録されたインシデントはありません。"
WRITTEN = "{path} に書き出しました。"


def _database(env: Environment) -> Database:
    db = Database.from_url(env.database_url)
    db.require_current()
    return db


def cmd_incidents_export(args: argparse.Namespace, env: Environment) -> int:
    config = load_optional_config(env)
    tz = config.tz if config else TOKYO
    db = _database(env)
    try:
        with db.Session.begin() as session:
            record = service.load_record(session=session, incident_id=args.incident_id.upper())
            markdown = report.render_markdown(
                record, tz=tz, policy=config.policy if config else "default", now=utcnow()
            )
    finally:
        db.dispose()
    if args.output:
        Path(args.output).write_text(markdown, encoding="utf-8")
        print(WRITTEN.format(path=args.output), file=sys.stderr)
    else:
        sys.stdout.write(markdown)
    return 0


def cmd_incidents_list(args: argparse.Namespace, env: Environment) -> int:
    config = load_optional_config(env)
    tz = config.tz if config else TOKYO
    db = _database(env)
    books = playbooks_mod.load()
    try:
        with db.Session.begin() as session:
            incidents = list(session.scalars(select(Incident).order_by(Incident.opened_at, Incident.id)))
    finally:
        db.dispose()
    if not incidents:
        print(NO_INCIDENTS)
        return 0
    print("\t".join(LIST_HEADERS))
    for incident in incidents:
        print(
            "\t".join(
                (
                    incident.id,
                    books.for_type(incident.type).label,
                    incident.account_id or "",
                    t.STATE_OPEN if incident.state == IncidentState.OPEN else t.STATE_CLOSED,
                    t.format_when(incident.opened_at, tz),
                    t.format_when(incident.closed_at, tz) if incident.closed_at else "",
                )
            )
        )
    return 0


def add_incidents_parser(commands: argparse._SubParsersAction) -> None:
    """Add ``incidents export`` and ``incidents list`` to app.py's command parser."""
    incidents = commands.add_parser("incidents", help="インシデントの記録").add_subparsers(
        dest="incidents_command", metavar="ACTION"
    )
    incidents.required = True
    p = incidents.add_parser("export", help=EXPORT_HELP)
    p.add_argument("incident_id", metavar="INC-YYYY-NNNN", help="インシデント ID")
    p.add_argument("--output", "-o", metavar="FILE", help="標準出力ではなくこのファイルに書き出します")
    p.set_defaults(handler=cmd_incidents_export)
    p = incidents.add_parser("list", help=LIST_HELP)
    p.set_defaults(handler=cmd_incidents_list)
