"""`accounts import` and `accounts list`."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
import time_machine

from bot.config import parse_accounts
from bot.errors import NotFoundError
from bot.workflows import accounts, approval
from bot.workflows.accounts import AccountState
from storage.models import Account, AuditEvent, IncidentType, PasswordRotation, PlanRenewal
from storage.repositories import incidents
from tests.bot.factories import JST, MANAGER, OPERATOR, account_values, accounts_yaml, make_account, submit

pytestmark = pytest.mark.usefixtures("clock")

FILE = accounts_yaml(
    account_values(operators=[OPERATOR], password_rotated_on=dt.date(2026, 3, 1), min_posts_per_month=2),
    dict(
        id="aoba-line",
        platform="line",
        handle="@aoba_line",
        department="危機管理課",
        manager="U0BOSAI",
        drafts_channel="C0BOSAI",
        plan_valid_until=dt.date(2026, 3, 31),
    ),
)


def _import(session, text: str = FILE) -> accounts.ImportResult:
    return accounts.import_accounts(session=session, accounts=parse_accounts(text, path="accounts.yml"), actor="U0ADM")


def test_import_creates_accounts_and_audits_them(session):
    result = _import(session)
    assert result.created == ["aoba-x", "aoba-line"] and result.total == 2
    assert result.summary_ja() == "2 件のアカウントを取り込みました（新規 2 件、更新 0 件、変更なし 0 件）。"
    x = session.get(Account, "aoba-x")
    assert (x.manager, x.deputies, x.operators, x.two_factor) == ("U0MGR", ["U0DEP"], ["U0OP1"], True)
    line = session.get(Account, "aoba-line")
    assert (line.deputies, line.operators, line.password_rotated_on, line.min_posts_per_month) == ([], [], None, 0)
    actions = session.execute(sa.select(AuditEvent.entity_id, AuditEvent.action, AuditEvent.actor)).all()
    assert sorted(actions) == [("aoba-line", "account_create", "U0ADM"), ("aoba-x", "account_create", "U0ADM")]


def test_importing_again_updates_in_place_and_keeps_the_history(session):
    _import(session)
    changed = FILE.replace("password_rotated_on: 2026-03-01", "password_rotated_on: 2026-05-01").replace(
        "deputies: [U0DEP]", "deputies: [U0DEP, U0DEP2]"
    )
    result = _import(session, changed)
    assert (result.created, result.updated, result.unchanged) == ([], ["aoba-x"], ["aoba-line"])
    x = session.get(Account, "aoba-x")
    assert x.password_rotated_on == dt.date(2026, 5, 1) and x.deputies == ["U0DEP", "U0DEP2"]
    rotations = session.scalars(
        sa.select(PasswordRotation.rotated_on)
        .where(PasswordRotation.account_id == "aoba-x")
        .order_by(PasswordRotation.id)
    ).all()
    assert rotations == [dt.date(2026, 3, 1), dt.date(2026, 5, 1)]
    [update] = session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "account_update")).all()
    assert update.data == {
        "changed": {
            "deputies": [["U0DEP"], ["U0DEP", "U0DEP2"]],
            "password_rotated_on": ["2026-03-01", "2026-05-01"],
        }
    }
    assert _import(session, changed).unchanged == ["aoba-x", "aoba-line"]


def test_renewing_a_plan_by_import_records_the_renewal(session):
    _import(session)
    _import(session, FILE.replace("plan_valid_until: 2026-03-31", "plan_valid_until: 2027-03-31"))
    renewals = session.scalars(
        sa.select(PlanRenewal.valid_until).where(PlanRenewal.account_id == "aoba-line").order_by(PlanRenewal.id)
    ).all()
    assert renewals == [dt.date(2026, 3, 31), dt.date(2027, 3, 31)]


def test_an_unknown_account_is_refused_in_japanese(session):
    with pytest.raises(NotFoundError) as caught:
        accounts.require_account(session=session, account_id="ghost")
    assert caught.value.message_ja == "アカウント「ghost」は登録されていません。アカウント ID をご確認ください。"


def test_accounts_are_found_by_their_drafts_channel(session):
    _import(session)
    assert [a.id for a in accounts.accounts_for_channel(session=session, channel="C0BOSAI")] == ["aoba-line"]
    assert accounts.accounts_for_channel(session=session, channel="C0NONE") == []


def _publish(session, screener, at: dt.datetime) -> None:
    draft = submit(session, screener, text=f"お知らせ {at.isoformat()}").draft
    approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    with time_machine.travel(at, tick=False):
        approval.mark_published(session=session, draft_id=draft.id, actor=OPERATOR, url="https://x.com/a/status/1")


def test_the_list_shows_state_password_age_and_posts_this_month(session, screener):
    make_account(session)  # aoba-x, password rotated 2026-04-01
    make_account(session, id="aoba-lapsed", plan_valid_until=dt.date(2026, 3, 31), password_rotated_on=None)
    make_account(session, id="aoba-frozen", password_rotated_on=dt.date(2026, 1, 1))
    incidents.open_incident(
        session=session, year=2026, type=IncidentType.HIJACK, opened_by="U0SEC1", account_id="aoba-frozen"
    )
    # Month boundaries are in Japan time: 2026-05-01 00:30 JST is still April in UTC.
    _publish(session, screener, dt.datetime(2026, 4, 30, 23, 30, tzinfo=JST))
    _publish(session, screener, dt.datetime(2026, 5, 1, 0, 30, tzinfo=JST))
    _publish(session, screener, dt.datetime(2026, 5, 8, 12, 0, tzinfo=JST))

    rows = {r.id: r for r in accounts.list_accounts(session=session, password_interval_days=90, tz=JST)}
    assert rows["aoba-x"].states == () and rows["aoba-x"].account.posts_this_month == 2
    assert rows["aoba-x"].password_age_days == 40 and not rows["aoba-x"].password_overdue
    assert rows["aoba-lapsed"].states == (AccountState.PLAN_LAPSED,)
    assert rows["aoba-lapsed"].password_age_days is None
    assert rows["aoba-frozen"].states == (AccountState.FROZEN,)
    assert rows["aoba-frozen"].account.open_incident_id == "INC-2026-0001"
    assert rows["aoba-frozen"].password_age_days == 130 and rows["aoba-frozen"].password_overdue

    table = accounts.format_table(list(rows.values()))
    lines = table.splitlines()
    assert lines[0].split() == [
        "アカウント",
        "媒体",
        "担当課",
        "運用管理責任者",
        "計画有効期限",
        "パスワード経過",
        "今月の投稿",
        "状態",
    ]
    by_id = {line.split()[0]: line for line in lines[2:]}
    assert by_id["aoba-x"].split()[-3:] == ["40日", "2件", "稼働中"]
    assert by_id["aoba-lapsed"].split()[-4:] == ["記録なし", "0件（目標", "1件）", "計画期限切れ"]
    assert "凍結中（INC-2026-0001）" in by_id["aoba-frozen"] and "130日（要変更）" in by_id["aoba-frozen"]


def test_the_table_columns_line_up_in_terminal_cells(session):
    make_account(session)
    make_account(session, id="aoba-kanko-instagram", platform="instagram", department="観光振興課")
    lines = accounts.format_table(accounts.list_accounts(session=session)).splitlines()
    # Every column starts at the same terminal cell on every line (wide characters count double).
    starts = {accounts._width(line[: line.index("2027-03-31")]) for line in lines[2:]}
    assert len(starts) == 1
    header_start = accounts._width(lines[0][: lines[0].index("計画有効期限")])
    assert starts == {header_start}


def test_an_empty_list_says_how_to_add_accounts(session):
    assert accounts.format_table(accounts.list_accounts(session=session)).startswith(
        "登録されているアカウントはありません。"
    )
