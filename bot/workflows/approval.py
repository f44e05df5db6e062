"""Approval: request it, decide on it (approve, request changes, reject), then publish or void.

The rules hold whatever the caller does: only the account's manager or a deputy decides, never
the draft's author (tatsuno 4(4)); a `block` verdict never reaches approval; `warn` findings must
be accepted explicitly; a decision binds the content hash the approver saw; a lapsed plan or an
open incident stops approval and publishing. Each decision is one conditional UPDATE, so of two
approvers clicking at once (or two bot instances handling one click) exactly one wins; the loser
is told who decided.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from bot import messages as msg
from bot.errors import ConflictError, InvalidInputError, InvalidStateError, PermissionDeniedError
from bot.workflows import TOKYO, local_today
from bot.workflows._transitions import MOVES, Move, apply, require_draft
from bot.workflows.accounts import check_can_publish, require_account
from rules import Category, Severity, Verdict
from storage.db import utcnow
from storage.models import Account, Draft, DraftState, Incident, IncidentState
from storage.repositories import drafts as drafts_repo
from storage.repositories import incidents as incidents_repo

log = logging.getLogger(__name__)

_DECIDED = frozenset({DraftState.APPROVED, DraftState.CHANGES_REQUESTED, DraftState.REJECTED})


# --- Conditions evaluated inside the conditional UPDATE -------------------------------------------------


def _plan_valid(today: dt.date) -> ColumnElement[bool]:
    return exists(select(Account.id).where(Account.id == Draft.account_id, Account.plan_valid_until >= today))


def _no_open_incident() -> ColumnElement[bool]:
    return ~exists(
        select(Incident.id).where(Incident.account_id == Draft.account_id, Incident.state == IncidentState.OPEN)
    )


# --- Requesting approval and holding it during incidents ---------------------------------------------


def ask_for_approval(*, session: Session, draft: Draft, actor: str) -> Incident | None:
    """Move a screened draft to awaiting approval; if the account has an open incident, straight on hold.

    Returns the incident that holds the request, or None. (``submission`` calls this after screening.)
    """
    updated = apply(
        session=session,
        draft=draft,
        move=MOVES["request_approval"],
        actor=actor,
        values={"approval_requested_at": utcnow()},
    )
    if updated is None:
        raise ConflictError(msg.CONCURRENT_CHANGE, code="concurrent_change")
    incident = incidents_repo.open_for_account(session=session, account_id=updated.account_id)
    if incident is not None:
        _hold(session=session, draft=updated, incident=incident, actor=actor)
    return incident


def request_approval(*, session: Session, draft_id: int, actor: str) -> Incident | None:
    """The author asks again (e.g. after changes were requested and the text is unchanged)."""
    draft = require_draft(session=session, draft_id=draft_id)
    if actor != draft.author:
        raise PermissionDeniedError(
            msg.NOT_AUTHOR.format(action=msg.ACTION_LABELS["request_approval"], author=msg.mention(draft.author)),
            code="not_author",
        )
    if draft.verdict == Verdict.BLOCK:
        raise InvalidStateError(msg.BLOCKED, code="blocked")
    if draft.state not in MOVES["request_approval"].sources:
        raise InvalidStateError(
            msg.NOT_AWAITING.format(state=msg.STATE_LABELS[draft.state], action=msg.ACTION_LABELS["request_approval"]),
            code="invalid_state",
        )
    return ask_for_approval(session=session, draft=draft, actor=actor)


def _hold(*, session: Session, draft: Draft, incident: Incident, actor: str) -> Draft | None:
    return apply(
        session=session,
        draft=draft,
        move=MOVES["hold"],
        actor=actor,
        reason=msg.HELD_BY_INCIDENT.format(account_id=draft.account_id, incident_id=incident.id),
        data={"incident": incident.id},
    )


def hold_pending(*, session: Session, incident: Incident, actor: str) -> list[Draft]:
    """An incident opened on the account: put every draft awaiting approval on hold."""
    if incident.account_id is None:
        return []
    pending = drafts_repo.in_states(
        session=session, account_id=incident.account_id, states=[DraftState.AWAITING_APPROVAL]
    )
    held = [_hold(session=session, draft=d, incident=incident, actor=actor) for d in pending]
    return [d for d in held if d is not None]


def release_held(*, session: Session, account_id: str, actor: str) -> list[Draft]:
    """The account's last open incident closed: drafts on hold await approval again."""
    if incidents_repo.open_for_account(session=session, account_id=account_id) is not None:
        return []
    released = []
    for draft in drafts_repo.in_states(session=session, account_id=account_id, states=[DraftState.ON_HOLD]):
        updated = apply(session=session, draft=draft, move=MOVES["release"], actor=actor)
        if updated is not None:
            released.append(updated)
    return released


# --- Decisions ---------------------------------------------------------------------------------------


def _check_decision(
    *,
    session: Session,
    draft: Draft,
    account: Account,
    approver: str,
    action: str,
    content_hash: str,
    today: dt.date,
    tz: dt.tzinfo,
) -> None:
    """Raise the first reason why ``approver`` may not take ``action`` on ``draft`` now."""
    label = msg.ACTION_LABELS[action]
    approvers = msg.approvers_text(account.manager, list(account.deputies))
    if approver == draft.author:
        raise PermissionDeniedError(msg.SELF_APPROVAL.format(action=label, approvers=approvers), code="self_approval")
    if approver not in account.approvers():
        raise PermissionDeniedError(
            msg.NOT_APPROVER.format(
                user=msg.mention(approver), account_id=account.id, action=label, approvers=approvers
            ),
            code="not_approver",
        )
    if action == "approve":
        check_can_publish(session=session, account=account, action=action, today=today)
    if draft.state in _DECIDED and draft.decided_by and draft.decided_at:
        raise ConflictError(
            msg.ALREADY_DECIDED.format(
                when=msg.format_datetime(draft.decided_at, tz),
                who=msg.who(draft.decided_by, approver),
                decision=msg.DECISION_LABELS[draft.state],
            ),
            code="already_decided",
        )
    if action == "approve" and draft.verdict == Verdict.BLOCK:
        raise InvalidStateError(msg.BLOCKED, code="blocked")
    if draft.state not in MOVES[action].sources:
        raise InvalidStateError(
            msg.NOT_AWAITING.format(state=msg.STATE_LABELS[draft.state], action=label), code="invalid_state"
        )
    if content_hash != draft.content_hash:
        raise ConflictError(msg.STALE_CONTENT, code="stale_content")


def _decide(
    *,
    session: Session,
    draft_id: int,
    approver: str,
    content_hash: str,
    move: Move,
    reason: str | None = None,
    accept_warnings: bool = False,
    tz: dt.tzinfo,
) -> Draft:
    draft = require_draft(session=session, draft_id=draft_id)
    account = require_account(session=session, account_id=draft.account_id)
    today = local_today(tz)
    check = functools.partial(
        _check_decision,
        session=session,
        account=account,
        approver=approver,
        action=move.action,
        content_hash=content_hash,
        today=today,
        tz=tz,
    )
    check(draft=draft)

    conditions: list[ColumnElement[bool]] = [Draft.content_hash == content_hash]
    values: dict[str, object] = {"decided_by": approver, "decided_at": utcnow(), "decision_reason": reason}
    data: dict[str, object] | None = None
    if move.action == "approve":
        warnings = [f for f in draft.findings if f["severity"] == Severity.WARN]
        if warnings and not accept_warnings:
            categories = dict.fromkeys(Category(f["category"]).label for f in warnings)
            raise InvalidStateError(
                msg.WARNINGS_NOT_ACCEPTED.format(count=len(warnings), rules="、".join(categories)),
                code="warnings_not_accepted",
            )
        accepted = sorted({f["rule"] for f in warnings})
        values |= {"approved_hash": content_hash, "accepted_warnings": accepted}
        data = {"accepted_warnings": accepted} if accepted else None
        conditions += [Draft.verdict != Verdict.BLOCK, _plan_valid(today), _no_open_incident()]

    updated = apply(
        session=session,
        draft=draft,
        move=move,
        actor=approver,
        values=values,
        conditions=conditions,
        reason=reason,
        data=data,
    )
    if updated is None:
        # Lost a race, or the world changed between our read and the update: say what happened.
        fresh = drafts_repo.reload(session=session, draft_id=draft_id)
        session.refresh(account)
        if fresh is not None:
            check(draft=fresh)
        raise ConflictError(msg.CONCURRENT_CHANGE, code="concurrent_change")
    log.info("draft %s %s by %s hash=%s", updated.id, move.action, approver, content_hash[:12])
    return updated


def approve(
    *,
    session: Session,
    draft_id: int,
    approver: str,
    content_hash: str,
    accept_warnings: bool = False,
    tz: dt.tzinfo = TOKYO,
) -> Draft:
    """Approve the draft as the approver saw it (``content_hash`` from the approval message).

    ``accept_warnings`` must be True when the draft has `warn` findings: the approver confirmed them.
    """
    return _decide(
        session=session,
        draft_id=draft_id,
        approver=approver,
        content_hash=content_hash,
        move=MOVES["approve"],
        accept_warnings=accept_warnings,
        tz=tz,
    )


def _required_reason(reason: str | None, action: str) -> str:
    if not reason or not reason.strip():
        raise InvalidInputError(msg.REASON_REQUIRED.format(action=msg.ACTION_LABELS[action]), code="reason_required")
    return reason.strip()


def decide_with_reason(
    *,
    session: Session,
    action: str,
    draft_id: int,
    approver: str,
    content_hash: str,
    reason: str | None,
    tz: dt.tzinfo = TOKYO,
) -> Draft:
    """``request_changes`` (the draft goes back to its author; an edit then asks for approval again) or
    ``reject`` (for good), with a reason the author is told."""
    return _decide(
        session=session,
        draft_id=draft_id,
        approver=approver,
        content_hash=content_hash,
        move=MOVES[action],
        reason=_required_reason(reason, action),
        tz=tz,
    )


request_changes = functools.partial(decide_with_reason, action="request_changes")
reject = functools.partial(decide_with_reason, action="reject")


# --- After approval ----------------------------------------------------------------------------------


def _check_member(account: Account, actor: str, action: str, allowed: Iterable[str]) -> None:
    if actor not in set(allowed):
        raise PermissionDeniedError(
            msg.NOT_ACCOUNT_MEMBER.format(
                user=msg.mention(actor), account_id=account.id, action=msg.ACTION_LABELS[action]
            ),
            code="not_account_member",
        )


def _valid_url(url: str | None) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or any(ch.isspace() for ch in url):
        raise InvalidInputError(msg.INVALID_URL, code="invalid_url")
    return url


def mark_published(*, session: Session, draft_id: int, actor: str, url: str | None, tz: dt.tzinfo = TOKYO) -> Draft:
    """Record that the approved draft was posted, with the post's URL."""
    draft = require_draft(session=session, draft_id=draft_id)
    account = require_account(session=session, account_id=draft.account_id)
    today = local_today(tz)

    def check(d: Draft) -> None:
        _check_member(account, actor, "publish", (d.author, *account.operators, *account.approvers()))
        check_can_publish(session=session, account=account, action="publish", today=today)
        if d.state == DraftState.PUBLISHED and d.published_by and d.published_at:
            raise ConflictError(
                msg.ALREADY_PUBLISHED.format(
                    when=msg.format_datetime(d.published_at, tz), who=msg.who(d.published_by, actor)
                ),
                code="already_published",
            )
        if d.state not in MOVES["publish"].sources:
            raise InvalidStateError(
                msg.NOT_AWAITING.format(state=msg.STATE_LABELS[d.state], action=msg.ACTION_LABELS["publish"]),
                code="invalid_state",
            )

    check(draft)
    url = _valid_url(url)
    updated = apply(
        session=session,
        draft=draft,
        move=MOVES["publish"],
        actor=actor,
        values={"published_url": url, "published_at": utcnow(), "published_by": actor},
        conditions=[Draft.content_hash == Draft.approved_hash, _plan_valid(today), _no_open_incident()],
        data={"url": url},
    )
    if updated is None:
        fresh = drafts_repo.reload(session=session, draft_id=draft_id)
        if fresh is not None:
            check(fresh)
        raise ConflictError(msg.CONCURRENT_CHANGE, code="concurrent_change")
    return updated


def void(*, session: Session, draft_id: int, actor: str, reason: str | None = None) -> Draft:
    """Cancel an approval that will not be posted (the author or an approver)."""
    draft = require_draft(session=session, draft_id=draft_id)
    account = require_account(session=session, account_id=draft.account_id)
    _check_member(account, actor, "void", (draft.author, *account.approvers()))
    if draft.state not in MOVES["void"].sources:
        raise InvalidStateError(
            msg.NOT_AWAITING.format(state=msg.STATE_LABELS[draft.state], action=msg.ACTION_LABELS["void"]),
            code="invalid_state",
        )
    updated = apply(session=session, draft=draft, move=MOVES["void"], actor=actor, reason=reason)
    if updated is None:
        raise ConflictError(msg.CONCURRENT_CHANGE, code="concurrent_change")
    return updated


def expire(*, session: Session, draft_id: int, reason: str | None = None, actor: str = "system") -> Draft | None:
    """Close a draft left undecided (for the reminder jobs); None if it was decided meanwhile."""
    draft = require_draft(session=session, draft_id=draft_id)
    if draft.state not in MOVES["expire"].sources:
        return None
    return apply(session=session, draft=draft, move=MOVES["expire"], actor=actor, reason=reason)
