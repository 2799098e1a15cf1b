"""A guard for tests that must talk only to servers they start on this computer.

Every socket connection is recorded, and one to an address that is not loopback fails the test
before a packet leaves: what a refusal proves is shown by what never reached a socket.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest


def record_loopback_only(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Patch socket connections for this test; returns the list each address is appended to."""
    made: list[str] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = str(address[0])
            made.append(host)
            if not ipaddress.ip_address(host.split("%")[0]).is_loopback:
                raise AssertionError(f"a test tried to connect to {host}")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return made
