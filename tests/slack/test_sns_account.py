"""`/sns-account [ACCOUNT]` end to end through the real Bolt app (``app.build_app``) over signed HTTP
against the fake Slack: status for anyone; the manager or an admin records a plan renewal (modal with
a date) or a password change (a confirmed button; who and when, never a password); refusals are
shown in Japanese to the person who acted."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from typing import Any

import pytest
import sqlalchemy as sa
import time_machine

from bot.runtime import Runtime
from handlers.ids import ActionId, BlockId, CallbackId
from storage.db import Database
from storage.models import Account, AuditEvent, PasswordRotation, PlanRenewal
from tests.slack import payloads
from tests.slack.conftest import joetsu_config, make_runtime
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.signing import post_action, post_command, post_view_submission

JST = zoneinfo.ZoneInfo("Asia/Tokyo")
MANAGER = "U0MGR"
OPERATOR = "U0OP1"
ADMIN = "U0ADM"
STRANGER = "U0STRANGER"
CHANNEL = "C0RANDOM"


@pytest.fixture(autouse=True)
def clock():
    # Monday 2026-03-02, in the plan-renewal season of FY2025; the clock ticks (threads serve requests).
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=JST), tick=True) as traveller:
        yield traveller


@pytest.fixture
def runtime(db: Database, fake_slack: FakeSlack) -> Runtime:
    config = joetsu_config(organization="青葉川市")
    with db.Session.begin() as session:
        for account_id, manager in (("aoba-x", MANAGER), ("aoba-fb", "U0OTHERMGR")):
            session.add(
                Account(
                    id=account_id,
                    platform="x" if account_id == "aoba-x" else "facebook",
                    handle="@aoba_city",
                    department="広報広聴課",
                    manager=manager,
                    deputies=["U0DEP"],
                    operators=[OPERATOR] if account_id == "aoba-x" else [],
                    drafts_channel="C0DRAFTS",
                    plan_valid_until=dt.date(2026, 3, 31),
                    password_rotated_on=dt.date(2025, 11, 1),
                    two_factor=False,
                    min_posts_per_month=1,
                )
            )
    return make_runtime(config, db, fake_slack)


def _command(fake: FakeSlack, server: Any, secret: str, text: str, *, user: str) -> dict[str, Any]:
    response_url = fake.response_url()
    result = post_command(
        server.base_url, secret, "/sns-account", text, user_id=user, channel_id=CHANNEL, response_url=response_url
    )
    assert result.status == 200 and result.body == b""
    hook = response_url.rsplit("/response/", 1)[1]
    call = fake.wait_for(RESPONSE_URL, lambda c: c.path.endswith(hook), timeout=20)
    assert call.ok, call
    return call.args


def _text(message: dict[str, Any]) -> str:
    return json.dumps(message.get("blocks") or [], ensure_ascii=False) + message.get("text", "")


def _buttons(message: dict[str, Any]) -> list[str]:
    return [e["action_id"] for b in message.get("blocks") or [] if b["type"] == "actions" for e in b["elements"]]


def _click(fake: FakeSlack, server: Any, secret: str, message: dict, action_id: str, *, user: str, **kw) -> Any:
    payload = payloads.block_actions(
        action_id,
        user_id=user,
        message={**message, "ts": payloads.new_ts(), "channel": CHANNEL},
        response_url=kw.pop("response_url", None) or fake.response_url(),
        **kw,
    )
    return post_action(server.base_url, secret, payload)


def test_anyone_sees_the_status_only_the_manager_gets_the_buttons(fake_slack, server, signing_secret):
    status = _command(fake_slack, server, signing_secret, "aoba-x", user=OPERATOR)
    assert status["response_type"] == "ephemeral"
    rendered = _text(status)
    assert "アカウント「aoba-x」の状況" in rendered
    assert "2026年3月31日まで（未更新: 2026年4月1日に失効します" in rendered
    assert "変更期限の 2026年1月30日 を過ぎています" in rendered and "未設定です" in rendered
    assert _buttons(status) == []
    assert "運用管理責任者 <@U0MGR> さんか管理者が行えます" in rendered

    managers = _command(fake_slack, server, signing_secret, "aoba-x", user=MANAGER)
    assert _buttons(managers) == [ActionId.ACCOUNT_RENEW_PLAN, ActionId.ACCOUNT_PASSWORD_ROTATED]
    [password_button] = [
        e for b in managers["blocks"] if b["type"] == "actions" for e in b["elements"] if "confirm" in e
    ]
    assert "パスワードそのものは入力しないでください" in password_button["confirm"]["text"]["text"]


def test_the_list_shows_ones_own_accounts_and_everything_to_admins(fake_slack, server, signing_secret):
    mine = _text(_command(fake_slack, server, signing_secret, "", user=OPERATOR))
    assert "あなたに関係するアカウント（1件）" in mine and "aoba-x" in mine and "aoba-fb" not in mine
    everything = _text(_command(fake_slack, server, signing_secret, "", user=ADMIN))
    assert "登録されているアカウント（2件）" in everything and "aoba-fb" in everything
    none = _text(_command(fake_slack, server, signing_secret, "", user=STRANGER))
    assert "担当者として登録されているアカウントはありません" in none


def test_an_unknown_account_is_answered_politely(fake_slack, server, signing_secret):
    reply = _command(fake_slack, server, signing_secret, "aoba-tiktok", user=MANAGER)
    assert reply["response_type"] == "ephemeral"
    assert "アカウント「aoba-tiktok」は登録されていません" in reply["text"]


def test_the_manager_renews_the_plan_through_the_modal(fake_slack, server, signing_secret, db: Database):
    status = _command(fake_slack, server, signing_secret, "aoba-x", user=MANAGER)
    trigger = fake_slack.issue_trigger_id()
    assert (
        _click(
            fake_slack, server, signing_secret, status, ActionId.ACCOUNT_RENEW_PLAN, user=MANAGER, trigger_id=trigger
        ).status
        == 200
    )
    opened = fake_slack.wait_for("views.open", lambda c: c.args["trigger_id"] == trigger)
    assert opened.ok, opened
    view = opened.response["view"]
    assert view["callback_id"] == CallbackId.PLAN_RENEWAL_MODAL
    [date_input] = [b for b in view["blocks"] if b.get("block_id") == BlockId.PLAN_VALID_UNTIL]
    assert date_input["element"]["initial_date"] == "2027-03-31"  # the end of the coming fiscal year

    def submit(day: str) -> Any:
        values = {BlockId.PLAN_VALID_UNTIL: {BlockId.PLAN_VALID_UNTIL: payloads.datepicker(day)}}
        return post_view_submission(
            server.base_url, signing_secret, payloads.view_submission(view, values, user_id=MANAGER)
        )

    past = submit("2026-02-28")
    assert past.json()["response_action"] == "errors"
    assert "今日より後の日付" in past.json()["errors"][BlockId.PLAN_VALID_UNTIL]
    assert "2028年3月31日 まで" in submit("2031-03-31").json()["errors"][BlockId.PLAN_VALID_UNTIL]

    done = submit("2027-03-31")
    assert done.status == 200 and done.body == b""
    confirmation = fake_slack.wait_for(
        "chat.postMessage", lambda c: "更新したことを記録しました" in c.args.get("text", "")
    )
    assert confirmation.args["channel"] == MANAGER
    with db.Session.begin() as session:
        assert session.get(Account, "aoba-x").plan_valid_until == dt.date(2027, 3, 31)
        [renewal] = session.scalars(sa.select(PlanRenewal)).all()
        assert (renewal.valid_until, renewal.recorded_by) == (dt.date(2027, 3, 31), MANAGER)
        [event] = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "plan_renewed")).all()
        assert (event.actor, event.data) == (MANAGER, {"from": "2026-03-31", "to": "2027-03-31"})


def test_someone_else_cannot_open_the_renewal(fake_slack, server, signing_secret, db: Database):
    status = _command(fake_slack, server, signing_secret, "aoba-x", user=MANAGER)  # a forwarded message
    trigger = fake_slack.issue_trigger_id()
    clicked = _click(
        fake_slack, server, signing_secret, status, ActionId.ACCOUNT_RENEW_PLAN, user=OPERATOR, trigger_id=trigger
    )
    assert clicked.status == 200  # acknowledged: Slack shows no error besides our answer
    refusal = fake_slack.wait_for(RESPONSE_URL, lambda c: "運用計画の更新の記録は、運用管理責任者" in c.args["text"])
    assert refusal.args["response_type"] == "ephemeral"
    assert fake_slack.calls("views.open") == []


def test_the_password_button_records_who_and_when_once_a_day(fake_slack, server, signing_secret, db: Database):
    status = _command(fake_slack, server, signing_secret, "aoba-x", user=ADMIN)  # an admin may too
    replies = []
    for _ in range(2):
        url = fake_slack.response_url()
        _click(
            fake_slack, server, signing_secret, status, ActionId.ACCOUNT_PASSWORD_ROTATED, user=ADMIN, response_url=url
        )
        hook = url.rsplit("/response/", 1)[1]
        replies.append(fake_slack.wait_for(RESPONSE_URL, lambda c, hook=hook: c.path.endswith(hook)).args["text"])
    assert "2026年3月2日 に変更したことを記録しました。次の変更期限は 2026年5月31日 です。" in replies[0]
    assert "本日すでに記録されています" in replies[1]
    with db.Session.begin() as session:
        assert session.get(Account, "aoba-x").password_rotated_on == dt.date(2026, 3, 2)
        [rotation] = session.scalars(sa.select(PasswordRotation)).all()
        assert rotation.recorded_by == ADMIN
        [event] = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "password_rotated")).all()
        assert set(event.data) == {"rotated_on"}  # that it was changed, by whom and when: nothing more


def test_an_operator_cannot_record_a_password_change(fake_slack, server, signing_secret, db: Database):
    status = _command(fake_slack, server, signing_secret, "aoba-x", user=MANAGER)
    clicked = _click(fake_slack, server, signing_secret, status, ActionId.ACCOUNT_PASSWORD_ROTATED, user=OPERATOR)
    assert clicked.status == 200
    fake_slack.wait_for(RESPONSE_URL, lambda c: "パスワード変更の記録は、運用管理責任者" in c.args.get("text", ""))
    with db.Session.begin() as session:
        assert session.scalars(sa.select(PasswordRotation)).all() == []
