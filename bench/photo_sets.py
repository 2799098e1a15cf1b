"""Folders of real-size generated photos for the `photos` section, cached like the archives.

Photo i depends only on (seed, i) (fixtures/photos.py), so every size shares one pool of drawn
files: `photos-s7-<generator hash>/pool/`, grown as bigger sets are asked for, and each size is
a folder of hard links to the pool's first N files (`n1000/`), so the scanner sees a folder of
exactly N photos. The hash covers the modules that draw the photos: changing them draws a new
pool, and two runs never compare different photos under the same name.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from bench.proc import ROOT, Measurement, measure
from fixtures.photo_spec import photo_name

_DRAWING = ("photo_spec.py", "photo_draw.py", "photos.py", "images.py")


@dataclass(frozen=True)
class PhotoSet:
    """A folder of `count` generated photos and their truth."""

    count: int
    folder: Path
    generated: Measurement | None = None  # None when every photo was already in the pool

    @cached_property
    def truth(self) -> list[dict[str, Any]]:
        doc = json.loads((self.folder.parent / "pool" / "truth.json").read_text("utf-8"))
        photos: list[dict[str, Any]] = doc["photos"][:self.count]
        return photos

    def files(self) -> list[Path]:
        return [self.folder / photo_name(i) for i in range(self.count)]

    @property
    def megabytes(self) -> float:
        return sum(f.stat().st_size for f in self.files()) / 1024**2


def drawing_hash() -> str:
    digest = hashlib.sha256()
    for name in _DRAWING:
        digest.update(name.encode() + b"\0" + (ROOT / "fixtures" / name).read_bytes())
    return digest.hexdigest()[:16]


def photo_set(workdir: Path, count: int, seed: int) -> PhotoSet:
    """The folder of `count` photos: drawn into the pool where missing (one process per core),
    then linked into its own folder."""
    base = workdir / f"photos-s{seed}-{drawing_hash()}"
    pool = base / "pool"
    missing = not all((pool / photo_name(i)).exists() for i in range(count)) or \
        _pool_count(pool) < count
    measured = None
    if missing:
        measured = measure([sys.executable, "-m", "fixtures.photos", str(pool), "--count",
                            str(max(count, _pool_count(pool)))])
    folder = base / f"n{count}"
    if not all((folder / photo_name(i)).exists() for i in range(count)):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for i in range(count):
            _link(pool / photo_name(i), folder / photo_name(i))
    return PhotoSet(count, folder, measured)


def _pool_count(pool: Path) -> int:
    try:
        return int(json.loads((pool / "truth.json").read_text("utf-8"))["count"])
    except (OSError, ValueError, KeyError):
        return 0


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links: copy
        shutil.copyfile(source, target)
