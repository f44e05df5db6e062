"""Slack delivers events at least once: recognise a retried delivery so it does nothing twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from storage.db import utcnow
from storage.repositories import events as events_repo

# Slack retries for about an hour; keep IDs well beyond that.
KEEP_HANDLED_EVENTS = dt.timedelta(days=7)


def first_delivery(*, session: Session, event_id: str) -> bool:
    """True the first time an event ID is seen (handle it), False for a retry (do nothing).

    Call it inside the unit of work that handles the event: if handling fails, the record rolls
    back with it and Slack's retry is handled afresh; a concurrent delivery of the same ID, in this
    or another bot instance, waits for ours and then gets False.
    """
    if not event_id:
        raise ValueError("event_id is empty")
    return events_repo.claim(session=session, event_id=event_id)


def forget_old(*, session: Session, now: dt.datetime | None = None) -> int:
    """Drop records older than ``KEEP_HANDLED_EVENTS`` (for a daily housekeeping job)."""
    return events_repo.prune(session=session, before=(now or utcnow()) - KEEP_HANDLED_EVENTS)
