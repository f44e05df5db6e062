"""Accounts: lookups with Japanese refusals, `accounts import`, and the `accounts list` overview."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bot import messages as msg
from bot.config import AccountConfig
from bot.errors import AccountUnavailableError, NotFoundError
from bot.workflows import TOKYO, local_today
from storage.db import utcnow
from storage.models import Account, Incident
from storage.repositories import accounts as accounts_repo
from storage.repositories import audit as audit_repo
from storage.repositories import incidents as incidents_repo
from storage.repositories.accounts import AccountOverview

# The columns `accounts import` owns (everything in the file but the id).
_FIELDS = tuple(name for name in AccountConfig.model_fields if name != "id")


def require_account(*, session: Session, account_id: str) -> Account:
    account = accounts_repo.get(session=session, account_id=account_id)
    if account is None:
        raise NotFoundError(msg.UNKNOWN_ACCOUNT.format(account_id=account_id), code="unknown_account")
    return account


def accounts_for_channel(*, session: Session, channel: str) -> list[Account]:
    """The accounts whose drafts are posted in this Slack channel (usually one)."""
    return accounts_repo.for_channel(session=session, channel=channel)


def open_incident(*, session: Session, account: Account) -> Incident | None:
    """The incident that freezes the account, if any."""
    return incidents_repo.open_for_account(session=session, account_id=account.id)


def check_can_publish(*, session: Session, account: Account, action: str, today: dt.date) -> None:
    """Refuse approval or publishing on a frozen account (naming the incident) or a lapsed plan (naming the manager)."""
    incident = open_incident(session=session, account=account)
    if incident is not None:
        raise AccountUnavailableError(
            msg.ACCOUNT_FROZEN.format(account_id=account.id, incident_id=incident.id, action=msg.ACTION_LABELS[action]),
            code="account_frozen",
        )
    if account.plan_lapsed(today):
        raise AccountUnavailableError(
            msg.PLAN_LAPSED.format(
                account_id=account.id,
                valid_until=msg.format_date(account.plan_valid_until),
                manager=msg.mention(account.manager),
                action=msg.ACTION_LABELS[action],
            ),
            code="plan_lapsed",
        )


# The audit trail's record of something done to an account (by a person, `accounts import` or a job);
# ``entity_id`` is the account's ID.
audit_account = functools.partial(audit_repo.record, entity="account")


# --- accounts import ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)

    def summary_ja(self) -> str:
        return msg.ACCOUNTS_IMPORTED.format(
            total=self.total, created=len(self.created), updated=len(self.updated), unchanged=len(self.unchanged)
        )


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def import_accounts(*, session: Session, accounts: Sequence[AccountConfig], actor: str = "cli") -> ImportResult:
    """Create or update accounts from validated configuration entries; every change is audited."""
    result = ImportResult()
    for entry in accounts:
        values = {name: getattr(entry, name) for name in _FIELDS}
        account = accounts_repo.get(session=session, account_id=entry.id)
        if account is None:
            account = accounts_repo.add(session=session, account=Account(id=entry.id, **values))
            audit_account(
                session=session,
                actor=actor,
                entity_id=account.id,
                action="account_create",
                data={name: _jsonable(v) for name, v in values.items()},
            )
            if entry.password_rotated_on is not None:
                accounts_repo.record_password_rotation(
                    session=session, account=account, rotated_on=entry.password_rotated_on, recorded_by=actor
                )
            accounts_repo.record_plan_renewal(
                session=session, account=account, valid_until=entry.plan_valid_until, recorded_by=actor
            )
            result.created.append(account.id)
            continue
        changed = {
            name: [_jsonable(getattr(account, name)), _jsonable(v)]
            for name, v in values.items()
            if getattr(account, name) != v
        }
        if not changed:
            result.unchanged.append(account.id)
            continue
        if "password_rotated_on" in changed and entry.password_rotated_on is not None:
            accounts_repo.record_password_rotation(
                session=session, account=account, rotated_on=entry.password_rotated_on, recorded_by=actor
            )
        if "plan_valid_until" in changed:
            accounts_repo.record_plan_renewal(
                session=session, account=account, valid_until=entry.plan_valid_until, recorded_by=actor
            )
        for name in changed:
            setattr(account, name, values[name])
        session.flush()
        audit_account(
            session=session, actor=actor, entity_id=account.id, action="account_update", data={"changed": changed}
        )
        result.updated.append(account.id)
    return result


# --- accounts list ------------------------------------------------------------------------------------


class AccountState(enum.StrEnum):
    ACTIVE = "active"
    PLAN_LAPSED = "plan_lapsed"
    FROZEN = "frozen"


@dataclass(frozen=True, slots=True)
class AccountRow:
    account: AccountOverview
    states: tuple[AccountState, ...]  # empty: active
    password_age_days: int | None
    password_overdue: bool

    @property
    def id(self) -> str:
        return self.account.id

    def cells(self) -> tuple[str, ...]:
        a = self.account
        if self.password_age_days is None:
            password = msg.PASSWORD_UNKNOWN
        else:
            template = msg.PASSWORD_AGE_OVERDUE if self.password_overdue else msg.PASSWORD_AGE
            password = template.format(days=self.password_age_days)
        if a.posts_this_month < a.min_posts_per_month:
            posts = msg.POSTS_BELOW_MINIMUM.format(count=a.posts_this_month, minimum=a.min_posts_per_month)
        else:
            posts = msg.POSTS_THIS_MONTH.format(count=a.posts_this_month)
        labels = {
            AccountState.FROZEN: msg.ACCOUNT_STATE_FROZEN.format(incident_id=a.open_incident_id),
            AccountState.PLAN_LAPSED: msg.ACCOUNT_STATE_LAPSED,
        }
        state = "・".join(labels[s] for s in self.states) or msg.ACCOUNT_STATE_ACTIVE
        return (a.id, a.platform, a.department, a.manager, a.plan_valid_until.isoformat(), password, posts, state)


def list_accounts(
    *,
    session: Session,
    password_interval_days: int = 90,
    tz: dt.tzinfo = TOKYO,
    now: dt.datetime | None = None,
) -> list[AccountRow]:
    """Every account with its state; one statement whatever the number of accounts."""
    now = now or utcnow()
    today = local_today(tz, now)
    month_start = dt.datetime.combine(today.replace(day=1), dt.time(0), tzinfo=tz)
    rows = []
    for a in accounts_repo.overview(session=session, month_start=month_start):
        states = []
        if a.open_incident_id is not None:
            states.append(AccountState.FROZEN)
        if a.plan_valid_until < today:
            states.append(AccountState.PLAN_LAPSED)
        age = (today - a.password_rotated_on).days if a.password_rotated_on else None
        rows.append(
            AccountRow(
                account=a,
                states=tuple(states),
                password_age_days=age,
                password_overdue=age is not None and age >= password_interval_days,
            )
        )
    return rows


@functools.lru_cache(maxsize=4096)
def _wide_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _width(text: str) -> int:
    # Terminals draw East Asian wide and full-width characters in two columns. Most cells are ASCII
    # (IDs, dates), and the rest repeat (departments, states): both paths stay cheap for 10,000 rows.
    return len(text) if text.isascii() else _wide_width(text)


def format_table(rows: Sequence[AccountRow]) -> str:
    """The rows as an aligned text table under Japanese headers."""
    if not rows:
        return msg.NO_ACCOUNTS
    table = [msg.ACCOUNT_TABLE_HEADERS, *(row.cells() for row in rows)]
    cell_widths = [[_width(cell) for cell in line] for line in table]  # measured once, used twice
    widths = [max(column) for column in zip(*cell_widths, strict=True)]
    out = [
        "  ".join(cell + " " * (w - cw) for cell, cw, w in zip(line, line_widths, widths, strict=True)).rstrip()
        for line, line_widths in zip(table, cell_widths, strict=True)
    ]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)
