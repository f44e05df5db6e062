"""Every clause the playbooks quote is really in that municipality's guideline.

The guideline texts are in ../shared/guidelines/, which is not part of the product: without it this test
is skipped (with the reason). Comparison ignores whitespace (the texts break lines mid-sentence) and
folds full-width forms (NFKC), nothing else.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from bot.incidents import playbooks
from tests.conftest import SHARED

GUIDELINES = SHARED / "guidelines"

pytestmark = pytest.mark.skipif(
    not GUIDELINES.is_dir(), reason=f"the guideline texts ({GUIDELINES}) are not on this machine"
)


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _quotes() -> list[tuple[str, str, str, str]]:
    books = playbooks.load()
    return [
        (incident_type.value, step.id, policy, citation.quote)
        for incident_type, playbook in books.playbooks.items()
        for step in playbook.steps
        for policy, citations in step.citations.items()
        for citation in citations
    ]


@pytest.mark.parametrize(("incident_type", "step", "policy", "quote"), _quotes())
def test_the_quote_is_in_the_guideline(incident_type: str, step: str, policy: str, quote: str):
    text = _normal((GUIDELINES / f"{policy}.txt").read_text(encoding="utf-8"))
    assert _normal(quote) in text, f"{incident_type}/{step}: not in {policy}.txt: {quote}"


def test_the_clauses_the_issue_names_are_quoted():
    books = playbooks.load()
    joetsu = _normal((GUIDELINES / "joetsu.txt").read_text(encoding="utf-8"))
    # The body's 6(2), not the table of contents: from its last heading to chapter 7.
    start = joetsu.rindex(_normal("(2) トラブル等への対応"))
    section = joetsu[start : joetsu.index(_normal("7 私的利用時"), start)]
    # joetsu 6(2): the flaming and impersonation steps quote that section, not another.
    for incident_type in ("flaming", "impersonation"):
        for step in books.for_type(incident_type).steps:
            for citation in step.citations["joetsu"]:
                if citation.clause == "6(2)":
                    assert _normal(citation.quote) in section, (incident_type, step.id)
    yatsushiro = _normal((GUIDELINES / "yatsushiro.txt").read_text(encoding="utf-8"))
    trouble = yatsushiro[yatsushiro.index("トラブル対応") :]
    for step in books.for_type("flaming").steps:
        for citation in step.citations["yatsushiro"]:
            if citation.clause.startswith("トラブル対応"):
                assert _normal(citation.quote) in trouble, step.id
