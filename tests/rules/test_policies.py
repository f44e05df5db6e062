"""Policy packs cite their guideline faithfully and the default pack is the strictest union."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rules import Engine, Settings, Severity
from rules.model import Category
from rules.policy import PACKS, POLICY_NAMES, PolicyError, UnionPolicy, load_policy
from rules.registry import REGISTRY

GUIDELINES = Path(__file__).resolve().parents[3] / "shared" / "guidelines"

Engine(Settings())  # registers every rule


def _squash(text: str) -> str:
    return re.sub(r"[\s　・、。「」『』（）()]", "", text)


@pytest.mark.parametrize("name", PACKS)
def test_every_category_is_mapped(name: str):
    policy = load_policy(name)
    assert set(policy.categories) == set(Category)


@pytest.mark.parametrize("name", PACKS)
def test_quoted_clauses_appear_in_the_guideline(name: str):
    path = GUIDELINES / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"the guideline text is not on this machine ({path}); it lives in ../shared")
    source = _squash(path.read_text(encoding="utf-8"))
    policy = load_policy(name)
    for key, quote in policy.clauses.items():
        if key.startswith("@"):
            continue
        # A quote may join excerpts with "…" and end with a bracketed gloss (the clause's heading).
        for part in re.sub(r"（[^）]*）$", "", quote).split("…"):
            assert _squash(part) in source, f"{name} {key}: {part!r} is not in the guideline"


def test_default_is_the_strictest_union():
    default = load_policy("default")
    assert isinstance(default, UnionPolicy)
    for rule in REGISTRY:
        severities = [s for p in PACKS if (s := load_policy(p).severity_of(rule)) is not None]
        resolved = default.resolve(rule)
        assert resolved is not None
        assert resolved[0] == Severity.strictest(*severities)


def test_only_joetsu_blocks_shorteners_outright():
    shortener_rules = [r for r in REGISTRY if r.category is Category.SHORTENER]
    if not shortener_rules:
        pytest.skip("no shortener rule registered yet")
    r = shortener_rules[0]
    assert load_policy("joetsu").resolve(r)[0] is Severity.BLOCK
    for name in ("towada", "yatsushiro", "honjo", "tatsuno"):
        assert load_policy(name).resolve(r)[0] is Severity.WARN
    assert "joetsu" in load_policy("default").resolve(r)[1]


def test_unknown_policy_is_refused():
    with pytest.raises(PolicyError):
        load_policy("kyoto")
    assert "default" in POLICY_NAMES


def test_citations_name_the_pack_and_quote_the_clause():
    engine = Engine(Settings(policy="tatsuno"))
    for rule, _severity, citation in engine.rules:
        if rule.category is Category.LENGTH:
            continue
        assert citation.startswith("tatsuno "), citation
        assert "「" in citation
