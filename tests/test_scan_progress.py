"""Progress during a scan (scanner/pipeline.py): reported within a chunk, not only between.

A chunk of 512 real-size photos takes about half a minute, so a count that moved only between
chunks sat still that long, and Stop waited for it. These scan a real folder of pictures, one
record each, a little over one chunk.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from scanner.app.scan import ScanStoppedError
from scanner.pipeline import CHUNK, ScanOptions, scan
from scanner.policy import DEMO_PACK, load_policy
from scanner.sources import load_sources

TODAY = date(2026, 3, 2)
PHOTOS = CHUNK + 40


@pytest.fixture(scope="module")
def photo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("photos")
    for n in range(PHOTOS):
        Image.new("RGB", (24, 18), (n % 256, 90, 160)).save(folder / f"IMG_{n:04d}.jpg")
    return folder


def _reports(folder: Path, every: float) -> list[int]:
    reported: list[int] = []
    loaded = load_sources([folder])
    try:
        scan(loaded.sources, load_policy(DEMO_PACK),
             ScanOptions(today=TODAY, use_language_model=False, progress=reported.append,
                         progress_every=every))
    finally:
        loaded.close()
    return reported


def test_every_record_is_reported_once_as_the_rules_finish_it(photo_folder: Path) -> None:
    assert _reports(photo_folder, every=0) == [1] * PHOTOS


def test_a_fast_chunk_is_reported_once(photo_folder: Path) -> None:
    assert _reports(photo_folder, every=10**6) == [CHUNK, PHOTOS - CHUNK]


def test_a_scan_can_end_inside_a_chunk(photo_folder: Path) -> None:
    """A stop is noticed when progress is reported (scanner.app.scan raises ScanStoppedError
    from the progress call): the scan ends there, not at the end of the chunk."""
    seen: list[int] = []

    def progress(records: int) -> None:
        seen.append(records)
        if len(seen) == 3:
            raise ScanStoppedError

    loaded = load_sources([photo_folder])
    try:
        with pytest.raises(ScanStoppedError):
            scan(loaded.sources, load_policy(DEMO_PACK),
                 ScanOptions(today=TODAY, use_language_model=False, progress=progress,
                             progress_every=0))
    finally:
        loaded.close()
    assert seen == [1, 1, 1]
