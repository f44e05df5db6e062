"""initial schema

Revision ID: 2e1f029055b4
Revises:
Create Date: 2026-11-21 19:23:41.807086+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "2e1f029055b4"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# JSONB on PostgreSQL, JSON text on SQLite (as storage.types.JSONType).
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

# The audit trail is append-only, whatever the caller does: the database itself refuses UPDATE and DELETE.
_SQLITE_AUDIT_TRIGGERS = [
    f"""
    CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
    """
    for verb in ("UPDATE", "DELETE")
]
_PG_AUDIT_FUNCTION = """
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END $$
"""
_PG_AUDIT_TRIGGER = """
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
"""


def _protect_audit_events() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_AUDIT_FUNCTION)
        op.execute(_PG_AUDIT_TRIGGER)
    else:
        for statement in _SQLITE_AUDIT_TRIGGERS:
            op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("handle", sa.String(length=100), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=False),
        sa.Column("manager", sa.String(length=32), nullable=False),
        sa.Column("deputies", JSON, nullable=False),
        sa.Column("operators", JSON, nullable=False),
        sa.Column("drafts_channel", sa.String(length=32), nullable=False),
        sa.Column("plan_valid_until", sa.Date(), nullable=False),
        sa.Column("password_rotated_on", sa.Date(), nullable=True),
        sa.Column("two_factor", sa.Boolean(), nullable=False),
        sa.Column("min_posts_per_month", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accounts_drafts_channel"), ["drafts_channel"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=16), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("from_state", sa.String(length=32), nullable=True),
        sa.Column("to_state", sa.String(length=32), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("data", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_events_entity_entity_id"), ["entity", "entity_id"], unique=False)
    _protect_audit_events()

    op.create_table(
        "handled_events",
        sa.Column("event_id", sa.String(length=255), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_handled_events")),
    )
    with op.batch_alter_table("handled_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handled_events_received_at"), ["received_at"], unique=False)

    op.create_table(
        "incident_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_incident_counters")),
    )
    op.create_table(
        "reminder_log",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("job", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=128), nullable=False),
        sa.Column("period", sa.String(length=32), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_log")),
        sa.UniqueConstraint("job", "entity", "period", name=op.f("uq_reminder_log_job_entity_period")),
    )
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("account_id", sa.String(length=64), nullable=False),
        sa.Column("author", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("planned_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attachments", JSON, nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "screened",
                "awaiting_approval",
                "on_hold",
                "approved",
                "changes_requested",
                "rejected",
                "published",
                "voided",
                "withdrawn",
                "expired",
                name="draft_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "verdict",
            sa.Enum(
                "pass", "warn", "block", name="draft_verdict", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.Column("findings", JSON, nullable=False),
        sa.Column("source_channel", sa.String(length=32), nullable=True),
        sa.Column("source_ts", sa.String(length=32), nullable=True),
        sa.Column("reply_channel", sa.String(length=32), nullable=True),
        sa.Column("reply_ts", sa.String(length=32), nullable=True),
        sa.Column("approval_requested_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("approved_hash", sa.String(length=64), nullable=True),
        sa.Column("accepted_warnings", JSON, nullable=False),
        sa.Column("published_url", sa.String(length=2048), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_by", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_drafts_account_id_accounts"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("source_channel", "source_ts", name=op.f("uq_drafts_source_channel_source_ts")),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_drafts_account_id_state_published_at"), ["account_id", "state", "published_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_drafts_state_approval_requested_at"), ["state", "approval_requested_at"], unique=False
        )

    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.String(length=64), nullable=True),
        sa.Column(
            "type",
            sa.Enum(
                "flaming",
                "impersonation",
                "hijack",
                name="incident_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum("open", "closed", name="incident_state", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("opened_by", sa.String(length=32), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=32), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_incidents_account_id_accounts"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("year", "number", name=op.f("uq_incidents_year_number")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_account_id_state"), ["account_id", "state"], unique=False)

    op.create_table(
        "password_rotations",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("account_id", sa.String(length=64), nullable=False),
        sa.Column("rotated_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_password_rotations_account_id_accounts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_rotations")),
    )
    with op.batch_alter_table("password_rotations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_password_rotations_account_id"), ["account_id"], unique=False)

    op.create_table(
        "plan_renewals",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("account_id", sa.String(length=64), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_plan_renewals_account_id_accounts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_renewals")),
    )
    with op.batch_alter_table("plan_renewals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_renewals_account_id"), ["account_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan_renewals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_renewals_account_id"))

    op.drop_table("plan_renewals")
    with op.batch_alter_table("password_rotations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_password_rotations_account_id"))

    op.drop_table("password_rotations")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_account_id_state"))

    op.drop_table("incidents")
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_state_approval_requested_at"))
        batch_op.drop_index(batch_op.f("ix_drafts_account_id_state_published_at"))

    op.drop_table("drafts")
    op.drop_table("reminder_log")
    op.drop_table("incident_counters")
    with op.batch_alter_table("handled_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handled_events_received_at"))

    op.drop_table("handled_events")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_entity_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_events_at"))

    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION audit_events_append_only()")
    op.drop_table("audit_events")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accounts_drafts_channel"))

    op.drop_table("accounts")
