"""Helpers for the workflow tests: accounts, a fake screening engine, the test clock's time."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bot.workflows import submission
from rules import Category, Finding, Report, Severity
from rules import Draft as ScreeningInput
from rules.model import verdict_of
from storage.models import Account

JST = zoneinfo.ZoneInfo("Asia/Tokyo")
# A Monday in May 2026, during working hours.
NOW = dt.datetime(2026, 5, 11, 10, 0, tzinfo=JST)

MANAGER = "U0MGR"
DEPUTY = "U0DEP"
OPERATOR = "U0OP1"
OPERATOR2 = "U0OP2"
STRANGER = "U0STRANGER"

CLEAN_TEXT = "本日は市役所の窓口を通常どおり開いています。"
# Markers the fake screener reacts to, so tests do not depend on what the real detectors flag today.
BLOCK_MARK = "[block]"
WARN_MARK = "[warn]"


@dataclass
class FakeScreener:
    """Stands in for ``Engine.screen``: blocks on [block], warns on [warn], remembers what it saw."""

    seen: list[ScreeningInput] = field(default_factory=list)

    def __call__(self, draft: ScreeningInput) -> Report:
        self.seen.append(draft)
        findings = []
        for mark, severity, rule, category in (
            (BLOCK_MARK, Severity.BLOCK, "SEC001", Category.SECURITY),
            (WARN_MARK, Severity.WARN, "PII001", Category.PERSONAL_INFO),
        ):
            start = draft.text.find(mark)
            if start >= 0:
                findings.append(
                    Finding(
                        rule=rule,
                        category=category,
                        severity=severity,
                        start=start,
                        end=start + len(mark),
                        excerpt=mark,
                        message="テスト用の指摘です。",
                        fix=None,
                        citation="test",
                    )
                )
        return Report(verdict=verdict_of(findings), findings=tuple(findings))


# The test account: make_account's defaults, and what accounts_yaml writes for it.
ACCOUNT: dict[str, Any] = dict(
    id="aoba-x",
    platform="x",
    handle="@aoba_city",
    department="広報広聴課",
    manager=MANAGER,
    deputies=[DEPUTY],
    operators=[OPERATOR, OPERATOR2],
    drafts_channel="C0DRAFTS",
    plan_valid_until=dt.date(2027, 3, 31),
    password_rotated_on=dt.date(2026, 4, 1),
    two_factor=True,
    min_posts_per_month=1,
)


def account_values(**overrides: Any) -> dict[str, Any]:
    """The test account's columns with ``overrides`` (in the same order)."""
    return {**ACCOUNT, **overrides}


def make_account(session: Session, **overrides: Any) -> Account:
    account = Account(**account_values(**overrides))
    session.add(account)
    session.flush()
    return account


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith("@"):
        return f'"{value}"'
    return str(value)


def accounts_yaml(*accounts: Mapping[str, Any]) -> str:
    """An accounts file (``accounts:``, one entry per mapping) written as staff write one, a key a line."""
    lines = ["accounts:"]
    for values in accounts:
        for i, (key, value) in enumerate(values.items()):
            lines.append(f"{'  - ' if i == 0 else '    '}{key}: {_yaml(value)}")
    return "\n".join(lines) + "\n"


def submit(session: Session, screener: FakeScreener, text: str = CLEAN_TEXT, **kwargs) -> submission.Submission:
    kwargs.setdefault("account_id", "aoba-x")
    kwargs.setdefault("author", OPERATOR)
    return submission.submit(session=session, text=text, screener=screener, **kwargs)
