"""The one seam between rescans and the public-profile readers: addresses in, a scan out.

`scan_addresses` reads each consented address through riskscan's public-profile readers (the
safe fetcher in scanner.net), runs the consent's rules over what they read, and says for each
address what was fetched: the HTTP status and a hash of the content, or why nothing could be
read. Nothing of the page itself is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from scanner.errors import ScanError
from scanner.pipeline import ScanOptions, ScanResult
from scanner.policy import Policy

MAX_ADDRESS = 2048
GoOn = Callable[[], bool]  # False once the rescan must stop (time limit, consent withdrawn)


@dataclass(frozen=True)
class PageResult:
    """One address as this rescan saw it."""

    address: str
    fetched: datetime
    http_status: int | None = None
    content_hash: str | None = None
    not_checked: str | None = None  # why nothing could be read, in words


@dataclass
class AddressScan:
    result: ScanResult
    pages: list[PageResult] = field(default_factory=list)


Fetch = Callable[[list[str], Policy, ScanOptions, GoOn], AddressScan]


class PagesUnavailableError(ScanError):
    """This riskscan cannot read public profile pages."""


def check_address(raw: str) -> str:
    """A profile address as given, trimmed; one line saying what is wrong otherwise."""
    address = raw.strip()
    if not address or len(address) > MAX_ADDRESS or any(c.isspace() for c in address) \
            or not address.isprintable():
        raise ScanError(f"{address[:60]!r} is not a profile address: give a page address "
                        "(https://...), a handle such as @name@server or name.bsky.social, "
                        "or x.com/NAME.")
    return address


def host_of(address: str) -> str | None:
    """The host a profile address is read from (for spreading rescans over hosts)."""
    from urllib.parse import urlsplit

    text = address.strip()
    if text.startswith("@") and text.count("@") == 2:
        return text.rsplit("@", 1)[1].lower()
    if "://" not in text:
        text = "https://" + text
    return (urlsplit(text).hostname or "").lower() or None


def scan_addresses(addresses: list[str], policy: Policy, options: ScanOptions,
                   go_on: GoOn) -> AddressScan:
    """Read the addresses with the public-profile readers and run the policy's rules."""
    raise PagesUnavailableError("this riskscan cannot read public profile pages yet, so no rescan "
                           "can run: update riskscan.")
