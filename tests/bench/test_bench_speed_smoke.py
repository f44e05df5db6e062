"""bench/speed.py's parts run end to end at a tiny size and report figures of the right shape."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench import speed  # noqa: E402
from bench.corpus import posts  # noqa: E402


def test_latency_reports_engine_bare_and_their_ratio():
    try:
        figures = speed.measure_latency(posts(250, seed=3))
    finally:
        gc.unfreeze()  # it freezes the heap as the bot does; the rest of the suite expects a normal one
    assert figures["engine_median_ms"] > 0 and figures["bare_median_ms"] > 0
    assert figures["engine_p99_ms"] >= figures["engine_median_ms"]
    assert abs(figures["ratio_median"] - figures["engine_median_ms"] / figures["bare_median_ms"]) < 1e-9
    # The post-by-post figure is a second, separate run of the same posts.
    assert figures["ratio_median_alternating"] > 0
    assert figures["ratio_median_alternating"] != figures["ratio_median"]


def test_the_cli_batch_figure_comes_from_a_real_parallel_run():
    # Enough posts for the JSONL mode to start its workers (rules.cli.PARALLEL_MIN_DRAFTS).
    from rules.cli import PARALLEL_MIN_DRAFTS

    assert speed.measure_cli_batch(posts(PARALLEL_MIN_DRAFTS + 20, seed=5), jobs=2) > 0


def test_startup_is_measured_twice_the_first_start_compiling_the_lexicons_if_need_be():
    startup, rss, first = speed.measure_startup(20)
    assert 0 < startup < 30 and 0 < first < 30
    assert rss > 50  # the Sudachi dictionary alone is mapped in
