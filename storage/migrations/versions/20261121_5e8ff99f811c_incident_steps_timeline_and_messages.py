"""incident steps, timeline, messages, members and open keys

The incident playbooks (issue 6) keep their records beside ``incidents``: the checklist (a step is done
once: one conditional UPDATE), the timeline (inserted only; a Slack message recorded once per incident),
where the incident was posted in Slack, who reported or joined, and the keys that make two reports of
the same open incident one incident (type + account, the impersonating URL and handle).


Revision ID: 5e8ff99f811c
Revises: cf48545b2920
Create Date: 2026-11-21 20:33:07.997944+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5e8ff99f811c"
down_revision: str | Sequence[str] | None = "cf48545b2920"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# JSONB on PostgreSQL, JSON text on SQLite (as storage.types.JSONType).
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _incident_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["incident_id"], ["incidents.id"], name=op.f(f"fk_{table}_incident_id_incidents"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "incident_members",
        sa.Column("incident_id", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        _incident_fk("incident_members"),
        sa.PrimaryKeyConstraint("incident_id", "user_id", name=op.f("pk_incident_members")),
    )
    op.create_table(
        "incident_messages",
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=False),
        sa.Column("incident_id", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("thread_ts", sa.String(length=32), nullable=True),
        sa.Column("permalink", sa.String(length=2048), nullable=True),
        _incident_fk("incident_messages"),
        sa.PrimaryKeyConstraint("channel", "ts", name=op.f("pk_incident_messages")),
    )
    with op.batch_alter_table("incident_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_messages_incident_id"), ["incident_id"], unique=False)

    op.create_table(
        "incident_open_keys",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("incident_id", sa.String(length=16), nullable=False),
        _incident_fk("incident_open_keys"),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_incident_open_keys")),
    )
    with op.batch_alter_table("incident_open_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_open_keys_incident_id"), ["incident_id"], unique=False)

    op.create_table(
        "incident_steps",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("incident_id", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("owner_role", sa.String(length=16), nullable=False),
        sa.Column("done_by", sa.String(length=32), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        _incident_fk("incident_steps"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_steps")),
        sa.UniqueConstraint("incident_id", "step_id", name=op.f("uq_incident_steps_incident_id_step_id")),
    )
    op.create_table(
        "incident_timeline",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("incident_id", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("data", JSON, nullable=True),
        sa.Column("source_channel", sa.String(length=32), nullable=True),
        sa.Column("source_ts", sa.String(length=32), nullable=True),
        _incident_fk("incident_timeline"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_timeline")),
        sa.UniqueConstraint(
            "incident_id",
            "source_channel",
            "source_ts",
            name=op.f("uq_incident_timeline_incident_id_source_channel_source_ts"),
        ),
    )
    with op.batch_alter_table("incident_timeline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_timeline_incident_id_at"), ["incident_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("incident_timeline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_timeline_incident_id_at"))
    op.drop_table("incident_timeline")
    op.drop_table("incident_steps")
    with op.batch_alter_table("incident_open_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_open_keys_incident_id"))
    op.drop_table("incident_open_keys")
    with op.batch_alter_table("incident_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_messages_incident_id"))
    op.drop_table("incident_messages")
    op.drop_table("incident_members")
