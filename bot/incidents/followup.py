"""The ``incident-followup`` job: open incidents with unfinished steps remind their owners every working
day (in the incident thread, mentioning the owners of the open steps); a closed incident reminds PR a
week later to hold a short review.

``run(runtime, at=…, dry_run=…)`` is what bot/jobs calls. It is idempotent per (incident, day): each
reminder is claimed in ``reminder_log`` (unique job, entity, period) in the same unit of work that posts
it, so a second run for the same day sends nothing, and a post Slack refused rolls its claim back to be
tried on the next run. Each incident is its own unit of work: one failure does not hold back the rest.
Reminders go out only on working days between the working hours (CONTRACTS §5).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError

from bot.incidents import playbooks as playbooks_mod
from bot.incidents import service
from bot.incidents import texts as t
from bot.runtime import Runtime
from rules import calendar
from storage.repositories import reminders as reminders_repo

log = logging.getLogger(__name__)

JOB = "incident-followup"
REVIEW_AFTER = dt.timedelta(days=7)
# Closed incidents older than this get no review reminder (a first run on an old database stays quiet).
REVIEW_WINDOW = dt.timedelta(days=30)
REVIEW_PERIOD = "review"


@dataclass
class FollowupSummary:
    at: dt.datetime
    dry_run: bool
    reminded: list[str] = field(default_factory=list)  # incident IDs whose owners were reminded
    reviews: list[str] = field(default_factory=list)  # incident IDs whose review PR was reminded of
    failed: list[str] = field(default_factory=list)
    skipped: str | None = None  # why nothing was sent (outside working hours)

    def summary_ja(self) -> str:
        if self.skipped:
            return t.FOLLOWUP_SKIPPED.format(reason=self.skipped)
        template = t.FOLLOWUP_DRY_RUN if self.dry_run else t.FOLLOWUP_SUMMARY
        text = template.format(reminded=len(self.reminded), reviews=len(self.reviews))
        return text + (t.FOLLOWUP_FAILED.format(failed=len(self.failed)) if self.failed else "")

    def __str__(self) -> str:
        return self.summary_ja()


def _reminder_text(runtime: Runtime, record: service.IncidentRecord, at: dt.datetime) -> str:
    playbook = playbooks_mod.load().for_type(record.incident.type)
    lines = [
        t.REMINDER.format(
            incident_id=record.id,
            type_label=playbook.label,
            account_id=record.incident.account_id,
            elapsed=t.format_duration(at - record.incident.opened_at),
            count=len(record.open_steps),
        )
    ]
    for step in record.open_steps:
        owners = service.owners_of(step.owner_role, account=record.account, config=runtime.config)
        lines.append(t.REMINDER_STEP.format(title=step.title, owners=t.mentions(owners)))
    return "\n".join(lines)


def _review_text(runtime: Runtime, record: service.IncidentRecord) -> str:
    playbook = playbooks_mod.load().for_type(record.incident.type)
    text = t.REVIEW.format(
        incident_id=record.id,
        type_label=playbook.label,
        account_id=record.incident.account_id,
        mentions=t.mentions(list(runtime.config.roles.pr)) + " ",
    )
    if record.thread_link:
        text += "\n" + t.REVIEW_LINK.format(link=record.thread_link)
    return text


def _send(
    runtime: Runtime, *, incident_id: str, period: str, at: dt.datetime, dry_run: bool, review: bool
) -> bool | None:
    """Claim and post one reminder in one unit of work; True sent (or would be), False not due, None failed."""
    try:
        with runtime.db.Session.begin() as session:
            record = service.load_record(session=session, incident_id=incident_id)
            if review:
                channel, thread_ts, text = runtime.config.channels.pr, None, _review_text(runtime, record)
            else:
                if not record.is_open or not record.open_steps:
                    return False
                thread = record.thread or (record.escalations[0] if record.escalations else None)
                channel = thread.channel if thread else runtime.config.channels.pr
                thread_ts = thread.ts if thread else None
                text = _reminder_text(runtime, record, at)
            if dry_run:
                return not reminders_repo.is_sent(session=session, job=JOB, entity=incident_id, period=period)
            if not reminders_repo.claim(session=session, job=JOB, entity=incident_id, period=period, at=at):
                return False
            runtime.client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text, unfurl_links=False)
    except SlackApiError as exc:
        log.warning("%s: %s not sent (%s)", JOB, incident_id, exc.response.get("error"))
        return None
    return True


def run(runtime: Runtime, *, at: dt.datetime, dry_run: bool = False) -> FollowupSummary:
    """Send today's incident reminders as of ``at`` (idempotent per incident and day)."""
    if at.tzinfo is None:
        raise ValueError("at must be timezone-aware")
    summary = FollowupSummary(at=at, dry_run=dry_run)
    local = at.astimezone(runtime.tz)
    hours = (runtime.config.working_hours.start, runtime.config.working_hours.end)
    if not calendar.is_working_time(local, hours):
        summary.skipped = calendar.closure_reason(local.date()) or t.OUT_OF_HOURS
        return summary
    day = local.date().isoformat()
    # A review is due from the seventh day after the closing day (an incident closed on Monday afternoon is
    # reviewed from the next Monday morning), for incidents closed within the window.
    due_before = dt.datetime.combine(local.date() - REVIEW_AFTER + dt.timedelta(days=1), dt.time(0), tzinfo=runtime.tz)
    with runtime.db.Session.begin() as session:
        open_ids = service.open_incident_ids(session=session)
        closed_ids = service.closed_between(session=session, start=due_before - REVIEW_WINDOW, end=due_before)
    for ids, period, review, done in (
        (open_ids, day, False, summary.reminded),
        (closed_ids, REVIEW_PERIOD, True, summary.reviews),
    ):
        for incident_id in ids:
            sent = _send(runtime, incident_id=incident_id, period=period, at=at, dry_run=dry_run, review=review)
            if sent:
                done.append(incident_id)
            elif sent is None:
                summary.failed.append(incident_id)
    log.info(
        "%s at %s: reminded=%s reviews=%s failed=%s dry_run=%s",
        JOB,
        at.isoformat(),
        summary.reminded,
        summary.reviews,
        summary.failed,
        dry_run,
    )
    return summary
