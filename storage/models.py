"""The domain's tables: accounts, drafts, the audit trail, incidents and the jobs' bookkeeping.

Times are timezone-aware (stored in UTC, shown in Asia/Tokyo). Rows that record history
(audit events, password rotations, plan renewals) are only ever inserted.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

from sqlalchemy import (
    Date,
    Enum,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from rules.model import Verdict
from storage.db import utcnow
from storage.types import JSONType, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SLACK_ID = String(32)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime(),
        dt.date: Date(),
        dict[str, Any]: JSONType,
        list[str]: JSONType,
        list[dict[str, Any]]: JSONType,
    }


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    # A VARCHAR with a CHECK constraint rather than a native PostgreSQL enum: adding a state is then
    # an ordinary migration on both databases.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class DraftState(enum.StrEnum):
    SCREENED = "screened"  # screened; a `block` verdict stays here until the text is edited
    AWAITING_APPROVAL = "awaiting_approval"
    ON_HOLD = "on_hold"  # awaiting approval, but the account has an open incident
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"
    PUBLISHED = "published"
    VOIDED = "voided"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class DraftVia(enum.StrEnum):
    """How a draft came in, which decides how its author changes it."""

    CHANNEL = "channel"  # the author's own message in a drafts channel: they edit the message
    MODAL = "modal"  # /sns-draft: the bot posted it, so the author edits it through the bot


class IncidentType(enum.StrEnum):
    FLAMING = "flaming"
    IMPERSONATION = "impersonation"
    HIJACK = "hijack"


class IncidentState(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str] = mapped_column(String(100))
    department: Mapped[str] = mapped_column(String(100))
    manager: Mapped[str] = mapped_column(SLACK_ID)  # 運用管理責任者
    deputies: Mapped[list[str]] = mapped_column(default=list)
    operators: Mapped[list[str]] = mapped_column(default=list)
    drafts_channel: Mapped[str] = mapped_column(SLACK_ID, index=True)
    plan_valid_until: Mapped[dt.date]
    password_rotated_on: Mapped[dt.date | None]
    two_factor: Mapped[bool] = mapped_column(default=False)
    min_posts_per_month: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def approvers(self) -> tuple[str, ...]:
        return (self.manager, *self.deputies)

    def plan_lapsed(self, today: dt.date) -> bool:
        return self.plan_valid_until < today


class Draft(Base):
    __tablename__ = "drafts"
    __table_args__ = (
        # one account's recent published posts (the `spam` rule's memory), newest first
        Index(None, "account_id", "state", "published_at"),
        # every account's posts this month in one grouped query: a range scan over this month only
        Index(None, "state", "published_at", "account_id"),
        # approval reminders: what has been waiting since when
        Index(None, "state", "approval_requested_at"),
        UniqueConstraint("source_channel", "source_ts"),
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="RESTRICT"))
    author: Mapped[str] = mapped_column(SLACK_ID)
    text: Mapped[str] = mapped_column(Text)
    platform: Mapped[str] = mapped_column(String(16))
    planned_at: Mapped[dt.datetime | None]
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    content_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[DraftState] = mapped_column(_enum(DraftState, "draft_state"))
    verdict: Mapped[Verdict] = mapped_column(_enum(Verdict, "draft_verdict"))
    findings: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    via: Mapped[DraftVia] = mapped_column(
        _enum(DraftVia, "draft_via"), default=DraftVia.CHANNEL, server_default=DraftVia.CHANNEL.value
    )
    # Where the draft came from in Slack and where the bot answered, so the Slack layer can update both.
    source_channel: Mapped[str | None] = mapped_column(SLACK_ID)
    source_ts: Mapped[str | None] = mapped_column(String(32))
    reply_channel: Mapped[str | None] = mapped_column(SLACK_ID)
    reply_ts: Mapped[str | None] = mapped_column(String(32))
    approval_requested_at: Mapped[dt.datetime | None]
    decided_by: Mapped[str | None] = mapped_column(SLACK_ID)
    decided_at: Mapped[dt.datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(Text)
    approved_hash: Mapped[str | None] = mapped_column(String(64))
    accepted_warnings: Mapped[list[str]] = mapped_column(default=list)  # rule codes of the accepted warn findings
    published_url: Mapped[str | None] = mapped_column(String(2048))
    published_at: Mapped[dt.datetime | None]
    published_by: Mapped[str | None] = mapped_column(SLACK_ID)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)  # bumped by every transition and edit


class AuditEvent(Base):
    """Append-only (a trigger refuses UPDATE and DELETE): who did what to which entity, and when."""

    __tablename__ = "audit_events"
    __table_args__ = (Index(None, "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(64))  # a Slack user ID, or "system" / "cli"
    entity: Mapped[str] = mapped_column(String(16))  # "draft", "account", "incident"
    entity_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str | None] = mapped_column(String(32))
    content_hash: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None]


class HandledEvent(Base):
    """Slack delivers at least once: an event ID recorded here has been handled."""

    __tablename__ = "handled_events"

    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class Incident(Base):
    __tablename__ = "incidents"
    __table_args__ = (
        UniqueConstraint("year", "number"),
        Index(None, "account_id", "state"),
    )

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # INC-2026-0001
    year: Mapped[int]
    number: Mapped[int]
    account_id: Mapped[str | None] = mapped_column(ForeignKey("accounts.id", ondelete="RESTRICT"))
    type: Mapped[IncidentType] = mapped_column(_enum(IncidentType, "incident_type"))
    state: Mapped[IncidentState] = mapped_column(_enum(IncidentState, "incident_state"))
    url: Mapped[str | None] = mapped_column(String(2048))
    note: Mapped[str | None] = mapped_column(Text)
    opened_by: Mapped[str] = mapped_column(SLACK_ID)
    opened_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(SLACK_ID)
    closed_at: Mapped[dt.datetime | None]
    summary: Mapped[str | None] = mapped_column(Text)


class IncidentCounter(Base):
    """The last incident number handed out in a year; incremented by one atomic upsert."""

    __tablename__ = "incident_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int]


class ReminderLog(Base):
    """A reminder sent for (job, entity, period): running a job twice for the same period sends nothing twice."""

    __tablename__ = "reminder_log"
    __table_args__ = (UniqueConstraint("job", "entity", "period"),)

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    job: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(128))
    period: Mapped[str] = mapped_column(String(32))
    sent_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PasswordRotation(Base):
    __tablename__ = "password_rotations"

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    rotated_on: Mapped[dt.date]
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PlanRenewal(Base):
    __tablename__ = "plan_renewals"

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    valid_until: Mapped[dt.date]
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# The incident playbooks keep their records in their own module; importing it here registers its
# tables on Base.metadata wherever the models are used (migrations, tests, the app).
from storage import incident_models  # noqa: E402, F401
