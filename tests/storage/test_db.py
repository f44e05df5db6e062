"""The engine, the column types and the migrations, on every test database."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import DBAPIError, StatementError

from storage import migrations
from storage.db import Database, make_engine, normalize_url
from storage.models import AuditEvent, Base, Draft, DraftVia, HandledEvent
from tests.bot.factories import account_values

JST = zoneinfo.ZoneInfo("Asia/Tokyo")


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_postgres_urls_use_psycopg_3():
    assert normalize_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("sqlite:///x.db").drivername == "sqlite"


def test_the_schema_built_by_the_migrations_matches_the_models(db: Database):
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    db.require_current()


def test_a_database_that_was_never_migrated_is_refused_with_its_revision(tmp_path: Path):
    db = Database.from_url(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(migrations.SchemaNotCurrentError) as caught:
        db.require_current()
    assert caught.value.current is None
    assert caught.value.head == migrations.head_revision()
    db.dispose()


def test_migrations_downgrade_and_upgrade_again(db: Database):
    head = migrations.head_revision()
    assert migrations.downgrade(db.engine, "base") is None
    assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
    assert db.upgrade() == head
    db.require_current()


def test_migration_files_ship_in_the_package_with_dated_names():
    versions = Path(migrations.__file__).parent / "versions"
    files = sorted(p.name for p in versions.glob("*.py"))
    assert files, "no migration files"
    assert all(re.match(r"^\d{8}_[0-9a-f]+_\w+\.py$", name) for name in files), files
    assert (Path(migrations.__file__).parent / "script.py.mako").exists()


def test_times_come_back_timezone_aware_and_equal(session):
    at = dt.datetime(2026, 4, 1, 0, 30, tzinfo=JST)  # 2026-03-31 15:30 UTC
    session.add(HandledEvent(event_id="Ev1", received_at=at))
    session.flush()
    session.expire_all()
    stored = session.get(HandledEvent, "Ev1").received_at
    assert stored.tzinfo is not None
    assert stored == at
    assert stored.astimezone(JST).date() == dt.date(2026, 4, 1)
    # Comparisons in SQL are on the same instant, whatever zone the parameter is in.
    found = session.scalars(
        sa.select(HandledEvent.event_id).where(
            HandledEvent.received_at >= dt.datetime(2026, 3, 31, 15, 30, tzinfo=dt.UTC)
        )
    ).all()
    assert found == ["Ev1"]


def test_naive_datetimes_are_refused(session):
    session.add(HandledEvent(event_id="Ev2", received_at=dt.datetime(2026, 4, 1, 9, 0)))
    with pytest.raises(StatementError, match="naive datetime"):
        session.flush()


@pytest.mark.parametrize("statement", ["UPDATE audit_events SET actor = 'someone else'", "DELETE FROM audit_events"])
def test_the_audit_trail_refuses_update_and_delete(db: Database, statement: str):
    with db.Session.begin() as s:
        s.add(AuditEvent(actor="U0A", entity="draft", entity_id="1", action="submit"))
    with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
        conn.execute(sa.text(statement))
    with db.Session.begin() as s:
        assert s.scalars(sa.select(AuditEvent.actor)).all() == ["U0A"]


def test_ping_says_whether_the_database_answers(db: Database, tmp_path: Path):
    assert db.ping()
    broken = Database.from_url(f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}")
    assert not broken.ping()


def test_database_errors_never_carry_the_statements_parameters(session):
    session.add(HandledEvent(event_id="Ev3", received_at=dt.datetime(2026, 4, 1, tzinfo=JST)))
    session.flush()
    with pytest.raises(DBAPIError) as caught:  # a duplicate key, with draft text among the parameters
        session.execute(
            sa.text("INSERT INTO handled_events (event_id, received_at) SELECT 'Ev3', :at WHERE :note <> ''"),
            {"at": dt.datetime(2026, 4, 1, tzinfo=dt.UTC), "note": "下書きの本文"},
        )
    assert "下書きの本文" not in str(caught.value)


_BEFORE_VIA = "5e8ff99f811c"  # the revision before drafts.via


def _insert_modal_and_channel_drafts(engine: sa.Engine) -> None:
    """Two drafts as the revision before ``drafts.via`` stored them: the modal's known only from its audit
    event; and an unrelated audit event with the same id and ``"via": "modal"`` that must not count."""
    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    meta = sa.MetaData()
    accounts, drafts, audit = (
        sa.Table(name, meta, autoload_with=engine) for name in ("accounts", "drafts", "audit_events")
    )
    draft = {
        "account_id": "aoba-x",
        "author": "U0OP",
        "text": "本文",
        "platform": "x",
        "attachments": [],
        "content_hash": "0" * 64,
        "state": "screened",
        "verdict": "pass",
        "findings": [],
        "accepted_warnings": [],
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }
    submit = {"at": now, "actor": "U0OP", "entity": "draft", "action": "submit"}
    with engine.begin() as conn:
        conn.execute(accounts.insert().values(**account_values(), created_at=now, updated_at=now))
        conn.execute(drafts.insert(), [{**draft, "id": 1, "source_ts": "1.1"}, {**draft, "id": 2, "source_ts": "2.2"}])
        conn.execute(
            audit.insert(),
            [
                {**submit, "entity_id": "1", "data": {"account": "aoba-x", "via": "modal", "verdict": "pass"}},
                {**submit, "entity_id": "2", "data": {"account": "aoba-x", "verdict": "pass"}},
                {**submit, "entity": "incident", "entity_id": "2", "data": {"via": "modal"}},
            ],
        )


def test_the_via_migration_fills_in_modal_drafts_from_the_audit_trail_and_downgrades(db: Database):
    head = migrations.head_revision()
    try:
        assert migrations.downgrade(db.engine, _BEFORE_VIA) == _BEFORE_VIA
        assert "via" not in {c["name"] for c in sa.inspect(db.engine).get_columns("drafts")}
        _insert_modal_and_channel_drafts(db.engine)

        assert db.upgrade() == head

        with db.Session.begin() as s:
            assert dict(s.execute(sa.select(Draft.id, Draft.via).order_by(Draft.id)).all()) == {
                1: DraftVia.MODAL,
                2: DraftVia.CHANNEL,
            }
        with pytest.raises(DBAPIError), db.engine.begin() as conn:  # only the two known ways in
            conn.execute(sa.text("UPDATE drafts SET via = 'email' WHERE id = 1"))

        assert migrations.downgrade(db.engine, _BEFORE_VIA) == _BEFORE_VIA
        assert "via" not in {c["name"] for c in sa.inspect(db.engine).get_columns("drafts")}
        with db.engine.connect() as conn:  # the rows themselves survive the round trip
            assert conn.execute(sa.text("SELECT count(*) FROM drafts")).scalar() == 2
    finally:
        db.upgrade()
    db.require_current()
