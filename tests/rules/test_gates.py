"""Rule gates only skip work: a gated engine reports exactly what an ungated one does."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bench.corpus import posts
from rules import Draft, Engine, Settings
from rules.features import Features, GateError, check_gate
from rules.registry import REGISTRY, Example
from rules.text import Analysis

GATED = Engine(Settings(policy="default"))
UNGATED = Engine(Settings(policy="default"), gates=False)
DEV_SET = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "dev_posts.jsonl"


def _draft(example: Example) -> Draft:
    return Draft(
        text=example.text,
        platform=example.platform,
        at=dt.datetime.fromisoformat(example.at) if example.at else None,
        recent_posts=example.recent,
    )


def _examples() -> list[Draft]:
    return [_draft(e) for r in REGISTRY for e in (*r.matches, *r.passes)]


def test_some_rules_are_gated():
    assert any(r.when for r in REGISTRY)


@pytest.mark.parametrize("rule", [r for r in REGISTRY if r.when], ids=lambda r: r.code)
def test_gate_admits_every_example_the_rule_must_flag(rule):
    for e in rule.matches:
        draft = _draft(e)
        features = Features(Analysis(draft.text), GATED.lex, draft)
        assert features.admits(rule.when), f"{rule.code}'s gate {sorted(rule.when.names)} skips {e.text!r}"


def test_gates_name_existing_lexicon_sets():
    for r in REGISTRY:
        for name in r.when.names if r.when else ():
            if name.startswith("set:"):
                assert name[4:] in GATED.lex.sets, f"{r.code}: no lexicon set {name[4:]!r}"


@pytest.mark.parametrize(
    "when",
    [(), ("lexicon:x",), ("char:emoji",), ("draft:author",), ("text:ABC",), ("set:",)],
)
def test_malformed_gates_are_refused(when):
    with pytest.raises(GateError):
        check_gate("XXX001", when)


def _same(drafts: list[Draft]) -> None:
    for d in drafts:
        assert GATED.screen(d) == UNGATED.screen(d), f"gates changed the report of {d.text[:60]!r}"


def test_gated_engine_reports_the_same_on_every_rule_example():
    _same(_examples())


def test_gated_engine_reports_the_same_on_generated_posts():
    _same([Draft(text=t, platform="x") for t in posts(600, seed=5)])


@pytest.mark.skipif(not DEV_SET.exists(), reason="../shared/data/dev_posts.jsonl is not on this machine")
def test_gated_engine_reports_the_same_on_the_development_set():
    lines = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    _same(
        [
            Draft(
                text=d["text"],
                platform=d.get("platform"),
                at=dt.datetime.fromisoformat(d["at"]) if d.get("at") else None,
            )
            for d in lines
        ]
    )
