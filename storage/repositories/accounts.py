"""Accounts, their password rotations and plan renewals, and the overview behind `accounts list`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.db import utcnow
from storage.models import Account, Draft, DraftState, PasswordRotation, PlanRenewal
from storage.repositories import incidents as incidents_repo

_History = TypeVar("_History", PasswordRotation, PlanRenewal)

# The columns that name an account in a message (``bot.blocks.account.AccountLabel``, in this order).
LABEL_COLUMNS = (Account.id, Account.platform, Account.handle, Account.department, Account.manager)


def get(*, session: Session, account_id: str) -> Account | None:
    return session.get(Account, account_id)


def for_channel(*, session: Session, channel: str) -> list[Account]:
    """The accounts whose drafts are posted in ``channel``."""
    return list(session.scalars(select(Account).where(Account.drafts_channel == channel).order_by(Account.id)))


def add(*, session: Session, account: Account) -> Account:
    session.add(account)
    session.flush()
    return account


def record_password_rotation(
    *, session: Session, account: Account, rotated_on: dt.date, recorded_by: str, at: dt.datetime | None = None
) -> PasswordRotation:
    account.password_rotated_on = rotated_on
    return _history(session, PasswordRotation(account_id=account.id, rotated_on=rotated_on), recorded_by, at)


def record_plan_renewal(
    *, session: Session, account: Account, valid_until: dt.date, recorded_by: str, at: dt.datetime | None = None
) -> PlanRenewal:
    account.plan_valid_until = valid_until
    return _history(session, PlanRenewal(account_id=account.id, valid_until=valid_until), recorded_by, at)


def _history(session: Session, row: _History, recorded_by: str, at: dt.datetime | None) -> _History:
    """Add a row to one of the account's histories, stamped with who recorded it and when."""
    row.recorded_by = recorded_by
    row.recorded_at = at or utcnow()
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True, slots=True)
class AccountOverview:
    """What `accounts list` shows of an account: plain values, no ORM object (10,000 of those are slow)."""

    id: str
    platform: str
    department: str
    manager: str
    plan_valid_until: dt.date
    password_rotated_on: dt.date | None
    min_posts_per_month: int
    posts_this_month: int
    open_incident_id: str | None


def overview(*, session: Session, month_start: dt.datetime) -> list[AccountOverview]:
    """Every account with its published posts since ``month_start`` and its oldest open incident.

    One statement whatever the number of accounts: two grouped subqueries joined to the accounts
    (the count is a range scan of the (state, published_at, account_id) index over this month).
    """
    posts = (
        select(Draft.account_id, func.count().label("n"))
        .where(Draft.state == DraftState.PUBLISHED, Draft.published_at >= month_start)
        .group_by(Draft.account_id)
        .subquery()
    )
    incidents = incidents_repo.oldest_open_per_account()
    stmt = (
        select(
            Account.id,
            Account.platform,
            Account.department,
            Account.manager,
            Account.plan_valid_until,
            Account.password_rotated_on,
            Account.min_posts_per_month,
            func.coalesce(posts.c.n, 0),
            incidents.c.incident_id,
        )
        .outerjoin(posts, posts.c.account_id == Account.id)
        .outerjoin(incidents, incidents.c.account_id == Account.id)
        .order_by(Account.id)
    )
    # Plain Core rows (through the session's connection): no ORM result machinery for 10,000 rows.
    return [AccountOverview(*row) for row in session.connection().execute(stmt)]
