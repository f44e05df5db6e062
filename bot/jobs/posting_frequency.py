"""`posting-frequency`: at least one post a month per account (joetsu 4(4)②), withdrawal review (6(1)③).

- From the ``posting_frequency_from_day`` (20th) of a month, an account below its
  ``min_posts_per_month`` reminds its operators and manager, then weekly (7-day blocks from the 20th).
  Accounts whose plan has lapsed or that are frozen by an incident are left alone: they cannot post.
- In the next month (from its first working hour: a run after downtime still does it), a month that
  ended short is recorded (audit trail, once), reported to the manager, and listed in the monthly
  report to the PR channel (``bot.jobs.monthly_report``). After ``withdrawal_review_after_months``
  consecutive short months (2) PR gets a withdrawal-review notice.

Posts are drafts in state ``published`` by ``published_at``, counted per calendar month in the
organisation's time zone, for every account in one grouped statement.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session

from bot.blocks import reminders as texts
from bot.blocks.account import AccountLabel
from bot.config import Config
from bot.jobs import delivery, monthly_report
from bot.jobs.delivery import Key, Outcome, Outgoing
from bot.jobs.periods import month_bounds, month_key, month_start, months_back, previous_month, weekly_key
from bot.jobs.runs import AccountRecord, JobRun, working_time_job
from storage.models import Account, Draft, DraftState
from storage.repositories import accounts as accounts_repo
from storage.repositories import incidents as incidents_repo
from storage.repositories import reminders as reminders_repo

JOB = "posting-frequency"
# Recorded once everything about a closed month went out: later runs count only the current month.
MONTH_CLOSED_ENTITY = "month-closed"


def withdrawal_review_after(config: Config) -> int:
    """How many short months in a row make PR review a withdrawal (joetsu 6(1)③ leaves it to the organisation)."""
    return config.schedule.withdrawal_review_after_months


@dataclasses.dataclass(frozen=True, slots=True)
class AccountMonths(AccountLabel):
    """An account with its published posts in each requested month (plain values, no ORM object)."""

    deputies: tuple[str, ...]
    operators: tuple[str, ...]
    minimum: int
    plan_valid_until: dt.date
    password_rotated_on: dt.date | None
    two_factor: bool
    created_at: dt.datetime
    open_incident_id: str | None
    posts: tuple[int, ...]  # one count per requested month, in the order asked

    def owes_minimum(self, month_first: dt.date) -> bool:
        """It has a minimum, and its plan was in force when the month began (a plan lapsed long ago
        is the plan-renewal job's business)."""
        return self.minimum > 0 and self.plan_valid_until >= month_first

    def known_during(self, month_first: dt.date, tz: dt.tzinfo) -> bool:
        """The bot knew the account during that month: posts made before it was registered here were
        never counted, so a month that ended before then says nothing about the account."""
        return self.created_at < month_bounds(month_first, tz)[1]

    def closed_short(self, index: int, month_first: dt.date, tz: dt.tzinfo) -> bool:
        """A closed month (``posts[index]``) that ended under the minimum."""
        return (
            self.owes_minimum(month_first) and self.known_during(month_first, tz) and self.posts[index] < self.minimum
        )


def account_months(
    *,
    session: Session,
    months: Sequence[dt.date],
    tz: dt.tzinfo,
    until: dt.datetime | None = None,
    account_ids: Sequence[str] | None = None,
    with_deputies: bool = False,
) -> list[AccountMonths]:
    """Every account (or those of ``account_ids``) with its posts per month of ``months`` (first days),
    counted up to ``until`` (a run "as of" a moment does not see later posts), in one statement.

    A generalisation of ``storage.repositories.accounts.overview`` to several bounded months: one
    range scan of the (state, published_at, account_id) index over the months asked, one column per
    month, joined to the accounts and their oldest open incident.
    """
    bounds = [month_bounds(m, tz) for m in months]
    if until is not None:
        bounds = [(start, min(end, until)) for start, end in bounds]
    low = min(start for start, _ in bounds)
    high = max(end for _, end in bounds)
    buckets = [
        func.sum(case((and_(Draft.published_at >= start, Draft.published_at < end), 1), else_=0)).label(f"m{i}")
        for i, (start, end) in enumerate(bounds)
    ]
    posts = select(Draft.account_id, *buckets).where(
        Draft.state == DraftState.PUBLISHED, Draft.published_at >= low, Draft.published_at < high
    )
    if account_ids is not None:
        posts = posts.where(Draft.account_id.in_(account_ids))
    posts = posts.group_by(Draft.account_id).subquery()
    incidents = incidents_repo.oldest_open_per_account()
    stmt = (
        select(
            *accounts_repo.LABEL_COLUMNS,
            # Decoding a JSON list per account is a good part of the cost: only the status view needs these.
            Account.deputies if with_deputies else literal(None),
            Account.operators,
            Account.min_posts_per_month,
            Account.plan_valid_until,
            Account.password_rotated_on,
            Account.two_factor,
            Account.created_at,
            incidents.c.incident_id,
            *(func.coalesce(posts.c[f"m{i}"], 0) for i in range(len(bounds))),
        )
        .outerjoin(posts, posts.c.account_id == Account.id)
        .outerjoin(incidents, incidents.c.account_id == Account.id)
        .order_by(Account.id)
    )
    if account_ids is not None:
        stmt = stmt.where(Account.id.in_(account_ids))
    width = 13  # the columns before the monthly counts
    return [
        AccountMonths(
            *row[:5], tuple(row[5] or ()), tuple(row[6] or ()), *row[7:width], tuple(int(n) for n in row[width:])
        )
        for row in session.connection().execute(stmt).all()
    ]


# --- What is due ----------------------------------------------------------------------------------------------


def in_month_reminders(accounts: Sequence[AccountMonths], *, today: dt.date, from_day: int) -> list[Outgoing]:
    """Reminders to the operators and manager of accounts under their minimum so far this month."""
    this_month = month_start(today)
    if today.day < from_day:
        return []
    period = weekly_key(month_key(this_month), this_month.replace(day=from_day), today)
    month = texts.month_label(this_month)
    out = []
    for a in accounts:
        behind = a.owes_minimum(this_month) and a.posts[0] < a.minimum
        # A lapsed or frozen account cannot post: the plan-renewal job and the incident speak to it.
        if not behind or a.open_incident_id or a.plan_valid_until < today:
            continue
        text = texts.POSTING_REMINDER.format(
            **texts.account_fields(a), month=month, count=a.posts[0], minimum=a.minimum
        )
        out += delivery.to_each([*a.operators, a.manager], text, entity=f"account:{a.id}", period=period)
    return out


def short_month_notices(shorts: Sequence[AccountMonths], *, last_month: dt.date) -> list[Outgoing]:
    period = month_key(last_month)
    out = []
    for a in shorts:
        text = texts.POSTING_SHORT_MONTH.format(
            **texts.account_fields(a), month=texts.month_label(last_month), count=a.posts[1], minimum=a.minimum
        )
        out += delivery.to_each([a.manager], text, entity=f"short-notice:{a.id}", period=period)
    return out


def withdrawal_reviews(
    accounts: Sequence[AccountMonths], *, months: Sequence[dt.date], review_after: int, pr_channel: str, tz: dt.tzinfo
) -> list[Outgoing]:
    """``months[1:]`` are the closed months, newest first; ``review_after`` of them short in a row.

    Only for accounts the bot knew for all those months: posts made before an account was registered
    here were never counted, and a withdrawal review must not rest on months the bot did not see.
    """
    closed = list(months[1 : review_after + 1])
    if len(closed) < review_after:
        return []
    known_since = month_bounds(closed[-1], tz)[0]
    period = month_key(closed[0])
    out = []
    for a in accounts:
        if a.created_at > known_since or not all(a.closed_short(i + 1, m, tz) for i, m in enumerate(closed)):
            continue
        history = "、".join(
            texts.WITHDRAWAL_HISTORY_ITEM.format(month=texts.month_label(m), count=a.posts[i + 1])
            for i, m in reversed(list(enumerate(closed)))
        )
        text = texts.WITHDRAWAL_REVIEW.format(
            **texts.account_fields(a),
            months_text=f"{texts.month_label(closed[-1])}から{texts.month_label(closed[0])}まで",
            count=review_after,
            minimum=a.minimum,
            history=history,
        )
        out.append(delivery.notice(pr_channel, text, [Key(f"withdrawal-review:{a.id}", period)]))
    return out


def short_month_records(shorts: Sequence[AccountMonths], last_month: dt.date) -> list[AccountRecord]:
    """The audit trail's record of each short month (made exactly once by ``JobRun.record_once``)."""
    period = month_key(last_month)
    month = texts.month_label(last_month)
    return [
        AccountRecord(
            key=Key(f"short:{a.id}", period),
            account_id=a.id,
            action="posting_short_month",
            description=texts.RECORD_SHORT_MONTH.format(
                account_id=a.id, month=month, count=a.posts[1], minimum=a.minimum
            ),
            data={"month": period, "posts": a.posts[1], "minimum": a.minimum},
        )
        for a in shorts
    ]


# --- The job ----------------------------------------------------------------------------------------------------


def _month_closed(session: Session, last_month: dt.date) -> bool:
    return bool(delivery.sent_keys(session=session, job=JOB, keys=[_closed_key(last_month)]))


def _closed_key(last_month: dt.date) -> Key:
    return Key(MONTH_CLOSED_ENTITY, month_key(last_month))


@working_time_job(JOB)
def run(job: JobRun) -> None:
    runtime, config = job.runtime, job.config
    review_after = withdrawal_review_after(config)
    this_month = month_start(job.today)
    last_month = previous_month(this_month)
    from_day = config.schedule.posting_frequency_from_day
    with runtime.db.Session.begin() as session:
        closed = _month_closed(session, last_month)
        # Once last month is closed (everything about it recorded and sent), only this month is counted.
        months = [this_month] if closed else months_back(this_month, review_after + 1)
        accounts = account_months(session=session, months=months, tz=runtime.tz, until=job.at)
        reminders = delivery.unsent(
            session=session, job=JOB, messages=in_month_reminders(accounts, today=job.today, from_day=from_day)
        )
        closing: list[Outgoing] = []
        if not closed:
            shorts = [a for a in accounts if a.closed_short(1, last_month, runtime.tz)]
            job.record_once(session, short_month_records(shorts, last_month))
            closing = [
                *short_month_notices(shorts, last_month=last_month),
                *withdrawal_reviews(
                    accounts, months=months, review_after=review_after, pr_channel=config.channels.pr, tz=runtime.tz
                ),
            ]
            closing = delivery.unsent(session=session, job=JOB, messages=closing)
            # The report is the costly part (lead times, chart): built only while it is still owed.
            closing += monthly_report.due_messages(session=session, job=job, accounts=accounts, last_month=last_month)
    outcomes = [job.deliverer.deliver(m) for m in closing]
    job.deliverer.deliver_all(reminders)
    if not closed and not job.dry_run and all(o in (Outcome.SENT, Outcome.ALREADY_SENT) for o in outcomes):
        with runtime.db.Session.begin() as session:
            key = _closed_key(last_month)
            reminders_repo.claim(session=session, job=JOB, entity=key.entity, period=key.period)
