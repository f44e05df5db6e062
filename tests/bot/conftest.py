"""Fixtures for the workflow tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from sqlalchemy.orm import Session

from storage.models import Account
from tests.bot.factories import NOW, FakeScreener, make_account


@pytest.fixture
def screener() -> FakeScreener:
    return FakeScreener()


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def account(session: Session) -> Account:
    return make_account(session)
