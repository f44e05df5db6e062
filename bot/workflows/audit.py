"""The audit trail for disclosure requests: `python app.py audit export [--since DATE] [--format csv|jsonl]`."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any, Literal, TextIO

from sqlalchemy.orm import Session

from bot.workflows import TOKYO
from storage.models import AuditEvent
from storage.repositories import audit as audit_repo

COLUMNS = (
    "id",
    "at",
    "actor",
    "entity",
    "entity_id",
    "action",
    "from_state",
    "to_state",
    "content_hash",
    "reason",
    "data",
)

Format = Literal["csv", "jsonl"]


def as_record(event: AuditEvent, tz: dt.tzinfo = TOKYO) -> dict[str, Any]:
    """One event as exported: times in the organisation's time zone, with their offset."""
    return {
        "id": event.id,
        "at": event.at.astimezone(tz).isoformat(),
        "actor": event.actor,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "action": event.action,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "content_hash": event.content_hash,
        "reason": event.reason,
        "data": event.data,
    }


def records(*, session: Session, since: dt.date | None = None, tz: dt.tzinfo = TOKYO) -> Iterator[dict[str, Any]]:
    """Events from the start of ``since`` (a local date), oldest first."""
    start = dt.datetime.combine(since, dt.time(0), tzinfo=tz) if since else None
    for event in audit_repo.stream(session=session, since=start):
        yield as_record(event, tz)


def export(
    *, session: Session, out: TextIO, since: dt.date | None = None, fmt: Format = "csv", tz: dt.tzinfo = TOKYO
) -> int:
    """Write the trail to ``out`` (CSV with a header row, or one JSON object per line); returns the row count."""
    count = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for record in records(session=session, since=since, tz=tz):
            data = record["data"]
            record["data"] = json.dumps(data, ensure_ascii=False, sort_keys=True) if data is not None else ""
            writer.writerow(["" if record[c] is None else record[c] for c in COLUMNS])
            count += 1
    elif fmt == "jsonl":
        for record in records(session=session, since=since, tz=tz):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return count


def history(*, session: Session, draft_id: int) -> list[AuditEvent]:
    """A draft's transitions, oldest first (for the Slack layer's "history" view)."""
    return audit_repo.for_entity(session=session, entity="draft", entity_id=draft_id)
