"""The one place where errors raised by listeners become something the user sees.

A ``UserFacingError`` (a refusal the user can act on) is shown to the person who acted, as an
ephemeral message where they acted: in the draft's thread for a click or a drafts-channel message,
through the command's response_url for a slash command, in the channel (and thread) a modal names in
its private_metadata (``{"channel": ..., "thread_ts": ...}``, the convention of every modal here), and
otherwise in the bot's direct messages with them. Nothing else needs to catch these errors.

Anything else is a bug or an outage: it is logged by exception class and stack frames only (never the
exception's message, which for a database error can quote a row, and for a Slack error the request),
and the user is told, politely and without detail, to try again.

Every listener runs inside ``guarded`` (``handlers.register_all`` wraps them), which hands an error to
``handle_listener_error`` itself instead of letting it reach Bolt. With ``process_before_response=False``
Bolt runs a listener on a worker thread while the request thread waits for the ack; when the listener
raises right after acking, Bolt's worker resets the ack it already gave and the request thread can answer
Slack 404 ("unhandled request") or 500, so Slack shows an error on the button although our refusal
arrives. Errors Bolt itself raises (in middleware) still come to ``handle_listener_error`` through
``@app.error``.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import logging
import traceback
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import App
from slack_bolt.kwargs_injection import Args
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import UserFacingError

log = logging.getLogger(__name__)

UNEXPECTED_ERROR = (
    "申し訳ありません。一時的な問題のため、処理を完了できませんでした。"
    "少し時間をおいて、もう一度お試しください。続く場合は管理者にご連絡ください。"
)


@dataclasses.dataclass(frozen=True, slots=True)
class Where:
    """Where to tell ``user`` about an error."""

    user: str | None
    channel: str | None = None
    thread_ts: str | None = None
    response_url: str | None = None
    interactive: bool = True  # the user is waiting for an answer (not a background event)


def _private_metadata(view: Mapping[str, Any]) -> Mapping[str, Any]:
    try:
        data = json.loads(view.get("private_metadata") or "")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def where_to_tell(body: Mapping[str, Any]) -> Where:
    """Who acted and where, for any payload Bolt hands a listener."""
    kind = body.get("type")
    if "command" in body and "user_id" in body:  # slash command (form fields)
        return Where(user=body.get("user_id"), channel=body.get("channel_id"), response_url=body.get("response_url"))
    if kind == "block_actions":
        user = (body.get("user") or {}).get("id")
        container = body.get("container") or {}
        if container.get("type") == "view":
            return Where(user=user)
        message = body.get("message") or {}
        return Where(
            user=user,
            channel=(body.get("channel") or {}).get("id") or container.get("channel_id"),
            thread_ts=container.get("thread_ts") or message.get("thread_ts"),
        )
    if kind in ("view_submission", "view_closed"):
        user = (body.get("user") or {}).get("id")
        metadata = _private_metadata(body.get("view") or {})
        channel = metadata.get("channel") if isinstance(metadata.get("channel"), str) else None
        thread_ts = metadata.get("thread_ts") if isinstance(metadata.get("thread_ts"), str) else None
        return Where(user=user, channel=channel or None, thread_ts=thread_ts)
    if kind == "event_callback":
        event = body.get("event") or {}
        if event.get("type") == "message":
            inner = event.get("message") if event.get("subtype") == "message_changed" else event
            inner = inner if isinstance(inner, Mapping) else {}
            ts = inner.get("ts")
            return Where(
                user=inner.get("user"),
                channel=event.get("channel"),
                thread_ts=inner.get("thread_ts") or ts,
                interactive=event.get("subtype") in (None, "file_share"),
            )
        if event.get("type") == "reaction_added":
            item = event.get("item") or {}
            return Where(
                user=event.get("user"), channel=item.get("channel"), thread_ts=item.get("ts"), interactive=False
            )
        return Where(user=event.get("user"), interactive=False)
    return Where(user=None, interactive=False)


def tell(client: WebClient, where: Where, text: str, *, respond: Any = None) -> bool:
    """Show ``text`` to the user only; True if it got through one of the ways."""
    if not where.user:
        return False
    if where.response_url and respond is not None:
        try:
            respond(text=text, response_type="ephemeral", replace_original=False)
            return True
        except Exception as exc:  # respond() raises whatever its HTTP client raises; fall back to the API
            log.info("response_url failed: %s", type(exc).__name__)
    if where.channel:
        try:
            client.chat_postEphemeral(channel=where.channel, user=where.user, text=text, thread_ts=where.thread_ts)
            return True
        except (SlackApiError, OSError) as exc:
            # Not a member of that channel, or the channel is gone: the direct message still reaches them.
            log.info("ephemeral failed: %s", _slack_error(exc))
    try:
        client.chat_postMessage(channel=where.user, text=text)
        return True
    except (SlackApiError, OSError) as exc:
        log.warning("could not tell user %s about an error: %s", where.user, _slack_error(exc))
        return False


def _slack_error(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error"))
    return type(exc).__name__


def _frames(error: BaseException) -> str:
    # Stack frames only: file, line and code. Never str(error): it can carry a row, a token or a draft.
    return "".join(traceback.format_tb(error.__traceback__))


def handle_listener_error(
    error: Exception, body: dict[str, Any], context: dict[str, Any], client: WebClient, respond: Any = None
) -> None:
    """Bolt's error handler (``@app.error``): see the module doc."""
    runtime = context.get("runtime") if context is not None else None
    web = runtime.client if runtime is not None else client
    where = where_to_tell(body or {})
    if isinstance(error, UserFacingError):
        log.info("refused (%s) for user %s", error.code, where.user)
        tell(web, where, error.message_ja, respond=respond)
        return
    log.error(
        "unexpected %s.%s in a %s listener\n%s",
        type(error).__module__,
        type(error).__name__,
        (body or {}).get("type") or ("command" if (body or {}).get("command") else "unknown"),
        _frames(error),
    )
    if where.interactive:
        tell(web, where, UNEXPECTED_ERROR, respond=respond)


def guarded(listener: Callable[..., Any]) -> Callable[[Args], Any]:
    """``listener`` as Bolt should run it: an error it raises is shown or logged here (see the module doc)
    and the request is acknowledged (200) whatever happens.

    Bolt passes the wrapper every argument (``args: Args``); the listener gets the ones it names. The
    wrapper is deliberately not marked as wrapping ``listener`` (no ``__wrapped__``): Bolt would then
    inject by the listener's own signature, and the wrapper would miss ``ack`` and ``body``.
    """
    names = [p.name for p in inspect.signature(listener).parameters.values()]

    def run(args: Args) -> Any:
        try:
            return listener(**{name: getattr(args, name) for name in names})
        except Exception as error:
            if args.ack.response is None:
                # Raised before its ack: Slack still gets its answer; the user hears from us below.
                args.ack()
            handle_listener_error(error, args.body, args.context, args.client, respond=args.respond)
            return None

    run.__name__ = listener.__name__
    run.__qualname__ = listener.__qualname__
    run.__module__ = listener.__module__
    run.__doc__ = listener.__doc__
    return run


def register(app: App) -> None:
    app.error(handle_listener_error)
