"""The jobs' record of reminders sent, so a job run twice for the same period sends nothing twice.

Every statement on ``reminder_log`` is here: the sent records (``claim``, ``sent``), the short-lived
leases that ``bot.jobs.delivery`` holds while it sends (``take_lease``, ``drop_leases``) and each
job's last run (``record_last_run``, ``last_runs``). Keys are ``(entity, period)`` pairs.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence

from sqlalchemy import String, and_, bindparam, delete, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from storage.db import utcnow
from storage.models import ReminderLog
from storage.repositories._dialect import insert

# A lease on a key is the row (job, entity, period + LEASE_SUFFIX).
LEASE_SUFFIX = "~lease"
# The entity under which a job records its last run (for `jobs list`); not a reminder.
LAST_RUN_ENTITY = "~last-run"
LAST_RUN_PERIOD = "-"
# Keys looked up per statement: two bound values each, well under SQLite's 32,766 and PostgreSQL's 65,535.
_LOOKUP_BATCH = 10_000


def claim(*, session: Session, job: str, entity: str, period: str, at: dt.datetime | None = None) -> bool:
    """Record that ``job`` reminded ``entity`` for ``period``; False when that was already recorded."""
    stmt = (
        insert(session, ReminderLog)
        .values(job=job, entity=entity, period=period, sent_at=at or utcnow())
        .on_conflict_do_nothing(index_elements=[ReminderLog.job, ReminderLog.entity, ReminderLog.period])
        .returning(ReminderLog.id)
    )
    return session.execute(stmt).first() is not None


def sent(*, session: Session, job: str, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The keys among ``keys`` recorded for ``job``: exact lookups on the (job, entity, period) unique
    index, ``_LOOKUP_BATCH`` keys per statement (a run's keys fit in one or a few statements).

    PostgreSQL gets the keys as two array parameters joined through ``unnest``: a row-value ``IN`` of
    thousands of pairs is a query text of thousands of placeholders, slow to send and to plan.
    """
    wanted = sorted(set(keys))
    postgres = session.get_bind().dialect.name == "postgresql"
    found: set[tuple[str, str]] = set()
    for i in range(0, len(wanted), _LOOKUP_BATCH):
        batch = wanted[i : i + _LOOKUP_BATCH]
        stmt = select(ReminderLog.entity, ReminderLog.period).where(ReminderLog.job == job)
        if postgres:
            pairs = (
                func.unnest(
                    bindparam("entities", [entity for entity, _ in batch], type_=ARRAY(String)),
                    bindparam("periods", [period for _, period in batch], type_=ARRAY(String)),
                )
                .table_valued("entity", "period")
                .render_derived(name="wanted")
            )
            stmt = stmt.join(pairs, and_(ReminderLog.entity == pairs.c.entity, ReminderLog.period == pairs.c.period))
        else:
            stmt = stmt.where(tuple_(ReminderLog.entity, ReminderLog.period).in_(batch))
        found.update((entity, period) for entity, period in session.execute(stmt))
    return found


def is_sent(*, session: Session, job: str, entity: str, period: str) -> bool:
    """Whether ``job`` already reminded ``entity`` for ``period`` (a dry run must not claim it)."""
    return bool(sent(session=session, job=job, keys=[(entity, period)]))


class Lease(enum.Enum):
    TAKEN = "taken"  # nobody held it
    TAKEN_OVER = "taken_over"  # its holder's lease had expired (it crashed between lease and record)
    HELD = "held"  # another holder has it now


def take_lease(*, session: Session, job: str, entity: str, period: str, at: dt.datetime, expiry: dt.timedelta) -> Lease:
    """Lease the key (entity, period): an insert that the unique constraint lets exactly one caller win,
    or one conditional UPDATE that takes over a lease older than ``expiry``."""
    lease = period + LEASE_SUFFIX
    if claim(session=session, job=job, entity=entity, period=lease, at=at):
        return Lease.TAKEN
    taken_over = session.execute(
        update(ReminderLog)
        .where(
            ReminderLog.job == job,
            ReminderLog.entity == entity,
            ReminderLog.period == lease,
            ReminderLog.sent_at < at - expiry,
        )
        .values(sent_at=at)
        .returning(ReminderLog.id)
    ).first()
    return Lease.HELD if taken_over is None else Lease.TAKEN_OVER


def drop_leases(*, session: Session, job: str, keys: Sequence[tuple[str, str]]) -> None:
    leases = [(entity, period + LEASE_SUFFIX) for entity, period in keys]
    session.execute(
        delete(ReminderLog).where(ReminderLog.job == job, tuple_(ReminderLog.entity, ReminderLog.period).in_(leases))
    )


def record_last_run(*, session: Session, job: str, at: dt.datetime) -> None:
    """Remember when ``job`` last ran (shown by `jobs list`): one row per job, updated in place."""
    stmt = (
        update(ReminderLog)
        .where(ReminderLog.job == job, ReminderLog.entity == LAST_RUN_ENTITY, ReminderLog.period == LAST_RUN_PERIOD)
        .values(sent_at=at)
        .returning(ReminderLog.id)
    )
    if session.execute(stmt).first() is None:
        claim(session=session, job=job, entity=LAST_RUN_ENTITY, period=LAST_RUN_PERIOD, at=at)


def last_runs(*, session: Session) -> dict[str, dt.datetime]:
    stmt = select(ReminderLog.job, ReminderLog.sent_at).where(
        ReminderLog.entity == LAST_RUN_ENTITY, ReminderLog.period == LAST_RUN_PERIOD
    )
    return {job: at for job, at in session.execute(stmt)}
