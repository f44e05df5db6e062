"""Block Kit for incidents: the escalation message (PR and infosec channels), the checklist in the incident
thread, the report and close modals, and the short notices. Pure ``build_*`` functions from what
``service.load_record`` read to slack_sdk model objects; the Japanese texts are in ``texts``.

Buttons carry what a click needs in their ``value``: the incident ID (join, close) or
``INC-…|step-id`` (a step), so a click needs no state outside the database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    SectionBlock,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.blocks import HEADER_TEXT_MAX, OPTION_TEXT_MAX, SECTION_TEXT_MAX, escape, escaped, truncate
from bot.config import Config
from bot.incidents import handles
from bot.incidents import playbooks as playbooks_mod
from bot.incidents import texts as t
from bot.incidents.service import IncidentRecord, TimelineKind
from handlers.ids import ActionId, BlockId, CallbackId
from storage.models import Account, IncidentType

# The action_id of every input in the incident modals (its block_id says which input it is).
INPUT = "value"
STEP_VALUE_SEPARATOR = "|"
STATIC_SELECT_OPTIONS_MAX = 100
NOTE_SHOWN_MAX = 1500
FIELD_TEXT_MAX = 2000
CONTEXT_ELEMENTS_MAX = 10


@dataclass(frozen=True, slots=True)
class Presentation:
    """What the builders need of the configuration."""

    organization: str
    policy: str
    tz: dt.tzinfo
    pr_channel: str
    infosec_channel: str

    @classmethod
    def from_config(cls, config: Config) -> Presentation:
        return cls(
            organization=config.organization,
            policy=config.policy,
            tz=config.tz,
            pr_channel=config.channels.pr,
            infosec_channel=config.channels.infosec,
        )

    def channel_of(self, office: str) -> str:
        return self.pr_channel if office == "pr" else self.infosec_channel

    def guideline(self) -> str:
        return playbooks_mod.load().guideline_name(self.policy) or t.GUIDELINES_DEFAULT


def step_value(incident_id: str, step_id: str) -> str:
    return f"{incident_id}{STEP_VALUE_SEPARATOR}{step_id}"


def parse_step_value(value: str) -> tuple[str, str]:
    incident_id, _, step_id = value.partition(STEP_VALUE_SEPARATOR)
    return incident_id, step_id


def _mrkdwn(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=truncate(text, SECTION_TEXT_MAX))


def _held_count(record: IncidentRecord) -> int:
    return sum((e.data or {}).get("count", 0) for e in record.timeline if e.kind == TimelineKind.HELD)


# --- Handle comparison ----------------------------------------------------------------------------------


def _difference_text(difference: handles.Difference) -> str:
    official, reported = escape(difference.official), escape(difference.reported)
    scripts = t.script_of(difference.reported)
    script = t.SCRIPT_NOTE.format(scripts=scripts) if scripts else ""
    if not difference.official:
        return t.DIFF_ADDED.format(reported=reported, script=script)
    if not difference.reported:
        return t.DIFF_REMOVED.format(official=official)
    return t.DIFF_REPLACED.format(official=official, reported=reported, script=script)


def describe_handle_match(match: handles.HandleMatch | None, *, url: str | None = None) -> str | None:
    """How close the reported handle is to the official one, in one Japanese sentence; None when the
    report is not an impersonation with a URL."""
    if url is None:
        return None
    if match is None:
        return t.HANDLE_UNREADABLE
    closeness = handles.Closeness
    template = {
        closeness.IDENTICAL: t.HANDLE_IDENTICAL,
        closeness.HOMOGLYPH: t.HANDLE_HOMOGLYPH,
        closeness.LOOKALIKE: t.HANDLE_LOOKALIKE,
        closeness.NEAR: t.HANDLE_NEAR,
        closeness.CONTAINS: t.HANDLE_CONTAINS,
        closeness.SIMILAR: t.HANDLE_SIMILAR,
        closeness.DIFFERENT: t.HANDLE_DIFFERENT,
    }[match.closeness]
    diffs = t.DIFF_SEPARATOR.join(_difference_text(d) for d in match.differences[:4])
    return template.format(
        reported=escape(match.reported),
        official=escape(match.official),
        account_id=match.account_id,
        distance=match.distance,
        diffs=diffs,
        percent=round(match.ratio * 100),
    )


def describe_route(account: Account | None, url: str | None) -> str | None:
    """Where to report the impersonating account: the platform of the URL, else of the official account."""
    books = playbooks_mod.load()
    route = books.route(handles.platform_of_url(url or "")) or books.route(account.platform if account else None)
    if route is None:
        return None
    return t.ROUTE.format(service=route.service, url=route.url, in_app=route.in_app)


# --- The escalation message -----------------------------------------------------------------------------


def escalation_text(record: IncidentRecord) -> str:
    playbook = playbooks_mod.load().for_type(record.incident.type)
    return t.ESCALATION_FALLBACK.format(
        incident_id=record.id,
        type_label=playbook.label,
        account_id=record.incident.account_id,
        lead=t.OFFICE_LABELS[playbook.lead],
    )


def build_escalation_blocks(
    record: IncidentRecord,
    *,
    presentation: Presentation,
    lead_thread_link: str | None = None,
    handle_text: str | None = None,
) -> list[Block]:
    """The message posted in the PR and infosec channels. In the lead office's channel its thread holds
    the checklist (``lead_thread_link`` None); the other channel's copy links to that thread."""
    incident, account = record.incident, record.account
    books = playbooks_mod.load()
    playbook = books.for_type(incident.type)
    tz = presentation.tz
    header = t.ESCALATION_HEADER if record.is_open else t.ESCALATION_CLOSED_HEADER
    done = sum(1 for s in record.steps if s.done_at is not None)
    fields = [
        t.FIELD_TYPE.format(type_label=playbook.label),
        t.FIELD_LEAD.format(
            lead=t.OFFICE_LABELS[playbook.lead], channel=f"<#{presentation.channel_of(playbook.lead)}>"
        ),
        t.FIELD_ACCOUNT.format(
            account_id=incident.account_id,
            platform=account.platform if account else "",
            handle=escape(account.handle) if account else "",
        ),
        t.FIELD_REPORTER.format(reporter=f"<@{incident.opened_by}>"),
        t.FIELD_OPENED.format(opened=t.format_when(incident.opened_at, tz)),
        t.FIELD_STATE.format(
            state=(t.STATE_OPEN if record.is_open else t.STATE_CLOSED)
            + "（"
            + t.PROGRESS.format(done=done, total=len(record.steps))
            + "）"
        ),
    ]
    if incident.url:
        fields.append(t.FIELD_URL.format(url=escaped(incident.url, FIELD_TEXT_MAX - 10)))
    blocks: list[Block] = [
        HeaderBlock(text=truncate(header.format(incident_id=incident.id, type_label=playbook.label), HEADER_TEXT_MAX)),
        SectionBlock(fields=[MarkdownTextObject(text=truncate(f, FIELD_TEXT_MAX)) for f in fields]),
    ]
    if incident.note:
        blocks.append(SectionBlock(text=_mrkdwn(t.NOTE.format(note=escaped(incident.note, NOTE_SHOWN_MAX)))))
    if handle_text:
        blocks.append(SectionBlock(text=_mrkdwn(handle_text)))
    if incident.type == IncidentType.IMPERSONATION and record.is_open:
        route = describe_route(account, incident.url)
        if route:
            blocks.append(SectionBlock(text=_mrkdwn(route)))
    if record.is_open:
        shown = record.steps[: books.first_steps_shown]
        lines = [f"{'✅' if s.done_at else '☐'} {s.position}. {escape(s.title)}" for s in shown]
        blocks.append(SectionBlock(text=_mrkdwn(t.FIRST_STEPS.format(steps="\n".join(lines)))))
        frozen = t.FROZEN.format(account_id=incident.account_id)
        held = _held_count(record)
        if held:
            frozen += t.HELD_DRAFTS.format(count=held)
        where = (
            t.LEAD_THREAD.format(lead=t.OFFICE_LABELS[playbook.lead], link=lead_thread_link)
            if lead_thread_link
            else t.THREAD_HERE
        )
        blocks.append(ContextBlock(elements=[_mrkdwn(frozen), _mrkdwn(where)]))
        blocks.append(
            ActionsBlock(
                block_id=f"incident_actions|{incident.id}",
                elements=[
                    ButtonElement(
                        text=t.JOIN_BUTTON, action_id=ActionId.INCIDENT_JOIN, value=incident.id, style="primary"
                    ),
                    ButtonElement(text=t.CLOSE_BUTTON, action_id=ActionId.INCIDENT_CLOSE, value=incident.id),
                ],
            )
        )
    elif incident.closed_at is not None:
        line = t.CLOSED_LINE.format(
            when=t.format_when(incident.closed_at, tz),
            who=f"<@{incident.closed_by}>",
            duration=t.format_duration(incident.closed_at - incident.opened_at),
        )
        blocks.append(SectionBlock(text=_mrkdwn(line)))
        if lead_thread_link:
            blocks.append(
                ContextBlock(
                    elements=[_mrkdwn(t.LEAD_THREAD.format(lead=t.OFFICE_LABELS[playbook.lead], link=lead_thread_link))]
                )
            )
    return blocks


# --- The checklist --------------------------------------------------------------------------------------


def checklist_text(record: IncidentRecord) -> str:
    label = playbooks_mod.load().for_type(record.incident.type).label
    return t.CHECKLIST_FALLBACK.format(incident_id=record.id, type_label=label)


def build_checklist_blocks(record: IncidentRecord, *, presentation: Presentation) -> list[Block]:
    """The playbook as a checklist: each step with its owners, a "done" button while it is open, and the
    guideline clauses it comes from (the organisation's policy picks them)."""
    incident, account = record.incident, record.account
    books = playbooks_mod.load()
    playbook = books.for_type(incident.type)
    tz = presentation.tz
    intro = t.CHECKLIST_INTRO.format(guideline=presentation.guideline()) if record.is_open else t.CHECKLIST_INTRO_CLOSED
    blocks: list[Block] = [
        HeaderBlock(
            text=truncate(
                t.CHECKLIST_HEADER.format(incident_id=incident.id, type_label=playbook.label), HEADER_TEXT_MAX
            )
        ),
        ContextBlock(elements=[_mrkdwn(intro)]),
    ]
    for step in record.steps:
        definition = playbook.step(step.step_id)
        if step.done_at is not None:
            text = t.STEP_DONE.format(
                number=step.position,
                title=escape(step.title),
                who=f"<@{step.done_by}>",
                when=t.format_when(step.done_at, tz),
                elapsed=t.format_duration(step.done_at - incident.opened_at),
            )
        else:
            owner_label = t.OWNER_LABELS.get(step.owner_role, step.owner_role)
            owner_people = _owner_mentions(step.owner_role, account)
            text = t.STEP_OPEN.format(
                number=step.position,
                title=escape(step.title),
                description=escape(definition.description) if definition else "",
                owners=owner_label + (f" {owner_people}" if owner_people else ""),
            )
            template = (
                definition.render_template(
                    organization=presentation.organization,
                    handle=account.handle if account else "",
                    url=incident.url,
                )
                if definition
                else None
            )
            if template:
                text += "\n" + t.STEP_TEMPLATE.format(template=escape(template))
        accessory = (
            ButtonElement(
                text=t.DONE_BUTTON, action_id=ActionId.INCIDENT_STEP_DONE, value=step_value(incident.id, step.step_id)
            )
            if step.done_at is None and record.is_open
            else None
        )
        blocks.append(SectionBlock(block_id=f"incident_step|{step.step_id}", text=_mrkdwn(text), accessory=accessory))
        if definition:
            citations = [
                _mrkdwn(
                    t.CITATION.format(
                        guideline=books.guideline_name(policy) or policy, clause=c.clause, quote=escape(c.quote)
                    )
                )
                for policy, c in definition.citations_for(presentation.policy)
            ]
            if citations:
                blocks.append(ContextBlock(elements=citations[:CONTEXT_ELEMENTS_MAX]))
    if record.is_open:
        blocks.append(DividerBlock())
        blocks.append(
            ActionsBlock(
                block_id=f"incident_close|{incident.id}",
                elements=[ButtonElement(text=t.CLOSE_BUTTON, action_id=ActionId.INCIDENT_CLOSE, value=incident.id)],
            )
        )
    return blocks


def _owner_mentions(role: str, account: Account | None) -> str:
    # The manager is one person and worth naming; PR and infosec are offices with their own channels.
    if role == "manager" and account is not None:
        return f"<@{account.manager}>"
    return ""


# --- Notices in the incident thread ---------------------------------------------------------------------


def step_done_text(record: IncidentRecord, step_id: str, *, tz: dt.tzinfo) -> str:
    step = next(s for s in record.steps if s.step_id == step_id)
    assert step.done_at is not None and step.done_by is not None
    text = t.STEP_DONE_NOTICE.format(
        number=step.position,
        title=step.title,
        who=f"<@{step.done_by}>",
        when=t.format_when(step.done_at, tz),
        elapsed=t.format_duration(step.done_at - record.incident.opened_at),
    )
    remaining = len(record.open_steps)
    return text + (t.STEPS_REMAINING.format(count=remaining) if remaining else t.ALL_STEPS_DONE)


def reported_again_text(user: str, *, url: str | None, note: str | None) -> str:
    details = [escaped(note, NOTE_SHOWN_MAX)] if note else []
    if url:
        details.append(escaped(url, 500))
    return t.REPORTED_AGAIN_NOTICE.format(who=f"<@{user}>") + ("\n>" + "\n>".join(details) if details else "")


def closed_text(record: IncidentRecord, *, released: int, tz: dt.tzinfo) -> str:
    incident = record.incident
    assert incident.closed_at is not None
    text = t.CLOSED_NOTICE.format(
        incident_id=incident.id,
        who=f"<@{incident.closed_by}>",
        duration=t.format_duration(incident.closed_at - incident.opened_at),
        account_id=incident.account_id,
    )
    return text + (t.RELEASED_DRAFTS.format(count=released) if released else "")


# --- Modals ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prefill:
    """What the modal starts with (the parts of a command that could be read)."""

    type: IncidentType | None = None
    account_id: str | None = None
    url: str | None = None
    note: str | None = None


def _type_option(incident_type: IncidentType) -> Option:
    return Option(value=incident_type.value, label=t.TYPE_OPTIONS[incident_type.value])


def _account_option(account: Account) -> Option:
    label = t.ACCOUNT_OPTION.format(account_id=account.id, platform=account.platform, handle=account.handle)
    return Option(value=account.id, label=truncate(label, OPTION_TEXT_MAX))


def build_incident_modal(accounts: Sequence[Account], *, prefill: Prefill, private_metadata: str = "") -> View:
    """The report form: type, account, URL, what happened. Accounts are a menu up to Slack's 100 options,
    beyond that a text field for the account ID."""
    type_options = [_type_option(it) for it in IncidentType]
    type_element = RadioButtonsElement(
        action_id=INPUT,
        options=type_options,
        initial_option=_type_option(prefill.type) if prefill.type else None,
    )
    known = {a.id: a for a in accounts}
    if 0 < len(accounts) <= STATIC_SELECT_OPTIONS_MAX:
        initial = known.get(prefill.account_id or "")
        account_block = InputBlock(
            block_id=BlockId.INCIDENT_ACCOUNT,
            label=t.LABEL_ACCOUNT,
            element=StaticSelectElement(
                action_id=INPUT,
                placeholder=t.PLACEHOLDER_ACCOUNT,
                options=[_account_option(a) for a in accounts],
                initial_option=_account_option(initial) if initial else None,
            ),
        )
    else:
        account_block = InputBlock(
            block_id=BlockId.INCIDENT_ACCOUNT,
            label=t.LABEL_ACCOUNT_ID,
            hint=t.HINT_ACCOUNT_ID.format(example=accounts[0].id if accounts else "joetsu-x"),
            element=PlainTextInputElement(action_id=INPUT, initial_value=prefill.account_id or None, max_length=64),
        )
    blocks: list[Block] = [
        SectionBlock(text=_mrkdwn(t.MODAL_INTRO)),
        InputBlock(block_id=BlockId.INCIDENT_TYPE, label=t.LABEL_TYPE, element=type_element),
        account_block,
        InputBlock(
            block_id=BlockId.INCIDENT_URL,
            label=t.LABEL_URL,
            hint=t.HINT_URL,
            optional=True,
            element=PlainTextInputElement(action_id=INPUT, initial_value=prefill.url or None, max_length=2048),
        ),
        InputBlock(
            block_id=BlockId.INCIDENT_NOTE,
            label=t.LABEL_NOTE,
            optional=True,
            element=PlainTextInputElement(
                action_id=INPUT,
                multiline=True,
                max_length=3000,
                placeholder=t.PLACEHOLDER_NOTE,
                initial_value=prefill.note or None,
            ),
        ),
    ]
    return View(
        type="modal",
        callback_id=CallbackId.INCIDENT_MODAL,
        title=t.MODAL_TITLE,
        submit=t.MODAL_SUBMIT,
        close=t.MODAL_CLOSE,
        blocks=blocks,
        private_metadata=private_metadata,
    )


def build_close_modal(record: IncidentRecord, *, private_metadata: str = "") -> View:
    label = playbooks_mod.load().for_type(record.incident.type).label
    return View(
        type="modal",
        callback_id=CallbackId.INCIDENT_CLOSE_MODAL,
        title=t.CLOSE_MODAL_TITLE,
        submit=t.CLOSE_MODAL_SUBMIT,
        close=t.MODAL_CLOSE,
        private_metadata=private_metadata,
        blocks=[
            SectionBlock(
                text=_mrkdwn(
                    t.CLOSE_MODAL_INTRO.format(
                        incident_id=record.id, type_label=label, account_id=record.incident.account_id
                    )
                )
            ),
            InputBlock(
                block_id=BlockId.SUMMARY,
                label=t.LABEL_SUMMARY,
                hint=t.HINT_SUMMARY,
                element=PlainTextInputElement(action_id=INPUT, multiline=True, max_length=3000),
            ),
        ],
    )


def build_message_view(title: str, text: str) -> View:
    """A modal that only says something (the "working…" view, the result, an error)."""
    return View(
        type="modal",
        title=truncate(title, 24),
        close=t.MODAL_CLOSE if title == t.WORKING_TITLE else t.MODAL_DISMISS,
        blocks=[SectionBlock(text=_mrkdwn(text))],
    )


def metadata(**values: str) -> str:
    """private_metadata for the modals: where to answer (the channel) and which incident."""
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def read_metadata(value: str | None) -> dict[str, str]:
    try:
        data = json.loads(value or "{}")
    except ValueError:
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}
    )
