"""The scheduled jobs' cost over a large database, on SQLite and PostgreSQL.

    python bench/jobs.py [--accounts 10000] [--posts 1000000] [--waiting 2000] [--runs 3]
                         [--database-url URL ...] [--json]

Without ``--database-url`` it runs on a temporary SQLite file, and on PostgreSQL too when
``TEST_DATABASE_URL`` is set (a schema of its own, dropped at the end). The data are generated
inside the database: ``--posts`` published posts spread over the year before the measured moments
(with approval request and decision times), ``--waiting`` drafts awaiting approval, and accounts of
which 5 % are under their monthly minimum, 2 % lapsed, 10 % without two-step verification, and
passwords of every age.

Each job runs as of the moments where it has the most to do: posting-frequency on the 23rd (weekly
reminders) and on the 1st (month close: records, notices, withdrawal reviews, the monthly report),
plan-renewal in the PR season and on the lapse day, password-rotation and approval-reminders on a
working day. February counts as closed (the steady state in late March).

A run is measured as a dry run: everything the job reads and decides (the month close's lead times
and CSV included) and every message's text and key, but no Slack call: a run sends at most 500
messages, paced by Slack, and draws a message's Block Kit only when it sends it. Timed on their own:
the monthly report's lead times, chart and CSV together (the chart is the part the dry run does not
draw), and the send-once protocol's database work per message (with a Slack stand-in that answers at
once). The number of SQL statements per run shows that the jobs' queries are set-based: it does not
grow with the number of accounts.

Target (issue 5): every job under 2 seconds per run for 10,000 accounts and 1,000,000 posts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as `python bench/jobs.py`, this file's directory would come first on sys.path and shadow packages.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from slack_sdk import WebClient  # noqa: E402
from sqlalchemy import event  # noqa: E402

from bench.storage import refresh_statistics, scratch_database  # noqa: E402
from bot.config import parse_config  # noqa: E402
from bot.jobs import monthly_report as report  # noqa: E402
from bot.jobs import run_job  # noqa: E402
from bot.jobs.delivery import Deliverer, Key, Outcome, Outgoing  # noqa: E402
from bot.jobs.periods import WorkingClock, months_back, previous_month  # noqa: E402
from bot.jobs.posting_frequency import MONTH_CLOSED_ENTITY, account_months  # noqa: E402
from bot.runtime import Runtime  # noqa: E402
from rules import engine_for  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Account, Draft, ReminderLog  # noqa: E402

TARGET_S = 2.0
JST = zoneinfo.ZoneInfo("Asia/Tokyo")
CONFIG = """
organization: ベンチ市
channels: {pr: C0BENCHPR, infosec: C0BENCHSEC}
roles: {pr: [U0BENCHPR], infosec: [U0BENCHSEC], admins: [U0BENCHADM]}
"""
PLATFORMS = ("x", "facebook", "instagram", "line", "youtube", "tiktok")
# The moments measured (JST): each job where it has the most to do.
MOMENTS: dict[str, list[tuple[str, dt.datetime]]] = {
    "posting-frequency": [
        ("weekly reminders (3/23)", dt.datetime(2026, 3, 23, 10, 0, tzinfo=JST)),
        ("month close + report (4/1)", dt.datetime(2026, 4, 1, 10, 0, tzinfo=JST)),
    ],
    "plan-renewal": [
        ("PR season (3/23)", dt.datetime(2026, 3, 23, 10, 5, tzinfo=JST)),
        ("lapse day (4/1)", dt.datetime(2026, 4, 1, 10, 5, tzinfo=JST)),
    ],
    "password-rotation": [("working day (3/23)", dt.datetime(2026, 3, 23, 10, 10, tzinfo=JST))],
    "approval-reminders": [("working day (3/23)", dt.datetime(2026, 3, 23, 10, 15, tzinfo=JST))],
}
LATEST = dt.datetime(2026, 4, 1, 9, 0, tzinfo=JST)  # posts run up to here
WAITING_SINCE = MOMENTS["approval-reminders"][0][1]  # drafts wait for approval up to this moment

# n is the post's number; its account is n % accounts, and each account's posts go back from :latest at
# even steps (:step minutes, plus a per-account offset) over a year. Approval was asked 2-49 hours before
# publishing and given 0-19 hours after the request.
_SQLITE_POSTS = """
WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < :count),
posts(n, m) AS (SELECT n, ((n / :accounts) * :step + (n % :accounts) * 37) % 525600 FROM seq)
INSERT INTO drafts (account_id, author, text, platform, attachments, content_hash, state, verdict, findings,
                    accepted_warnings, published_at, published_by, published_url, approval_requested_at,
                    decided_at, decided_by, approved_hash, created_at, updated_at, version)
SELECT printf('acct-%05d', n % :accounts), 'U0BENCHOP', 'お知らせ第' || n || '号です。', 'x', '[]',
       printf('%064d', n), 'published', 'pass', '[]', '[]',
       strftime('%Y-%m-%d %H:%M:%f', :latest, '-' || m || ' minutes'),
       'U0BENCHOP', 'https://x.com/bench/status/' || n,
       strftime('%Y-%m-%d %H:%M:%f', :latest, '-' || (m + 120 + (n % 48) * 60) || ' minutes'),
       strftime('%Y-%m-%d %H:%M:%f', :latest, '-' || (m + 120 + (n % 48) * 60 - (n % 20) * 60) || ' minutes'),
       'U0BENCHMGR', printf('%064d', n), :latest, :latest, 4
FROM posts
"""
_POSTGRES_POSTS = """
WITH posts AS (
    SELECT n, (((n / CAST(:accounts AS int))::bigint * :step + (n % CAST(:accounts AS int)) * 37) % 525600) AS m
    FROM generate_series(0, CAST(:count AS int) - 1) AS n
)
INSERT INTO drafts (account_id, author, text, platform, attachments, content_hash, state, verdict, findings,
                    accepted_warnings, published_at, published_by, published_url, approval_requested_at,
                    decided_at, decided_by, approved_hash, created_at, updated_at, version)
SELECT 'acct-' || lpad((n % CAST(:accounts AS int))::text, 5, '0'), 'U0BENCHOP', 'お知らせ第' || n || '号です。',
       'x', '[]', lpad(n::text, 64, '0'), 'published', 'pass', '[]', '[]',
       CAST(:latest AS timestamptz) - m * interval '1 minute',
       'U0BENCHOP', 'https://x.com/bench/status/' || n,
       CAST(:latest AS timestamptz) - (m + 120 + (n % 48) * 60) * interval '1 minute',
       CAST(:latest AS timestamptz) - (m + 120 + (n % 48) * 60 - (n % 20) * 60) * interval '1 minute',
       'U0BENCHMGR', lpad(n::text, 64, '0'), CAST(:latest AS timestamptz), CAST(:latest AS timestamptz), 4
FROM posts
"""


def fill(db: Database, *, n_accounts: int, n_posts: int, n_waiting: int) -> float:
    t0 = time.perf_counter()
    created = LATEST - dt.timedelta(days=730)
    accounts = [
        {
            "id": f"acct-{i:05d}",
            "platform": PLATFORMS[i % len(PLATFORMS)],
            "handle": f"@city_{i}",
            "department": "広報広聴課",
            "manager": f"U0BENCHMGR{i % 50}",
            "deputies": [f"U0BENCHDEP{i % 50}"],
            "operators": [f"U0BENCHOP{i % 200}", f"U0BENCHOQ{i % 200}"],
            "drafts_channel": f"C0D{i:06d}",
            # 2 % lapsed a year ago, 20 % not yet renewed for FY2026, the rest renewed.
            "plan_valid_until": dt.date(2025, 3, 31) if i % 50 == 49 else dt.date(2026 + (i % 5 != 0), 3, 31),
            "password_rotated_on": (LATEST - dt.timedelta(days=i % 120)).date() if i % 97 else None,
            "two_factor": i % 10 != 0,
            # About 8 posts a month each: those asked for 12 fall short (5 %).
            "min_posts_per_month": 12 if i % 20 == 0 else 4,
            "created_at": created,
            "updated_at": created,
        }
        for i in range(n_accounts)
    ]
    waiting = [
        {
            "account_id": f"acct-{(k * 7) % n_accounts:05d}",
            "author": "U0BENCHOP",
            "text": "承認待ちのお知らせです。",
            "platform": "x",
            "attachments": [],
            "content_hash": f"{k:064d}",
            "state": "awaiting_approval",
            "verdict": "pass",
            "findings": [],
            "accepted_warnings": [],
            # Waiting 1 to 120 hours; one in ten past its planned time (to expire), one in ten without one.
            "approval_requested_at": WAITING_SINCE - dt.timedelta(hours=1 + k % 120),
            "planned_at": WAITING_SINCE + dt.timedelta(hours=(k % 10 - 2) * 24) if k % 10 else None,
            "created_at": WAITING_SINCE,
            "updated_at": WAITING_SINCE,
        }
        for k in range(n_waiting)
    ]
    with db.Session.begin() as session:
        session.execute(sa.insert(Account), accounts)
        if n_posts:
            utc = LATEST.astimezone(dt.UTC)
            params = {
                "count": n_posts,
                "accounts": n_accounts,
                "step": max(1, 525_600 * n_accounts // n_posts),
                "latest": utc.strftime("%Y-%m-%d %H:%M:%S") if db.dialect == "sqlite" else utc.isoformat(),
            }
            session.execute(sa.text(_SQLITE_POSTS if db.dialect == "sqlite" else _POSTGRES_POSTS), params)
        if waiting:
            session.execute(sa.insert(Draft), waiting)
        # The steady state in late March: February was closed (records, notices, report) early in March.
        for entity in (report.REPORT_ENTITY, report.FILES_ENTITY, MONTH_CLOSED_ENTITY):
            session.add(ReminderLog(job="posting-frequency", entity=entity, period="2026-02", sent_at=LATEST))
    refresh_statistics(db)
    return time.perf_counter() - t0


def measure_job(runtime: Runtime, name: str, at: dt.datetime, *, runs: int) -> dict[str, object]:
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith("BEGIN"):  # SQLite's BEGIN IMMEDIATE is not a query
            statements.append(statement)

    times, per_run, planned = [], [], 0
    event.listen(runtime.db.engine, "before_cursor_execute", count)
    try:
        for _ in range(runs):
            statements.clear()
            t0 = time.perf_counter()
            result = run_job(name, runtime, at=at, dry_run=True, out=None)
            times.append(time.perf_counter() - t0)
            per_run.append(len(statements))
            planned = result.counts[Outcome.PLANNED]
    finally:
        event.remove(runtime.db.engine, "before_cursor_execute", count)
    return {
        "seconds_median": round(statistics.median(times), 3),
        "seconds_max": round(max(times), 3),
        "sql_statements": max(per_run),
        "messages_planned": planned,
    }


def measure_report_render(runtime: Runtime, *, runs: int) -> dict[str, object]:
    """The monthly report's own work on the 1st: lead times of the month's posts, chart and CSV. The
    first rendering (matplotlib's import, once per bot process) is left out of the figures."""
    last_month = previous_month(LATEST.date().replace(day=1))
    report.render_chart([], last_month=last_month)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        with runtime.db.Session.begin() as session:
            accounts = account_months(session=session, months=months_back(LATEST.date(), 2), tz=runtime.tz)
            clock = WorkingClock((runtime.config.working_hours.start, runtime.config.working_hours.end), runtime.tz)
            per_account, every = report.lead_times(session=session, month_first=last_month, clock=clock)
        rows = report.report_rows(
            accounts, last_month=last_month, today=LATEST.date(), password_interval_days=90, leads=per_account
        )
        png = report.render_chart(rows, last_month=last_month)
        table = report.render_csv(rows)
        times.append(time.perf_counter() - t0)
    return {
        "seconds_median": round(statistics.median(times), 3),
        "seconds_max": round(max(times), 3),
        "rows": len(rows),
        "lead_times": len(every),
        "png_bytes": len(png),
        "csv_bytes": len(table),
    }


class _NullSlack:
    """Takes every message at once: what is left of a send is the protocol's own database work."""

    def chat_postMessage(self, **kwargs: object) -> dict[str, object]:
        return {"ok": True}


def measure_delivery(db: Database, config: object, *, messages: int = 200) -> dict[str, object]:
    """The send-once protocol's cost per message (lease, send, record: two short transactions)."""
    runtime = Runtime(config=config, db=db, engine=engine_for(), client=_NullSlack())  # type: ignore[arg-type]
    deliverer = Deliverer(runtime, "bench-delivery", budget=messages)
    batch = [
        Outgoing(channel=f"U0BENCH{i}", text="お知らせです。", keys=(Key(f"bench:{i}", "2026-03-W1"),))
        for i in range(messages)
    ]
    t0 = time.perf_counter()
    deliverer.deliver_all(batch)
    elapsed = time.perf_counter() - t0
    assert deliverer.tally[Outcome.SENT] == messages
    return {"messages": messages, "ms_per_message": round(elapsed / messages * 1000, 2)}


def run(url: str, *, n_accounts: int, n_posts: int, n_waiting: int, runs: int) -> dict[str, object]:
    with scratch_database(url) as db:
        load_s = fill(db, n_accounts=n_accounts, n_posts=n_posts, n_waiting=n_waiting)
        config = parse_config(CONFIG)
        runtime = Runtime(
            config=config,
            db=db,
            engine=engine_for(config.screening_settings()),
            client=WebClient(token=None, base_url="http://127.0.0.1:9/api/"),  # a dry run never calls it
        )
        jobs = {
            f"{name} @ {label}": measure_job(runtime, name, at, runs=runs)
            for name, moments in MOMENTS.items()
            for label, at in moments
        }
        return {
            "database": db.dialect,
            "accounts": n_accounts,
            "posts": n_posts,
            "waiting": n_waiting,
            "load_seconds": round(load_s, 1),
            "jobs": jobs,
            "monthly_report_render": measure_report_render(runtime, runs=runs),
            "delivery": measure_delivery(db, config),
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=1_000_000, help="published posts over the last year")
    parser.add_argument("--waiting", type=int, default=2_000, help="drafts awaiting approval")
    parser.add_argument("--runs", type=int, default=3, help="runs per job and moment")
    parser.add_argument("--database-url", action="append", dest="urls", metavar="URL")
    parser.add_argument("--json", action="store_true", help="print one JSON object per database")
    args = parser.parse_args(argv)
    if args.accounts < 1 or args.runs < 1:
        parser.error("--accounts and --runs must be at least 1")
    urls = args.urls or ["sqlite://"] + (
        [os.environ["TEST_DATABASE_URL"]] if os.environ.get("TEST_DATABASE_URL") else []
    )
    failed = False
    for url in urls:
        result = run(url, n_accounts=args.accounts, n_posts=args.posts, n_waiting=args.waiting, runs=args.runs)
        failed |= any(j["seconds_max"] >= TARGET_S for j in result["jobs"].values())
        failed |= result["monthly_report_render"]["seconds_max"] >= TARGET_S
        if args.json:
            print(json.dumps(result, ensure_ascii=False))
            continue
        print(
            f"{result['database']}: {args.accounts:,} accounts, {args.posts:,} posts, {args.waiting:,} waiting"
            f" (loaded in {result['load_seconds']} s)"
        )
        for label, m in result["jobs"].items():
            print(
                f"  {label:<50} median {m['seconds_median']:6.3f} s   max {m['seconds_max']:6.3f} s"
                f"   {m['sql_statements']:3d} SQL   {m['messages_planned']:6,} messages"
            )
        r = result["monthly_report_render"]
        print(
            f"  {'monthly report: lead times, chart, CSV':<50} median {r['seconds_median']:6.3f} s"
            f"   max {r['seconds_max']:6.3f} s   ({r['rows']:,} rows, {r['lead_times']:,} lead times)"
        )
        d = result["delivery"]
        print(f"  {'send-once protocol (Slack excluded)':<50} {d['ms_per_message']:6.2f} ms per message")
        print(f"  target: every job under {TARGET_S} s per run")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
