"""A local Socket Mode endpoint for slack_bolt's built-in `SocketModeHandler`.

Attached to a `FakeSlack`, it makes `apps.connections.open` hand out `ws://127.0.0.1:<port>/link/?ticket=...`.
A client that connects with a valid ticket gets Slack's `hello`; the test then sends envelopes and
waits for the acknowledgements the app sends back:

    socket_mode.attach(fake_slack)
    handler = start_socket_mode_handler(app, app_token=fake_slack.app_token, fake=socket_mode)
    envelope_id = socket_mode.send_event(payloads.message_event("本文", channel="C0DRAFTS"))
    socket_mode.wait_for_ack(envelope_id)
    fake_slack.wait_for("chat.postMessage")
    stop_socket_mode_handler(handler, socket_mode)

The server runs the `websockets` library on its own event loop in a background thread; ping/pong is
answered by the protocol layer on both sides.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import uuid
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlsplit

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from tests.slack import payloads
from tests.slack.fake_slack import FakeSlack

# Payload types for which Slack lets the acknowledgement carry a response (errors, a new view).
_RESPONSE_PAYLOAD_TYPES = frozenset({"view_submission", "block_suggestion"})


class SocketModeFake:
    """The WebSocket side of Socket Mode on 127.0.0.1 (ephemeral port); see the module doc."""

    def __init__(self, *, app_id: str = payloads.APP_ID, close_timeout: float = 1.0) -> None:
        self.app_id = app_id
        self.close_timeout = close_timeout
        self._cond = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: Server | None = None
        self._port = 0
        self._tickets: set[str] = set()
        self._connections: list[ServerConnection] = []
        self._hellos = 0
        self._received: list[dict[str, Any]] = []
        self._acks: dict[str, dict[str, Any]] = {}

    # ------------------------------------------------------------ lifecycle

    def start(self) -> SocketModeFake:
        if self._thread is not None:
            return self
        started = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                self._server = loop.run_until_complete(self._open_server())
                self._port = self._server.sockets[0].getsockname()[1]
            except BaseException as e:  # reported to start() below, not lost in this thread
                failure.append(e)
                started.set()
                loop.close()
                return
            started.set()
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=run, name="socket-mode-fake", daemon=True)
        self._thread.start()
        if not started.wait(timeout=5) or failure:
            raise RuntimeError("the Socket Mode fake did not start") from (failure[0] if failure else None)
        return self

    async def _open_server(self) -> Server:
        return await serve(
            self._serve_connection,
            "127.0.0.1",
            0,
            process_request=self._check_ticket,
            close_timeout=self.close_timeout,
        )

    def stop(self) -> None:
        loop, thread, server = self._loop, self._thread, self._server
        if loop is None or thread is None:
            return
        if server is not None:

            async def close() -> None:
                server.close()  # closes open connections with 1001 "going away"
                await asyncio.wait_for(server.wait_closed(), timeout=self.close_timeout + 1)

            # On timeout the loop is stopped below regardless: a client that never closes cannot block teardown.
            with contextlib.suppress(TimeoutError):
                asyncio.run_coroutine_threadsafe(close(), loop).result(timeout=self.close_timeout + 2)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        self._loop = self._thread = self._server = None

    def __enter__(self) -> SocketModeFake:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def attach(self, fake_slack: FakeSlack) -> None:
        """Make `fake_slack`'s `apps.connections.open` hand out URLs of this server."""
        fake_slack.socket_mode_url = self.issue_url

    def issue_url(self) -> str:
        """A single-use WebSocket URL, as `apps.connections.open` returns."""
        if self._port == 0:
            raise RuntimeError("SocketModeFake is not started")
        ticket = str(uuid.uuid4())
        with self._cond:
            self._tickets.add(ticket)
        return f"ws://127.0.0.1:{self._port}/link/?ticket={ticket}&app_id={self.app_id}"

    # ------------------------------------------------------------ server side

    def _check_ticket(self, connection: ServerConnection, request: Request) -> Response | None:
        ticket = parse_qs(urlsplit(request.path).query).get("ticket", [""])[0]
        with self._cond:
            valid = ticket in self._tickets
            self._tickets.discard(ticket)
        if not valid:
            return connection.respond(HTTPStatus.UNAUTHORIZED, "invalid or already used ticket\n")
        return None

    async def _serve_connection(self, connection: ServerConnection) -> None:
        with self._cond:
            self._connections.append(connection)
            count = len(self._connections)
        hello = {
            "type": "hello",
            "num_connections": count,
            "debug_info": {"host": "applink-fake-1", "build_number": 1, "approximate_connection_time": 18060},
            "connection_info": {"app_id": self.app_id},
        }
        try:
            await connection.send(json.dumps(hello))
            with self._cond:
                self._hellos += 1
                self._cond.notify_all()
            async for raw in connection:
                try:
                    message = json.loads(raw)
                except ValueError:
                    message = {"unparsed": raw}
                with self._cond:
                    self._received.append(message)
                    if isinstance(message, dict) and "envelope_id" in message:
                        self._acks.setdefault(message["envelope_id"], message)
                    self._cond.notify_all()
        except ConnectionClosed:
            pass  # the client went away; nothing to clean up beyond the bookkeeping below
        finally:
            with self._cond:
                self._connections.remove(connection)
                self._cond.notify_all()

    def _run(self, coroutine: Any, timeout: float = 5.0) -> Any:
        if self._loop is None:
            raise RuntimeError("SocketModeFake is not started")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=timeout)

    def _current_connection(self) -> ServerConnection:
        with self._cond:
            if not self._connections:
                raise RuntimeError("no Socket Mode client is connected")
            # Slack delivers each envelope over one of the app's connections; the newest is alive.
            return self._connections[-1]

    # ------------------------------------------------------------ test API

    @property
    def open_connections(self) -> int:
        with self._cond:
            return len(self._connections)

    @property
    def connections_total(self) -> int:
        """Clients greeted since start, reconnections included."""
        with self._cond:
            return self._hellos

    def wait_for_connection(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until `count` clients have connected (and got `hello`) since start."""
        self._wait(lambda: self._hellos >= count, timeout, f"{count} Socket Mode connection(s)")

    def send_envelope(
        self,
        type: str,
        payload: Mapping[str, Any],
        envelope_id: str | None = None,
        *,
        accepts_response_payload: bool | None = None,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
    ) -> str:
        """Send one envelope (`events_api`, `slash_commands` or `interactive`); returns its id."""
        envelope_id = envelope_id or str(uuid.uuid4())
        if accepts_response_payload is None:
            accepts_response_payload = type == "slash_commands" or (
                type == "interactive" and payload.get("type") in _RESPONSE_PAYLOAD_TYPES
            )
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "payload": dict(payload),
            "type": type,
            "accepts_response_payload": accepts_response_payload,
        }
        if type == "events_api":
            envelope["retry_attempt"] = retry_attempt or 0
            envelope["retry_reason"] = retry_reason or ""
        connection = self._current_connection()
        self._run(connection.send(json.dumps(envelope, ensure_ascii=False)))
        return envelope_id

    def send_event(
        self,
        event: Mapping[str, Any],
        *,
        event_id: str | None = None,
        retry_attempt: int = 0,
        retry_reason: str = "",
    ) -> str:
        """An inner event (e.g. `payloads.message_event(...)`) wrapped as Slack does; a redelivery is
        the same `event_id` with `retry_attempt=1`, `retry_reason="timeout"`."""
        envelope = payloads.event_callback(event, event_id=event_id)
        return self.send_envelope("events_api", envelope, retry_attempt=retry_attempt, retry_reason=retry_reason)

    def send_command(self, fields: Mapping[str, str]) -> str:
        """A slash command built with `payloads.slash_command(...)`."""
        return self.send_envelope("slash_commands", fields)

    def send_interactive(self, payload: Mapping[str, Any]) -> str:
        """A `block_actions`, `view_submission` or `view_closed` payload."""
        return self.send_envelope("interactive", payload)

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """The client's acknowledgement (`{"envelope_id": ..., "payload"?: ...}`) of an envelope."""
        self._wait(lambda: envelope_id in self._acks, timeout, f"the ack of envelope {envelope_id}")
        with self._cond:
            return dict(self._acks[envelope_id])

    def acks(self) -> list[dict[str, Any]]:
        with self._cond:
            return [dict(a) for a in self._acks.values()]

    def received(self) -> list[dict[str, Any]]:
        """Every message the clients sent, in order (acks and anything else)."""
        with self._cond:
            return [dict(m) for m in self._received]

    def send_disconnect(
        self, reason: str = "refresh_requested", *, wait_for_switch: bool = True, timeout: float = 5.0
    ) -> None:
        """Slack's warning that it is about to drop the connection: the client must open a new one.

        With `wait_for_switch`, also wait (up to `timeout`) until the client has connected again and
        closed the old connection. Meanwhile the old connection is pinged: slack_sdk's client closes it
        only when its reader thread lets go of the socket, which otherwise takes its 3 s read timeout.
        (Closing it from here instead would race the client's own close and can abort the switch.)
        """
        old = self._current_connection()
        before = self.connections_total
        message = {"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-fake-1"}}
        self._run(old.send(json.dumps(message)))
        if not wait_for_switch:
            return
        self.wait_for_connection(count=before + 1, timeout=timeout)

        async def nudge() -> None:
            with contextlib.suppress(ConnectionClosed):
                await old.ping()  # the pong is not awaited: waking the client's reader is the point

        deadline = time.monotonic() + timeout
        while True:
            with self._cond:
                if old not in self._connections:
                    return
            if time.monotonic() >= deadline:
                raise AssertionError(f"the client did not close its old connection within {timeout}s")
            self._run(nudge())
            with self._cond:
                self._cond.wait(0.05)

    def close_connections(self, code: int = 1001, reason: str = "going away") -> None:
        """Close every open connection from the server side, as when Slack restarts."""
        with self._cond:
            connections = list(self._connections)

        async def close_all() -> None:
            await asyncio.gather(*(c.close(code, reason) for c in connections), return_exceptions=True)

        self._run(close_all(), timeout=self.close_timeout + 2)

    def ping(self, timeout: float = 2.0) -> float:
        """Ping the newest client and return the round-trip time; fails if no pong comes back."""
        connection = self._current_connection()

        async def ping_once() -> float:
            waiter = await connection.ping()
            return await asyncio.wait_for(waiter, timeout)

        return self._run(ping_once(), timeout=timeout + 1)

    def _wait(self, condition: Any, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not condition():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"waited {timeout}s for {what}; received: {self._received!r}")
                self._cond.wait(remaining)


# ---------------------------------------------------------------- the client side, for tests


def start_socket_mode_handler(app: App, *, app_token: str, fake: SocketModeFake | None = None) -> SocketModeHandler:
    """Connect slack_bolt's built-in SocketModeHandler for `app` (non-blocking, unlike `start()`).

    With `fake`, also wait until the connection is established and greeted.
    """
    already = fake.connections_total if fake is not None else 0
    handler = SocketModeHandler(app, app_token=app_token)
    handler.connect()
    if fake is not None:
        fake.wait_for_connection(count=already + 1)
    return handler


def stop_socket_mode_handler(handler: SocketModeHandler, fake: SocketModeFake | None = None) -> None:
    """Close the handler quickly and without it reconnecting.

    The built-in client would otherwise take seconds: its reader holds the socket lock for up to its
    3 s receive timeout and its message loop polls a queue once a second. Closing from the server side
    wakes the reader, and a sentinel wakes the message loop after it has been told to stop.
    """
    client = handler.client
    client.auto_reconnect_enabled = False
    client.closed = True
    client.message_queue.put(None)  # process_message() skips None
    session = client.current_session
    if fake is not None and fake.open_connections:
        fake.close_connections()
        # The reader closes its socket when it reads the close frame. Closing the handler before that
        # finishes races it inside slack_sdk (both check the socket, then close it under a lock).
        deadline = time.monotonic() + 2
        while session is not None and session.is_active() and time.monotonic() < deadline:
            time.sleep(0.005)
    handler.close()
