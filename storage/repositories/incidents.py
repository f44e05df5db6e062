"""Incidents (炎上, なりすまし, 乗っ取り): an open incident freezes its account."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Subquery, func, select, update
from sqlalchemy.orm import Session

from storage.db import utcnow
from storage.models import Incident, IncidentCounter, IncidentState, IncidentType
from storage.repositories._dialect import insert


def format_id(year: int, number: int) -> str:
    return f"INC-{year}-{number:04d}"


def next_number(*, session: Session, year: int) -> int:
    """The next number of ``year``, from one atomic upsert: concurrent callers never get the same one."""
    stmt = (
        insert(session, IncidentCounter)
        .values(year=year, last_number=1)
        .on_conflict_do_update(
            index_elements=[IncidentCounter.year],
            set_={"last_number": IncidentCounter.last_number + 1},
        )
        .returning(IncidentCounter.last_number)
    )
    return session.execute(stmt).scalar_one()


def open_incident(
    *,
    session: Session,
    year: int,
    type: IncidentType,
    opened_by: str,
    account_id: str | None = None,
    url: str | None = None,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> Incident:
    number = next_number(session=session, year=year)
    incident = Incident(
        id=format_id(year, number),
        year=year,
        number=number,
        account_id=account_id,
        type=type,
        state=IncidentState.OPEN,
        url=url,
        note=note,
        opened_by=opened_by,
        opened_at=at or utcnow(),
    )
    session.add(incident)
    session.flush()
    return incident


def get(*, session: Session, incident_id: str) -> Incident | None:
    return session.get(Incident, incident_id)


def open_for_account(*, session: Session, account_id: str) -> Incident | None:
    """The oldest open incident on the account, or None: the account is frozen while there is one."""
    stmt = (
        select(Incident)
        .where(Incident.account_id == account_id, Incident.state == IncidentState.OPEN)
        .order_by(Incident.opened_at, Incident.id)
        .limit(1)
    )
    return session.scalars(stmt).first()


def oldest_open_per_account() -> Subquery:
    """A subquery of (account_id, incident_id): each account's oldest open incident, for joining to the
    accounts (an account is frozen while it has one)."""
    return (
        select(Incident.account_id, func.min(Incident.id).label("incident_id"))
        .where(Incident.state == IncidentState.OPEN)
        .group_by(Incident.account_id)
        .subquery()
    )


def account_is_frozen(*, session: Session, account_id: str) -> bool:
    return open_for_account(session=session, account_id=account_id) is not None


def close(
    *, session: Session, incident_id: str, closed_by: str, summary: str | None = None, at: dt.datetime | None = None
) -> Incident | None:
    """Close an open incident; None when it was not open (already closed, or closed by someone else just now)."""
    stmt = (
        update(Incident)
        .where(Incident.id == incident_id, Incident.state == IncidentState.OPEN)
        .values(state=IncidentState.CLOSED, closed_by=closed_by, closed_at=at or utcnow(), summary=summary)
        .returning(Incident)
    )
    return session.execute(stmt, execution_options={"populate_existing": True}).scalar_one_or_none()
