"""Policy packs: which guideline clause each rule enforces, and how strictly.

A pack (``rules/policies/<name>.yml``) quotes its guideline's clauses and maps every finding
category (and, where a guideline is more specific, single rules) to clauses and a severity.
``default`` is the union of the five packs: the strictest severity, citing every guideline.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from rules.lexicon import YamlLoader
from rules.model import Category, Severity
from rules.registry import Rule

PACKS: tuple[str, ...] = ("towada", "yatsushiro", "honjo", "joetsu", "tatsuno")
POLICY_NAMES: tuple[str, ...] = (*PACKS, "default")


class PolicyError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class ClauseMapping:
    """How a pack treats a category or rule: its severity and the clauses it cites.

    ``severity`` None switches the rule off; ``RULE_DEFAULT`` keeps the rule's own severity, for
    categories whose rules differ by design (a マイナンバー blocks, a resident's name warns).
    """

    severity: Severity | str | None
    cites: tuple[str, ...]


RULE_DEFAULT = "rule"


def render_clause(pack: str, key: str, quote: str) -> str:
    """``joetsu 5(5)「…」``; a ``#suffix`` only disambiguates keys, and ``@`` keys are not clauses."""
    if key.startswith("@"):
        return quote
    return f"{pack} {key.split('#', 1)[0]}「{quote}」"


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    organization: str
    document: str
    clauses: dict[str, str]
    categories: dict[Category, ClauseMapping]
    rules: dict[str, ClauseMapping]

    def mapping(self, rule: Rule) -> ClauseMapping:
        return self.rules.get(rule.code) or self.categories[rule.category]

    def severity_of(self, rule: Rule) -> Severity | None:
        m = self.mapping(rule)
        if m.severity == RULE_DEFAULT:
            return rule.severity
        return m.severity

    def resolve(self, rule: Rule) -> tuple[Severity, str] | None:
        severity = self.severity_of(rule)
        if severity is None:
            return None
        return severity, self.citation(self.mapping(rule).cites)

    def citation(self, cites: tuple[str, ...]) -> str:
        return " / ".join(render_clause(self.name, c, self.clauses[c]) for c in cites)


def _parse_mapping(raw: object, *, where: str, clauses: dict[str, str]) -> ClauseMapping:
    if not isinstance(raw, dict) or "cite" not in raw or "severity" not in raw:
        raise PolicyError(f"{where}: needs 'cite' and 'severity'")
    unknown = set(raw) - {"cite", "severity"}
    if unknown:
        raise PolicyError(f"{where}: unknown keys {sorted(unknown)}")
    cites = tuple(raw["cite"]) if isinstance(raw["cite"], list) else (raw["cite"],)
    for c in cites:
        if c not in clauses:
            raise PolicyError(f"{where}: cites clause {c!r}, which the pack does not quote")
    sev_raw = raw["severity"]
    try:
        severity = None if sev_raw == "off" else sev_raw if sev_raw == RULE_DEFAULT else Severity(sev_raw)
    except ValueError as exc:
        raise PolicyError(f"{where}: severity must be block, warn, info, rule or off, not {sev_raw!r}") from exc
    return ClauseMapping(severity=severity, cites=cites)


def _load_pack(name: str) -> Policy:
    text = resources.files("rules").joinpath("policies", f"{name}.yml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=YamlLoader)  # a safe loader, libyaml's when present
    unknown = set(data) - {"name", "organization", "document", "clauses", "categories", "rules"}
    if unknown:
        raise PolicyError(f"{name}.yml: unknown keys {sorted(unknown)}")
    clauses = {str(k): str(v) for k, v in data["clauses"].items()}
    categories: dict[Category, ClauseMapping] = {}
    for key, raw in data["categories"].items():
        try:
            cat = Category(key)
        except ValueError as exc:
            raise PolicyError(f"{name}.yml: unknown category {key!r}") from exc
        categories[cat] = _parse_mapping(raw, where=f"{name}.yml categories.{key}", clauses=clauses)
    missing = set(Category) - set(categories)
    if missing:
        raise PolicyError(f"{name}.yml: no mapping for categories {sorted(c.value for c in missing)}")
    rules = {
        str(code): _parse_mapping(raw, where=f"{name}.yml rules.{code}", clauses=clauses)
        for code, raw in (data.get("rules") or {}).items()
    }
    if data.get("name") != name:
        raise PolicyError(f"{name}.yml: 'name' must be {name!r}")
    return Policy(
        name=name,
        organization=str(data["organization"]),
        document=str(data["document"]),
        clauses=clauses,
        categories=categories,
        rules=rules,
    )


@dataclass(frozen=True, slots=True)
class UnionPolicy:
    """The ``default`` pack: every guideline at once, the strictest severity wins."""

    packs: tuple[Policy, ...]
    name: str = "default"
    organization: str = "（共通）"
    document: str = "5市町のガイドラインの和集合（最も厳しい扱い）"

    def resolve(self, rule: Rule) -> tuple[Severity, str] | None:
        severities = []
        cites = []
        for pack in self.packs:
            severity = pack.severity_of(rule)
            if severity is None:
                continue
            severities.append(severity)
            keys = [c for c in pack.mapping(rule).cites if not c.startswith("@")]
            if keys:
                cites.append(f"{pack.name} {'・'.join(dict.fromkeys(k.split('#', 1)[0] for k in keys))}")
        if not severities:
            return None
        strictest = Severity.strictest(*severities)
        # Quote the pack that sets the bar (e.g. joetsu, the one that bans shorteners outright).
        first = next(p for p in self.packs if p.severity_of(rule) == strictest)
        key = first.mapping(rule).cites[0]
        quote = first.clauses[key]
        if not cites:
            return strictest, quote
        return strictest, f"{' / '.join(cites)}（{first.name}:「{quote}」）"


@cache
def load_policy(name: str) -> Policy | UnionPolicy:
    if name not in POLICY_NAMES:
        raise PolicyError(f"unknown policy {name!r}; choose one of {', '.join(POLICY_NAMES)}")
    if name == "default":
        return UnionPolicy(packs=tuple(_load_pack(p) for p in PACKS))
    return _load_pack(name)
