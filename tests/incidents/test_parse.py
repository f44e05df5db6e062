"""Reading ``/sns-incident`` arguments (CONTRACTS §6): what is understood, and what is explained."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.incidents.slack import parse_arguments
from storage.models import Account, IncidentType

ACCOUNTS = [
    Account(
        id=account_id,
        platform=platform,
        handle=handle,
        department="広報対話課",
        manager="U0MGR",
        deputies=[],
        operators=[],
        drafts_channel="C0DRAFTS",
        plan_valid_until=dt.date(2099, 3, 31),
    )
    for account_id, platform, handle in (("joetsu-x", "x", "@joetsu_city"), ("joetsu-line", "line", "@joetsu"))
]


def parse(text: str):
    return parse_arguments(text, ACCOUNTS)


def test_no_arguments_opens_the_modal_and_help_explains():
    assert parse("").action == "modal"
    assert parse("   ").action == "modal"
    assert parse("help").action == "help"
    assert parse("ヘルプ").action == "help"


def test_the_issues_example_is_a_complete_report():
    parsed = parse("なりすまし joetsu-x https://x.com/joetsu_clty 偽アカウントを発見")

    assert parsed.action == "open" and parsed.problems == ()
    assert parsed.prefill.type == IncidentType.IMPERSONATION
    assert parsed.prefill.account_id == "joetsu-x"
    assert parsed.prefill.url == "https://x.com/joetsu_clty"
    assert parsed.prefill.note == "偽アカウントを発見"


@pytest.mark.parametrize(
    ("text", "incident_type", "url", "note"),
    [
        ("flaming joetsu-x", IncidentType.FLAMING, None, None),
        ("炎上 joetsu-x 昨日の投稿に批判が殺到", IncidentType.FLAMING, None, "昨日の投稿に批判が殺到"),
        ("HIJACK @joetsu_city", IncidentType.HIJACK, None, None),
        ("乗っ取り\u3000joetsu-x\u3000身に覚えのない投稿", IncidentType.HIJACK, None, "身に覚えのない投稿"),
        (
            "impersonation joetsu-x <https://x.com/joetsu_clty|x.com/joetsu_clty> 偽物  です",
            IncidentType.IMPERSONATION,
            "https://x.com/joetsu_clty",
            "偽物  です",
        ),
        (
            "炎上 joetsu-x https://x.com/joetsu_city/status/1",
            IncidentType.FLAMING,
            "https://x.com/joetsu_city/status/1",
            None,
        ),
    ],
)
def test_reports_in_japanese_or_english_with_or_without_url_and_note(text, incident_type, url, note):
    parsed = parse(text)

    assert parsed.action == "open", parsed.problems
    assert (parsed.prefill.type, parsed.prefill.account_id, parsed.prefill.url, parsed.prefill.note) == (
        incident_type,
        "joetsu-x",
        url,
        note,
    )


def test_an_unknown_type_is_explained_and_the_rest_prefilled():
    parsed = parse("spam joetsu-x https://x.com/a")

    assert parsed.action == "fix"
    assert parsed.problems == (
        "種類「spam」は受け付けていません。炎上（flaming）・なりすまし（impersonation）・乗っ取り（hijack）のいずれかを指定してください。",
    )
    assert (parsed.prefill.type, parsed.prefill.account_id, parsed.prefill.url) == (None, "joetsu-x", "https://x.com/a")


def test_an_unknown_account_names_the_registered_ones():
    parsed = parse("炎上 joetsu-y")

    assert parsed.action == "fix"
    assert parsed.problems == (
        "アカウント「joetsu-y」は登録されていません。登録済みのアカウント: joetsu-x、joetsu-line",
    )
    assert parsed.prefill.type == IncidentType.FLAMING and parsed.prefill.account_id is None


def test_a_missing_account_is_asked_for_and_a_url_in_its_place_is_kept():
    parsed = parse("なりすまし https://x.com/joetsu_clty")

    assert parsed.action == "fix"
    assert parsed.problems == ("対象の公式アカウントを、アカウント ID（例: joetsu-x）で指定してください。",)
    assert parsed.prefill.url == "https://x.com/joetsu_clty"


@pytest.mark.parametrize("bad", ["x.com/joetsu_clty", "htp://x.com/a", "https://", "www.example"])
def test_a_url_that_is_not_a_url_is_explained_and_kept_for_correction(bad: str):
    parsed = parse(f"炎上 joetsu-x {bad} 内容")

    assert parsed.action == "fix"
    assert parsed.problems == (
        f"「{bad}」は URL として読み取れませんでした。https:// で始まる URL を、空白を入れずに指定してください。",
    )
    assert parsed.prefill.url == bad and parsed.prefill.note == "内容"


def test_an_impersonation_without_a_url_asks_for_it():
    parsed = parse("なりすまし joetsu-x 偽アカウントを見つけました")

    assert parsed.action == "fix"
    assert parsed.problems == ("なりすましの報告には、偽のアカウントまたはその投稿の URL が必要です。",)
    assert parsed.prefill.note == "偽アカウントを見つけました"


def test_several_problems_are_listed_together():
    parsed = parse("spam nowhere x.com/a")

    assert len(parsed.problems) == 3


@pytest.mark.parametrize(
    ("text", "action", "incident_id", "summary"),
    [
        ("close INC-2026-0001 削除を確認しました", "close", "INC-2026-0001", "削除を確認しました"),
        ("close inc-2026-0001", "close", "INC-2026-0001", None),
        ("終了 INC-2026-0012 対応完了", "close", "INC-2026-0012", "対応完了"),
        ("close", "close_usage", None, None),
        ("close 2026-0001", "close_usage", None, None),
    ],
)
def test_close_reads_the_incident_id_and_the_summary(text, action, incident_id, summary):
    parsed = parse(text)

    assert (parsed.action, parsed.incident_id, parsed.summary) == (action, incident_id, summary)
    if action == "close_usage":
        assert parsed.problems[-1].startswith("終了するインシデントの ID を")
