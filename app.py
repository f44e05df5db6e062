"""sns-gate's command line (CONTRACTS §5).

    python app.py check-config
    python app.py db upgrade
    python app.py accounts import FILE.yml
    python app.py accounts list
    python app.py audit export [--since DATE] [--format csv|jsonl]

Each command builds what it needs from the environment (CONTRACTS §3), does one unit of work and
returns an exit status. A problem the user can fix is printed in Japanese on stderr with status 2,
without a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError

from bot import messages as msg
from bot.config import Config, Environment, load_accounts, load_config
from bot.errors import UserFacingError
from bot.workflows import TOKYO
from bot.workflows import accounts as accounts_flow
from bot.workflows import audit as audit_flow
from storage.db import Database, SchemaNotCurrentError, normalize_url

log = logging.getLogger("sns_gate")

Handler = Callable[[argparse.Namespace, Environment], int]


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is explained in Japanese (status 2, as argparse does)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, msg.CLI_USAGE_ERROR.format(detail=message) + "\n")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(msg.CLI_BAD_DATE) from None


# --- Helpers --------------------------------------------------------------------------------------------


def _database(env: Environment) -> Database:
    db = Database.from_url(env.database_url)
    db.require_current()
    return db


def _optional_config(env: Environment) -> Config | None:
    """The configuration when there is one. Commands that only need its time zone and intervals work
    without it, unless SNS_GATE_CONFIG names a file that is missing (then the path is surely wrong)."""
    if not env.config_path_given and not Path(env.config_path).exists():
        return None
    return load_config(env.config_path)


# --- Commands -------------------------------------------------------------------------------------------


def cmd_check_config(args: argparse.Namespace, env: Environment) -> int:
    config = load_config(env.config_path)
    s = config.schedule
    lines = [
        msg.CONFIG_SUMMARY_OK.format(path=env.config_path),
        msg.SUMMARY_ORGANIZATION.format(organization=config.organization, policy=config.policy),
        msg.SUMMARY_TIME.format(
            timezone=config.timezone,
            start=f"{config.working_hours.start:%H:%M}",
            end=f"{config.working_hours.end:%H:%M}",
        ),
        msg.SUMMARY_CHANNELS.format(pr=config.channels.pr, infosec=config.channels.infosec),
        msg.SUMMARY_ROLES.format(
            pr=len(config.roles.pr), infosec=len(config.roles.infosec), admins=len(config.roles.admins)
        ),
        msg.SUMMARY_DOMAINS.format(
            official=", ".join(config.official_domains) or msg.SUMMARY_NONE,
            trusted=len(config.trusted_domains),
            phones=len(config.official_phone_numbers),
        ),
        msg.SUMMARY_ACCOUNTS.format(
            count=len(config.accounts), ids=", ".join(a.id for a in config.accounts) or msg.SUMMARY_NONE
        ),
        msg.SUMMARY_SCHEDULE.format(
            posting_day=s.posting_frequency_from_day,
            renewal=s.plan_renewal_from,
            renewal_pr=s.plan_renewal_pr_from,
            lapse=s.plan_lapse_on,
            password_days=s.password_interval_days,
            reminder_hours=s.approval_reminder_after_working_hours,
            pr_hours=s.approval_pr_after_working_hours,
        ),
    ]
    print("\n".join(lines))
    return 0


def cmd_db_upgrade(args: argparse.Namespace, env: Environment) -> int:
    revision = Database.from_url(env.database_url).upgrade()
    print(msg.DB_UPGRADED.format(revision=revision))
    return 0


def cmd_accounts_import(args: argparse.Namespace, env: Environment) -> int:
    entries = load_accounts(args.file)  # validate the whole file before touching the database
    db = _database(env)
    with db.Session.begin() as session:
        result = accounts_flow.import_accounts(session=session, accounts=entries, actor="cli")
    print(result.summary_ja())
    return 0


def cmd_accounts_list(args: argparse.Namespace, env: Environment) -> int:
    config = _optional_config(env)
    db = _database(env)
    with db.Session.begin() as session:
        rows = accounts_flow.list_accounts(
            session=session,
            password_interval_days=config.schedule.password_interval_days if config else 90,
            tz=config.tz if config else TOKYO,
        )
        print(accounts_flow.format_table(rows))
    return 0


def cmd_audit_export(args: argparse.Namespace, env: Environment) -> int:
    config = _optional_config(env)
    db = _database(env)
    with db.Session.begin() as session:
        audit_flow.export(
            session=session, out=sys.stdout, since=args.since, fmt=args.format, tz=config.tz if config else TOKYO
        )
    return 0


# --- Parser ---------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python app.py", description="sns-gate: 自治体公式 SNS 投稿の確認・承認ボット")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    p = commands.add_parser("check-config", help="設定ファイルを検査し、概要を表示します")
    p.set_defaults(handler=cmd_check_config)

    db = commands.add_parser("db", help="データベースの操作").add_subparsers(dest="db_command", metavar="ACTION")
    db.required = True
    p = db.add_parser("upgrade", help="マイグレーションを適用します")
    p.set_defaults(handler=cmd_db_upgrade)

    accounts = commands.add_parser("accounts", help="公式アカウントの管理").add_subparsers(
        dest="accounts_command", metavar="ACTION"
    )
    accounts.required = True
    p = accounts.add_parser("import", help="アカウントを YAML ファイルから登録・更新します")
    p.add_argument("file", metavar="FILE.yml", help="accounts: の一覧を書いた YAML ファイル")
    p.set_defaults(handler=cmd_accounts_import)
    p = accounts.add_parser("list", help="アカウントの一覧と状態を表示します")
    p.set_defaults(handler=cmd_accounts_list)

    audit = commands.add_parser("audit", help="監査記録").add_subparsers(dest="audit_command", metavar="ACTION")
    audit.required = True
    p = audit.add_parser("export", help="監査記録を標準出力に書き出します（情報公開請求への対応など）")
    p.add_argument("--since", type=_date, metavar="DATE", help="この日（YYYY-MM-DD、日本時間）以降の記録のみ")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="出力形式（既定: csv）")
    p.set_defaults(handler=cmd_audit_export)

    # --- Later issues register their commands here, each with its own add_parser() call: ---
    #   `run [--mode socket|http]`  (the Slack bot; upgrades the database on start)
    #   `jobs list`, `jobs run NAME [--at ISO8601] [--dry-run]`  (the scheduled jobs)
    # Nothing else in this module needs to change: main() dispatches on `handler`.

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return exc.code if isinstance(exc.code, int) else 2
    env = Environment.from_environ()
    handler: Handler = args.handler
    try:
        return handler(args, env)
    except UserFacingError as exc:
        print(exc.message_ja, file=sys.stderr)
    except SchemaNotCurrentError:
        print(msg.DB_NOT_CURRENT, file=sys.stderr)
    except (OperationalError, InterfaceError) as exc:
        # The class only: a server's message may quote a row, and a row may hold draft text.
        log.debug("database unreachable: %s", type(exc).__name__)
        url = normalize_url(env.database_url).render_as_string(hide_password=True)
        print(msg.DB_UNREACHABLE.format(url=url), file=sys.stderr)
    except SQLAlchemyError as exc:
        log.debug("database error: %s", type(exc).__name__)
        print(msg.DB_ERROR.format(kind=type(exc).__name__), file=sys.stderr)
    except BrokenPipeError:
        # The reader went away (`audit export | head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
