"""The scheduled jobs, declared in one table: name, function, cron trigger.

Every job is a function ``run(runtime, *, at=None, dry_run=False, out=None) -> JobResult``: it works
"as of" ``at`` (now by default), in its own unit of work, and is idempotent per period (see
``bot.jobs.delivery``): running it twice, after downtime, or on two bot instances sends nothing twice.
APScheduler runs them inside ``python app.py run`` (``bot.jobs.scheduler.start``); each is also run
by hand with ``python app.py jobs run NAME [--at ISO8601] [--dry-run]`` (``bot.jobs.cli``).

The triggers fire often (hourly, or every 15 minutes) and the jobs decide what is due from the
calendar, not from the hour they run at: reminders go out on working days within the working hours,
and a run after downtime catches up with what is due now. Functions are named by import path and
loaded when a job runs, so the bot does not import matplotlib at start-up, and `incident-followup`
can be registered before its module exists.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import inspect
from collections.abc import Callable
from typing import Any, TextIO

from bot.blocks import reminders as texts
from bot.errors import UserFacingError


@dataclasses.dataclass(frozen=True, slots=True)
class Job:
    name: str
    target: str  # "module:function"
    cron: str  # crontab fields "minute hour day month day_of_week", in the organisation's time zone (Asia/Tokyo)
    working_time_only: bool = True  # its messages wait for working time (all ours do)

    def trigger(self, tz: dt.tzinfo) -> Any:
        from apscheduler.triggers.cron import CronTrigger

        return CronTrigger.from_crontab(self.cron, timezone=tz)

    def next_due(self, now: dt.datetime) -> dt.datetime | None:
        return self.trigger(now.tzinfo or dt.UTC).get_next_fire_time(None, now)

    def schedule_ja(self) -> str:
        """The cron expression in words, for `jobs list`."""
        minute, hour, day, month, weekday = self.cron.split()
        if (hour, day, month, weekday) == ("*", "*", "*", "*"):
            if minute.isdigit():
                return texts.SCHEDULE_HOURLY.format(minute=int(minute))
            if minute.startswith("*/"):
                return texts.SCHEDULE_EVERY_MINUTES.format(step=int(minute[2:]))
        return self.cron

    def load(self) -> Callable[..., Any]:
        module_name, _, function = self.target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            # Only the job's own module missing means "not available"; a broken import inside it is a bug.
            if exc.name == module_name or module_name.startswith(f"{exc.name}."):
                raise JobUnavailableError(self.name) from None
            raise
        return getattr(module, function)


class JobUnavailableError(UserFacingError):
    """The job's module is not part of this build (``incident-followup`` before the incidents issue)."""

    code = "job_unavailable"

    def __init__(self, name: str):
        super().__init__(texts.INCIDENT_FOLLOWUP_MISSING if name == "incident-followup" else name)
        self.name = name


JOBS: tuple[Job, ...] = (
    Job("posting-frequency", "bot.jobs.posting_frequency:run", "0 * * * *"),
    Job("plan-renewal", "bot.jobs.plan_renewal:run", "5 * * * *"),
    Job("password-rotation", "bot.jobs.password_rotation:run", "10 * * * *"),
    Job("approval-reminders", "bot.jobs.approval_reminders:run", "*/15 * * * *"),
    # Registered here, implemented by the incidents issue: bot.incidents.followup.run(runtime, at=..., dry_run=...).
    Job("incident-followup", "bot.incidents.followup:run", "*/15 * * * *"),
)
JOB_NAMES: tuple[str, ...] = tuple(job.name for job in JOBS)
BY_NAME: dict[str, Job] = {job.name: job for job in JOBS}

if len(BY_NAME) != len(JOBS):  # pragma: no cover - a typo in the table above
    raise RuntimeError("duplicate job name in JOBS")


def run_job(
    name: str, runtime: Any, *, at: dt.datetime | None = None, dry_run: bool = False, out: TextIO | None = None
) -> Any:
    """Run one job once, as of ``at`` (now by default); returns what the job returns (a ``JobResult``
    for ours, something with ``summary_ja()`` for incident-followup)."""
    function = BY_NAME[name].load()
    kwargs: dict[str, Any] = {"at": at or runtime.now(), "dry_run": dry_run}
    if "out" in inspect.signature(function).parameters:
        kwargs["out"] = out
    return function(runtime, **kwargs)
