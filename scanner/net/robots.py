"""robots.txt, read once per host with riskscan's own User-Agent, and asked before each page.

RFC 9309 and Python's robotparser agree on what a failed fetch means: 401 or 403 = the site
allows nothing, any other 4xx = there are no rules, and a server error or no answer = assume
nothing is allowed until it can be read.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from protego import Protego

ROBOTS_CAP = 512 * 1024  # the size Google reads; anything past it is ignored


@dataclass(frozen=True)
class Rules:
    """One host's answer: parsed rules, or everything allowed/forbidden, and why."""

    parsed: Protego | None
    allow_all: bool
    reason: str = ""
    unreachable: str | None = None  # the host could not be reached at all: this says why

    def allows(self, url: str, agent: str) -> bool:
        if self.parsed is not None:
            return bool(self.parsed.can_fetch(url, agent))
        return self.allow_all


def rules_from(status: int | None, body: bytes, failure: str = "") -> Rules:
    """The rules a robots.txt answer gives (status None = no answer, and `failure` says why)."""
    if status is None and failure:
        return Rules(None, False, failure, unreachable=failure)
    if status is None or status >= 500:
        return Rules(None, False, "its robots.txt could not be read, so riskscan stays out")
    if status in (401, 403):
        return Rules(None, False, "its robots.txt is closed to automated tools")
    if status >= 400:
        return Rules(None, True)
    if status >= 300:  # a redirect the fetcher could not follow
        return Rules(None, False, "its robots.txt could not be read, so riskscan stays out")
    text = body[:ROBOTS_CAP].decode("utf-8", errors="replace")
    return Rules(Protego.parse(text), True)


class RobotsCache:
    """Each origin's rules, fetched on first use by `fetch` (which returns status and body)."""

    def __init__(self, fetch: Callable[[str], tuple[int | None, bytes, str]]) -> None:
        self._fetch = fetch
        self._rules: dict[str, Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def rules(self, origin: str) -> Rules:
        with self._lock:
            host_lock = self._locks.setdefault(origin, threading.Lock())
        with host_lock:  # one fetch per origin even when several threads ask at once
            if origin not in self._rules:
                self._rules[origin] = rules_from(*self._fetch(origin + "/robots.txt"))
            return self._rules[origin]
