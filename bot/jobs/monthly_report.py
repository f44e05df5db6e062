"""The monthly report to the PR channel, sent by `posting-frequency` for the month that ended.

Two messages, each sent once: a summary (how many accounts met their minimum, which did not, the
median approval lead time, and the joetsu 4(4)② frequency table as guidance), then two files: a bar
chart of posts per account (people read a chart faster than a table) and the full table as CSV
(every account, for the spreadsheet the PR office used to keep by hand).

The chart carries no words, only account IDs and numbers, so it needs no Japanese font on the
server; the message around it says what it shows.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import enum
import io
import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, Integer, cast, func, select
from sqlalchemy.orm import Session

from bot.blocks import reminders as texts
from bot.jobs import delivery
from bot.jobs.delivery import Key, Outgoing, Upload
from bot.jobs.periods import WorkingClock, month_bounds, month_key
from storage.models import Draft, DraftState

if TYPE_CHECKING:
    from bot.jobs.posting_frequency import AccountMonths
    from bot.jobs.runs import JobRun

REPORT_ENTITY = "pr:monthly-report"
FILES_ENTITY = "pr:monthly-report-files"
CHART_MAX = 30  # bars; more would not be readable in Slack's preview


class PostsState(enum.StrEnum):
    MET = "met"
    SHORT = "short"
    EXEMPT = "exempt"  # no minimum, or the plan was not in force


# Short in red, met in blue, no minimum in grey (the message around the chart says so).
_COLOURS = {PostsState.SHORT: "#c0392b", PostsState.MET: "#2e86c1", PostsState.EXEMPT: "#95a5a6"}


@dataclasses.dataclass(frozen=True, slots=True)
class ReportRow:
    account_id: str
    platform: str
    department: str
    manager: str
    posts: int
    minimum: int
    posts_state: PostsState
    median_lead_hours: float | None
    issues: tuple[str, ...]


def _epoch(column: Any, dialect: str) -> Any:
    """A timestamp column as whole POSIX seconds, computed by the database."""
    if dialect == "sqlite":
        # Stored as naive UTC text, which SQLite reads as UTC. unixepoch() (3.38+) is twice as fast.
        if sqlite3.sqlite_version_info >= (3, 38):
            return func.unixepoch(column)
        return cast(func.strftime("%s", column), Integer)
    return cast(func.extract("epoch", column), BigInteger)


def lead_times(
    *, session: Session, month_first: dt.date, clock: WorkingClock
) -> tuple[dict[str, list[float]], list[float]]:
    """Working hours from approval request to approval of every post published in the month, per
    account and overall. One range scan of the month's published posts.

    The database hands back whole seconds since the epoch, and ``WorkingClock.seconds_between_epochs_many``
    works on all of them at once: for tens of thousands of rows, building and converting datetimes one
    by one in Python would cost more than the rest of the report.
    """
    start, end = month_bounds(month_first, clock.tz)
    dialect = session.get_bind().dialect.name
    stmt = select(
        Draft.account_id,
        _epoch(Draft.approval_requested_at, dialect),
        _epoch(Draft.decided_at, dialect),
    ).where(
        Draft.state == DraftState.PUBLISHED,
        Draft.published_at >= start,
        Draft.published_at < end,
        Draft.approval_requested_at.is_not(None),
        Draft.decided_at.is_not(None),
    )
    # The DBAPI rows as they come: these columns need no type processing, and SQLAlchemy's Row objects
    # would cost more than the arithmetic for tens of thousands of rows.
    rows = session.connection().execute(stmt).cursor.fetchall()
    seconds = clock.seconds_between_epochs_many([r[1] for r in rows], [r[2] for r in rows])
    per_account: dict[str, list[float]] = defaultdict(list)
    every = [s / 3600 for s in seconds]
    for (account_id, _, _), hours in zip(rows, every, strict=True):
        per_account[account_id].append(hours)
    return per_account, every


def report_rows(
    accounts: Sequence[AccountMonths],
    *,
    last_month: dt.date,
    today: dt.date,
    password_interval_days: int,
    leads: dict[str, list[float]],
) -> list[ReportRow]:
    rows = []
    for a in accounts:
        if not a.owes_minimum(last_month):
            state = PostsState.EXEMPT
        elif a.posts[1] < a.minimum:
            state = PostsState.SHORT
        else:
            state = PostsState.MET
        issues = []
        if a.plan_valid_until < today:
            issues.append(texts.STATE_LAPSED)
        if a.password_rotated_on is None or (today - a.password_rotated_on).days >= password_interval_days:
            issues.append(texts.STATE_PASSWORD)
        if not a.two_factor:
            issues.append(texts.STATE_NO_2FA)
        if a.open_incident_id:
            issues.append(texts.STATE_INCIDENT)
        account_leads = leads.get(a.id)
        rows.append(
            ReportRow(
                account_id=a.id,
                platform=a.platform,
                department=a.department,
                manager=a.manager,
                posts=a.posts[1],
                minimum=a.minimum,
                posts_state=state,
                median_lead_hours=statistics.median(account_leads) if account_leads else None,
                issues=tuple(issues),
            )
        )
    return rows


def _most_behind_first(rows: Sequence[ReportRow]) -> list[ReportRow]:
    return sorted(rows, key=lambda r: (r.posts_state is not PostsState.SHORT, r.posts - r.minimum, r.account_id))


def summarize(rows: Sequence[ReportRow], *, last_month: dt.date, every_lead: Sequence[float]) -> texts.ReportSummary:
    shorts = [r for r in _most_behind_first(rows) if r.posts_state is PostsState.SHORT]
    return texts.ReportSummary(
        month=last_month,
        total=len(rows),
        met=sum(r.posts_state is PostsState.MET for r in rows),
        short=len(shorts),
        exempt=sum(r.posts_state is PostsState.EXEMPT for r in rows),
        lapsed=sum(texts.STATE_LAPSED in r.issues for r in rows),
        password=sum(texts.STATE_PASSWORD in r.issues for r in rows),
        no_2fa=sum(texts.STATE_NO_2FA in r.issues for r in rows),
        incidents=sum(texts.STATE_INCIDENT in r.issues for r in rows),
        median_lead_hours=statistics.median(every_lead) if every_lead else None,
        short_accounts=tuple((r.account_id, r.department, r.posts, r.minimum) for r in shorts),
        platforms=tuple(dict.fromkeys(sorted(r.platform for r in rows))),
    )


def render_csv(rows: Sequence[ReportRow]) -> bytes:
    """The full table, UTF-8 with a byte-order mark so that Excel opens the Japanese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(texts.CSV_HEADERS)
    labels = {
        PostsState.MET: texts.POSTS_MET,
        PostsState.SHORT: texts.POSTS_SHORT,
        PostsState.EXEMPT: texts.POSTS_EXEMPT,
    }
    for r in rows:
        writer.writerow(
            [
                r.account_id,
                texts.platform_label(r.platform),
                r.department,
                r.manager,
                r.posts,
                r.minimum,
                labels[r.posts_state],
                "" if r.median_lead_hours is None else f"{r.median_lead_hours:.1f}",
                "・".join(r.issues) or texts.STATE_OK,
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def chart_rows(rows: Sequence[ReportRow]) -> list[ReportRow]:
    """The accounts the chart shows: all of them when they fit, else the ones furthest behind."""
    return _most_behind_first(rows)[:CHART_MAX]


def render_chart(rows: Sequence[ReportRow], *, last_month: dt.date) -> bytes:
    """A horizontal bar chart (PNG) of posts per account, with each account's minimum as a tick."""
    # Imported here: matplotlib costs most of a second to import, and only this monthly step needs it.
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    shown = list(reversed(chart_rows(rows)))  # matplotlib draws the first bar at the bottom
    # Fixed margins instead of tight_layout(), which draws the figure twice to measure it.
    label_inches = 0.08 * max((len(r.account_id) for r in shown), default=4) + 0.3
    width, height = 6.4, max(1.6, 0.28 * len(shown) + 0.9)
    figure = Figure(figsize=(width, height), dpi=100)
    figure.subplots_adjust(left=label_inches / width, right=0.97, top=1 - 0.4 / height, bottom=0.4 / height)
    axes = figure.add_subplot()
    positions = list(range(len(shown)))
    axes.barh(positions, [r.posts for r in shown], color=[_COLOURS[r.posts_state] for r in shown], height=0.6)
    ticks = [(y, r.minimum) for y, r in zip(positions, shown, strict=True) if r.minimum > 0]
    if ticks:
        axes.vlines(
            [m for _, m in ticks],
            [y - 0.4 for y, _ in ticks],
            [y + 0.4 for y, _ in ticks],
            colors="black",
            linewidth=1.5,
        )
    axes.set_yticks(positions, [r.account_id for r in shown], fontsize=8)
    axes.set_ylim(-0.6, max(len(shown), 1) - 0.4)
    axes.set_title(month_key(last_month), fontsize=10)
    axes.set_xlim(left=0)
    axes.xaxis.get_major_locator().set_params(integer=True)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def due_messages(
    *, session: Session, job: JobRun, accounts: Sequence[AccountMonths], last_month: dt.date
) -> list[Outgoing]:
    """The report's two messages for ``last_month``, if still owed (each is sent once). It covers the
    accounts the bot knew during the month; with none (a new installation), there is nothing to report."""
    accounts = [a for a in accounts if a.known_during(last_month, job.runtime.tz)]
    if not accounts:
        return []
    period = month_key(last_month)
    keys = [Key(REPORT_ENTITY, period), Key(FILES_ENTITY, period)]
    owed = [k for k in keys if k not in delivery.sent_keys(session=session, job=job.job, keys=keys)]
    if not owed:
        return []
    runtime = job.runtime
    clock = WorkingClock(job.working_hours, runtime.tz)
    per_account, every = lead_times(session=session, month_first=last_month, clock=clock)
    rows = report_rows(
        accounts,
        last_month=last_month,
        today=job.today,
        password_interval_days=runtime.config.schedule.password_interval_days,
        leads=per_account,
    )
    pr = runtime.config.channels.pr
    out = []
    if keys[0] in owed:
        summary = summarize(rows, last_month=last_month, every_lead=every)
        out.append(
            Outgoing(
                channel=pr,
                text=texts.monthly_report_text(summary),
                blocks=partial(texts.build_monthly_report_blocks, summary),
                keys=(keys[0],),
            )
        )
    if keys[1] in owed:
        month = texts.month_label(last_month)
        shown = len(chart_rows(rows))
        note = (
            texts.REPORT_CHART_ALL
            if shown == len(rows)
            else texts.REPORT_CHART_SOME.format(shown=shown, total=len(rows))
        )
        chart = render_chart(rows, last_month=last_month) if not job.dry_run else b""
        out.append(
            Outgoing(
                channel=pr,
                text=texts.REPORT_FILES_COMMENT.format(month=month, chart_note=note),
                keys=(keys[1],),
                uploads=(
                    Upload(f"posts-{period}.png", chart, texts.REPORT_CHART_TITLE.format(month=month)),
                    Upload(f"posts-{period}.csv", render_csv(rows), texts.REPORT_TABLE_TITLE.format(month=month)),
                ),
            )
        )
    return out
