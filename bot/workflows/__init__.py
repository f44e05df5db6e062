"""The domain's services, used by the Slack layer and the command line without any SQL.

Every function takes the caller's session (``*, session``) and never commits: the caller opens
one unit of work per Slack request or job run (``with db.Session.begin() as session:``). Refusals
raise ``bot.errors.UserFacingError`` subclasses carrying a Japanese message for the user.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable

from rules import Draft as ScreeningInput
from rules import Report

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")

# The screening engine as the workflows see it: ``Engine(settings).screen``, or a fake in tests.
Screener = Callable[[ScreeningInput], Report]


def local_today(tz: dt.tzinfo = TOKYO, now: dt.datetime | None = None) -> dt.date:
    """Today in the organisation's time zone (a plan valid until 3/31 is valid all of 3/31 JST)."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(tz).date()
