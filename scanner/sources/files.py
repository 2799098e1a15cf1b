"""Loose photos: a folder of images is a source too ("check my photos before I post")."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.media import is_image, media_item
from scanner.model import Item
from scanner.sources.archive import Archive
from scanner.sources.base import Reader


def detect(archive: Archive) -> int:
    # Lowest confidence: any platform that recognises the archive wins over "some photos".
    return 1 if any(is_image(n) for n in archive.names) else 0


def version(archive: Archive) -> str | None:
    return None


def read(archive: Archive) -> Iterator[Item]:
    for name in archive.names:
        if is_image(name):
            item = media_item(archive, name, "files")
            if item is not None:
                yield item


READER = Reader(platform="files", detect=detect, version=version, read=read)
