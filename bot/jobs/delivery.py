"""Send-once delivery of the jobs' messages.

Every message a job sends covers one or more keys (job, entity, period) in ``reminder_log``; a key
recorded there has been sent and is never sent again. The protocol, for one message:

1. **Lease** (a short transaction): for every key, in sorted order, insert the row
   ``(job, entity, period + "~lease")``. The unique constraint lets exactly one bot instance hold
   a lease; a lease older than ``LEASE`` (its holder crashed between lease and record) is taken
   over by one conditional UPDATE. Then, holding the leases, look for the keys' sent records: a
   run that finished while we waited for the lease has recorded them, and we stop.
2. **Send** to Slack, outside any transaction: a slow or rate-limited Slack never holds a database
   lock (on SQLite the lock is the whole database, and Slack's own handlers need it too).
3. **Record** (a short transaction): on success insert the keys' sent rows and drop the leases; on
   failure only drop the leases, so the next run tries again.

So two instances, or a run and its retry, never send the same reminder twice, a Slack failure for
one recipient loses nothing for the others, and an unsent reminder is never recorded as sent. The
one window left is a crash (or a database outage) after Slack took the message and before step 3
committed: the lease then expires and the message is sent again; we prefer a rare duplicate to a
reminder skipped for good.

Keys are built by ``bot.jobs.periods``; entities name the thing and the recipient
(``account:aoba-x:U0MGR``) so each recipient of a reminder is recorded on its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import NamedTuple, TextIO, TypeVar

from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.models.blocks import Block
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.blocks import reminders as texts
from bot.blocks import to_dicts
from bot.runtime import Runtime
from storage.repositories import reminders as reminders_repo
from storage.repositories.reminders import LEASE_SUFFIX

log = logging.getLogger(__name__)

PERIOD_MAX = 32 - len(LEASE_SUFFIX)  # reminder_log.period is VARCHAR(32)
ENTITY_MAX = 128
# Longer than any one send can take (slack_sdk's retries included), short enough that a crashed
# instance's reminders go out again within the hour.
LEASE = dt.timedelta(minutes=10)
# A run sends at most this many messages; the rest wait for the next run. Bounds a run's length
# (Slack allows about one message per second per channel) and keeps a runaway job from flooding Slack.
MAX_SENDS_PER_RUN = 500


T = TypeVar("T")


class Key(NamedTuple):
    entity: str
    period: str


class Outcome(enum.StrEnum):
    SENT = "sent"
    ALREADY_SENT = "already_sent"  # recorded by an earlier run or another instance
    IN_PROGRESS = "in_progress"  # another instance holds the lease right now
    FAILED = "failed"  # Slack or the database refused; retried by the next run
    DEFERRED = "deferred"  # over this run's budget; sent by the next run
    PLANNED = "planned"  # dry run: would be sent


@dataclasses.dataclass(frozen=True, slots=True)
class Upload:
    filename: str
    content: bytes
    title: str


@dataclasses.dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to one user (a DM: ``channel`` is the user ID) or one channel.

    ``blocks`` is a builder called only when the message is sent: a run plans thousands of messages
    but sends a bounded number, and drawing Block Kit (slack_sdk validates every object) costs far
    more than deciding what is due.
    """

    channel: str
    text: str
    keys: tuple[Key, ...]
    blocks: Callable[[], Sequence[Block]] | None = None
    uploads: tuple[Upload, ...] = ()

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError("a message must cover at least one key")
        for key in self.keys:
            if not key.entity or len(key.entity) > ENTITY_MAX or not key.period or len(key.period) > PERIOD_MAX:
                raise ValueError(f"bad reminder key {key!r}")


@dataclasses.dataclass
class Tally:
    """What one run did with its messages."""

    counts: dict[Outcome, int] = dataclasses.field(default_factory=lambda: dict.fromkeys(Outcome, 0))

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome] += 1

    def __getitem__(self, outcome: Outcome) -> int:
        return self.counts[outcome]


class _Abort(Exception):
    def __init__(self, outcome: Outcome):
        self.outcome = outcome


def sent_keys(*, session: Session, job: str, keys: Iterable[Key]) -> set[Key]:
    """The keys among ``keys`` recorded as sent (one or a few indexed lookups, see the repository)."""
    return {Key(*key) for key in reminders_repo.sent(session=session, job=job, keys=keys)}


def unsent(*, session: Session, job: str, messages: Sequence[Outgoing]) -> list[Outgoing]:
    """The messages none of whose keys is recorded as sent (one lookup for all of them)."""
    done = sent_keys(session=session, job=job, keys=(k for m in messages for k in m.keys))
    return [m for m in messages if not done.intersection(m.keys)]


def untold(*, session: Session, job: str, rows: Sequence[T], key_of: Callable[[T], Key]) -> list[T]:
    """The rows whose key is not recorded as sent yet: a digest lists only what its reader has not been
    told, so the rows are filtered before the digest is built (one lookup for all of them)."""
    keys = [key_of(row) for row in rows]
    done = sent_keys(session=session, job=job, keys=keys)
    return [row for row, key in zip(rows, keys, strict=True) if key not in done]


def notice(
    channel: str, text: str, keys: Iterable[Key], blocks: Callable[[], Sequence[Block]] | None = None
) -> Outgoing:
    """A message drawn as a notice (``build_notice_blocks``) unless ``blocks`` says otherwise."""
    return Outgoing(
        channel=channel, text=text, blocks=blocks or partial(texts.build_notice_blocks, text), keys=tuple(keys)
    )


def to_each(
    users: Iterable[str],
    text: str,
    *,
    entity: str,
    period: str,
    blocks: Callable[[], Sequence[Block]] | None = None,
) -> list[Outgoing]:
    """One message to each of ``users`` (each once, in order), keyed ``{entity}:{user}`` so that every
    recipient's reminder is recorded on its own."""
    return [notice(user, text, [Key(f"{entity}:{user}", period)], blocks) for user in dict.fromkeys(users)]


class Deliverer:
    """Sends one job run's messages with the protocol above, or prints them (``dry_run``)."""

    def __init__(
        self,
        runtime: Runtime,
        job: str,
        *,
        dry_run: bool = False,
        out: TextIO | None = None,
        budget: int = MAX_SENDS_PER_RUN,
    ):
        self.runtime = runtime
        self.job = job
        self.dry_run = dry_run
        self.out = out
        self.budget = budget
        self.tally = Tally()

    # --- The protocol ---------------------------------------------------------------------------------

    def deliver(self, message: Outgoing) -> Outcome:
        outcome = self._deliver(message)
        self.tally.add(outcome)
        return outcome

    def deliver_all(self, messages: Iterable[Outgoing]) -> None:
        for message in messages:
            self.deliver(message)

    def _deliver(self, message: Outgoing) -> Outcome:
        if self.dry_run:
            self._print(message)
            return Outcome.PLANNED
        if self.tally[Outcome.SENT] + self.tally[Outcome.FAILED] >= self.budget:
            return Outcome.DEFERRED
        keys = sorted(set(message.keys))  # one order for every instance: no deadlock between two
        try:
            with self.runtime.db.Session.begin() as session:
                self._lease(session, keys)
        except _Abort as abort:
            return abort.outcome
        except OperationalError as exc:  # e.g. SQLite busy past its timeout: the next run retries
            log.warning("%s: could not lease %s: %s", self.job, _describe(keys), type(exc).__name__)
            return Outcome.FAILED

        try:
            error = self._send(message)
        except BaseException:
            self._finish(keys, sent=False)  # a bug in drawing the message must not hold the lease
            raise
        self._finish(keys, sent=error is None)
        if error is not None:
            log.warning("%s: could not send to %s (%s): %s", self.job, message.channel, _describe(keys), error)
            return Outcome.FAILED
        log.info("%s: sent to %s (%s)", self.job, message.channel, _describe(keys))
        return Outcome.SENT

    def _finish(self, keys: Sequence[Key], *, sent: bool) -> None:
        """Record the keys as sent (when they were) and drop the leases, in one short transaction."""
        try:
            with self.runtime.db.Session.begin() as session:
                if sent:
                    now = self.runtime.clock()
                    for key in keys:
                        reminders_repo.claim(
                            session=session, job=self.job, entity=key.entity, period=key.period, at=now
                        )
                reminders_repo.drop_leases(session=session, job=self.job, keys=keys)
        except OperationalError as exc:
            # The lease stays and expires: the message may then be sent again (see the module doc).
            log.error("%s: could not record %s: %s", self.job, _describe(keys), type(exc).__name__)

    def _lease(self, session: Session, keys: Sequence[Key]) -> None:
        now = self.runtime.clock()
        for key in keys:
            lease = reminders_repo.take_lease(
                session=session, job=self.job, entity=key.entity, period=key.period, at=now, expiry=LEASE
            )
            if lease is reminders_repo.Lease.HELD:
                raise _Abort(Outcome.IN_PROGRESS)
            if lease is reminders_repo.Lease.TAKEN_OVER:
                log.warning("%s: took over a stale lease on %s", self.job, _describe([key]))
        # Read after the leases are ours: under READ COMMITTED this sees a holder that finished while
        # our insert waited on its lease row.
        if sent_keys(session=session, job=self.job, keys=keys):
            raise _Abort(Outcome.ALREADY_SENT)

    def _send(self, message: Outgoing) -> str | None:
        """Send the message; None on success, else the error's name (never its text: it may quote ours)."""
        client = self.runtime.client
        try:
            if message.uploads:
                client.files_upload_v2(
                    channel=message.channel,
                    initial_comment=message.text,
                    file_uploads=[
                        {"content": u.content, "filename": u.filename, "title": u.title} for u in message.uploads
                    ],
                )
            else:
                client.chat_postMessage(
                    channel=message.channel,
                    text=message.text,
                    blocks=to_dicts(message.blocks()) if message.blocks else None,
                    unfurl_links=False,
                    unfurl_media=False,
                )
        except SlackApiError as exc:
            return str(exc.response.get("error") or "slack_api_error")
        except (SlackClientError, OSError) as exc:
            return type(exc).__name__
        return None

    # --- Dry run --------------------------------------------------------------------------------------

    def _print(self, message: Outgoing) -> None:
        if self.out is None:
            return
        recipient = texts.recipient_label(message.channel)
        files = "、".join(u.filename for u in message.uploads)
        header = texts.DRY_RUN_MESSAGE.format(recipient=recipient, keys=_describe(message.keys))
        if files:
            header += texts.DRY_RUN_FILES.format(files=files)
        print(header, file=self.out)
        for line in message.text.splitlines():
            print(f"    {line}", file=self.out)


def _describe(keys: Iterable[Key]) -> str:
    keys = list(keys)
    shown = ", ".join(f"{k.entity}@{k.period}" for k in keys[:3])
    return shown + (f" +{len(keys) - 3}" if len(keys) > 3 else "")
