"""The App Home tab: what the person who opens it has to do and to watch.

- drafts awaiting *their* approval (they manage or deputise for the account, and did not write the draft);
- their own drafts and where each stands;
- the accounts they manage or post for: posts this month, plan validity, password age, incidents;
- open incidents (on their accounts; every one for PR, information security and admins).

``load_home`` reads all of it with a fixed number of set-based statements, whatever the number of
accounts and drafts (no query per account or per draft): that is what keeps the tab fast for a PR
officer who sees every account. ``publish_home`` renders it (``bot.blocks.home``) and publishes it;
other flows may call it to refresh someone's tab after a change.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from bot.runtime import Runtime
from storage.models import Account, Draft, DraftState, Incident, IncidentState, IncidentType

log = logging.getLogger(__name__)

AWAITING_SHOWN = 10
MY_DRAFTS_SHOWN = 10
ACCOUNTS_SHOWN = 15
INCIDENTS_SHOWN = 10
SNIPPET_CHARS = 60
PLAN_EXPIRING_DAYS = 60  # a plan lapsing within this many days is flagged

_PENDING = (DraftState.AWAITING_APPROVAL, DraftState.ON_HOLD)


class Role(enum.StrEnum):
    MANAGER = "manager"
    DEPUTY = "deputy"
    OPERATOR = "operator"


@dataclass(frozen=True, slots=True)
class HomeDraft:
    id: int
    account_id: str
    author: str
    state: DraftState
    verdict: str
    snippet: str  # the first characters of the text (the tab is private to the viewer)
    created_at: dt.datetime
    updated_at: dt.datetime
    planned_at: dt.datetime | None
    waiting_since: dt.datetime | None
    channel: str | None  # where the draft's thread is


@dataclass(frozen=True, slots=True)
class HomeAccount:
    id: str
    platform: str
    handle: str
    department: str
    roles: tuple[Role, ...]
    plan_valid_until: dt.date
    plan_lapsed: bool
    plan_expiring: bool
    password_rotated_on: dt.date | None
    password_age_days: int | None
    password_overdue: bool
    posts_this_month: int
    min_posts_per_month: int
    open_incident_id: str | None


@dataclass(frozen=True, slots=True)
class HomeIncident:
    id: str
    type: IncidentType
    account_id: str | None
    opened_at: dt.datetime
    opened_by: str


@dataclass(frozen=True, slots=True)
class HomeData:
    user_id: str
    now: dt.datetime
    awaiting: tuple[HomeDraft, ...] = ()
    awaiting_total: int = 0
    my_drafts: tuple[HomeDraft, ...] = ()
    my_drafts_total: int = 0
    my_state_counts: dict[DraftState, int] = field(default_factory=dict)
    accounts: tuple[HomeAccount, ...] = ()
    accounts_total: int = 0
    incidents: tuple[HomeIncident, ...] = ()
    incidents_total: int = 0
    sees_all_incidents: bool = False


# --- Queries --------------------------------------------------------------------------------------------


def _json_list_mentions(column, user_id: str):
    """A cheap SQL pre-filter: the JSON list's text contains ``"U…"`` (exact membership is checked in Python).

    JSON text is the same on SQLite (stored as text) and PostgreSQL (``jsonb::text``), and a quoted
    Slack ID cannot match a longer one.
    """
    escaped = user_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return cast(column, String).like(f'%"{escaped}"%', escape="\\")


def involved_accounts(*, session: Session, user_id: str) -> list[tuple[Account, tuple[Role, ...]]]:
    """The accounts ``user_id`` manages, deputises for or posts for, each with those roles; one statement."""
    stmt = (
        select(Account)
        .where(
            or_(
                Account.manager == user_id,
                _json_list_mentions(Account.deputies, user_id),
                _json_list_mentions(Account.operators, user_id),
            )
        )
        .order_by(Account.id)
    )
    out = []
    for account in session.scalars(stmt):
        roles = tuple(
            role
            for role, holds in (
                (Role.MANAGER, account.manager == user_id),
                (Role.DEPUTY, user_id in (account.deputies or [])),
                (Role.OPERATOR, user_id in (account.operators or [])),
            )
            if holds
        )
        if roles:
            out.append((account, roles))
    return out


def _draft_columns():
    return (
        Draft.id,
        Draft.account_id,
        Draft.author,
        Draft.state,
        Draft.verdict,
        # Only the beginning of the text leaves the database: a draft can be 100,000 characters.
        func.substr(Draft.text, 1, SNIPPET_CHARS + 1),
        Draft.created_at,
        Draft.updated_at,
        Draft.planned_at,
        Draft.approval_requested_at,
        func.coalesce(Draft.reply_channel, Draft.source_channel),
    )


def _home_draft(row) -> HomeDraft:
    (id_, account_id, author, state, verdict, snippet, created, updated, planned, waiting, channel) = row
    return HomeDraft(
        id=id_,
        account_id=account_id,
        author=author,
        state=DraftState(state),
        verdict=str(getattr(verdict, "value", verdict)),
        snippet=snippet or "",
        created_at=created,
        updated_at=updated,
        planned_at=planned,
        waiting_since=waiting,
        channel=channel,
    )


def _awaiting(*, session: Session, user_id: str, approver_of: Sequence[str]) -> tuple[tuple[HomeDraft, ...], int]:
    if not approver_of:
        return (), 0
    where = (Draft.account_id.in_(approver_of), Draft.state.in_(_PENDING), Draft.author != user_id)
    total = session.scalar(select(func.count()).select_from(Draft).where(*where)) or 0
    rows = session.execute(
        select(*_draft_columns())
        .where(*where)
        .order_by(Draft.approval_requested_at.asc(), Draft.id.asc())  # the longest waiting first
        .limit(AWAITING_SHOWN)
    )
    return tuple(_home_draft(r) for r in rows), total


def _my_drafts(*, session: Session, user_id: str) -> tuple[tuple[HomeDraft, ...], dict[DraftState, int]]:
    counts = {
        DraftState(state): n
        for state, n in session.execute(
            select(Draft.state, func.count()).where(Draft.author == user_id).group_by(Draft.state)
        )
    }
    rows = session.execute(
        select(*_draft_columns())
        .where(Draft.author == user_id)
        .order_by(Draft.updated_at.desc(), Draft.id.desc())
        .limit(MY_DRAFTS_SHOWN)
    )
    return tuple(_home_draft(r) for r in rows), counts


def _posts_since(*, session: Session, account_ids: Sequence[str], since: dt.datetime) -> dict[str, int]:
    if not account_ids:
        return {}
    stmt = (
        select(Draft.account_id, func.count())
        .where(Draft.account_id.in_(account_ids), Draft.state == DraftState.PUBLISHED, Draft.published_at >= since)
        .group_by(Draft.account_id)
    )
    return {account_id: n for account_id, n in session.execute(stmt)}


def _incident_scope(*, account_ids: Sequence[str], everything: bool) -> list:
    where = [Incident.state == IncidentState.OPEN]
    if not everything:
        # Incidents on the viewer's accounts, and those about the organisation as a whole.
        where.append(or_(Incident.account_id.in_(account_ids), Incident.account_id.is_(None)))
    return where


def _open_incidents(
    *, session: Session, account_ids: Sequence[str], everything: bool
) -> tuple[list[HomeIncident], int]:
    where = _incident_scope(account_ids=account_ids, everything=everything)
    total = session.scalar(select(func.count()).select_from(Incident).where(*where)) or 0
    rows = session.execute(
        select(Incident.id, Incident.type, Incident.account_id, Incident.opened_at, Incident.opened_by)
        .where(*where)
        .order_by(Incident.opened_at.asc(), Incident.id.asc())
        .limit(INCIDENTS_SHOWN)
    )
    incidents = [
        HomeIncident(id=r[0], type=IncidentType(r[1]), account_id=r[2], opened_at=r[3], opened_by=r[4]) for r in rows
    ]
    return incidents, total


def _incident_per_account(*, session: Session, account_ids: Sequence[str]) -> dict[str, str]:
    """The oldest open incident of each account (the one that froze it), in one grouped statement."""
    if not account_ids:
        return {}
    stmt = (
        select(Incident.account_id, func.min(Incident.id))
        .where(Incident.state == IncidentState.OPEN, Incident.account_id.in_(account_ids))
        .group_by(Incident.account_id)
    )
    return {account_id: n for account_id, n in session.execute(stmt)}


def load_home(
    *,
    session: Session,
    user_id: str,
    now: dt.datetime,
    tz: dt.tzinfo,
    password_interval_days: int = 90,
    all_incidents_for: Iterable[str] = (),
) -> HomeData:
    """Everything the tab shows, for ``user_id``, as of ``now``. ``all_incidents_for``: the users who see
    every open incident (PR, information security, admins)."""
    today = now.astimezone(tz).date()
    month_start = dt.datetime.combine(today.replace(day=1), dt.time(0), tzinfo=tz)

    involved = involved_accounts(session=session, user_id=user_id)
    approver_of = [a.id for a, roles in involved if Role.MANAGER in roles or Role.DEPUTY in roles]
    account_ids = [a.id for a, _ in involved]

    awaiting, awaiting_total = _awaiting(session=session, user_id=user_id, approver_of=approver_of)
    my_drafts, counts = _my_drafts(session=session, user_id=user_id)
    posts = _posts_since(session=session, account_ids=account_ids, since=month_start)
    sees_all = user_id in set(all_incidents_for)
    incidents, incidents_total = _open_incidents(session=session, account_ids=account_ids, everything=sees_all)
    first_incident = _incident_per_account(session=session, account_ids=account_ids)

    # Managed accounts first (what needs the viewer's attention), then those they only post for.
    def rank(item: tuple[Account, tuple[Role, ...]]) -> tuple[int, str]:
        account, roles = item
        return (0 if Role.MANAGER in roles or Role.DEPUTY in roles else 1, account.id)

    accounts = []
    for account, roles in sorted(involved, key=rank):
        rotated = account.password_rotated_on
        age = (today - rotated).days if rotated else None
        accounts.append(
            HomeAccount(
                id=account.id,
                platform=account.platform,
                handle=account.handle,
                department=account.department,
                roles=roles,
                plan_valid_until=account.plan_valid_until,
                plan_lapsed=account.plan_valid_until < today,
                plan_expiring=today <= account.plan_valid_until < today + dt.timedelta(days=PLAN_EXPIRING_DAYS),
                password_rotated_on=rotated,
                password_age_days=age,
                password_overdue=age is not None and age >= password_interval_days,
                posts_this_month=posts.get(account.id, 0),
                min_posts_per_month=account.min_posts_per_month,
                open_incident_id=first_incident.get(account.id),
            )
        )
    return HomeData(
        user_id=user_id,
        now=now,
        awaiting=awaiting,
        awaiting_total=awaiting_total,
        my_drafts=my_drafts,
        my_drafts_total=sum(counts.values()),
        my_state_counts=counts,
        accounts=tuple(accounts[:ACCOUNTS_SHOWN]),
        accounts_total=len(accounts),
        incidents=tuple(incidents),
        incidents_total=incidents_total,
        sees_all_incidents=sees_all,
    )


def publish_home(runtime: Runtime, *, user_id: str) -> None:
    """Build ``user_id``'s Home tab as of now and publish it (``views.publish``)."""
    from bot.blocks.home import build_home_view  # the builder imports this module's data classes

    config = runtime.config
    roles = config.roles
    with runtime.db.Session.begin() as session:
        data = load_home(
            session=session,
            user_id=user_id,
            now=runtime.now(),
            tz=runtime.tz,
            password_interval_days=config.schedule.password_interval_days,
            all_incidents_for=(*roles.pr, *roles.infosec, *roles.admins),
        )
    view = build_home_view(data, tz=runtime.tz, password_interval_days=config.schedule.password_interval_days)
    runtime.client.views_publish(user_id=user_id, view=view.to_dict())
    log.info(
        "home published for %s: awaiting=%d drafts=%d accounts=%d incidents=%d",
        user_id,
        data.awaiting_total,
        data.my_drafts_total,
        data.accounts_total,
        data.incidents_total,
    )
