"""The engine's vocabulary: categories, severities, findings, drafts and settings.

Everything here is plain data so that the Slack layer, storage and the CLI share it
without importing Sudachi or any detector.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any


class Category(enum.StrEnum):
    """The finding categories fixed by CONTRACTS.md §1."""

    INSULT = "insult"
    DISCRIMINATION = "discrimination"
    ILLEGAL = "illegal"
    RUMOR = "rumor"
    OBSCENE = "obscene"
    PERSONAL_INFO = "personal_info"
    CONFIDENTIAL = "confidential"
    SECURITY = "security"
    SHORTENER = "shortener"
    UNTRUSTED_LINK = "untrusted_link"
    POLITICAL = "political"
    PERSONAL_OPINION = "personal_opinion"
    ACCURACY = "accuracy"
    SPAM = "spam"
    HOURS = "hours"
    LENGTH = "length"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS: Mapping[Category, str] = {
    Category.INSULT: "誹謗中傷・侮辱",
    Category.DISCRIMINATION: "差別",
    Category.ILLEGAL: "違法行為・その助長",
    Category.RUMOR: "噂・根拠のない情報",
    Category.OBSCENE: "わいせつ",
    Category.PERSONAL_INFO: "個人情報",
    Category.CONFIDENTIAL: "秘密・意思形成過程の情報",
    Category.SECURITY: "情報セキュリティ",
    Category.SHORTENER: "短縮URL",
    Category.UNTRUSTED_LINK: "信頼性を確認できないリンク",
    Category.POLITICAL: "政治的中立性",
    Category.PERSONAL_OPINION: "職員の個人的な状況・意見",
    Category.ACCURACY: "記載の正確さ",
    Category.SPAM: "同一内容の繰り返し投稿",
    Category.HOURS: "就業時間外の投稿",
    Category.LENGTH: "文字数",
}


class Severity(enum.StrEnum):
    BLOCK = "block"
    WARN = "warn"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @property
    def label(self) -> str:
        return {"block": "要修正", "warn": "要確認", "info": "参考"}[self.value]

    @classmethod
    def strictest(cls, *severities: Severity) -> Severity:
        return max(severities, key=lambda s: s.rank)


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.BLOCK: 2}


class Verdict(enum.StrEnum):
    PASS = "pass"
    WARN = "warn"
    BLOCK = "block"

    @property
    def label(self) -> str:
        return {"pass": "問題は見つかりませんでした", "warn": "確認が必要な点があります", "block": "修正が必要です"}[
            self.value
        ]


PLATFORMS: tuple[str, ...] = ("x", "facebook", "instagram", "line", "youtube", "tiktok")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a draft. Offsets index the text exactly as the author wrote it."""

    rule: str
    category: Category
    severity: Severity
    start: int
    end: int
    excerpt: str
    message: str
    fix: str | None
    citation: str

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["category"] = self.category.value
        data["severity"] = self.severity.value
        return data


@dataclass(frozen=True, slots=True)
class Settings:
    """What the engine needs to know about the organisation (a subset of the configuration file)."""

    policy: str = "default"
    timezone: str = "Asia/Tokyo"
    working_hours: tuple[dt.time, dt.time] = (dt.time(8, 30), dt.time(17, 15))
    official_domains: tuple[str, ...] = ()
    trusted_domains: tuple[str, ...] = ()
    official_phone_numbers: tuple[str, ...] = ()
    organization: str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft post as the engine sees it.

    ``at`` is the planned posting time (timezone-aware); ``None`` means "not scheduled", in which
    case the working-hours rule is skipped and dates without a year are read relative to today.
    ``recent_posts`` are the account's recent published texts, newest first, used by the spam rule.
    """

    text: str
    platform: str | None = None
    at: dt.datetime | None = None
    recent_posts: tuple[str, ...] = ()


def verdict_of(findings: tuple[Finding, ...] | list[Finding]) -> Verdict:
    severities = {f.severity for f in findings}
    if Severity.BLOCK in severities:
        return Verdict.BLOCK
    if Severity.WARN in severities:
        return Verdict.WARN
    return Verdict.PASS


@dataclass(frozen=True, slots=True)
class Report:
    verdict: Verdict
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict.value, "findings": [f.to_dict() for f in self.findings]}
