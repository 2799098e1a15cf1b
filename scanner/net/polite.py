"""Politeness: a gap between requests to one host, and a budget of requests per scan."""

from __future__ import annotations

import threading
import time


class HostSpacing:
    """At least `gap` seconds between the starts of two requests to the same host.

    Each host's turn is booked under a lock and waited for outside it, so hosts never wait for
    each other, and two threads asking for one host take turns a gap apart."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            turn = max(now, self._next.get(host, now))
            self._next[host] = turn + self.gap
        if turn > now:
            time.sleep(turn - now)

    def wait_free(self, host: str) -> None:
        """Called before a connection is taken for a request to `host`; `wait_turn` follows
        just before the request is written. Here the turn is booked in `wait_turn` itself
        (one thread per host in a scan), so nothing to do; DatabaseSpacing sleeps here, so
        its threads do not hold an idle connection while they wait."""

    def sent(self, host: str) -> None:
        """The request's bytes were written just now: the next request to `host` waits a gap
        from now, not from its turn, however long this thread took to send after its turn
        came (a busy machine, a pause for garbage collection)."""
        with self._lock:
            after = time.monotonic() + self.gap
            self._next[host] = max(self._next.get(host, after), after)

    def push_back(self, host: str, seconds: float) -> None:
        """The host asked us to wait (Retry-After): no request to it before then."""
        with self._lock:
            later = time.monotonic() + seconds
            self._next[host] = max(self._next.get(host, later), later)


class Budget:
    """How many requests one scan may still make; shared by every thread of the scan."""

    def __init__(self, requests: int) -> None:
        self.left = requests
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True
