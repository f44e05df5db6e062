"""record on each draft how it came in

``drafts.via``: 'channel' (the author's own message in a drafts channel) or 'modal' (/sns-draft, posted
by the bot). It was known only from the audit trail (the submit event's ``"via": "modal"``), which cost
a query each time a reply was redrawn; existing drafts are filled in from those events.

Revision ID: c86122aedee6
Revises: 5e8ff99f811c
Create Date: 2026-11-21 22:32:01.545008+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c86122aedee6"
down_revision: str | Sequence[str] | None = "5e8ff99f811c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# JSONB on PostgreSQL, JSON text on SQLite (as storage.types.JSONType).
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

_drafts = sa.table("drafts", sa.column("id", sa.Integer()), sa.column("via", sa.String()))
_audit = sa.table(
    "audit_events",
    sa.column("entity", sa.String()),
    sa.column("entity_id", sa.String()),
    sa.column("action", sa.String()),
    sa.column("data", JSON),
)


def upgrade() -> None:
    # SQLite: batch mode copies the table, so the column gets its CHECK constraint there too.
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "via",
                sa.Enum("channel", "modal", name="draft_via", native_enum=False, create_constraint=True, length=32),
                server_default="channel",
                nullable=False,
            )
        )
    # The audit trail only wrote "via" for a modal draft (a channel draft is what the default says).
    # JSON_EXTRACT on SQLite, ->> on PostgreSQL; entity_id is text, so the draft id is compared as text.
    modal = sa.select(_audit.c.entity_id).where(
        _audit.c.entity == "draft",
        _audit.c.action == "submit",
        _audit.c.data["via"].as_string() == "modal",
    )
    op.execute(_drafts.update().where(sa.cast(_drafts.c.id, sa.String()).in_(modal)).values(via="modal"))


def downgrade() -> None:
    # The audit trail still says which drafts came from the modal; nothing is lost.
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        # Named first: SQLite's copy of the table would otherwise keep a CHECK on a column it no longer has.
        batch_op.drop_constraint(batch_op.f("ck_drafts_draft_via"), type_="check")
        batch_op.drop_column("via")
