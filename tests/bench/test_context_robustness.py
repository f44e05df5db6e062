"""A finding survives an ordinary official sentence around the draft (bench/robustness.py).

An exemption for one sentence (a warning against the act, advice, a question) applied to the
whole draft would let anyone hide a problem behind 「なお、不法投棄は法律で禁止されています」 or a
closing ご注意ください. Every positive of the held-out set that the engine catches as it is must
still be caught inside each stock context, category by category.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.robustness import AT, CONTEXTS, evaluate  # noqa: E402

DATA = ROOT / "bench" / "data" / "heldout.jsonl"
KEPT = 0.95
# Where the context is rightly an answer to some of the positives, a lower bar:
# - a declared offence about dumping answers a dumping excuse (illegal's topic_blocked);
# - a closing 「ご注意ください」 or 「ご相談ください」 after a mood is the office's own turn to the reader
#   (「暑くてもう限界です…。熱中症にご注意ください」), as personal_opinion's advice_after reads it.
LOWER = {
    ("illegal", "dumping warning after"): 0.75,
    ("personal_opinion", "caution after"): 0.85,
    ("personal_opinion", "question after"): 0.85,
}


def test_findings_survive_ordinary_sentences_around_them():
    lines = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    positives = [item for item in lines if item["labels"]]
    # A fixed sample keeps the test's run short; the bench script runs the whole set.
    sample = random.Random(7).sample(positives, 700)
    caught, kept = evaluate(sample, dt.datetime.fromisoformat(AT))
    assert sum(caught.values()) > 600
    weak = {
        (category, name): f"{kept[category][name]}/{caught[category]}"
        for category in caught
        for name, _ in CONTEXTS
        if kept[category][name] < LOWER.get((category, name), KEPT) * caught[category]
    }
    assert not weak, weak
