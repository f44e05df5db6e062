"""The append-only audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import utcnow
from storage.models import AuditEvent


def record(
    *,
    session: Session,
    actor: str,
    entity: str,
    entity_id: str | int,
    action: str,
    from_state: str | None = None,
    to_state: str | None = None,
    content_hash: str | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    event = AuditEvent(
        at=at or utcnow(),
        actor=actor,
        entity=entity,
        entity_id=str(entity_id),
        action=action,
        from_state=from_state,
        to_state=to_state,
        content_hash=content_hash,
        reason=reason,
        data=data,
    )
    # No flush: the row goes out with the rest of the unit of work (in one INSERT with its neighbours).
    session.add(event)
    return event


def for_entity(*, session: Session, entity: str, entity_id: str | int) -> list[AuditEvent]:
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.entity == entity, AuditEvent.entity_id == str(entity_id))
        .order_by(AuditEvent.id)
    )
    return list(session.scalars(stmt))


def stream(*, session: Session, since: dt.datetime | None = None, batch: int = 1000) -> Iterator[AuditEvent]:
    """Every event (from ``since`` on), oldest first, fetched in batches so an export of years stays small in memory."""
    stmt = select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=batch)
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= since)
    yield from session.scalars(stmt)
