"""Incidents: open one (or join the one already open), record steps and Slack messages, close it.

Every function takes the caller's session (``*, session``) and never commits: the Slack layer and the
jobs open one unit of work per request or run. Changes that can race are single conditional
statements, so exactly one of two concurrent callers wins:

- opening: the incident and its *open keys* (type + account; the impersonating URL and handle) are
  inserted in one savepoint; a key already taken means someone else opened the same incident a moment
  ago, so the savepoint (incident number included) rolls back and the report joins theirs;
- a step: ``UPDATE … SET done_by, done_at WHERE done_at IS NULL AND the incident is open``;
- closing: the repository's ``UPDATE … WHERE state = 'open'``; the open keys are deleted with it.

Opening freezes the account (``approval.hold_pending`` in the same unit of work) and closing unfreezes
it (``approval.release_held``), so no approval slips between the incident and the freeze.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import logging
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from bot import messages as msg
from bot.config import Config
from bot.errors import ConflictError, InvalidInputError, InvalidStateError, NotFoundError, PermissionDeniedError
from bot.incidents import handles
from bot.incidents import playbooks as playbooks_mod
from bot.incidents import texts as t
from bot.workflows import approval
from storage.incident_models import (
    IncidentMember,
    IncidentMessage,
    IncidentOpenKey,
    IncidentStep,
    IncidentTimelineEntry,
)
from storage.models import Account, Draft, Incident, IncidentState, IncidentType
from storage.repositories import accounts as accounts_repo
from storage.repositories import audit as audit_repo
from storage.repositories import incidents as incidents_repo
from storage.repositories._dialect import insert

log = logging.getLogger(__name__)

NOTE_MAX = 3000
SUMMARY_MAX = 3000
MESSAGE_TEXT_MAX = 2000  # a Slack message kept on the timeline
URL_MAX = 2048
SYSTEM = "system"


class TimelineKind:
    OPENED = "opened"
    REPORTED_AGAIN = "reported_again"
    JOINED = "joined"
    HELD = "held"
    ESCALATED = "escalated"
    STEP_DONE = "step_done"
    MESSAGE = "message"
    CLOSED = "closed"
    RELEASED = "released"


class MessageKind:
    PR = "pr"
    INFOSEC = "infosec"
    CHECKLIST = "checklist"


# --- Input ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncidentReport:
    """What a member of staff reported, already parsed (command arguments or the modal)."""

    type: IncidentType
    account_id: str
    reporter: str
    url: str | None = None
    note: str | None = None


def clean_url(value: str | None) -> str | None:
    """The URL as given (Slack's ``<https://…>`` or ``<https://…|label>`` unwrapped), or None when empty.

    Refused with a Japanese explanation when it is not an http(s) URL with a host name.
    """
    text = (value or "").strip()
    if not text:
        return None
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].split("|", 1)[0]
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        host, parts = "", None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or "." not in host.strip(".")
        or any(ch.isspace() for ch in text)
        or len(text) > URL_MAX
    ):
        raise InvalidInputError(t.BAD_URL.format(value=value), code="invalid_url")
    return text


def canonical_url(url: str) -> str:
    """The URL as two reports of the same page would share it: lower-case host without www./mobile.,
    twitter.com as x.com, no fragment, and on the social platforms no query (tracking parameters) and a
    case-folded path (their handles are case-insensitive)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "mobile.", "m."):
        host = host.removeprefix(prefix)
    if host == "twitter.com":
        host = "x.com"
    path = parts.path.rstrip("/")
    query = parts.query
    if handles.platform_of_url(url) is not None:
        path, query = path.casefold(), ""
    return urlunsplit(("https", host, path, query, ""))


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:40]


def open_keys(report: IncidentReport) -> list[str]:
    """What makes another report "the same incident" while this one is open, strongest first."""
    keys = [f"type:{report.type.value}:{report.account_id}"]
    if report.type == IncidentType.IMPERSONATION and report.url:
        keys.append(f"url:{_digest(canonical_url(report.url))}")
        handle, platform = handles.handle_from_url(report.url), handles.platform_of_url(report.url)
        if handle and platform:
            keys.append(f"handle:{platform}:{_digest(handles.normalize(handle))}")
    return keys


def check_report(*, session: Session, report: IncidentReport) -> tuple[Account, IncidentReport]:
    """Refuse a report the bot cannot act on (unknown account, a missing or bad URL, a note too long);
    returns its account and the report with its URL unwrapped and its note trimmed."""
    account = accounts_repo.get(session=session, account_id=report.account_id)
    if account is None:
        raise NotFoundError(
            unknown_account_text(report.account_id, account_choices(session=session)), code="unknown_account"
        )
    url = clean_url(report.url)
    if url is None and report.type == IncidentType.IMPERSONATION:
        raise InvalidInputError(t.URL_REQUIRED, code="url_required")
    note = (report.note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise InvalidInputError(t.NOTE_TOO_LONG.format(limit=NOTE_MAX, length=len(note)), code="note_too_long")
    return account, dataclasses.replace(report, url=url, note=note)


def unknown_account_text(value: str, accounts: Sequence[Account]) -> str:
    """The refusal of an unknown account, naming the ones that exist."""
    if not accounts:
        return t.NO_ACCOUNTS
    return t.UNKNOWN_ACCOUNT.format(value=value, known="、".join(a.id for a in accounts[:30]))


def account_choices(*, session: Session) -> list[Account]:
    return list(session.scalars(select(Account).order_by(Account.id)))


def matching_account(value: str, accounts: Iterable[Account]) -> Account | None:
    """The account ``value`` names, by ID or by handle (``joetsu-x``, ``@joetsu_city``, ``joetsu_city``)."""
    wanted_id, wanted_handle = value.strip(), handles.normalize(value)
    return next(
        (a for a in accounts if a.id == wanted_id or (wanted_handle and handles.normalize(a.handle) == wanted_handle)),
        None,
    )


def find_account(*, session: Session, value: str) -> Account | None:
    return accounts_repo.get(session=session, account_id=value.strip()) or matching_account(
        value, account_choices(session=session)
    )


# --- Reading an incident --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentRecord:
    """An incident with everything recorded about it, as read in one unit of work (for builders and
    the report, which are pure)."""

    incident: Incident
    account: Account | None
    steps: tuple[IncidentStep, ...]
    timeline: tuple[IncidentTimelineEntry, ...]
    messages: tuple[IncidentMessage, ...]
    members: tuple[IncidentMember, ...]

    @property
    def id(self) -> str:
        return self.incident.id

    @property
    def is_open(self) -> bool:
        return self.incident.state == IncidentState.OPEN

    @property
    def open_steps(self) -> tuple[IncidentStep, ...]:
        return tuple(s for s in self.steps if s.done_at is None)

    def message(self, kind: str) -> IncidentMessage | None:
        return next((m for m in self.messages if m.kind == kind), None)

    @property
    def checklist(self) -> IncidentMessage | None:
        return self.message(MessageKind.CHECKLIST)

    @property
    def escalations(self) -> tuple[IncidentMessage, ...]:
        return tuple(m for m in self.messages if m.kind in (MessageKind.PR, MessageKind.INFOSEC))

    @property
    def thread(self) -> IncidentMessage | None:
        """The escalation message whose thread holds the checklist (the incident thread)."""
        checklist = self.checklist
        if checklist is None:
            return None
        return next(
            (m for m in self.escalations if m.channel == checklist.channel and m.ts == checklist.thread_ts), None
        )

    @property
    def thread_link(self) -> str | None:
        """The incident thread's link (or, if the checklist never got posted, the first escalation's)."""
        thread = self.thread
        if thread is not None:
            return thread.permalink
        return next((m.permalink for m in self.escalations if m.permalink), None)


def require_incident(*, session: Session, incident_id: str) -> Incident:
    incident = incidents_repo.get(session=session, incident_id=incident_id)
    if incident is None:
        raise NotFoundError(t.UNKNOWN_INCIDENT.format(incident_id=incident_id), code="unknown_incident")
    return incident


def load_record(*, session: Session, incident_id: str) -> IncidentRecord:
    incident = require_incident(session=session, incident_id=incident_id)
    account = accounts_repo.get(session=session, account_id=incident.account_id) if incident.account_id else None
    steps = session.scalars(
        select(IncidentStep).where(IncidentStep.incident_id == incident.id).order_by(IncidentStep.position)
    )
    timeline = session.scalars(
        select(IncidentTimelineEntry)
        .where(IncidentTimelineEntry.incident_id == incident.id)
        .order_by(IncidentTimelineEntry.at, IncidentTimelineEntry.id)
    )
    messages = session.scalars(
        select(IncidentMessage).where(IncidentMessage.incident_id == incident.id).order_by(IncidentMessage.ts)
    )
    members = session.scalars(
        select(IncidentMember).where(IncidentMember.incident_id == incident.id).order_by(IncidentMember.joined_at)
    )
    return IncidentRecord(
        incident=incident,
        account=account,
        steps=tuple(steps),
        timeline=tuple(timeline),
        messages=tuple(messages),
        members=tuple(members),
    )


def owners_of(role: str, *, account: Account | None, config: Config) -> list[str]:
    """The people a step owned by ``role`` belongs to (and whom the follow-up job reminds)."""
    if role == "manager":
        return [account.manager] if account else list(config.roles.pr)
    if role == "pr":
        return list(config.roles.pr)
    if role == "infosec":
        return list(config.roles.infosec)
    raise ValueError(f"unknown owner role {role!r}")


# --- Opening --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenResult:
    record: IncidentRecord
    created: bool  # False: the report joined an incident already open
    joined_on: str | None = None  # for a join: "type" (same account and type) or "url" (same impersonating URL)
    held: tuple[Draft, ...] = ()
    handle_match: handles.HandleMatch | None = None
    reported_handle: str | None = None  # the handle read from the URL, when there was one


class _KeyTaken(Exception):
    """Another report opened the same incident between our look-up and our insert."""


def _existing(session: Session, keys: Sequence[str]) -> tuple[IncidentOpenKey, str] | None:
    found = {k.key: k for k in session.scalars(select(IncidentOpenKey).where(IncidentOpenKey.key.in_(list(keys))))}
    for key in keys:  # strongest first
        if key in found:
            return found[key], key.split(":", 1)[0]
    return None


def add_timeline(
    *,
    session: Session,
    incident_id: str,
    actor: str,
    kind: str,
    at: dt.datetime,
    text: str | None = None,
    data: dict[str, Any] | None = None,
) -> IncidentTimelineEntry:
    entry = IncidentTimelineEntry(incident_id=incident_id, actor=actor, kind=kind, at=at, text=text, data=data)
    session.add(entry)
    return entry


# Every audit record of this module is about an incident (``entity_id`` is its ID).
_audit = functools.partial(audit_repo.record, entity="incident")


def _drafts_timeline(
    session: Session, *, incident_id: str, kind: str, drafts: Sequence[Draft], at: dt.datetime
) -> None:
    """The timeline's note that the incident held (or released) these drafts' approval requests."""
    if drafts:
        data = {"count": len(drafts), "drafts": [d.id for d in drafts]}
        add_timeline(session=session, incident_id=incident_id, actor=SYSTEM, kind=kind, at=at, data=data)


def add_member(*, session: Session, incident_id: str, user: str, role: str, at: dt.datetime) -> bool:
    """Add ``user`` to the incident's members; False when they already were one."""
    stmt = (
        insert(session, IncidentMember)
        .values(incident_id=incident_id, user_id=user, role=role, joined_at=at)
        .on_conflict_do_nothing(index_elements=[IncidentMember.incident_id, IncidentMember.user_id])
        .returning(IncidentMember.user_id)
    )
    return session.execute(stmt).first() is not None


def _handle_match(
    session: Session, incident_type: IncidentType, url: str | None
) -> tuple[handles.HandleMatch | None, str | None]:
    if incident_type != IncidentType.IMPERSONATION or not url:
        return None, None
    reported = handles.handle_from_url(url)
    if reported is None:
        return None, None
    officials = [
        handles.OfficialHandle(account_id=a.id, platform=a.platform, handle=a.handle)
        for a in account_choices(session=session)
    ]
    return handles.closest(reported, officials, platform=handles.platform_of_url(url)), reported


def handle_match_for(*, session: Session, incident: Incident) -> tuple[handles.HandleMatch | None, str | None]:
    """How close the impersonating handle in the incident's URL is to the official handles."""
    return _handle_match(session, incident.type, incident.url)


def open_or_join(
    *, session: Session, report: IncidentReport, at: dt.datetime, tz: dt.tzinfo, config: Config
) -> OpenResult:
    """Open an incident for ``report`` and freeze its account, or, when the same incident is already open
    (same account and type, or the same impersonating URL or handle), add the report to that one."""
    account, report = check_report(session=session, report=report)
    keys = open_keys(report)
    match, reported_handle = _handle_match(session, report.type, report.url)
    for _ in range(2):  # a lost race is followed by a join, which cannot lose
        existing = _existing(session, keys)
        if existing is not None:
            key, kind = existing
            return _join_report(
                session=session,
                incident_id=key.incident_id,
                report=report,
                at=at,
                joined_on="type" if kind == "type" else "url",
                match=match,
                reported_handle=reported_handle,
            )
        try:
            with session.begin_nested():
                incident = _insert_incident(session=session, report=report, keys=keys, at=at, tz=tz)
        except _KeyTaken:
            continue
        held = _start(session=session, incident=incident, report=report, account=account, at=at, config=config)
        log.info("incident %s opened type=%s account=%s", incident.id, report.type.value, account.id)
        return OpenResult(
            record=load_record(session=session, incident_id=incident.id),
            created=True,
            held=tuple(held),
            handle_match=match,
            reported_handle=reported_handle,
        )
    # Unreachable: a key that made us roll back was committed by the other report, so the look-up finds it.
    raise ConflictError(msg.CONCURRENT_CHANGE, code="concurrent_change")  # pragma: no cover


def _insert_incident(
    *, session: Session, report: IncidentReport, keys: Sequence[str], at: dt.datetime, tz: dt.tzinfo
) -> Incident:
    incident = incidents_repo.open_incident(
        session=session,
        year=at.astimezone(tz).year,
        type=report.type,
        opened_by=report.reporter,
        account_id=report.account_id,
        url=report.url,
        note=report.note,
        at=at,
    )
    stmt = (
        insert(session, IncidentOpenKey)
        .values([{"key": key, "incident_id": incident.id} for key in keys])
        .on_conflict_do_nothing(index_elements=[IncidentOpenKey.key])
        .returning(IncidentOpenKey.key)
    )
    if len(session.execute(stmt).all()) != len(keys):
        raise _KeyTaken
    return incident


def _start(
    *, session: Session, incident: Incident, report: IncidentReport, account: Account, at: dt.datetime, config: Config
) -> list[Draft]:
    playbook = playbooks_mod.load().for_type(report.type)
    session.add_all(
        IncidentStep(incident_id=incident.id, position=index, step_id=step.id, title=step.title, owner_role=step.owner)
        for index, step in enumerate(playbook.steps, start=1)
    )
    add_member(session=session, incident_id=incident.id, user=report.reporter, role="reporter", at=at)
    add_timeline(
        session=session,
        incident_id=incident.id,
        actor=report.reporter,
        kind=TimelineKind.OPENED,
        at=at,
        text=report.note,
        data={"type": report.type.value, "account": account.id, "url": report.url},
    )
    held = approval.hold_pending(session=session, incident=incident, actor=report.reporter)
    _drafts_timeline(session, incident_id=incident.id, kind=TimelineKind.HELD, drafts=held, at=at)
    _audit(
        session=session,
        entity_id=incident.id,
        actor=report.reporter,
        action="incident_open",
        to_state=IncidentState.OPEN.value,
        data={"type": report.type.value, "account": account.id, "held_drafts": [d.id for d in held]},
        at=at,
    )
    session.flush()
    return held


def _join_report(
    *,
    session: Session,
    incident_id: str,
    report: IncidentReport,
    at: dt.datetime,
    joined_on: str,
    match: handles.HandleMatch | None,
    reported_handle: str | None,
) -> OpenResult:
    add_member(session=session, incident_id=incident_id, user=report.reporter, role="reporter", at=at)
    add_timeline(
        session=session,
        incident_id=incident_id,
        actor=report.reporter,
        kind=TimelineKind.REPORTED_AGAIN,
        at=at,
        text=report.note,
        data={"type": report.type.value, "account": report.account_id, "url": report.url},
    )
    _audit(
        session=session,
        entity_id=incident_id,
        actor=report.reporter,
        action="incident_report_again",
        data={"type": report.type.value, "account": report.account_id, "joined_on": joined_on},
        at=at,
    )
    session.flush()
    log.info("incident %s reported again (%s)", incident_id, joined_on)
    return OpenResult(
        record=load_record(session=session, incident_id=incident_id),
        created=False,
        joined_on=joined_on,
        handle_match=match,
        reported_handle=reported_handle,
    )


# --- Joining, steps, messages ---------------------------------------------------------------------------


def _require_open(incident: Incident, *, action: str, tz: dt.tzinfo) -> None:
    if incident.state != IncidentState.OPEN:
        when = t.format_when(incident.closed_at, tz) if incident.closed_at else ""
        raise InvalidStateError(
            t.INCIDENT_CLOSED.format(incident_id=incident.id, when=when, action=action), code="incident_closed"
        )


@dataclass(frozen=True)
class JoinResult:
    record: IncidentRecord
    new: bool  # False: was already a member


def join(*, session: Session, incident_id: str, user: str, at: dt.datetime, tz: dt.tzinfo) -> JoinResult:
    incident = require_incident(session=session, incident_id=incident_id)
    _require_open(incident, action=t.ACTION_JOIN, tz=tz)
    new = add_member(session=session, incident_id=incident.id, user=user, role="joined", at=at)
    if new:
        add_timeline(session=session, incident_id=incident.id, actor=user, kind=TimelineKind.JOINED, at=at)
        _audit(session=session, entity_id=incident.id, actor=user, action="incident_join", at=at)
        session.flush()
    return JoinResult(record=load_record(session=session, incident_id=incident.id), new=new)


@dataclass(frozen=True)
class StepResult:
    record: IncidentRecord
    step: IncidentStep


def record_step(
    *, session: Session, incident_id: str, step_id: str, user: str, at: dt.datetime, tz: dt.tzinfo
) -> StepResult:
    """Record that ``user`` did the step now. A step is done once: a second click is told who did it."""
    incident = require_incident(session=session, incident_id=incident_id)
    step = session.scalars(
        select(IncidentStep).where(IncidentStep.incident_id == incident.id, IncidentStep.step_id == step_id)
    ).first()
    if step is None:
        raise NotFoundError(t.UNKNOWN_STEP.format(step_id=step_id, incident_id=incident.id), code="unknown_step")

    def refuse(current: IncidentStep, current_incident: Incident) -> None:
        if current.done_at is not None and current.done_by is not None:
            raise ConflictError(
                t.STEP_ALREADY_DONE.format(when=t.format_when(current.done_at, tz), who=t.who(current.done_by, user)),
                code="step_already_done",
            )
        _require_open(current_incident, action=t.ACTION_RECORD_STEP, tz=tz)

    refuse(step, incident)
    stmt = (
        update(IncidentStep)
        .where(
            IncidentStep.id == step.id,
            IncidentStep.done_at.is_(None),
            exists(select(Incident.id).where(Incident.id == incident.id, Incident.state == IncidentState.OPEN)),
        )
        .values(done_by=user, done_at=at)
        .returning(IncidentStep)
    )
    updated = session.execute(stmt, execution_options={"populate_existing": True}).scalar_one_or_none()
    if updated is None:
        session.refresh(step)
        session.refresh(incident)
        refuse(step, incident)
        raise ConflictError(msg.CONCURRENT_CHANGE, code="concurrent_change")  # pragma: no cover
    add_timeline(
        session=session,
        incident_id=incident.id,
        actor=user,
        kind=TimelineKind.STEP_DONE,
        at=at,
        data={"step": updated.step_id, "title": updated.title},
    )
    _audit(
        session=session,
        entity_id=incident.id,
        actor=user,
        action="incident_step_done",
        data={"step": updated.step_id},
        at=at,
    )
    session.flush()
    return StepResult(record=load_record(session=session, incident_id=incident.id), step=updated)


def save_messages(*, session: Session, messages: Iterable[IncidentMessage]) -> None:
    """Remember where the incident was posted in Slack (after the posts: their ts comes from Slack)."""
    for message in messages:
        session.merge(message)
    session.flush()


def incident_for_thread(*, session: Session, channel: str, thread_ts: str) -> Incident | None:
    """The incident whose escalation message starts the thread ``thread_ts`` in ``channel``."""
    stmt = (
        select(Incident)
        .join(IncidentMessage, IncidentMessage.incident_id == Incident.id)
        .where(
            IncidentMessage.channel == channel,
            IncidentMessage.ts == thread_ts,
            IncidentMessage.kind.in_([MessageKind.PR, MessageKind.INFOSEC]),
        )
    )
    return session.scalars(stmt).first()


def record_thread_message(
    *,
    session: Session,
    incident: Incident,
    channel: str,
    ts: str,
    author: str,
    text: str | None,
    permalink: str | None,
    recorded_by: str,
    at: dt.datetime,
) -> bool:
    """Put a Slack message from the incident thread on the timeline (once); False if it already was.

    ``at`` is when the message was posted. Kept: who wrote it, when, its permalink, and its text when a
    person wrote it (staff's notes on the incident; the bot's own messages are on the timeline already).
    """
    if incident.state != IncidentState.OPEN:
        return False
    stmt = (
        insert(session, IncidentTimelineEntry)
        .values(
            incident_id=incident.id,
            actor=recorded_by,
            kind=TimelineKind.MESSAGE,
            at=at,
            text=(text or "")[:MESSAGE_TEXT_MAX] or None,
            data={"author": author, "permalink": permalink},
            source_channel=channel,
            source_ts=ts,
        )
        .on_conflict_do_nothing(
            index_elements=[
                IncidentTimelineEntry.incident_id,
                IncidentTimelineEntry.source_channel,
                IncidentTimelineEntry.source_ts,
            ]
        )
        .returning(IncidentTimelineEntry.id)
    )
    return session.execute(stmt).first() is not None


# --- Closing --------------------------------------------------------------------------------------------


def in_closing_roles(config: Config, user: str) -> bool:
    """PR, infosec and admins close incidents (CONTRACTS §6); channel members are checked by the caller."""
    roles = config.roles
    return user in roles.pr or user in roles.infosec or user in roles.admins


def check_may_close(config: Config, user: str, channel_members: Collection[str] = ()) -> None:
    if not (in_closing_roles(config, user) or user in channel_members):
        raise PermissionDeniedError(t.NOT_ALLOWED_TO_CLOSE.format(user=f"<@{user}>"), code="not_allowed_to_close")


def already_closed_error(incident: Incident, *, viewer: str, tz: dt.tzinfo) -> ConflictError:
    return ConflictError(
        t.ALREADY_CLOSED.format(
            incident_id=incident.id,
            when=t.format_when(incident.closed_at, tz) if incident.closed_at else "",
            who=t.who(incident.closed_by or "", viewer),
        ),
        code="already_closed",
    )


@dataclass(frozen=True)
class CloseResult:
    record: IncidentRecord
    released: tuple[Draft, ...] = field(default_factory=tuple)


def close(
    *,
    session: Session,
    incident_id: str,
    actor: str,
    summary: str | None,
    at: dt.datetime,
    tz: dt.tzinfo,
    config: Config,
    channel_members: Collection[str] = (),
) -> CloseResult:
    """Close the incident with a summary and unfreeze its account (drafts on hold await approval again)."""
    incident = require_incident(session=session, incident_id=incident_id)
    check_may_close(config, actor, channel_members)
    summary = (summary or "").strip()
    if not summary:
        raise InvalidInputError(t.SUMMARY_REQUIRED, code="summary_required")
    if len(summary) > SUMMARY_MAX:
        raise InvalidInputError(t.NOTE_TOO_LONG.format(limit=SUMMARY_MAX, length=len(summary)), code="summary_too_long")

    if incident.state != IncidentState.OPEN:
        raise already_closed_error(incident, viewer=actor, tz=tz)
    closed = incidents_repo.close(session=session, incident_id=incident.id, closed_by=actor, summary=summary, at=at)
    if closed is None:
        session.refresh(incident)
        raise already_closed_error(incident, viewer=actor, tz=tz)
    session.execute(delete(IncidentOpenKey).where(IncidentOpenKey.incident_id == closed.id))
    released = (
        approval.release_held(session=session, account_id=closed.account_id, actor=actor) if closed.account_id else []
    )
    add_timeline(session=session, incident_id=closed.id, actor=actor, kind=TimelineKind.CLOSED, at=at, text=summary)
    _drafts_timeline(session, incident_id=closed.id, kind=TimelineKind.RELEASED, drafts=released, at=at)
    _audit(
        session=session,
        entity_id=closed.id,
        actor=actor,
        action="incident_close",
        from_state=IncidentState.OPEN.value,
        to_state=IncidentState.CLOSED.value,
        data={"released_drafts": [d.id for d in released]},
        at=at,
    )
    session.flush()
    log.info("incident %s closed by %s released=%d", closed.id, actor, len(released))
    return CloseResult(record=load_record(session=session, incident_id=closed.id), released=tuple(released))


# --- For the drafts flow and the follow-up job ----------------------------------------------------------


def freeze_reason(*, session: Session, account_id: str, tz: dt.tzinfo) -> str | None:
    """Why the account cannot approve now, in Japanese with a link to the incident thread; None when it can.

    For the drafts flow's screening reply on a frozen account."""
    incident = incidents_repo.open_for_account(session=session, account_id=account_id)
    if incident is None:
        return None
    record = load_record(session=session, incident_id=incident.id)
    return freeze_reason_ja(incident, tz=tz, thread_link=record.thread_link)


def freeze_reason_ja(incident: Incident, *, tz: dt.tzinfo, thread_link: str | None = None) -> str:
    text = t.FREEZE_REASON.format(
        account_id=incident.account_id,
        incident_id=incident.id,
        type_label=playbooks_mod.load().for_type(incident.type).label,
        opened=t.format_when(incident.opened_at, tz),
    )
    return text + (t.FREEZE_THREAD.format(link=thread_link) if thread_link else "")


def open_incident_ids(*, session: Session) -> list[str]:
    """Open incidents with at least one unfinished step, oldest first."""
    stmt = (
        select(Incident.id)
        .where(
            Incident.state == IncidentState.OPEN,
            exists(
                select(IncidentStep.id).where(IncidentStep.incident_id == Incident.id, IncidentStep.done_at.is_(None))
            ),
        )
        .order_by(Incident.opened_at, Incident.id)
    )
    return list(session.scalars(stmt))


def closed_between(*, session: Session, start: dt.datetime, end: dt.datetime) -> list[str]:
    """Incidents closed in [start, end), oldest first."""
    stmt = (
        select(Incident.id)
        .where(Incident.state == IncidentState.CLOSED, Incident.closed_at >= start, Incident.closed_at < end)
        .order_by(Incident.closed_at, Incident.id)
    )
    return list(session.scalars(stmt))
