"""`approval-reminders`: drafts do not wait for approval unnoticed, and do not outlive their planned time.

- A draft awaiting approval for ``approval_reminder_after_working_hours`` (8) working hours reminds
  the manager and deputies, once per approval request; after ``approval_pr_after_working_hours``
  (24) the PR channel is told. Working hours are the organisation's, on working days only. Drafts on
  hold (an open incident) and drafts of lapsed accounts cannot be approved: no reminder.
- A draft not yet approved whose planned time has passed expires (``approval.expire``, any hour:
  a state change, not a message) and its author is told (in working time, once). The draft's thread
  reply is redrawn so that its buttons go.
- Thread replies that never reached Slack are sent again (``bot.drafts.resend_missing_replies``).

Reminders are keyed by the draft, the recipient and the approval request's time, so a draft sent
back for changes and asked for again is a new request with its own reminders.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import logging
from collections.abc import Sequence
from typing import Any, TextIO

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from bot.blocks import reminders as texts
from bot.jobs import delivery
from bot.jobs.delivery import Key, Outgoing
from bot.jobs.periods import WorkingClock
from bot.jobs.runs import JobResult, JobRun
from bot.messages import format_datetime, mention
from bot.runtime import Runtime
from bot.workflows import approval
from bot.workflows._transitions import MOVES
from storage.models import Account, Draft, DraftState

log = logging.getLogger(__name__)

JOB = "approval-reminders"
# Expired drafts whose author has not been told yet are looked for this far back (bounded query).
EXPIRED_NOTICE_WINDOW = dt.timedelta(days=30)
_EXPIRABLE = sorted(MOVES["expire"].sources)


@dataclasses.dataclass(frozen=True, slots=True)
class Waiting:
    draft_id: int
    account_id: str
    author: str
    requested_at: dt.datetime
    planned_at: dt.datetime | None
    reply_channel: str | None
    manager: str
    deputies: tuple[str, ...]

    @property
    def request_tag(self) -> str:
        return f"req{int(self.requested_at.timestamp())}"


def waiting_drafts(*, session: Session, at: dt.datetime, min_hours: int, today: dt.date) -> list[Waiting]:
    """Drafts awaiting approval since at least ``min_hours`` wall-clock hours (working hours are never
    more), with their approvers, on accounts whose plan is in force: one statement."""
    stmt = (
        select(
            Draft.id,
            Draft.account_id,
            Draft.author,
            Draft.approval_requested_at,
            Draft.planned_at,
            Draft.reply_channel,
            Account.manager,
            Account.deputies,
        )
        .join(Account, Account.id == Draft.account_id)
        .where(
            Draft.state == DraftState.AWAITING_APPROVAL,
            Draft.approval_requested_at <= at - dt.timedelta(hours=min_hours),
            Account.plan_valid_until >= today,
        )
    )
    # Sorted here, not in SQL: an ORDER BY id makes SQLite walk the whole table in id order instead
    # of the (state, approval_requested_at) index.
    return sorted(
        (Waiting(*row[:7], tuple(row[7] or ())) for row in session.connection().execute(stmt).all()),
        key=lambda w: w.draft_id,
    )


def reminders(
    waiting: Sequence[Waiting],
    *,
    at: dt.datetime,
    clock: WorkingClock,
    remind_after: int,
    pr_after: int,
    pr_channel: str,
) -> list[Outgoing]:
    out = []
    for w in waiting:
        hours = clock.hours_between(w.requested_at, at)
        common: dict[str, Any] = {
            "draft_id": w.draft_id,
            "account_id": w.account_id,
            "author": mention(w.author),
            "where": texts.APPROVAL_WHERE.format(channel=w.reply_channel) if w.reply_channel else "",
            "planned": texts.planned_text(w.planned_at, clock.tz),
        }
        if hours >= remind_after:
            text = texts.APPROVAL_REMINDER.format(**common, hours=remind_after)
            period = f"{w.request_tag}-{remind_after}h"
            out += delivery.to_each([w.manager, *w.deputies], text, entity=f"draft:{w.draft_id}", period=period)
        if hours >= pr_after:
            text = texts.APPROVAL_PR.format(
                **common, hours=pr_after, approvers=texts.approvers_text(w.manager, w.deputies)
            )
            key = Key(f"draft:{w.draft_id}:pr", f"{w.request_tag}-{pr_after}h")
            out.append(delivery.notice(pr_channel, text, [key]))
    return out


# --- Expiry ------------------------------------------------------------------------------------------------------


def expire_overdue(job: JobRun, session: Session) -> list[int]:
    """Expire every draft not yet approved whose planned time has passed; returns their ids."""
    # One SELECT per state, joined by UNION ALL: each is a lookup of the state index. With
    # ``state IN (...)`` SQLite's statistics (published drafts are almost all of them) make it scan the table.
    stmt = union_all(
        *(
            select(Draft.id, Draft.account_id, Draft.planned_at).where(
                Draft.state == state, Draft.planned_at.is_not(None), Draft.planned_at < job.at
            )
            for state in _EXPIRABLE
        )
    )
    expired = []
    for draft_id, account_id, planned_at in sorted(session.execute(stmt).all()):
        if job.dry_run:
            job.say(texts.DRY_RUN_EXPIRE.format(draft_id=draft_id, account_id=account_id))
            continue
        reason = texts.EXPIRE_REASON.format(planned=format_datetime(planned_at, job.runtime.tz))
        if approval.expire(session=session, draft_id=draft_id, reason=reason) is not None:
            expired.append(draft_id)
    return expired


def expiry_notices(*, session: Session, at: dt.datetime, tz: dt.tzinfo) -> list[Outgoing]:
    """The authors of recently expired drafts (the lookup is bounded by the planned time)."""
    stmt = select(Draft.id, Draft.account_id, Draft.author, Draft.planned_at).where(
        Draft.state == DraftState.EXPIRED,
        Draft.planned_at.is_not(None),
        Draft.planned_at >= at - EXPIRED_NOTICE_WINDOW,
        Draft.planned_at < at,
    )
    out = []
    for draft_id, account_id, author, planned_at in sorted(session.execute(stmt).all()):
        text = texts.DRAFT_EXPIRED.format(
            draft_id=draft_id, account_id=account_id, planned=format_datetime(planned_at, tz)
        )
        out.append(delivery.notice(author, text, [Key(f"draft:{draft_id}:author", "expired")]))
    return out


def _drafts_module() -> Any:
    """``bot.drafts`` (the Slack side of drafts), if this build has it."""
    try:
        return importlib.import_module("bot.drafts")
    except ModuleNotFoundError as exc:
        if exc.name != "bot.drafts":
            raise
        return None


def redraw_replies(runtime: Runtime, draft_ids: Sequence[int]) -> None:
    """Redraw the expired drafts' thread replies (their approval buttons go)."""
    drafts = _drafts_module()
    refresh = getattr(drafts, "refresh_reply", None)
    if refresh is None:
        return
    for draft_id in draft_ids:
        refresh(runtime, draft_id=draft_id)


def resend_missing_replies(runtime: Runtime) -> int:
    drafts = _drafts_module()
    resend = getattr(drafts, "resend_missing_replies", None)
    return resend(runtime) if resend is not None else 0


# --- The job ------------------------------------------------------------------------------------------------------


def run(
    runtime: Runtime, *, at: dt.datetime | None = None, dry_run: bool = False, out: TextIO | None = None
) -> JobResult:
    job = JobRun.start(runtime, JOB, at=at, dry_run=dry_run, out=out)
    with runtime.db.Session.begin() as session:
        expired = expire_overdue(job, session)
    if expired:
        job.notes.append(texts.EXPIRED_COUNT.format(count=len(expired)))
        redraw_replies(runtime, expired)
    if not job.in_working_time():
        return job.finish()
    if not dry_run:
        resent = resend_missing_replies(runtime)
        if resent:
            job.notes.append(texts.RESENT_REPLIES.format(count=resent))
    schedule = runtime.config.schedule
    remind_after = schedule.approval_reminder_after_working_hours
    pr_after = schedule.approval_pr_after_working_hours
    clock = WorkingClock(job.working_hours, runtime.tz)
    with runtime.db.Session.begin() as session:
        waiting = waiting_drafts(session=session, at=job.at, min_hours=min(remind_after, pr_after), today=job.today)
        messages = [
            *reminders(
                waiting,
                at=job.at,
                clock=clock,
                remind_after=remind_after,
                pr_after=pr_after,
                pr_channel=runtime.config.channels.pr,
            ),
            *expiry_notices(session=session, at=job.at, tz=runtime.tz),
        ]
        messages = delivery.unsent(session=session, job=JOB, messages=messages)
    job.deliverer.deliver_all(messages)
    return job.finish()
