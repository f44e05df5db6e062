"""``python -m rules``: screen drafts from the command line (CONTRACTS.md §2).

Exit status: 0 for pass or warn, 1 for block, 2 for bad usage or unreadable input. In JSONL mode
a bad line becomes ``{"line": N, "error": ...}`` in its place, the rest is still screened, and
the exit status is 2 if any line was bad, else 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import zoneinfo
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from rules.engine import DraftError, Engine
from rules.model import PLATFORMS, Draft, Report, Settings, Verdict
from rules.policy import POLICY_NAMES, PolicyError

EXIT_OK = 0
EXIT_BLOCK = 1
EXIT_USAGE = 2
# How many earlier posts of an account the spam rule sees in a JSONL batch.
RECENT_POSTS_KEPT = 20


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
    settings = _settings(args)
    platform = _platform(args.platform)
    at = _time(args.at, settings.timezone)
    try:
        engine = Engine(settings)
    except PolicyError as exc:
        raise UsageError(str(exc)) from exc
    data = _read_bytes(args.file, stdin)
    if fmt == "jsonl":
        return _screen_jsonl(engine, data, platform, at, stdout)
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


def _screen_jsonl(engine: Engine, data: bytes, platform: str | None, at: dt.datetime | None, stdout: IO[str]) -> int:
    recent: dict[Any, deque[str]] = defaultdict(lambda: deque(maxlen=RECENT_POSTS_KEPT))
    had_error = False
    for number, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            item = _parse_line(raw, number)
            account = item.get("account")
            history = recent[account] if account is not None else ()
            draft = Draft(
                text=item["text"],
                platform=_platform(item.get("platform")) if "platform" in item else platform,
                at=_time(item.get("at"), engine.settings.timezone) if "at" in item else at,
                recent_posts=tuple(reversed(history)),
            )
            report = engine.screen(draft)
        except (UsageError, DraftError) as exc:
            had_error = True
            stdout.write(_dump({"line": number, "error": str(exc)}) + "\n")
            continue
        if account is not None:
            recent[account].append(item["text"])
        stdout.write(_dump({"id": item.get("id"), **report.to_dict()}) + "\n")
    return EXIT_USAGE if had_error else EXIT_OK


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
