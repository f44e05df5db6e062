from pathlib import Path

from rules.docs import render_rules_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_generated_rules_doc_is_up_to_date():
    assert DOCS.exists(), "run: python -m rules docs --output docs/rules.md"
    assert DOCS.read_text(encoding="utf-8") == render_rules_markdown(), (
        "docs/rules.md is stale; run: python -m rules docs --output docs/rules.md"
    )
