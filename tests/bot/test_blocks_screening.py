"""The screening reply's builders are pure and always produce what Slack accepts: checked with the fake
Slack's `check_blocks` (slack_sdk's own models plus Slack's message limits), whatever the findings."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.blocks import approval as ui
from bot.blocks import escape, escaped, to_dicts, value_from_block_id
from bot.blocks.screening import DETAILED_FINDINGS_MAX, build_screening_blocks, highlighted_excerpt
from handlers.ids import ActionId, BlockId, CallbackId
from rules import Category, Finding, Severity, Verdict
from rules.model import verdict_of
from storage.models import DraftState
from tests.slack.fake_slack import check_blocks, check_view

TEXT = "来週の市民まつりについて、お問い合わせは担当の山田さん（090-1234-5678）までお願いします。"
HASH = "ab" * 32
PHONE = TEXT.index("090")


def finding(
    start: int = PHONE,
    end: int = PHONE + 13,
    severity: Severity = Severity.WARN,
    category: Category = Category.PERSONAL_INFO,
    **kw,
) -> Finding:
    values = dict(
        rule="PII003",
        category=category,
        severity=severity,
        start=start,
        end=end,
        excerpt=TEXT[start:end],
        message="私人の電話番号が含まれています。",
        fix="本人の同意を確認するか、削除してください。",
        citation="上越市ガイドライン 5(3)",
    )
    values.update(kw)
    return Finding(**values)


def view(state: DraftState = DraftState.AWAITING_APPROVAL, findings: tuple[Finding, ...] = (), **kw) -> ui.DraftView:
    values = dict(
        draft_id=42,
        author="U0OP1",
        account_id="aoba-x",
        platform="x",
        text=TEXT,
        verdict=verdict_of(findings),
        findings=findings,
        content_hash=HASH,
        state=state,
        manager="U0MGR",
        deputies=("U0DEP",),
    )
    values.update(kw)
    return ui.DraftView(**values)


def texts(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_the_excerpt_is_highlighted_in_its_context():
    assert highlighted_excerpt(finding(), TEXT) == "…合わせは担当の山田さん（【090-1234-5678】）までお願いします。"


def test_the_excerpt_falls_back_to_the_findings_own_when_offsets_do_not_fit():
    assert highlighted_excerpt(finding(start=500, end=510, excerpt="a<b"), TEXT) == "【a&lt;b】"


def test_mrkdwn_from_users_and_rules_is_escaped():
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    assert escaped("&&&&", 6) == "&amp;…"  # never half an entity


@pytest.mark.parametrize("verdict", list(Verdict))
def test_each_verdict_renders_valid_blocks_with_its_label(verdict: Verdict):
    severity = {Verdict.PASS: Severity.INFO, Verdict.WARN: Severity.WARN, Verdict.BLOCK: Severity.BLOCK}[verdict]
    blocks = to_dicts(build_screening_blocks(verdict=verdict, findings=[finding(severity=severity)], text=TEXT))

    assert check_blocks(blocks) == []
    assert verdict.label in blocks[0]["text"]["text"]
    assert ("このままでは承認に進めません" in texts(blocks)) is (verdict == Verdict.BLOCK)


def test_a_finding_shows_excerpt_message_fix_and_citation():
    section = to_dicts(build_screening_blocks(verdict=Verdict.WARN, findings=[finding()], text=TEXT))[2]

    text = section["text"]["text"]
    for part in ("要確認｜個人情報", "`PII003`", "【090-1234-5678】", "私人の電話番号", "*修正案：*", "根拠：上越市"):
        assert part in text


def test_user_text_cannot_mention_or_link():
    hostile = "<!channel> <@U0MGR> <https://evil.example|公式>"
    f = finding(start=0, end=len(hostile), excerpt=hostile, message=hostile, fix=hostile, citation=hostile)
    blocks = to_dicts(build_screening_blocks(verdict=Verdict.WARN, findings=[f], text=hostile))

    rendered = texts(blocks)
    assert "<!channel>" not in rendered and "<@U0MGR>" not in rendered and "<https://" not in rendered


def test_many_findings_are_summarised_by_category_and_stay_within_slacks_limits():
    many = tuple(
        finding(start=i % 40, end=i % 40 + 3, category=list(Category)[i % len(Category)], rule=f"R{i:03d}")
        for i in range(300)
    )

    blocks = to_dicts(ui.build_reply_blocks(view(findings=many)))

    assert check_blocks(blocks) == []
    sections = [b for b in blocks if b["type"] == "section" and "`R" in b["text"]["text"]]
    assert len(sections) == DETAILED_FINDINGS_MAX
    assert "ほかに 290 件の指摘があります" in texts(blocks)
    assert "誹謗中傷・侮辱" in texts(blocks)


def test_the_most_severe_findings_come_first():
    findings = [finding(severity=Severity.INFO, rule="I"), finding(severity=Severity.BLOCK, rule="B")]

    blocks = to_dicts(build_screening_blocks(verdict=Verdict.BLOCK, findings=findings, text=TEXT))

    assert "`B`" in blocks[2]["text"]["text"] and "`I`" in blocks[3]["text"]["text"]


def test_huge_texts_are_cut_to_fit():
    huge = "長" * 10_000
    f = finding(message=huge, fix=huge, citation=huge, excerpt=huge, start=0, end=10_000)

    blocks = to_dicts(ui.build_reply_blocks(view(findings=(f,), text=huge)))

    assert check_blocks(blocks) == []


# ------------------------------------------------------------------ the approval part


def _actions(blocks: list[dict]) -> list[dict]:
    return [b for b in blocks if b["type"] == "actions"]


def test_the_approval_request_carries_the_draft_id_and_the_content_hash():
    blocks = to_dicts(ui.build_reply_blocks(view()))

    assert check_blocks(blocks) == []
    (actions,) = _actions(blocks)
    assert value_from_block_id(actions["block_id"], BlockId.APPROVAL_ACTIONS) == HASH
    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [
        (ActionId.DRAFT_APPROVE, "42"),
        (ActionId.DRAFT_REQUEST_CHANGES, "42"),
        (ActionId.DRAFT_REJECT, "42"),
    ]
    assert "<@U0MGR> さん（代理：<@U0DEP> さん）" in texts(blocks)
    assert "<@U0MGR>" in ui.build_reply_text(view())


def test_warnings_add_a_tick_box_bound_to_the_content_hash():
    blocks = to_dicts(ui.build_reply_blocks(view(findings=(finding(),))))

    tick, buttons = _actions(blocks)
    assert value_from_block_id(tick["block_id"], BlockId.WARNINGS_ACK) == HASH
    assert tick["elements"][0]["action_id"] == ActionId.DRAFT_ACCEPT_WARNINGS
    assert buttons["elements"][0]["action_id"] == ActionId.DRAFT_APPROVE


WHEN = dt.datetime(2026, 5, 11, 1, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("state", "extra", "expected", "actions"),
    [
        (DraftState.SCREENED, {}, None, []),
        (DraftState.ON_HOLD, {"incident_id": "INC-2026-0001"}, "INC-2026-0001 の対応中", []),
        (
            DraftState.APPROVED,
            {"decided_by": "U0MGR", "decided_at": WHEN, "accepted_warnings": ("PII003",)},
            "<@U0MGR> さんが 2026年5月11日 10:30 に承認しました。（「要確認」の指摘 1 件を確認済み）",
            [ActionId.DRAFT_MARK_PUBLISHED],
        ),
        (
            DraftState.CHANGES_REQUESTED,
            {"decided_by": "U0DEP", "decided_at": WHEN, "decision_reason": "日付を <確認> して"},
            "*理由：* 日付を &lt;確認&gt; して",
            [],
        ),
        (
            DraftState.REJECTED,
            {"decided_by": "U0DEP", "decided_at": WHEN, "decision_reason": "不要"},
            "却下しました",
            [],
        ),
        (
            DraftState.PUBLISHED,
            {"published_by": "U0OP1", "published_at": WHEN, "published_url": "https://x.com/a/status/1"},
            "公開済みとして記録しました：<https://x.com/a/status/1>",
            [],
        ),
        (DraftState.VOIDED, {}, "承認は取り消されました", []),
        (DraftState.WITHDRAWN, {}, "取り下げました", []),
        (DraftState.EXPIRED, {}, "期限が過ぎた", []),
    ],
)
def test_every_state_draws_valid_blocks(state, extra, expected, actions):
    blocks = to_dicts(ui.build_reply_blocks(view(state, **extra)))

    assert check_blocks(blocks) == []
    assert [e["action_id"] for a in _actions(blocks) for e in a["elements"]] == actions
    if expected:
        assert expected in texts(blocks)
    assert ui.build_reply_text(view(state, **extra))


def test_the_account_picker_has_one_button_per_account_with_source_and_account():
    choices = [ui.AccountChoice(account_id=f"acct-{i}", platform="x") for i in range(25)]

    blocks = to_dicts(ui.build_account_picker_blocks(author="U0OP1", source_ts="1.000100", accounts=choices))

    assert check_blocks(blocks) == []
    values = [e["value"] for a in _actions(blocks) for e in a["elements"]]
    assert len(values) == ui.PICKER_ACCOUNTS_MAX and values[0] == "1.000100|acct-0"
    assert ui.parse_picker_value(values[3]) == ("1.000100", "acct-3")


@pytest.mark.parametrize(
    ("build", "callback_id"),
    [
        (ui.build_request_changes_modal, CallbackId.REQUEST_CHANGES_MODAL),
        (ui.build_reject_modal, CallbackId.REJECT_MODAL),
        (ui.build_mark_published_modal, CallbackId.MARK_PUBLISHED_MODAL),
    ],
)
def test_the_decision_modals_are_valid_and_remember_the_click(build, callback_id):
    metadata = ui.modal_metadata(draft_id=42, content_hash=HASH, channel="C0DRAFTS", message_ts="1.2", thread_ts="1.1")

    modal = build(draft_id=42, account_id="aoba-x", metadata=metadata).to_dict()

    assert check_view(modal) == []
    assert modal["callback_id"] == callback_id
    assert ui.parse_modal_metadata(modal["private_metadata"])["hash"] == HASH


_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400)


@st.composite
def findings_and_text(draw):
    text = draw(st.text(min_size=1, max_size=600))
    items = []
    for _ in range(draw(st.integers(0, 40))):
        start = draw(st.integers(0, len(text) + 5))
        end = draw(st.integers(start, start + 50))
        items.append(
            Finding(
                rule=draw(st.text(min_size=1, max_size=60)),
                category=draw(st.sampled_from(list(Category))),
                severity=draw(st.sampled_from(list(Severity))),
                start=start,
                end=end,
                excerpt=draw(_text),
                message=draw(_text),
                fix=draw(st.none() | _text),
                citation=draw(_text),
            )
        )
    return text, tuple(items)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(findings_and_text(), st.sampled_from(list(DraftState)))
def test_any_report_in_any_state_fits_in_one_message(data, state):
    text, findings = data
    blocks = to_dicts(
        ui.build_reply_blocks(
            view(
                state,
                findings=findings,
                text=text,
                decided_by="U0MGR",
                decided_at=WHEN,
                decision_reason=text,
                published_url="https://x.com/" + text[:50],
            )
        )
    )

    assert check_blocks(blocks) == []
    assert len(ui.build_reply_text(view(state, findings=findings))) <= 3000
