"""Fixtures for the scheduled jobs: a configuration, a runtime on the test database and a fake Slack,
a clock the test moves (time-machine, so the workflows' own ``utcnow`` moves too), and helpers to put
published posts and waiting drafts in the database and to read what Slack received."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine

from bot.config import Config, parse_config
from bot.jobs import BY_NAME, run_job
from bot.jobs.runs import JobResult
from bot.runtime import Runtime
from rules import Engine
from rules.calendar import is_working_time
from storage.db import Database
from storage.models import Account, Draft, DraftState
from tests.bot.factories import JST, MANAGER, OPERATOR, account_values
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import dm_channel_id

PR = "C0PR"
INFOSEC = "C0SEC"
ADMIN = "U0ADM"
# The test account as the jobs' tests have it: a plan ending this fiscal year, a password due soon.
JOBS_ACCOUNT = dict(
    plan_valid_until=dt.date(2026, 3, 31), password_rotated_on=dt.date(2026, 2, 1), min_posts_per_month=2
)

CONFIG_YAML = f"""
organization: 青葉川市
policy: joetsu
channels: {{pr: {PR}, infosec: {INFOSEC}}}
roles: {{pr: [U0PR1], infosec: [U0SEC1], admins: [{ADMIN}]}}
"""

_PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


@pytest.fixture(autouse=True)
def _loopback_without_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # slack_sdk ignores NO_PROXY: without this, calls to the fake on 127.0.0.1 could leave the host.
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def screening_engine() -> Engine:
    return Engine()


@pytest.fixture
def config() -> Config:
    return parse_config(CONFIG_YAML)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def clock() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=JST), tick=False) as traveller:
        yield traveller


@pytest.fixture
def runtime(db: Database, fake_slack: FakeSlack, config: Config, screening_engine: Engine, clock) -> Runtime:
    return Runtime(config=config, db=db, engine=screening_engine, client=fake_slack.client())


def jst(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=JST)


def make_account(db: Database, **overrides: Any) -> str:
    values = account_values(**{**JOBS_ACCOUNT, **overrides})
    with db.Session.begin() as session:
        session.add(Account(**values))
    return values["id"]


def add_draft(
    db: Database,
    *,
    account_id: str = "aoba-x",
    state: DraftState = DraftState.PUBLISHED,
    published_at: dt.datetime | None = None,
    approval_requested_at: dt.datetime | None = None,
    decided_at: dt.datetime | None = None,
    planned_at: dt.datetime | None = None,
    author: str = OPERATOR,
    reply_channel: str | None = None,
) -> int:
    with db.Session.begin() as session:
        draft = Draft(
            account_id=account_id,
            author=author,
            text="本日は市役所の窓口を通常どおり開いています。",
            platform="x",
            content_hash="0" * 64,
            state=state,
            verdict="pass",
            published_at=published_at,
            published_by=author if published_at else None,
            published_url="https://x.com/aoba_city/status/1" if published_at else None,
            approval_requested_at=approval_requested_at,
            decided_at=decided_at,
            decided_by=MANAGER if decided_at else None,
            planned_at=planned_at,
            reply_channel=reply_channel,
        )
        session.add(draft)
        session.flush()
        return draft.id


def dms(fake: FakeSlack, user: str) -> list[dict[str, Any]]:
    return fake.messages(dm_channel_id(user))


def texts_in(fake: FakeSlack, channel: str) -> list[str]:
    """The text of every message in a channel or DM (user IDs are mapped to their DM channel)."""
    target = dm_channel_id(channel) if channel[:1] in ("U", "W") else channel
    return [m["text"] for m in fake.messages(target)]


def sent_at(fake: FakeSlack, channel: str, marker: str) -> list[dt.datetime]:
    """When each message containing ``marker`` reached ``channel`` (a user ID means its DM), in JST."""
    target = dm_channel_id(channel) if channel[:1] in ("U", "W") else channel
    return [
        dt.datetime.fromtimestamp(c.time, JST)
        for c in fake.calls("chat.postMessage")
        if c.ok and c.response["channel"] == target and marker in c.args.get("text", "")
    ]


def every_send_in_working_time(fake: FakeSlack) -> bool:
    hours = (dt.time(8, 30), dt.time(17, 15))
    return all(is_working_time(dt.datetime.fromtimestamp(c.time, JST), hours) for c in fake.calls() if c.ok)


@dataclass
class Driver:
    """Runs one job at every firing of its cron trigger between two moments, as the scheduler would,
    moving the clock to each firing first."""

    runtime: Runtime
    clock: Any
    results: list[JobResult] = field(default_factory=list)

    def at(self, name: str, moment: dt.datetime, **kwargs: Any) -> JobResult:
        self.clock.move_to(moment)
        result = run_job(name, self.runtime, **kwargs)
        self.results.append(result)
        return result

    def through(
        self, name: str, start: dt.datetime, end: dt.datetime, *, hours: set[int] | None = None, limit: int = 5000
    ) -> list[JobResult]:
        """``hours``: fire only in these hours of the day (long drives; keep some outside working hours)."""
        trigger = BY_NAME[name].trigger(JST)
        fire = trigger.get_next_fire_time(None, start)
        out = []
        for _ in range(limit):
            if fire is None or fire > end:
                return out
            if hours is None or fire.hour in hours:
                out.append(self.at(name, fire))
            fire = trigger.get_next_fire_time(fire, fire + dt.timedelta(seconds=1))
        raise AssertionError("the drive did not reach its end: widen the limit")


@pytest.fixture
def driver(runtime: Runtime, clock) -> Driver:
    return Driver(runtime=runtime, clock=clock)
