"""Engine and session factory.

One ``Database`` per process. Callers open one unit of work per Slack request or job run::

    with db.Session.begin() as session:
        approval.approve(session=session, ...)

SQLite is the embedded default. Its connections run in WAL mode with foreign keys on and a busy
timeout, and every transaction starts with ``BEGIN IMMEDIATE``: a deferred transaction that
reads and then writes can fail at once with ``SQLITE_BUSY`` when another writer got there
first (the busy timeout does not apply to that upgrade), while ``BEGIN IMMEDIATE`` waits its
turn. PostgreSQL needs nothing of the kind: its row locks and ``READ COMMITTED`` re-check make
our conditional updates exact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///sns-gate.db"
SQLITE_BUSY_TIMEOUT_MS = 15_000


class SchemaNotCurrentError(RuntimeError):
    """The database is not at the latest migration (defined here so that catching it needs no Alembic)."""

    def __init__(self, current: str | None, head: str | None):
        super().__init__(f"database at {current!r}, code expects {head!r}")
        self.current = current
        self.head = head


def utcnow() -> dt.datetime:
    """The current time, timezone-aware. All stored times come from here (never the server's clock)."""
    return dt.datetime.now(dt.UTC)


def normalize_url(url: str | URL) -> URL:
    """Accept ``postgresql://`` and ``postgres://`` as psycopg 3 URLs: it is the only driver we ship."""
    parsed = make_url(url)
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Driver-level autocommit: we issue BEGIN ourselves (below), as SQLAlchemy's docs advise for pysqlite.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")  # durable enough in WAL mode, much faster
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str | URL = DEFAULT_DATABASE_URL, **kwargs: Any) -> Engine:
    parsed = normalize_url(url)
    # SQLAlchemy puts a failed statement's parameters in the exception text; ours include draft text,
    # which must never reach a log line.
    kwargs.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(parsed, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


@dataclass
class Database:
    """An engine plus the session factory bound to it."""

    engine: Engine
    Session: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.Session = sessionmaker(bind=self.engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str | URL = DEFAULT_DATABASE_URL, **engine_kwargs: Any) -> Database:
        return cls(make_engine(url, **engine_kwargs))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def ping(self) -> bool:
        """True when the database answers (for /healthz)."""
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    def upgrade(self, revision: str = "head") -> str | None:
        """Apply migrations; returns the revision the database is now at."""
        # Imported here: Alembic costs start-up time that commands without a database need not pay.
        from storage.migrations import upgrade

        return upgrade(self.engine, revision)

    def require_current(self) -> None:
        """Refuse to work on a database whose schema is not at the latest migration."""
        from storage.migrations import require_current

        require_current(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()
