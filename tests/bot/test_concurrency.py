"""Races, with real threads and separate connections: two approvers clicking at once, two bot
instances handling the same Slack event. Exactly one transition, exactly one audit row.

On PostgreSQL the threads really overlap: every one has read the draft as awaiting approval
before any of them updates it (a second barrier inside the update), so only the conditional
UPDATE can keep them apart. SQLite serialises writers (``BEGIN IMMEDIATE`` plus the busy timeout),
so there the test shows that the waiting threads neither fail nor approve twice.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from bot.errors import UserFacingError
from bot.workflows import approval, events
from storage.db import Database
from storage.models import AuditEvent, Draft, DraftState, IncidentType
from storage.repositories import drafts as drafts_repo
from storage.repositories import incidents
from tests.bot.factories import FakeScreener, make_account, submit

pytestmark = pytest.mark.usefixtures("clock")

THREADS = 8


def _pending_draft(db: Database, approvers: list[str]) -> tuple[int, str]:
    with db.Session.begin() as s:
        make_account(s, deputies=approvers[1:], manager=approvers[0])
        draft = submit(s, FakeScreener()).draft
        assert draft.state == DraftState.AWAITING_APPROVAL
        return draft.id, draft.content_hash


def test_simultaneous_approvals_make_exactly_one_transition(db: Database, monkeypatch: pytest.MonkeyPatch):
    approvers = [f"U0APPROVER{i}" for i in range(THREADS)]
    draft_id, content_hash = _pending_draft(db, approvers)

    start = threading.Barrier(THREADS)
    if db.dialect == "postgresql":
        all_have_read = threading.Barrier(THREADS)
        real_transition = drafts_repo.transition

        def transition_after_everyone_read(**kwargs):
            all_have_read.wait(timeout=10)
            return real_transition(**kwargs)

        monkeypatch.setattr(drafts_repo, "transition", transition_after_everyone_read)

    def click(approver: str) -> tuple[str, str]:
        start.wait(timeout=10)
        try:
            with db.Session.begin() as s:
                approval.approve(session=s, draft_id=draft_id, approver=approver, content_hash=content_hash)
        except UserFacingError as exc:
            return exc.code, exc.message_ja
        return "approved", approver

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(click, approvers))

    winners = [who for code, who in results if code == "approved"]
    assert len(winners) == 1, results
    losers = [(code, text) for code, text in results if code != "approved"]
    assert len(losers) == THREADS - 1
    for code, text in losers:
        assert code == "already_decided"
        assert f"<@{winners[0]}> さんが既に承認しています" in text
    with db.Session.begin() as s:
        draft = s.get(Draft, draft_id)
        assert draft.state == DraftState.APPROVED and draft.decided_by == winners[0] and draft.version == 3
        approvals = s.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == "approve", AuditEvent.entity_id == str(draft_id))
        ).all()
        assert [(a.actor, a.from_state, a.to_state) for a in approvals] == [
            (winners[0], "awaiting_approval", "approved")
        ]


def test_approve_and_reject_at_once_leave_one_decision(db: Database):
    draft_id, content_hash = _pending_draft(db, ["U0MGR", "U0DEP"])
    start = threading.Barrier(2)

    def decide(action: str) -> str:
        start.wait(timeout=10)
        try:
            with db.Session.begin() as s:
                if action == "approve":
                    approval.approve(session=s, draft_id=draft_id, approver="U0MGR", content_hash=content_hash)
                else:
                    approval.reject(
                        session=s, draft_id=draft_id, approver="U0DEP", content_hash=content_hash, reason="不適切"
                    )
        except UserFacingError as exc:
            return exc.code
        return action

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(decide, ["approve", "reject"]))
    assert outcomes in (["already_decided", "approve"], ["already_decided", "reject"])
    with db.Session.begin() as s:
        decisions = s.scalars(sa.select(AuditEvent.action).where(AuditEvent.action.in_(["approve", "reject"]))).all()
        assert len(decisions) == 1


def test_two_instances_handling_the_same_event_handle_it_once(db_url: str):
    # Each "instance" has its own engine and connection pool, as separate bot processes would.
    instances = [Database.from_url(db_url) for _ in range(THREADS)]
    start = threading.Barrier(THREADS)
    handled: list[int] = []

    def deliver(index: int) -> None:
        start.wait(timeout=10)
        with instances[index].Session.begin() as s:
            if events.first_delivery(session=s, event_id="Ev06ABCDEF"):
                handled.append(index)
                time.sleep(0.05)  # keep the transaction open so the others really wait on it

    try:
        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(deliver, range(THREADS)))
    finally:
        for db in instances:
            db.dispose()
    assert len(handled) == 1


def test_incidents_opened_at_once_get_distinct_numbers(db: Database):
    with db.Session.begin() as s:
        make_account(s)
    start = threading.Barrier(THREADS)

    def open_one(_: int) -> str:
        start.wait(timeout=10)
        with db.Session.begin() as s:
            return incidents.open_incident(
                session=s, year=2026, type=IncidentType.FLAMING, opened_by="U0PR1", account_id="aoba-x"
            ).id

    with ThreadPoolExecutor(THREADS) as pool:
        ids = sorted(pool.map(open_one, range(THREADS)))
    assert ids == [f"INC-2026-{n:04d}" for n in range(1, THREADS + 1)]
