"""Shared image plumbing for the image rules (A3, D1, D2): which pictures a record points at,
their bytes, a bounded decode, and a per-scan cache of what was worked out about each picture.

Several rules look at the same picture one after another (the pipeline shows a record to every
detector before the next record), so the last picture's bytes are kept, and small results
(logo match, face count) are cached by the bytes' digest: each photo is read and decoded once
per scan however many rules ask. Both caches are bounded, so memory stays flat.
"""

from __future__ import annotations

import io
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from PIL import Image, ImageOps

from detectors.base import Context
from detectors.images import ahead as _ahead
from detectors.images.ahead import Analysis, digest_of
from detectors.images.memory import memory_of
from scanner.media import is_image
from scanner.model import Item, Kind

MAX_SIDE = 1024  # long side pictures are analysed at: enough detail, bounded time
MIN_SIDE = 16  # smaller than this is an icon or a tracking pixel: nothing to see
MAX_PIXELS = 80_000_000  # refuse to decode larger pictures (decompression bombs)
_RESULTS_KEPT = 4096

# Where an export keeps profile pictures and headers (X profile_media/, Mastodon avatar.* and
# header.*, Instagram media/profile/ and profile_photos, Facebook "Profile Pictures" and "Cover
# Photos" albums),
# compared without separators or case.
_PROFILE_PARTS = ("profilemedia", "profilephoto", "profilepicture", "profilepic", "avatar")
_HEADER_PARTS = ("header", "banner", "coverphoto")
# PROFILE record `extra` keys a reader may use for an avatar or header file in the archive.
PROFILE_IMAGE_KEYS = {"avatar": "profile picture", "profile_photo": "profile picture",
                      "profile_picture": "profile picture", "header": "header image",
                      "banner": "header image", "cover_photo": "cover photo"}

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Analysed:
    """Several results worked out from one decode of a picture, by the name of the per-scan
    cache each belongs in ("logo", "faces"): a worker's answer that fills several caches."""

    results: dict[str, object]


@dataclass(frozen=True, slots=True)
class Picture:
    """One picture a record points at: the archive member, what it is, and its bytes."""

    member: str
    role: str  # "photo", "profile picture", "header image", "cover photo"
    data: bytes

    @property
    def digest(self) -> str:
        return digest_of(self.data)


def role_of(member: str) -> str:
    """What a picture is, from where the export keeps it."""
    folders, _, name = member.lower().rpartition("/")
    squashed = "".join(c for c in folders if c.isalnum() or c == "/")
    name = "".join(c for c in name if c.isalnum() or c == ".")
    if any(part in squashed or name.startswith(part) for part in _PROFILE_PARTS) \
            or "/profile/" in f"/{folders}/":  # Instagram: media/profile/<month>/
        return "profile picture"
    if any(f"/{part}" in f"/{squashed}" or name.startswith(part) for part in _HEADER_PARTS):
        return "header image"
    return "photo"


def members_of(item: Item) -> list[tuple[str, str]]:
    """(member, role) for every local image a record names; URLs are not fetched."""
    found: list[tuple[str, str]] = []
    if item.kind is Kind.PROFILE:
        for key, role in PROFILE_IMAGE_KEYS.items():
            value = item.extra.get(key)
            if value and _local_image(value):
                found.append((value, role))
    for member in item.media:
        if _local_image(member):
            found.append((member, role_of(member)))
    return list(dict.fromkeys(found))


def _local_image(name: str) -> bool:
    return not name.startswith(("http://", "https://")) and is_image(name)


def pictures(ctx: Context, item: Item) -> list[Picture]:
    """The pictures of a record whose bytes the scanned export holds."""
    out = []
    for member, role in members_of(item):
        _collect(ctx, item, member)
        data = media_bytes(ctx, item, member)
        if data:
            out.append(Picture(member, role, data))
    return out


# -- working ahead (see detectors/images/ahead.py) -------------------------------------------------

def work_ahead(ctx: Context, items: Iterable[Item], name: str, analyse: Analysis) -> None:
    """Start `analyse` (picklable: a module-level function or a partial of one) on every
    picture these records point at, in the worker process; `pictures` collects the results
    into the cache that `cached(ctx, name, ...)` reads, so the rule finds them there."""
    jobs: list[_ahead.Job] = []
    for item in items:
        for member, _role in members_of(item):
            home = ctx.media_home(item.ref, member)
            if home is not None:  # keyed by file: a post and its photo's record share it
                jobs.append(((home, member), home, member))
    if jobs:
        _ahead.state(ctx).submit(name, analyse, jobs)


def _collect(ctx: Context, item: Item, member: str) -> None:
    ahead = _ahead.existing(ctx)
    if ahead is None:
        return  # nothing was ever handed over: the common case on small scans
    home = ctx.media_home(item.ref, member)
    if home is not None:
        for name, digest, value in ahead.collect((home, member)):
            named = value.results if isinstance(value, Analysed) else {name: value}
            for each, result in named.items():
                cached(ctx, each, digest, _constant(result))


def _constant(value: object) -> Callable[[], object]:
    return lambda: value


def media_bytes(ctx: Context, item: Item, member: str) -> bytes | None:
    """A picture's bytes, read once even when several rules ask for it in a row."""
    key = (item.ref, member)
    last = ctx.shared.get("_images.last")
    if isinstance(last, tuple) and last[0] == key:
        data: bytes | None = last[1]
        return data
    data = ctx.open_media(item.ref, member)
    ctx.shared["_images.last"] = (key, data)
    return data


def cached(ctx: Context, name: str, digest: str, compute: Callable[[], T]) -> T:
    """`compute()` once per picture and per name, kept in a bounded per-scan cache, and in the
    picture memory between scans (detectors/images/memory.py), which is asked first."""
    store = ctx.shared.setdefault(f"_images.{name}", OrderedDict())
    assert isinstance(store, OrderedDict)
    if digest in store:
        store.move_to_end(digest)
        value: T = store[digest]
        return value
    memory = memory_of(ctx)
    known, remembered = memory.recall(name, digest) if memory is not None else (False, None)
    if known:
        value = remembered  # type: ignore[assignment]
    else:
        value = compute()
        if memory is not None:
            memory.keep(name, digest, value)
    store[digest] = value
    if len(store) > _RESULTS_KEPT:
        store.popitem(last=False)
    return value


def decode(data: bytes, max_side: int = MAX_SIDE, *, finer: bool = False,
           ) -> Image.Image | None:
    """The picture as RGB, its long side at most `max_side`; None if it is not a picture.

    A JPEG is decoded at the smallest DCT scale (1/2, 1/4, 1/8) whose long side is still at
    least `max_side` (`draft`): a 2,048 px phone photo is decoded straight to 1,024 px, about
    a quarter of the work of decoding it whole and shrinking it. `finer` keeps the short side
    at least `max_side` too (a 4:3 phone photo is then decoded whole, then shrunk): the face
    cascade needs those pixels (see detectors/images/faces.py). Transparency is flattened onto
    white, as a logo file is usually shown. The decoded picture is turned (EXIF orientation)
    and shrunk in place, not copied first.
    """
    image = _loaded(data, max_side, finer)
    return None if image is None else _fitted(image, max_side)


def draft_box(size: tuple[int, int], max_side: int, finer: bool = False) -> tuple[int, int]:
    """The size to ask `Image.draft` for, so that a JPEG of `size` is decoded at the smallest
    DCT scale (1/8, 1/4, 1/2, whole) that keeps its long side at least `max_side`; with
    `finer`, at a scale that keeps both sides at least `max_side` (the square box the faces
    were always decoded with: a 4:3 phone photo whole).

    `draft` picks the largest scale 1/n with each side, divided by n and rounded down, at
    least the box's, so a square box held a 4:3 photo's short side to `max_side` too. Here
    the scale is chosen first (libjpeg rounds a scaled side up) and the box is the picture's
    size at that scale, rounded down, which `draft` then picks exactly.
    """
    if finer:
        return (max_side, max_side)
    long = max(size)
    scale = next((n for n in (8, 4, 2) if -(-long // n) >= max_side), 1)
    return (max(1, size[0] // scale), max(1, size[1] // scale))


def _loaded(data: bytes, max_side: int, finer: bool) -> Image.Image | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # odd EXIF or palette warnings do not matter here
        try:
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                return None
            image.draft("RGB", draft_box(image.size, max_side, finer))
            ImageOps.exif_transpose(image, in_place=True)
            image.load()
        except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
            return None
        return image


def _fitted(image: Image.Image, max_side: int) -> Image.Image:
    """A decoded picture of our own (no one else holds it), shrunk in place and in RGB."""
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return image if image.mode == "RGB" else flatten(image)


def shrink(image: Image.Image, max_side: int) -> Image.Image:
    if max(image.size) > max_side:
        image = image.copy()
        image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return image


def flatten(image: Image.Image) -> Image.Image:
    """RGB on white, whatever mode and transparency the file had."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")

