"""Rule gates only skip work: a gated engine reports exactly what an ungated one does."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bench.corpus import posts
from rules import Draft, Engine, Settings
from rules.features import Features, GateError, GateIndex, check_gate
from rules.lexicon import Pattern
from rules.registry import REGISTRY
from rules.text import Analysis
from tests.rules.examples import example_draft

GATED = Engine(Settings(policy="default"))
UNGATED = Engine(Settings(policy="default"), gates=False)
DEV_SET = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "dev_posts.jsonl"


def _examples() -> list[Draft]:
    return [example_draft(e) for r in REGISTRY for e in (*r.matches, *r.passes)]


def test_some_rules_are_gated():
    assert any(r.when for r in REGISTRY)


def test_the_gate_index_admits_what_each_gate_admits():
    gates = [r.when for r in REGISTRY]
    index = GateIndex(gates)
    literals = sorted({literal for gate in gates if gate for literal in gate.literals})
    # Every literal on its own and inside a sentence, its first character without the rest, and
    # drafts with and without each draft field, so each named fact is met both ways.
    at = dt.datetime(2026, 1, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    with_literals = [Draft(text=lit, platform="x") for lit in literals]
    with_literals += [Draft(text=f"お知らせの{lit}です", at=at, recent_posts=("前の投稿",)) for lit in literals]
    with_literals += [Draft(text=f"{lit[0]}だけ") for lit in literals]
    for draft in [*_examples(), *with_literals, *(Draft(text=t, platform="x") for t in posts(300, seed=4))]:
        features = Features(Analysis(draft.text), GATED.lex, draft)
        expected = {k for k, gate in enumerate(gates) if gate is None or features.admits(gate)}
        assert index.admitted(features) == sorted(expected), draft.text


@pytest.mark.parametrize("rule", [r for r in REGISTRY if r.when], ids=lambda r: r.code)
def test_gate_admits_every_example_the_rule_must_flag(rule):
    for e in rule.matches:
        draft = example_draft(e)
        features = Features(Analysis(draft.text), GATED.lex, draft)
        assert features.admits(rule.when), f"{rule.code}'s gate {sorted(rule.when.names)} skips {e.text!r}"


def test_gates_name_existing_lexicon_sets_and_patterns():
    for r in REGISTRY:
        for name in r.when.names if r.when else ():
            if name.startswith("set:"):
                assert name[4:] in GATED.lex.sets, f"{r.code}: no lexicon set {name[4:]!r}"
            if name.startswith("pattern:"):
                assert name[8:] in GATED.lex.patterns, f"{r.code}: no lexicon pattern {name[8:]!r}"


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


class _FakeLex:
    """Just what Features reads: the draft's matched sets and the patterns' sets."""

    class _Found(dict):
        candidate_sets = dict.keys

    def __init__(self, matched: set[str]):
        self._matched = self._Found({s: ["match"] for s in matched})
        self.patterns = {"f:both": Pattern("f:both", "", all=("f:a", "f:b"))}

    def matches(self, analysis):
        return self._matched


@pytest.mark.parametrize(
    ("when", "matched", "text", "admitted"),
    [
        (("set:f:a",), {"f:a"}, "本文", True),
        (("set:f:a",), {"f:b"}, "本文", False),
        (("pattern:f:both",), {"f:a"}, "本文", False),
        (("pattern:f:both",), {"f:a", "f:b"}, "本文", True),
        (("text:らし", "text:そう"), set(), "雨がフリソウです", True),  # folded: katakana read as hiragana
        (("text:らし", "text:そう"), set(), "晴れです", False),
        (("char:digit",), set(), "三日", True),
        (("char:latin",), set(), "ＵＲＬ", True),  # full-width Latin is normalised first
        (("draft:at",), set(), "本文", False),
    ],
)
def test_features_admit_what_the_gate_names(when, matched, text, admitted):
    draft = Draft(text=text)
    assert Features(Analysis(text), _FakeLex(matched), draft).admits(check_gate("XXX001", when)) is admitted
