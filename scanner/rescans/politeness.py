"""Per-host politeness across every worker: a host's next free moment, kept in the database.

One worker's fetcher keeps its own gap between requests to a host, but two workers on two
machines would each keep theirs and together ask twice as often. So the worker's fetcher takes
each request's moment from the shared store instead, at the moment it is about to send: one
statement sets the host's next free moment to now plus the gap only if that moment has come
(PostgreSQL's and SQLite's `INSERT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING`). The
thread that gets a row back sends at once; the others learn when the host is next free, sleep
until then and try again. The fetcher takes the moment once the connection is open, just before
the request is written, so a slow connect never pushes a request into the next one's turn (it
sleeps until the host is free before it takes a connection, so none sits idle meanwhile).
Nothing is booked ahead, so a thread that wakes late (a busy machine) only delays its own
request and never leaves a turn unused or sends too close to another.

Once the request is written, `sent` moves the host's next free moment to a gap after the write
if that is later: a thread held up between taking its moment and writing (a busy machine, a
pause for garbage collection) then holds the next request back by as much, so the gap holds
unless the hold-up outlasts the whole gap. The gap kept is the politeness gap plus
SEND_MARGIN_S, which covers the few milliseconds between the write and the request reaching the
host. On PostgreSQL "now" is the database server's clock, so workers on several machines share
one clock; on SQLite (one machine) it is this computer's.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from scanner.net import FetchError
from scanner.net.polite import HostSpacing
from storage.db import Store
from storage.models import HostSlotRow

Sleep = Callable[[float], None]
SEND_MARGIN_S = 0.03  # kept on top of the gap: the write to the request arriving at the host
RETRY_FLOOR_S = 0.002  # a thread told to wait sleeps at least this long
STOPPED = ("the rescan stopped before this page was read (its time limit ran out, or the "
           "consent was withdrawn)")


class DatabaseSpacing(HostSpacing):
    """The fetcher's host spacing, shared through the store by every worker. Each thread's
    rescan may also say it must stop (`watching`): its next request is then not made."""

    def __init__(self, store: Store, gap: float, sleep: Sleep = time.sleep,
                 clock: Callable[[], float] = time.time) -> None:
        super().__init__(gap)
        self.store = store
        self._sleep = sleep
        self._clock = clock
        self._local = threading.local()
        self._table: sa.Table = HostSlotRow.__table__  # type: ignore[attr-defined]

    @contextmanager
    def watching(self, go_on: Callable[[], bool]) -> Iterator[None]:
        """While the block runs, each request on this thread first asks `go_on()`."""
        self._local.go_on = go_on
        try:
            yield
        finally:
            self._local.go_on = None

    def wait_turn(self, host: str) -> None:
        """Return when this thread may send to `host` now (the moment is then taken). The
        rescan is asked whether to go on in `wait_free`, just before, and after each wait."""
        while True:
            wait = self._take(host, self.gap + SEND_MARGIN_S)
            if wait is None:
                return
            # Not taken, even when the moment has just come (wait <= 0): try again.
            self._sleep(max(wait, RETRY_FLOOR_S))
            self._check_go_on()

    def wait_free(self, host: str) -> None:
        """Sleep until the host's next free moment (without taking it), so the connection
        is taken and the moment is taken (`wait_turn`) close together."""
        self._check_go_on()
        table = self._table
        with self.store.read() as session:
            wait = session.connection().execute(
                sa.select(table.c.next_at - self._now()).where(table.c.host == host)).scalar()
        if wait is not None and wait > 0:
            self._sleep(float(wait))

    def sent(self, host: str) -> None:
        """The request's bytes were written just now: the host's next free moment is at least
        a gap (and the margin) from now. A thread held up between taking its moment and
        writing (a busy machine, a pause for garbage collection) moves the next request back
        by as much, unless the hold-up outlasted the whole gap."""
        written = time.monotonic()
        table = self._table
        spacing = self.gap + SEND_MARGIN_S
        with self.store.write() as session:
            # The write's time on the clock `_now` reads: now, less the time since the write.
            after = self._now() - (time.monotonic() - written) + spacing
            session.connection().execute(
                sa.update(table).where(table.c.host == host)
                .values(next_at=self._later(table.c.next_at, after)))

    def push_back(self, host: str, seconds: float) -> None:
        """The host asked us to wait (Retry-After): no worker asks it again before then."""
        table = self._table
        now = self._now()
        upsert = self._insert(host, now + seconds).on_conflict_do_update(
            index_elements=[table.c.host],
            set_={"next_at": self._later(table.c.next_at, now + seconds)})
        with self.store.write() as session:
            session.connection().execute(upsert)

    def _check_go_on(self) -> None:
        go_on = getattr(self._local, "go_on", None)
        if go_on is not None and not go_on():
            raise FetchError(STOPPED)

    def _take(self, host: str, spacing: float) -> float | None:
        """Take the host's moment if it has come (None), else the seconds until it comes
        (which may be 0 or less when it came just after the attempt)."""
        table = self._table
        now = self._now()
        taken = self._insert(host, now + spacing).on_conflict_do_update(
            index_elements=[table.c.host], set_={"next_at": now + spacing},
            where=table.c.next_at <= now,
        ).returning(table.c.next_at)
        with self.store.write() as session:
            conn = session.connection()
            if conn.execute(taken).first() is not None:
                return None
            wait = conn.execute(sa.select(table.c.next_at - now)
                                .where(table.c.host == host)).scalar_one()
        return float(wait)

    def _insert(self, host: str, next_at: sa.ColumnElement[float] | float
                ) -> postgresql.Insert | sqlite.Insert:
        if self.store.dialect == "postgresql":
            return postgresql.insert(self._table).values(host=host, next_at=next_at)
        return sqlite.insert(self._table).values(host=host, next_at=next_at)

    def _now(self) -> sa.ColumnElement[float] | float:
        """Now, in seconds since the epoch: the PostgreSQL server's clock (one clock for every
        worker), or this computer's on SQLite."""
        if self.store.dialect == "postgresql":
            return sa.cast(sa.extract("epoch", sa.func.clock_timestamp()), sa.Float)
        return self._clock()

    def _later(self, a: sa.ColumnElement[float], b: sa.ColumnElement[float] | float
               ) -> sa.ColumnElement[float]:
        later = sa.func.greatest if self.store.dialect == "postgresql" else sa.func.max
        result: sa.ColumnElement[float] = later(a, b)
        return result
