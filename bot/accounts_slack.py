"""`/sns-account` as staff meet it in Slack: an account's compliance status for anyone, and for the
account's manager or an admin two actions: record a plan renewal (a modal with the new end date) and
record that the password was changed (a button with a confirmation).

The bot records only *that* a password was changed, by whom and when (``password_rotations`` and the
audit trail), never a password. Each function opens its own unit of work and talks to Slack after
the commit.

Refusals (unknown account, not allowed) are answered here, to the person who acted, rather than
raised to the app's error handler: a listener that raises right after its ``ack()`` makes Bolt (1.x,
HTTP mode, ``process_before_response=False``) drop the acknowledgement and answer Slack 404 after
three seconds, so the user would see both our message and Slack's error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.blocks import account as ui
from bot.blocks import to_dicts
from bot.config import Config
from bot.errors import PermissionDeniedError, UserFacingError
from bot.jobs.periods import month_start, plan_season
from bot.jobs.posting_frequency import AccountMonths, account_months
from bot.messages import format_date, mention
from bot.runtime import Runtime
from bot.workflows.accounts import audit_account, require_account
from handlers.ids import BlockId
from storage.models import Account
from storage.repositories import accounts as accounts_repo

log = logging.getLogger(__name__)

Respond = Callable[..., Any]
RENEWAL_MAX_YEARS = 2  # a plan is renewed per fiscal year; further ahead is a typo


@contextlib.contextmanager
def _refusals_to(reply: Callable[[str], Any]) -> Iterator[None]:
    """Answer a ``UserFacingError`` raised inside with its Japanese message (see the module doc)."""
    try:
        yield
    except UserFacingError as exc:
        log.info("refused (%s)", exc.code)
        reply(exc.message_ja)


def _ephemeral(respond: Respond) -> Callable[[str], Any]:
    return lambda text: respond(text=text, response_type="ephemeral", replace_original=False)


# --- Status -----------------------------------------------------------------------------------------------------


def can_edit(config: Config, *, manager: str, user_id: str) -> bool:
    return user_id == manager or user_id in config.roles.admins


def _status_view(config: Config, row: AccountMonths, *, viewer: str, today: dt.date) -> ui.AccountStatusView:
    schedule = config.schedule
    season = plan_season(schedule, today)
    if row.plan_valid_until < today:
        plan_state = ui.PlanState.LAPSED
    elif today >= season.reminders_from and row.plan_valid_until < season.lapse_on:
        plan_state = ui.PlanState.RENEWAL_DUE
    else:
        plan_state = ui.PlanState.VALID
    interval = dt.timedelta(days=schedule.password_interval_days)
    rotated = row.password_rotated_on
    due = rotated + interval if rotated else None
    return ui.AccountStatusView(
        id=row.id,
        platform=row.platform,
        handle=row.handle,
        department=row.department,
        manager=row.manager,
        deputies=row.deputies,
        plan_valid_until=row.plan_valid_until,
        plan_state=plan_state,
        lapse_on=row.plan_valid_until + dt.timedelta(days=1),
        password_rotated_on=rotated,
        password_age_days=(today - rotated).days if rotated else None,
        password_due=due,
        password_overdue=due is None or today >= due,
        two_factor=row.two_factor,
        posts_this_month=row.posts[0],
        min_posts_per_month=row.minimum,
        open_incident_id=row.open_incident_id,
        can_edit=can_edit(config, manager=row.manager, user_id=viewer),
    )


def status_views(
    *, session: Session, runtime: Runtime, viewer: str, account_ids: Sequence[str] | None
) -> list[ui.AccountStatusView]:
    """The status of the given accounts (all of them when None): one statement whatever the number."""
    today = runtime.now().date()
    rows = account_months(
        session=session, months=[month_start(today)], tz=runtime.tz, account_ids=account_ids, with_deputies=True
    )
    return [_status_view(runtime.config, r, viewer=viewer, today=today) for r in rows]


def _involved_ids(*, session: Session, user_id: str) -> list[str]:
    stmt = select(Account.id, Account.manager, Account.deputies, Account.operators).order_by(Account.id)
    return [
        i
        for i, manager, deputies, operators in session.connection().execute(stmt)
        if user_id == manager or user_id in (deputies or ()) or user_id in (operators or ())
    ]


def _is_staff(config: Config, user_id: str) -> bool:
    roles = config.roles
    return user_id in roles.admins or user_id in roles.pr or user_id in roles.infosec


def show_account(runtime: Runtime, *, user_id: str, text: str, respond: Respond) -> None:
    """`/sns-account ACCOUNT`: the account's status; `/sns-account`: the user's accounts (PR,
    infosec and admins see every account)."""
    account_id = text.split()[0] if text.strip() else None
    with _refusals_to(_ephemeral(respond)):
        _show_account(runtime, user_id=user_id, account_id=account_id, respond=respond)


def _show_account(runtime: Runtime, *, user_id: str, account_id: str | None, respond: Respond) -> None:
    with runtime.db.Session.begin() as session:
        if account_id is not None:
            require_account(session=session, account_id=account_id)
            [view] = status_views(session=session, runtime=runtime, viewer=user_id, account_ids=[account_id])
            blocks, fallback = ui.build_account_status_blocks(view), ui.account_status_text(view)
        else:
            everyone = _is_staff(runtime.config, user_id)
            ids = None if everyone else _involved_ids(session=session, user_id=user_id)
            views = status_views(session=session, runtime=runtime, viewer=user_id, account_ids=ids)
            blocks = ui.build_account_list_blocks(views, everyone=everyone)
            fallback = ui.list_text(views, everyone=everyone)
    respond(text=fallback, blocks=to_dicts(blocks), response_type="ephemeral", replace_original=False)


# --- Plan renewal -----------------------------------------------------------------------------------------------


def _require_editor(config: Config, account: Account, *, user_id: str, action: str) -> None:
    if not can_edit(config, manager=account.manager, user_id=user_id):
        raise PermissionDeniedError(
            ui.NOT_ALLOWED.format(account_id=account.id, action=action, manager=mention(account.manager)),
            code="not_account_editor",
        )


def suggested_end(config: Config, *, today: dt.date, current: dt.date) -> dt.date:
    """The end date the modal proposes: the end of the coming fiscal year in the renewal season (or of
    the current one outside it), and never one the plan already reaches."""
    season = plan_season(config.schedule, today)
    suggested = season.next_cycle_ends_on if today >= season.reminders_from else season.ends_on
    return suggested if suggested > current else season.next_cycle_ends_on


def open_plan_renewal(
    runtime: Runtime,
    *,
    user_id: str,
    account_id: str,
    trigger_id: str,
    respond: Respond,
    channel: str | None = None,
) -> None:
    """The renew-plan button: open the modal for the account's manager or an admin. ``channel``, where
    the button was, goes into the modal's metadata (the app's convention for showing a refusal)."""
    with _refusals_to(_ephemeral(respond)):
        _open_plan_renewal(runtime, user_id=user_id, account_id=account_id, trigger_id=trigger_id, channel=channel)


def _open_plan_renewal(
    runtime: Runtime, *, user_id: str, account_id: str, trigger_id: str, channel: str | None
) -> None:
    today = runtime.now().date()
    with runtime.db.Session.begin() as session:
        account = require_account(session=session, account_id=account_id)
        _require_editor(runtime.config, account, user_id=user_id, action=ui.ACTION_RENEW_PLAN)
        current = account.plan_valid_until
    modal = ui.build_plan_renewal_modal(
        account_id=account_id,
        channel=channel,
        valid_until=current,
        suggested=suggested_end(runtime.config, today=today, current=current),
    )
    runtime.client.views_open(trigger_id=trigger_id, view=modal.to_dict())


def _submitted_account(view: Mapping[str, Any]) -> str:
    return ui.account_from_metadata(view.get("private_metadata") or "")


def _submitted_date(view: Mapping[str, Any]) -> dt.date | None:
    values = (view.get("state") or {}).get("values") or {}
    selected = (values.get(BlockId.PLAN_VALID_UNTIL) or {}).get(BlockId.PLAN_VALID_UNTIL) or {}
    raw = selected.get("selected_date")
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def plan_renewal_errors(runtime: Runtime, *, user_id: str, view: Mapping[str, Any]) -> dict[str, str]:
    """The modal's input errors by block id ({} when it can be recorded)."""
    today = runtime.now().date()
    day = _submitted_date(view)
    if day is None:
        return {BlockId.PLAN_VALID_UNTIL: ui.DATE_REQUIRED}
    if day <= today:
        return {BlockId.PLAN_VALID_UNTIL: ui.DATE_NOT_AFTER_TODAY}
    limit = dt.date(today.year + RENEWAL_MAX_YEARS, 3, 31)
    if day > limit:
        return {BlockId.PLAN_VALID_UNTIL: ui.DATE_TOO_FAR.format(limit=format_date(limit))}
    try:
        with runtime.db.Session.begin() as session:
            account = require_account(session=session, account_id=_submitted_account(view))
            _require_editor(runtime.config, account, user_id=user_id, action=ui.ACTION_RENEW_PLAN)
    except UserFacingError as exc:
        # Shown under the date, in the modal the user is looking at.
        return {BlockId.PLAN_VALID_UNTIL: exc.message_ja}
    return {}


def renew_plan(runtime: Runtime, *, user_id: str, view: Mapping[str, Any]) -> None:
    """Record the renewal (after ``plan_renewal_errors`` found none) and confirm it by DM."""
    with _refusals_to(lambda text: _dm(runtime, user_id, text)):
        _renew_plan(runtime, user_id=user_id, view=view)


def _renew_plan(runtime: Runtime, *, user_id: str, view: Mapping[str, Any]) -> None:
    day = _submitted_date(view)
    account_id = _submitted_account(view)
    if day is None:
        return
    now = runtime.clock()
    today = runtime.now().date()
    with runtime.db.Session.begin() as session:
        account = require_account(session=session, account_id=account_id)
        _require_editor(runtime.config, account, user_id=user_id, action=ui.ACTION_RENEW_PLAN)
        previous = account.plan_valid_until
        accounts_repo.record_plan_renewal(
            session=session, account=account, valid_until=day, recorded_by=user_id, at=now
        )
        audit_account(
            session=session,
            actor=user_id,
            entity_id=account.id,
            action="plan_renewed",
            data={"from": previous.isoformat(), "to": day.isoformat()},
            at=now,
        )
        manager = account.manager
    log.info("account %s plan renewed until %s by %s", account_id, day.isoformat(), user_id)
    text = ui.PLAN_RENEWED.format(account_id=account_id, valid_until=format_date(day))
    if previous < today:
        text += ui.PLAN_RENEWED_WAS_LAPSED
    for recipient in dict.fromkeys((user_id, manager)):  # one DM when the manager renewed it
        _dm(runtime, recipient, text)


# --- Password rotation ------------------------------------------------------------------------------------------


def record_password_rotated(runtime: Runtime, *, user_id: str, account_id: str, respond: Respond) -> None:
    """The password button (after Slack's confirmation): record that it was changed today, by whom."""
    reply = _ephemeral(respond)
    with _refusals_to(reply):
        reply(_record_password_rotated(runtime, user_id=user_id, account_id=account_id))


def _record_password_rotated(runtime: Runtime, *, user_id: str, account_id: str) -> str:
    now = runtime.clock()
    today = runtime.now().date()
    with runtime.db.Session.begin() as session:
        require_account(session=session, account_id=account_id)
        # Row lock on PostgreSQL (SQLite's transactions are serialised anyway): two clicks record once.
        account = session.get(Account, account_id, with_for_update=True, populate_existing=True)
        _require_editor(runtime.config, account, user_id=user_id, action=ui.ACTION_PASSWORD)
        if account.password_rotated_on == today:
            text = ui.PASSWORD_ALREADY_RECORDED.format(account_id=account_id)
        else:
            accounts_repo.record_password_rotation(
                session=session, account=account, rotated_on=today, recorded_by=user_id, at=now
            )
            audit_account(
                session=session,
                actor=user_id,
                entity_id=account.id,
                action="password_rotated",
                data={"rotated_on": today.isoformat()},
                at=now,
            )
            due = today + dt.timedelta(days=runtime.config.schedule.password_interval_days)
            text = ui.PASSWORD_RECORDED.format(account_id=account_id, day=format_date(today), due=format_date(due))
            log.info("account %s password change recorded by %s", account_id, user_id)
    return text


def _dm(runtime: Runtime, user_id: str, text: str) -> None:
    try:
        runtime.client.chat_postMessage(channel=user_id, text=text)
    except SlackApiError as exc:
        log.warning("DM to %s failed: %s", user_id, exc.response.get("error"))
    except (SlackClientError, OSError) as exc:
        log.warning("DM to %s failed: %s", user_id, type(exc).__name__)
