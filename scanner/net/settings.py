"""Every limit the fetcher works within, in one place (generous for real pages, firm for hostile
ones)."""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner import __version__
from scanner.net.guard import Resolver, loopback_allowed, system_resolver

USER_AGENT = f"riskscan/{__version__} (profile risk checker; honours robots.txt)"


@dataclass(frozen=True)
class NetSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0  # the whole request: connecting, headers and body
    max_bytes: int = 5 * 1024 * 1024  # decoded bytes per response
    max_redirects: int = 5
    host_gap: float = 1.0  # seconds between two requests to one host
    retries: int = 2  # after a 429 or 503
    backoff: float = 1.0  # first wait before a retry; doubled each time, with jitter
    retry_after_cap: float = 60.0  # a server asking for longer is given up on
    budget: int = 2000  # requests in one scan
    workers: int = 20  # hosts read at the same time
    allow_loopback: bool = field(default_factory=loopback_allowed)
    resolver: Resolver = system_resolver
    user_agent: str = USER_AGENT
