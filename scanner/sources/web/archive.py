"""The pictures fetched for one address, held like an archive's members so the image detectors
(logo, photo metadata) read them exactly as they read photos from an export."""

from __future__ import annotations

import io
from pathlib import Path
from typing import IO

from scanner.model import Problem
from scanner.sources.archive import Archive


class PageArchive(Archive):
    def __init__(self, address: str, images: dict[str, bytes], problems: list[str]) -> None:
        super().__init__(Path(address), display=address)  # a label: nothing is opened there
        self._images = images
        self.problems = [Problem(path=address, error=p) for p in problems]

    @property
    def names(self) -> list[str]:
        return sorted(self._images)

    def size(self, name: str) -> int:
        return len(self._images[name])

    def _open(self, name: str) -> IO[bytes]:
        return io.BytesIO(self._images[name])

    def close(self) -> None:
        self._images = {}
