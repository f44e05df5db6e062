"""Screening quality on a labelled JSONL set: per-category recall and precision, clean false alarms.

    python bench/quality.py ../shared/data/dev_posts.jsonl [--policy default] [--at ISO8601] [--details] [--json]

Each line: {"id", "text", "platform"?, "at"?, "labels": [category, ...]}; empty labels = a clean post.
A category is predicted for a post when the engine reports a finding of that category with
severity warn or block (info findings are hints, not alarms). Macro recall averages the
categories that occur in the labels. The clean false-alarm rate is the share of clean posts with
any predicted category.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rules import Draft, Engine, Settings, Severity


@dataclass
class Scores:
    tp: dict[str, int] = field(default_factory=dict)
    fn: dict[str, int] = field(default_factory=dict)
    fp: dict[str, int] = field(default_factory=dict)
    clean: int = 0
    clean_alarms: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)

    def recall(self, c: str) -> float | None:
        n = self.tp.get(c, 0) + self.fn.get(c, 0)
        return self.tp.get(c, 0) / n if n else None

    def precision(self, c: str) -> float | None:
        n = self.tp.get(c, 0) + self.fp.get(c, 0)
        return self.tp.get(c, 0) / n if n else None

    @property
    def categories(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fn) | set(self.fp))

    @property
    def macro_recall(self) -> float:
        values = [r for c in self.categories if (r := self.recall(c)) is not None]
        return sum(values) / len(values) if values else 0.0

    @property
    def clean_false_alarm_rate(self) -> float:
        return self.clean_alarms / self.clean if self.clean else 0.0


def evaluate(lines: list[dict], policy: str = "default", at: dt.datetime | None = None) -> Scores:
    """Screen every line; a line without its own ``at`` is planned at ``at`` (None: now, as the
    engine does). A fixed ``at`` keeps the figures of a set whose dates carry weekdays from
    drifting with the calendar: a year-less 3月14日（土） is read as the next March."""
    engine = Engine(Settings(policy=policy))
    scores = Scores()
    for item in lines:
        planned = dt.datetime.fromisoformat(item["at"]) if item.get("at") else at
        report = engine.screen(Draft(text=item["text"], platform=item.get("platform"), at=planned))
        predicted: dict[str, str] = {}
        for f in report.findings:
            if f.severity is not Severity.INFO:
                predicted.setdefault(f.category.value, f.rule)
        labels = set(item.get("labels") or [])
        for c in labels:
            if c in predicted:
                scores.tp[c] = scores.tp.get(c, 0) + 1
            else:
                scores.fn[c] = scores.fn.get(c, 0) + 1
                scores.misses.append((str(item.get("id")), c))
        for c, code in predicted.items():
            if c not in labels:
                scores.fp[c] = scores.fp.get(c, 0) + 1
                scores.false_alarms.append((str(item.get("id")), c, code))
        if not labels:
            scores.clean += 1
            if predicted:
                scores.clean_alarms += 1
    return scores


def _fmt(v: float | None) -> str:
    return "   -  " if v is None else f"{v:6.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--policy", default="default")
    parser.add_argument(
        "--at",
        type=dt.datetime.fromisoformat,
        help="planned time (ISO 8601) of the lines without their own 'at' (default: now)",
    )
    parser.add_argument("--details", action="store_true", help="list missed labels and false alarms by id")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    lines = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines() if line.strip()]
    s = evaluate(lines, args.policy, args.at)
    if args.json:
        print(
            json.dumps(
                {
                    "posts": len(lines),
                    "macro_recall": s.macro_recall,
                    "clean_false_alarm_rate": s.clean_false_alarm_rate,
                    "categories": {c: {"recall": s.recall(c), "precision": s.precision(c)} for c in s.categories},
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"posts: {len(lines)}  policy: {args.policy}")
    print(f"{'category':<18}{'recall':>8}{'precision':>11}{'tp':>5}{'fn':>5}{'fp':>5}")
    for c in s.categories:
        print(
            f"{c:<18}{_fmt(s.recall(c)):>8}{_fmt(s.precision(c)):>11}"
            f"{s.tp.get(c, 0):>5}{s.fn.get(c, 0):>5}{s.fp.get(c, 0):>5}"
        )
    print(f"macro recall: {s.macro_recall:.3f}")
    print(f"clean false alarms: {s.clean_alarms}/{s.clean} = {s.clean_false_alarm_rate:.3%}")
    if args.details:
        for pid, c in s.misses:
            print(f"MISS  {pid} {c}")
        for pid, c, code in s.false_alarms:
            print(f"FALSE {pid} {c} ({code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
