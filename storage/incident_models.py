"""The incident's own records, beside ``storage.models.Incident`` (same ``Base``, same metadata).

- ``IncidentStep``: the playbook's checklist, copied at opening (the title as it was asked then, so
  a later edit of playbooks.yml never rewrites an old incident's record); a step is done once,
  by one conditional UPDATE.
- ``IncidentTimelineEntry``: what happened, in order (opened, joined, a step done, a Slack message
  recorded by a reaction, closed). Only ever inserted. A Slack message is recorded once per
  incident: (incident, channel, ts) is unique.
- ``IncidentMessage``: where the bot posted the incident in Slack (the escalation messages in the
  PR and infosec channels, the checklist in the incident thread), to update them and to recognise
  a reaction in an incident thread.
- ``IncidentMember``: who reported or joined (each person once).
- ``IncidentOpenKey``: what makes two reports "the same incident" while it is open (the type and
  account; an impersonating URL). Inserted with the incident and deleted when it closes, so of two
  reports arriving at once exactly one opens the incident and the other joins it.

The migration that creates these tables is storage/migrations/versions/20261121_5e8ff99f811c_*.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Identity, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.db import utcnow
from storage.models import SLACK_ID, Base


def _incident_fk() -> ForeignKey:
    # A ForeignKey belongs to one column: each table gets its own.
    return ForeignKey("incidents.id", ondelete="CASCADE")


class IncidentStep(Base):
    __tablename__ = "incident_steps"
    __table_args__ = (UniqueConstraint("incident_id", "step_id"),)

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    incident_id: Mapped[str] = mapped_column(_incident_fk())
    position: Mapped[int]
    step_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    owner_role: Mapped[str] = mapped_column(String(16))  # "manager", "pr" or "infosec"
    done_by: Mapped[str | None] = mapped_column(SLACK_ID)
    done_at: Mapped[dt.datetime | None]


class IncidentTimelineEntry(Base):
    __tablename__ = "incident_timeline"
    __table_args__ = (
        Index(None, "incident_id", "at"),
        # NULLs are distinct in a unique constraint (SQLite and PostgreSQL): only message entries collide.
        UniqueConstraint("incident_id", "source_channel", "source_ts"),
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    incident_id: Mapped[str] = mapped_column(_incident_fk())
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))  # a Slack user ID, or "system"
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None]
    source_channel: Mapped[str | None] = mapped_column(SLACK_ID)
    source_ts: Mapped[str | None] = mapped_column(String(32))


class IncidentMessage(Base):
    __tablename__ = "incident_messages"

    channel: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    ts: Mapped[str] = mapped_column(String(32), primary_key=True)
    incident_id: Mapped[str] = mapped_column(_incident_fk(), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "pr", "infosec" (escalations) or "checklist"
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    permalink: Mapped[str | None] = mapped_column(String(2048))


class IncidentMember(Base):
    __tablename__ = "incident_members"

    incident_id: Mapped[str] = mapped_column(_incident_fk(), primary_key=True)
    user_id: Mapped[str] = mapped_column(SLACK_ID, primary_key=True)
    role: Mapped[str] = mapped_column(String(16))  # "reporter" or "joined"
    joined_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class IncidentOpenKey(Base):
    __tablename__ = "incident_open_keys"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    incident_id: Mapped[str] = mapped_column(_incident_fk(), index=True)
