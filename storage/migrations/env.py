"""Alembic environment. Run through storage.migrations (no alembic.ini): the caller passes a connection."""

from typing import Any

from alembic import context

from storage.models import Base
from storage.types import UTCDateTime


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    # Migrations must not import application types (they change; migrations must not): the DDL is the same.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
    render_item=render_item,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
