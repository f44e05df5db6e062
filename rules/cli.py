"""``python -m rules``: screen drafts from the command line (CONTRACTS.md §2).

Exit status: 0 for pass or warn, 1 for block, 2 for bad usage or unreadable input. In JSONL mode
a bad line becomes ``{"line": N, "error": ...}`` in its place, the rest is still screened, and
the exit status is 2 if any line was bad, else 0.

JSONL batches of ``PARALLEL_MIN_DRAFTS`` drafts or more are screened on ``--jobs`` processes (by
default, every CPU the process may use); the output is the same, byte for byte, as on one.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import multiprocessing
import multiprocessing.pool
import os
import signal
import sys
import zoneinfo
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rules.engine import DraftError, Engine, check_text
from rules.model import PLATFORMS, Draft, Report, Settings, Verdict
from rules.policy import POLICY_NAMES, PolicyError

EXIT_OK = 0
EXIT_BLOCK = 1
EXIT_USAGE = 2
# How many earlier posts of an account the spam rule sees in a JSONL batch.
RECENT_POSTS_KEPT = 20
# A JSONL batch with fewer drafts than this is screened in this process: starting workers would
# cost more than it saves.
PARALLEL_MIN_DRAFTS = 200
# Drafts sent to a worker at a time: enough to amortise the round trip (a draft takes ~0.7 ms),
# few enough that results stream out steadily and the workers finish together.
MAX_CHUNK = 64


class UsageError(Exception):
    """Bad arguments or unreadable input; the message is shown to the user as is."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would print English usage and exit 2
        raise UsageError(f"コマンドの指定に誤りがあります: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m rules", description="SNS投稿の下書きをガイドラインに照らして確認します。")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    screen = sub.add_parser("screen", help="下書きを確認します")
    screen.add_argument("--policy", help=f"ガイドライン: {', '.join(POLICY_NAMES)}")
    screen.add_argument("--config", type=Path, help="設定ファイル（sns-gate.yml）")
    screen.add_argument("--platform", help=f"投稿先: {'|'.join(PLATFORMS)}")
    screen.add_argument("--at", help="投稿予定日時（ISO 8601、例: 2026-01-05T10:00:00+09:00）")
    screen.add_argument("--format", default="text", help="出力形式: text|json|jsonl")
    screen.add_argument("--jobs", metavar="N", help="JSONL の一括確認に使うプロセス数（既定: CPU の数）")
    screen.add_argument("file", nargs="?", default="-", help="下書きのファイル（省略または - で標準入力）")

    listing = sub.add_parser("list", help="ルールの一覧を表示します")
    listing.add_argument("--policy", help=f"ガイドライン: {', '.join(POLICY_NAMES)}")

    docs = sub.add_parser("docs", help="ルールの説明書（Markdown）を生成します")
    docs.add_argument("--output", type=Path, help="書き出し先（省略時は標準出力）")
    return parser


# -- settings ---------------------------------------------------------------------------------


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    if getattr(args, "config", None):
        # The configuration file belongs to the bot; import lazily so the engine stays standalone.
        from bot.config import ConfigError, load_config

        try:
            settings = load_config(args.config).screening_settings()
        except ConfigError as exc:
            raise UsageError(str(exc)) from exc
    if args.policy:
        if args.policy not in POLICY_NAMES:
            raise UsageError(
                f"ガイドライン「{args.policy}」はありません。{', '.join(POLICY_NAMES)} のいずれかを指定してください。"
            )
        settings = _replace(settings, policy=args.policy)
    return settings


def _replace(settings: Settings, **changes: Any) -> Settings:
    from dataclasses import replace

    return replace(settings, **changes)


def _platform(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value.lower() not in PLATFORMS:
        choices = "、".join(PLATFORMS)
        raise UsageError(f"投稿先「{value}」には対応していません。{choices} のいずれかを指定してください。")
    return value.lower()


def _time(value: Any, tz: str) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError("投稿予定日時は ISO 8601 の文字列で指定してください（例: 2026-01-05T10:00:00+09:00）。")
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise UsageError(
            f"投稿予定日時「{value}」を読み取れません。ISO 8601 で指定してください（例: 2026-01-05T10:00:00+09:00）。"
        ) from exc
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zoneinfo.ZoneInfo(tz))
    return parsed


def _jobs(value: str | None) -> int:
    """The ``--jobs`` value as a count of processes; by default, the CPUs this process may use."""
    if value is None:
        return default_jobs()
    try:
        jobs = int(value.strip())
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise UsageError(f"プロセス数「{value}」は使えません。--jobs には 1 以上の整数を指定してください。")
    return jobs


def default_jobs() -> int:
    """The number of CPUs available to this process (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# -- input ------------------------------------------------------------------------------------


def _read_bytes(file: str, stdin: IO[bytes]) -> bytes:
    if file == "-":
        return stdin.read()
    path = Path(file)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise UsageError(f"ファイル「{file}」が見つかりません。") from exc
    except IsADirectoryError as exc:
        raise UsageError(f"「{file}」はフォルダです。下書きのファイルを指定してください。") from exc
    except OSError as exc:
        raise UsageError(f"ファイル「{file}」を読めません（{exc.strerror}）。") from exc


def _decode(data: bytes, *, what: str = "入力") -> str:
    if b"\x00" in data:
        raise UsageError(f"{what}はテキストではないようです（バイナリデータが含まれています）。")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{what}を UTF-8 のテキストとして読めません（{exc.start + 1}バイト目）。") from exc


# -- output -----------------------------------------------------------------------------------


def render_text(report: Report, text: str) -> str:
    lines = [f"判定: {report.verdict.label}（{report.verdict.value}）"]
    if not report.findings:
        lines.append("ガイドラインに照らして問題となる表現は見つかりませんでした。")
        return "\n".join(lines) + "\n"
    lines.append(f"指摘: {len(report.findings)}件")
    for n, f in enumerate(report.findings, 1):
        lines.append("")
        lines.append(f"[{n}] {f.severity.label}（{f.severity.value}）{f.category.label} — {f.rule}")
        lines.append(f"    該当箇所: {_highlight(text, f.start, f.end)}（{f.start + 1}〜{f.end}文字目）")
        lines.append(f"    内容: {f.message}")
        if f.fix:
            lines.append(f"    修正案: {f.fix}")
        lines.append(f"    根拠: {f.citation}")
    return "\n".join(lines) + "\n"


def _highlight(text: str, start: int, end: int, context: int = 15) -> str:
    """The excerpt in 【】 with a little of the text around it, on one line."""
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    excerpt = text[start:end]
    if len(excerpt) > 80:
        excerpt = excerpt[:38] + "…" + excerpt[-38:]
    pre = ("…" if start > context else "") + before
    post = after + ("…" if end + context < len(text) else "")
    return "".join((pre, "【", excerpt, "】", post)).replace("\n", "⏎")


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


# -- commands ---------------------------------------------------------------------------------


def cmd_screen(args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str]) -> int:
    fmt = args.format
    if fmt not in ("text", "json", "jsonl"):
        raise UsageError(f"出力形式「{fmt}」には対応していません。text、json、jsonl のいずれかを指定してください。")
    jobs = _jobs(args.jobs)
    settings = _settings(args)
    platform = _platform(args.platform)
    at = _time(args.at, settings.timezone)
    try:
        engine = Engine(settings)
    except PolicyError as exc:
        raise UsageError(str(exc)) from exc
    data = _read_bytes(args.file, stdin)
    if fmt == "jsonl":
        return _screen_jsonl(engine, data, platform, at, stdout, jobs=jobs)
    text = _decode(data)
    try:
        report = engine.screen(Draft(text=text, platform=platform, at=at))
    except DraftError as exc:
        raise UsageError(str(exc)) from exc
    if fmt == "json":
        stdout.write(_dump(report.to_dict()) + "\n")
    else:
        stdout.write(render_text(report, text))
    return EXIT_BLOCK if report.verdict is Verdict.BLOCK else EXIT_OK


@dataclass(frozen=True, slots=True)
class _Line:
    """One non-blank input line after the first phase: a draft to screen, or the error in its place."""

    number: int
    id: Any = None
    draft: Draft | None = None
    error: str | None = None


def _screen_jsonl(
    engine: Engine,
    data: bytes,
    platform: str | None,
    at: dt.datetime | None,
    stdout: IO[str],
    *,
    jobs: int = 1,
) -> int:
    """Screen one draft per line, writing one result per line in input order.

    Two phases, so that the output does not depend on ``jobs``: every line is read, checked and
    given its account's recent posts here, in order; then the drafts are screened, in this process
    or on a pool of ``jobs`` workers, and the results written as they come back.
    """
    lines = _read_jsonl(engine, data, platform, at)
    drafts = [line.draft for line in lines if line.draft is not None]
    had_error = False
    with _Screener(engine, drafts, jobs) as results:
        for line in lines:
            error = line.error
            if line.draft is not None:
                result = next(results)
                if isinstance(result, str):  # a DraftError that the first phase did not foresee
                    error = result
                else:
                    stdout.write(_dump({"id": line.id, **result}) + "\n")
                    continue
            had_error = True
            stdout.write(_dump({"line": line.number, "error": error}) + "\n")
    return EXIT_USAGE if had_error else EXIT_OK


def _read_jsonl(engine: Engine, data: bytes, platform: str | None, at: dt.datetime | None) -> list[_Line]:
    """The first phase: parse and check every line; a draft's recent posts are its account's history.

    Only a line that will be screened joins its account's history, and ``recent_posts`` are the
    posts before it, newest first.
    """
    recent: dict[Any, deque[str]] = defaultdict(lambda: deque(maxlen=RECENT_POSTS_KEPT))
    lines: list[_Line] = []
    for number, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            item = _parse_line(raw, number)
            account = item.get("account")
            if isinstance(account, (list, dict)):  # unhashable: it cannot name an account
                raise UsageError(f'{number}行目の "account" は文字列か数値で指定してください。')
            history = recent[account] if account is not None else ()
            draft = Draft(
                text=item["text"],
                platform=_platform(item.get("platform")) if "platform" in item else platform,
                at=_time(item.get("at"), engine.settings.timezone) if "at" in item else at,
                recent_posts=tuple(reversed(history)),
            )
            check_text(draft.text)
        except (UsageError, DraftError) as exc:
            lines.append(_Line(number, error=str(exc)))
            continue
        if account is not None:
            recent[account].append(draft.text)
        lines.append(_Line(number, id=item.get("id"), draft=draft))
    return lines


class _Screener:
    """``with _Screener(engine, drafts, jobs) as results``: each draft's ``report.to_dict()``, in order.

    A draft the engine refuses gives its Japanese message (a str) instead. A batch of at least
    ``PARALLEL_MIN_DRAFTS`` drafts with ``jobs`` > 1 is screened on a pool of worker processes,
    which is always closed and reaped on the way out, whether the batch finished, failed or was
    interrupted.
    """

    def __init__(self, engine: Engine, drafts: list[Draft], jobs: int):
        self._engine = engine
        self._drafts = drafts
        self._jobs = jobs
        self._pool: multiprocessing.pool.Pool | None = None

    def __enter__(self) -> Iterator[dict[str, Any] | str]:
        if self._jobs < 2 or len(self._drafts) < PARALLEL_MIN_DRAFTS:
            return (_screen_one(self._engine, draft) for draft in self._drafts)
        try:
            self._pool = _make_pool(self._engine, self._jobs)
        except BaseException:
            _forget_worker_engine()
            raise
        chunksize = max(1, min(MAX_CHUNK, len(self._drafts) // (self._jobs * 8)))
        return self._pool.imap(_screen_in_worker, self._drafts, chunksize=chunksize)

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        try:
            if exc_type is None:
                pool.close()  # every result is in: let the workers exit on their own
            else:
                pool.terminate()
            pool.join()
        finally:
            _forget_worker_engine()


# The engine a worker screens with: set in the parent before a fork (the workers inherit it,
# warmed), or built in each worker by _init_worker when processes are spawned.
_worker_engine: Engine | None = None


def _fork_available() -> bool:
    # macOS offers fork, but its system libraries are not safe to use in a forked child.
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"


def _make_pool(engine: Engine, jobs: int) -> multiprocessing.pool.Pool:
    """A pool of ``jobs`` workers, each with an engine for ``engine``'s settings."""
    global _worker_engine
    try:
        if _fork_available():
            engine.warm_up(freeze=True)  # once here, rather than once in every worker
            _worker_engine = engine
            return multiprocessing.get_context("fork").Pool(jobs, initializer=_init_worker, initargs=(None,))
        return multiprocessing.get_context("spawn").Pool(jobs, initializer=_init_worker, initargs=(engine.settings,))
    except OSError as exc:  # e.g. the system's limit on processes
        raise UsageError(
            f"{jobs}個のプロセスを起動できません（{exc.strerror or exc}）。--jobs の数を減らしてください。"
        ) from exc


def _forget_worker_engine() -> None:
    global _worker_engine
    _worker_engine = None


def _init_worker(settings: Settings | None) -> None:
    global _worker_engine
    # Ctrl-C reaches the whole process group; the parent alone handles it, by ending the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if settings is not None:
        # An initializer that raises makes the pool start a new worker, forever. Without an engine
        # the worker fails its first draft instead, and the parent ends the pool.
        with contextlib.suppress(Exception):
            _worker_engine = Engine(settings)


def _screen_in_worker(draft: Draft) -> dict[str, Any] | str:
    if _worker_engine is None:
        raise RuntimeError("the worker has no engine (Engine(settings) failed in the worker)")
    return _screen_one(_worker_engine, draft)


def _screen_one(engine: Engine, draft: Draft) -> dict[str, Any] | str:
    try:
        return engine.screen(draft).to_dict()
    except DraftError as exc:
        return str(exc)


def _parse_line(raw: bytes, number: int) -> dict[str, Any]:
    text = _decode(raw, what=f"{number}行目")
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{number}行目は JSON として読めません（{exc.msg}、{exc.colno}文字目）。") from exc
    if not isinstance(item, dict):
        raise UsageError(f"{number}行目は JSON のオブジェクト（{{...}}）ではありません。")
    if not isinstance(item.get("text"), str):
        raise UsageError(f'{number}行目に文字列の "text" がありません。')
    return item


def cmd_list(args: argparse.Namespace, stdout: IO[str]) -> int:
    settings = _settings(args)
    engine = Engine(settings)
    rows = [("code", "category", "severity", "citation", "title")]
    for r, severity, citation in engine.rules:
        rows.append((r.code, r.category.value, severity.value, citation, r.title))
    stdout.write("\n".join("\t".join(row) for row in rows) + "\n")
    return EXIT_OK


def cmd_docs(args: argparse.Namespace, stdout: IO[str]) -> int:
    from rules.docs import render_rules_markdown

    text = render_rules_markdown()
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        stdout.write(text)
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: IO[bytes] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    try:
        args = build_parser().parse_args(list(argv) if argv is not None else None)
        if args.command == "screen":
            return cmd_screen(args, stdin, stdout)
        if args.command == "list":
            return cmd_list(args, stdout)
        return cmd_docs(args, stdout)
    except UsageError as exc:
        stderr.write(f"エラー: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        stderr.write("中断しました。\n")
        return 130


def iter_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    """Read a JSONL file of drafts (used by the benchmarks)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
