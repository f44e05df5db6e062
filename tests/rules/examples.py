"""What the rules tests share about rules' own examples."""

from __future__ import annotations

import datetime as dt

from rules import Draft
from rules.registry import Example


def example_draft(example: Example) -> Draft:
    """The draft an example stands for: its text, platform, planned time and recent posts."""
    return Draft(
        text=example.text,
        platform=example.platform,
        at=dt.datetime.fromisoformat(example.at) if example.at else None,
        recent_posts=example.recent,
    )
