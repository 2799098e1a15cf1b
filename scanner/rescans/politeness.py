"""Per-host politeness across every worker: turns booked in the database.

One worker's fetcher keeps its own gap between requests to a host, but two workers on two
machines would each keep theirs and together ask twice as often. So the worker's fetcher books
each request's turn in the shared store instead: one statement moves the host's next free
moment on by the gap and returns the turn it booked, atomically (PostgreSQL's and SQLite's
`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`), and the thread sleeps until then. Turns are
wall-clock seconds, so they mean the same on every machine (keep the clocks in sync with NTP).
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
LATE_S = 0.02  # a turn missed by more than this is given up for a new one
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

    @contextmanager
    def watching(self, go_on: Callable[[], bool]) -> Iterator[None]:
        """While the block runs, each request on this thread first asks `go_on()`."""
        self._local.go_on = go_on
        try:
            yield
        finally:
            self._local.go_on = None

    def wait_turn(self, host: str) -> None:
        """Sleep until this request's turn. A thread that wakes late (a busy machine) takes a
        new turn rather than send closer than the gap to the turn booked after its own."""
        go_on = getattr(self._local, "go_on", None)
        if go_on is not None and not go_on():
            raise FetchError(STOPPED)
        while True:
            now = self._clock()
            # The turn after this one is booked a little more than the gap later, so a
            # request sent up to LATE_S after its turn still keeps the whole gap.
            turn = self._book(host, now, self.gap + LATE_S)
            if turn > now:
                self._sleep(turn - now)
            if self._clock() - turn <= LATE_S:
                return

    def push_back(self, host: str, seconds: float) -> None:
        """The host asked us to wait (Retry-After): no worker asks it again before then."""
        self._book(host, self._clock() + seconds, 0.0)

    def _book(self, host: str, earliest: float, gap: float) -> float:
        """Book the first free turn at or after `earliest`; the host's next free moment moves
        to that turn plus `gap`. Returns the turn."""
        table: sa.Table = HostSlotRow.__table__  # type: ignore[attr-defined]
        dialect = postgresql if self.store.dialect == "postgresql" else sqlite
        insert = dialect.insert(table).values(host=host, next_at=earliest + gap)
        later = sa.func.greatest if self.store.dialect == "postgresql" else sa.func.max
        upsert = insert.on_conflict_do_update(
            index_elements=[table.c.host],
            set_={"next_at": later(table.c.next_at, earliest) + gap},
        ).returning(table.c.next_at)
        with self.store.write() as session:
            booked_end = float(session.connection().execute(upsert).scalar_one())
        return booked_end - gap
