"""The draft state machine: which move goes from which states to which, applied as one conditional
UPDATE plus its audit row, in the caller's unit of work."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from bot import messages as msg
from bot.errors import InvalidStateError, NotFoundError, PermissionDeniedError
from storage.models import Draft, DraftState
from storage.repositories import audit as audit_repo
from storage.repositories import drafts as drafts_repo

S = DraftState

# Every draft's audit record (``entity_id`` is the draft's id).
audit_draft = functools.partial(audit_repo.record, entity="draft")
_OPEN = frozenset({S.SCREENED, S.AWAITING_APPROVAL, S.ON_HOLD, S.CHANGES_REQUESTED})


@dataclass(frozen=True, slots=True)
class Move:
    action: str  # also the audit trail's `action`
    sources: frozenset[DraftState]
    target: DraftState | None  # None: the draft stays in the state it is in (a change recorded in place)


MOVES: dict[str, Move] = {
    m.action: m
    for m in (
        Move("request_approval", frozenset({S.SCREENED, S.CHANGES_REQUESTED}), S.AWAITING_APPROVAL),
        Move("hold", frozenset({S.AWAITING_APPROVAL}), S.ON_HOLD),
        Move("release", frozenset({S.ON_HOLD}), S.AWAITING_APPROVAL),
        Move("approve", frozenset({S.AWAITING_APPROVAL}), S.APPROVED),
        Move("request_changes", frozenset({S.AWAITING_APPROVAL}), S.CHANGES_REQUESTED),
        Move("reject", frozenset({S.AWAITING_APPROVAL}), S.REJECTED),
        Move("publish", frozenset({S.APPROVED}), S.PUBLISHED),
        Move("void", frozenset({S.APPROVED}), S.VOIDED),
        Move("withdraw", _OPEN | {S.APPROVED}, S.WITHDRAWN),
        Move("expire", _OPEN, S.EXPIRED),
        # An edit re-screens the draft and voids any approval: the approval bound the old content hash.
        Move("edit", _OPEN | {S.APPROVED}, S.SCREENED),
        # The author declares who is in the photos: the findings change, the content (and its hash) does not.
        # Not after approval: the approver has then already confirmed the consent.
        Move("declare_photos", _OPEN, None),
    )
}


def apply(
    *,
    session: Session,
    draft: Draft,
    move: Move,
    actor: str,
    values: dict[str, Any] | None = None,
    conditions: Iterable[ColumnElement[bool]] = (),
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> Draft | None:
    """Move ``draft`` from the state it was read in to ``move.target`` if nothing changed meanwhile.

    Returns the updated draft, or None when the conditional UPDATE matched no row (someone else
    acted first, the draft was edited, or an extra condition failed): no audit row is written then.
    """
    assert draft.state in move.sources, f"{move.action} from {draft.state}"
    from_state = draft.state
    to_state = move.target or from_state
    updated = drafts_repo.transition(
        session=session,
        draft_id=draft.id,
        expected_state=from_state,
        expected_version=draft.version,
        values={"state": to_state, **(values or {})},
        conditions=conditions,
    )
    if updated is None:
        return None
    audit_draft(
        session=session,
        actor=actor,
        entity_id=updated.id,
        action=move.action,
        from_state=from_state.value,
        to_state=to_state.value,
        content_hash=updated.content_hash,
        reason=reason,
        data=data,
    )
    return updated


def require_author(*, draft: Draft, actor: str, move: Move) -> None:
    """Refuse ``actor`` unless they wrote ``draft`` and ``move`` can start from its state (the refusals
    name what they tried as ``bot.messages.ACTION_LABELS`` does, e.g. 「編集」)."""
    label = msg.ACTION_LABELS[move.action]
    if actor != draft.author:
        raise PermissionDeniedError(
            msg.NOT_AUTHOR.format(action=label, author=msg.mention(draft.author)), code="not_author"
        )
    if draft.state not in move.sources:
        raise InvalidStateError(
            msg.DRAFT_CLOSED.format(state=msg.STATE_LABELS[draft.state], action=label), code="draft_closed"
        )


def require_draft(*, session: Session, draft_id: int) -> Draft:
    draft = drafts_repo.get(session=session, draft_id=draft_id)
    if draft is None:
        raise NotFoundError(msg.UNKNOWN_DRAFT.format(draft_id=draft_id), code="unknown_draft")
    return draft
