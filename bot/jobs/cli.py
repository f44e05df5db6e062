"""`python app.py jobs list` and `python app.py jobs run NAME [--at ISO8601] [--dry-run]` (CONTRACTS §5).

``add_jobs_parser(commands)`` registers both on app.py's subparsers; the handlers have app.py's
signature ``(args, env) -> int`` and raise ``UserFacingError`` for what the user can fix (app.py's
``main`` prints it and exits 2). `jobs run` exits 0 when everything due went out, 1 when some sends
failed (the next run retries them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import zoneinfo
from pathlib import Path
from typing import Any

from sqlalchemy.exc import InterfaceError, OperationalError, ProgrammingError

from bot.blocks import reminders as texts
from bot.config import Config, Environment, load_config, load_optional_config
from bot.errors import UserFacingError
from bot.jobs import BY_NAME, JOB_NAMES, JOBS, run_job
from bot.messages import format_datetime
from bot.runtime import Runtime
from storage.db import Database, SchemaNotCurrentError, normalize_url
from storage.repositories.reminders import last_runs


def parse_at(value: str) -> dt.datetime:
    """``--at``: an ISO 8601 date or date-time; without an offset it is read in the configuration's time zone."""
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(texts.BAD_AT) from None


def add_jobs_parser(commands: Any) -> None:
    """Register `jobs list` and `jobs run` on app.py's top-level subparsers."""
    jobs = commands.add_parser("jobs", help="定期ジョブ（投稿頻度・運用計画・パスワード・承認の催促）").add_subparsers(
        dest="jobs_command", metavar="ACTION"
    )
    jobs.required = True
    p = jobs.add_parser("list", help="ジョブの一覧、スケジュール、前回の実行と次回の予定を表示します")
    p.set_defaults(handler=cmd_jobs_list)
    p = jobs.add_parser("run", help="ジョブを1回実行します（送信済みのお知らせは送りません）")
    p.add_argument("name", choices=JOB_NAMES, metavar="NAME", help="ジョブ名（" + "、".join(JOB_NAMES) + "）")
    p.add_argument("--at", type=parse_at, metavar="ISO8601", help="この日時の時点として実行します（既定: 現在）")
    p.add_argument("--dry-run", action="store_true", help="送る内容を表示するだけで、送信も記録もしません")
    p.set_defaults(handler=cmd_jobs_run)


# --- Building what a job needs -------------------------------------------------------------------------


def _runtime(env: Environment, config: Config, *, dry_run: bool) -> Runtime:
    # Imported here: the screening engine and the Slack client are only needed to run a job.
    from bot.slack_client import build_client
    from rules import engine_for

    if not dry_run and not env.slack_bot_token:
        raise UserFacingError(texts.TOKEN_REQUIRED, code="token_required")
    db = Database.from_url(env.database_url)
    db.require_current()
    return Runtime(
        config=config,
        db=db,
        engine=engine_for(config.screening_settings()),
        client=build_client(env.slack_bot_token, base_url=env.slack_api_url),
    )


def _local(at: dt.datetime | None, tz: dt.tzinfo) -> dt.datetime | None:
    if at is None:
        return None
    return at.replace(tzinfo=tz) if at.tzinfo is None else at


# --- Commands ------------------------------------------------------------------------------------------------


def cmd_jobs_run(args: argparse.Namespace, env: Environment) -> int:
    BY_NAME[args.name].load()  # a job this build lacks is said before anything else is asked for
    config = load_config(env.config_path)
    runtime = _runtime(env, config, dry_run=args.dry_run)
    try:
        result = run_job(args.name, runtime, at=_local(args.at, config.tz), dry_run=args.dry_run, out=sys.stdout)
    finally:
        runtime.db.dispose()
    summary = getattr(result, "summary_ja", None)
    if summary is not None:
        print(summary())
    # Ours say exit_status; incident-followup's summary lists what failed.
    status = getattr(result, "exit_status", None)
    if status is None:
        status = 1 if getattr(result, "failed", None) else 0
    return int(status)


def _known_last_runs(env: Environment) -> dict[str, dt.datetime] | None:
    """When each job last ran, or None when the database cannot say (absent, not migrated, unreachable)."""
    url = normalize_url(env.database_url)
    if url.get_backend_name() == "sqlite" and (not url.database or not Path(url.database).exists()):
        return None  # do not create an empty database file just to look
    db = Database.from_url(url)
    try:
        db.require_current()
        with db.Session.begin() as session:
            return last_runs(session=session)
    except (SchemaNotCurrentError, OperationalError, InterfaceError, ProgrammingError):
        return None
    finally:
        db.dispose()


def cmd_jobs_list(args: argparse.Namespace, env: Environment) -> int:
    config = load_optional_config(env)
    tz = config.tz if config else zoneinfo.ZoneInfo("Asia/Tokyo")
    now = dt.datetime.now(tz)
    runs = _known_last_runs(env)
    lines = []
    for job in JOBS:
        last = texts.UNKNOWN if runs is None else texts.NEVER_RUN
        if runs and job.name in runs:
            last = format_datetime(runs[job.name], tz)
        next_due = job.next_due(now)
        lines.append(
            texts.LIST_LINE.format(
                name=job.name,
                description=texts.JOB_DESCRIPTIONS[job.name],
                cron=job.cron,
                timezone=str(tz),
                schedule=job.schedule_ja(),
                working=texts.SCHEDULE_WORKING_ONLY if job.working_time_only else "",
                last=last,
                next=format_datetime(next_due, tz) if next_due else texts.UNKNOWN,
            )
        )
    print("\n".join(lines))
    return 0
