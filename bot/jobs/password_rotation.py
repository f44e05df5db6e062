"""`password-rotation`: passwords changed regularly, two-step verification on (joetsu 6(1)①【パスワード】).

- The manager is reminded weekly from ``NOTICE_DAYS`` before the due date (last change +
  ``password_interval_days``) until the change is recorded; an account with no recorded change is
  treated as due.
- Infosec is told once when an account's password becomes overdue (one list per run of the
  accounts that became overdue since the last one).
- Infosec gets a weekly list of the accounts without two-step verification.

The bot never sees a password: the change is recorded with a button (who, when), see
``bot.accounts_slack``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.blocks import reminders as texts
from bot.blocks.account import AccountLabel
from bot.jobs import delivery
from bot.jobs.delivery import Key, Outgoing
from bot.jobs.periods import iso_week_key, weekly_key
from bot.jobs.runs import JobRun, working_time_job
from bot.messages import format_date
from storage.models import Account
from storage.repositories import accounts as accounts_repo

JOB = "password-rotation"
# The manager hears about a change two weeks before it is due. TODO(lead): could become a
# `schedule.password_notice_days` key in bot/config.py.
NOTICE_DAYS = 14
NO_2FA_ENTITY = "infosec:no-2fa"


@dataclasses.dataclass(frozen=True, slots=True)
class PasswordRow(AccountLabel):
    password_rotated_on: dt.date | None
    two_factor: bool

    def due(self, interval_days: int) -> dt.date | None:
        if self.password_rotated_on is None:
            return None
        return self.password_rotated_on + dt.timedelta(days=interval_days)

    def fields(self, today: dt.date, interval_days: int) -> dict[str, object]:
        """The placeholders of this job's texts (the rotation's ones only when a change is recorded)."""
        out: dict[str, object] = {**texts.account_fields(self), "interval": interval_days}
        if self.password_rotated_on is not None:
            out["rotated_on"] = format_date(self.password_rotated_on)
            out["age"] = (today - self.password_rotated_on).days
        return out


def password_rows(*, session: Session) -> list[PasswordRow]:
    """Every account's password and two-step state: one statement, plain rows."""
    stmt = select(*accounts_repo.LABEL_COLUMNS, Account.password_rotated_on, Account.two_factor).order_by(Account.id)
    return [PasswordRow(*row) for row in session.connection().execute(stmt).all()]


def manager_reminders(rows: Sequence[PasswordRow], *, today: dt.date, interval_days: int) -> list[Outgoing]:
    out = []
    for a in rows:
        due = a.due(interval_days)
        fields = a.fields(today, interval_days)
        if due is None:
            text = texts.PASSWORD_NEVER.format(**fields)
            period = f"never-{iso_week_key(today)}"
        else:
            notice_from = due - dt.timedelta(days=NOTICE_DAYS)
            if today < notice_from:
                continue
            template = texts.PASSWORD_OVERDUE if today >= due else texts.PASSWORD_DUE_SOON
            text = template.format(**fields, due=format_date(due))
            # Weekly from the notice date of this due date: a recorded change starts a new series.
            period = weekly_key(f"due{due:%Y%m%d}", notice_from, today)
        blocks = partial(texts.build_password_blocks, text, a.id)
        out += delivery.to_each([a.manager], text, entity=f"manager:{a.id}", period=period, blocks=blocks)
    return out


def _overdue_key(a: PasswordRow, interval_days: int) -> Key:
    due = a.due(interval_days)
    return Key(f"overdue:{a.id}", due.isoformat() if due else "never")


def overdue_rows(rows: Sequence[PasswordRow], *, today: dt.date, interval_days: int) -> list[PasswordRow]:
    return [a for a in rows if (due := a.due(interval_days)) is None or today >= due]


def infosec_overdue_digest(
    overdue: Sequence[PasswordRow], *, today: dt.date, interval_days: int, channel: str
) -> list[Outgoing]:
    if not overdue:
        return []
    lines = [
        (texts.INFOSEC_NEVER_LINE if a.password_rotated_on is None else texts.INFOSEC_OVERDUE_LINE).format(
            **a.fields(today, interval_days)
        )
        for a in overdue
    ]
    text = texts.INFOSEC_OVERDUE_DIGEST.format(interval=interval_days, lines=texts.digest_lines(lines))
    return [delivery.notice(channel, text, [_overdue_key(a, interval_days) for a in overdue])]


def no_two_factor_report(rows: Sequence[PasswordRow], *, today: dt.date, channel: str) -> list[Outgoing]:
    missing = [a for a in rows if not a.two_factor]
    if not missing:
        return []
    lines = [texts.INFOSEC_NO_2FA_LINE.format(**texts.account_fields(a)) for a in missing]
    text = texts.INFOSEC_NO_2FA.format(count=len(missing), lines=texts.digest_lines(lines))
    return [delivery.notice(channel, text, [Key(NO_2FA_ENTITY, iso_week_key(today))])]


@working_time_job(JOB)
def run(job: JobRun) -> None:
    interval = job.config.schedule.password_interval_days
    infosec = job.config.channels.infosec
    with job.runtime.db.Session.begin() as session:
        rows = password_rows(session=session)
        overdue = overdue_rows(rows, today=job.today, interval_days=interval)
        untold = delivery.untold(session=session, job=JOB, rows=overdue, key_of=lambda a: _overdue_key(a, interval))
        messages = [
            *manager_reminders(rows, today=job.today, interval_days=interval),
            *infosec_overdue_digest(untold, today=job.today, interval_days=interval, channel=infosec),
            *no_two_factor_report(rows, today=job.today, channel=infosec),
        ]
        messages = delivery.unsent(session=session, job=JOB, messages=messages)
    job.deliverer.deliver_all(messages)
