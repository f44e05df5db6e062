"""The jobs' record of reminders sent, so a job run twice for the same period sends nothing twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from storage.db import utcnow
from storage.models import ReminderLog
from storage.repositories._dialect import insert


def claim(*, session: Session, job: str, entity: str, period: str, at: dt.datetime | None = None) -> bool:
    """Record that ``job`` reminded ``entity`` for ``period``; False when that was already recorded."""
    stmt = (
        insert(session, ReminderLog)
        .values(job=job, entity=entity, period=period, sent_at=at or utcnow())
        .on_conflict_do_nothing(index_elements=[ReminderLog.job, ReminderLog.entity, ReminderLog.period])
        .returning(ReminderLog.id)
    )
    return session.execute(stmt).first() is not None
