"""The incident report: Markdown with the header (ID, type, account, reporter, times, duration), the
steps with who did them and when, the timeline and the summary.

Pure: ``render_markdown`` takes what ``service.load_record`` read. The bot posts it to the incident
thread when the incident closes; ``python app.py incidents export INC-…`` (bot/incidents/cli.py)
prints it for the record. People are named by ``names`` when given (Slack display names), else by
their Slack user ID: a file outside Slack cannot render ``<@U…>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from bot.incidents import playbooks as playbooks_mod
from bot.incidents import texts as t
from bot.incidents.service import IncidentRecord, TimelineKind
from storage.incident_models import IncidentTimelineEntry


def _cell(text: str) -> str:
    """A table cell: Markdown's pipe escaped, line breaks flattened."""
    return " ".join(text.replace("|", "\\|").split())


def _name(user: str | None, names: Mapping[str, str]) -> str:
    if not user:
        return ""
    if user == "system":
        return t.SYSTEM_ACTOR
    return names.get(user, user)


def _timeline_line(entry: IncidentTimelineEntry, *, names: Mapping[str, str], tz: dt.tzinfo) -> str:
    data = entry.data or {}
    actor = _name(entry.actor, names)
    template = t.TIMELINE.get(entry.kind, "{actor}: " + entry.kind)
    if entry.kind == TimelineKind.MESSAGE:
        line = template.format(actor=actor, author=_name(data.get("author"), names))
    elif entry.kind in (TimelineKind.HELD, TimelineKind.RELEASED):
        line = template.format(count=data.get("count", 0))
    elif entry.kind == TimelineKind.ESCALATED:
        line = template.format(channels="、".join(f"#{c}" for c in data.get("channels", [])))
    elif entry.kind == TimelineKind.STEP_DONE:
        line = template.format(actor=actor, title=data.get("title", data.get("step", "")))
    else:
        line = template.format(actor=actor)
    details = []
    if data.get("url") and entry.kind in (TimelineKind.OPENED, TimelineKind.REPORTED_AGAIN):
        details.append(str(data["url"]))
    if entry.kind == TimelineKind.MESSAGE and data.get("permalink"):
        details.append(t.REPORT_MESSAGE_LINK.format(permalink=data["permalink"]))
    if entry.text and entry.kind != TimelineKind.CLOSED:  # the summary has its own section
        details.append("「" + " ".join(entry.text.split()) + "」")
    when = entry.at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    return f"- {when} {line}" + (" " + " ".join(details) if details else "")


def render_markdown(
    record: IncidentRecord,
    *,
    tz: dt.tzinfo,
    policy: str = "default",
    names: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> str:
    """The report of ``record`` as Markdown. An open incident's duration runs to ``now``."""
    names = names or {}
    incident, account = record.incident, record.account
    books = playbooks_mod.load()
    playbook = books.for_type(incident.type)
    end = incident.closed_at or now
    fields = t.REPORT_FIELDS
    rows = [
        (fields["type"], playbook.label),
        (fields["lead"], t.OFFICE_LABELS[playbook.lead]),
        (
            fields["account"],
            t.REPORT_ACCOUNT.format(
                account_id=account.id, platform=account.platform, handle=account.handle, department=account.department
            )
            if account
            else t.REPORT_NONE,
        ),
        (fields["reporter"], _name(incident.opened_by, names)),
        (fields["opened"], t.format_when(incident.opened_at, tz)),
        (fields["state"], t.STATE_OPEN if record.is_open else t.STATE_CLOSED),
    ]
    if incident.closed_at:
        rows += [
            (fields["closed"], t.format_when(incident.closed_at, tz)),
            (fields["closed_by"], _name(incident.closed_by, names)),
        ]
    if end is not None:
        duration = t.format_duration(end - incident.opened_at)
        rows.append((fields["duration"], duration + ("" if incident.closed_at else t.REPORT_STILL_OPEN)))
    if incident.url:
        rows.append((fields["url"], incident.url))

    out = [t.REPORT_TITLE.format(incident_id=incident.id), "", f"| {t.REPORT_ITEM} | {t.REPORT_VALUE} |", "|---|---|"]
    out += [f"| {_cell(k)} | {_cell(v)} |" for k, v in rows]

    out += ["", t.REPORT_SUMMARY, "", incident.summary.strip() if incident.summary else t.REPORT_NONE]
    out += ["", t.REPORT_NOTE, "", incident.note.strip() if incident.note else t.REPORT_NONE]

    out += ["", t.REPORT_STEPS, "", "| " + " | ".join(t.REPORT_STEP_HEADERS) + " |", "|---" * 6 + "|"]
    for step in record.steps:
        if step.done_at is not None:
            done = (
                _name(step.done_by, names),
                t.format_when(step.done_at, tz),
                t.format_duration(step.done_at - incident.opened_at),
            )
        else:
            done = (t.REPORT_NOT_DONE, "", "")
        cells = (str(step.position), step.title, t.OWNER_LABELS.get(step.owner_role, step.owner_role), *done)
        out.append("| " + " | ".join(_cell(c) for c in cells) + " |")

    out += ["", t.REPORT_TIMELINE, ""]
    out += [_timeline_line(entry, names=names, tz=tz) for entry in record.timeline] or [t.REPORT_NONE]

    out += ["", t.REPORT_CITATIONS, ""]
    for step in playbook.steps:
        for policy_name, citation in step.citations_for(policy):
            guideline = books.guideline_name(policy_name) or policy_name
            out.append(
                f"- {step.title}: "
                + t.CITATION.format(guideline=guideline, clause=citation.clause, quote=citation.quote)
            )
    return "\n".join(out) + "\n"
