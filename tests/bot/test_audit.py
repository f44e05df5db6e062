"""The audit export for disclosure requests."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import time_machine

from bot.workflows import approval, audit
from tests.bot.factories import JST, MANAGER, OPERATOR, submit

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def trail(session, account, screener) -> int:
    """A draft submitted on 5/10 and approved on 5/11 (JST)."""
    with time_machine.travel(dt.datetime(2026, 5, 10, 23, 59, tzinfo=JST), tick=False):
        draft = submit(session, screener).draft
    approval.approve(session=session, draft_id=draft.id, approver=MANAGER, content_hash=draft.content_hash)
    return draft.id


def test_csv_has_a_header_and_one_row_per_event(session, trail):
    out = io.StringIO()
    count = audit.export(session=session, out=out, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows) == 3
    assert list(rows[0]) == list(audit.COLUMNS)
    assert [(r["actor"], r["action"], r["from_state"], r["to_state"]) for r in rows] == [
        (OPERATOR, "submit", "", "screened"),
        (OPERATOR, "request_approval", "screened", "awaiting_approval"),
        (MANAGER, "approve", "awaiting_approval", "approved"),
    ]
    assert rows[0]["at"] == "2026-05-10T23:59:00+09:00"
    assert json.loads(rows[0]["data"]) == {"account": "aoba-x", "verdict": "pass", "rules": []}
    assert rows[2]["entity"] == "draft" and rows[2]["entity_id"] == str(trail) and len(rows[2]["content_hash"]) == 64


def test_jsonl_is_one_object_per_line(session, trail):
    out = io.StringIO()
    audit.export(session=session, out=out, fmt="jsonl")
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["action"] for r in records] == ["submit", "request_approval", "approve"]
    assert records[0]["from_state"] is None and records[0]["data"]["account"] == "aoba-x"


def test_since_is_a_date_in_japan_time(session, trail):
    out = io.StringIO()
    # 5/10 23:59 JST is 14:59 UTC on 5/10; only the approval (5/11 10:00 JST) is from 5/11 on.
    audit.export(session=session, out=out, fmt="jsonl", since=dt.date(2026, 5, 11))
    assert [json.loads(line)["action"] for line in out.getvalue().splitlines()] == ["approve"]
    out = io.StringIO()
    audit.export(session=session, out=out, fmt="jsonl", since=dt.date(2026, 5, 10))
    assert len(out.getvalue().splitlines()) == 3


def test_a_drafts_history_is_in_order(session, trail):
    assert [e.action for e in audit.history(session=session, draft_id=trail)] == [
        "submit",
        "request_approval",
        "approve",
    ]
