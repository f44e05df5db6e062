"""The Home tab builder: a pure function, checked against Slack's limits without a server."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from bot.blocks.home import build_home_blocks, build_home_view
from bot.home import HomeAccount, HomeData, HomeDraft, HomeIncident, Role
from storage.models import DraftState, IncidentType
from tests.slack.fake_slack import check_view

JST = zoneinfo.ZoneInfo("Asia/Tokyo")
NOW = dt.datetime(2026, 5, 11, 1, 0, tzinfo=dt.UTC)  # 10:00 in Tokyo


def _draft(i: int, *, state: DraftState = DraftState.AWAITING_APPROVAL, snippet: str = "お知らせです。") -> HomeDraft:
    return HomeDraft(
        id=i,
        account_id="joetsu-x",
        author="U0OP1",
        state=state,
        verdict="warn",
        snippet=snippet,
        created_at=NOW,
        updated_at=NOW,
        planned_at=dt.datetime(2026, 5, 12, 0, 30, tzinfo=dt.UTC),
        waiting_since=dt.datetime(2026, 5, 10, 23, 15, tzinfo=dt.UTC),
        channel="C0DRAFTS",
    )


def _account(i: int = 0, **overrides) -> HomeAccount:
    values = dict(
        id=f"acct-{i:03d}",
        platform="x",
        handle="@joetsu_city",
        department="広報対話課",
        roles=(Role.MANAGER,),
        plan_valid_until=dt.date(2027, 3, 31),
        plan_lapsed=False,
        plan_expiring=False,
        password_rotated_on=dt.date(2026, 4, 1),
        password_age_days=40,
        password_overdue=False,
        posts_this_month=3,
        min_posts_per_month=1,
        open_incident_id=None,
    )
    values.update(overrides)
    return HomeAccount(**values)


def _incident(i: int) -> HomeIncident:
    return HomeIncident(
        id=f"INC-2026-{i:04d}",
        type=IncidentType.FLAMING,
        account_id="joetsu-x",
        opened_at=NOW,
        opened_by="U0PR1",
    )


def _text(blocks) -> str:
    out = []
    for block in (b.to_dict() for b in blocks):
        if isinstance(block.get("text"), dict):
            out.append(block["text"]["text"])
        out.extend(e.get("text", "") for e in block.get("elements") or [] if isinstance(e, dict))
    return "\n".join(out)


def test_an_empty_tab_explains_each_section_politely():
    view = build_home_view(HomeData(user_id="U0NEW", now=NOW), tz=JST).to_dict()

    assert view["type"] == "home" and check_view(view) == []
    text = _text(build_home_blocks(HomeData(user_id="U0NEW", now=NOW), tz=JST))
    for expected in (
        "あなたの承認を待っている下書きはありません。",
        "あなたが作成した下書きはまだありません。",
        "あなたが担当者として登録されているアカウントはありません。",
        "対応中のインシデントはありません。",
        "2026年5月11日 10:00 現在・日本時間",
    ):
        assert expected in text


def test_dates_are_shown_in_tokyo_time_and_states_in_japanese():
    data = HomeData(
        user_id="U0MGR",
        now=NOW,
        awaiting=(_draft(7),),
        awaiting_total=1,
        my_drafts=(_draft(8, state=DraftState.CHANGES_REQUESTED),),
        my_drafts_total=3,
        my_state_counts={DraftState.CHANGES_REQUESTED: 1, DraftState.PUBLISHED: 2},
    )

    text = _text(build_home_blocks(data, tz=JST))

    assert "承認依頼: 2026年5月11日 08:15" in text  # 23:15 UTC the day before
    assert "投稿予定: 2026年5月12日 09:30" in text
    assert "状態: *承認待ち*" in text and "状態: *修正依頼中*" in text
    assert "修正依頼中 1 件・公開済み 2 件" in text
    assert "判定: 要確認の指摘あり" in text


def test_account_health_is_spelled_out():
    data = HomeData(
        user_id="U0MGR",
        now=NOW,
        accounts=(
            _account(1, plan_lapsed=True, password_age_days=120, password_overdue=True, posts_this_month=0),
            _account(2, plan_expiring=True, password_age_days=None, open_incident_id="INC-2026-0003"),
            _account(3, roles=(Role.DEPUTY, Role.OPERATOR)),
        ),
        accounts_total=3,
    )

    text = _text(build_home_blocks(data, tz=JST, password_interval_days=90))

    assert "期限切れ（承認・投稿できません）" in text
    assert "120 日前に変更（90 日ごとの変更時期を過ぎています）" in text
    assert "今月の投稿: :warning: 0 件（目標は月 1 件以上）" in text
    assert "更新時期です" in text and "変更の記録がありません" in text
    assert "インシデント INC-2026-0003 の対応中" in text
    assert "あなたの役割: 代理承認者・投稿担当者" in text


def test_user_text_is_escaped_and_cut():
    data = HomeData(
        user_id="U0MGR",
        now=NOW,
        awaiting=(_draft(1, snippet="<!channel> 緊急 & 重要 " + "長" * 100),),
        awaiting_total=1,
        accounts=(_account(department="<@U0EVIL>"),),
        accounts_total=1,
    )

    text = _text(build_home_blocks(data, tz=JST))

    assert "<!channel>" not in text and "&lt;!channel&gt; 緊急 &amp; 重要" in text
    assert "<@U0EVIL>" not in text
    assert "長" * 60 not in text and "…" in text


def test_long_lists_are_summarised_under_100_blocks():
    data = HomeData(
        user_id="U0PR1",
        now=NOW,
        awaiting=tuple(_draft(i, snippet="長" * 3000) for i in range(200)),
        awaiting_total=500,
        my_drafts=tuple(_draft(i, state=DraftState.REJECTED) for i in range(200)),
        my_drafts_total=300,
        my_state_counts={s: 30 for s in DraftState},
        accounts=tuple(_account(i, department="課" * 3000) for i in range(200)),
        accounts_total=1000,
        incidents=tuple(_incident(i) for i in range(200)),
        incidents_total=250,
        sees_all_incidents=True,
    )

    view = build_home_view(data, tz=JST).to_dict()

    assert check_view(view) == [] and len(view["blocks"]) <= 100
    text = _text(build_home_blocks(data, tz=JST))
    assert "ほか 490 件あります" in text and "ほか 290 件あります" in text
    assert "ほか 985 件のアカウント" in text and "ほか 240 件あります" in text
    assert "すべてのインシデント" in text
