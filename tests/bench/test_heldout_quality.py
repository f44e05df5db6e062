"""Screening quality on the project's own held-out regression set (bench/data/heldout.jsonl).

The set holds the drafts that testers wrote on 2026-11-22 to find what the rules missed (every
category's positives and about 3,700 official posts that must pass): the fourth session's two
rounds and their validation drafts, and the fifth session's round (ids r3-…) with the fourth
session's unseen set (f…) it was tuned on too. The rules were tuned on all of them, so these
figures guard against regressions; they are not a measure of quality on unseen text (see the
README and bench/data/fresh.jsonl).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bench.quality import evaluate

DATA = Path(__file__).resolve().parents[2] / "bench" / "data" / "heldout.jsonl"
# The drafts without their own planned time are read as posted in working hours on a weekday of the
# week they were written, so a year-less date with a weekday keeps its meaning as the calendar moves on.
WRITTEN = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def test_the_held_out_set_keeps_its_quality():
    lines = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 6000
    scores = evaluate(lines, at=WRITTEN)
    assert scores.macro_recall >= 0.95, scores.misses[:20]
    assert scores.clean_false_alarm_rate <= 0.01, scores.false_alarms[:20]
    for category in scores.categories:
        recall = scores.recall(category)
        assert recall is None or recall >= 0.9, (category, recall)
