"""index drafts by state and publication time

Every account's posts this month (`accounts list`, the posting-frequency job) is one grouped count;
with this index it scans this month's published drafts only, not every account's history.

Revision ID: cf48545b2920
Revises: 2e1f029055b4
Create Date: 2026-11-21 20:06:42.903195+00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "cf48545b2920"
down_revision: str | Sequence[str] | None = "2e1f029055b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_drafts_state_published_at_account_id"), ["state", "published_at", "account_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_state_published_at_account_id"))
