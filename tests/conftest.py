"""Shared test helpers: the real samples (see tests/samples.py), and zipping a folder at test time.

Real samples are never copied into the repository: they are read in place from
../shared/real-samples relative to the repository root.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from samples import REAL_SAMPLES, need_sample

from detectors.images.memory import SETTING as PICTURE_MEMORY

# Each test works its pictures out afresh, and nothing is written to the person's cache folder:
# the picture memory is off unless a test turns it on (tests/test_picture_memory.py). Set here,
# so the processes tests start inherit it too.
os.environ[PICTURE_MEMORY] = "off"

# Speed is the benchmarks' business, not the tests': no per-example deadline. Hypothesis's
# default (200 ms) failed a test in CI whose first example reads the census name lists (274 ms
# on a busy machine).
settings.register_profile("riskscan", deadline=None)
settings.load_profile("riskscan")


def zip_folder(folder: Path, dest: Path) -> Path:
    """Zip every file under `folder` into `dest` (paths relative to `folder`); return `dest`."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return dest


@pytest.fixture
def real_samples() -> Path:
    """The real-samples folder; skips the test (or fails it, see tests/samples.py) without it."""
    return need_sample(REAL_SAMPLES)


@pytest.fixture(name="zip_folder")
def zip_folder_fixture(tmp_path: Path) -> Callable[[Path], Path]:
    """`zip_folder(folder)` -> a zip of `folder` written into this test's tmp_path."""

    def make(folder: Path) -> Path:
        return zip_folder(folder, tmp_path / f"{folder.name}.zip")

    return make
