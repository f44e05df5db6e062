"""The same app through Socket Mode (municipal networks without inbound access): a draft posted in a
drafts channel arrives as an envelope over a local WebSocket, is acknowledged, and answered."""

from __future__ import annotations

from app import build_app
from handlers.ids import ActionId
from storage.models import DraftState
from tests.slack import payloads
from tests.slack import test_app_harness as harness
from tests.slack.socket_mode_fake import SocketModeFake
from tests.slack.test_app_harness import CLEAN, DRAFTS, OPERATOR, SlackBot, buttons

bot = harness.bot
config = harness.config
engine = harness.engine


def test_a_draft_goes_through_socket_mode_and_is_answered_once(
    bot: SlackBot, socket_mode_fake: SocketModeFake, socket_mode_app
):
    app = build_app(bot.runtime, signing_secret=None)  # Socket Mode needs no signing secret
    socket_mode_app(app)
    event = payloads.message_event(CLEAN, user=OPERATOR, channel=DRAFTS)
    bot.fake.add_message(event)

    envelope_id = socket_mode_fake.send_event(event, event_id="Ev0SOCKET1")
    redelivery = socket_mode_fake.send_event(event, event_id="Ev0SOCKET1", retry_attempt=1, retry_reason="timeout")

    assert socket_mode_fake.wait_for_ack(envelope_id) == {"envelope_id": envelope_id}
    assert socket_mode_fake.wait_for_ack(redelivery) == {"envelope_id": redelivery}
    reply = bot.reply(event["ts"])
    assert buttons(reply)[0] == ActionId.DRAFT_APPROVE
    bot.fake.wait_until_quiet(quiet=0.4)
    assert len(bot.replies(event["ts"])) == 1
    assert bot.draft(event["ts"]).state == DraftState.AWAITING_APPROVAL
    app.listener_runner.listener_executor.shutdown(wait=True)
