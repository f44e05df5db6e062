"""`bot.jobs.scheduler.start(runtime)`: the table's cron triggers in Asia/Tokyo, one instance of each
job at a time, missed firings coalesced, a catch-up run after start-up, failures logged by class."""

from __future__ import annotations

import logging
import threading
import zoneinfo

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.jobs import JOB_NAMES, JOBS, JobUnavailableError, scheduler
from bot.runtime import Runtime
from tests.jobs.conftest import jst


@pytest.fixture
def started(runtime: Runtime):
    started: list[BackgroundScheduler] = []

    def start(**kwargs) -> BackgroundScheduler:
        s = scheduler.start(runtime, **kwargs)
        started.append(s)
        return s

    yield start
    for s in started:
        s.shutdown(wait=True)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_start_registers_every_job_with_its_cron_trigger_in_tokyo(started, runtime: Runtime, clock):
    clock.move_to(jst(2026, 3, 2, 9, 1))  # Monday
    s = started(catch_up=False)
    assert s.running
    jobs = {job.id: job for job in s.get_jobs()}
    assert sorted(jobs) == sorted(JOB_NAMES)
    for declared in JOBS:
        job = jobs[declared.name]
        assert isinstance(job.trigger, CronTrigger)
        assert job.trigger.timezone == zoneinfo.ZoneInfo("Asia/Tokyo")
        assert str(job.trigger) == str(CronTrigger.from_crontab(declared.cron, timezone=runtime.tz))
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, scheduler.MISFIRE_GRACE_SECONDS)
    assert jobs["posting-frequency"].next_run_time == jst(2026, 3, 2, 10, 0)
    assert jobs["password-rotation"].next_run_time == jst(2026, 3, 2, 9, 10)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_job_runs_once_right_after_start_up(started, monkeypatch: pytest.MonkeyPatch):
    ran: list[str] = []
    all_ran = threading.Event()

    def record(name, runtime, **kwargs):
        ran.append(name)
        if len(ran) == len(JOBS):
            all_ran.set()

    monkeypatch.setattr(scheduler, "run_job", record)
    monkeypatch.setattr(scheduler, "STARTUP_DELAY", scheduler.STARTUP_DELAY * 0)
    monkeypatch.setattr(scheduler, "STARTUP_STAGGER", scheduler.STARTUP_STAGGER * 0)
    started()
    assert all_ran.wait(timeout=10), ran
    assert sorted(ran) == sorted(JOB_NAMES)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_failed_run_is_logged_by_class_only_and_does_not_raise(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    def explode(name, runtime, **kwargs):
        raise RuntimeError("下書きの本文がここに入っていたら困ります")

    monkeypatch.setattr(scheduler, "run_job", explode)
    with caplog.at_level(logging.INFO, logger="bot.jobs.scheduler"):
        scheduler.run_scheduled("plan-renewal", runtime)
    assert "job plan-renewal failed: RuntimeError" in caplog.text
    assert "下書き" not in caplog.text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_job_this_build_lacks_is_skipped_quietly(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    def unavailable(name, runtime, **kwargs):
        raise JobUnavailableError(name)

    monkeypatch.setattr(scheduler, "run_job", unavailable)
    monkeypatch.setattr(scheduler, "_unavailable_logged", set())
    with caplog.at_level(logging.INFO, logger="bot.jobs.scheduler"):
        for _ in range(3):
            scheduler.run_scheduled("incident-followup", runtime)
    assert caplog.text.count("not available") == 1
