"""The incident tables in a test database.

The migrated test databases get them from bot/incidents/migration_draft.py.txt once the lead has placed
it in storage/migrations/versions/; until then the fixtures create them here. ``checkfirst`` makes this
a no-op once the migration is in place.
"""

from __future__ import annotations

from sqlalchemy import Engine

from storage.incident_models import (
    IncidentMember,
    IncidentMessage,
    IncidentOpenKey,
    IncidentStep,
    IncidentTimelineEntry,
)
from storage.models import Base

TABLES = [m.__table__ for m in (IncidentStep, IncidentTimelineEntry, IncidentMessage, IncidentMember, IncidentOpenKey)]


def ensure_incident_tables(engine: Engine) -> None:
    Base.metadata.create_all(engine, tables=TABLES, checkfirst=True)
