"""The engine's vocabulary: categories, severities, findings, drafts and settings.

Everything here is plain data so that the Slack layer, storage and the CLI share it
without importing Sudachi or any detector.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import asdict, dataclass, field
from typing import Any, Self


class _Labelled(enum.StrEnum):
    """A string enum whose members carry the Japanese label users see: ``NAME = value, label``."""

    label: str

    def __new__(cls, value: str, label: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


class Category(_Labelled):
    """The finding categories fixed by CONTRACTS.md §1."""

    INSULT = "insult", "誹謗中傷・侮辱"
    DISCRIMINATION = "discrimination", "差別"
    ILLEGAL = "illegal", "違法行為・その助長"
    RUMOR = "rumor", "噂・根拠のない情報"
    OBSCENE = "obscene", "わいせつ"
    PERSONAL_INFO = "personal_info", "個人情報"
    CONFIDENTIAL = "confidential", "秘密・意思形成過程の情報"
    SECURITY = "security", "情報セキュリティ"
    SHORTENER = "shortener", "短縮URL"
    UNTRUSTED_LINK = "untrusted_link", "信頼性を確認できないリンク"
    POLITICAL = "political", "政治的中立性"
    PERSONAL_OPINION = "personal_opinion", "職員の個人的な状況・意見"
    ACCURACY = "accuracy", "記載の正確さ"
    SPAM = "spam", "同一内容の繰り返し投稿"
    HOURS = "hours", "就業時間外の投稿"
    LENGTH = "length", "文字数"


class Severity(_Labelled):
    BLOCK = "block", "要修正"
    WARN = "warn", "要確認"
    INFO = "info", "参考"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def strictest(cls, *severities: Severity) -> Severity:
        return max(severities, key=lambda s: s.rank)


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.BLOCK: 2}


class Verdict(_Labelled):
    PASS = "pass", "問題は見つかりませんでした"
    WARN = "warn", "確認が必要な点があります"
    BLOCK = "block", "修正が必要です"


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
