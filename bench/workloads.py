"""The benchmark archives: generated once by the fixtures generator, cached, reused.

Each size lives in its own folder under the work dir, named after the generator's arguments,
with a stamp recording those arguments and a hash of the generator's source. A folder is
reused only when both match, so changing the generator regenerates the archives and two runs
never compare different data under the same name. Writing goes to a temporary folder that is
renamed into place when complete, so an interrupted run leaves no half-written archive.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from bench.archives import extract_images, friend_names, post_texts
from bench.plan import Plan
from bench.proc import ROOT, Measurement, measure

STAMP = "bench-stamp.json"


@dataclass(frozen=True)
class Workload:
    """One generated size: an X archive and a Facebook archive of `posts` posts each."""

    posts: int
    folder: Path
    generated: Measurement | None = None  # None when the cached folder was reused

    @cached_property
    def truth(self) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads((self.folder / "truth.json").read_text("utf-8"))
        return doc

    @property
    def twitter(self) -> Path:
        return self.folder / str(self.truth["archives"]["twitter"])

    @property
    def facebook(self) -> Path:
        return self.folder / str(self.truth["archives"]["facebook"])

    @property
    def roster(self) -> Path:
        return self.folder / str(self.truth["archives"]["roster"])

    def archives(self) -> dict[str, Path]:
        return {"twitter": self.twitter, "facebook": self.facebook}

    def texts(self, limit: int) -> Path:
        """A JSON file of `limit` post texts, half from each archive (cached)."""
        path = self.folder / f"texts-{limit}.json"
        if not path.exists():
            half = limit // 2
            texts = post_texts(self.twitter, limit - half) + post_texts(self.facebook, half)
            _write_json(path, texts)
        return path

    def friends(self) -> Path:
        """A JSON file of the Facebook archive's friend names (cached)."""
        path = self.folder / "friends.json"
        if not path.exists():
            _write_json(path, friend_names(self.facebook))
        return path

    def images(self, limit: int) -> list[Path]:
        return extract_images(self.facebook, self.folder / "images", limit)


def generator_args(plan: Plan, posts: int) -> list[str]:
    return ["--posts", str(posts), "--connections", str(plan.connections), "--images",
            str(plan.images), "--roster", str(plan.roster), "--seed", str(plan.seed)]


def generator_hash() -> str:
    """Changes whenever any fixtures module changes, so a stale cache is never reused."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "fixtures").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def workload(plan: Plan, posts: int) -> Workload:
    """The archives of `posts` posts: the cached ones if the arguments match, else new ones."""
    args = generator_args(plan, posts)
    stamp = {"args": args, "generator": generator_hash()}
    folder = plan.workdir / ("posts{}-c{}-i{}-r{}-s{}".format(*args[1::2]))
    if _stamp(folder) == stamp:
        return Workload(posts, folder)
    fresh = folder.with_name(folder.name + ".partial")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    measured = measure([sys.executable, "-m", "fixtures.generate", str(fresh), *args])
    _write_json(fresh / STAMP, stamp)
    fresh.rename(folder)
    return Workload(posts, folder, measured)


def _stamp(folder: Path) -> dict[str, Any] | None:
    try:
        found: dict[str, Any] = json.loads((folder / STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return found


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
