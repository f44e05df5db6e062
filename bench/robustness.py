"""Context robustness: does a finding survive an ordinary official sentence around the draft?

    python bench/robustness.py FILE.jsonl [FILE.jsonl ...] [--at ISO8601] [--json]

Real drafts bury a problem inside an ordinary announcement: an event notice before it, a contact
line, a closing 「ご理解とご協力をお願いします」 or a warning about something else after it. An
exemption meant for one sentence (a warning against the act, advice to the reader, a question)
that is applied to the whole draft loses the finding there. For every labelled positive the
engine catches as it is, this screens it again inside each of the ``CONTEXTS`` and counts, per
category, how many findings of the labelled category are kept. Neither the positives' texts nor
the contexts are fitted to: the contexts are stock sentences of municipal posts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rules import Draft, Engine, Severity

# (name, template): {text} is the positive. Before, after, and around; notices, warnings about
# something else, advice, a question, a contact line, a hashtag line.
CONTEXTS: tuple[tuple[str, str], ...] = (
    ("event before", "【お知らせ】12月5日（土）に市民会館で防災講座を開催します。参加は無料です。\n{text}"),
    ("closure before", "年末年始は12月29日から1月3日まで閉庁します。\n{text}"),
    ("contact after", "{text}\n詳しくは市ホームページをご覧ください。お問い合わせは総務課（0123-45-6789）まで。"),
    ("closing after", "{text}\n皆さまのご理解とご協力をお願いいたします。"),
    ("caution after", "{text}\n路面の凍結にご注意ください。"),
    ("fraud warning before", "特殊詐欺にご注意ください。不審な電話はすぐに警察へ相談しましょう。\n{text}"),
    ("dumping warning after", "{text}\nなお、ごみの不法投棄は法律で禁止されています。"),
    ("question after", "{text}\nご不明な点はありませんか？お気軽に窓口までご相談ください。"),
    ("hashtags after", "{text}\n#市役所 #お知らせ"),
    ("around", "いつも市政にご協力いただきありがとうございます。\n{text}\n今後ともよろしくお願いします。"),
)
AT = "2026-11-20T10:00:00+09:00"  # a working morning: the hours rule stays out of it


def _caught(engine: Engine, text: str, category: str, at: dt.datetime) -> bool:
    report = engine.screen(Draft(text=text, at=at))
    return any(f.category.value == category and f.severity is not Severity.INFO for f in report.findings)


def evaluate(lines: list[dict], at: dt.datetime) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """(positives caught as they are by category, findings kept by category and context)."""
    engine = Engine()
    caught: Counter[str] = Counter()
    kept: dict[str, Counter[str]] = defaultdict(Counter)
    for item in lines:
        for category in item.get("labels") or ():
            if not _caught(engine, item["text"], category, at):
                continue
            caught[category] += 1
            for name, template in CONTEXTS:
                kept[category][name] += _caught(engine, template.format(text=item["text"]), category, at)
    return caught, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--at", type=dt.datetime.fromisoformat, default=dt.datetime.fromisoformat(AT))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    lines = [
        json.loads(line) for f in args.files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    caught, kept = evaluate(lines, args.at)
    if args.json:
        print(json.dumps({c: {"caught": caught[c], **kept[c]} for c in sorted(caught)}, ensure_ascii=False, indent=2))
        return 0
    print(f"{'category':<18}{'caught':>7}  worst context (kept)")
    for c in sorted(caught):
        name, n = min(kept[c].items(), key=lambda kv: kv[1])
        print(f"{c:<18}{caught[c]:>7}  {name}: {n}/{caught[c]} = {n / caught[c]:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
