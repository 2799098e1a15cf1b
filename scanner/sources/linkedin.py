"""linkedin export reader (placeholder until written)."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.model import Item
from scanner.sources.archive import Archive
from scanner.sources.base import Reader


def detect(archive: Archive) -> int:
    return 0


def version(archive: Archive) -> str | None:
    return None


def read(archive: Archive) -> Iterator[Item]:
    return iter(())


READER = Reader(platform="linkedin", detect=detect, version=version, read=read)
