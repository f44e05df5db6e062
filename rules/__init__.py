"""sns-gate's screening engine: pure Python, no Slack and no database."""

from rules.engine import DraftError, Engine, engine_for, screen
from rules.model import Category, Draft, Finding, Report, Settings, Severity, Verdict

__all__ = [
    "Category",
    "Draft",
    "DraftError",
    "Engine",
    "Finding",
    "Report",
    "Settings",
    "Severity",
    "Verdict",
    "engine_for",
    "screen",
]
