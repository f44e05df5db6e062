"""The App Home tab end to end (an `app_home_opened` event → `views.publish`), and its queries: a fixed
number of statements whatever the number of accounts and drafts."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import sqlalchemy as sa

from bot.home import load_home
from bot.runtime import Runtime
from storage.db import Database, utcnow
from storage.models import Account, Draft, DraftState, Incident, IncidentState, IncidentType
from tests.slack import payloads
from tests.slack.conftest import joetsu_config, make_runtime
from tests.slack.fake_slack import FakeSlack, check_view
from tests.slack.signing import post_event

JST = zoneinfo.ZoneInfo("Asia/Tokyo")
MANAGER = "U0MGR"
DEPUTY = "U0DEP"
OPERATOR = "U0OP1"
PR = "U0PR1"
STRANGER = "U0STRANGER"


def _account(account_id: str, **overrides: Any) -> Account:
    today = dt.datetime.now(JST).date()
    values: dict[str, Any] = dict(
        id=account_id,
        platform="x",
        handle=f"@{account_id}",
        department="広報対話課",
        manager=MANAGER,
        deputies=[DEPUTY],
        operators=[OPERATOR],
        drafts_channel="C0DRAFTS",
        plan_valid_until=today + dt.timedelta(days=365),
        password_rotated_on=today - dt.timedelta(days=30),
        two_factor=True,
        min_posts_per_month=2,
    )
    values.update(overrides)
    return Account(**values)


def _draft(
    account_id: str, *, author: str = OPERATOR, state: DraftState, text: str = "お知らせです。", **extra
) -> Draft:
    now = utcnow()
    values: dict[str, Any] = dict(
        account_id=account_id,
        author=author,
        text=text,
        platform="x",
        content_hash="0" * 64,
        state=state,
        verdict="pass",
        findings=[],
        source_channel="C0DRAFTS",
        created_at=now,
        updated_at=now,
    )
    if state in (DraftState.AWAITING_APPROVAL, DraftState.ON_HOLD):
        values["approval_requested_at"] = now - dt.timedelta(hours=2)
    if state == DraftState.PUBLISHED:
        values["published_at"] = now
    values.update(extra)
    return Draft(**values)


@pytest.fixture
def runtime(db: Database, fake_slack: FakeSlack) -> Runtime:
    config = joetsu_config()
    return make_runtime(config, db, fake_slack)


def _seed(db: Database) -> None:
    today = dt.datetime.now(JST).date()
    with db.Session.begin() as session:
        session.add_all(
            [
                _account("joetsu-x"),
                _account("joetsu-fb", platform="facebook", plan_valid_until=today - dt.timedelta(days=1)),
                _account("kanko-x", manager="U0OTHER", deputies=[], operators=["U0OTHEROP"]),
            ]
        )
        session.flush()
        session.add_all(
            [
                _draft("joetsu-x", state=DraftState.AWAITING_APPROVAL, text="夏祭りのお知らせ <@U0EVIL> です。"),
                _draft("joetsu-x", state=DraftState.CHANGES_REQUESTED),
                _draft("joetsu-x", state=DraftState.PUBLISHED),
                _draft("kanko-x", author="U0OTHEROP", state=DraftState.AWAITING_APPROVAL),
                # The manager's own draft never waits for their own approval (tatsuno 4(4)).
                _draft("joetsu-x", author=MANAGER, state=DraftState.AWAITING_APPROVAL),
            ]
        )
        session.add(
            Incident(
                id="INC-2026-0001",
                year=2026,
                number=1,
                account_id="joetsu-fb",
                type=IncidentType.IMPERSONATION,
                state=IncidentState.OPEN,
                opened_by=PR,
            )
        )


def _open_home(fake: FakeSlack, server: Any, secret: str, user: str) -> dict[str, Any]:
    result = post_event(server.base_url, secret, payloads.app_home_opened_event(user))
    assert result.status == 200
    call = fake.wait_for("views.publish", lambda c: c.args["user_id"] == user)
    assert call.ok, call
    return call.args["view"]


def _texts(view: dict[str, Any]) -> str:
    out = []
    for block in view["blocks"]:
        if isinstance(block.get("text"), dict):
            out.append(block["text"]["text"])
        for element in block.get("elements") or []:
            if isinstance(element, dict) and "text" in element:
                out.append(str(element["text"]))
    return "\n".join(out)


def test_the_manager_sees_what_awaits_their_approval_their_accounts_and_incidents(
    fake_slack, server, signing_secret, db
):
    _seed(db)

    view = _open_home(fake_slack, server, signing_secret, MANAGER)

    assert view["type"] == "home" and check_view(view) == [] and len(view["blocks"]) <= 100
    text = _texts(view)
    assert "あなたの承認待ち（1 件）" in text  # not kanko-x's, not their own
    assert "夏祭りのお知らせ &lt;@U0EVIL&gt; です。" in text  # draft text can never mention anyone
    assert "担当アカウント（2 件）" in text and "kanko-x" not in text
    assert "運用管理責任者" in text
    assert "今月の投稿: :warning: 1 件（目標は月 2 件以上）" in text
    assert "期限切れ" in text  # joetsu-fb's plan lapsed yesterday
    assert "パスワード: 30 日前に変更" in text
    assert "INC-2026-0001" in text and "なりすまし" in text
    assert "あなたの下書き（1 件）" in text  # the manager's own draft, with its state
    assert "承認待ち" in text


def test_an_operator_sees_their_drafts_and_states(fake_slack, server, signing_secret, db):
    _seed(db)

    text = _texts(_open_home(fake_slack, server, signing_secret, OPERATOR))

    assert "あなたの承認を待っている下書きはありません。" in text
    assert "あなたの下書き（3 件）" in text
    assert "修正依頼中 1 件" in text and "公開済み 1 件" in text and "承認待ち 1 件" in text
    assert "投稿担当者" in text


def test_pr_sees_every_open_incident_and_a_stranger_an_empty_but_friendly_tab(fake_slack, server, signing_secret, db):
    _seed(db)

    pr = _texts(_open_home(fake_slack, server, signing_secret, PR))
    stranger = _texts(_open_home(fake_slack, server, signing_secret, STRANGER))

    assert "INC-2026-0001" in pr and "すべてのインシデント" in pr
    assert "INC-2026-0001" not in stranger
    assert "登録されているアカウントはありません" in stranger and "/sns-draft" in stranger


def test_the_messages_tab_publishes_nothing(fake_slack, server, signing_secret, db):
    post_event(server.base_url, signing_secret, payloads.app_home_opened_event(MANAGER, tab="messages"))
    post_event(server.base_url, signing_secret, payloads.app_home_opened_event(OPERATOR))

    fake_slack.wait_for("views.publish", lambda c: c.args["user_id"] == OPERATOR)
    fake_slack.wait_until_quiet()
    assert [c.args["user_id"] for c in fake_slack.calls("views.publish")] == [OPERATOR]


def test_a_busy_tab_is_summarised_under_slacks_limits(fake_slack, server, signing_secret, db):
    with db.Session.begin() as session:
        session.add_all([_account(f"acct-{i:03d}") for i in range(40)])
        session.flush()
        session.add_all(
            [_draft(f"acct-{i % 40:03d}", state=DraftState.AWAITING_APPROVAL, text="長い" * 2000) for i in range(120)]
        )
        session.add_all([_draft("acct-000", author=MANAGER, state=DraftState.REJECTED) for _ in range(30)])

    view = _open_home(fake_slack, server, signing_secret, MANAGER)

    assert check_view(view) == [] and len(view["blocks"]) <= 100
    text = _texts(view)
    assert "あなたの承認待ち（120 件）" in text and "ほか 110 件" in text
    assert "ほか 25 件のアカウント" in text and "ほか 20 件あります" in text


# ---------------------------------------------------------------- set-based queries


@contextmanager
def _counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)


def _statements_for(db: Database, user: str) -> int:
    with _counting(db) as statements, db.Session.begin() as session:
        load_home(session=session, user_id=user, now=utcnow(), tz=JST, all_incidents_for=[PR])
    return len([s for s in statements if s.lstrip().upper().startswith("SELECT")])


def test_the_number_of_queries_does_not_grow_with_accounts_or_drafts(db):
    _seed(db)
    small = _statements_for(db, MANAGER)
    with db.Session.begin() as session:
        session.add_all([_account(f"acct-{i:03d}") for i in range(60)])
        session.flush()
        session.add_all([_draft(f"acct-{i % 60:03d}", state=DraftState.AWAITING_APPROVAL) for i in range(300)])
        session.add_all([_draft(f"acct-{i % 60:03d}", state=DraftState.PUBLISHED) for i in range(300)])

    large = _statements_for(db, MANAGER)

    assert small == large <= 9  # accounts; awaiting (count, page); mine (counts, page); posts; incidents (3)


def test_membership_is_exact_not_a_prefix(db):
    with db.Session.begin() as session:
        session.add(_account("joetsu-x", manager="U0MGR2", deputies=["U0DEP2"], operators=["U0OP10"]))

    with db.Session.begin() as session:
        data = load_home(session=session, user_id=OPERATOR, now=utcnow(), tz=JST)

    assert data.accounts == ()  # U0OP1 is not U0OP10
