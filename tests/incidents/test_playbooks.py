"""The playbooks file: complete, checked when loaded, and what the issue asks of each type."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from bot.incidents import playbooks
from rules.model import PLATFORMS
from storage.models import IncidentType

HOLDING_POST = (
    "現在、ご指摘いただいている件について事実関係を確認しております。確認ができ次第、改めてお知らせいたします。"
)


@pytest.fixture(scope="module")
def books() -> playbooks.Playbooks:
    return playbooks.load()


def test_every_type_has_a_playbook_led_by_the_right_office(books):
    assert {t: books.for_type(t).lead for t in IncidentType} == {
        IncidentType.FLAMING: "pr",
        IncidentType.IMPERSONATION: "pr",
        IncidentType.HIJACK: "infosec",
    }
    assert [books.for_type(t).label for t in IncidentType] == ["炎上", "なりすまし", "乗っ取り"]


def test_the_steps_are_what_the_guidelines_prescribe(books):
    steps = {t: [s.id for s in books.for_type(t).steps] for t in IncidentType}
    assert steps == {
        IncidentType.FLAMING: ["no-rebuttal", "consult", "decide-response", "holding-post", "suspend-posts"],
        IncidentType.IMPERSONATION: ["report", "platform-takedown", "website-notice", "press"],
        IncidentType.HIJACK: ["secure-login", "revoke-apps", "review-posts", "notify-followers"],
    }
    flaming = books.for_type(IncidentType.FLAMING)
    assert flaming.step("holding-post").template == HOLDING_POST
    assert flaming.step("holding-post").render_template(organization="上越市", handle="@x", url=None) == HOLDING_POST


def test_every_step_quotes_every_guideline_and_default_shows_them_all(books):
    for incident_type in IncidentType:
        for step in books.for_type(incident_type).steps:
            assert step.owner in {"manager", "pr", "infosec"}
            for policy in playbooks.GUIDELINE_POLICIES:
                assert [p for p, _ in step.citations_for(policy)] == [policy] * len(step.citations[policy])
            assert {p for p, _ in step.citations_for("default")} == set(playbooks.GUIDELINE_POLICIES)


def test_the_joetsu_flaming_steps_cite_6_2(books):
    cited = {s.id: [c.clause for _, c in s.citations_for("joetsu")] for s in books.for_type("flaming").steps}
    assert cited["no-rebuttal"] == ["6(2)"] and cited["holding-post"] == ["6(2)"]
    yatsushiro = books.for_type("impersonation").step("report").citations_for("yatsushiro")
    assert [c.clause for _, c in yatsushiro] == ["トラブル対応(4)"]
    towada = books.for_type("flaming").step("suspend-posts").citations_for("towada")
    assert [c.clause for _, c in towada] == ["5(3)"]


def test_every_platform_has_an_https_impersonation_report_route(books):
    assert set(books.impersonation_report_routes) == set(PLATFORMS)
    for platform in PLATFORMS:
        route = books.route(platform)
        assert route.url.startswith("https://") and route.service and route.in_app
    assert books.route(None) is None


def _data() -> dict:
    return yaml.safe_load(playbooks.PLAYBOOKS_PATH.read_text(encoding="utf-8"))


def _refused(data: dict) -> str:
    with pytest.raises(ValidationError) as raised:
        playbooks.Playbooks.model_validate(data)
    return str(raised.value)


def test_a_step_without_a_citation_for_a_policy_is_refused():
    data = _data()
    del data["playbooks"]["flaming"]["steps"][0]["citations"]["towada"]
    assert "citations missing for ['towada']" in _refused(data)


def test_an_owner_nobody_can_be_reminded_as_is_refused():
    data = _data()
    data["playbooks"]["hijack"]["steps"][0]["owner"] = "mayor"
    assert "owner" in _refused(data)


def test_a_missing_playbook_or_route_is_refused():
    data = _data()
    del data["playbooks"]["hijack"]
    assert "expected" in _refused(data)
    data = _data()
    del data["impersonation_report_routes"]["tiktok"]
    assert "report routes" in _refused(data)


def test_duplicate_step_ids_and_unknown_template_fields_are_refused():
    data = _data()
    steps = data["playbooks"]["flaming"]["steps"]
    steps[1]["id"] = steps[0]["id"]
    assert "duplicate step ids" in _refused(data)
    data = _data()
    data["playbooks"]["flaming"]["steps"][3]["template"] = "{mayor} が確認中です"
    assert "unknown placeholders" in _refused(data)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("炎上", IncidentType.FLAMING),
        ("flaming", IncidentType.FLAMING),
        ("FLAMING", IncidentType.FLAMING),
        ("ｆｌａｍｉｎｇ", IncidentType.FLAMING),
        ("なりすまし", IncidentType.IMPERSONATION),
        ("成りすまし", IncidentType.IMPERSONATION),
        ("impersonation", IncidentType.IMPERSONATION),
        ("乗っ取り", IncidentType.HIJACK),
        ("hijack", IncidentType.HIJACK),
        ("spam", None),
        ("", None),
    ],
)
def test_types_are_read_in_japanese_and_english(written: str, expected):
    assert playbooks.parse_type(written) == expected
