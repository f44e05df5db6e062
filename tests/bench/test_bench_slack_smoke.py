"""bench/slack.py runs end to end at a tiny size and reports what it promises."""

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


@pytest.mark.parametrize("url", DATABASES)
def test_the_slack_benchmark_runs_small(url: str):
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    sizes = ["--drafts", "4", "--concurrency", "1", "2"]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "slack.py"), *sizes, "--database-url", url, "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )

    assert proc.returncode == 0, proc.stderr
    [result] = [json.loads(line) for line in proc.stdout.splitlines()]
    assert result["database"] in ("sqlite", "postgresql")
    assert [level["concurrency"] for level in result["levels"]] == [1, 2]
    for level in result["levels"]:
        for measure in ("ack", "approval_request"):
            assert level[measure]["n"] == 4
            assert 0 < level[measure]["median_ms"] <= level[measure]["p99_ms"] < 30_000
    assert result["targets"] == {"ack_p99_ms": 50.0, "approval_request_p99_ms_at_20": 300.0}
