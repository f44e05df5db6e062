"""Slack latency: how fast the bot acknowledges a draft event, and how long until the approval request
is in the draft's thread, with 1 and with 20 drafts arriving at once.

    python bench/slack.py [--drafts 200] [--concurrency 1 20] [--database-url URL] [--json] [--check]

The real app (``app.build_app`` behind ``app.build_wsgi_app``) is served by waitress on 127.0.0.1, as
``python app.py run --mode http`` serves it, with the real screening engine, on a temporary SQLite
file (or ``--database-url``: a PostgreSQL URL gets a schema of its own, dropped at the end). Slack is
the fake Web API of ``tests/slack/fake_slack.py``, also on 127.0.0.1. Each draft is a signed
``message`` event in a drafts channel, sent the way Slack sends it.

- ack: the HTTP round trip of the event (Slack needs it within 3 s).
- approval request: from sending the event until the fake Slack records the chat.postMessage that
  puts the approval buttons in that draft's thread.

Targets (issue 4): ack p99 <= 50 ms; draft to approval request p99 <= 300 ms at 20 concurrent drafts.
``--check`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Run as `python bench/slack.py`, this file's directory would come first on sys.path and shadow
# slack_sdk's `slack` package and our own top-level modules.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

import waitress  # noqa: E402

from app import HTTP_THREADS, LISTENER_WORKERS, build_app, build_wsgi_app, open_database  # noqa: E402
from bench.corpus import posts  # noqa: E402
from bench.storage import scratch_database, summary_ms  # noqa: E402
from bot.config import parse_config  # noqa: E402
from bot.runtime import Runtime  # noqa: E402
from bot.slack_client import build_client  # noqa: E402
from bot.workflows import accounts as accounts_flow  # noqa: E402
from rules import Draft as ScreeningInput  # noqa: E402
from rules import Engine, Verdict  # noqa: E402
from tests.slack import payloads  # noqa: E402
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack  # noqa: E402
from tests.slack.signing import SIGNING_SECRET, post_event  # noqa: E402

ACK_P99_TARGET_MS = 50.0
APPROVAL_P99_TARGET_MS = 300.0
TARGET_CONCURRENCY = 20
CHANNEL = "C0BENCHDRAFTS"
OPERATOR = "U0BENCHOP1"
WAIT_S = 30.0

CONFIG = f"""
organization: ベンチ市
policy: default
channels: {{pr: C0BENCHPR, infosec: C0BENCHSEC}}
roles: {{pr: [U0BENCHPR], infosec: [U0BENCHSEC], admins: [U0BENCHADM]}}
official_domains: [city.example.lg.jp]
accounts:
  - id: bench-x
    platform: x
    handle: "@bench_city"
    department: 広報課
    manager: U0BENCHMGR
    deputies: [U0BENCHDEP]
    operators: [{OPERATOR}]
    drafts_channel: {CHANNEL}
    plan_valid_until: 2099-03-31
"""


def approvable_texts(engine: Engine, n: int) -> list[str]:
    """``n`` realistic posts that reach approval (pass or warn): the approval request is what is timed."""
    out: list[str] = []
    for text in posts(n * 3, length=120, seed=11):
        if engine.screen(ScreeningInput(text=text, platform="x")).verdict != Verdict.BLOCK:
            out.append(text)
        if len(out) == n:
            return out
    raise RuntimeError("the corpus has too few posts that reach approval")


def serve(database_url: str, slack_api_url: str, workers: int) -> None:
    """The bot's process (``--serve``): built as ``python app.py run --mode http`` builds it, on port 0;
    prints the port, then serves until its standard input closes."""
    config = parse_config(CONFIG, path="bench.yml")
    db = open_database(database_url)
    with db.Session.begin() as session:
        accounts_flow.import_accounts(session=session, accounts=config.accounts, actor="bench")
    client = build_client(BOT_TOKEN, base_url=slack_api_url)
    runtime = Runtime(config=config, db=db, engine=Engine(config.screening_settings()), client=client)
    app = build_app(runtime, signing_secret=SIGNING_SECRET, listener_workers=workers)
    server = waitress.create_server(build_wsgi_app(app, db=db), host="127.0.0.1", port=0, threads=HTTP_THREADS)
    print(server.effective_port, flush=True)
    threading.Thread(target=server.run, name="bench-waitress", daemon=True).start()
    sys.stdin.read()  # the parent closes our stdin to stop us
    server.close()
    app.listener_runner.listener_executor.shutdown(wait=True)
    db.dispose()


class Bench:
    """The bot in a process of its own (as in production: Slack is not in its process), the fake Slack
    and the senders in this one."""

    def __init__(self, db_url: str, fake: FakeSlack, workers: int, instances: int = 1) -> None:
        self.fake = fake
        self.processes: list[subprocess.Popen[str]] = []
        self.urls: list[str] = []
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        for _ in range(instances):  # one after the other: each seeds the (same) account on start
            process = subprocess.Popen(
                [sys.executable, __file__, "--serve", db_url, fake.base_url, str(workers)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
                cwd=ROOT,
            )
            self.processes.append(process)
            port = process.stdout.readline().strip() if process.stdout else ""
            if not port.isdigit():
                self.close()
                raise RuntimeError("the bot's process did not start")
            self.urls.append(f"http://127.0.0.1:{port}")

    def close(self) -> None:
        for process in self.processes:
            if process.stdin:
                process.stdin.close()
        for process in self.processes:
            try:
                process.wait(timeout=WAIT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    def _approval_request(self, ts: str) -> Callable[[Any], bool]:
        def matches(call: Any) -> bool:
            return (
                call.ok
                and call.args.get("thread_ts") == ts
                and "draft_approve" in json.dumps(call.args.get("blocks") or [])
            )

        return matches

    def round(self, texts: list[str]) -> tuple[list[float], list[float]]:
        """Send ``texts`` as drafts all at once; (ack seconds, event-to-approval-request seconds) each."""
        barrier = threading.Barrier(len(texts))
        events = [payloads.message_event(t, user=OPERATOR, channel=CHANNEL) for t in texts]
        for event in events:
            self.fake.add_message(event)

        def send(index: int) -> tuple[float, float]:
            event = events[index]
            url = self.urls[index % len(self.urls)]  # round robin, as a load balancer would
            barrier.wait(timeout=WAIT_S)
            sent_at = time.time()
            start = time.perf_counter()
            result = post_event(url, SIGNING_SECRET, event, timeout=WAIT_S)
            ack = time.perf_counter() - start
            if result.status != 200:
                raise RuntimeError(f"the bot answered {result.status}")
            return sent_at, ack

        with ThreadPoolExecutor(max_workers=len(texts)) as pool:
            sent = list(pool.map(send, range(len(events))))
        acks, delays = [], []
        for event, (sent_at, ack) in zip(events, sent, strict=True):
            call = self.fake.wait_for("chat.postMessage", self._approval_request(event["ts"]), timeout=WAIT_S)
            acks.append(ack)
            delays.append(call.time - sent_at)
        return acks, delays


def run(
    url: str, *, drafts: int, levels: list[int], engine: Engine, workers: int, instances: int = 1
) -> dict[str, Any]:
    texts = approvable_texts(engine, max(levels) + 10)
    results: dict[str, Any] = {"database": None, "instances": instances, "listener_workers": workers, "levels": []}
    with scratch_database(url) as db, FakeSlack(bot_token=BOT_TOKEN) as fake:
        results["database"] = db.dialect
        bench = Bench(db.engine.url.render_as_string(hide_password=False), fake, workers, instances)
        try:
            bench.round(texts[:5])  # warm-up: auth.test, connection pools, the engine's caches
            for level in levels:
                acks: list[float] = []
                delays: list[float] = []
                for r in range(max(1, drafts // level)):
                    batch = [f"{t}（{level}-{r}-{i}）" for i, t in enumerate(texts[r % 5 : r % 5 + level])]
                    a, d = bench.round(batch)
                    acks += a
                    delays += d
                    fake.reset()
                results["levels"].append(
                    {"concurrency": level, "ack": summary_ms(acks), "approval_request": summary_ms(delays)}
                )
        finally:
            bench.close()
    return results


def verdicts(result: dict[str, Any]) -> list[str]:
    """What missed a target (empty: all met)."""
    missed = []
    for level in result["levels"]:
        if level["ack"]["p99_ms"] > ACK_P99_TARGET_MS:
            missed.append(f"ack p99 at {level['concurrency']}")
        if level["concurrency"] == TARGET_CONCURRENCY and level["approval_request"]["p99_ms"] > APPROVAL_P99_TARGET_MS:
            missed.append(f"approval request p99 at {level['concurrency']}")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=200, help="drafts per concurrency level (default 200)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, TARGET_CONCURRENCY])
    parser.add_argument("--database-url", action="append", dest="urls", metavar="URL")
    parser.add_argument("--json", action="store_true", help="print one JSON object per database")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--workers", type=int, default=LISTENER_WORKERS, help="the app's listener threads")
    parser.add_argument(
        "--instances", type=int, default=1, help="bot processes sharing the database, round robin (default 1)"
    )
    args = parser.parse_args(argv)
    if args.drafts < 1 or min(args.concurrency) < 1 or max(args.concurrency) > 100:
        parser.error("--drafts must be at least 1 and --concurrency between 1 and 100")
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        os.environ.pop(name, None)  # everything here is on 127.0.0.1; slack_sdk would honour a proxy
    urls = args.urls or ["sqlite://"]

    engine = Engine(parse_config(CONFIG, path="bench.yml").screening_settings())
    missed_any = False
    for url in urls:
        result = run(
            url,
            drafts=args.drafts,
            levels=args.concurrency,
            engine=engine,
            workers=args.workers,
            instances=args.instances,
        )
        missed = verdicts(result)
        missed_any |= bool(missed)
        result["targets"] = {"ack_p99_ms": ACK_P99_TARGET_MS, "approval_request_p99_ms_at_20": APPROVAL_P99_TARGET_MS}
        result["missed"] = missed
        if args.json:
            print(json.dumps(result))
            continue
        print(
            f"{result['database']}, {args.instances} instance(s): {args.drafts} drafts per level"
            f" ({dt.datetime.now():%Y-%m-%d %H:%M}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
        )
        for level in result["levels"]:
            a, d = level["ack"], level["approval_request"]
            print(
                f"  {level['concurrency']:>3} at once  ack median {a['median_ms']:7.2f} ms  p99 {a['p99_ms']:7.2f} ms"
                f"   approval request median {d['median_ms']:7.2f} ms  p99 {d['p99_ms']:7.2f} ms   (n={a['n']})"
            )
        print(
            f"  targets: ack p99 <= {ACK_P99_TARGET_MS:.0f} ms; approval request p99 <= {APPROVAL_P99_TARGET_MS:.0f} ms"
            f" at {TARGET_CONCURRENCY} at once: " + ("met" if not missed else "MISSED: " + ", ".join(missed))
        )
    return 1 if (args.check and missed_any) else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve(sys.argv[2], sys.argv[3], int(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())
