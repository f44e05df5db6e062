"""The fake Web API answers the real slack_sdk WebClient like Slack, and the HTTP-mode senders reach a
real Bolt app with real signatures. These tests check the harness, not the product."""

from __future__ import annotations

import json
import queue
import threading
import urllib.request

import pytest
from slack_bolt import Ack, App, BoltRequest, Say
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from tests.slack import payloads
from tests.slack.fake_slack import DOWNLOAD, RESPONSE_URL, FakeSlack, check_blocks, check_view
from tests.slack.signing import (
    post_action,
    post_command,
    post_event,
    post_url_verification,
    post_view_submission,
    sign,
)

CHANNEL = "C0DRAFTS"


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _button(action_id: str = "draft_approve", *, text: str = "承認", value: str = "42") -> dict:
    return {"type": "button", "text": {"type": "plain_text", "text": text}, "action_id": action_id, "value": value}


def _modal(**overrides) -> dict:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "下書き"},
        "blocks": [_section("本文")],
    } | overrides


def _api_error(call) -> dict:
    with pytest.raises(SlackApiError) as raised:
        call()
    return raised.value.response.data


# ---------------------------------------------------------------- recording and storage


def test_a_posted_message_is_recorded_and_stored_by_channel_and_thread(fake_slack: FakeSlack):
    client = fake_slack.client()

    parent = client.chat_postMessage(channel=CHANNEL, text="下書き", blocks=[_section("下書き")])
    reply = client.chat_postMessage(channel=CHANNEL, text="結果", thread_ts=parent["ts"])

    call = fake_slack.last("chat.postMessage")
    assert call.ok and call.args == {"channel": CHANNEL, "text": "結果", "thread_ts": parent["ts"]}
    assert call.token == fake_slack.bot_token
    assert call.headers["authorization"] == f"Bearer {fake_slack.bot_token}"
    assert [m["text"] for m in fake_slack.messages(CHANNEL)] == ["下書き"]
    assert [m["ts"] for m in fake_slack.messages(CHANNEL, thread_ts=parent["ts"])] == [reply["ts"]]
    stored_parent = fake_slack.message(CHANNEL, parent["ts"])
    assert stored_parent["reply_count"] == 1 and stored_parent["latest_reply"] == reply["ts"]
    assert parent["message"]["bot_id"] == payloads.BOT_ID
    # Slack names blocks the sender left unnamed; interaction payloads refer to those ids.
    assert stored_parent["blocks"][0]["block_id"]


def test_form_encoded_json_fields_are_decoded_and_the_token_may_be_a_form_field(fake_slack: FakeSlack):
    client = fake_slack.client(token=None)
    blocks = [_section("本文")]

    client.api_call(
        "chat.postMessage",
        data={"token": fake_slack.bot_token, "channel": CHANNEL, "text": "本文", "blocks": json.dumps(blocks)},
    )

    call = fake_slack.last("chat.postMessage")
    assert call.ok
    assert call.args["blocks"] == blocks
    assert "token" not in call.args and call.token == fake_slack.bot_token


@pytest.mark.parametrize(
    ("token", "error"),
    [(None, "not_authed"), ("xoxb-wrong", "invalid_auth"), ("app", "not_allowed_token_type")],
)
def test_a_call_without_a_valid_bot_token_is_refused(fake_slack: FakeSlack, token, error):
    token = fake_slack.app_token if token == "app" else token
    client = fake_slack.client(token=token)

    assert _api_error(lambda: client.chat_postMessage(channel=CHANNEL, text="x"))["error"] == error
    assert fake_slack.messages(CHANNEL) == []
    assert fake_slack.last("chat.postMessage").error == error


def test_an_unknown_method_is_refused_but_recorded(fake_slack: FakeSlack):
    data = _api_error(lambda: fake_slack.client().api_call("chat.teleport", json={"channel": CHANNEL}))

    assert data["error"] == "unknown_method"
    assert fake_slack.last("chat.teleport").args == {"channel": CHANNEL}


def test_wait_for_blocks_until_a_matching_call_arrives_and_times_out_otherwise(fake_slack: FakeSlack):
    client = fake_slack.client()
    timer = threading.Timer(0.05, lambda: client.chat_postMessage(channel=CHANNEL, text="later"))
    timer.start()
    try:
        call = fake_slack.wait_for("chat.postMessage", lambda c: c.args["text"] == "later", timeout=2)
    finally:
        timer.join()

    assert call.ok
    with pytest.raises(AssertionError, match=r"chat.postMessage \(200 ok\)"):
        fake_slack.wait_for("chat.postMessage", lambda c: c.args["text"] == "never", timeout=0.05)
    assert len(fake_slack.wait_until_quiet(quiet=0.05)) == 1


def test_reset_forgets_traffic_but_keeps_the_directory(fake_slack: FakeSlack):
    fake_slack.add_user("U0MGR", real_name="運用 管理者")
    client = fake_slack.client()
    client.chat_postMessage(channel=CHANNEL, text="x")

    fake_slack.reset()

    assert fake_slack.calls() == [] and fake_slack.messages(CHANNEL) == []
    assert client.users_info(user="U0MGR")["user"]["real_name"] == "運用 管理者"


# ---------------------------------------------------------------- Block Kit limits

BAD_MESSAGE_BLOCKS = {
    "51 blocks": ([{"type": "divider"}] * 51, "/blocks"),
    "section text 3001": ([_section("あ" * 3001)], "/blocks/0"),
    "header text 151": ([{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}], "/blocks/0"),
    "button text 76": ([{"type": "actions", "elements": [_button(text="x" * 76)]}], "/blocks/0"),
    "button value 2001": ([{"type": "actions", "elements": [_button(value="x" * 2001)]}], "/blocks/0"),
    "action_id 256": ([{"type": "actions", "elements": [_button("a" * 256)]}], "/blocks/0"),
    "block_id 256": ([{"type": "divider", "block_id": "b" * 256}], "/blocks/0"),
    "context 11 elements": (
        [{"type": "context", "elements": [{"type": "mrkdwn", "text": "x"}] * 11}],
        "/blocks/0",
    ),
    "actions 26 elements": ([{"type": "actions", "elements": [_button(f"a{i}") for i in range(26)]}], "/blocks/0"),
    "duplicate action_id in a block": ([{"type": "actions", "elements": [_button(), _button()]}], "/blocks/0"),
    "duplicate block_id": (
        [{"type": "divider", "block_id": "d"}, {"type": "divider", "block_id": "d"}],
        "/blocks/1/block_id",
    ),
    "unknown block type": ([{"type": "marquee"}], "/blocks/0/type"),
}

GOOD_MESSAGE_BLOCKS = {
    "50 blocks": [{"type": "divider"}] * 50,
    "section text 3000": [_section("あ" * 3000)],
    "header text 150": [{"type": "header", "text": {"type": "plain_text", "text": "x" * 150}}],
    "button limits": [{"type": "actions", "elements": [_button("a" * 255, text="x" * 75, value="v" * 2000)]}],
    "context 10, actions 25": [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "x"}] * 10},
        {"type": "actions", "elements": [_button(f"a{i}") for i in range(25)]},
    ],
    "same action_id in two blocks": [
        {"type": "actions", "elements": [_button()]},
        {"type": "actions", "elements": [_button()]},
    ],
}


@pytest.mark.parametrize("case", BAD_MESSAGE_BLOCKS, ids=str)
def test_blocks_over_a_limit_are_rejected_with_a_pointer(case):
    blocks, pointer = BAD_MESSAGE_BLOCKS[case]

    errors = check_blocks(blocks)

    assert errors and any(e.endswith(f"[json-pointer:{pointer}]") for e in errors), errors


@pytest.mark.parametrize("case", GOOD_MESSAGE_BLOCKS, ids=str)
def test_blocks_at_a_limit_are_accepted(case):
    assert check_blocks(GOOD_MESSAGE_BLOCKS[case]) == []


def test_a_message_with_51_blocks_is_refused_like_slack(fake_slack: FakeSlack):
    client = fake_slack.client()

    data = _api_error(lambda: client.chat_postMessage(channel=CHANNEL, text="x", blocks=[{"type": "divider"}] * 51))

    assert data["error"] == "invalid_blocks"
    assert data["response_metadata"]["messages"] == ["[ERROR] must be less than 51 items [json-pointer:/blocks]"]
    assert fake_slack.messages(CHANNEL) == []
    client.chat_postMessage(channel=CHANNEL, text="x", blocks=[{"type": "divider"}] * 50)
    assert len(fake_slack.messages(CHANNEL)) == 1


def test_message_text_over_40000_characters_is_too_long(fake_slack: FakeSlack):
    client = fake_slack.client()

    assert _api_error(lambda: client.chat_postMessage(channel=CHANNEL, text="x" * 40_001))["error"] == "msg_too_long"
    assert client.chat_postMessage(channel=CHANNEL, text="x" * 40_000)["ok"]


BAD_VIEWS = {
    "101 blocks": (_modal(blocks=[{"type": "divider"}] * 101), "/view/blocks"),
    "title 25": (_modal(title={"type": "plain_text", "text": "x" * 25}), "/view/title/text"),
    "submit 25": (_modal(submit={"type": "plain_text", "text": "x" * 25}), "/view/submit/text"),
    "close 25": (_modal(close={"type": "plain_text", "text": "x" * 25}), "/view/close/text"),
    "private_metadata 3001": (_modal(private_metadata="x" * 3001), "/view/private_metadata"),
    "modal without title": ({"type": "modal", "blocks": [_section("x")]}, "/view"),
    "duplicate block_id": (_modal(blocks=[_section("a") | {"block_id": "b"}] * 2), "/view/blocks/1/block_id"),
    "bad block inside": (_modal(blocks=[_section("x" * 3001)]), "/view/blocks/0"),
}


@pytest.mark.parametrize("case", BAD_VIEWS, ids=str)
def test_a_view_over_a_limit_is_rejected_with_a_pointer(case):
    view, pointer = BAD_VIEWS[case]

    errors = check_view(view)

    assert any(e.endswith(f"[json-pointer:{pointer}]") for e in errors), errors


def test_views_at_their_limits_are_accepted():
    assert check_view(_modal(blocks=[{"type": "divider"}] * 100, private_metadata="x" * 3000)) == []
    assert check_view(_modal(title={"type": "plain_text", "text": "x" * 24})) == []
    assert check_view({"type": "home", "blocks": [{"type": "divider"}] * 100}) == []


def test_an_invalid_modal_is_refused_with_invalid_arguments(fake_slack: FakeSlack):
    client = fake_slack.client()
    view = _modal(title={"type": "plain_text", "text": "x" * 25})

    data = _api_error(lambda: client.views_open(trigger_id=fake_slack.issue_trigger_id(), view=view))

    assert data["error"] == "invalid_arguments"
    assert data["response_metadata"]["messages"] == [
        "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"
    ]


# ---------------------------------------------------------------- triggers and views


def test_a_fresh_trigger_opens_a_modal_once(fake_slack: FakeSlack):
    client = fake_slack.client()
    trigger_id = fake_slack.issue_trigger_id()

    view = client.views_open(trigger_id=trigger_id, view=_modal(callback_id="draft"))["view"]

    assert view["id"].startswith("V") and view["callback_id"] == "draft"
    assert fake_slack.view(view["id"])["hash"] == view["hash"]
    assert fake_slack.trigger_ttl == 3.0
    assert _api_error(lambda: client.views_open(trigger_id=trigger_id, view=_modal()))["error"] == (
        "exchanged_trigger_id"
    )


@pytest.mark.parametrize("how", ["expired", "never issued", "expired later"])
def test_an_expired_or_unknown_trigger_is_refused(fake_slack: FakeSlack, how):
    client = fake_slack.client()
    if how == "expired":
        trigger_id = fake_slack.issue_trigger_id(ttl=0)
    elif how == "never issued":
        trigger_id = payloads.new_trigger_id()
    else:
        trigger_id = fake_slack.issue_trigger_id()
        fake_slack.expire_trigger(trigger_id)

    for method in (client.views_open, client.views_push):
        assert _api_error(lambda m=method: m(trigger_id=trigger_id, view=_modal()))["error"] == "expired_trigger_id"
    assert fake_slack.views() == []


def test_a_trigger_expires_after_its_time_to_live(fake_slack: FakeSlack):
    trigger_id = fake_slack.issue_trigger_id(ttl=0.05)
    threading.Event().wait(0.06)

    data = _api_error(lambda: fake_slack.client().views_open(trigger_id=trigger_id, view=_modal()))

    assert data["error"] == "expired_trigger_id"


def test_views_update_checks_the_hash_and_publish_sets_the_home_tab(fake_slack: FakeSlack):
    client = fake_slack.client()
    opened = client.views_open(trigger_id=fake_slack.issue_trigger_id(), view=_modal())["view"]

    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=_modal(callback_id="v2"))["view"]
    stale = _api_error(lambda: client.views_update(view_id=opened["id"], hash=opened["hash"], view=_modal()))
    client.views_publish(user_id="U0OP1", view={"type": "home", "blocks": [_section("ホーム")]})

    assert updated["id"] == opened["id"] and updated["hash"] != opened["hash"]
    assert stale["error"] == "hash_conflict"
    assert fake_slack.home_view("U0OP1")["blocks"][0]["text"]["text"] == "ホーム"


# ---------------------------------------------------------------- fault injection and retries


def test_a_429_with_retry_after_is_retried_by_the_rate_limit_handler(fake_slack: FakeSlack, instant_retries):
    fake_slack.fail_next("chat.postMessage", 1, retry_after=2)
    client = fake_slack.client(retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])

    response = client.chat_postMessage(channel=CHANNEL, text="返信")

    attempts = fake_slack.calls("chat.postMessage")
    assert [c.outcome for c in attempts] == ["429 ratelimited", "200 ok"]
    assert attempts[0].args == attempts[1].args
    assert response["ok"] and len(fake_slack.messages(CHANNEL)) == 1
    assert len(instant_retries) == 1 and 2 <= instant_retries[0] < 3  # Retry-After plus jitter


def test_without_a_retry_handler_a_429_reaches_the_caller(fake_slack: FakeSlack):
    fake_slack.fail_next("chat.postMessage", 1)
    client = fake_slack.client(retry_handlers=[])

    assert _api_error(lambda: client.chat_postMessage(channel=CHANNEL, text="x"))["error"] == "ratelimited"
    assert fake_slack.messages(CHANNEL) == []


@pytest.mark.parametrize("status", [500, 503])
def test_a_server_error_is_retried_by_the_server_error_handler(fake_slack: FakeSlack, instant_retries, status):
    fake_slack.fail_next("chat.postMessage", 1, status=status)
    client = fake_slack.client(retry_handlers=[ServerErrorRetryHandler(max_retry_count=1)])

    client.chat_postMessage(channel=CHANNEL, text="返信")

    assert [c.status for c in fake_slack.calls("chat.postMessage")] == [status, 200]
    assert len(fake_slack.messages(CHANNEL)) == 1 and len(instant_retries) == 1


def test_a_dropped_connection_is_retried_by_the_connection_error_handler(fake_slack: FakeSlack, instant_retries):
    fake_slack.drop_next("chat.postMessage", 2)
    client = fake_slack.client(retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=2)])

    client.chat_postMessage(channel=CHANNEL, text="返信")

    assert [c.outcome for c in fake_slack.calls("chat.postMessage")] == ["dropped", "dropped", "200 ok"]
    assert len(fake_slack.messages(CHANNEL)) == 1


def test_while_down_every_request_is_dropped_until_recovery(fake_slack: FakeSlack):
    client = fake_slack.client(retry_handlers=[])
    fake_slack.go_down(30)

    with pytest.raises(ConnectionError):
        client.chat_postMessage(channel=CHANNEL, text="x")
    fake_slack.recover()
    client.chat_postMessage(channel=CHANNEL, text="x")

    assert [c.outcome for c in fake_slack.calls()] == ["dropped", "200 ok"]


def test_fault_injection_is_bounded(fake_slack: FakeSlack):
    with pytest.raises(ValueError, match="between"):
        fake_slack.fail_next("chat.postMessage", 10_000)
    with pytest.raises(ValueError, match="between"):
        fake_slack.go_down(3600)


# ---------------------------------------------------------------- directory, files, other routes


def test_users_channels_threads_and_reactions(fake_slack: FakeSlack):
    fake_slack.add_user("U0MGR", real_name="広報 太郎", tz="Asia/Tokyo")
    fake_slack.add_channel(CHANNEL, name="sns-drafts", members=[f"U0OP{i}" for i in range(5)])
    draft = fake_slack.add_message(payloads.message_event("下書き", user="U0OP1", channel=CHANNEL))
    client = fake_slack.client()

    user = client.users_info(user="U0MGR")["user"]
    members = [m for page in client.conversations_members(channel=CHANNEL, limit=2) for m in page["members"]]
    client.chat_postMessage(channel=CHANNEL, text="結果", thread_ts=draft["ts"])
    thread = client.conversations_replies(channel=CHANNEL, ts=draft["ts"])["messages"]
    client.reactions_add(channel=CHANNEL, timestamp=draft["ts"], name="eyes")

    assert (user["tz"], user["tz_offset"]) == ("Asia/Tokyo", 9 * 3600)
    assert client.conversations_info(channel=CHANNEL)["channel"]["name"] == "sns-drafts"
    assert members == [*(f"U0OP{i}" for i in range(5)), payloads.BOT_USER_ID]
    assert [m["text"] for m in thread] == ["下書き", "結果"]
    assert fake_slack.message(CHANNEL, draft["ts"])["reactions"] == [
        {"name": "eyes", "users": [payloads.BOT_USER_ID], "count": 1}
    ]
    assert _api_error(lambda: client.reactions_add(channel=CHANNEL, timestamp=draft["ts"], name="eyes"))["error"] == (
        "already_reacted"
    )
    assert _api_error(lambda: client.users_info(user="U0NOBODY"))["error"] == "user_not_found"


def test_update_delete_ephemeral_direct_message_and_permalink(fake_slack: FakeSlack):
    fake_slack.add_channel("C0QUIET", is_member=False)
    client = fake_slack.client()
    posted = client.chat_postMessage(channel=CHANNEL, text="承認待ち")

    client.chat_update(channel=CHANNEL, ts=posted["ts"], text="承認済み", blocks=[_section("承認済み")])
    permalink = client.chat_getPermalink(channel=CHANNEL, message_ts=posted["ts"])["permalink"]
    client.chat_postEphemeral(channel=CHANNEL, user="U0OP1", text="あなただけに")
    direct = client.chat_postMessage(channel="U0MGR", text="承認をお願いします")
    opened = client.conversations_open(users="U0MGR")["channel"]["id"]

    assert fake_slack.message(CHANNEL, posted["ts"])["text"] == "承認済み"
    assert permalink.endswith(f"/archives/{CHANNEL}/p{posted['ts'].replace('.', '')}")
    assert fake_slack.ephemerals(CHANNEL, user="U0OP1")[0]["text"] == "あなただけに"
    assert direct["channel"] == opened == payloads.dm_channel_id("U0MGR")
    assert fake_slack.messages(opened)[0]["text"] == "承認をお願いします"
    assert _api_error(lambda: client.chat_postMessage(channel="C0QUIET", text="x"))["error"] == "not_in_channel"
    client.chat_delete(channel=CHANNEL, ts=posted["ts"])
    assert fake_slack.messages(CHANNEL) == []


def test_a_private_file_downloads_only_with_the_bot_token(fake_slack: FakeSlack):
    shared = fake_slack.add_file("F0IMG", name="poster.png", content=b"\x89PNG...", user="U0OP1")
    info = fake_slack.client().files_info(file="F0IMG")["file"]
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    with_token = urllib.request.Request(
        info["url_private"], headers={"Authorization": f"Bearer {fake_slack.bot_token}"}
    )
    with opener.open(with_token, timeout=2) as response:
        assert (response.read(), response.headers["Content-Type"]) == (b"\x89PNG...", "image/png")
    with opener.open(urllib.request.Request(info["url_private"]), timeout=2) as response:
        # Like Slack: no token, no file, but a 200 sign-in page a careless bot would save as the image.
        assert response.headers["Content-Type"].startswith("text/html")

    assert info == shared
    assert [c.status for c in fake_slack.calls(DOWNLOAD)] == [200, 302]


def test_files_upload_v2_goes_through_all_three_steps(fake_slack: FakeSlack):
    client = fake_slack.client()

    result = client.files_upload_v2(channel=CHANNEL, content=b"csv,data\n", filename="audit.csv", title="監査")

    file_id = result["files"][0]["id"]
    meta, content = fake_slack.file(file_id)
    assert content == b"csv,data\n" and meta["title"] == "監査"
    assert [c.method for c in fake_slack.calls()] == [
        "files.getUploadURLExternal",
        "files:upload",
        "files.completeUploadExternal",
    ]
    assert fake_slack.messages(CHANNEL)[0]["files"][0]["id"] == file_id
    assert _api_error(lambda: client.api_call("files.upload", data={"channels": CHANNEL}))["error"] == (
        "method_deprecated"
    )


def test_a_response_url_post_is_recorded(fake_slack: FakeSlack):
    from slack_sdk.webhook import WebhookClient

    url = fake_slack.response_url()

    response = WebhookClient(url, timeout=2).send(text="受け付けました", response_type="ephemeral")

    assert response.status_code == 200
    assert fake_slack.last(RESPONSE_URL).args == {"text": "受け付けました", "response_type": "ephemeral"}


def test_apps_connections_open_needs_the_app_token_and_a_socket_mode_fake(fake_slack: FakeSlack):
    app_client = fake_slack.client(token=None)

    assert _api_error(lambda: app_client.apps_connections_open(app_token=fake_slack.app_token))["error"] == (
        "socket_mode_not_enabled"
    )
    assert _api_error(lambda: app_client.apps_connections_open(app_token=fake_slack.bot_token))["error"] == (
        "not_allowed_token_type"
    )


# ---------------------------------------------------------------- signed requests to a Bolt app


def _throwaway_app(fake_slack: FakeSlack, signing_secret: str) -> App:
    app = App(client=fake_slack.client(), signing_secret=signing_secret)

    @app.command("/sns-check")
    def handle_check_command(ack: Ack, command: dict) -> None:
        ack(text=f"checked: {command['text']}")

    @app.event("message")
    def handle_message_event(event: dict, say: Say, request: BoltRequest) -> None:
        retry = request.headers.get("x-slack-retry-num", ["0"])[0]
        say(text=f"seen {event['text']} (retry {retry})", thread_ts=event["ts"])

    @app.action("draft_approve")
    def handle_approve_action(ack: Ack, body: dict, say: Say) -> None:
        ack()
        say(text=f"approved {body['actions'][0]['value']} by {body['user']['id']}")

    @app.view("draft")
    def handle_draft_submission(ack: Ack, view: dict) -> None:
        text = view["state"]["values"]["body"]["text"]["value"]
        if not text:
            ack(response_action="errors", errors={"body": "本文を入力してください。"})
        else:
            ack()

    return app


def test_signed_requests_reach_a_bolt_app_and_forged_or_stale_ones_get_401(
    fake_slack: FakeSlack, signing_secret: str, bolt_http_server
):
    server = bolt_http_server(_throwaway_app(fake_slack, signing_secret))

    accepted = post_command(server.base_url, signing_secret, "/sns-check", "本文", user_id="U0OP1")
    forged = post_command(server.base_url, signing_secret, "/sns-check", "本文", forged=True)
    stale = post_command(server.base_url, signing_secret, "/sns-check", "本文", stale=True)

    assert (accepted.status, accepted.text) == (200, "checked: 本文")  # Bolt answers a bare text ack as text
    assert forged.status == 401 and stale.status == 401


def test_an_event_and_its_retry_reach_the_listener_with_the_retry_header(
    fake_slack: FakeSlack, signing_secret: str, bolt_http_server
):
    server = bolt_http_server(_throwaway_app(fake_slack, signing_secret))
    event = payloads.message_event("下書き", user="U0OP1", channel=CHANNEL)

    first = post_event(server.base_url, signing_secret, event, event_id="Ev0001")
    retry = post_event(server.base_url, signing_secret, event, event_id="Ev0001", retry_num=1)

    assert first.status == 200 and retry.status == 200
    replies = fake_slack.wait_for_calls("chat.postMessage", 2)
    assert sorted(c.args["text"] for c in replies) == ["seen 下書き (retry 0)", "seen 下書き (retry 1)"]
    assert all(c.args["thread_ts"] == event["ts"] for c in replies)


def test_a_click_on_the_bots_own_message_carries_the_rendered_button(
    fake_slack: FakeSlack, signing_secret: str, bolt_http_server
):
    server = bolt_http_server(_throwaway_app(fake_slack, signing_secret))
    fake_slack.client().chat_postMessage(
        channel=CHANNEL, text="承認依頼", blocks=[{"type": "actions", "elements": [_button(value="draft-7")]}]
    )
    message = fake_slack.messages(CHANNEL)[0]

    result = post_action(server.base_url, signing_secret, payloads.block_actions("draft_approve", message=message))

    assert result.status == 200
    call = fake_slack.wait_for("chat.postMessage", lambda c: c.args["text"].startswith("approved"))
    assert call.args["text"] == f"approved draft-7 by {payloads.DEFAULT_USER_ID}"


def test_a_view_submission_gets_the_listeners_ack_body(fake_slack: FakeSlack, signing_secret: str, bolt_http_server):
    server = bolt_http_server(_throwaway_app(fake_slack, signing_secret))
    view = {"callback_id": "draft"}

    empty = payloads.view_submission(view, {"body": {"text": payloads.plain_text_input(None)}})
    filled = payloads.view_submission(view, {"body": {"text": payloads.plain_text_input("本文")}})

    assert post_view_submission(server.base_url, signing_secret, empty).json() == {
        "response_action": "errors",
        "errors": {"body": "本文を入力してください。"},
    }
    assert post_view_submission(server.base_url, signing_secret, filled).status == 200


def test_url_verification_is_echoed(fake_slack: FakeSlack, signing_secret: str, bolt_http_server):
    server = bolt_http_server(_throwaway_app(fake_slack, signing_secret))

    assert post_url_verification(server.base_url, signing_secret, "abc").json() == {"challenge": "abc"}


def test_sign_matches_slacks_documented_example():
    # From Slack's "Verifying requests from Slack" page.
    body = (
        b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        b"&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        b"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )

    headers = sign(body, "8f742231b10e8888abcd99yyyzzz85a5", 1531420618)

    assert headers == {
        "X-Slack-Request-Timestamp": "1531420618",
        "X-Slack-Signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    }


def test_the_event_builders_reach_the_listeners_bolt_routes_them_to(
    fake_slack: FakeSlack, signing_secret: str, bolt_http_server
):
    app = App(client=fake_slack.client(), signing_secret=signing_secret)
    seen: queue.Queue[str] = queue.Queue()  # listeners run on Bolt's worker threads after the ack

    @app.event({"type": "message", "subtype": "message_changed"})
    def handle_message_changed(event: dict) -> None:
        seen.put(f"changed {event['previous_message']['text']}->{event['message']['text']}")

    @app.event({"type": "message", "subtype": "message_deleted"})
    def handle_message_deleted(event: dict) -> None:
        seen.put(f"deleted {event['deleted_ts'] == draft['ts']}")

    @app.event("app_home_opened")
    def handle_app_home_opened(event: dict) -> None:
        seen.put(f"home {event['user']}")

    @app.event("reaction_added")
    def handle_reaction_added(event: dict) -> None:
        seen.put(f"reaction {event['reaction']} on {event['item']['ts'] == draft['ts']}")

    server = bolt_http_server(app)
    draft = payloads.message_event("旧", user="U0OP1", channel=CHANNEL)
    events = [
        payloads.message_changed_event(draft, text="新"),
        payloads.message_deleted_event(draft),
        payloads.app_home_opened_event("U0OP1"),
        payloads.reaction_added_event("white_check_mark", item=draft, user="U0MGR"),
    ]

    statuses = [post_event(server.base_url, signing_secret, event).status for event in events]

    assert statuses == [200, 200, 200, 200]
    assert sorted(seen.get(timeout=2) for _ in events) == sorted(
        ["changed 旧->新", "deleted True", "home U0OP1", "reaction white_check_mark on True"]
    )


def test_a_listener_can_download_a_shared_file_with_the_bot_token(
    fake_slack: FakeSlack, signing_secret: str, bolt_http_server
):
    app = App(client=fake_slack.client(), signing_secret=signing_secret)

    @app.event("message")
    def handle_file_share(event: dict, client, say: Say) -> None:
        url = client.files_info(file=event["files"][0]["id"])["file"]["url_private"]
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=2) as response:
            say(text=f"{event['subtype']}: {len(response.read())} bytes")

    server = bolt_http_server(app)
    image = fake_slack.add_file("F0IMG", name="poster.jpg", content=b"\xff\xd8" + b"0" * 98, user="U0OP1")

    post_event(server.base_url, signing_secret, payloads.message_event("画像付き", channel=CHANNEL, files=[image]))

    assert fake_slack.wait_for("chat.postMessage").args["text"] == "file_share: 100 bytes"
    assert fake_slack.last(DOWNLOAD).token == fake_slack.bot_token
