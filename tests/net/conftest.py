"""Network tests talk only to servers they start on loopback addresses.

Every socket connection made during these tests is recorded, and one to any address that is not
loopback fails the test before a packet leaves: the guard's refusals are proved by what never
reached a socket, not by connecting out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from socket_guard import record_loopback_only

from scanner.net import Fetcher, NetSettings

Connections = list[str]


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> Connections:
    return record_loopback_only(monkeypatch)


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKSCAN_ALLOW_LOOPBACK", "1")


def local_names(host: str, port: int) -> list[str]:
    """The resolver for tests: names are never sent to a DNS server (which would be traffic
    off this machine); `localhost` is this computer and every other name is unknown."""
    if host == "localhost":
        return ["127.0.0.1"]
    raise OSError(-2, "Name or service not known")


def quick(**changes: Any) -> NetSettings:
    """Settings for tests: short waits, the same rules, no DNS."""
    base: dict[str, Any] = {"host_gap": 0.0, "backoff": 0.05, "total_timeout": 5.0,
                            "read_timeout": 3.0, "connect_timeout": 2.0,
                            "resolver": local_names}
    base.update(changes)
    return NetSettings(**base)


@pytest.fixture
def fetcher(loopback: None) -> Iterator[Fetcher]:
    with Fetcher(quick()) as made:
        yield made
