"""Every rule's own examples are its tests: `matches` must be flagged by the rule, `passes` must not."""

from __future__ import annotations

import gc

import pytest

from rules import Engine, Settings
from rules.engine import Context
from rules.registry import REGISTRY, Example, Rule
from rules.text import Analysis
from tests.rules.examples import example_draft

ENGINE = Engine(Settings(policy="default"))


def _cases(kind: str):
    for r in REGISTRY:
        for i, e in enumerate(getattr(r, kind)):
            yield pytest.param(r, e, id=f"{r.code}-{kind}-{i}")


def _hits(rule: Rule, example: Example) -> list:
    """The rule's own detector on the example (before the engine merges overlapping findings)."""
    draft = example_draft(example)
    ctx = Context(draft=draft, settings=ENGINE.settings, analysis=Analysis(draft.text), lex=ENGINE.lex)
    hits = list(rule.detect(ctx))
    for h in hits:
        assert 0 <= h.start <= h.end <= len(example.text), f"{rule.code} span out of range: {h}"
    return hits


def test_registry_is_populated():
    assert len(REGISTRY) > 0
    assert {r.category for r in REGISTRY}, "no rule registered"


@pytest.mark.parametrize(("rule", "example"), list(_cases("matches")))
def test_rule_flags_its_matches(rule: Rule, example: Example):
    assert _hits(rule, example), f"{rule.code} should flag: {example.text!r} ({example.note})"
    # And the engine as a whole reports the category.
    assert rule.category in {f.category for f in ENGINE.screen(example_draft(example)).findings}


@pytest.mark.parametrize(("rule", "example"), list(_cases("passes")))
def test_rule_leaves_its_passes_alone(rule: Rule, example: Example):
    assert not _hits(rule, example), f"{rule.code} should not flag: {example.text!r} ({example.note})"


def test_screening_leaves_no_reference_cycles():
    """A screened draft's analysis (tokens, matches, per-draft views) is freed as soon as the screen
    ends. A cycle through it would leave every draft's tokens to the cyclic garbage collector, whose
    passes then cost 5-8% of the engine's time."""
    drafts = [example_draft(e) for r in REGISTRY for e in (*r.matches, *r.passes)]
    for draft in drafts:  # first screens fill process-wide caches, which are not garbage
        ENGINE.screen(draft)
    gc.collect()
    gc.disable()
    try:
        gc.set_debug(gc.DEBUG_SAVEALL)
        for draft in drafts:
            ENGINE.screen(draft)
        gc.collect()
        cyclic = sorted({type(o).__qualname__ for o in gc.garbage})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert not cyclic, f"objects left in reference cycles by screening: {cyclic}"
