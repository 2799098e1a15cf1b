"""Helpers for the rescan tests: fetcher settings for a local server, a rescan's settings with
an injectable clock, and a consent for a fictional teacher."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from storage_scans import demo_policy

from scanner.net import NetSettings
from scanner.rescans.consents import ConsentRequest
from scanner.rescans.engine import RescanSettings
from scanner.rescans.notify import MailSettings
from scanner.rescans.pages import PageReader
from storage.db import Store

PAGES = Path(__file__).with_name("pages")
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def local_names(host: str, port: int) -> list[str]:
    """No DNS in tests: `localhost` is this computer, every other name is unknown."""
    if host == "localhost":
        return ["127.0.0.1"]
    raise OSError(-2, "Name or service not known")


def quick_net(**changes: Any) -> NetSettings:
    base: dict[str, Any] = {"host_gap": 0.0, "backoff": 0.05, "total_timeout": 5.0,
                            "read_timeout": 3.0, "connect_timeout": 2.0,
                            "resolver": local_names, "budget": 10**9, "allow_loopback": True}
    base.update(changes)
    return NetSettings(**base)


class Clock:
    """The time a rescan sees; tests move it on instead of waiting."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def settings(store: Store, clock: Clock, mail: MailSettings | None = None,
             **changes: Any) -> RescanSettings:
    made = RescanSettings(policy=demo_policy(),
                          mail=mail or MailSettings("riskscan@oakwood.example.sch.uk"),
                          fetch=PageReader(store, quick_net()), clock=clock,
                          today=lambda: clock.now.date())
    for key, value in changes.items():
        setattr(made, key, value)
    return made


def sam(addresses: list[str], **changes: Any) -> ConsentRequest:
    request = ConsentRequest(person="Sam Okafor", email="sam.okafor@example.org",
                             kind="ongoing", schedule="monthly", expires=date(2027, 11, 30),
                             addresses=addresses, starts=NOW)
    for key, value in changes.items():
        setattr(request, key, value)
    return request


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")
