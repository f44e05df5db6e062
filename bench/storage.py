"""Storage and workflow cost: screening and recording a draft, approving it, and `accounts list`
over a large database, on SQLite and PostgreSQL.

    python bench/storage.py [--accounts 10000] [--drafts 1000000] [--iterations 200]
                            [--database-url URL ...] [--json]

Without ``--database-url`` it runs on a temporary SQLite file, and on PostgreSQL too when
``TEST_DATABASE_URL`` is set. PostgreSQL runs use a schema of their own, dropped at the end.
The data are generated inside the database (a recursive CTE on SQLite, ``generate_series`` on
PostgreSQL), so a million drafts take seconds, not minutes.

Target (issue 3): `accounts list` with 10,000 accounts and 1,000,000 drafts in under one second,
with one SQL statement whatever the number of accounts.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as `python bench/storage.py`, this file's directory would come first on sys.path and
# `import storage` would import this very file.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy import event  # noqa: E402

from bench.corpus import posts  # noqa: E402
from bot.workflows import accounts as accounts_flow  # noqa: E402
from bot.workflows import approval, submission  # noqa: E402
from rules import Draft as ScreeningInput  # noqa: E402
from rules import Engine, Verdict  # noqa: E402
from storage.db import Database, make_engine, normalize_url  # noqa: E402
from storage.models import Account, Incident  # noqa: E402

ACCOUNTS_LIST_TARGET_S = 1.0
MANAGER, DEPUTY, OPERATOR = "U0BENCHMGR", "U0BENCHDEP", "U0BENCHOP1"

_SQLITE_DRAFTS = """
WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < :count)
INSERT INTO drafts (account_id, author, text, platform, attachments, content_hash, state, verdict, findings,
                    accepted_warnings, published_at, published_by, published_url, created_at, updated_at, version)
SELECT printf('acct-%05d', n % :accounts), :author, 'お知らせ第' || n || '号です。', 'x', '[]',
       lower(hex(randomblob(32))),
       CASE WHEN n % 10 < 7 THEN 'published' WHEN n % 10 = 7 THEN 'approved'
            WHEN n % 10 = 8 THEN 'awaiting_approval' ELSE 'rejected' END,
       'pass', '[]', '[]',
       CASE WHEN n % 10 < 7
            THEN strftime('%Y-%m-%d %H:%M:%S', :now, '-' || (n % 525600) || ' minutes') || '.000000' END,
       CASE WHEN n % 10 < 7 THEN :author END,
       CASE WHEN n % 10 < 7 THEN 'https://x.com/example/status/' || n END,
       :now_text, :now_text, 1
FROM seq
"""

_POSTGRES_DRAFTS = """
INSERT INTO drafts (account_id, author, text, platform, attachments, content_hash, state, verdict, findings,
                    accepted_warnings, published_at, published_by, published_url, created_at, updated_at, version)
SELECT 'acct-' || lpad((n % CAST(:accounts AS int))::text, 5, '0'), CAST(:author AS text),
       'お知らせ第' || n || '号です。', 'x', '[]',
       md5(n::text) || md5((n + 1)::text),
       CASE WHEN n % 10 < 7 THEN 'published' WHEN n % 10 = 7 THEN 'approved'
            WHEN n % 10 = 8 THEN 'awaiting_approval' ELSE 'rejected' END,
       'pass', '[]', '[]',
       CASE WHEN n % 10 < 7 THEN CAST(:now AS timestamptz) - (n % 525600) * interval '1 minute' END,
       CASE WHEN n % 10 < 7 THEN CAST(:author AS text) END,
       CASE WHEN n % 10 < 7 THEN 'https://x.com/example/status/' || n END,
       CAST(:now AS timestamptz), CAST(:now AS timestamptz), 1
FROM generate_series(0, CAST(:count AS int) - 1) AS n
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary_ms(values: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(values) * 1000, 3),
        "p99_ms": round(percentile(values, 99) * 1000, 3),
        "n": len(values),
    }


@contextlib.contextmanager
def scratch_database(url: str) -> Iterator[Database]:
    """A migrated, empty database to fill: a temporary SQLite file, or a PostgreSQL schema of its own."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            db = Database.from_url(f"sqlite:///{tmp}/bench.db")
            db.upgrade()
            try:
                yield db
            finally:
                db.dispose()
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = make_engine(parsed)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    db = Database.from_url(parsed.update_query_dict({"options": f"-csearch_path={schema}"}))
    try:
        db.upgrade()
        yield db
    finally:
        db.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def fill(db: Database, *, n_accounts: int, n_drafts: int, now: dt.datetime) -> float:
    """Bulk-load the accounts, the drafts (70 % published over the last year) and a few open incidents."""
    t0 = time.perf_counter()
    valid_until = (now + dt.timedelta(days=365)).date()
    accounts = [
        {
            "id": f"acct-{i:05d}",
            "platform": "x",
            "handle": f"@city_{i}",
            "department": "広報広聴課",
            "manager": MANAGER,
            "deputies": [DEPUTY],
            "operators": [OPERATOR],
            "drafts_channel": f"C0D{i:06d}",
            "plan_valid_until": valid_until if i % 50 != 49 else (now - dt.timedelta(days=1)).date(),  # 2 % lapsed
            "password_rotated_on": (now - dt.timedelta(days=i % 120)).date(),
            "two_factor": True,
            "min_posts_per_month": 4,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(n_accounts)
    ]
    incidents = [
        {
            "id": f"INC-{now.year}-{k + 1:04d}",
            "year": now.year,
            "number": k + 1,
            "account_id": f"acct-{i:05d}",
            "type": "flaming",
            "state": "open",
            "opened_by": MANAGER,
            "opened_at": now,
        }
        for k, i in enumerate(range(1, n_accounts, 100))
    ]
    with db.Session.begin() as s:
        s.execute(sa.insert(Account), accounts)
        if incidents:
            s.execute(sa.insert(Incident), incidents)
        utc = now.astimezone(dt.UTC)
        params = {
            "count": n_drafts,
            "accounts": n_accounts,
            "author": OPERATOR,
            "now": utc.strftime("%Y-%m-%d %H:%M:%S") if db.dialect == "sqlite" else utc.isoformat(),
            "now_text": utc.strftime("%Y-%m-%d %H:%M:%S.%f"),
        }
        if n_drafts:
            sql = _SQLITE_DRAFTS if db.dialect == "sqlite" else _POSTGRES_DRAFTS
            s.execute(sa.text(sql), params)
    refresh_statistics(db)
    return time.perf_counter() - t0


def refresh_statistics(db: Database) -> None:
    """Fresh statistics (and, on PostgreSQL, the visibility map that index-only scans need), as
    autovacuum and SQLite's `PRAGMA optimize` provide in production shortly after a bulk load."""
    if db.dialect == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    else:
        # Outside any transaction (our SQLite connections begin every transaction themselves).
        raw = db.engine.raw_connection()
        try:
            raw.driver_connection.execute("ANALYZE")
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # fold the load into the file
        finally:
            raw.close()


def measure_workflow(db: Database, *, iterations: int) -> dict[str, dict[str, float]]:
    engine = Engine()
    texts = posts(iterations + 50)
    for text in texts[:50]:  # load the dictionary and warm the caches
        engine.screen(ScreeningInput(text=text, platform="x"))
    screen_only: list[float] = []
    submit_times: list[float] = []
    approve_times: list[float] = []
    pending: list[tuple[int, str]] = []
    for text in texts[50:]:
        t0 = time.perf_counter()
        engine.screen(ScreeningInput(text=text, platform="x"))
        screen_only.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        with db.Session.begin() as s:
            result = submission.submit(
                session=s, account_id="acct-00000", author=OPERATOR, text=text, screener=engine.screen
            )
        submit_times.append(time.perf_counter() - t0)
        if result.report.verdict != Verdict.BLOCK:
            pending.append((result.draft.id, result.draft.content_hash))
    for draft_id, content_hash in pending:
        t0 = time.perf_counter()
        with db.Session.begin() as s:
            approval.approve(
                session=s, draft_id=draft_id, approver=MANAGER, content_hash=content_hash, accept_warnings=True
            )
        approve_times.append(time.perf_counter() - t0)
    return {
        "screen_only": summary_ms(screen_only),
        "screen_and_record": summary_ms(submit_times),
        "approve": summary_ms(approve_times),
    }


def measure_accounts_list(db: Database, *, runs: int = 3) -> dict[str, float]:
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith("BEGIN"):  # SQLite's BEGIN IMMEDIATE is not a query
            statements.append(statement)

    times = []
    cpu_times = []
    rows = 0
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for _ in range(runs):
            statements.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            with db.Session.begin() as s:
                listed = accounts_flow.list_accounts(session=s)
                table = accounts_flow.format_table(listed)
            times.append(time.perf_counter() - t0)
            cpu_times.append(time.process_time() - c0)
            rows = len(listed)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert table
    return {
        "seconds_median": round(statistics.median(times), 3),
        "seconds_max": round(max(times), 3),
        "cpu_seconds_median": round(statistics.median(cpu_times), 3),  # this process only, without the database's
        "rows": rows,
        "sql_statements": len(statements),
    }


def run(url: str, *, n_accounts: int, n_drafts: int, iterations: int) -> dict[str, object]:
    now = dt.datetime.now(dt.UTC)
    with scratch_database(url) as db:
        load_s = fill(db, n_accounts=n_accounts, n_drafts=n_drafts, now=now)
        listing = measure_accounts_list(db)
        workflow = measure_workflow(db, iterations=iterations)
        return {
            "database": db.dialect,
            "accounts": n_accounts,
            "drafts": n_drafts,
            "load_seconds": round(load_s, 1),
            **workflow,
            "accounts_list": listing,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--drafts", type=int, default=1_000_000)
    parser.add_argument("--iterations", type=int, default=200, help="drafts screened, recorded and approved")
    parser.add_argument("--database-url", action="append", dest="urls", metavar="URL")
    parser.add_argument("--json", action="store_true", help="print one JSON object per database")
    args = parser.parse_args(argv)
    if args.accounts < 1:
        parser.error("--accounts must be at least 1")
    urls = args.urls or ["sqlite://"] + (
        [os.environ["TEST_DATABASE_URL"]] if os.environ.get("TEST_DATABASE_URL") else []
    )

    failed = False
    for url in urls:
        result = run(url, n_accounts=args.accounts, n_drafts=args.drafts, iterations=args.iterations)
        listing = result["accounts_list"]
        failed |= listing["seconds_max"] >= ACCOUNTS_LIST_TARGET_S or listing["sql_statements"] != 1
        if args.json:
            print(json.dumps(result))
            continue
        print(
            f"{result['database']}: {args.accounts:,} accounts, {args.drafts:,} drafts"
            f" (loaded in {result['load_seconds']} s)"
        )
        for key, label in (
            ("screen_only", "screen only (engine)"),
            ("screen_and_record", "screen and record a draft"),
            ("approve", "approve a draft"),
        ):
            m = result[key]
            print(f"  {label:<28} median {m['median_ms']:8.2f} ms   p99 {m['p99_ms']:8.2f} ms   (n={m['n']})")
        print(
            f"  {'accounts list':<28} median {listing['seconds_median']:.3f} s   max {listing['seconds_max']:.3f} s"
            f"   (CPU {listing['cpu_seconds_median']:.3f} s)"
            f"   ({listing['rows']:,} rows, {listing['sql_statements']} SQL statement(s);"
            f" target < {ACCOUNTS_LIST_TARGET_S} s)"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
