"""The Slack side of incidents: what the listeners in handlers/ call, one function each.

Each flow does its database work in one unit of work and talks to Slack after it has committed: an
incident is opened (and its account frozen) whether or not Slack answers, and no transaction waits on
the network. Where Slack's answer must be kept (the ts and permalink of the messages posted), a second,
short unit of work records it.

Replies to the person who acted go where they can see them: ``respond`` (the command's or the button's
``response_url``, which works in any channel) or the modal they submitted (updated in place). Domain
refusals are raised as ``UserFacingError`` and reach the app's one error handler, except in the modal
flows, which show them in the modal the user is looking at.

A reaction on a person's message in an incident thread puts that message on the timeline: who wrote it,
when, its permalink and its text (staff's notes on the incident; these are incident records, not drafts).
Any reaction counts; the bot confirms with :memo:. Reactions on the bot's own messages are ignored: what
they say is on the timeline already.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot import drafts as drafts_flow
from bot.blocks import escape, to_dicts
from bot.errors import UserFacingError
from bot.incidents import blocks as b
from bot.incidents import playbooks as playbooks_mod
from bot.incidents import report, service
from bot.incidents import texts as t
from bot.incidents.service import IncidentRecord, IncidentReport, MessageKind, TimelineKind
from bot.runtime import Runtime
from handlers.ids import BlockId
from storage.incident_models import IncidentMessage
from storage.models import Account, Draft, IncidentType

log = logging.getLogger(__name__)

Respond = Callable[..., Any]

# A report short enough is posted inline in a code block; a longer one as a Markdown file.
REPORT_INLINE_MAX = 2800
# Bounds on Slack look-ups made while handling one click.
MEMBERS_PAGE_SIZE = 200
MEMBERS_PAGES_MAX = 25
NAMES_MAX = 25
THREAD_PAGE_SIZE = 200
RECORDED_REACTION = "memo"

_INCIDENT_ID = re.compile(r"^INC-\d{4}-\d{4,}$", re.IGNORECASE)
_URLISH = re.compile(r"^(<?https?:|<|www\.)|://|^[\w.-]+\.[a-z]{2,}(/|$)", re.IGNORECASE)
_HELP = frozenset({"help", "ヘルプ", "使い方", "?", "？"})
_CLOSE = frozenset({"close", "終了"})


# --- Parsing /sns-incident ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedCommand:
    """What ``/sns-incident …`` asked for.

    action: "modal" (no arguments), "help", "open" (a complete report), "fix" (problems: explain them and
    open the modal with what could be read), "close", or "close_usage" (close without a usable ID).
    """

    action: str
    prefill: b.Prefill = field(default_factory=b.Prefill)
    problems: tuple[str, ...] = ()
    incident_id: str | None = None
    summary: str | None = None


def _tokens(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"\S+", text))


def parse_arguments(text: str, accounts: Sequence[Account]) -> ParsedCommand:
    """Read ``[type] [ACCOUNT] [URL] [note]`` or ``close INC-… [summary]`` (CONTRACTS §6), leniently:
    Japanese or English type names, the account by ID or handle, full-width spaces, Slack's <url> form."""
    text = text or ""
    tokens = _tokens(text)
    if not tokens:
        return ParsedCommand("modal")
    first = tokens[0].group().casefold()
    if first in _HELP:
        return ParsedCommand("help")
    if first in _CLOSE:
        if len(tokens) < 2:
            return ParsedCommand("close_usage", problems=(t.CLOSE_USAGE,))
        incident_id = tokens[1].group()
        if not _INCIDENT_ID.match(incident_id):
            return ParsedCommand("close_usage", problems=(t.BAD_INCIDENT_ID.format(value=incident_id), t.CLOSE_USAGE))
        summary = text[tokens[1].end() :].strip() or None
        return ParsedCommand("close", incident_id=incident_id.upper(), summary=summary)

    problems: list[str] = []
    incident_type = playbooks_mod.parse_type(tokens[0].group())
    if incident_type is None:
        problems.append(t.UNKNOWN_TYPE.format(value=tokens[0].group(), types=t.TYPES_TEXT))
    rest = tokens[1:]
    account_id = None
    if rest and not _URLISH.search(rest[0].group()):
        account = service.matching_account(rest[0].group(), accounts)
        if account is None:
            problems.append(service.unknown_account_text(rest[0].group(), accounts))
        else:
            account_id = account.id
        rest = rest[1:]
    else:
        problems.append(t.MISSING_ACCOUNT.format(example=accounts[0].id if accounts else "joetsu-x"))
    url = None
    raw_url = None
    if rest and _URLISH.search(rest[0].group()):
        raw_url = rest[0].group()
        try:
            url = service.clean_url(raw_url)
        except UserFacingError as exc:
            problems.append(exc.message_ja)
        rest = rest[1:]
    note = text[rest[0].start() :].strip() if rest else None
    if incident_type == IncidentType.IMPERSONATION and raw_url is None:
        problems.append(t.URL_REQUIRED)
    if note and len(note) > service.NOTE_MAX:
        problems.append(t.NOTE_TOO_LONG.format(limit=service.NOTE_MAX, length=len(note)))
        note = note[: service.NOTE_MAX]
    prefill = b.Prefill(type=incident_type, account_id=account_id, url=url or raw_url, note=note)
    return ParsedCommand("fix" if problems else "open", prefill=prefill, problems=tuple(problems))


# --- Small Slack helpers --------------------------------------------------------------------------------


def _error(exc: SlackApiError) -> str:
    return str(exc.response.get("error") or "unknown_error")


def _permalink(client: WebClient, channel: str, ts: str) -> str | None:
    try:
        return client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except SlackApiError as exc:
        log.warning("chat.getPermalink failed channel=%s ts=%s error=%s", channel, ts, _error(exc))
        return None


def _post(client: WebClient, **kwargs: Any) -> dict[str, Any] | None:
    """chat.postMessage that logs a refusal (channel gone, bot not invited) instead of failing the flow."""
    try:
        return client.chat_postMessage(unfurl_links=False, unfurl_media=False, **kwargs).data  # type: ignore[return-value]
    except SlackApiError as exc:
        log.warning("chat.postMessage failed channel=%s error=%s", kwargs.get("channel"), _error(exc))
        return None


def _post_in_thread(client: WebClient, record: IncidentRecord, text: str) -> None:
    thread = record.thread or (record.escalations[0] if record.escalations else None)
    if thread is not None:
        _post(client, channel=thread.channel, thread_ts=thread.ts, text=text)


def working_view(closing: bool = False) -> Any:
    """What a submitted modal shows while the bot works (the ack's ``response_action="update"``)."""
    return b.build_message_view(t.WORKING_TITLE, t.WORKING_CLOSE if closing else t.WORKING_OPEN)


def _open_view(client: WebClient, trigger_id: str | None, view: Any) -> bool:
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as exc:
        log.warning("views.open failed error=%s", _error(exc))
        return False
    return True


def _update_view(client: WebClient, view_id: str, title: str, text: str) -> None:
    try:
        client.views_update(view_id=view_id, view=b.build_message_view(title, text))
    except SlackApiError as exc:
        log.warning("views.update failed view=%s error=%s", view_id, _error(exc))


def _accounts(runtime: Runtime) -> list[Account]:
    with runtime.db.Session.begin() as session:
        return service.account_choices(session=session)


def _handle_text(session: Session, record: IncidentRecord) -> str | None:
    incident = record.incident
    if incident.type != IncidentType.IMPERSONATION or not incident.url:
        return None
    match, _ = service.handle_match_for(session=session, incident=incident)
    return b.describe_handle_match(match, url=incident.url)


@dataclass(frozen=True)
class _Loaded:
    record: IncidentRecord
    handle_text: str | None


def _load(session: Session, record: IncidentRecord) -> _Loaded:
    return _Loaded(record=record, handle_text=_handle_text(session, record))


def _refresh_messages(client: WebClient, loaded: _Loaded, presentation: b.Presentation) -> None:
    """Redraw the escalation messages and the checklist after a change (a step, a close)."""
    record = loaded.record
    lead_link = record.thread_link
    for message in record.messages:
        if message.kind == MessageKind.CHECKLIST:
            blocks, text = b.build_checklist_blocks(record, presentation=presentation), b.checklist_text(record)
        else:
            in_thread = record.thread is not None and (message.channel, message.ts) == (
                record.thread.channel,
                record.thread.ts,
            )
            blocks = b.build_escalation_blocks(
                record,
                presentation=presentation,
                lead_thread_link=None if in_thread else lead_link,
                handle_text=loaded.handle_text,
            )
            text = b.escalation_text(record)
        try:
            client.chat_update(channel=message.channel, ts=message.ts, text=text, blocks=to_dicts(blocks))
        except SlackApiError as exc:
            log.warning("chat.update failed incident=%s channel=%s error=%s", record.id, message.channel, _error(exc))


def _redraw_drafts(runtime: Runtime, drafts: Sequence[Draft], notice: str) -> None:
    """Redraw each held (or released) draft's reply, so its approval buttons go (or come back), and say
    why in the draft's thread (an edit notifies nobody; a thread reply does)."""
    for draft in drafts:
        drafts_flow.refresh_reply(runtime, draft_id=draft.id)
        if draft.source_channel and draft.source_ts:
            drafts_flow.post_in_thread(
                runtime, channel=draft.source_channel, thread_ts=draft.source_ts, text=notice, draft_id=draft.id
            )


@dataclass(frozen=True)
class Outcome:
    """The reply for the person who acted, and the work that can wait until they have it (redrawing the
    drafts an incident held or released: each may be retried with back-off)."""

    reply: str
    drafts: Sequence[Draft] = ()
    drafts_notice: str = ""

    def finish(self, runtime: Runtime) -> None:
        _redraw_drafts(runtime, self.drafts, self.drafts_notice)


# --- Opening --------------------------------------------------------------------------------------------


def _office_channels(presentation: b.Presentation, lead: str) -> list[tuple[str, str]]:
    other = "infosec" if lead == "pr" else "pr"
    pairs = [(lead, presentation.channel_of(lead)), (other, presentation.channel_of(other))]
    return [pair for index, pair in enumerate(pairs) if pair[1] not in {p[1] for p in pairs[:index]}]


def _escalate(
    client: WebClient, loaded: _Loaded, presentation: b.Presentation
) -> tuple[list[IncidentMessage], list[tuple[str, str]]]:
    """Post the incident in the lead office's channel (its thread gets the checklist) and in the other
    office's channel. If the lead channel refuses, the other channel's thread becomes the incident thread."""
    record = loaded.record
    playbook = playbooks_mod.load().for_type(record.incident.type)
    messages: list[IncidentMessage] = []
    failures: list[tuple[str, str]] = []
    thread_link: str | None = None
    have_thread = False
    for office, channel in _office_channels(presentation, playbook.lead):
        blocks = b.build_escalation_blocks(
            record,
            presentation=presentation,
            lead_thread_link=thread_link if have_thread else None,
            handle_text=loaded.handle_text,
        )
        try:
            posted = client.chat_postMessage(
                channel=channel, text=b.escalation_text(record), blocks=to_dicts(blocks), unfurl_links=False
            )
        except SlackApiError as exc:
            failures.append((channel, _error(exc)))
            log.warning("incident %s escalation to %s failed: %s", record.id, channel, _error(exc))
            continue
        posted_channel, ts = posted["channel"], posted["ts"]
        permalink = _permalink(client, posted_channel, ts)
        messages.append(
            IncidentMessage(channel=posted_channel, ts=ts, incident_id=record.id, kind=office, permalink=permalink)
        )
        if not have_thread:
            have_thread, thread_link = True, permalink
            checklist = _post(
                client,
                channel=posted_channel,
                thread_ts=ts,
                text=b.checklist_text(record),
                blocks=to_dicts(b.build_checklist_blocks(record, presentation=presentation)),
            )
            if checklist is not None:
                messages.append(
                    IncidentMessage(
                        channel=posted_channel,
                        ts=checklist["ts"],
                        incident_id=record.id,
                        kind=MessageKind.CHECKLIST,
                        thread_ts=ts,
                    )
                )
    return messages, failures


def _notified_text(presentation: b.Presentation, lead: str) -> str:
    return "と".join(
        f"{t.OFFICE_LABELS[office]}（<#{channel}>）" for office, channel in _office_channels(presentation, lead)
    )


def open_incident(runtime: Runtime, client: WebClient, report_: IncidentReport) -> Outcome:
    """Open (or join) the incident and tell the PR and infosec channels; the outcome has the reporter's reply."""
    presentation = b.Presentation.from_config(runtime.config)
    at = runtime.now()
    with runtime.db.Session.begin() as session:
        result = service.open_or_join(session=session, report=report_, at=at, tz=runtime.tz, config=runtime.config)
        loaded = _load(session, result.record)
    record = loaded.record
    incident = record.incident
    playbook = playbooks_mod.load().for_type(incident.type)
    if not result.created:
        _post_in_thread(client, record, b.reported_again_text(report_.reporter, url=report_.url, note=report_.note))
        template = t.JOINED_SAME if result.joined_on == "type" else t.JOINED_SAME_URL
        reply = template.format(incident_id=incident.id, type_label=playbook.label, account_id=incident.account_id)
        if record.thread_link:
            reply += "\n" + t.THREAD_LINK.format(link=record.thread_link)
        return Outcome(reply)

    messages, failures = _escalate(client, loaded, presentation)
    with runtime.db.Session.begin() as session:
        service.save_messages(session=session, messages=messages)
        service.add_timeline(
            session=session,
            incident_id=incident.id,
            actor=service.SYSTEM,
            kind=TimelineKind.ESCALATED,
            at=runtime.now(),
            data={"channels": [m.channel for m in messages if m.kind != MessageKind.CHECKLIST]},
        )
    lines = [
        t.OPENED.format(
            incident_id=incident.id,
            type_label=playbook.label,
            account_id=incident.account_id,
            notified=_notified_text(presentation, playbook.lead),
        )
    ]
    thread_link = next((m.permalink for m in messages if m.kind != MessageKind.CHECKLIST and m.permalink), None)
    if thread_link:
        lines.append(t.THREAD_LINK.format(link=thread_link))
    frozen = t.FROZEN.format(account_id=incident.account_id)
    if result.held:
        frozen += t.HELD_DRAFTS.format(count=len(result.held))
    lines.append(frozen)
    if loaded.handle_text:
        lines.append(loaded.handle_text)
    lines += [t.NOTIFY_FAILED.format(channel=f"<#{channel}>", error=error) for channel, error in failures]
    return Outcome(
        "\n".join(lines),
        drafts=result.held,
        drafts_notice=t.DRAFT_HELD_NOTICE.format(incident_id=incident.id, type_label=playbook.label),
    )


def handle_command(runtime: Runtime, *, body: Mapping[str, Any], respond: Respond) -> None:
    """``/sns-incident`` (already acknowledged)."""
    client = runtime.client
    user = body["user_id"]
    accounts = _accounts(runtime)
    parsed = parse_arguments(body.get("text") or "", accounts)
    modal_metadata = b.metadata(channel=body.get("channel_id") or "")
    if parsed.action == "modal":
        view = b.build_incident_modal(accounts, prefill=parsed.prefill, private_metadata=modal_metadata)
        if not _open_view(client, body.get("trigger_id"), view):
            respond(text=t.FALLBACK_MODAL_FAILED)
        return
    if parsed.action == "help":
        respond(text=t.USAGE)
        return
    if parsed.action == "fix":
        view = b.build_incident_modal(accounts, prefill=parsed.prefill, private_metadata=modal_metadata)
        opened = _open_view(client, body.get("trigger_id"), view)
        lines = [t.PROBLEMS_HEADER, *(f"• {p}" for p in parsed.problems)]
        lines.append(t.FALLBACK_MODAL_OPENED if opened else t.FALLBACK_MODAL_FAILED)
        respond(text="\n".join([*lines, "", t.USAGE]))
        return
    if parsed.action == "close_usage":
        respond(text="\n".join(parsed.problems))
        return
    if parsed.action == "close":
        assert parsed.incident_id is not None
        if parsed.summary is None:
            _open_close_modal(
                runtime,
                client,
                incident_id=parsed.incident_id,
                user=user,
                trigger_id=body.get("trigger_id"),
                channel=body.get("channel_id"),
            )
            return
        outcome = close_incident(runtime, client, incident_id=parsed.incident_id, user=user, summary=parsed.summary)
    else:
        prefill = parsed.prefill
        assert prefill.type is not None and prefill.account_id is not None
        report_ = IncidentReport(
            type=prefill.type, account_id=prefill.account_id, reporter=user, url=prefill.url, note=prefill.note
        )
        outcome = open_incident(runtime, client, report_)
    respond(text=outcome.reply)
    outcome.finish(runtime)


# --- The report modal -----------------------------------------------------------------------------------


def _state_values(view: Mapping[str, Any]) -> Mapping[str, Any]:
    return (view.get("state") or {}).get("values") or {}


def _input(values: Mapping[str, Any], block_id: str) -> Mapping[str, Any]:
    return (values.get(block_id) or {}).get(b.INPUT) or {}


def _selected(element: Mapping[str, Any]) -> str | None:
    option = element.get("selected_option") or {}
    return option.get("value") or element.get("value")


def read_incident_modal(
    runtime: Runtime, view: Mapping[str, Any], *, user: str
) -> tuple[IncidentReport | None, dict[str, str]]:
    """The report in a submitted modal, or the errors to show next to its inputs."""
    values = _state_values(view)
    errors: dict[str, str] = {}
    incident_type = playbooks_mod.parse_type(_selected(_input(values, BlockId.INCIDENT_TYPE)) or "")
    if incident_type is None:
        errors[BlockId.INCIDENT_TYPE] = t.MISSING_TYPE.format(types=t.TYPES_TEXT)
    accounts = _accounts(runtime)
    account_value = (_selected(_input(values, BlockId.INCIDENT_ACCOUNT)) or "").strip()
    account = service.matching_account(account_value, accounts) if account_value else None
    if account is None:
        errors[BlockId.INCIDENT_ACCOUNT] = (
            service.unknown_account_text(account_value, accounts)
            if account_value
            else t.MISSING_ACCOUNT.format(example=accounts[0].id if accounts else "joetsu-x")
        )
    raw_url = _input(values, BlockId.INCIDENT_URL).get("value")
    url = None
    try:
        url = service.clean_url(raw_url)
    except UserFacingError as exc:
        errors[BlockId.INCIDENT_URL] = exc.message_ja
    if incident_type == IncidentType.IMPERSONATION and not url and BlockId.INCIDENT_URL not in errors:
        errors[BlockId.INCIDENT_URL] = t.URL_REQUIRED
    note = (_input(values, BlockId.INCIDENT_NOTE).get("value") or "").strip() or None
    if note and len(note) > service.NOTE_MAX:
        errors[BlockId.INCIDENT_NOTE] = t.NOTE_TOO_LONG.format(limit=service.NOTE_MAX, length=len(note))
    if errors:
        return None, errors
    assert incident_type is not None and account is not None
    return IncidentReport(type=incident_type, account_id=account.id, reporter=user, url=url, note=note), {}


def open_from_modal(runtime: Runtime, *, view_id: str, report_: IncidentReport) -> None:
    """The modal was submitted (and answered with the "working…" view): open, then show the outcome."""
    client = runtime.client
    try:
        outcome = open_incident(runtime, client, report_)
    except UserFacingError as exc:
        _update_view(client, view_id, t.ERROR_TITLE, exc.message_ja)
        return
    _update_view(client, view_id, t.RESULT_TITLE, outcome.reply)
    outcome.finish(runtime)


# --- Buttons: join, step ------------------------------------------------------------------------------


def _action(body: Mapping[str, Any]) -> Mapping[str, Any]:
    return (body.get("actions") or [{}])[0]


def join(runtime: Runtime, *, body: Mapping[str, Any], respond: Respond) -> None:
    """The "対応に参加する" button."""
    client = runtime.client
    user = body["user"]["id"]
    incident_id = _action(body).get("value") or ""
    with runtime.db.Session.begin() as session:
        result = service.join(session=session, incident_id=incident_id, user=user, at=runtime.now(), tz=runtime.tz)
    if not result.new:
        respond(text=t.ALREADY_MEMBER.format(incident_id=incident_id), replace_original=False)
        return
    _post_in_thread(client, result.record, t.JOINED_NOTICE.format(who=f"<@{user}>"))
    reply = t.JOINED_REPLY.format(incident_id=incident_id)
    if result.record.thread_link:
        reply += "\n" + t.THREAD_LINK.format(link=result.record.thread_link)
    respond(text=reply, replace_original=False)


def record_step(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    """A step's "完了" button."""
    client = runtime.client
    user = body["user"]["id"]
    incident_id, step_id = b.parse_step_value(_action(body).get("value") or "")
    presentation = b.Presentation.from_config(runtime.config)
    with runtime.db.Session.begin() as session:
        result = service.record_step(
            session=session, incident_id=incident_id, step_id=step_id, user=user, at=runtime.now(), tz=runtime.tz
        )
        loaded = _load(session, result.record)
    _refresh_messages(client, loaded, presentation)
    _post_in_thread(client, loaded.record, b.step_done_text(loaded.record, step_id, tz=runtime.tz))


# --- Closing --------------------------------------------------------------------------------------------


def _channel_members(client: WebClient, channel: str, user: str) -> bool:
    """Whether ``user`` is a member of ``channel`` (bounded pagination; a refusal counts as "no")."""
    cursor = None
    for _ in range(MEMBERS_PAGES_MAX):
        try:
            page = client.conversations_members(channel=channel, limit=MEMBERS_PAGE_SIZE, cursor=cursor)
        except SlackApiError as exc:
            log.warning("conversations.members failed channel=%s error=%s", channel, _error(exc))
            return False
        if user in (page.get("members") or []):
            return True
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return False
    return False


def _closing_members(runtime: Runtime, client: WebClient, user: str) -> frozenset[str]:
    """``{user}`` when they may close as a member of the PR or infosec channel, else empty. Members of
    the roles need no look-up."""
    config = runtime.config
    if service.in_closing_roles(config, user):
        return frozenset()
    channels = dict.fromkeys([config.channels.pr, config.channels.infosec])
    return frozenset({user}) if any(_channel_members(client, c, user) for c in channels) else frozenset()


def _open_close_modal(
    runtime: Runtime, client: WebClient, *, incident_id: str, user: str, trigger_id: str | None, channel: str | None
) -> None:
    members = _closing_members(runtime, client, user)
    service.check_may_close(runtime.config, user, members)
    with runtime.db.Session.begin() as session:
        record = service.load_record(session=session, incident_id=incident_id)
    if not record.is_open:
        raise service.already_closed_error(record.incident, viewer=user, tz=runtime.tz)
    _open_view(
        client,
        trigger_id,
        b.build_close_modal(record, private_metadata=b.metadata(incident=incident_id, channel=channel or "")),
    )


def open_close_modal(runtime: Runtime, *, body: Mapping[str, Any]) -> None:
    """The "終了する" button: refuse who may not close, else ask for the summary."""
    _open_close_modal(
        runtime,
        runtime.client,
        incident_id=_action(body).get("value") or "",
        user=body["user"]["id"],
        trigger_id=body.get("trigger_id"),
        channel=(body.get("channel") or {}).get("id"),
    )


def read_close_modal(view: Mapping[str, Any]) -> tuple[str | None, str | None, dict[str, str]]:
    """(incident ID, summary, errors) from the submitted close modal."""
    incident_id = b.read_metadata(view.get("private_metadata")).get("incident")
    summary = (_input(_state_values(view), BlockId.SUMMARY).get("value") or "").strip()
    if not summary:
        return incident_id, None, {BlockId.SUMMARY: t.SUMMARY_REQUIRED}
    return incident_id, summary, {}


def _names(client: WebClient, record: IncidentRecord) -> dict[str, str]:
    """Display names of the people in the record, for the report file (bounded; unknown ones stay IDs)."""
    users = dict.fromkeys(
        u
        for u in [
            record.incident.opened_by,
            record.incident.closed_by,
            *(s.done_by for s in record.steps),
            *(e.actor for e in record.timeline),
            *((e.data or {}).get("author") for e in record.timeline),
        ]
        if u and u != service.SYSTEM
    )
    names = {}
    for user in list(users)[:NAMES_MAX]:
        try:
            info = client.users_info(user=user).get("user") or {}
        except SlackApiError:
            continue
        profile = info.get("profile") or {}
        name = profile.get("display_name") or profile.get("real_name") or info.get("real_name") or info.get("name")
        if name:
            names[user] = f"{name}（{user}）"
    return names


def _post_report(client: WebClient, record: IncidentRecord, markdown: str) -> None:
    thread = record.thread or (record.escalations[0] if record.escalations else None)
    if thread is None:
        return
    if len(markdown) <= REPORT_INLINE_MAX:
        _post(
            client,
            channel=thread.channel,
            thread_ts=thread.ts,
            # Escaped: a note quoted in the report must not mention anyone or link, even in a code block.
            text=t.REPORT_INLINE.format(incident_id=record.id, markdown=escape(markdown)),
        )
        return
    try:
        client.files_upload_v2(
            channel=thread.channel,
            thread_ts=thread.ts,
            content=markdown,
            filename=f"{record.id}.md",
            title=f"{record.id}.md",
            initial_comment=t.REPORT_FILE_COMMENT.format(incident_id=record.id),
        )
    except SlackApiError as exc:
        log.warning("report upload failed incident=%s error=%s", record.id, _error(exc))


def close_incident(runtime: Runtime, client: WebClient, *, incident_id: str, user: str, summary: str) -> Outcome:
    """Close, unfreeze, post the report to the thread; the outcome has the reply for the person who closed it."""
    members = _closing_members(runtime, client, user)
    presentation = b.Presentation.from_config(runtime.config)
    with runtime.db.Session.begin() as session:
        result = service.close(
            session=session,
            incident_id=incident_id,
            actor=user,
            summary=summary,
            at=runtime.now(),
            tz=runtime.tz,
            config=runtime.config,
            channel_members=members,
        )
        loaded = _load(session, result.record)
    record = loaded.record
    markdown = report.render_markdown(
        record, tz=runtime.tz, policy=runtime.config.policy, names=_names(client, record), now=runtime.now()
    )
    _refresh_messages(client, loaded, presentation)
    _post_in_thread(client, record, b.closed_text(record, released=len(result.released), tz=runtime.tz))
    _post_report(client, record, markdown)
    return Outcome(
        t.CLOSED_REPLY.format(incident_id=record.id, account_id=record.incident.account_id),
        drafts=result.released,
        drafts_notice=t.DRAFT_RELEASED_NOTICE.format(incident_id=record.id),
    )


def close_from_modal(runtime: Runtime, *, view_id: str, user: str, incident_id: str, summary: str) -> None:
    client = runtime.client
    try:
        outcome = close_incident(runtime, client, incident_id=incident_id, user=user, summary=summary)
    except UserFacingError as exc:
        _update_view(client, view_id, t.ERROR_TITLE, exc.message_ja)
        return
    _update_view(client, view_id, t.RESULT_TITLE, outcome.reply)
    outcome.finish(runtime)


# --- Reactions ------------------------------------------------------------------------------------------


def _find_message(client: WebClient, channel: str, ts: str) -> dict[str, Any] | None:
    """The message ``ts`` with its ``thread_ts``, read through its thread (one page)."""
    try:
        page = client.conversations_replies(channel=channel, ts=ts, limit=THREAD_PAGE_SIZE)
    except SlackApiError as exc:
        log.warning("conversations.replies failed channel=%s error=%s", channel, _error(exc))
        return None
    return next((m for m in page.get("messages") or [] if m.get("ts") == ts), None)


def record_reaction(runtime: Runtime, *, event: Mapping[str, Any]) -> None:
    """A reaction on a message in an incident thread puts the message on the incident's timeline."""
    client = runtime.client
    item = event.get("item") or {}
    channel, ts = item.get("channel"), item.get("ts")
    config = runtime.config
    if item.get("type") != "message" or not channel or not ts:
        return
    if channel not in (config.channels.pr, config.channels.infosec):
        return  # incidents live in these two channels: no look-up for reactions anywhere else
    message = _find_message(client, channel, ts)
    if message is None or message.get("bot_id") or not message.get("user"):
        return
    thread_ts = message.get("thread_ts")
    if not thread_ts or thread_ts == ts:
        return
    permalink = _permalink(client, channel, ts)
    with runtime.db.Session.begin() as session:
        incident = service.incident_for_thread(session=session, channel=channel, thread_ts=thread_ts)
        if incident is None:
            return
        recorded = service.record_thread_message(
            session=session,
            incident=incident,
            channel=channel,
            ts=ts,
            author=message["user"],
            text=message.get("text"),
            permalink=permalink,
            recorded_by=event.get("user") or service.SYSTEM,
            at=dt.datetime.fromtimestamp(float(ts), dt.UTC),
        )
    if recorded:
        log.info("incident %s: message %s recorded on the timeline", incident.id, ts)
        try:
            client.reactions_add(channel=channel, timestamp=ts, name=RECORDED_REACTION)
        except SlackApiError as exc:
            log.info("reactions.add skipped: %s", _error(exc))
