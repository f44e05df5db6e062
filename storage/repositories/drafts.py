"""Drafts and their state transitions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from storage.db import utcnow
from storage.models import Draft, DraftState


def add(*, session: Session, draft: Draft) -> Draft:
    session.add(draft)
    session.flush()
    return draft


def get(*, session: Session, draft_id: int) -> Draft | None:
    return session.get(Draft, draft_id)


def reload(*, session: Session, draft_id: int) -> Draft | None:
    """The row as the database has it now (after a conditional update lost a race)."""
    return session.get(Draft, draft_id, populate_existing=True)


def get_by_source(*, session: Session, channel: str, ts: str) -> Draft | None:
    """The draft posted as Slack message ``ts`` in ``channel`` (for message edits)."""
    return session.scalars(select(Draft).where(Draft.source_channel == channel, Draft.source_ts == ts)).first()


def recent_published_texts(*, session: Session, account_id: str, limit: int = 20) -> tuple[str, ...]:
    """The account's latest published texts, newest first (the `spam` rule's memory)."""
    stmt = (
        select(Draft.text)
        .where(Draft.account_id == account_id, Draft.state == DraftState.PUBLISHED)
        .order_by(Draft.published_at.desc())
        .limit(limit)
    )
    return tuple(session.scalars(stmt))


def in_states(*, session: Session, account_id: str, states: Iterable[DraftState]) -> list[Draft]:
    stmt = select(Draft).where(Draft.account_id == account_id, Draft.state.in_(list(states))).order_by(Draft.id)
    return list(session.scalars(stmt))


def transition(
    *,
    session: Session,
    draft_id: int,
    expected_state: DraftState,
    expected_version: int,
    values: dict[str, Any],
    conditions: Iterable[ColumnElement[bool]] = (),
    at: dt.datetime | None = None,
) -> Draft | None:
    """One conditional UPDATE: applies ``values`` only if the draft is still in ``expected_state`` at
    ``expected_version`` and every extra condition holds at that instant. Returns the updated draft,
    or None when anything had changed (another approver, another bot instance, an edit): exactly one
    of several concurrent callers wins.
    """
    stmt = (
        update(Draft)
        .where(
            Draft.id == draft_id,
            Draft.state == expected_state,
            Draft.version == expected_version,
            *conditions,
        )
        .values(**values, version=Draft.version + 1, updated_at=at or utcnow())
        .returning(Draft)
    )
    return session.execute(stmt, execution_options={"populate_existing": True}).scalar_one_or_none()


def set_reply(*, session: Session, draft_id: int, channel: str, ts: str) -> None:
    """Remember the bot's reply in Slack. Not a transition: the version stays, so no approval button goes stale."""
    session.execute(update(Draft).where(Draft.id == draft_id).values(reply_channel=channel, reply_ts=ts))
