"""bench/jobs.py runs end to end at a tiny size, and its statement counts show set-based jobs: the
same number of SQL statements per run for 60 accounts as for 240 (both sizes have accounts in every
situation: short, lapsed, unrenewed, overdue, without two-step verification)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DATABASES = [
    "sqlite://",
    pytest.param(
        os.environ.get("TEST_DATABASE_URL", ""),
        marks=pytest.mark.skipif(
            not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL is not set: PostgreSQL run skipped"
        ),
        id="postgresql",
    ),
]


def _bench(url: str, accounts: int, posts: int) -> dict:
    sizes = ["--accounts", str(accounts), "--posts", str(posts), "--waiting", "240", "--runs", "1"]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "jobs.py"), *sizes, "--database-url", url, "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [result] = [json.loads(line) for line in proc.stdout.splitlines()]
    return result


@pytest.mark.parametrize("url", DATABASES)
def test_the_jobs_benchmark_runs_small_and_its_queries_do_not_grow_with_accounts(url: str):
    small = _bench(url, 60, 3_000)
    large = _bench(url, 240, 12_000)
    assert small["database"] in ("sqlite", "postgresql")
    assert (large["accounts"], large["posts"], large["waiting"]) == (240, 12_000, 240)
    assert set(small["jobs"]) == set(large["jobs"]) and len(small["jobs"]) == 6
    for label, job in large["jobs"].items():
        assert 0 < job["seconds_median"] <= job["seconds_max"] < 2.0, label
        assert job["sql_statements"] == small["jobs"][label]["sql_statements"], label
        assert job["sql_statements"] <= 8, label
    # Each moment has work to do: the measurement is not of an idle run.
    assert all(job["messages_planned"] > 0 for job in large["jobs"].values())
    assert (
        large["jobs"]["posting-frequency @ weekly reminders (3/23)"]["messages_planned"]
        > (small["jobs"]["posting-frequency @ weekly reminders (3/23)"]["messages_planned"])
    )
    assert large["delivery"]["messages"] == 200 and large["delivery"]["ms_per_message"] > 0
    render = large["monthly_report_render"]
    assert render["rows"] == 240 and render["lead_times"] > 0 and render["png_bytes"] > 1000
