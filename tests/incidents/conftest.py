"""Fixtures for the incident tests: the database with the incident tables, accounts, a config, a clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from bot.config import Config, parse_config
from storage.db import Database
from storage.models import Account
from tests.bot.factories import OPERATOR, make_account
from tests.incidents.tables import ensure_incident_tables

REPORTER = OPERATOR
PR = "U0PR1"
INFOSEC = "U0SEC1"
ADMIN = "U0ADM"

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
