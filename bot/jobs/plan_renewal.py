"""`plan-renewal`: an operation plan per fiscal year (joetsu 6(1)①; yatsushiro issues IDs per year).

Plans run to the end of the fiscal year. From ``plan_renewal_from`` (02-01) the manager of every
account whose plan ends before the coming lapse date is reminded weekly to renew; from
``plan_renewal_pr_from`` (03-15) PR gets a weekly list too. An account whose ``plan_valid_until`` is
before today is lapsed: the workflow already refuses its approvals (``accounts.check_can_publish``);
this job records the lapse once in the audit trail and tells the manager and PR, once per plan end
date. Renewal (``/sns-account`` or ``accounts import``) moves ``plan_valid_until`` and stops all of it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.blocks import escape
from bot.blocks import reminders as texts
from bot.jobs import delivery
from bot.jobs.delivery import Key, Outgoing
from bot.jobs.periods import ONE_DAY, RenewalSeason, renewal_season, weekly_key
from bot.jobs.runs import JobResult, JobRun
from bot.messages import format_date, mention
from bot.runtime import Runtime
from storage.models import Account
from storage.repositories import audit as audit_repo
from storage.repositories import reminders as reminders_repo

JOB = "plan-renewal"


@dataclasses.dataclass(frozen=True, slots=True)
class PlanRow:
    id: str
    platform: str
    handle: str
    department: str
    manager: str
    plan_valid_until: dt.date


def plans_ending_before(*, session: Session, day: dt.date) -> list[PlanRow]:
    """Accounts whose plan ends before ``day`` (not renewed for the coming cycle, or lapsed): one statement."""
    stmt = (
        select(
            Account.id, Account.platform, Account.handle, Account.department, Account.manager, Account.plan_valid_until
        )
        .where(Account.plan_valid_until < day)
        .order_by(Account.plan_valid_until, Account.id)
    )
    return [PlanRow(*row) for row in session.connection().execute(stmt).all()]


def renewal_reminders(due: Sequence[PlanRow], *, season: RenewalSeason, today: dt.date) -> list[Outgoing]:
    if today < season.reminders_from:
        return []
    period = weekly_key(season.scope, season.reminders_from, today)
    out = []
    for a in due:
        text = texts.RENEWAL_REMINDER.format(
            account_id=a.id,
            platform=texts.platform_label(a.platform),
            handle=escape(a.handle),
            valid_until=format_date(a.plan_valid_until),
            lapse_on=format_date(a.plan_valid_until + ONE_DAY),
        )
        out.append(
            Outgoing(
                channel=a.manager,
                text=text,
                blocks=partial(texts.build_renewal_blocks, text, a.id),
                keys=(Key(f"renewal:{a.id}:{a.manager}", period),),
            )
        )
    return out


def renewal_pr_digest(
    due: Sequence[PlanRow], *, season: RenewalSeason, today: dt.date, pr_channel: str
) -> list[Outgoing]:
    if today < season.pr_from or not due:
        return []
    period = weekly_key(season.scope, season.pr_from, today)
    lines = [
        texts.RENEWAL_PR_LINE.format(
            account_id=a.id,
            department=escape(a.department),
            valid_until=format_date(a.plan_valid_until),
            manager=mention(a.manager),
        )
        for a in due
    ]
    text = texts.RENEWAL_PR_DIGEST.format(lines=texts.digest_lines(lines))
    return [
        Outgoing(
            channel=pr_channel,
            text=text,
            blocks=partial(texts.build_notice_blocks, text),
            keys=tuple(Key(f"renewal-pr:{a.id}", period) for a in due),
        )
    ]


def _lapse_period(a: PlanRow) -> str:
    # The plan's end date, not the fiscal year: a plan renewed and left to lapse again is a new lapse.
    return a.plan_valid_until.isoformat()


def _lapse_pr_key(a: PlanRow) -> Key:
    return Key(f"lapse-pr:{a.id}", _lapse_period(a))


def _untold(session: Session, rows: Sequence[PlanRow], key_of: Callable[[PlanRow], Key]) -> list[PlanRow]:
    keys = [key_of(a) for a in rows]
    done = delivery.sent_keys(session=session, job=JOB, keys=keys)
    return [a for a, key in zip(rows, keys, strict=True) if key not in done]


def lapse_notices(lapsed: Sequence[PlanRow], *, pr_channel: str) -> list[Outgoing]:
    out = []
    for a in lapsed:
        text = texts.LAPSE_NOTICE.format(
            account_id=a.id,
            platform=texts.platform_label(a.platform),
            handle=escape(a.handle),
            valid_until=format_date(a.plan_valid_until),
        )
        out.append(
            Outgoing(
                channel=a.manager,
                text=text,
                blocks=partial(texts.build_renewal_blocks, text, a.id),
                keys=(Key(f"lapse-notice:{a.id}:{a.manager}", _lapse_period(a)),),
            )
        )
    return out


def lapse_pr_digest(lapsed: Sequence[PlanRow], *, pr_channel: str) -> list[Outgoing]:
    """One message for the accounts whose lapse PR has not heard of yet (the caller drops the others)."""
    if not lapsed:
        return []
    lines = [
        texts.LAPSE_PR_LINE.format(
            account_id=a.id,
            department=escape(a.department),
            valid_until=format_date(a.plan_valid_until),
            manager=mention(a.manager),
        )
        for a in lapsed
    ]
    text = texts.LAPSE_PR_DIGEST.format(lines=texts.digest_lines(lines))
    return [
        Outgoing(
            channel=pr_channel,
            text=text,
            blocks=partial(texts.build_notice_blocks, text),
            keys=tuple(_lapse_pr_key(a) for a in lapsed),
        )
    ]


def record_lapses(job: JobRun, session: Session, lapsed: Sequence[PlanRow]) -> int:
    """The audit trail's record of each lapse, exactly once (the reminder_log row is the guard)."""
    keys = [Key(f"lapse:{a.id}", _lapse_period(a)) for a in lapsed]
    done = delivery.sent_keys(session=session, job=JOB, keys=keys)
    recorded = 0
    for a, key in zip(lapsed, keys, strict=True):
        if key in done:
            continue
        valid_until = format_date(a.plan_valid_until)
        if job.dry_run:
            job.say(
                texts.DRY_RUN_RECORD.format(what=texts.RECORD_LAPSE.format(account_id=a.id, valid_until=valid_until))
            )
            continue
        if reminders_repo.claim(session=session, job=JOB, entity=key.entity, period=key.period, at=job.runtime.clock()):
            audit_repo.record(
                session=session,
                actor="system",
                entity="account",
                entity_id=a.id,
                action="plan_lapsed",
                reason=texts.LAPSE_AUDIT_REASON.format(valid_until=valid_until),
                data={"plan_valid_until": a.plan_valid_until.isoformat()},
                at=job.runtime.clock(),
            )
            recorded += 1
    return recorded


def run(
    runtime: Runtime, *, at: dt.datetime | None = None, dry_run: bool = False, out: TextIO | None = None
) -> JobResult:
    job = JobRun.start(runtime, JOB, at=at, dry_run=dry_run, out=out)
    if not job.in_working_time():
        return job.finish()
    schedule = runtime.config.schedule
    pr = runtime.config.channels.pr
    season = renewal_season(
        job.today,
        renewal_from=schedule.plan_renewal_from,
        pr_from=schedule.plan_renewal_pr_from,
        lapse_on=schedule.plan_lapse_on,
    )
    with runtime.db.Session.begin() as session:
        rows = plans_ending_before(session=session, day=season.lapse_on)
        lapsed = [a for a in rows if a.plan_valid_until < job.today]
        due = [a for a in rows if a.plan_valid_until >= job.today]
        recorded = record_lapses(job, session, lapsed)
        messages = [
            *renewal_reminders(due, season=season, today=job.today),
            *lapse_notices(lapsed, pr_channel=pr),
        ]
        messages = delivery.unsent(session=session, job=JOB, messages=messages)
        # A digest lists only what PR has not been told yet: filter the accounts first, then build it.
        messages += lapse_pr_digest(_untold(session, lapsed, _lapse_pr_key), pr_channel=pr)
        if job.today >= season.pr_from:
            period = weekly_key(season.scope, season.pr_from, job.today)
            untold = _untold(session, due, lambda a: Key(f"renewal-pr:{a.id}", period))
            messages += renewal_pr_digest(untold, season=season, today=job.today, pr_channel=pr)
    if recorded:
        job.notes.append(texts.RECORDED_COUNT.format(count=recorded))
    job.deliverer.deliver_all(messages)
    return job.finish()
