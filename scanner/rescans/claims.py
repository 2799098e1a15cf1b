"""Taking a due rescan so no other worker takes it too, and giving it back.

A claim is a lease written on the consent's row: `claimed_by` (which worker) and `claim_until`.
It is taken in one short transaction that locks the rows it reads: on PostgreSQL with
`SELECT ... FOR UPDATE SKIP LOCKED`, so workers never wait for each other and never take the
same row; on SQLite the transaction holds the database's write lock (BEGIN IMMEDIATE). The lease
is short (LEASE) and a `Heartbeat` thread renews it every few seconds while the rescan runs
(never past its time limit and a grace for storing), so a worker that dies (kill -9, power cut)
stops renewing, its claims run out within LEASE, and the next worker to look takes the rescans
over. The rescan's results are written in one transaction that first checks the claim is still
this worker's, so a run is stored whole or not at all.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from scanner.errors import ScanError
from scanner.rescans.consents import status_of
from storage.consents import LIVE, locked
from storage.db import Store
from storage.models import ConsentRow, HostSlotRow
from storage.repository import aware

LEASE = timedelta(seconds=15)  # how long a claim holds unless its worker renews it
RENEW_EVERY_S = 4.0
STORE_GRACE_S = 60.0  # renewed this long past the time limit, for scanning and storing


class RescanRefusedError(ScanError):
    """No rescan: no live consent covers it (one line saying why)."""


class ClaimedElsewhereError(ScanError):
    """Another worker is doing this rescan right now."""


def worker_name() -> str:
    """This process's name in claims: host, process id and a random part."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(3)}"


def claim_due(store: Store, worker: str, now: datetime, lease: timedelta, limit: int
              ) -> list[str]:
    """Claim up to `limit` due rescans that no live claim holds: first those on hosts no
    rescan is working on, then those whose host may be asked soonest (so every worker's
    threads spread over the hosts rather than queue for one), then the longest due."""
    with store.write() as session:
        working = (select(ConsentRow.host, sa.func.count().label("rescans"))
                   .where(col(ConsentRow.claim_until) > now)
                   .group_by(col(ConsentRow.host)).subquery())
        query = (select(ConsentRow.id)
                 .join(HostSlotRow, col(HostSlotRow.host) == col(ConsentRow.host),
                       isouter=True)
                 .join(working, working.c.host == col(ConsentRow.host), isouter=True)
                 .where(ConsentRow.status == LIVE, col(ConsentRow.next_due).is_not(None),
                        col(ConsentRow.next_due) <= now, _unclaimed(now))
                 .order_by(sa.func.coalesce(working.c.rescans, 0),
                           sa.func.coalesce(col(HostSlotRow.next_at), 0.0),
                           col(ConsentRow.next_due), col(ConsentRow.id)).limit(limit))
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True, of=ConsentRow)
        ids = list(session.exec(query).all())
        _mark(session, ids, worker, now + lease)
    return ids


def claim_one(store: Store, consent_id: str, worker: str, now: datetime, lease: timedelta,
              due_only: bool = False) -> ConsentRow | None:
    """Claim one consent's rescan. Refused (RescanRefusedError) without a live consent; None when
    `due_only` and it is not due (or another worker has just done it)."""
    with store.write() as session:
        row = locked(session, consent_id)
        if row is None:
            raise unknown_consent(consent_id)
        refuse_unless_live(row, now)
        held = row.claim_until is not None and aware(row.claim_until) > now
        if held and row.claimed_by != worker:
            if due_only:
                return None
            raise ClaimedElsewhereError(f"consent {row.id} is being rescanned by another worker "
                                   "right now: try again in a few minutes.")
        if due_only and (row.next_due is None or aware(row.next_due) > now):
            return None
        _mark(session, [row.id], worker, now + lease)
        session.refresh(row)
        return row


def unknown_consent(consent_id: str) -> RescanRefusedError:
    return RescanRefusedError(f"there is no consent {consent_id[:40]!r}, so nothing was "
                              "fetched: see `riskscan consent list`.")


def refuse_unless_live(row: ConsentRow, now: datetime) -> None:
    status = status_of(row, now)
    if status == LIVE:
        return
    when = f" on {aware(row.ended).date().isoformat()}" if row.ended else ""
    verb = "was withdrawn" if status == "withdrawn" else "has expired"
    raise RescanRefusedError(f"consent {row.id} {verb}{when}: no live consent covers these "
                        "addresses, so nothing was fetched.")


def still_mine(store: Store, consent_id: str, worker: str, now: datetime) -> bool:
    """Whether the consent is live and this worker's claim still holds (read, no lock)."""
    with store.read() as session:
        row = session.get(ConsentRow, consent_id)
    return (row is not None and status_of(row, now) == LIVE and row.claimed_by == worker
            and row.claim_until is not None and aware(row.claim_until) > now)


def release(store: Store, consent_id: str, worker: str) -> None:
    """Give a claim back without a result (the rescan stays due and is tried again)."""
    with store.write() as session:
        session.connection().execute(
            sa.update(_consents()).where(_consents().c.id == consent_id,
                                         _consents().c.claimed_by == worker)
            .values(claimed_by=None, claim_until=None))


class Heartbeat:
    """Renews this process's claims while their rescans run: one statement per worker name
    every RENEW_EVERY_S, from a daemon thread that runs while it holds any claim."""

    def __init__(self, store: Store, clock: Callable[[], datetime],
                 every: float = RENEW_EVERY_S, lease: timedelta = LEASE,
                 grace: float = STORE_GRACE_S) -> None:
        self.store = store
        self.grace = grace
        self.clock = clock
        self.every = every
        self.lease = lease
        self._held: dict[tuple[str, str], float] = {}  # (consent, worker) -> renew until
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @contextmanager
    def holding(self, consent_id: str, worker: str, time_limit: float) -> Iterator[None]:
        """Keep the claim alive while the block runs, at most the time limit plus the grace
        for storing (a rescan hung beyond that loses its claim to another worker)."""
        key = (consent_id, worker)
        with self._lock:
            self._held[key] = time.monotonic() + time_limit + self.grace
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="riskscan-heartbeat",
                                                daemon=True)
                self._thread.start()
        try:
            yield
        finally:
            with self._lock:
                self._held.pop(key, None)

    def renew(self) -> int:
        """Renew every claim still held; the number renewed."""
        with self._lock:
            now_mono = time.monotonic()
            by_worker: dict[str, list[str]] = {}
            for (consent_id, worker), until in self._held.items():
                if now_mono < until:
                    by_worker.setdefault(worker, []).append(consent_id)
        renewed = 0
        now = self.clock()
        for worker, ids in by_worker.items():
            with self.store.write() as session:
                table = _consents()
                renewed += session.connection().execute(
                    sa.update(table).where(table.c.id.in_(ids), table.c.claimed_by == worker)
                    .values(claim_until=now + self.lease)).rowcount
        return renewed

    def _run(self) -> None:
        while True:
            time.sleep(self.every)
            with self._lock:
                if not self._held:  # nothing to keep alive: the next claim starts a thread
                    self._thread = None
                    return
            try:
                self.renew()
            except ScanError:  # the database is away: the claims may run out, which is safe
                continue


def _unclaimed(now: datetime) -> sa.ColumnElement[bool]:
    return sa.or_(col(ConsentRow.claim_until).is_(None), col(ConsentRow.claim_until) <= now)


def _mark(session: Session, ids: list[str], worker: str, until: datetime) -> None:
    if ids:
        session.connection().execute(
            sa.update(_consents()).where(_consents().c.id.in_(ids))
            .values(claimed_by=worker, claim_until=until))


def _consents() -> sa.Table:
    table: sa.Table = ConsentRow.__table__  # type: ignore[attr-defined]
    return table
