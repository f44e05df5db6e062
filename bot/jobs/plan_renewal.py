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

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.blocks import reminders as texts
from bot.blocks.account import AccountLabel
from bot.jobs import delivery
from bot.jobs.delivery import Key, Outgoing
from bot.jobs.periods import ONE_DAY, RenewalSeason, plan_season, weekly_key
from bot.jobs.runs import AccountRecord, JobRun, working_time_job
from bot.messages import format_date
from storage.models import Account
from storage.repositories import accounts as accounts_repo

JOB = "plan-renewal"


@dataclasses.dataclass(frozen=True, slots=True)
class PlanRow(AccountLabel):
    plan_valid_until: dt.date

    def fields(self) -> dict[str, str]:
        """The placeholders of this job's texts."""
        return {
            **texts.account_fields(self),
            "valid_until": format_date(self.plan_valid_until),
            "lapse_on": format_date(self.plan_valid_until + ONE_DAY),
        }


def plans_ending_before(*, session: Session, day: dt.date) -> list[PlanRow]:
    """Accounts whose plan ends before ``day`` (not renewed for the coming cycle, or lapsed): one statement."""
    stmt = (
        select(*accounts_repo.LABEL_COLUMNS, Account.plan_valid_until)
        .where(Account.plan_valid_until < day)
        .order_by(Account.plan_valid_until, Account.id)
    )
    return [PlanRow(*row) for row in session.connection().execute(stmt).all()]


def _to_manager(a: PlanRow, template: str, *, kind: str, period: str) -> list[Outgoing]:
    text = template.format(**a.fields())
    blocks = partial(texts.build_renewal_blocks, text, a.id)
    return delivery.to_each([a.manager], text, entity=f"{kind}:{a.id}", period=period, blocks=blocks)


# (line, digest) templates of PR's weekly renewal list and of its lapse list.
RENEWAL_PR = (texts.RENEWAL_PR_LINE, texts.RENEWAL_PR_DIGEST)
LAPSE_PR = (texts.LAPSE_PR_LINE, texts.LAPSE_PR_DIGEST)


def _pr_digest(
    rows: Sequence[PlanRow], templates: tuple[str, str], keys: list[Key], *, pr_channel: str
) -> list[Outgoing]:
    if not rows:
        return []
    line, digest = templates
    text = digest.format(lines=texts.digest_lines([line.format(**a.fields()) for a in rows]))
    return [delivery.notice(pr_channel, text, keys)]


def _renewal_pr_key(period: str) -> Callable[[PlanRow], Key]:
    return lambda a: Key(f"renewal-pr:{a.id}", period)


def renewal_reminders(due: Sequence[PlanRow], *, season: RenewalSeason, today: dt.date) -> list[Outgoing]:
    if today < season.reminders_from:
        return []
    period = weekly_key(season.scope, season.reminders_from, today)
    return [m for a in due for m in _to_manager(a, texts.RENEWAL_REMINDER, kind="renewal", period=period)]


def renewal_pr_digest(
    due: Sequence[PlanRow], *, season: RenewalSeason, today: dt.date, pr_channel: str
) -> list[Outgoing]:
    if today < season.pr_from:
        return []
    key_of = _renewal_pr_key(weekly_key(season.scope, season.pr_from, today))
    return _pr_digest(due, RENEWAL_PR, [key_of(a) for a in due], pr_channel=pr_channel)


def _lapse_period(a: PlanRow) -> str:
    # The plan's end date, not the fiscal year: a plan renewed and left to lapse again is a new lapse.
    return a.plan_valid_until.isoformat()


def _lapse_pr_key(a: PlanRow) -> Key:
    return Key(f"lapse-pr:{a.id}", _lapse_period(a))


def lapse_notices(lapsed: Sequence[PlanRow], *, pr_channel: str) -> list[Outgoing]:
    return [m for a in lapsed for m in _to_manager(a, texts.LAPSE_NOTICE, kind="lapse-notice", period=_lapse_period(a))]


def lapse_pr_digest(lapsed: Sequence[PlanRow], *, pr_channel: str) -> list[Outgoing]:
    """One message for the accounts whose lapse PR has not heard of yet (the caller drops the others)."""
    return _pr_digest(lapsed, LAPSE_PR, [_lapse_pr_key(a) for a in lapsed], pr_channel=pr_channel)


def lapse_records(lapsed: Sequence[PlanRow]) -> list[AccountRecord]:
    """The audit trail's record of each lapse (made exactly once by ``JobRun.record_once``)."""
    return [
        AccountRecord(
            key=Key(f"lapse:{a.id}", _lapse_period(a)),
            account_id=a.id,
            action="plan_lapsed",
            description=texts.RECORD_LAPSE.format(**a.fields()),
            reason=texts.LAPSE_AUDIT_REASON.format(**a.fields()),
            data={"plan_valid_until": a.plan_valid_until.isoformat()},
        )
        for a in lapsed
    ]


@working_time_job(JOB)
def run(job: JobRun) -> None:
    pr = job.config.channels.pr
    season = plan_season(job.config.schedule, job.today)
    with job.runtime.db.Session.begin() as session:
        rows = plans_ending_before(session=session, day=season.lapse_on)
        lapsed = [a for a in rows if a.plan_valid_until < job.today]
        due = [a for a in rows if a.plan_valid_until >= job.today]
        job.record_once(session, lapse_records(lapsed))
        messages = [
            *renewal_reminders(due, season=season, today=job.today),
            *lapse_notices(lapsed, pr_channel=pr),
        ]
        messages = delivery.unsent(session=session, job=JOB, messages=messages)
        # A digest lists only what PR has not been told yet: filter the accounts first, then build it.
        untold_lapses = delivery.untold(session=session, job=JOB, rows=lapsed, key_of=_lapse_pr_key)
        messages += lapse_pr_digest(untold_lapses, pr_channel=pr)
        if job.today >= season.pr_from:
            key_of = _renewal_pr_key(weekly_key(season.scope, season.pr_from, job.today))
            untold = delivery.untold(session=session, job=JOB, rows=due, key_of=key_of)
            messages += renewal_pr_digest(untold, season=season, today=job.today, pr_channel=pr)
    job.deliverer.deliver_all(messages)
