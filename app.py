"""sns-gate's command line (CONTRACTS §5) and the Slack app.

    python app.py [run] [--mode socket|http]
    python app.py check-config
    python app.py db upgrade
    python app.py accounts import FILE.yml
    python app.py accounts list
    python app.py audit export [--since DATE] [--format csv|jsonl]
    python app.py jobs list | jobs run NAME [--at ISO8601] [--dry-run]
    python app.py incidents list | incidents export INC-YYYY-NNNN

Each command builds what it needs from the environment (CONTRACTS §3), does one unit of work and
returns an exit status. A problem the user can fix is printed in Japanese on stderr with status 2,
without a traceback.

The Slack side is built by ``build_app(runtime, signing_secret=...)`` (Bolt, with every listener of
``handlers/`` and one error handler) and, for HTTP mode, served by ``build_wsgi_app(app, db=...)``:
``POST /slack/events`` for Slack and ``GET /healthz`` for load balancers. ``run`` puts them together.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import importlib
import importlib.util
import json
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError

from bot import messages as msg
from bot.config import Config, Environment, load_accounts, load_config, load_optional_config
from bot.errors import UserFacingError
from bot.workflows import TOKYO
from bot.workflows import accounts as accounts_flow
from bot.workflows import audit as audit_flow
from storage.db import Database, SchemaNotCurrentError, normalize_url

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.runtime import Runtime

log = logging.getLogger("sns_gate")

Handler = Callable[[argparse.Namespace, Environment], int]


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is explained in Japanese (status 2, as argparse does)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, msg.CLI_USAGE_ERROR.format(detail=message) + "\n")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(msg.CLI_BAD_DATE) from None


# --- Helpers --------------------------------------------------------------------------------------------


def _database(env: Environment) -> Database:
    db = Database.from_url(env.database_url)
    db.require_current()
    return db


# --- The Slack app ---------------------------------------------------------------------------------------

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Listeners run on these threads after the ack (Bolt's process_before_response=False). Enough for a
# burst of drafts and clicks while some wait on Slack's rate limits; not so many that, all busy at once,
# they starve the threads that acknowledge requests of the GIL (in bench/slack.py, with 20 drafts at once,
# 32 threads gave an ack p99 near 160 ms where 8 to 16 gave 45 to 65 ms).
LISTENER_WORKERS = 16
HEALTH_TIMEOUT_S = 3.0
# waitress's request threads: a request only parses, verifies and acks, so these are mostly idle; enough
# that a burst of 20 requests never queues (waitress logs a warning when it does).
HTTP_THREADS = 32


def build_app(
    runtime: Runtime,
    *,
    signing_secret: str | None,
    token_verification: bool = False,
    listener_workers: int = LISTENER_WORKERS,
) -> App:
    """The Bolt app: every listener under handlers/, ``context["runtime"]`` for each request, and one
    error handler that turns refusals into ephemeral Japanese messages.

    Listeners ack first and work afterwards on Bolt's worker threads, so Slack always gets its answer
    within milliseconds whatever the screening or the database does. ``signing_secret``
    is required for HTTP mode (None: every HTTP request is refused; Socket Mode needs none).
    ``token_verification`` calls auth.test now, so a wrong token fails at start rather than later.
    """
    from slack_bolt import App

    import handlers
    from bot import slack_errors

    app = App(
        client=runtime.client,
        # Never Bolt's fallback to the environment: what is verified is what the caller passed.
        signing_secret=signing_secret or "",
        token_verification_enabled=token_verification,
        process_before_response=False,
        listener_executor=concurrent.futures.ThreadPoolExecutor(
            max_workers=listener_workers, thread_name_prefix="sns-gate-listener"
        ),
        name="sns-gate",
    )

    def attach_runtime(context: dict[str, Any], next: Callable[[], Any]) -> Any:
        context["runtime"] = runtime
        return next()

    app.use(attach_runtime)
    slack_errors.register(app)
    handlers.register_all(app)
    return app


def _healthy(db: Database, pool: concurrent.futures.Executor, timeout: float) -> bool:
    future = pool.submit(db.ping)
    try:
        return bool(future.result(timeout=timeout))
    except concurrent.futures.TimeoutError:
        return False


def build_wsgi_app(
    app: App, *, db: Database, health_timeout: float = HEALTH_TIMEOUT_S
) -> Callable[..., Iterable[bytes]]:
    """HTTP mode's WSGI app: ``POST /slack/events`` to Bolt, ``GET /healthz`` → 200 when the database
    answers within ``health_timeout`` seconds, else 503. Anything else is 404."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    # A hung database must not hang the health check: the ping runs here and is waited for a bounded time.
    health_pool = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="sns-gate-health")

    def respond(start_response: Callable[..., Any], status: str, body: dict[str, str]) -> list[bytes]:
        payload = json.dumps(body).encode()
        start_response(
            status,
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(payload))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [payload]

    def wsgi_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH:
            if method not in ("GET", "HEAD"):
                return respond(start_response, "405 Method Not Allowed", {"status": "method not allowed"})
            if _healthy(db, health_pool, health_timeout):
                return respond(start_response, "200 OK", {"status": "ok", "database": "ok"})
            return respond(start_response, "503 Service Unavailable", {"status": "unavailable", "database": "down"})
        if path == EVENTS_PATH:
            if method != "POST":
                return respond(start_response, "405 Method Not Allowed", {"status": "method not allowed"})
            return slack(environ, start_response)
        return respond(start_response, "404 Not Found", {"status": "not found"})

    return wsgi_app


# --- Commands -------------------------------------------------------------------------------------------


def cmd_check_config(args: argparse.Namespace, env: Environment) -> int:
    config = load_config(env.config_path)
    s = config.schedule
    lines = [
        msg.CONFIG_SUMMARY_OK.format(path=env.config_path),
        msg.SUMMARY_ORGANIZATION.format(organization=config.organization, policy=config.policy),
        msg.SUMMARY_TIME.format(
            timezone=config.timezone,
            start=f"{config.working_hours.start:%H:%M}",
            end=f"{config.working_hours.end:%H:%M}",
        ),
        msg.SUMMARY_CHANNELS.format(pr=config.channels.pr, infosec=config.channels.infosec),
        msg.SUMMARY_ROLES.format(
            pr=len(config.roles.pr), infosec=len(config.roles.infosec), admins=len(config.roles.admins)
        ),
        msg.SUMMARY_DOMAINS.format(
            official=", ".join(config.official_domains) or msg.SUMMARY_NONE,
            trusted=len(config.trusted_domains),
            phones=len(config.official_phone_numbers),
        ),
        msg.SUMMARY_ACCOUNTS.format(
            count=len(config.accounts), ids=", ".join(a.id for a in config.accounts) or msg.SUMMARY_NONE
        ),
        msg.SUMMARY_SCHEDULE.format(
            posting_day=s.posting_frequency_from_day,
            renewal=s.plan_renewal_from,
            renewal_pr=s.plan_renewal_pr_from,
            lapse=s.plan_lapse_on,
            password_days=s.password_interval_days,
            reminder_hours=s.approval_reminder_after_working_hours,
            pr_hours=s.approval_pr_after_working_hours,
        ),
    ]
    print("\n".join(lines))
    return 0


def cmd_db_upgrade(args: argparse.Namespace, env: Environment) -> int:
    revision = Database.from_url(env.database_url).upgrade()
    print(msg.DB_UPGRADED.format(revision=revision))
    return 0


def cmd_accounts_import(args: argparse.Namespace, env: Environment) -> int:
    entries = load_accounts(args.file)  # validate the whole file before touching the database
    db = _database(env)
    with db.Session.begin() as session:
        result = accounts_flow.import_accounts(session=session, accounts=entries, actor="cli")
    print(result.summary_ja())
    return 0


def cmd_accounts_list(args: argparse.Namespace, env: Environment) -> int:
    config = load_optional_config(env)
    db = _database(env)
    with db.Session.begin() as session:
        rows = accounts_flow.list_accounts(
            session=session,
            password_interval_days=config.schedule.password_interval_days if config else 90,
            tz=config.tz if config else TOKYO,
        )
        print(accounts_flow.format_table(rows))
    return 0


def cmd_audit_export(args: argparse.Namespace, env: Environment) -> int:
    config = load_optional_config(env)
    db = _database(env)
    with db.Session.begin() as session:
        audit_flow.export(
            session=session, out=sys.stdout, since=args.since, fmt=args.format, tz=config.tz if config else TOKYO
        )
    return 0


# --- run --------------------------------------------------------------------------------------------------


def _missing_for_run(env: Environment, mode: str) -> list[str]:
    needed = {"SLACK_BOT_TOKEN": env.slack_bot_token}
    if mode == "socket":
        needed["SLACK_APP_TOKEN"] = env.slack_app_token
    else:
        needed["SLACK_SIGNING_SECRET"] = env.slack_signing_secret
    return [name for name, value in needed.items() if not value]


def _port(env: Environment) -> int | None:
    try:
        port = int(env.port)
    except ValueError:
        return None
    return port if 0 < port < 65536 else None


def open_database(url: str) -> Database:
    """The database as ``run`` uses it, with pool settings for a server under load.

    SQLite: one connection per process. Every transaction takes SQLite's write lock (BEGIN IMMEDIATE),
    and threads queueing on SQLite's busy handler sleep in growing steps (up to 100 ms) even when the
    lock frees at once; queueing on the pool instead hands the connection over immediately.
    """
    options: dict[str, Any] = {}
    backend = normalize_url(url).get_backend_name()
    if backend == "sqlite":
        options = {"pool_size": 1, "max_overflow": 0, "pool_timeout": 30}
    elif backend == "postgresql":
        # Fail fast when the server is unreachable (health checks, start-up) instead of the OS's TCP
        # timeout; room for a burst of listener threads, each using one connection at a time.
        options = {"connect_args": {"connect_timeout": 5}, "pool_size": 10, "max_overflow": 20, "pool_timeout": 10}
    return Database.from_url(url, **options)


def seed_accounts(db: Database, config: Config) -> tuple[list[str], list[str]]:
    """Create the configuration file's ``accounts:`` that the database does not have yet.

    Existing accounts are left alone: after the first start they are maintained with
    ``accounts import`` and in Slack (/sns-account, plan renewals), and a restart must not undo those
    changes with the file's older values. Returns (created, kept) account ids.
    """
    from storage.repositories import accounts as accounts_repo

    with db.Session.begin() as session:
        new = [a for a in config.accounts if accounts_repo.get(session=session, account_id=a.id) is None]
        kept = [a.id for a in config.accounts if a not in new]
        if new:
            accounts_flow.import_accounts(session=session, accounts=new, actor="config")
    return [a.id for a in new], kept


def _start_jobs(runtime: Runtime) -> Any:
    """The scheduled jobs' hook (``bot.jobs.scheduler.start(runtime)``), when that module exists."""
    try:
        spec = importlib.util.find_spec("bot.jobs.scheduler")
    except ModuleNotFoundError:
        spec = None
    if spec is None:
        log.info("no bot.jobs.scheduler: scheduled jobs are not started")
        return None
    scheduler = importlib.import_module("bot.jobs.scheduler")
    start = getattr(scheduler, "start", None)
    return start(runtime) if callable(start) else None


def cmd_run(args: argparse.Namespace, env: Environment) -> int:
    mode = args.mode or ("socket" if env.slack_app_token else "http")
    missing = _missing_for_run(env, mode)
    if missing:
        print(msg.RUN_MISSING.format(mode=msg.RUN_MODE_LABELS[mode], names="、".join(missing)), file=sys.stderr)
        print(msg.RUN_HELP, file=sys.stderr)
        return 2
    port = _port(env)
    if mode == "http" and port is None:
        print(msg.RUN_BAD_PORT.format(port=env.port), file=sys.stderr)
        return 2
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for log_handler in root.handlers:
        log_handler.addFilter(_only_warnings_from_slack_libraries)

    from slack_sdk.errors import SlackApiError

    from bot.runtime import Runtime
    from bot.slack_client import build_client
    from rules import Engine

    config = load_config(env.config_path)
    db = open_database(env.database_url)
    db.upgrade()
    created, kept = seed_accounts(db, config)
    if config.accounts:
        print(msg.RUN_ACCOUNTS_SEEDED.format(created=len(created), kept=len(kept)))
    engine = Engine(config.screening_settings())
    engine.warm_up(freeze=True)
    runtime = Runtime(
        config=config,
        db=db,
        engine=engine,
        client=build_client(env.slack_bot_token, base_url=env.slack_api_url),
    )
    # The token is checked now, so a wrong one fails here with an explanation rather than on the first draft.
    try:
        runtime.client.auth_test()
    except SlackApiError as exc:
        print(msg.RUN_AUTH_FAILED.format(error=exc.response.get("error") or "error"), file=sys.stderr)
        return 2
    except OSError as exc:
        print(msg.RUN_AUTH_FAILED.format(error=type(exc).__name__), file=sys.stderr)
        return 2
    app = build_app(runtime, signing_secret=env.slack_signing_secret)
    scheduler = _start_jobs(runtime)
    # A container platform stops the bot with SIGTERM: shut down as on Ctrl+C (jobs, connections).
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if mode == "socket":
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            handler = SocketModeHandler(app, app_token=env.slack_app_token)
            handler.connect()
            print(msg.RUN_STARTED_SOCKET, flush=True)
            try:
                _wait_forever()
            finally:
                handler.close()
        else:
            import waitress

            server = waitress.create_server(
                build_wsgi_app(app, db=db), host="0.0.0.0", port=port, threads=HTTP_THREADS, ident="sns-gate"
            )
            print(msg.RUN_STARTED_HTTP.format(port=port, events=EVENTS_PATH, health=HEALTH_PATH), flush=True)
            try:
                server.run()
            finally:
                server.close()
    except KeyboardInterrupt:
        pass
    finally:
        # In order: no new requests (above), the listeners in flight finish (each is bounded by its own
        # retries), the jobs stop, and only then the database goes; disposing the pool under a listener
        # still waiting for a connection would leave it waiting.
        app.listener_runner.listener_executor.shutdown(wait=True)
        shutdown = getattr(scheduler, "shutdown", None)
        if callable(shutdown):
            shutdown()
        db.dispose()
    return 0


def _only_warnings_from_slack_libraries(record: logging.LogRecord) -> bool:
    # Bolt logs a refused request's whole body (a draft's text) at INFO, and slack_sdk logs requests and
    # responses at DEBUG. Their loggers copy the root's level when they are made, so setting theirs is
    # not enough: the handler drops those records instead.
    return record.levelno >= logging.WARNING or not record.name.startswith(("slack_bolt", "slack_sdk"))


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _wait_forever() -> None:
    # SocketModeHandler.start() does the same (connect, then sleep); a loop of bounded waits keeps
    # Ctrl+C responsive on every platform.
    import threading

    stop = threading.Event()
    while not stop.wait(3600):
        pass


# --- Parser ---------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python app.py", description="sns-gate: 自治体公式 SNS 投稿の確認・承認ボット")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    p = commands.add_parser("check-config", help="設定ファイルを検査し、概要を表示します")
    p.set_defaults(handler=cmd_check_config)

    db = commands.add_parser("db", help="データベースの操作").add_subparsers(dest="db_command", metavar="ACTION")
    db.required = True
    p = db.add_parser("upgrade", help="マイグレーションを適用します")
    p.set_defaults(handler=cmd_db_upgrade)

    accounts = commands.add_parser("accounts", help="公式アカウントの管理").add_subparsers(
        dest="accounts_command", metavar="ACTION"
    )
    accounts.required = True
    p = accounts.add_parser("import", help="アカウントを YAML ファイルから登録・更新します")
    p.add_argument("file", metavar="FILE.yml", help="accounts: の一覧を書いた YAML ファイル")
    p.set_defaults(handler=cmd_accounts_import)
    p = accounts.add_parser("list", help="アカウントの一覧と状態を表示します")
    p.set_defaults(handler=cmd_accounts_list)

    audit = commands.add_parser("audit", help="監査記録").add_subparsers(dest="audit_command", metavar="ACTION")
    audit.required = True
    p = audit.add_parser("export", help="監査記録を標準出力に書き出します（情報公開請求への対応など）")
    p.add_argument("--since", type=_date, metavar="DATE", help="この日（YYYY-MM-DD、日本時間）以降の記録のみ")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help="出力形式（既定: csv）")
    p.set_defaults(handler=cmd_audit_export)

    p = commands.add_parser("run", help="Slack ボットを起動します（コマンドを省略した場合もこれです）")
    p.add_argument(
        "--mode",
        choices=("socket", "http"),
        help="socket: ソケットモード（SLACK_APP_TOKEN があれば既定）、http: HTTP モード（PORT で待ち受け）",
    )
    p.set_defaults(handler=cmd_run)

    # The scheduled jobs' and the incidents' commands live with their features.
    from bot.incidents.cli import add_incidents_parser
    from bot.jobs.cli import add_jobs_parser

    add_jobs_parser(commands)  # `jobs list`, `jobs run NAME [--at ISO8601] [--dry-run]`
    add_incidents_parser(commands)  # `incidents list`, `incidents export INC-YYYY-NNNN`

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("--mode"):
        argv.insert(0, "run")  # CONTRACTS §5: `python app.py [run] [--mode socket|http]`
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return exc.code if isinstance(exc.code, int) else 2
    env = Environment.from_environ()
    handler: Handler = args.handler
    try:
        return handler(args, env)
    except UserFacingError as exc:
        print(exc.message_ja, file=sys.stderr)
    except SchemaNotCurrentError:
        print(msg.DB_NOT_CURRENT, file=sys.stderr)
    except (OperationalError, InterfaceError) as exc:
        # The class only: a server's message may quote a row, and a row may hold draft text.
        log.debug("database unreachable: %s", type(exc).__name__)
        url = normalize_url(env.database_url).render_as_string(hide_password=True)
        print(msg.DB_UNREACHABLE.format(url=url), file=sys.stderr)
    except SQLAlchemyError as exc:
        log.debug("database error: %s", type(exc).__name__)
        print(msg.DB_ERROR.format(kind=type(exc).__name__), file=sys.stderr)
    except BrokenPipeError:
        # The reader went away (`audit export | head`): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
