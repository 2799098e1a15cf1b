"""Finding the school's logo in pictures, two ways.

1. Whole picture (an avatar, a header, the logo file re-saved): perceptual hashes (pHash and
   dHash, 64 bits each) of the picture against the logo's. They are compared on the grey image
   and on a two-tone (Otsu) version, each also inverted, so a recoloured, greyed, inverted or
   JPEG-damaged copy still lands close; plain margins are trimmed first, so padding on a
   coloured square does not matter.
2. Anywhere in the picture (a crest on a banner, a jumper, a sign, or a small avatar): ORB
   keypoints of the logo matched to the picture's (Hamming distance, Lowe's ratio test), then a
   RANSAC homography. The score is the number of matches that agree on one placement; the
   placement must be a plausible copy (convex, not folded) and the agreeing matches must cover
   a good part of the logo, not just its lettering (another school's crest in the same font
   shares letters). Keypoints are taken from a grid over the picture so a busy background
   cannot use them all up. Two planes are described: luma, and value (the brightest channel,
   which a hue change leaves untouched), each matched also against the logo's negative, so a
   recoloured copy whose tones flip still matches.

Built once per scan from the policy pack's logo files (`matcher(ctx)`), results cached per
picture digest (`match_picture`), so A3 and D2 share the work. Pictures are analysed with the
long side at most 1024 px (small ones are enlarged to 480 px first), so time per picture is
bounded: about 25-30 ms for a small photo and 50-100 ms at 1024 px on a two-core machine. Most
of it is comparing descriptors (`_nearest_two`, a matrix product) and finding keypoints (ORB).
"""

from __future__ import annotations

import math
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import imagehash
import numpy as np
from PIL import Image, ImageOps

from detectors.base import Context
from detectors.images.pictures import MAX_SIDE, MIN_SIDE, cached, decode, flatten, shrink

# Whole-picture hash thresholds (bits out of 64). The tests' decoy crests, drawn with the same
# shield, stay at 14+ on pHash; altered copies of the logo at 0-6 (12 for a small JPEG).
HASH_SURE_P, HASH_SURE_D = 6, 12
HASH_NEAR_P, HASH_NEAR_D = 12, 18
# Feature matching: matches agreeing on one placement (RANSAC inliers), and the share of the
# logo's area their convex hull spans. While tuning, decoys reached at most 7 inliers with
# enough cover, or up to 56 on shared lettering alone ("OGS" against "OPS", cover <= 0.04);
# copies of the logo reached 16-300 inliers with cover >= 0.08.
INLIERS_STRONG = 30
INLIERS_WEAK = 16
INLIERS_CONFIRM = 8  # enough to confirm a near hash
MIN_COVER = 0.06
RATIO = 0.75  # Lowe's ratio test
RANSAC_PIXELS = 5.0
ORB_FEATURES = 1000
_TILES = 4  # a 4x4 grid: each tile keeps at most 1/16 of the picture's keypoints
_SCENE_FEATURES = 2000
_LOGO_SIDES = (360, 180)
_SMALL = 480  # smaller pictures (avatars) are enlarged to this before feature matching
_TINY = 128  # below this, too few features survive: a near hash alone is enough
_MIN_FLAT_STD = 8.0  # a picture this flat (solid colour, blank) has nothing to match
_PLANES = ("luma", "value")

Array = Any  # numpy arrays: OpenCV's stubs do not describe them usefully


@dataclass(frozen=True, slots=True)
class LogoHit:
    """The logo was found in a picture: how, how sure, and a score for the report."""

    logo: str  # the logo file's name
    method: str  # "whole picture" or "inside photo"
    strong: bool
    score: float  # bits in common out of 64 (whole picture) or agreeing matches (inside)
    detail: str
    share: float = 1.0  # how much of the picture the logo takes up (1.0: all of it)

    @property
    def why(self) -> str:
        where = "the whole picture" if self.method == "whole picture" else "part of the photo"
        return f"the school's logo ({self.logo}) is {where}: {self.detail}"


@dataclass(frozen=True, slots=True)
class _Hashes:
    phash: tuple[imagehash.ImageHash, ...]
    dhash: tuple[imagehash.ImageHash, ...]


@dataclass(frozen=True, slots=True)
class _Features:
    plane: str
    points: Array  # the keypoints' (x, y), float32, one row per descriptor
    descriptors: Array
    corners: Array  # the logo's outline in its own coordinates, to check a placement


@dataclass(frozen=True, slots=True)
class _Plane:
    """Every description of a logo on one plane, stacked, so a picture's keypoints are
    compared with all of them in one pass; `starts` says where each description's rows begin."""

    name: str
    descriptors: Array
    features: tuple[_Features, ...]
    starts: tuple[int, ...]
    bits: Array  # the descriptors as 0/1 float32 columns, and a column of ones (_nearest_two)
    ones: Array  # how many bits each descriptor has set


def _stacked(name: str, features: list[_Features]) -> _Plane:
    descriptors = np.vstack([f.descriptors for f in features])
    starts = tuple(int(n) for n in np.cumsum([0, *(len(f.points) for f in features[:-1])]))
    bits = np.unpackbits(descriptors, axis=1).astype(np.float32)
    with_ones = np.hstack([bits, np.ones((len(bits), 1), np.float32)])
    return _Plane(name, descriptors, tuple(features), starts, with_ones, bits.sum(axis=1))


@dataclass(frozen=True, slots=True)
class _Logo:
    name: str
    hashes: tuple[_Hashes, ...]  # of the logo trimmed, and as the file has it
    planes: tuple[_Plane, ...]


@dataclass(frozen=True, slots=True)
class _Scene:
    """A picture's keypoints on one plane."""

    plane: str
    points: Array  # (x, y), float32, one row per descriptor
    descriptors: Array
    area: float


class _Tools(threading.local):
    """OpenCV detectors, one set per thread: their methods are not documented as safe to call
    from two threads at once."""

    def __init__(self) -> None:
        self.orb = cv2.ORB.create(nfeatures=ORB_FEATURES, scaleFactor=1.2, nlevels=8,
                                  edgeThreshold=15, patchSize=31, fastThreshold=12)
        self.scene_orb = cv2.ORB.create(nfeatures=ORB_FEATURES * 4, scaleFactor=1.2, nlevels=8,
                                        edgeThreshold=15, patchSize=31, fastThreshold=12)


_TOOLS = _Tools()


@dataclass(frozen=True, slots=True)
class _Placement:
    inliers: int = 0
    cover: float = 0.0  # share of the logo spanned by the agreeing matches
    share: float = 0.0  # share of the picture the placed logo takes up

    @property
    def counts(self) -> int:
        """Inliers, if they cover enough of the logo to be more than shared lettering."""
        return self.inliers if self.cover >= MIN_COVER else 0


class LogoMatcher:
    """Matches pictures against the school's logo images."""

    def __init__(self, logos: list[tuple[str, Image.Image]]) -> None:
        self.logos = tuple(self._prepare(name, image) for name, image in logos)

    @classmethod
    def from_files(cls, paths: tuple[Path, ...]) -> LogoMatcher:
        """A matcher for the pack's logo files; files that are not pictures are skipped."""
        logos = []
        for path in paths:
            try:
                image = decode(path.read_bytes())
            except OSError:
                image = None
            if image is not None and not _is_flat(image):
                logos.append((path.name, image))
        return cls(logos)

    # -- preparing the logo --------------------------------------------------------------------
    def _prepare(self, name: str, image: Image.Image) -> _Logo:
        whole = flatten(image)
        logo = trim(whole)
        planes = []
        for plane, array in _planes(logo):
            features = []
            for side in _LOGO_SIDES:
                for tones in (array, 255 - array):  # a recoloured copy may flip its tones
                    found = self._describe(plane, _resize_long(tones, side))
                    if found is not None:
                        features.append(found)
            if features:
                planes.append(_stacked(plane, features))
        return _Logo(name, (_hashes(logo), _hashes(whole)), tuple(planes))

    @staticmethod
    def _describe(plane: str, array: Array) -> _Features | None:
        keypoints, descriptors = _TOOLS.orb.detectAndCompute(array, None)
        if descriptors is None or len(keypoints) < INLIERS_CONFIRM:
            return None
        h, w = array.shape
        corners = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32).reshape(-1, 1, 2)
        return _Features(plane, cv2.KeyPoint.convert(keypoints), descriptors, corners)

    # -- matching ------------------------------------------------------------------------------
    def match(self, data: bytes) -> LogoHit | None:
        """The best evidence that the picture (encoded bytes) shows a logo, or None."""
        image = decode(data)
        return None if image is None else self.match_image(image)

    def match_image(self, image: Image.Image) -> LogoHit | None:
        """The best evidence that the picture shows one of the logos, or None."""
        image = flatten(shrink(image, MAX_SIDE))
        if not self.logos or min(image.size) < MIN_SIDE or _is_flat(image):
            return None
        trimmed = trim(image)
        if min(trimmed.size) < MIN_SIDE:
            return None
        theirs = (_hashes(trimmed), _hashes(image)) if trimmed is not image else (_hashes(image),)
        distances = [_closest(theirs, logo.hashes) for logo in self.logos]
        needed = [_inliers_needed(distance) for distance in distances]
        # Feature matching is most of the time: skipped when the hashes alone decide.
        scene = self._scene(trimmed) if any(n is not None for n in needed) else []
        hits = [self._judge(logo, distance,
                            _Placement() if need is None else self._place(scene, logo, need),
                            max(trimmed.size))
                for logo, distance, need in zip(self.logos, distances, needed, strict=True)]
        found = [hit for hit in hits if hit is not None]
        return max(found, key=lambda h: (h.strong, h.method == "whole picture", h.score),
                   default=None)

    def _judge(self, logo: _Logo, distance: tuple[int, int], placed: _Placement,
               side: int) -> LogoHit | None:
        p, d = distance
        hashed = f"pHash {p}/64, dHash {d}/64"
        matched = (f"{placed.inliers} matching features agree on one placement "
                   f"(ORB + RANSAC), spanning {placed.cover:.0%} of the logo")
        if p <= HASH_SURE_P and d <= HASH_SURE_D:
            return LogoHit(logo.name, "whole picture", True, 64 - p, f"perceptual hash {hashed}")
        near = p <= HASH_NEAR_P and d <= HASH_NEAR_D
        inliers = placed.counts
        if near and (inliers >= INLIERS_CONFIRM or side < _TINY):
            strong = inliers >= INLIERS_STRONG
            detail = f"{hashed}; {matched}" if inliers else hashed
            return LogoHit(logo.name, "whole picture", strong, 64 - p, detail)
        if inliers >= INLIERS_WEAK:
            return LogoHit(logo.name, "inside photo", inliers >= INLIERS_STRONG,
                           float(inliers), matched, min(1.0, placed.share))
        return None

    @staticmethod
    def _scene(image: Image.Image) -> list[_Scene]:
        """Keypoints of the picture on each plane; small pictures enlarged first."""
        if max(image.size) < _SMALL:
            scale = _SMALL / max(image.size)
            image = image.resize((round(image.width * scale), round(image.height * scale)),
                                 Image.Resampling.BICUBIC)
        out = []
        for plane, array in _planes(image):
            described = _describe_scene(array)
            if described is not None:
                out.append(_Scene(plane, *described, float(array.shape[0] * array.shape[1])))
        return out

    @staticmethod
    def _place(scene: list[_Scene], logo: _Logo, needed: int) -> _Placement:
        """The best placement of the logo over every plane and every description of it.

        Descriptions with fewer than `needed` good matches are not placed: they could not count
        (the agreeing matches are some of the good ones), and RANSAC is the slow part.
        """
        best = _Placement()
        for described in scene:
            for plane in logo.planes:
                if plane.name != described.plane:
                    continue
                good, nearest = _nearest_two(plane, described)
                ends = (*plane.starts[1:], len(plane.descriptors))
                for features, start, end in zip(plane.features, plane.starts, ends, strict=True):
                    placed = _placement(described, features, good[start:end],
                                        nearest[start:end], needed)
                    if placed.counts > best.counts:
                        best = placed
        return best


def _nearest_two(plane: _Plane, scene: _Scene) -> tuple[Array, Array]:
    """For each logo descriptor on the plane (every description at once): whether it passes
    Lowe's ratio test, and the picture descriptor nearest to it (Hamming distance).

    The same answer as BFMatcher.knnMatch(k=2), as arrays, and about a third quicker: with the
    descriptors as 0/1 vectors, distance = ones(logo) + ones(picture) - 2 * (logo . picture),
    so one float32 matrix product (exact: every value is a small integer) gives every
    distance. A tie for nearest fails the ratio test, so which of the tied is "nearest" never
    matters.
    """
    bits = np.unpackbits(scene.descriptors, axis=1).astype(np.float32)
    theirs = np.hstack([bits * -2.0, bits.sum(axis=1, keepdims=True)]).astype(np.float32)
    distance = plane.bits @ theirs.T  # each distance less the logo descriptor's own ones
    rows = np.arange(len(distance))
    nearest = distance.argmin(axis=1)
    first = distance[rows, nearest] + plane.ones
    distance[rows, nearest] = np.inf
    second = distance.min(axis=1) + plane.ones
    return first < RATIO * second, nearest


def _describe_scene(grey: Array) -> tuple[Array, Array] | None:
    """Keypoints spread over the picture: at most a share of them from each tile, so a busy
    corner (foliage, text, noise) cannot take them all from a small logo elsewhere."""
    keypoints = _TOOLS.scene_orb.detect(grey, None)
    if len(keypoints) < INLIERS_CONFIRM:
        return None
    h, w = grey.shape
    per_tile = max(INLIERS_CONFIRM, _SCENE_FEATURES // (_TILES * _TILES))
    points = np.asarray(cv2.KeyPoint.convert(keypoints), dtype=np.float64)
    order = np.argsort([-k.response for k in keypoints], kind="stable")  # strongest first
    tiles = ((points[:, 1] * _TILES / h).astype(np.int64) * (_TILES + 1)
             + (points[:, 0] * _TILES / w).astype(np.int64))
    kept = [keypoints[i] for i in order[spread(tiles[order], per_tile)]]
    kept, descriptors = _TOOLS.orb.compute(grey, kept)
    if descriptors is None or len(kept) < INLIERS_CONFIRM:
        return None
    return cv2.KeyPoint.convert(kept), descriptors


def spread(tiles: Array, per_tile: int) -> Array:
    """Positions to keep from keypoints ranked best first (`tiles`: each one's tile): the first
    `per_tile` of each tile, grouped by tile in the order the tiles first appear."""
    if len(tiles) == 0:
        return np.zeros(0, dtype=np.int64)
    _, first, inverse = np.unique(tiles, return_index=True, return_inverse=True)
    first_seen = first[inverse.ravel()]  # where each keypoint's tile first appears
    grouped = np.argsort(first_seen, kind="stable")  # by tile, best first within each
    seen = first_seen[grouped]
    starts = np.flatnonzero(np.r_[True, seen[1:] != seen[:-1]])
    sizes = np.diff(np.r_[starts, len(seen)])
    rank = np.arange(len(seen)) - np.repeat(starts, sizes)  # place within its tile
    return grouped[rank < per_tile]


def _placement(scene: _Scene, logo: _Features, good: Array, nearest: Array,
               needed: int) -> _Placement:
    """Matches that agree on one plausible placement of the logo in the picture."""
    if int(np.count_nonzero(good)) < max(needed, INLIERS_CONFIRM):
        return _Placement()
    src = logo.points[good].reshape(-1, 1, 2)
    dst = scene.points[nearest[good]].reshape(-1, 1, 2)
    homography, mask = cv2.findHomography(src, dst, cv2.RANSAC, RANSAC_PIXELS)
    if homography is None or mask is None:
        return _Placement()
    quad = cv2.perspectiveTransform(logo.corners, homography)
    if not _plausible(quad):
        return _Placement()
    agreeing = src.reshape(-1, 2)[mask.ravel().astype(bool)]
    share = float(cv2.contourArea(quad.astype(np.float32))) / max(scene.area, 1.0)
    return _Placement(int(mask.sum()), _cover(agreeing, logo.corners), share)


def _inliers_needed(distance: tuple[int, int]) -> int | None:
    """How many agreeing matches a placement needs to change the verdict, given the hash
    distance (see `_judge`); None when the hashes alone make the picture the logo."""
    p, d = distance
    if p <= HASH_SURE_P and d <= HASH_SURE_D:
        return None
    return INLIERS_CONFIRM if p <= HASH_NEAR_P and d <= HASH_NEAR_D else INLIERS_WEAK


def _plausible(quad: Array) -> bool:
    """A placement a real copy of the logo could have: convex, not folded, not a sliver."""
    points = quad.reshape(4, 2).astype(float)
    if not np.all(np.isfinite(points)):
        return False
    turns = []
    for i in range(4):
        a, b, c = points[i], points[(i + 1) % 4], points[(i + 2) % 4]
        turns.append((b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]))
    if not (all(t > 0 for t in turns) or all(t < 0 for t in turns)):
        return False
    sides = [math.dist(points[i], points[(i + 1) % 4]) for i in range(4)]
    if min(sides) < 12:
        return False
    # Opposite sides of a resized, slightly rotated or tilted copy stay about the same length.
    return all(max(a, b) / max(min(a, b), 1e-6) < 2.0
               for a, b in ((sides[0], sides[2]), (sides[1], sides[3])))


def _cover(points: Array, corners: Array) -> float:
    """The share of the logo's area spanned by the agreeing matches (their convex hull)."""
    w, h = corners.reshape(4, 2)[2]
    if len(points) < 3:
        return 0.0
    hull = cv2.convexHull(np.asarray(points, dtype=np.float32).reshape(-1, 1, 2))
    return float(cv2.contourArea(hull)) / float(w * h)


def _planes(image: Image.Image) -> list[tuple[str, Array]]:
    red, green, blue = (np.asarray(band) for band in image.convert("RGB").split())
    value = cv2.max(cv2.max(red, green), blue)
    return list(zip(_PLANES, (np.asarray(image.convert("L")), value), strict=True))


def _hashes(image: Image.Image) -> _Hashes:
    # The hashes look at 32x32 (pHash) and 9x8 (dHash) pixels: shrink once, not eight times.
    grey = image.convert("L").resize((128, 128), Image.Resampling.BOX)
    two_tone = _otsu(grey)
    planes = (grey, ImageOps.invert(grey), two_tone, ImageOps.invert(two_tone))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _Hashes(tuple(imagehash.phash(p) for p in planes),
                       tuple(imagehash.dhash(p) for p in planes))


def _closest(theirs: tuple[_Hashes, ...], ours: tuple[_Hashes, ...]) -> tuple[int, int]:
    """The closest (pHash, dHash) between any version of the picture and of the logo: a small
    copy's margin is not always trimmed the way the logo's is."""
    return min((_distance(a, b) for a in theirs for b in ours), key=lambda pd: pd[0] + pd[1])


def _distance(theirs: _Hashes, ours: _Hashes) -> tuple[int, int]:
    """The closest (pHash, dHash) over the pairs of planes that a recolouring can produce:
    grey~grey, grey~negative, two-tone~two-tone, two-tone~negative two-tone."""
    pairs = ((0, 0), (0, 1), (2, 2), (2, 3))
    scored = [(int(theirs.phash[a] - ours.phash[b]), int(theirs.dhash[a] - ours.dhash[b]))
              for a, b in pairs]
    return min(scored, key=lambda pd: pd[0] + pd[1])


def _otsu(grey: Image.Image) -> Image.Image:
    _, binary = cv2.threshold(np.asarray(grey), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return Image.fromarray(binary)


def trim(image: Image.Image) -> Image.Image:
    """The picture without a plain margin (the colour of its corners), so padding is ignored."""
    small = shrink(image, 256)  # the margin is found on a small copy, then cut from the full one
    array = np.asarray(small.convert("RGB")).astype(np.int16)
    h, w, _ = array.shape
    corners = np.array([array[0, 0], array[0, w - 1], array[h - 1, 0], array[h - 1, w - 1]])
    differs = np.abs(array - np.median(corners, axis=0)).max(axis=2) > 24
    rows, cols = np.where(differs.any(axis=1))[0], np.where(differs.any(axis=0))[0]
    if len(rows) == 0 or len(cols) == 0:
        return image
    if (cols[-1] + 1 - cols[0]) * (rows[-1] + 1 - rows[0]) < 0.2 * w * h:
        return image  # a small object on a plain field: not a margin to drop
    sx, sy = image.width / w, image.height / h
    box = (int(cols[0] * sx), int(rows[0] * sy), min(image.width, math.ceil((cols[-1] + 1) * sx)),
           min(image.height, math.ceil((rows[-1] + 1) * sy)))
    return image.crop(box)


def _is_flat(image: Image.Image) -> bool:
    return float(np.asarray(image.convert("L")).std()) < _MIN_FLAT_STD


def _resize_long(grey: Array, side: int) -> Array:
    h, w = grey.shape
    scale = side / max(h, w)
    interpolation = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    return cv2.resize(grey, (max(1, round(w * scale)), max(1, round(h * scale))),
                      interpolation=interpolation)


# -- per scan -------------------------------------------------------------------------------------

def matcher(ctx: Context) -> LogoMatcher | None:
    """The scan's logo matcher, built on first use; None when the pack has no usable logo."""
    if "_logo.matcher" not in ctx.shared:
        built = matcher_for(ctx.policy.logos) if ctx.policy.logos else None
        ctx.shared["_logo.matcher"] = built if built is not None and built.logos else None
    found = ctx.shared["_logo.matcher"]
    return found if isinstance(found, LogoMatcher) else None


_MATCHERS: dict[tuple[str, ...], LogoMatcher] = {}


def matcher_for(logos: Sequence[Path | str]) -> LogoMatcher:
    """The matcher for these logo files, built once per process (a rescan worker scans many
    profiles against the same pack; a picture helper, many pictures)."""
    key = tuple(str(p) for p in logos)
    found = _MATCHERS.get(key)
    if found is None:
        found = _MATCHERS[key] = LogoMatcher.from_files(tuple(Path(p) for p in key))
    return found


def match_with_logos(logos: tuple[str, ...], data: bytes) -> LogoHit | None:
    """`LogoMatcher.match` for the given logo files, the matcher built once per process: what
    a worker process can run (a module-level function, so it can be sent there by name)."""
    return matcher_for(logos).match(data)


def match_picture(ctx: Context, digest: str, data: bytes) -> LogoHit | None:
    """The logo match for one picture, worked out once per scan whichever rule asks first."""
    found = matcher(ctx)
    if found is None:
        return None
    return cached(ctx, "logo", digest, lambda: found.match(data))
