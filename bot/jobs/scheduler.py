"""The jobs inside `python app.py run`: an APScheduler 3 ``BackgroundScheduler`` with the table's cron
triggers in the organisation's time zone.

``coalesce`` runs a job once however many of its firings were missed, ``max_instances=1`` never
runs a job twice at once in this process (another bot instance is kept apart by ``reminder_log``),
and the misfire grace lets a firing that was late by a busy process still run. After a restart each
job also runs once shortly after start-up, so what fell due during the downtime goes out now
rather than at the next trigger.
"""

from __future__ import annotations

import datetime as dt
import logging

from apscheduler.schedulers.background import BackgroundScheduler

from bot.jobs import JOBS, JobUnavailableError, run_job
from bot.runtime import Runtime

log = logging.getLogger(__name__)

MISFIRE_GRACE_SECONDS = 10 * 60
# The first catch-up run after start-up, then one job every few seconds (not all at once).
STARTUP_DELAY = dt.timedelta(seconds=30)
STARTUP_STAGGER = dt.timedelta(seconds=10)

_unavailable_logged: set[str] = set()


def run_scheduled(name: str, runtime: Runtime) -> None:
    """One scheduled run. A failure is logged and the run abandoned (its unit of work rolled back);
    the next firing tries again. Logs carry the job and the error's class, never data."""
    try:
        result = run_job(name, runtime)
    except JobUnavailableError:
        if name not in _unavailable_logged:
            _unavailable_logged.add(name)
            log.info("job %s is not available in this build; skipped", name)
        return
    except Exception as exc:  # the scheduler's boundary: one failed run must not stop the others
        log.error("job %s failed: %s", name, type(exc).__name__)
        log.debug("job %s failed", name, exc_info=True)
        return
    log.debug("job %s done: %s", name, getattr(result, "counts", None))


def start(runtime: Runtime, *, catch_up: bool = True) -> BackgroundScheduler:
    """Start the jobs; returns the running scheduler (``run`` calls ``shutdown()`` on it)."""
    tz = runtime.tz
    scheduler = BackgroundScheduler(
        timezone=tz,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE_SECONDS},
    )
    first = dt.datetime.now(tz) + STARTUP_DELAY
    for index, job in enumerate(JOBS):
        options = {"next_run_time": first + index * STARTUP_STAGGER} if catch_up else {}
        scheduler.add_job(
            run_scheduled,
            trigger=job.trigger(tz),
            args=(job.name, runtime),
            id=job.name,
            name=job.name,
            replace_existing=True,
            **options,
        )
    scheduler.start()
    log.info("scheduler started with %d jobs", len(JOBS))
    return scheduler
