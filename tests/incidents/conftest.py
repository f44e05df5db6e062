"""Fixtures for the incident tests: the database with the incident tables, accounts, a config, a clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from bot.config import Config, parse_config
from bot.incidents import service
from bot.incidents.service import IncidentReport, OpenResult
from storage.db import Database
from storage.models import Account, IncidentType
from tests.bot.factories import NOW, OPERATOR, make_account
from tests.incidents.tables import ensure_incident_tables

REPORTER = OPERATOR
PR = "U0PR1"
INFOSEC = "U0SEC1"
ADMIN = "U0ADM"
FAKE_URL = "https://x.com/joetsu_clty"  # an impersonation of @joetsu_city

CONFIG = """
organization: 上越市
policy: joetsu
timezone: Asia/Tokyo
channels: {pr: C0PR, infosec: C0SEC}
roles: {pr: [U0PR1], infosec: [U0SEC1], admins: [U0ADM]}
"""


@pytest.fixture
def db(db: Database) -> Database:
    ensure_incident_tables(db.engine)
    return db


@pytest.fixture(scope="session")
def config() -> Config:
    return parse_config(CONFIG, path="test.yml")


@pytest.fixture
def account(session: Session) -> Account:
    return make_account(
        session, id="joetsu-x", handle="@joetsu_city", platform="x", plan_valid_until=dt.date(2099, 3, 31)
    )


@pytest.fixture
def tz() -> Iterator[dt.tzinfo]:
    import zoneinfo

    yield zoneinfo.ZoneInfo("Asia/Tokyo")


def incident_report(kind: IncidentType = IncidentType.FLAMING, **overrides) -> IncidentReport:
    """REPORTER's report about joetsu-x (an impersonation names FAKE_URL), with ``overrides``."""
    values = {"type": kind, "account_id": "joetsu-x", "reporter": REPORTER, "url": None, "note": "批判が殺到しています"}
    if kind == IncidentType.IMPERSONATION:
        values["url"] = FAKE_URL
    values.update(overrides)
    return IncidentReport(**values)


def open_incident(
    session: Session, config, tz, report: IncidentReport | None = None, at: dt.datetime = NOW
) -> OpenResult:
    """``report`` (by default ``incident_report()``) opened, or joined, at ``at``."""
    return service.open_or_join(session=session, report=report or incident_report(), at=at, tz=tz, config=config)
