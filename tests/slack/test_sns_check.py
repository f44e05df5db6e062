"""`/sns-check TEXT` end to end: an ephemeral screening through the command's response_url, with the
organisation's policy, and nothing written to the database."""

from __future__ import annotations

import datetime as dt
import time
import zoneinfo
from typing import Any

import pytest
import sqlalchemy as sa

from bot.runtime import Runtime
from rules.engine import MAX_DRAFT_CHARS
from storage.db import Database
from storage.models import Account
from tests.slack.conftest import joetsu_config, make_runtime
from tests.slack.fake_slack import RESPONSE_URL, FakeSlack
from tests.slack.signing import post_command

JST = zoneinfo.ZoneInfo("Asia/Tokyo")
USER = "U0OP1"
DRAFTS = "C0DRAFTS"


@pytest.fixture
def runtime(db: Database, fake_slack: FakeSlack) -> Runtime:
    config = joetsu_config(official_domains=["city.joetsu.niigata.jp"])
    with db.Session.begin() as session:
        session.add(
            Account(
                id="joetsu-x",
                platform="x",
                handle="@joetsu_city",
                department="広報対話課",
                manager="U0MGR",
                deputies=[],
                operators=[USER],
                drafts_channel=DRAFTS,
                plan_valid_until=dt.datetime.now(JST).date() + dt.timedelta(days=365),
                password_rotated_on=None,
            )
        )
    return make_runtime(config, db, fake_slack)


def _row_counts(db: Database) -> dict[str, int]:
    """Rows in every table the database has (not only the models this process imported)."""
    with db.engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        assert {"drafts", "audit_events", "handled_events"} <= set(names)
        return {
            name: conn.execute(sa.select(sa.func.count()).select_from(sa.table(name))).scalar_one() for name in names
        }


def _check(fake: FakeSlack, server: Any, secret: str, text: str, *, channel: str = "C0RANDOM") -> tuple[dict, float]:
    response_url = fake.response_url()
    started = time.monotonic()
    result = post_command(
        server.base_url, secret, "/sns-check", text, user_id=USER, channel_id=channel, response_url=response_url
    )
    acked_after = time.monotonic() - started
    assert result.status == 200 and result.body == b""  # the result comes through the response_url
    call = fake.wait_for(RESPONSE_URL, lambda c: c.path.endswith(response_url.rsplit("/response/", 1)[1]), timeout=20)
    assert call.ok, call
    return call.args, acked_after


def _all_text(message: dict[str, Any]) -> str:
    return str(message.get("blocks")) + message.get("text", "")


def test_an_empty_text_gets_a_polite_usage_message(fake_slack, server, signing_secret):
    reply, _ = _check(fake_slack, server, signing_secret, "   ")

    assert reply["response_type"] == "ephemeral"
    assert "使い方" in _all_text(reply) and "/sns-check 確認したい文章" in _all_text(reply)


def test_a_problem_is_reported_only_to_the_user_and_nothing_is_stored(fake_slack, server, signing_secret, db):
    before = _row_counts(db)

    reply, acked_after = _check(fake_slack, server, signing_secret, "詳しくは https://bit.ly/abc をご覧ください")

    assert acked_after < 3.0
    assert reply["response_type"] == "ephemeral"
    rendered = _all_text(reply)
    assert "SHR001" in rendered and "修正が必要です" in rendered
    assert "joetsu 6(1)②" in rendered  # the organisation's own guideline is cited
    # The drafts' guidance speaks of editing a draft message; a private check has none.
    assert "/sns-draft" in rendered and "メッセージを編集" not in rendered
    assert _row_counts(db) == before
    # No message anywhere but the private answer.
    assert fake_slack.calls("chat.postMessage") == [] and fake_slack.calls("chat.postEphemeral") == []


def test_a_clean_text_passes(fake_slack, server, signing_secret, db):
    before = _row_counts(db)

    reply, _ = _check(fake_slack, server, signing_secret, "市役所は本日も通常どおり開庁しています。")

    assert "問題は見つかりませんでした" in _all_text(reply)
    assert _row_counts(db) == before


def test_in_a_drafts_channel_the_accounts_platform_limits_apply(fake_slack, server, signing_secret, db):
    before = _row_counts(db)
    text = "市の花火大会のお知らせです。" * 30  # 420 full-width characters: over X's 280 (each counts 2)

    in_channel, _ = _check(fake_slack, server, signing_secret, text, channel=DRAFTS)
    elsewhere, _ = _check(fake_slack, server, signing_secret, text)

    assert "joetsu-x（X）" in _all_text(in_channel) and "文字数" in _all_text(in_channel)
    assert "文字数の上限" not in _all_text(elsewhere) and "媒体ごとの文字数は確認していません" in _all_text(elsewhere)
    assert _row_counts(db) == before


def test_slack_escaped_characters_are_screened_as_typed(fake_slack, server, signing_secret):
    reply, _ = _check(fake_slack, server, signing_secret, "&lt;お知らせ&gt; 夏祭り &amp; 花火")

    assert "問題は見つかりませんでした" in _all_text(reply)
    assert f"{len('<お知らせ> 夏祭り & 花火')} 文字" in _all_text(reply)


def test_a_text_beyond_the_engines_limit_gets_a_polite_message(fake_slack, server, signing_secret, db):
    before = _row_counts(db)

    reply, _ = _check(fake_slack, server, signing_secret, "あ" * (MAX_DRAFT_CHARS + 1))

    assert reply["response_type"] == "ephemeral"
    assert "チェックできませんでした" in _all_text(reply) and "100,000" in _all_text(reply)
    assert _row_counts(db) == before


def test_the_log_never_carries_the_text(fake_slack, server, signing_secret, caplog):
    caplog.set_level("INFO")

    _check(fake_slack, server, signing_secret, "山田太郎さんの住所は上越市木田1-1-1です")

    assert "山田" not in caplog.text and "木田" not in caplog.text
