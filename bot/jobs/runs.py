"""One run of one job: the moment it runs "as of", its deliveries, what it did, and its summary.

Every job has the same shape: ``JobRun.start(...)``; stop at once outside working time
(``in_working_time``; ``working_time_job`` does both for a job whose whole body waits for working
time); in the run's own unit of work, plan the messages from one set-based query and
drop those already sent (``delivery.unsent``); after the commit, deliver each message with the
send-once protocol (``deliverer.deliver_all``); ``finish()`` records the run and returns the result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from sqlalchemy.orm import Session

from bot.blocks import reminders as texts
from bot.config import Config
from bot.jobs import delivery
from bot.jobs.delivery import Deliverer, Key, Outcome
from bot.messages import format_datetime
from bot.runtime import Runtime
from bot.workflows.accounts import audit_account
from rules.calendar import closure_reason, is_working_time
from storage.repositories import reminders as reminders_repo

log = logging.getLogger(__name__)


@dataclasses.dataclass
class JobResult:
    job: str
    at: dt.datetime
    dry_run: bool
    counts: dict[Outcome, int]
    notes: list[str]

    @property
    def exit_status(self) -> int:
        """0 when everything due went out (or was already out); 1 when some sends failed and wait for a retry."""
        return 1 if self.counts[Outcome.FAILED] else 0

    def summary_ja(self) -> str:
        at = format_datetime(self.at, self.at.tzinfo or dt.UTC)
        if self.dry_run:
            line = texts.RESULT_DRY_RUN.format(job=self.job, at=at, planned=self.counts[Outcome.PLANNED])
        else:
            line = texts.RESULT.format(
                job=self.job,
                at=at,
                sent=self.counts[Outcome.SENT],
                already=self.counts[Outcome.ALREADY_SENT],
                in_progress=self.counts[Outcome.IN_PROGRESS],
                failed=self.counts[Outcome.FAILED],
                deferred=self.counts[Outcome.DEFERRED],
            )
        return "\n".join([*self.notes, line])


@dataclasses.dataclass(frozen=True, slots=True)
class AccountRecord:
    """Something a job records once about an account in the audit trail (a lapse, a short month)."""

    key: Key  # its reminder_log key: recorded once per key
    account_id: str
    action: str
    description: str  # what a dry run says it would record
    data: dict[str, Any]
    reason: str | None = None


@dataclasses.dataclass
class JobRun:
    runtime: Runtime
    job: str
    at: dt.datetime  # in the organisation's time zone
    dry_run: bool
    out: TextIO | None
    deliverer: Deliverer
    notes: list[str] = dataclasses.field(default_factory=list)

    @classmethod
    def start(cls, runtime: Runtime, job: str, *, at: dt.datetime | None, dry_run: bool, out: TextIO | None) -> JobRun:
        at = (at or runtime.now()).astimezone(runtime.tz)
        run = cls(
            runtime=runtime,
            job=job,
            at=at,
            dry_run=dry_run,
            out=out,
            deliverer=Deliverer(runtime, job, dry_run=dry_run, out=out),
        )
        if dry_run:
            run.say(texts.DRY_RUN_HEADER.format(job=job, at=format_datetime(at, runtime.tz)))
        return run

    @property
    def today(self) -> dt.date:
        return self.at.date()

    @property
    def config(self) -> Config:
        return self.runtime.config

    @property
    def working_hours(self) -> tuple[dt.time, dt.time]:
        hours = self.config.working_hours
        return (hours.start, hours.end)

    def in_working_time(self) -> bool:
        """Reminders go out on working days between the working hours only; says why not when not."""
        if is_working_time(self.at, self.working_hours):
            return True
        start, end = self.working_hours
        reason = closure_reason(self.today) or texts.OUTSIDE_WORKING_HOURS.format(
            start=f"{start:%H:%M}", end=f"{end:%H:%M}"
        )
        self.notes.append(
            texts.OUTSIDE_WORKING_TIME.format(at=format_datetime(self.at, self.runtime.tz), reason=reason)
        )
        return False

    def say(self, line: str) -> None:
        """A line of the dry run's report (what would be recorded or changed)."""
        if self.out is not None:
            print(line, file=self.out)

    def record_once(self, session: Session, records: Sequence[AccountRecord]) -> int:
        """Put each record on the audit trail exactly once: the reminder_log row of its key is the guard,
        also when two instances run at the same moment (the second waits on the unique key, then skips).
        A dry run says what it would record. Returns how many were recorded (and notes it)."""
        done = delivery.sent_keys(session=session, job=self.job, keys=[r.key for r in records])
        recorded = 0
        for r in records:
            if r.key in done:
                continue
            if self.dry_run:
                self.say(texts.DRY_RUN_RECORD.format(what=r.description))
                continue
            now = self.runtime.clock()
            if reminders_repo.claim(session=session, job=self.job, entity=r.key.entity, period=r.key.period, at=now):
                audit_account(
                    session=session,
                    actor="system",
                    entity_id=r.account_id,
                    action=r.action,
                    reason=r.reason,
                    data=r.data,
                    at=now,
                )
                recorded += 1
        if recorded:
            self.notes.append(texts.RECORDED_COUNT.format(count=recorded))
        return recorded

    def finish(self) -> JobResult:
        if not self.dry_run:
            # Its own small transaction, also for runs outside working time: `jobs list` shows that the
            # scheduler is alive even when nothing was due.
            with self.runtime.db.Session.begin() as session:
                reminders_repo.record_last_run(session=session, job=self.job, at=self.runtime.clock())
        result = JobResult(
            job=self.job,
            at=self.at,
            dry_run=self.dry_run,
            counts=dict(self.deliverer.tally.counts),
            notes=list(self.notes),
        )
        log.info(
            "job %s at %s: %s",
            self.job,
            self.at.isoformat(),
            ", ".join(f"{k.value}={v}" for k, v in result.counts.items() if v),
        )
        return result


def working_time_job(name: str) -> Callable[[Callable[[JobRun], None]], Callable[..., JobResult]]:
    """Make a job's ``run(runtime, *, at, dry_run, out)`` from its body: the body runs only in working
    time (outside it the run just notes why), and the run is recorded and summed up either way."""

    def make(body: Callable[[JobRun], None]) -> Callable[..., JobResult]:
        def run(
            runtime: Runtime, *, at: dt.datetime | None = None, dry_run: bool = False, out: TextIO | None = None
        ) -> JobResult:
            job = JobRun.start(runtime, name, at=at, dry_run=dry_run, out=out)
            if job.in_working_time():
                body(job)
            return job.finish()

        run.__doc__ = body.__doc__
        return run

    return make
