"""Network tests talk only to servers they start on loopback addresses.

Every socket connection made during these tests is recorded, and one to any address that is not
loopback fails the test before a packet leaves: the guard's refusals are proved by what never
reached a socket, not by connecting out.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from scanner.net import Fetcher, NetSettings

Connections = list[str]


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> Connections:
    made: Connections = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family in (socket.AF_INET, socket.AF_INET6):
            made.append(host)
            if not ipaddress.ip_address(host.split("%")[0]).is_loopback:
                raise AssertionError(f"a test tried to connect to {host}")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return made


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
