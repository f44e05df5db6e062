"""Drafts in: submit (screen and record), edit (re-screen, voiding any approval), withdraw."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from bot import messages as msg
from bot import photos
from bot.errors import AccountUnavailableError, ConflictError, InvalidInputError, PermissionDeniedError
from bot.photos import PhotoConsent
from bot.workflows import TOKYO, Screener, local_today
from bot.workflows import approval as approval_flow
from bot.workflows._transitions import MOVES, apply, audit_draft, require_author, require_draft
from bot.workflows.accounts import require_account
from rules import Category, DraftError, Finding, Report, Severity, Verdict
from rules import Draft as ScreeningInput
from rules.model import verdict_of
from storage.models import Account, Draft, DraftState, DraftVia, Incident
from storage.repositories import audit as audit_repo
from storage.repositories import drafts as drafts_repo

log = logging.getLogger(__name__)

RECENT_POSTS_FOR_SPAM = 20


@dataclasses.dataclass(frozen=True, slots=True)
class Attachment:
    """What we keep of an attached file: its identity, never its content."""

    id: str  # Slack file ID
    name: str
    mimetype: str | None = None
    size: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def content_hash(
    *, text: str, platform: str, planned_at: dt.datetime | None, attachments: Sequence[Attachment] = ()
) -> str:
    """SHA-256 of exactly what an approver approves: the text, the platform, the planned time and the
    attached files (an image swapped after approval must void it as surely as an edited word)."""
    canonical = json.dumps(
        {
            "text": text,
            "platform": platform,
            "planned_at": planned_at.astimezone(dt.UTC).isoformat() if planned_at else None,
            "attachments": [[a.id, a.name, a.mimetype, a.size] for a in attachments],
        },
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def stored_report(draft: Draft) -> Report:
    """The screening report as recorded with the draft (to redraw a Slack message without screening again)."""
    findings = tuple(
        Finding(**{**f, "category": Category(f["category"]), "severity": Severity(f["severity"])})
        for f in draft.findings
    )
    return Report(verdict=Verdict(draft.verdict), findings=findings)


@dataclasses.dataclass(frozen=True, slots=True)
class Submission:
    draft: Draft
    report: Report
    incident: Incident | None = None  # the open incident that put the approval request on hold
    previous_state: DraftState | None = None  # for an edit: where the draft was (APPROVED: the approval was voided)
    changed: bool = True  # False: nothing new (a repeated delivery, or an edit that changed nothing)

    @property
    def approval_voided(self) -> bool:
        return self.changed and self.previous_state == DraftState.APPROVED


def _screen(
    *, session: Session, screener: Screener, account: Account, text: str, platform: str, planned_at: dt.datetime | None
) -> Report:
    recent = drafts_repo.recent_published_texts(session=session, account_id=account.id, limit=RECENT_POSTS_FOR_SPAM)
    try:
        return screener(ScreeningInput(text=text, platform=platform, at=planned_at, recent_posts=recent))
    except DraftError as exc:
        raise InvalidInputError(str(exc), code="invalid_draft") from None


def _check_planned_at(planned_at: dt.datetime | None) -> None:
    if planned_at is not None and planned_at.utcoffset() is None:
        raise ValueError("planned_at must be timezone-aware")


def _audit_data(report: Report) -> dict[str, Any]:
    # Rule codes only: the audit trail keeps no draft text.
    return {"verdict": report.verdict.value, "rules": sorted({f.rule for f in report.findings})}


def submit(
    *,
    session: Session,
    account_id: str,
    author: str,
    text: str,
    screener: Screener,
    planned_at: dt.datetime | None = None,
    platform: str | None = None,
    attachments: Sequence[Attachment] = (),
    source_channel: str | None = None,
    source_ts: str | None = None,
    via: DraftVia = DraftVia.CHANNEL,
    photo_consent: str | None = None,
    tz: dt.tzinfo = TOKYO,
) -> Submission:
    """Screen a new draft and record it; unless the verdict is `block`, ask for approval.

    ``via`` is recorded on the draft (and, with the author's ``photo_consent`` declaration, in the audit
    trail's submit event; see ``declared_photo_consent``).

    Refused (nothing stored) for an unknown account, an author who is not one of the account's
    operators, a lapsed plan, or a text the engine cannot screen. A draft already recorded for the
    same Slack message is returned as it is (``changed=False``).
    """
    _check_planned_at(planned_at)
    account = require_account(session=session, account_id=account_id)
    if author not in account.operators:
        raise PermissionDeniedError(
            msg.NOT_OPERATOR.format(
                user=msg.mention(author), account_id=account.id, manager=msg.mention(account.manager)
            ),
            code="not_operator",
        )
    if account.plan_lapsed(local_today(tz)):
        raise AccountUnavailableError(
            msg.PLAN_LAPSED_SUBMIT.format(
                account_id=account.id,
                valid_until=msg.format_date(account.plan_valid_until),
                manager=msg.mention(account.manager),
            ),
            code="plan_lapsed",
        )
    platform = platform or account.platform
    if platform != account.platform:
        raise InvalidInputError(
            msg.PLATFORM_MISMATCH.format(account_id=account.id, account_platform=account.platform, platform=platform),
            code="platform_mismatch",
        )
    if source_channel and source_ts:
        existing = drafts_repo.get_by_source(session=session, channel=source_channel, ts=source_ts)
        if existing is not None:
            return Submission(draft=existing, report=stored_report(existing), changed=False)

    report = _screen(
        session=session, screener=screener, account=account, text=text, platform=platform, planned_at=planned_at
    )
    draft = drafts_repo.add(
        session=session,
        draft=Draft(
            account_id=account.id,
            author=author,
            text=text,
            platform=platform,
            planned_at=planned_at,
            attachments=[a.to_dict() for a in attachments],
            content_hash=content_hash(text=text, platform=platform, planned_at=planned_at, attachments=attachments),
            state=DraftState.SCREENED,
            verdict=report.verdict,
            findings=[f.to_dict() for f in report.findings],
            source_channel=source_channel,
            source_ts=source_ts,
            via=via,
        ),
    )
    audit_draft(
        session=session,
        actor=author,
        entity_id=draft.id,
        action="submit",
        to_state=DraftState.SCREENED.value,
        content_hash=draft.content_hash,
        data={
            "account": account.id,
            # Only what differs from a channel draft, which is what an event without these keys describes.
            **({"via": via.value} if via != DraftVia.CHANNEL else {}),
            **({"photo_consent": photo_consent} if photo_consent else {}),
            **_audit_data(report),
        },
    )
    log.info(
        "draft %s submitted account=%s hash=%s verdict=%s",
        draft.id,
        account.id,
        draft.content_hash[:12],
        report.verdict,
    )
    incident = None
    if report.verdict != Verdict.BLOCK:
        incident = approval_flow.ask_for_approval(session=session, draft=draft, actor=author)
    return Submission(draft=draft, report=report, incident=incident)


_UNCHANGED: Any = object()


def check_can_edit(*, draft: Draft, editor: str) -> None:
    """Refuse unless ``editor`` wrote the draft and it is still open or approved (what ``edit`` checks first)."""
    require_author(draft=draft, actor=editor, move=MOVES["edit"])


def edit(
    *,
    session: Session,
    draft_id: int,
    editor: str,
    text: str,
    screener: Screener,
    planned_at: dt.datetime | None = _UNCHANGED,
    attachments: Sequence[Attachment] = _UNCHANGED,
) -> Submission:
    """The author changed the draft: screen it again and void any approval (it bound the old content hash).

    Unless the new verdict is `block`, approval is requested again.
    """
    draft = require_draft(session=session, draft_id=draft_id)
    move = MOVES["edit"]
    check_can_edit(draft=draft, editor=editor)
    if planned_at is _UNCHANGED:
        planned_at = draft.planned_at
    _check_planned_at(planned_at)
    if attachments is _UNCHANGED:
        attachments = [Attachment(**a) for a in draft.attachments]
    new_hash = content_hash(text=text, platform=draft.platform, planned_at=planned_at, attachments=attachments)
    if new_hash == draft.content_hash:
        return Submission(draft=draft, report=stored_report(draft), previous_state=draft.state, changed=False)

    account = require_account(session=session, account_id=draft.account_id)
    report = _screen(
        session=session, screener=screener, account=account, text=text, platform=draft.platform, planned_at=planned_at
    )
    previous = draft.state
    updated = apply(
        session=session,
        draft=draft,
        move=move,
        actor=editor,
        values={
            "text": text,
            "planned_at": planned_at,
            "attachments": [a.to_dict() for a in attachments],
            "content_hash": new_hash,
            "verdict": report.verdict,
            "findings": [f.to_dict() for f in report.findings],
            # Whatever was decided about the old content no longer applies.
            "approval_requested_at": None,
            "decided_by": None,
            "decided_at": None,
            "decision_reason": None,
            "approved_hash": None,
            "accepted_warnings": [],
        },
        data={
            "previous_hash": draft.content_hash,
            "approval_voided": previous == DraftState.APPROVED,
            **_audit_data(report),
        },
    )
    if updated is None:
        raise ConflictError(msg.CONCURRENT_CHANGE, code="concurrent_change")
    log.info("draft %s edited hash=%s verdict=%s from=%s", updated.id, new_hash[:12], report.verdict, previous)
    incident = None
    if report.verdict != Verdict.BLOCK:
        incident = approval_flow.ask_for_approval(session=session, draft=updated, actor=editor)
    return Submission(draft=updated, report=report, incident=incident, previous_state=previous)


def declare_photos(
    *,
    session: Session,
    draft_id: int,
    author: str,
    content_hash: str,
    consent: PhotoConsent,
) -> Draft:
    """The author declares who is in the draft's photos (``consent``: no one identifiable, or people who
    consented); the consent finding leaves the draft and its verdict is worked out again. The photos'
    other findings (location data) stay: only replacing the photo answers them.

    The content is unchanged, so the state and any ticks stay; the declaration is in the audit trail
    (``declare_photos``, with the consent and the rules withdrawn). ``content_hash`` is the one the
    author looked at: photos replaced since then make the click stale.
    """
    draft = require_draft(session=session, draft_id=draft_id)
    move = MOVES["declare_photos"]
    require_author(draft=draft, actor=author, move=move)
    if content_hash != draft.content_hash:
        raise ConflictError(msg.STALE_CONTENT, code="stale_content")
    findings = stored_report(draft).findings
    kept = tuple(f for f in findings if f.rule != photos.CONSENT_RULE)
    withdrawn = sorted({f.rule for f in findings} - {f.rule for f in kept})
    verdict = verdict_of(kept)
    updated = apply(
        session=session,
        draft=draft,
        move=move,
        actor=author,
        values={"findings": [f.to_dict() for f in kept], "verdict": verdict},
        data={"consent": consent.value, "withdrawn": withdrawn, "verdict": verdict.value},
    )
    if updated is None:
        raise ConflictError(msg.CONCURRENT_CHANGE, code="concurrent_change")
    log.info("draft %s photos declared %s by %s verdict=%s", updated.id, consent, author, verdict)
    return updated


def declared_photo_consent(*, session: Session, draft_id: int) -> str | None:
    """What the author last declared about people in the photos, from the audit trail: the modal's
    answer, or a later declaration in the thread (None: never asked, or never answered)."""
    consent = None
    for event in audit_repo.for_entity(session=session, entity="draft", entity_id=draft_id):
        data = event.data or {}
        if event.action == "submit":
            consent = data.get("photo_consent") or consent
        elif event.action == "declare_photos":
            consent = data.get("consent") or consent
    return consent


def withdraw(*, session: Session, draft_id: int, actor: str, reason: str | None = None) -> Draft:
    """The author takes the draft back (before it is published)."""
    draft = require_draft(session=session, draft_id=draft_id)
    move = MOVES["withdraw"]
    require_author(draft=draft, actor=actor, move=move)
    updated = apply(session=session, draft=draft, move=move, actor=actor, reason=reason)
    if updated is None:
        raise ConflictError(msg.CONCURRENT_CHANGE, code="concurrent_change")
    return updated


def find_by_source(*, session: Session, channel: str, ts: str) -> Draft | None:
    """The draft recorded for a Slack message (to re-screen it when the message is edited)."""
    return drafts_repo.get_by_source(session=session, channel=channel, ts=ts)


def set_reply(*, session: Session, draft_id: int, channel: str, ts: str) -> None:
    """Remember where the bot answered the draft, so later updates edit that message."""
    drafts_repo.set_reply(session=session, draft_id=draft_id, channel=channel, ts=ts)


def attachments_from(items: Sequence[Mapping[str, Any]]) -> list[Attachment]:
    """Attachment metadata from Slack file objects (``id``, ``name``, ``mimetype``, ``size``)."""
    return [
        Attachment(id=str(f["id"]), name=str(f.get("name") or ""), mimetype=f.get("mimetype"), size=f.get("size"))
        for f in items
    ]
