"""Rule gates: cheap facts about a draft that decide whether a rule can possibly fire.

Most drafts are ordinary announcements, and most rules look for something the draft plainly does
not contain (a slur, a phone number, a link). A rule may declare ``when=`` with the facts it needs;
the engine runs it only when the draft has at least one of them. A gate only ever *skips work*: it
must hold for every text the rule could flag, so gates are deliberately coarse (any digit, any
Latin letter, a lexicon set with at least one match). ``tests/rules/test_gates.py`` checks that a
gated engine reports exactly what an ungated one does.

Feature names:

``set:<file>:<set>``     the lexicon set has a match in the draft (see ``rules/lexicons``)
``pattern:<file>:<id>``  every set of the lexicon pattern's ``all`` has a match somewhere in the draft
``pos:<part of speech>`` some token has that part of speech at any level (``pos:人名``)
``char:<class>``         the normalised text has a character of the class (see ``CHAR_CLASSES``)
``text:<literal>``       the literal occurs in the folded normalised text (hiragana, lower case)
``draft:<field>``        the draft carries ``platform``, ``at`` (planned time) or ``recent`` posts
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rules.text import KANJI_NUMERALS, fold

if TYPE_CHECKING:
    from rules.lexicon import Lexicons
    from rules.model import Draft
    from rules.text import Analysis

KINDS = ("set", "pattern", "pos", "char", "text", "draft")

CHAR_CLASSES: dict[str, re.Pattern[str]] = {
    # Arabic digits and the kanji numerals the digits view turns into digits.
    "digit": re.compile(f"[0-9{KANJI_NUMERALS}]"),
    "latin": re.compile("[A-Za-z]"),
    "kanji": re.compile("[\u3400-\u9fff\uf900-\ufaff]"),
}
DRAFT_FIELDS = ("platform", "at", "recent")


class GateError(ValueError):
    """A rule declares a gate the engine does not know."""


@dataclass(frozen=True, slots=True)
class Gate:
    """A rule's gate, split so the common case (lexicon sets) is one C-level set test."""

    sets: frozenset[str]  # lexicon set ids
    others: tuple[str, ...]  # every feature name but sets and literals
    literals: tuple[str, ...] = ()  # every text: literal

    @property
    def names(self) -> frozenset[str]:
        return frozenset({f"set:{s}" for s in self.sets} | {f"text:{t}" for t in self.literals} | set(self.others))


def check_gate(code: str, when: Iterable[str]) -> Gate:
    names = frozenset(when)
    if not names:
        raise GateError(f"rule {code}: an empty gate would never run the rule")
    for name in names:
        kind, _, value = name.partition(":")
        if kind not in KINDS or not value:
            raise GateError(f"rule {code}: unknown gate {name!r} (kinds: {', '.join(KINDS)})")
        if kind == "char" and value not in CHAR_CLASSES:
            raise GateError(f"rule {code}: unknown character class {value!r}")
        if kind == "draft" and value not in DRAFT_FIELDS:
            raise GateError(f"rule {code}: unknown draft field {value!r}")
        if kind == "text" and fold(value) != value:
            raise GateError(f"rule {code}: write the literal of {name!r} folded: {fold(value)!r}")
    literals = tuple(sorted(n[5:] for n in names if n.startswith("text:")))
    return Gate(
        sets=frozenset(n[4:] for n in names if n.startswith("set:")),
        others=tuple(sorted(n for n in names if not n.startswith(("set:", "text:")))),
        literals=literals,
    )


class Features:
    """The facts of one draft, each computed on first use and remembered."""

    __slots__ = ("_analysis", "_draft", "_known", "_lex", "_matched_sets", "_pos")

    def __init__(self, analysis: Analysis, lex: Lexicons, draft: Draft):
        self._analysis = analysis
        self._draft = draft
        self._lex = lex
        # Sets whose words stand in the draft (before neighbour tests): a superset of those that match.
        self._matched_sets = lex.matches(analysis).candidate_sets()
        self._known: dict[str, bool] = {}
        self._pos: frozenset[str] | None = None

    @property
    def matched_sets(self):
        """The lexicon sets whose words stand in the draft (a superset of those that match)."""
        return self._matched_sets

    @property
    def folded(self) -> str:
        """The folded normalised text, where ``text:`` literals are looked for."""
        return self._analysis.folded

    def admits(self, gate: Gate) -> bool:
        """True when the draft has any of the gate's facts (``GateIndex`` decides many at once)."""
        if gate.sets and not self._matched_sets.isdisjoint(gate.sets):
            return True
        if gate.literals and any(literal in self.folded for literal in gate.literals):
            return True
        return any(self.has(name) for name in gate.others)

    def has(self, name: str) -> bool:
        """Whether the draft has the fact ``name`` (not a set or a literal), computed once."""
        value = self._known.get(name)
        if value is None:
            value = self._known[name] = fact(name)(self)
        return value

    def pos_names(self) -> frozenset[str]:
        """Every part-of-speech name of every token, at any level."""
        if self._pos is None:
            self._pos = frozenset(p for pos in {t.pos for t in self._analysis.tokens} for p in pos)
        return self._pos


@cache
def fact(name: str) -> Callable[[Features], bool]:
    """The test that decides the named fact ``name`` (a pos, char, pattern or draft name) for a draft."""
    kind, _, value = name.partition(":")
    if kind == "pos":
        return lambda f: value in f.pos_names()
    if kind == "char":
        search = CHAR_CLASSES[value].search
        return lambda f: search(f._analysis.norm.text) is not None
    if kind == "pattern":
        return lambda f: all(s in f._matched_sets for s in f._lex.patterns[value].all)
    if value == "recent":
        return lambda f: bool(f._draft.recent_posts)
    return lambda f: getattr(f._draft, value) is not None


class GateIndex:
    """Many rules' gates at once: which of them a draft admits (what ``Features.admits`` decides).

    Each fact is decided once for all the rules that name it: the draft's lexicon candidate sets
    and its literals admit their rules in one pass each; a named fact (a digit, a part of speech, a
    planned time) is computed only while some rule naming it is still waiting. A rule without a
    gate is always admitted.
    """

    def __init__(self, gates: Sequence[Gate | None]):
        self._always = frozenset(k for k, gate in enumerate(gates) if gate is None)
        self._by_set: dict[str, list[int]] = {}
        self._by_literal: dict[str, list[int]] = {}
        by_named: dict[str, list[int]] = {}
        for k, gate in enumerate(gates):
            if gate is not None:
                for set_id in gate.sets:
                    self._by_set.setdefault(set_id, []).append(k)
                for literal in gate.literals:
                    self._by_literal.setdefault(literal, []).append(k)
                for name in gate.others:
                    by_named.setdefault(name, []).append(k)
        self._by_named = [(ks, fact(name)) for name, ks in by_named.items()]

    def admitted(self, features: Features) -> list[int]:
        """The positions of the gates the draft admits, in order."""
        admitted = set(self._always)
        by_set = self._by_set
        for set_id in by_set.keys() & features.matched_sets:
            admitted.update(by_set[set_id])
        folded = features.folded
        for literal, ks in self._by_literal.items():
            if literal in folded:
                admitted.update(ks)
        for ks, test in self._by_named:
            if not admitted.issuperset(ks) and test(features):
                admitted.update(ks)
        return sorted(admitted)
