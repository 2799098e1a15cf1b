"""Rescan tests talk only to servers they start on 127.0.0.1: every socket connection is
recorded, and one to any other address fails the test before a packet leaves. Names are never
looked up (no DNS): the fetcher's resolver here knows only `localhost`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from localweb import LocalWeb, serving
from socket_guard import record_loopback_only


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return record_loopback_only(monkeypatch)


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalWeb]:
    monkeypatch.setenv("RISKSCAN_ALLOW_LOOPBACK", "1")
    with serving() as server:
        yield server
