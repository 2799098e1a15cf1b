"""Rescan tests talk only to servers they start on 127.0.0.1: every socket connection is
recorded, and one to any other address fails the test before a packet leaves. Names are never
looked up (no DNS): the fetcher's resolver here knows only `localhost`."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from localweb import LocalWeb, serving


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> list[str]:
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


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalWeb]:
    monkeypatch.setenv("RISKSCAN_ALLOW_LOOPBACK", "1")
    with serving() as server:
        yield server
