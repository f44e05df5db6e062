"""Incidents end to end: the real Bolt app over HTTP on 127.0.0.1, signed requests, the fake Slack Web API.

Each type reported with arguments and through the modal; bad input explained (with the modal as a
fallback); a second report joining the open incident; the account frozen while it is open (an approval
refused, a pending approval put on hold) and unfrozen when it closes; who may close; the checklist, the
timeline (a reaction records a thread message) and the report posted to the thread.
"""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from collections.abc import Callable
from typing import Any

import pytest

from bot.incidents import service
from bot.incidents import slack as incidents_slack
from handlers.ids import ActionId, BlockId
from storage.db import Database
from storage.models import DraftState, Incident, IncidentState
from tests.incidents.tables import ensure_incident_tables
from tests.slack import payloads
from tests.slack import test_app_harness as harness
from tests.slack.fake_slack import RESPONSE_URL
from tests.slack.signing import HTTPResult, post_action, post_command
from tests.slack.test_app_harness import CLEAN, MANAGER, OPERATOR, OPERATOR2, STRANGER, SlackBot, buttons
from tests.slack.test_app_harness import block_text as _block_text

bot = harness.bot
config = harness.config
engine = harness.engine

PR_CHANNEL, INFOSEC_CHANNEL = "C0PR", "C0SEC"
PR, INFOSEC, ADMIN = "U0PR1", "U0SEC1", "U0ADM"
ACCOUNT = "aoba-x"  # @aoba_city on X, managed by U0MGR
COMMAND_CHANNEL = "C0OFFICE"
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
START = dt.datetime(2026, 5, 11, 10, 0, tzinfo=TOKYO)

REPORTS = {
    "flaming": ("炎上", "https://x.com/aoba_city/status/1790000000000000001", "昨日の投稿に批判が殺到しています"),
    "impersonation": ("なりすまし", "https://x.com/aoba_clty", "偽アカウントを発見"),
    "hijack": ("乗っ取り", None, "身に覚えのない投稿があります"),
}
LEAD = {"flaming": PR_CHANNEL, "impersonation": PR_CHANNEL, "hijack": INFOSEC_CHANNEL}
STEPS = {"flaming": 5, "impersonation": 4, "hijack": 4}


class Clock:
    """The bot's clock for incidents (``runtime.clock``): fixed, moved by the test."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def _incident_tables(db_url: str) -> None:
    db = Database.from_url(db_url)
    ensure_incident_tables(db.engine)
    db.dispose()


@pytest.fixture
def clock(bot: SlackBot) -> Clock:
    clock = Clock(START)
    bot.runtime.clock = clock
    return clock


# ---------------------------------------------------------------- driving the bot


def block_text(message: dict[str, Any]) -> str:
    """What a reader sees in the message's blocks, section fields included."""
    fields = [f["text"] for b in message.get("blocks") or [] for f in b.get("fields") or []]
    return "\n".join([_block_text(message), *fields])


def command(
    bot: SlackBot, text: str, *, user: str = OPERATOR, trigger_ttl: float | None = None
) -> tuple[HTTPResult, str]:
    """``/sns-incident text`` typed by ``user``; returns the ack and the command's response_url."""
    response_url = bot.fake.response_url()
    ack = post_command(
        bot.url,
        bot.secret,
        "/sns-incident",
        text,
        user_id=user,
        channel_id=COMMAND_CHANNEL,
        trigger_id=bot.fake.issue_trigger_id(trigger_ttl),
        response_url=response_url,
    )
    return ack, response_url


def responded(bot: SlackBot, response_url: str, timeout: float = 5.0) -> str:
    """What the bot answered through the command's (or button's) response_url."""
    hook = response_url.rsplit("/response/", 1)[1]
    call = bot.fake.wait_for(RESPONSE_URL, lambda c: c.path.endswith(hook), timeout=timeout)
    return call.args["text"]


def click(
    bot: SlackBot,
    action_id: str,
    message: dict[str, Any],
    *,
    user: str,
    value: str | None = None,
    refused: bool = False,
) -> str:
    """``user`` clicks a button of the bot's ``message``; returns the click's response_url.

    A click the bot refuses is not checked for a 200: Bolt (1.30, process_before_response=False) resets the
    ack when a listener raises right after acknowledging, and then answers 404 (reported to the lead).
    """
    response_url = bot.fake.response_url()
    payload = payloads.block_actions(
        action_id,
        value,
        message=message,
        user_id=user,
        trigger_id=bot.fake.issue_trigger_id(),
        response_url=response_url,
    )
    status = post_action(bot.url, bot.secret, payload).status
    assert refused or status == 200
    return response_url


def told(bot: SlackBot, user: str, needle: str, *, response_url: str | None = None, timeout: float = 5.0) -> str:
    """A message only ``user`` sees that contains ``needle``: an ephemeral message, a direct message, or
    the answer through ``response_url`` (the user's command or click)."""
    hook = response_url.rsplit("/response/", 1)[1] if response_url else None
    deadline = time.monotonic() + timeout
    while True:
        texts = [e["text"] for e in bot.fake.ephemerals(user=user)]
        texts += [m["text"] for m in bot.fake.messages(payloads.dm_channel_id(user))]
        if hook:
            texts += [c.args.get("text", "") for c in bot.fake.calls(RESPONSE_URL) if c.ok and c.path.endswith(hook)]
        found = [t for t in texts if needle in t]
        if found:
            return found[-1]
        if time.monotonic() > deadline:
            raise AssertionError(f"{user} was not told {needle!r}; they saw {texts!r}")
        time.sleep(0.02)


def escalation(bot: SlackBot, channel: str, timeout: float = 5.0) -> dict[str, Any]:
    """The bot's (latest) incident message at the top of ``channel``, once posted."""
    bot.fake.wait_for("chat.postMessage", lambda c: c.ok and c.args["channel"] == channel and "blocks" in c.args)
    return [m for m in bot.fake.messages(channel) if m.get("blocks")][-1]


def checklist(bot: SlackBot, channel: str, thread_ts: str) -> dict[str, Any]:
    bot.fake.wait_for(
        "chat.postMessage", lambda c: c.ok and c.args.get("thread_ts") == thread_ts and "blocks" in c.args
    )
    return next(m for m in bot.fake.messages(channel, thread_ts=thread_ts) if m.get("blocks"))


def thread_texts(bot: SlackBot, channel: str, thread_ts: str) -> list[str]:
    return [m["text"] for m in bot.fake.messages(channel, thread_ts=thread_ts) if not m.get("blocks")]


def wait_until(predicate: Callable[[], bool], what: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s: {what}")
        time.sleep(0.02)


def incident(bot: SlackBot, incident_id: str = "INC-2026-0001") -> service.IncidentRecord:
    with bot.db.Session.begin() as session:
        return service.load_record(session=session, incident_id=incident_id)


def incident_count(bot: SlackBot) -> int:
    with bot.db.Session.begin() as session:
        return len(session.query(Incident).all())


def step_buttons(message: dict[str, Any]) -> list[str]:
    return [
        b["accessory"]["value"]
        for b in message.get("blocks") or []
        if (b.get("accessory") or {}).get("action_id") == ActionId.INCIDENT_STEP_DONE
    ]


def modal_values(kind: str | None, account: str | None, url: str | None, note: str | None) -> dict[str, Any]:
    return {
        BlockId.INCIDENT_TYPE: {"value": payloads.radio_buttons(kind)},
        BlockId.INCIDENT_ACCOUNT: {"value": payloads.static_select(account)},
        BlockId.INCIDENT_URL: {"value": payloads.plain_text_input(url)},
        BlockId.INCIDENT_NOTE: {"value": payloads.plain_text_input(note)},
    }


def open_by_command(bot: SlackBot, kind: str = "flaming", *, user: str = OPERATOR) -> str:
    word, url, note = REPORTS[kind]
    _, response_url = command(bot, " ".join(x for x in (word, ACCOUNT, url, note) if x), user=user)
    return responded(bot, response_url)


def assert_escalated(bot: SlackBot, kind: str, incident_id: str = "INC-2026-0001") -> tuple[dict, dict]:
    """Both offices were told; the lead office's message has the checklist in its thread."""
    lead = LEAD[kind]
    other = INFOSEC_CHANNEL if lead == PR_CHANNEL else PR_CHANNEL
    lead_message, other_message = escalation(bot, lead), escalation(bot, other)
    label = REPORTS[kind][0]
    for message in (lead_message, other_message):
        text = block_text(message)
        assert f"🚨 {incident_id} {label}" in text
        assert f"*報告者*\n<@{OPERATOR}>" in text
        assert "*報告日時*\n2026年5月11日 10:00" in text
        assert buttons(message) == [ActionId.INCIDENT_JOIN, ActionId.INCIDENT_CLOSE]
        assert message["text"].startswith(f"【インシデント】{incident_id} {label}（{ACCOUNT}）: 主担当は")
    lead_label = "情報セキュリティ" if kind == "hijack" else "広報"
    assert f"*主担当*\n{lead_label}（<#{lead}>）" in block_text(lead_message)
    assert "このメッセージのスレッドにあります" in block_text(lead_message)
    assert f"{lead_label}のチャンネルのスレッドにあります: <https://" in block_text(other_message)
    items = checklist(bot, lead, lead_message["ts"])
    assert len(step_buttons(items)) == STEPS[kind]
    assert buttons(items) == [ActionId.INCIDENT_CLOSE]
    return lead_message, items


# ==================================================================== reporting


@pytest.mark.parametrize("kind", ["flaming", "impersonation", "hijack"])
def test_each_type_reported_with_arguments_opens_an_incident_and_tells_both_offices(bot, clock, kind: str):
    word, url, note = REPORTS[kind]
    ack, response_url = command(bot, " ".join(x for x in (word, ACCOUNT, url, note) if x))

    assert ack.status == 200
    reply = responded(bot, response_url)
    offices = (
        f"情報セキュリティ（<#{INFOSEC_CHANNEL}>）と広報（<#{PR_CHANNEL}>）"
        if kind == "hijack"
        else f"広報（<#{PR_CHANNEL}>）と情報セキュリティ（<#{INFOSEC_CHANNEL}>）"
    )
    assert reply.startswith(
        f"インシデント *INC-2026-0001*（{word}・{ACCOUNT}）を開始しました。{offices}に連絡しました。"
    )
    assert "対応状況はスレッドで確認できます: https://sns-gate-test.slack.com/archives/" in reply
    assert f"終了するまで、アカウント「{ACCOUNT}」の承認と公開の記録を止めます。" in reply
    lead_message, items = assert_escalated(bot, kind)
    assert note in block_text(lead_message)
    record = incident(bot)
    assert record.incident.state == IncidentState.OPEN and record.incident.type == kind
    assert (record.incident.url, record.incident.note) == (url, note)
    assert {(m.channel, m.kind) for m in record.messages} == {
        (PR_CHANNEL, "pr"),
        (INFOSEC_CHANNEL, "infosec"),
        (LEAD[kind], "checklist"),
    }
    if kind == "impersonation":
        assert (
            "公式アカウント @aoba_city（aoba-x）と 1 文字違いで、見分けにくい文字を使っています（「i」が「l」）"
            in reply
        )
        assert "X（旧 Twitter） のなりすまし報告窓口" in block_text(lead_message)
    if kind == "flaming":
        assert "現在、ご指摘いただいている件について事実関係を確認しております。" in block_text(items)


@pytest.mark.parametrize("kind", ["flaming", "impersonation", "hijack"])
def test_each_type_reported_through_the_modal(bot, clock, kind: str):
    _, url, note = REPORTS[kind]
    ack, _ = command(bot, "")
    assert ack.status == 200
    opened = bot.fake.wait_for("views.open", lambda c: c.ok)
    view = opened.response["view"]
    assert view["title"]["text"] == "インシデントの報告"
    options = next(b for b in view["blocks"] if b.get("block_id") == BlockId.INCIDENT_ACCOUNT)["element"]["options"]
    assert [o["value"] for o in options] == ["aoba-fb", "aoba-ig", "aoba-x"]

    result = bot.submit(view, modal_values(kind, ACCOUNT, url, note), user=OPERATOR)

    assert result.status == 200
    assert result.json()["response_action"] == "update"
    assert result.json()["view"]["blocks"][0]["text"]["text"] == "インシデントを登録し、担当者に連絡しています…"
    updated = bot.fake.wait_for("views.update", lambda c: c.ok and c.args["view_id"] == view["id"])
    text = updated.args["view"]["blocks"][0]["text"]["text"]
    assert text.startswith(f"インシデント *INC-2026-0001*（{REPORTS[kind][0]}・{ACCOUNT}）を開始しました。")
    assert_escalated(bot, kind)


def test_the_modal_shows_problems_next_to_the_inputs_and_opens_nothing(bot, clock):
    command(bot, "")
    view = bot.fake.wait_for("views.open", lambda c: c.ok).response["view"]

    result = bot.submit(view, modal_values("impersonation", ACCOUNT, "x.com/aoba_clty", None), user=OPERATOR)
    missing = bot.submit(view, modal_values(None, None, None, None), user=OPERATOR)

    assert result.json() == {
        "response_action": "errors",
        "errors": {
            BlockId.INCIDENT_URL: "「x.com/aoba_clty」は URL として読み取れませんでした。"
            "https:// で始まる URL を、空白を入れずに指定してください。"
        },
    }
    errors = missing.json()["errors"]
    assert set(errors) == {BlockId.INCIDENT_TYPE, BlockId.INCIDENT_ACCOUNT}
    assert errors[BlockId.INCIDENT_TYPE].startswith("インシデントの種類を指定してください")
    bot.fake.wait_until_quiet(quiet=0.3)
    assert bot.fake.calls("chat.postMessage") == [] and incident_count(bot) == 0


@pytest.mark.parametrize(
    ("text", "problem", "prefilled"),
    [
        (
            "なりすまし aoba-y https://x.com/aoba_clty 偽アカウント",
            "アカウント「aoba-y」は登録されていません。登録済みのアカウント: aoba-fb、aoba-ig、aoba-x",
            {BlockId.INCIDENT_TYPE: "impersonation", BlockId.INCIDENT_URL: "https://x.com/aoba_clty"},
        ),
        (
            "spam aoba-x",
            "種類「spam」は受け付けていません。炎上（flaming）・なりすまし（impersonation）・乗っ取り（hijack）"
            "のいずれかを指定してください。",
            {BlockId.INCIDENT_ACCOUNT: "aoba-x"},
        ),
        (
            "炎上 aoba-x x.com/aoba_city/status/1 批判が殺到",
            "「x.com/aoba_city/status/1」は URL として読み取れませんでした。",
            {BlockId.INCIDENT_TYPE: "flaming", BlockId.INCIDENT_NOTE: "批判が殺到"},
        ),
        (
            "なりすまし aoba-x 偽アカウントを発見",
            "なりすましの報告には、偽のアカウントまたはその投稿の URL が必要です。",
            {BlockId.INCIDENT_TYPE: "impersonation", BlockId.INCIDENT_ACCOUNT: "aoba-x"},
        ),
    ],
)
def test_bad_arguments_are_explained_and_the_modal_opens_with_what_was_understood(
    bot, clock, text: str, problem: str, prefilled: dict[str, str]
):
    _, response_url = command(bot, text)

    reply = responded(bot, response_url)
    assert reply.startswith("報告の内容を読み取れませんでした。\n• ")
    assert problem in reply
    assert "読み取れた内容を入れた報告フォームを開きました。" in reply
    assert "`/sns-incident 種類 アカウント URL 内容`" in reply  # the form of the command, explained
    view = bot.fake.wait_for("views.open", lambda c: c.ok).response["view"]
    elements = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    for block_id, value in prefilled.items():
        element = elements[block_id]
        assert (element.get("initial_option") or {}).get("value", element.get("initial_value")) == value
    assert incident_count(bot) == 0


def test_when_the_modal_cannot_open_the_reporter_is_told_to_try_again(bot, clock):
    _, response_url = command(bot, "炎上 nowhere-x", trigger_ttl=0)  # the trigger expired before the bot used it

    reply = responded(bot, response_url)
    assert "アカウント「nowhere-x」は登録されていません。" in reply
    assert "報告フォームを開けませんでした（Slack の操作の有効期限が切れた可能性があります）。" in reply
    _, response_url = command(bot, "", trigger_ttl=0)
    assert responded(bot, response_url).startswith("報告フォームを開けませんでした")
    assert incident_count(bot) == 0


def test_help_explains_the_command(bot, clock):
    _, response_url = command(bot, "help")

    assert responded(bot, response_url).startswith("`/sns-incident` の使い方:")


def test_a_second_report_of_an_open_incident_joins_it(bot, clock):
    open_by_command(bot, "flaming")
    lead = escalation(bot, PR_CHANNEL)

    reply = open_by_command(bot, "flaming", user=OPERATOR2)

    assert reply.startswith(
        f"アカウント「{ACCOUNT}」の炎上は、既に *INC-2026-0001* として対応中です。"
        "新しいインシデントは作らず、この報告を INC-2026-0001 に追加しました。"
    )
    assert f"スレッドで確認できます: https://sns-gate-test.slack.com/archives/{PR_CHANNEL}/p" in reply
    assert incident_count(bot) == 1
    assert len([m for m in bot.fake.messages(PR_CHANNEL) if m.get("blocks")]) == 1
    wait_until(
        lambda: any("同じ事案の報告がありました" in t for t in thread_texts(bot, PR_CHANNEL, lead["ts"])),
        "the thread is told of the second report",
    )
    assert [m.user_id for m in incident(bot).members] == [OPERATOR, OPERATOR2]


def test_a_second_report_of_the_same_impersonating_url_joins_with_a_clear_message(bot, clock):
    open_by_command(bot, "impersonation")

    _, response_url = command(
        bot, "impersonation aoba-ig https://twitter.com/aoba_clty/status/99?s=20 DMで勧誘", user=OPERATOR2
    )

    reply = responded(bot, response_url)
    assert reply.startswith(
        "この URL は既に *INC-2026-0001*（なりすまし・aoba-x）として報告され、対応中です。"
        "新しいインシデントは作らず、この報告を INC-2026-0001 に追加しました。"
    )
    assert incident_count(bot) == 1


def test_when_the_lead_channel_refuses_the_other_office_holds_the_thread_and_the_reporter_is_told(bot, clock):
    bot.fake.add_channel(PR_CHANNEL, is_member=False)  # the bot was never invited to the PR channel

    reply = open_by_command(bot, "flaming")

    assert "ただし、<#C0PR> への通知に失敗しました（not_in_channel）。" in reply
    message = escalation(bot, INFOSEC_CHANNEL)
    assert "対応の手順と記録は、このメッセージのスレッドにあります。" in block_text(message)
    assert len(step_buttons(checklist(bot, INFOSEC_CHANNEL, message["ts"]))) == 5
    assert incident(bot).thread.channel == INFOSEC_CHANNEL
    assert incident(bot).incident.state == IncidentState.OPEN  # the freeze does not wait for Slack


# ==================================================================== the checklist and the timeline


def test_a_step_button_records_who_and_when_once(bot, clock):
    open_by_command(bot, "hijack")
    lead = escalation(bot, INFOSEC_CHANNEL)
    items = checklist(bot, INFOSEC_CHANNEL, lead["ts"])
    clock.advance(minutes=15)

    click(bot, ActionId.INCIDENT_STEP_DONE, items, user=MANAGER, value="INC-2026-0001|secure-login")

    updated = bot.wait_updated(items, lambda m: "INC-2026-0001|secure-login" not in step_buttons(m))
    assert (
        "✅ *1. パスワードを変更し、二段階認証を設定し直す*\n"
        f"<@{MANAGER}> さんが 2026年5月11日 10:15 に完了（開始から 15分）" in block_text(updated)
    )
    wait_until(
        lambda: any(
            t.startswith("✅ 手順 1「パスワードを変更し") for t in thread_texts(bot, INFOSEC_CHANNEL, lead["ts"])
        ),
        "the step is announced in the thread",
    )
    escalated = bot.wait_updated(lead, lambda m: "手順 1/4 完了" in block_text(m))
    assert "✅ 1. パスワードを変更し、二段階認証を設定し直す" in block_text(escalated)

    click(bot, ActionId.INCIDENT_STEP_DONE, items, user=INFOSEC, value="INC-2026-0001|secure-login", refused=True)

    assert told(bot, INFOSEC, "この手順は") == (
        f"この手順は 2026年5月11日 10:15 に <@{MANAGER}> さんが完了として記録しています。"
    )
    step = next(s for s in incident(bot).steps if s.step_id == "secure-login")
    assert step.done_by == MANAGER


def test_joining_is_recorded_and_said_in_the_thread(bot, clock):
    open_by_command(bot, "flaming")
    lead = escalation(bot, PR_CHANNEL)

    response_url = click(bot, ActionId.INCIDENT_JOIN, lead, user=INFOSEC)
    assert responded(bot, response_url).startswith("INC-2026-0001 の対応に参加しました。")
    again = click(bot, ActionId.INCIDENT_JOIN, lead, user=INFOSEC)
    assert responded(bot, again) == "INC-2026-0001 の対応には既に参加しています。"

    assert f"<@{INFOSEC}> さんが対応に参加しました。" in thread_texts(bot, PR_CHANNEL, lead["ts"])
    assert [m.user_id for m in incident(bot).members] == [OPERATOR, INFOSEC]


def test_a_reaction_on_a_message_in_the_thread_puts_it_on_the_timeline_once(bot, clock):
    open_by_command(bot, "impersonation")
    lead = escalation(bot, PR_CHANNEL)
    note = payloads.message_event(
        "X のフォームから削除を依頼しました（受付 #123）", user=PR, channel=PR_CHANNEL, thread_ts=lead["ts"]
    )
    bot.fake.add_message(note)
    elsewhere = payloads.message_event("関係のない雑談", user=PR, channel=PR_CHANNEL)
    bot.fake.add_message(elsewhere)

    assert bot.event(payloads.reaction_added_event("eyes", item=note, user=INFOSEC)).status == 200
    bot.fake.wait_for("reactions.add", lambda c: c.ok and c.args["timestamp"] == note["ts"])
    for reactor, message in ((ADMIN, note), (INFOSEC, elsewhere)):  # a second reaction; a message elsewhere
        assert bot.event(payloads.reaction_added_event("+1", item=message, user=reactor)).status == 200
    bot.fake.wait_until_quiet(quiet=0.3)

    messages = [e for e in incident(bot).timeline if e.kind == "message"]
    assert len(messages) == 1
    assert messages[0].text == "X のフォームから削除を依頼しました（受付 #123）"
    assert messages[0].actor == INFOSEC and messages[0].data["author"] == PR
    assert messages[0].data["permalink"].startswith(f"https://sns-gate-test.slack.com/archives/{PR_CHANNEL}/p")
    assert len(bot.fake.calls("reactions.add")) == 1  # the bot marks the recorded message with :memo:


# ==================================================================== freezing, closing, the report


def test_the_account_is_frozen_while_open_and_unfrozen_when_closed(bot, clock):
    event, _ = bot.post_draft(CLEAN)
    reply = bot.reply(event["ts"])
    assert ActionId.DRAFT_APPROVE in buttons(reply)
    bot.wait_draft(event["ts"], lambda d: d.state == DraftState.AWAITING_APPROVAL)

    open_by_command(bot, "flaming")

    # The pending approval is put on hold, and its thread says why.
    bot.wait_draft(event["ts"], lambda d: d.state == DraftState.ON_HOLD)
    held = bot.wait_updated(reply, lambda m: ActionId.DRAFT_APPROVE not in buttons(m))
    assert "インシデント INC-2026-0001 の対応中のため、承認依頼を保留しています" in block_text(held)
    wait_until(
        lambda: any(
            "インシデント INC-2026-0001（炎上）の対応が始まったため" in t for t in bot.thread_texts(event["ts"])
        ),
        "the draft's thread is told",
    )
    # An approval attempt (a click on the message as it was) is refused, naming the incident.
    bot.click(ActionId.DRAFT_APPROVE, reply, user=MANAGER)
    refusal = told(bot, MANAGER, "INC-2026-0001")
    assert "インシデント INC-2026-0001 の対応中のため、承認はできません" in refusal
    assert bot.draft(event["ts"]).state == DraftState.ON_HOLD
    # A new draft is still screened, but goes on hold.
    second, _ = bot.post_draft("来週の窓口の開庁時間をお知らせします。")
    second_reply = bot.reply(second["ts"])
    assert ActionId.DRAFT_APPROVE not in buttons(second_reply)
    assert "INC-2026-0001" in block_text(second_reply)

    clock.advance(hours=2, minutes=30)
    _, response_url = command(bot, "close INC-2026-0001 投稿の訂正と謝罪を掲載し、収束を確認しました。", user=PR)

    assert responded(bot, response_url) == (
        "インシデント *INC-2026-0001* を終了し、アカウント「aoba-x」の凍結を解除しました。"
        "報告書をスレッドに投稿しました。"
    )
    bot.wait_draft(event["ts"], lambda d: d.state == DraftState.AWAITING_APPROVAL)
    bot.wait_draft(second["ts"], lambda d: d.state == DraftState.AWAITING_APPROVAL)
    released = bot.wait_updated(reply, lambda m: ActionId.DRAFT_APPROVE in buttons(m))
    wait_until(
        lambda: (
            "インシデント INC-2026-0001 が終了したため、この下書きの承認依頼を再開しました。"
            in bot.thread_texts(event["ts"])
        ),
        "the draft's thread is told of the release",
    )
    bot.click(ActionId.DRAFT_APPROVE, released, user=MANAGER)
    bot.wait_draft(event["ts"], lambda d: d.state == DraftState.APPROVED)


def test_closing_posts_the_report_to_the_thread_and_closes_the_messages(bot, clock):
    open_by_command(bot, "impersonation")
    lead = escalation(bot, PR_CHANNEL)
    other = escalation(bot, INFOSEC_CHANNEL)
    items = checklist(bot, PR_CHANNEL, lead["ts"])
    clock.advance(minutes=20)
    click(bot, ActionId.INCIDENT_STEP_DONE, items, user=MANAGER, value="INC-2026-0001|report")
    bot.wait_updated(items, lambda m: "INC-2026-0001|report" not in step_buttons(m))
    clock.advance(days=1, hours=3)

    _, response_url = command(bot, "close INC-2026-0001 偽アカウントは削除されました。", user=INFOSEC)
    responded(bot, response_url)

    upload = bot.fake.wait_for("files.completeUploadExternal", lambda c: c.ok)
    assert (upload.args["channel_id"], upload.args["thread_ts"]) == (PR_CHANNEL, lead["ts"])
    file_id = upload.response["files"][0]["id"]
    meta, content = bot.fake.file(file_id)
    assert meta["name"] == "INC-2026-0001.md"
    markdown = content.decode("utf-8")
    assert markdown.startswith("# インシデント報告書 INC-2026-0001\n")
    assert "| 種類 | なりすまし |" in markdown
    assert "| 対応時間 | 1日3時間20分 |" in markdown
    assert "| 1 | 運用管理責任者が広報・情報セキュリティ担当に報告する | 運用管理責任者 | " in markdown
    assert "2026年5月11日 10:20 | 20分 |" in markdown
    assert "## まとめ\n\n偽アカウントは削除されました。" in markdown
    assert "さんがインシデントを終了しました。" in markdown
    closed = bot.wait_updated(lead, lambda m: buttons(m) == [])
    assert "✅ INC-2026-0001 なりすまし（終了）" in block_text(closed)
    assert f"<@{INFOSEC}> さんが終了しました（対応時間 1日3時間20分）" in block_text(closed)
    assert buttons(bot.wait_updated(other, lambda m: buttons(m) == [])) == []
    assert step_buttons(bot.current(items)) == []
    wait_until(
        lambda: any(t.startswith("INC-2026-0001 を終了しました") for t in thread_texts(bot, PR_CHANNEL, lead["ts"])),
        "the thread is told",
    )
    assert incident(bot).incident.state == IncidentState.CLOSED


def test_a_short_report_is_posted_inline(bot, clock, monkeypatch):
    monkeypatch.setattr(incidents_slack, "REPORT_INLINE_MAX", 100_000)
    open_by_command(bot, "hijack")
    lead = escalation(bot, INFOSEC_CHANNEL)

    _, response_url = command(bot, "close INC-2026-0001 パスワードを変更し、不正な投稿を削除しました。", user=ADMIN)
    responded(bot, response_url)

    wait_until(
        lambda: any(t.startswith("*インシデント報告書*") for t in thread_texts(bot, INFOSEC_CHANNEL, lead["ts"])),
        "the report is posted",
    )
    report = next(t for t in thread_texts(bot, INFOSEC_CHANNEL, lead["ts"]) if t.startswith("*インシデント報告書*"))
    assert "```\n# インシデント報告書 INC-2026-0001\n" in report
    assert bot.fake.calls("files.completeUploadExternal") == []


def test_who_may_close(bot, clock):
    bot.fake.add_channel(PR_CHANNEL, members=[PR, "U0PRSTAFF"])
    bot.fake.add_channel(INFOSEC_CHANNEL, members=[INFOSEC])
    open_by_command(bot, "flaming")
    lead = escalation(bot, PR_CHANNEL)

    # Someone outside the roles and the two channels is refused, by command and by button.
    _, response_url = command(bot, "close INC-2026-0001 終わりました", user=STRANGER)
    assert told(bot, STRANGER, "終了できません", response_url=response_url).startswith(
        "インシデントを終了できるのは、広報担当・情報セキュリティ担当（各チャンネルのメンバーを含みます）と管理者です。"
    )
    click(bot, ActionId.INCIDENT_CLOSE, lead, user=MANAGER, refused=True)
    assert f"<@{MANAGER}> さんは終了できません" in told(bot, MANAGER, "終了できません")
    assert incident(bot).incident.state == IncidentState.OPEN

    # A member of the PR channel may: the button asks for the summary.
    click(bot, ActionId.INCIDENT_CLOSE, lead, user="U0PRSTAFF")
    modal = bot.fake.wait_for("views.open", lambda c: c.ok).response["view"]
    assert modal["title"]["text"] == "インシデントの終了"
    empty = bot.submit(modal, {BlockId.SUMMARY: {"value": payloads.plain_text_input("  ")}}, user="U0PRSTAFF")
    assert empty.json()["errors"] == {
        BlockId.SUMMARY: "終了時のまとめ（何が起き、どう対応したか）を入力してください。報告書に記載されます。"
    }
    result = bot.submit(
        modal, {BlockId.SUMMARY: {"value": payloads.plain_text_input("収束しました。")}}, user="U0PRSTAFF"
    )
    assert result.json()["response_action"] == "update"
    updated = bot.fake.wait_for("views.update", lambda c: c.ok and c.args["view_id"] == modal["id"])
    assert updated.args["view"]["blocks"][0]["text"]["text"].startswith("インシデント *INC-2026-0001* を終了し")
    assert incident(bot).incident.closed_by == "U0PRSTAFF"

    # Closing again says who closed it and when.
    _, response_url = command(bot, "close INC-2026-0001 もう一度", user=ADMIN)
    assert told(bot, ADMIN, "既に終了しています", response_url=response_url) == (
        "インシデント INC-2026-0001 は 2026年5月11日 10:00 に <@U0PRSTAFF> さんが既に終了しています。"
    )


def test_close_without_a_summary_opens_the_modal_and_a_bad_id_is_explained(bot, clock):
    open_by_command(bot, "flaming")

    command(bot, "close INC-2026-0001", user=PR)
    modal = bot.fake.wait_for("views.open", lambda c: c.ok).response["view"]
    assert modal["callback_id"] == "incident_close_modal"

    _, response_url = command(bot, "close 2026-1", user=PR)
    assert responded(bot, response_url).startswith(
        "「2026-1」はインシデント ID の形式ではありません（例: INC-2026-0001）。"
    )
    _, response_url = command(bot, "close INC-2026-0404 まとめ", user=PR)
    assert (
        told(bot, PR, "INC-2026-0404", response_url=response_url)
        == "インシデント INC-2026-0404 は見つかりません。ID をご確認ください。"
    )
