"""Per-rule cost: how long each rule's detector takes per post, and how often its gate skips it.

    python bench/rule_costs.py [--posts 2000] [--prefix INS] [--ungated]

The shared analysis (tokens, lexicon matches, digits view) is computed before the clock starts, so
each figure is the rule's own work. A gated rule that the gate skips costs only the gate check.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import posts  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--prefix", default="", help="only rules whose code starts with this")
    parser.add_argument("--ungated", action="store_true", help="run every rule on every post")
    args = parser.parse_args(argv)

    from rules import Draft, Engine
    from rules.engine import Context
    from rules.features import Features
    from rules.text import Analysis

    engine = Engine()
    engine.warm_up()  # as the bot does: X's exact counter is compiled on first use
    texts = posts(args.posts)
    for text in texts[:200]:
        engine.screen(Draft(text=text, platform="x"))
    rules = [r for r, _, _ in engine.rules if r.code.startswith(args.prefix)]
    cost: dict[str, list[float]] = {r.code: [] for r in rules}
    ran: dict[str, int] = dict.fromkeys(cost, 0)
    clock = time.perf_counter
    for text in texts:
        draft = Draft(text=text, platform="x")
        analysis = Analysis(text)
        analysis.tokens, analysis.digits  # noqa: B018 - shared work, outside the clock
        engine.lex.matches(analysis)
        ctx = Context(draft=draft, settings=engine.settings, analysis=analysis, lex=engine.lex)
        features = Features(analysis, engine.lex, draft)
        for r in rules:
            t0 = clock()
            if args.ungated or r.when is None or features.admits(r.when):
                list(r.detect(ctx))
                ran[r.code] += 1
            cost[r.code].append(clock() - t0)
    total = 0.0
    print(f"{'rule':8}{'median ms':>11}{'mean ms':>10}{'ran':>7}")
    for code, values in sorted(cost.items(), key=lambda kv: -statistics.mean(kv[1])):
        total += statistics.mean(values)
        print(f"{code:8}{statistics.median(values) * 1e3:11.4f}{statistics.mean(values) * 1e3:10.4f}{ran[code]:7d}")
    print(f"sum of means: {total * 1e3:.4f} ms per post over {len(rules)} rules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
