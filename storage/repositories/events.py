"""Handled Slack event IDs (Slack delivers at least once)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.orm import Session

from storage.db import utcnow
from storage.models import HandledEvent
from storage.repositories._dialect import insert


def claim(*, session: Session, event_id: str, at: dt.datetime | None = None) -> bool:
    """Record the event as handled; False when it already was (by us or by another instance).

    The row is part of the caller's unit of work: if handling fails and rolls back, so does the
    claim, and Slack's retry is handled afresh. A concurrent claim of the same ID waits for ours
    to commit or roll back (PostgreSQL's unique index; SQLite's single writer) and then sees it.
    """
    stmt = (
        insert(session, HandledEvent)
        .values(event_id=event_id, received_at=at or utcnow())
        .on_conflict_do_nothing(index_elements=[HandledEvent.event_id])
        .returning(HandledEvent.event_id)
    )
    # RETURNING rather than rowcount: psycopg reports no row count for INSERT ... ON CONFLICT here.
    return session.execute(stmt).first() is not None


def prune(*, session: Session, before: dt.datetime) -> int:
    """Forget events older than Slack's retry window; returns how many were removed."""
    return session.execute(delete(HandledEvent).where(HandledEvent.received_at < before)).rowcount
