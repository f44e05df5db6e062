"""bench/storage.py runs end to end at a tiny size and reports what it promises."""

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
def test_the_storage_benchmark_runs_small(url: str):
    sizes = ["--accounts", "30", "--drafts", "600", "--iterations", "4"]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "storage.py"), *sizes, "--database-url", url, "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    [result] = [json.loads(line) for line in proc.stdout.splitlines()]
    assert result["database"] in ("sqlite", "postgresql")
    assert (result["accounts"], result["drafts"]) == (30, 600)
    for key in ("screen_only", "screen_and_record", "approve"):
        assert result[key]["n"] > 0 and 0 < result[key]["median_ms"] <= result[key]["p99_ms"]
    listing = result["accounts_list"]
    assert listing["rows"] == 30 and listing["sql_statements"] == 1
    assert listing["seconds_max"] < 1.0
