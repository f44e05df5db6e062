"""Shared database fixtures.

``db_url`` runs a test on SQLite (a temporary file) and, when ``TEST_DATABASE_URL`` is set, on
PostgreSQL too. Migrations run once per test session (Alembic, as in production): SQLite tests
get a copy of a migrated template file; PostgreSQL tests share a schema of their own (unique per
run, dropped at the end) that is emptied after each test. ``session`` wraps a test in a
transaction that is rolled back; tests of real commits and concurrency use ``db`` directly.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from storage.db import Database, make_engine, normalize_url
from storage.models import Base

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "template.db"
    db = Database.from_url(f"sqlite:///{path}")
    db.upgrade()
    db.dispose()
    # Fold the WAL into the main file so that copying the file copies the whole database.
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="session")
def _postgres_url() -> Iterator[str]:
    if not TEST_DATABASE_URL:
        pytest.skip("TEST_DATABASE_URL is not set: the PostgreSQL variants are skipped (.ci/run sets it)")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(TEST_DATABASE_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = normalize_url(TEST_DATABASE_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    rendered = url.render_as_string(hide_password=False)
    db = Database.from_url(rendered)
    db.upgrade()
    db.dispose()
    try:
        yield rendered
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _empty_postgres(url: str) -> None:
    engine = make_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        # TRUNCATE does not fire the audit trail's row triggers, which refuse DELETE.
        conn.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        template = request.getfixturevalue("_sqlite_template")
        path = tmp_path / "sns-gate.db"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("_postgres_url")
    try:
        yield url
    finally:
        _empty_postgres(url)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database.from_url(db_url)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def session(db: Database) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test."""
    with db.engine.connect() as conn:
        outer = conn.begin()
        s = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
        try:
            yield s
        finally:
            s.close()
            outer.rollback()
