"""bench/compare.py runs end to end at a tiny size: HEAD's engine against this checkout's."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_compare_times_both_engines_and_compares_their_reports():
    if _git("rev-parse", "--verify", "HEAD").returncode != 0:
        pytest.skip("not a git checkout with a commit: nothing to compare with")
    sizes = ["--rounds", "2", "--pairs", "2", "--posts", "60", "--mixes", "40"]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "compare.py"), "HEAD", *sizes, "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    result = json.loads(proc.stdout)
    assert result["rounds"] == 2 and result["posts"] == 60
    assert 0 < result["ratio_median"] < 10
    assert len(result["pair_medians"]) == 2  # one round in each of two fresh pairs of processes
    # Every rule example, the development set when it is there, the 60 posts and the 40 mixes, under
    # each of three policies.
    import rules.detectors  # noqa: F401 - registers the rules
    from rules.registry import REGISTRY

    examples = sum(len(r.matches) + len(r.passes) for r in REGISTRY)
    dev_set = ROOT.parent / "shared" / "data" / "dev_posts.jsonl"
    dev = sum(1 for line in dev_set.read_text(encoding="utf-8").splitlines() if line.strip()) if dev_set.exists() else 0
    assert result["reports_compared"] == 3 * (examples + dev + 60 + 40)
    assert (result["reports_differing"] == 0) == (proc.returncode == 0)
    if not _git("status", "--porcelain", "--", "rules").stdout.strip():
        # This checkout's engine is HEAD's: every report is the same.
        assert result["reports_differing"] == 0, result["first_differing"]
