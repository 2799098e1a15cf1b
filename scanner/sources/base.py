"""What every platform reader provides, and small helpers they share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from scanner.model import Item
from scanner.sources.archive import Archive


@dataclass(frozen=True)
class Reader:
    """One platform's reader.

    detect: how sure we are that an archive is this platform's export (0 = not at all);
    version: a short label for the export layout ("2022+ data/tweets.js"), or None;
    read: every record, streamed; damaged files become `archive.problem(...)`, never exceptions.
    """

    platform: str
    detect: Callable[[Archive], int]
    version: Callable[[Archive], str | None]
    read: Callable[[Archive], Iterator[Item]]


def from_epoch(value: object) -> datetime | None:
    """Unix seconds or milliseconds (as number or string) to an aware UTC datetime."""
    try:
        number = float(str(value))
    except (TypeError, ValueError):
        return None
    if number <= 0:
        return None
    if number > 1e11:  # milliseconds
        number /= 1000
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def from_iso(value: object) -> datetime | None:
    """ISO-8601 (`2023-08-20T11:06:14.174Z`) to an aware datetime, or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def text_of(value: object) -> str:
    """A string field, or "" for anything else (None, numbers, lists)."""
    return value if isinstance(value, str) else ""
