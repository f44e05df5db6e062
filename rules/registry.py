"""The rule registry: every rule declared once, with its own examples.

Like ruff's and sqlfluff's registries, a rule has a stable code that is never reused; the
registry refuses duplicate or malformed codes at import, and the test suite runs every rule's
``matches`` and ``passes`` examples, so the examples are the tests.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rules.features import Gate, check_gate
from rules.model import Category, Severity

if TYPE_CHECKING:
    from rules.engine import Context

CODE_RE = re.compile(r"^[A-Z]{3}\d{3}$")


class RegistryError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Example:
    """A draft a rule must flag (in ``matches``) or must leave alone (in ``passes``)."""

    text: str
    platform: str | None = None
    at: str | None = None  # ISO 8601 planned time
    recent: tuple[str, ...] = ()
    note: str = ""  # why this example exists, e.g. the false positive it guards against


def ex(text: str, note: str = "", *, platform: str | None = None, at: str | None = None, recent=()) -> Example:
    return Example(text=text, platform=platform, at=at, recent=tuple(recent), note=note)


@dataclass(frozen=True, slots=True)
class Hit:
    """A detector's raw result: a span of the *original* text and values for the message template."""

    start: int
    end: int
    detail: Mapping[str, str] = field(default_factory=dict)


Detector = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    category: Category
    severity: Severity  # the rule's own default; a policy pack may override it
    title: str
    doc: str
    message: str  # str.format template: {excerpt} plus the hit's detail keys
    fix: str | None
    detect: Detector
    matches: tuple[Example, ...]
    passes: tuple[Example, ...]
    when: Gate | None = None  # the draft facts the rule needs (rules/features.py); None: always run


class Registry:
    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def add(self, rule: Rule) -> Rule:
        if not CODE_RE.match(rule.code):
            raise RegistryError(f"rule code {rule.code!r} must be three capitals and three digits")
        if rule.code in self._rules:
            raise RegistryError(f"rule code {rule.code!r} is declared twice")
        if not rule.matches or not rule.passes:
            raise RegistryError(f"rule {rule.code} needs examples that match and examples that pass")
        for field_name in ("title", "doc", "message"):
            if not getattr(rule, field_name).strip():
                raise RegistryError(f"rule {rule.code} has an empty {field_name}")
        self._rules[rule.code] = rule
        return rule

    def __iter__(self):
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, code: str) -> Rule:
        return self._rules[code]


REGISTRY = Registry()


def rule(
    *,
    code: str,
    category: Category,
    severity: Severity,
    title: str,
    message: str,
    fix: str | None,
    matches: Iterable[Example | str],
    passes: Iterable[Example | str],
    when: Iterable[str] | None = None,
) -> Callable[[Detector], Detector]:
    """Declare a rule around its detector; the detector's docstring is the rule's documentation.

    ``when`` names the draft facts without which the detector cannot fire (``rules/features.py``);
    the engine skips the rule on drafts that have none of them.
    """

    def wrap(fn: Detector) -> Detector:
        REGISTRY.add(
            Rule(
                code=code,
                category=category,
                severity=severity,
                title=title,
                doc=inspect.cleandoc(fn.__doc__ or ""),
                message=message,
                fix=fix,
                detect=fn,
                matches=tuple(e if isinstance(e, Example) else Example(e) for e in matches),
                passes=tuple(e if isinstance(e, Example) else Example(e) for e in passes),
                when=None if when is None else check_gate(code, when),
            )
        )
        return fn

    return wrap
