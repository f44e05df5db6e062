"""slack_bolt's built-in SocketModeHandler connects to the local Socket Mode fake and works end to end."""

from __future__ import annotations

import pytest
from slack_bolt import Ack, App, Say
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from tests.slack import payloads
from tests.slack.fake_slack import FakeSlack
from tests.slack.socket_mode_fake import SocketModeFake

CHANNEL = "C0DRAFTS"


def _throwaway_app(fake_slack: FakeSlack) -> App:
    # Socket Mode needs no signing secret: the connection itself is authenticated by the app token.
    app = App(client=fake_slack.client())

    @app.event("message")
    def handle_message_event(event: dict, say: Say) -> None:
        say(text=f"seen {event['text']}", thread_ts=event["ts"])

    @app.command("/sns-check")
    def handle_check_command(ack: Ack, command: dict) -> None:
        ack(text=f"checked: {command['text']}")

    return app


def test_an_event_envelope_reaches_the_listener_which_replies_through_the_web_api(
    fake_slack: FakeSlack, socket_mode_fake: SocketModeFake, socket_mode_app
):
    socket_mode_app(_throwaway_app(fake_slack))
    event = payloads.message_event("下書き", user="U0OP1", channel=CHANNEL)

    envelope_id = socket_mode_fake.send_event(event)

    assert socket_mode_fake.wait_for_ack(envelope_id) == {"envelope_id": envelope_id}
    reply = fake_slack.wait_for("chat.postMessage")
    assert reply.args == {"channel": CHANNEL, "text": "seen 下書き", "thread_ts": event["ts"], "team_id": "T0TEAM"}
    assert fake_slack.calls("apps.connections.open")[0].token == fake_slack.app_token


def test_a_slash_command_ack_carries_its_response_payload(
    fake_slack: FakeSlack, socket_mode_fake: SocketModeFake, socket_mode_app
):
    socket_mode_app(_throwaway_app(fake_slack))

    envelope_id = socket_mode_fake.send_command(payloads.slash_command("/sns-check", "本文"))

    assert socket_mode_fake.wait_for_ack(envelope_id)["payload"] == {"text": "checked: 本文"}


def test_pings_are_answered_both_ways(fake_slack: FakeSlack, socket_mode_fake: SocketModeFake, socket_mode_app):
    handler = socket_mode_app(_throwaway_app(fake_slack))

    assert socket_mode_fake.ping() < 1.0
    # The client pings on connect and records the pong that carries its session id.
    session = handler.client.current_session
    assert session is not None and session.last_ping_pong_time is not None


def test_a_disconnect_message_makes_the_client_reconnect_with_a_new_url(
    fake_slack: FakeSlack, socket_mode_fake: SocketModeFake, socket_mode_app
):
    socket_mode_app(_throwaway_app(fake_slack))

    socket_mode_fake.send_disconnect()
    socket_mode_fake.wait_for_connection(count=2)
    envelope_id = socket_mode_fake.send_event(payloads.message_event("再接続後", channel=CHANNEL))

    assert socket_mode_fake.wait_for_ack(envelope_id) == {"envelope_id": envelope_id}
    assert len(fake_slack.calls("apps.connections.open")) == 2


def test_a_connection_without_an_issued_ticket_is_refused(socket_mode_fake: SocketModeFake):
    url = socket_mode_fake.issue_url()
    forged = url.split("?")[0] + "?ticket=not-issued"

    with pytest.raises(InvalidStatus) as refused:
        connect(forged, open_timeout=2, proxy=None)
    with connect(url, open_timeout=2, proxy=None) as client:
        assert '"type": "hello"' in client.recv(timeout=2)
    with pytest.raises(InvalidStatus):
        connect(url, open_timeout=2, proxy=None)  # a ticket is good for one connection

    assert refused.value.response.status_code == 401
