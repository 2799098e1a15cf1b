"""The logo matcher (detectors/images/logo.py) on altered copies of a drawn crest and on decoys.

Positives: the crest resized from 32 to 512 px, cropped, recoloured, greyed, JPEG-damaged, on a
coloured avatar square, in a header, and pasted into busy photos at 15-60% of their width,
turned, tilted, blurred or stretched. Decoys: three other schools' crests (one with the same
shield, one with a shield and trees) in the same alterations, busy scenes, noise, text
(including the school's own name in letters), flat pictures and a tiny thumbnail.
"""

from __future__ import annotations

import io
import random
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest
from drawn_images import (
    castle_crest,
    crop,
    duotone,
    embed,
    font,
    gradient,
    grey,
    hue_shift,
    jpeg,
    noise_scene,
    on_background,
    pine_crest,
    roundel_badge,
    school_logo,
    shapes_scene,
    text_image,
    to_bytes,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFilter

from detectors.base import Context
from detectors.images.logo import (
    LogoHit,
    LogoMatcher,
    _Features,
    _nearest_two,
    _Scene,
    _stacked,
    match_picture,
    matcher,
    spread,
)
from detectors.images.pictures import MAX_SIDE, Picture
from scanner.policy import Policy

Case = tuple[str, Callable[[], Image.Image]]
LOGO = school_logo(512)
SCENE = (1200, 900)


def _header() -> Image.Image:
    canvas = Image.new("RGB", (1500, 500), (22, 92, 60))
    canvas.paste(LOGO.resize((400, 400)), (80, 50))
    ImageDraw.Draw(canvas).text((560, 200), "Elmfield Academy", fill=(246, 238, 214),
                                font=font(80))
    return canvas


def _scene(i: int) -> Image.Image:
    if i % 3 == 0:
        return gradient(SCENE, (200, 200, 220), (90, 110, 60))
    return noise_scene(100 + i) if i % 3 == 1 else shapes_scene(100 + i)


def _embedded(i: int) -> Image.Image:
    fraction = (0.15, 0.2, 0.3, 0.45, 0.6)[i % 5]
    angle = random.Random(i).uniform(-10, 10)
    logo = LOGO if i % 4 else hue_shift(LOGO, 150)
    return jpeg(embed(logo, _scene(i), fraction, angle, i, cutout=bool(i % 2)), 60)


def _tilted() -> Image.Image:
    """The crest on a sign seen from the side: a perspective warp."""
    w, h = LOGO.size
    sign = LOGO.convert("RGBA").transform(
        (w, h), Image.Transform.QUAD, (0, 0, 0, h, w, int(h * 0.9), w, int(h * 0.1)),
        Image.Resampling.BICUBIC)
    scene = shapes_scene(41)
    scene.paste(sign.resize((360, 360)), (500, 300), sign.resize((360, 360)))
    return jpeg(scene, 60)


def _stretched() -> Image.Image:
    scene = noise_scene(42)
    scene.paste(LOGO.resize((300, 380)), (200, 150))
    return jpeg(scene, 60)


def _blurred() -> Image.Image:
    return jpeg(embed(LOGO.filter(ImageFilter.GaussianBlur(2)), shapes_scene(43), 0.3, 4, 43), 60)


def _transparent_file() -> Image.Image:
    """The crest as a PNG with a transparent background, as a school's logo file often is."""
    rgba = LOGO.convert("RGBA")
    alpha = rgba.convert("L").point(lambda v: 0 if v > 250 else 255)
    rgba.putalpha(alpha)
    return rgba


WHOLE: list[Case] = [
    *[(f"resized-{s}px", lambda s=s: LOGO.resize((s, s), Image.Resampling.LANCZOS))
      for s in (32, 48, 64, 96, 128, 200, 256, 400, 512)],
    *[(f"cropped-10%-{side}", lambda side=side: crop(LOGO, 0.1, side))
      for side in ("all", "left", "top", "bottom", "right")],
    ("cropped-then-128px", lambda: crop(LOGO, 0.1).resize((128, 128))),
    *[(f"hue-shift-{d}", lambda d=d: hue_shift(LOGO, d)) for d in (60, 120, 180, 240)],
    ("duotone-teal", lambda: duotone(LOGO, (11, 79, 74), (244, 241, 232))),
    ("duotone-red-200px", lambda: duotone(LOGO, (120, 0, 0), (255, 220, 220)).resize((200, 200))),
    ("greyscale", lambda: grey(LOGO)),
    ("greyscale-64px", lambda: grey(LOGO).resize((64, 64))),
    ("jpeg-q50", lambda: jpeg(LOGO, 50)),
    ("jpeg-q50-96px", lambda: jpeg(LOGO.resize((96, 96)), 50)),
    ("jpeg-q30-recoloured", lambda: jpeg(hue_shift(LOGO, 90), 30)),
    ("avatar-on-navy", lambda: on_background(LOGO, (20, 20, 60))),
    ("avatar-on-pink-128px", lambda: on_background(LOGO, (240, 180, 200)).resize((128, 128))),
    ("header-with-name", _header),
    ("transparent-png", _transparent_file),
]
INSIDE: list[Case] = [
    *[(f"in-photo-{i}-{(0.15, 0.2, 0.3, 0.45, 0.6)[i % 5]:.0%}", lambda i=i: _embedded(i))
      for i in range(14)],
    ("in-photo-tilted-sign", _tilted),
    ("in-photo-stretched", _stretched),
    ("in-photo-blurred", _blurred),
]
POSITIVES = WHOLE + INSIDE

_OTHERS = {"same-shield-castle": castle_crest, "shield-and-pines": pine_crest,
           "roundel-book": roundel_badge}
DECOYS: list[Case] = [
    *[case for name, draw in _OTHERS.items() for case in (
        (f"{name}-48px", lambda d=draw: d(512).resize((48, 48))),
        (f"{name}-128px", lambda d=draw: d(512).resize((128, 128))),
        (f"{name}-400px", lambda d=draw: d(512).resize((400, 400))),
        (f"{name}-jpeg", lambda d=draw: jpeg(d(512), 50)),
        (f"{name}-grey", lambda d=draw: grey(d(512))),
        (f"{name}-hue", lambda d=draw: hue_shift(d(512), 120)),
        (f"{name}-cropped", lambda d=draw: crop(d(512), 0.1)),
        (f"{name}-avatar", lambda d=draw: on_background(d(512), (20, 20, 60))),
        *[(f"{name}-in-photo-{f:.0%}",
           lambda d=draw, f=f, i=i: jpeg(embed(d(512), shapes_scene(200 + i), f, 5, i,
                                               cutout=bool(i % 2)), 60))
          for i, f in enumerate((0.15, 0.3, 0.45))],
    )],
    *[(f"busy-scene-{i}", lambda i=i: jpeg(shapes_scene(300 + i), 60)) for i in range(6)],
    *[(f"noise-{i}", lambda i=i: noise_scene(400 + i)) for i in range(2)],
    *[(f"text-with-school-name-{i}", lambda i=i: text_image(500 + i, "Elmfield Academy EA"))
      for i in range(3)],
    *[(f"text-{i}", lambda i=i: text_image(510 + i)) for i in range(3)],
    ("solid-school-green", lambda: Image.new("RGB", (400, 400), (22, 92, 60))),
    ("blank-white", lambda: Image.new("RGB", (400, 400), (255, 255, 255))),
    ("tiny-8px-thumbnail", lambda: LOGO.resize((8, 8))),
    ("grey-gradient", lambda: gradient((800, 600), (0, 0, 0), (255, 255, 255))),
]

_RESULTS: dict[str, tuple[LogoHit | None, float]] = {}


@pytest.fixture(scope="module")
def logo_matcher() -> LogoMatcher:
    return LogoMatcher([("elmfield.png", LOGO)])


def _run(found: LogoMatcher, case: Case) -> LogoHit | None:
    name, draw = case
    if name not in _RESULTS:
        image = draw()
        # Big scenes as JPEG (as phones save them, and quicker to write), small ones as PNG.
        data = to_bytes(image, "JPEG", 92) if max(image.size) > 600 else to_bytes(image, "PNG")
        start = time.perf_counter()
        hit = found.match(data)
        _RESULTS[name] = (hit, (time.perf_counter() - start) * 1000)
    return _RESULTS[name][0]


def test_tables_are_wide_enough() -> None:
    assert len(POSITIVES) >= 40 and len(DECOYS) >= 40
    assert len({n for n, _ in POSITIVES + DECOYS}) == len(POSITIVES) + len(DECOYS)


@pytest.mark.parametrize("case", WHOLE, ids=[n for n, _ in WHOLE])
def test_whole_picture_copies_are_certain(logo_matcher: LogoMatcher, case: Case) -> None:
    hit = _run(logo_matcher, case)
    assert hit is not None, case[0]
    assert hit.strong
    assert "elmfield.png" in hit.why


@pytest.mark.parametrize("case", INSIDE, ids=[n for n, _ in INSIDE])
def test_logo_inside_photos_is_found(logo_matcher: LogoMatcher, case: Case) -> None:
    hit = _run(logo_matcher, case)
    assert hit is not None, case[0]
    assert hit.method == "inside photo"
    assert "matching features" in hit.detail


@pytest.mark.parametrize("case", DECOYS, ids=[n for n, _ in DECOYS])
def test_decoys_do_not_match(logo_matcher: LogoMatcher, case: Case) -> None:
    assert _run(logo_matcher, case) is None


def test_precision_recall_and_time(logo_matcher: LogoMatcher) -> None:
    """The whole table at once: precision and recall, and the time a picture takes."""
    tp = sum(_run(logo_matcher, c) is not None for c in POSITIVES)
    fp = sum(_run(logo_matcher, c) is not None for c in DECOYS)
    precision = tp / max(1, tp + fp)
    recall = tp / len(POSITIVES)
    times = [ms for _, ms in _RESULTS.values()]
    print(f"\nlogo matcher: precision {precision:.3f}, recall {recall:.3f} on "
          f"{len(POSITIVES)} positives and {len(DECOYS)} decoys; "
          f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms per picture")
    assert precision >= 0.95 and recall >= 0.95
    assert statistics.median(times) < 1500  # generous: CI machines are shared


def test_real_photos_are_not_the_logo_and_hide_it_when_pasted_in(
        logo_matcher: LogoMatcher, real_samples: Path) -> None:
    photos = sorted(p for p in (real_samples / "images").iterdir()
                    if p.suffix.lower() in (".jpg", ".png", ".webp"))
    assert photos
    found_plain, found_pasted = [], []
    for i, path in enumerate(photos):
        data = path.read_bytes()
        if logo_matcher.match(data) is not None:
            found_plain.append(path.name)
        with Image.open(io.BytesIO(data)) as opened:
            scene = opened.convert("RGB").resize(SCENE)
        pasted = embed(LOGO, scene, (0.2, 0.3, 0.45)[i % 3], 6, i)
        if logo_matcher.match(to_bytes(jpeg(pasted, 60), "JPEG")) is None:
            found_pasted.append(path.name)
    assert found_plain == []  # no real photo is taken for the logo
    assert found_pasted == []  # and the logo is found in every one of them


def test_matcher_from_pack_files(tmp_path: Path) -> None:
    (tmp_path / "crest.png").write_bytes(to_bytes(_transparent_file(), "PNG"))
    (tmp_path / "not-a-picture.png").write_bytes(b"not a picture")
    (tmp_path / "blank.png").write_bytes(to_bytes(Image.new("RGB", (64, 64), "white"), "PNG"))
    built = LogoMatcher.from_files((tmp_path / "crest.png", tmp_path / "not-a-picture.png",
                                    tmp_path / "blank.png", tmp_path / "missing.png"))
    assert [logo.name for logo in built.logos] == ["crest.png"]
    hit = built.match(to_bytes(on_background(LOGO, (30, 30, 30)).resize((200, 200)), "JPEG"))
    assert hit is not None and hit.logo == "crest.png"


def _context(logos: tuple[Path, ...]) -> Context:
    return Context(policy=Policy(school_name="Elmfield Academy", logos=logos),
                   today=date(2026, 1, 10))


def test_matcher_is_built_once_and_results_cached(tmp_path: Path) -> None:
    (tmp_path / "crest.png").write_bytes(to_bytes(LOGO, "PNG"))
    ctx = _context((tmp_path / "crest.png",))
    first = matcher(ctx)
    assert first is not None and matcher(ctx) is first
    picture = Picture("photo.jpg", "photo", to_bytes(LOGO.resize((200, 200)), "JPEG"))
    hit = match_picture(ctx, picture.digest, picture.data)
    assert hit is not None and hit.strong
    # The same digest is answered from the cache, even with other bytes behind it.
    assert match_picture(ctx, picture.digest, b"") == hit


def test_no_logo_in_pack_means_no_matcher(tmp_path: Path) -> None:
    assert matcher(_context(())) is None
    (tmp_path / "broken.png").write_bytes(b"\x89PNG broken")
    ctx = _context((tmp_path / "broken.png",))
    assert matcher(ctx) is None
    assert match_picture(ctx, "digest", to_bytes(LOGO, "PNG")) is None


def test_big_photos_are_analysed_small(logo_matcher: LogoMatcher) -> None:
    big = embed(LOGO, shapes_scene(77, (4000, 3000)), 0.3, 0, 77)
    start = time.perf_counter()
    hit = logo_matcher.match(to_bytes(big, "JPEG"))
    assert hit is not None
    assert time.perf_counter() - start < 5  # decoded at <= MAX_SIDE px, not 12 megapixels
    assert MAX_SIDE <= 1024


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2048))
def test_any_bytes_never_raise(logo_matcher: LogoMatcher, data: bytes) -> None:
    assert logo_matcher.match(data) is None or isinstance(logo_matcher.match(data), LogoHit)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 300), st.integers(1, 300), st.sampled_from(["RGB", "L", "RGBA", "P", "1"]),
       st.sampled_from(["PNG", "GIF", "BMP", "TIFF", "WEBP"]))
def test_odd_pictures_never_raise(logo_matcher: LogoMatcher, w: int, h: int, mode: str,
                                  fmt: str) -> None:
    image = Image.new(mode, (w, h))
    ImageDraw.Draw(image).rectangle((0, 0, w // 2, h // 2), fill=1 if mode == "1" else 200)
    logo_matcher.match(to_bytes(image, fmt))


def _spread_by_hand(tiles: list[int], per_tile: int) -> list[int]:
    """The plain loop `spread` replaces: walk the keypoints best first, keep a tile's first
    `per_tile`, and list the kept ones tile by tile in the order the tiles first appear."""
    kept: dict[int, list[int]] = {}
    for position, tile in enumerate(tiles):
        bucket = kept.setdefault(tile, [])
        if len(bucket) < per_tile:
            bucket.append(position)
    return [position for bucket in kept.values() for position in bucket]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 24), max_size=300), st.integers(1, 20))
def test_keypoints_are_spread_over_tiles_as_the_plain_loop_does(tiles: list[int],
                                                                per_tile: int) -> None:
    kept = spread(np.array(tiles, dtype=np.int64), per_tile)
    assert kept.tolist() == _spread_by_hand(tiles, per_tile)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(8, 400), st.integers(8, 400),
       st.integers(0, 3))
def test_nearest_two_agrees_with_opencvs_knn_match(seed: int, logo_rows: int, scene_rows: int,
                                                   duplicates: int) -> None:
    """The matrix-product matcher passes the same ratio test, to the same nearest descriptor,
    as BFMatcher.knnMatch(k=2), ties included (copied rows make exact ties)."""
    rng = np.random.default_rng(seed)
    ours = rng.integers(0, 256, (logo_rows, 32), dtype=np.uint8)
    theirs = rng.integers(0, 256, (scene_rows, 32), dtype=np.uint8)
    # Near copies of logo descriptors, some twice, so good matches and ties both occur.
    for i in range(min(logo_rows, scene_rows) // 2):
        theirs[i] = ours[i] ^ (rng.random(32) < 0.02).astype(np.uint8)
    for i in range(duplicates):
        theirs[-1 - i] = theirs[i]
    features = _Features("luma", np.zeros((logo_rows, 2), np.float32), ours,
                         np.zeros((4, 1, 2), np.float32))
    scene = _Scene("luma", np.zeros((scene_rows, 2), np.float32), theirs, 1.0)
    good, nearest = _nearest_two(_stacked("luma", [features]), scene)
    pairs = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(ours, theirs, k=2)
    expected = {p[0].queryIdx: p[0].trainIdx for p in pairs
                if len(p) == 2 and p[0].distance < 0.75 * p[1].distance}
    assert {int(i): int(nearest[i]) for i in np.flatnonzero(good)} == expected
