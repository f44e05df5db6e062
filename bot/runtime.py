"""What every listener and job needs at run time, built once per process and passed explicitly.

The Bolt app puts it in each request's context as ``context["runtime"]``; jobs receive it as an
argument. Nothing here is a global, so tests build their own with a fake Slack and a temp database.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.config import Config
from rules import Engine
from storage.db import Database


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Runtime:
    config: Config
    db: Database
    engine: Engine
    client: WebClient
    clock: Callable[[], dt.datetime] = field(default=_utcnow)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.config.timezone)

    def now(self) -> dt.datetime:
        """The current time in the organisation's time zone."""
        return self.clock().astimezone(self.tz)
