"""The Block Kit builders: valid for Slack (checked with the fake Slack's validators), and saying what the
staff need to see."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bot.blocks import to_dicts
from bot.incidents import blocks as b
from bot.incidents import handles, service
from handlers.ids import ActionId, BlockId, CallbackId
from storage.models import Account, IncidentType
from tests.bot.factories import MANAGER, NOW
from tests.incidents.conftest import PR, REPORTER, incident_report, open_incident
from tests.slack.fake_slack import check_blocks, check_view


def _text(blocks) -> str:
    out = []
    for block in to_dicts(blocks):
        for key in ("text",):
            if isinstance(block.get(key), dict):
                out.append(block[key]["text"])
        out += [f["text"] for f in block.get("fields") or []]
        for element in block.get("elements") or []:
            text = element.get("text")
            out.append(text["text"] if isinstance(text, dict) else text or "")
    return "\n".join(out)


def _buttons(blocks) -> list[tuple[str, str]]:
    out = []
    for block in to_dicts(blocks):
        elements = [*(block.get("elements") or []), *([block["accessory"]] if block.get("accessory") else [])]
        out += [(e["action_id"], e.get("value")) for e in elements if e.get("type") == "button"]
    return out


def _open(session, config, tz, kind=IncidentType.IMPERSONATION, **values):
    values.setdefault("note", "偽アカウント <!channel> を発見 & 報告")
    return open_incident(session, config, tz, incident_report(kind, **values))


@pytest.fixture
def presentation(config) -> b.Presentation:
    return b.Presentation.from_config(config)


def test_the_escalation_message_says_what_happened_who_leads_and_what_to_do_first(
    session, account, config, tz, presentation
):
    result = _open(session, config, tz)
    handle_text = b.describe_handle_match(result.handle_match, url=result.record.incident.url)

    blocks = b.build_escalation_blocks(result.record, presentation=presentation, handle_text=handle_text)

    assert check_blocks(to_dicts(blocks)) == []
    text = _text(blocks)
    assert "🚨 INC-2026-0001 なりすまし" in text
    assert "*主担当*\n広報（<#C0PR>）" in text
    assert "*アカウント*\njoetsu-x（x @joetsu_city）" in text
    assert f"*報告者*\n<@{REPORTER}>" in text
    assert "*報告日時*\n2026年5月11日 10:00" in text
    assert "*URL*\nhttps://x.com/joetsu_clty" in text
    # The reporter's note cannot mention @channel or break the markup.
    assert "偽アカウント &lt;!channel&gt; を発見 &amp; 報告" in text
    assert "公式アカウント @joetsu_city（joetsu-x）と 1 文字違いで、見分けにくい文字を使っています" in text
    assert "「i」が「l」" in text
    assert "X（旧 Twitter） のなりすまし報告窓口: <https://help.x.com/ja/forms/authenticity/impersonation|" in text
    assert "☐ 1. 運用管理責任者が広報・情報セキュリティ担当に報告する" in text
    assert "☐ 3. 市ホームページでなりすましについて周知する" in text and "4. 報道機関" not in text
    assert "終了するまで、アカウント「joetsu-x」の承認と公開の記録を止めます。" in text
    assert _buttons(blocks) == [(ActionId.INCIDENT_JOIN, "INC-2026-0001"), (ActionId.INCIDENT_CLOSE, "INC-2026-0001")]
    assert (
        b.escalation_text(result.record) == "【インシデント】INC-2026-0001 なりすまし（joetsu-x）: 主担当は広報です。"
    )


def test_the_other_offices_copy_links_to_the_lead_thread(session, account, config, tz, presentation):
    record = _open(session, config, tz, IncidentType.HIJACK).record

    blocks = b.build_escalation_blocks(record, presentation=presentation, lead_thread_link="https://t/lead")

    text = _text(blocks)
    assert "*主担当*\n情報セキュリティ（<#C0SEC>）" in text
    assert (
        "対応の手順と記録は、情報セキュリティのチャンネルのスレッドにあります: <https://t/lead|スレッドを開く>" in text
    )
    assert "なりすまし報告窓口" not in text


@pytest.mark.parametrize(("policy", "cited"), [("joetsu", ["上越市"]), ("default", ["上越市", "八代市", "十和田市"])])
def test_the_checklist_has_a_done_button_per_step_and_the_policys_citations(
    session, account, config, tz, policy, cited
):
    record = _open(session, config, tz, IncidentType.FLAMING).record
    presentation = dataclasses.replace(b.Presentation.from_config(config), policy=policy)

    blocks = b.build_checklist_blocks(record, presentation=presentation)

    assert check_blocks(to_dicts(blocks)) == []
    assert _buttons(blocks) == [
        (ActionId.INCIDENT_STEP_DONE, "INC-2026-0001|no-rebuttal"),
        (ActionId.INCIDENT_STEP_DONE, "INC-2026-0001|consult"),
        (ActionId.INCIDENT_STEP_DONE, "INC-2026-0001|decide-response"),
        (ActionId.INCIDENT_STEP_DONE, "INC-2026-0001|holding-post"),
        (ActionId.INCIDENT_STEP_DONE, "INC-2026-0001|suspend-posts"),
        (ActionId.INCIDENT_CLOSE, "INC-2026-0001"),
    ]
    text = _text(blocks)
    assert f"担当: 運用管理責任者 <@{MANAGER}>" in text
    assert "文案:\n>現在、ご指摘いただいている件について事実関係を確認しております。" in text
    for guideline in cited:
        assert guideline in text
    if policy == "joetsu":
        assert (
            "上越市ソーシャルメディアガイドライン 6(2)「いわゆる「炎上」した場合は、職員の判断による反論や抗弁は控え」"
            in text
        )
        assert "八代市" not in text


def test_a_done_step_shows_who_and_when_and_loses_its_button(session, account, config, tz, presentation):
    incident_id = _open(session, config, tz, IncidentType.FLAMING).record.id
    result = service.record_step(
        session=session,
        incident_id=incident_id,
        step_id="consult",
        user=MANAGER,
        at=NOW + dt.timedelta(minutes=25),
        tz=tz,
    )

    blocks = b.build_checklist_blocks(result.record, presentation=presentation)

    assert (
        "✅ *2. 運用管理責任者が広報・情報セキュリティ担当と協議する*\n"
        f"<@{MANAGER}> さんが 2026年5月11日 10:25 に完了（開始から 25分）" in _text(blocks)
    )
    assert (ActionId.INCIDENT_STEP_DONE, "INC-2026-0001|consult") not in _buttons(blocks)
    notice = b.step_done_text(result.record, "consult", tz=tz)
    assert notice == (
        f"✅ 手順 2「運用管理責任者が広報・情報セキュリティ担当と協議する」を <@{MANAGER}> さんが完了しました"
        "（2026年5月11日 10:25、開始から 25分）。残りの手順は 4 件です。"
    )


def test_a_closed_incident_has_no_buttons_left(session, account, config, tz, presentation):
    incident_id = _open(session, config, tz).record.id
    closed = service.close(
        session=session,
        incident_id=incident_id,
        actor=PR,
        summary="削除されました。",
        at=NOW + dt.timedelta(hours=2),
        tz=tz,
        config=config,
    ).record

    escalation = b.build_escalation_blocks(closed, presentation=presentation)
    checklist = b.build_checklist_blocks(closed, presentation=presentation)

    assert _buttons(escalation) == [] and _buttons(checklist) == []
    assert "✅ INC-2026-0001 なりすまし（終了）" in _text(escalation)
    assert f"2026年5月11日 12:00 に <@{PR}> さんが終了しました（対応時間 2時間）。" in _text(escalation)
    assert b.closed_text(closed, released=2, tz=tz) == (
        f"INC-2026-0001 を終了しました（<@{PR}> さん、対応時間 2時間）。アカウント「joetsu-x」の凍結を解除しました。"
        "保留していた下書き 2 件の承認依頼を再開しました。"
    )


def _account(index: int) -> Account:
    return Account(
        id=f"city-{index:03d}",
        platform="x",
        handle=f"@city_{index}",
        department="広報課",
        manager="U0MGR",
        drafts_channel="C0D",
        plan_valid_until=dt.date(2099, 3, 31),
    )


def test_the_report_modal_is_prefilled_with_what_could_be_read():
    accounts = [_account(i) for i in range(3)]
    prefill = b.Prefill(type=IncidentType.HIJACK, account_id="city-001", url="https://x.com/a", note="メモ")

    view = b.build_incident_modal(accounts, prefill=prefill, private_metadata=b.metadata(channel="C0X")).to_dict()

    assert check_view(view) == []
    assert view["callback_id"] == CallbackId.INCIDENT_MODAL
    inputs = {block["block_id"]: block["element"] for block in view["blocks"] if block["type"] == "input"}
    assert list(inputs) == [
        BlockId.INCIDENT_TYPE,
        BlockId.INCIDENT_ACCOUNT,
        BlockId.INCIDENT_URL,
        BlockId.INCIDENT_NOTE,
    ]
    assert inputs[BlockId.INCIDENT_TYPE]["initial_option"]["value"] == "hijack"
    assert inputs[BlockId.INCIDENT_ACCOUNT]["type"] == "static_select"
    assert inputs[BlockId.INCIDENT_ACCOUNT]["initial_option"]["value"] == "city-001"
    assert inputs[BlockId.INCIDENT_URL]["initial_value"] == "https://x.com/a"
    assert inputs[BlockId.INCIDENT_NOTE]["initial_value"] == "メモ"
    assert b.read_metadata(view["private_metadata"]) == {"channel": "C0X"}


def test_more_accounts_than_a_menu_holds_become_a_text_field():
    accounts = [_account(i) for i in range(b.STATIC_SELECT_OPTIONS_MAX + 1)]

    view = b.build_incident_modal(accounts, prefill=b.Prefill(account_id="city-050")).to_dict()

    assert check_view(view) == []
    account = next(block for block in view["blocks"] if block.get("block_id") == BlockId.INCIDENT_ACCOUNT)
    assert account["element"]["type"] == "plain_text_input"
    assert account["element"]["initial_value"] == "city-050"


def test_the_close_modal_asks_for_a_summary(session, account, config, tz):
    record = _open(session, config, tz).record

    view = b.build_close_modal(record, private_metadata=b.metadata(incident=record.id)).to_dict()

    assert check_view(view) == []
    assert view["callback_id"] == CallbackId.INCIDENT_CLOSE_MODAL
    assert [block.get("block_id") for block in view["blocks"]][-1] == BlockId.SUMMARY
    assert check_view(b.build_message_view("受け付けました", "x" * 5000).to_dict()) == []


@pytest.mark.parametrize(
    ("reported", "expected"),
    [
        ("joetsu_city", "公式アカウント @joetsu_city（joetsu-x）と同じハンドルです。"),
        ("j\u043eetsu_city", "見た目では区別できません（「o」が「\u043e」（キリル文字））"),
        ("joetsu_citty", "1 文字違いです（「t」が追加）"),
        ("joetsu_city_fake", "ハンドルに文字を加えた形です（「_fake」が追加）"),
        ("someone_else", "登録済みの公式アカウントとは似ていません（最も近いのは @joetsu_city、"),
    ],
)
def test_the_handle_comparison_is_explained(reported: str, expected: str):
    match = handles.closest(reported, [handles.OfficialHandle("joetsu-x", "x", "@joetsu_city")])

    assert expected in b.describe_handle_match(match, url=f"https://x.com/{reported}")


def test_a_url_without_a_handle_says_so():
    assert b.describe_handle_match(None, url="https://example.com/") == (
        "URL からアカウント名を読み取れなかったため、公式アカウントとの比較はしていません。"
    )
    assert b.describe_handle_match(None, url=None) is None
