"""Alembic, driven from code so the migrations ship inside the package (no alembic.ini needed).

To write a new migration after changing ``storage/models.py``::

    python -c "from storage.migrations import revision; revision('what changed')"

then read and edit the generated file in ``storage/migrations/versions/``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from storage.db import SchemaNotCurrentError, make_engine

HERE = Path(__file__).resolve().parent
# Any constant will do: it only has to be the same for every bot instance.
_PG_MIGRATION_LOCK = 0x534E5347  # "SNSG"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.set_main_option("path_separator", "os")
    # Dated file names, so the directory lists migrations in the order they were written.
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    config.set_main_option("timezone", "UTC")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Apply migrations in one transaction. Several bot instances may start at once: on PostgreSQL
    they queue on an advisory lock; on SQLite ``BEGIN IMMEDIATE`` already serialises them."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        command.upgrade(alembic_config(conn), revision)
        return MigrationContext.configure(conn).get_current_revision()


def downgrade(engine: Engine, revision: str) -> str | None:
    """Undo migrations down to ``revision`` ("base": an empty database). For development and tests."""
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
        return MigrationContext.configure(conn).get_current_revision()


def require_current(engine: Engine) -> None:
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaNotCurrentError(current, head)


def revision(message: str, engine: Engine | None = None) -> None:
    """Autogenerate a migration against a database at head (a scratch SQLite file by default)."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = engine or make_engine(f"sqlite:///{tmp}/scratch.db")
        upgrade(engine)
        with engine.begin() as conn:
            command.revision(alembic_config(conn), message=message, autogenerate=True)
        engine.dispose()
