"""This checkout's engine against another git revision: time per post, and whether it finds the same.

    python bench/compare.py REV [--rounds 40] [--pairs 4] [--posts 2000] [--mixes 4000] [--cpu 0] [--json]

For a change meant to make the engine faster without changing what it reports. REV's tracked files
are exported (``git archive``) to a temporary directory, and each engine runs in its own warmed
process, both pinned to one core:

- Speed: the two processes take turns screening the same benchmark posts. This machine's speed
  drifts from minute to minute, so only turns taken this close together compare; the figure is
  the median of the per-round ratios, this checkout's time over REV's (0.95: this checkout takes
  5% less time per post). A process's memory layout (hash seeds, addresses) alone moves its
  speed by a few per cent, so the ``--rounds`` are shared among ``--pairs`` fresh pairs of
  processes, and each pair's median is shown too.
- Findings: both screen the same drafts under three policies (every rule example of this
  checkout, the benchmark posts, the development set when ``../shared`` is there, and random
  mixes of them cut to 140, 400 or 2,000 characters), each planned at a fixed time, and every
  draft whose report differs is counted and the first few are shown.

A worker is this file run with ``--worker DIR INPUT``; it imports the engine from DIR.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared" / "data" / "dev_posts.jsonl"
POLICIES = ("default", "joetsu", "towada")
PLANNED = ("2026-01-05T10:00:00+09:00", "2026-11-21T22:00:00+09:00")  # a working day; a night


# --- the worker: one revision's engine ----------------------------------------------------------


def _worker(root: Path, input_path: Path, cpu: int) -> None:
    sys.path.insert(0, str(root))
    import rules
    from rules import Draft, Engine, Settings

    if Path(rules.__file__).resolve().parents[1] != root.resolve():
        raise SystemExit(f"the engine was imported from {rules.__file__}, not from {root}")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
    data = json.loads(input_path.read_text(encoding="utf-8"))
    engine = Engine()
    warm_up = getattr(engine, "warm_up", None)  # older revisions may lack it, or its freeze
    if warm_up is not None:
        try:
            warm_up(freeze=True)
        except TypeError:
            warm_up()
    posts = data["posts"]
    for text in posts[:200]:
        engine.screen(Draft(text=text, platform="x"))
    for command in sys.stdin:
        if command.strip() == "time":
            t0 = time.perf_counter()
            for text in posts:
                engine.screen(Draft(text=text, platform="x"))
            print(json.dumps(time.perf_counter() - t0), flush=True)
        elif command.strip() == "findings":
            digests = []
            for policy in data["policies"]:
                policy_engine = Engine(Settings(policy=policy))
                for text, platform, at, recent in data["drafts"]:
                    draft = Draft(
                        text=text, platform=platform, at=dt.datetime.fromisoformat(at), recent_posts=tuple(recent)
                    )
                    report = json.dumps(policy_engine.screen(draft).to_dict(), ensure_ascii=False, sort_keys=True)
                    digests.append(hashlib.sha256(report.encode()).hexdigest()[:16])
            print(json.dumps(digests), flush=True)


# --- the comparison ------------------------------------------------------------------------------


def _drafts(posts: list[str], mixes: int) -> list[list]:
    """[text, platform, planned time, recent posts] for every draft both engines screen."""
    sys.path.insert(0, str(ROOT))
    import rules.detectors  # noqa: F401 - registers the rules
    from rules.registry import REGISTRY

    drafts = [[e.text, e.platform, e.at, list(e.recent)] for r in REGISTRY for e in (*r.matches, *r.passes)]
    if DEV_SET.exists():
        for line in DEV_SET.read_text(encoding="utf-8").splitlines():
            if line.strip():
                post = json.loads(line)
                drafts.append([post["text"], post.get("platform"), post.get("at"), []])
    drafts += [[text, "x", None, []] for text in posts]
    rng = random.Random(3)
    texts = [d[0] for d in drafts]
    for _ in range(mixes):
        mixed = "".join(rng.sample(texts, rng.randint(2, 4)))[: rng.choice([140, 400, 2000])]
        drafts.append([mixed, rng.choice(["x", "instagram", "line", None]), None, []])
    for k, draft in enumerate(drafts):
        draft[2] = draft[2] or PLANNED[k % 2]
    return drafts


def _export(rev: str, into: Path) -> None:
    """REV's tracked files, as ``git archive`` gives them."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev], capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"git archive {rev}: {archive.stderr.decode(errors='replace').strip()}")
    tar_path = into.with_suffix(".tar")
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    tar_path.unlink()


def _start(root: Path, input_path: Path, cpu: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--worker", str(root), str(input_path), "--cpu", str(cpu)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )


def _ask(worker: subprocess.Popen, command: str):
    worker.stdin.write(command + "\n")
    worker.stdin.flush()
    line = worker.stdout.readline()
    if not line:
        raise SystemExit(f"a worker stopped (exit code {worker.wait()})")
    return json.loads(line)


def compare(rev: str, *, rounds: int, pairs: int, posts: int, mixes: int, cpu: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import posts as corpus

    texts = corpus(posts)
    drafts = _drafts(texts, mixes)
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "rev"
        other.mkdir()
        _export(rev, other)
        input_path = Path(tmp) / "input.json"
        input_path.write_text(json.dumps({"posts": texts, "drafts": drafts, "policies": POLICIES}), encoding="utf-8")
        ratios, ours, theirs, per_pair = [], [], [], []
        mine = yours = None
        for pair in range(pairs):
            here, there = _start(ROOT, input_path, cpu), _start(other, input_path, cpu)
            try:
                pair_ratios = []
                for k in range(pair, rounds, pairs):
                    # Alternate who goes first, so neither always follows the other's cache traffic.
                    if k % 2:
                        a = _ask(here, "time")
                        b = _ask(there, "time")
                    else:
                        b = _ask(there, "time")
                        a = _ask(here, "time")
                    ours.append(a)
                    theirs.append(b)
                    pair_ratios.append(a / b)
                ratios += pair_ratios
                if pair_ratios:
                    per_pair.append(statistics.median(pair_ratios))
                if mine is None:
                    mine, yours = _ask(here, "findings"), _ask(there, "findings")
            finally:
                for worker in (here, there):
                    worker.stdin.close()
                    worker.wait()
    differing = [k for k, (x, y) in enumerate(zip(mine, yours, strict=True)) if x != y]
    return {
        "rev": rev,
        "rounds": rounds,
        "posts": len(texts),
        "ratio_median": statistics.median(ratios) if ratios else None,
        "pair_medians": per_pair,
        "ms_per_post": statistics.median(ours) / len(texts) * 1000 if ours else None,
        "rev_ms_per_post": statistics.median(theirs) / len(texts) * 1000 if theirs else None,
        "reports_compared": len(mine),
        "reports_differing": len(differing),
        "first_differing": [
            {"policy": POLICIES[k // len(drafts)], "text": drafts[k % len(drafts)][0][:60]} for k in differing[:5]
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rev", nargs="?", help="the git revision to compare with, e.g. HEAD~3")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--pairs", type=int, default=4, help="fresh pairs of processes the rounds are shared among")
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--mixes", type=int, default=4000)
    parser.add_argument("--cpu", type=int, default=0, help="the core both engines are pinned to")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--worker", nargs=2, metavar=("DIR", "INPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(Path(args.worker[0]), Path(args.worker[1]), args.cpu)
        return 0
    if not args.rev:
        parser.error("give the revision to compare with")
    if args.pairs < 1:
        parser.error("--pairs must be at least 1")
    result = compare(args.rev, rounds=args.rounds, pairs=args.pairs, posts=args.posts, mixes=args.mixes, cpu=args.cpu)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        if result["ratio_median"] is not None:
            here, there = result["ms_per_post"], result["rev_ms_per_post"]
            print(f"time per post: {here:.3f} ms here, {there:.3f} ms at {args.rev}")
            print(f"median of {args.rounds} per-round ratios (here / {args.rev}): {result['ratio_median']:.4f}")
            print("each pair of processes: " + ", ".join(f"{r:.4f}" for r in result["pair_medians"]))
        print(f"reports: {result['reports_differing']} of {result['reports_compared']} differ")
        for d in result["first_differing"]:
            print(f"  {d['policy']}: {d['text']}")
    return 1 if result["reports_differing"] else 0


if __name__ == "__main__":
    sys.exit(main())
