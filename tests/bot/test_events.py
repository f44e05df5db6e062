"""Slack's at-least-once delivery: a retried event is recognised and does nothing twice."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from bot.workflows import events


def test_the_first_delivery_is_handled_and_a_retry_is_not(session):
    assert events.first_delivery(session=session, event_id="Ev0A1B2C")
    assert not events.first_delivery(session=session, event_id="Ev0A1B2C")
    assert events.first_delivery(session=session, event_id="Ev0A1B2D")


def test_a_claim_rolls_back_with_a_failed_handler(db):
    with pytest.raises(RuntimeError), db.Session.begin() as s:
        assert events.first_delivery(session=s, event_id="Ev0FAIL")
        raise RuntimeError("the handler failed")
    # Slack retries; this time it is handled.
    with db.Session.begin() as s:
        assert events.first_delivery(session=s, event_id="Ev0FAIL")


def test_old_records_are_forgotten_after_a_week(session):
    start = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        events.first_delivery(session=session, event_id="Ev0OLD")
    with time_machine.travel(start + dt.timedelta(days=6), tick=False):
        events.first_delivery(session=session, event_id="Ev0RECENT")
    assert events.forget_old(session=session, now=start + dt.timedelta(days=8)) == 1
    assert not events.first_delivery(session=session, event_id="Ev0RECENT")


def test_an_empty_event_id_is_a_programming_error(session):
    with pytest.raises(ValueError):
        events.first_delivery(session=session, event_id="")
