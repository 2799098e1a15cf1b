"""Real-size phone photos (2,048 px, drawn by fixtures/photo_draw.py): the fast path gives the
verdicts of the old one.

The old path decoded a photo for the logo (copying it twice at full size on the way) and again
for the faces, in the main process. The new one decodes it once in a worker process, shrinks
in place, and gives the logo and the faces each the pixels they had before. The old decode is
kept here, as it was, to compare against: on the same photos the pixels, the logo matches and
the face counts must be the same. (Decoding at half scale with JPEG DCT scaling, 4x cheaper,
gives slightly different pixels, and a borderline match then changes its verdict: a crest
turned 20 degrees went from 28 agreeing features, weak, to 33, strong.) Positives (the
crest large and small, turned, tilted, dimmed, on a top, a banner, a sign) stand beside
decoys (another school's badge, a crest in the same shield, the school's initials in letters)
and plain scenes.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from drawn_images import group_photo
from PIL import Image, ImageOps

from detectors.images.faces import SIDE, count_faces, faces_in
from detectors.images.logo import LogoHit, LogoMatcher, match_with_logos
from detectors.images.pictures import MAX_SIDE, decode, decode_both, flatten, shrink
from detectors.images.work import analyse_picture
from fixtures.images import jpeg_bytes
from fixtures.photo_draw import draw_photo
from fixtures.photo_spec import LogoPlacement, PhotoSpec, spec_for
from scanner.policy import DEMO_PACK, load_policy

SEED = 7


def old_decode(data: bytes, max_side: int) -> Image.Image | None:
    """The decode before DCT scaling: `draft` asked for (max_side, max_side), so a 4:3 photo
    was decoded whole and then resized."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        opened = Image.open(io.BytesIO(data))
        opened.draft("RGB", (max_side, max_side))
        image = ImageOps.exif_transpose(opened) or opened
        image.load()
        return flatten(shrink(image, max_side))


@cache
def _logos() -> tuple[str, ...]:
    return tuple(str(p) for p in load_policy(DEMO_PACK).logos)


def _matcher() -> LogoMatcher:
    return LogoMatcher.from_files(tuple(Path(p) for p in _logos()))


def _crest(place: str, share: float, angle: float = 0.0, tilt: float = 0.0,
           light: float = 1.0, blur: float = 0.0) -> LogoPlacement:
    return LogoPlacement(place, share, angle, tilt, light, (0, 0, 0), blur, place == "shirt")


def _photo(index: int, crest: LogoPlacement | None = None, decoy: str | None = None,
           decoy_at: LogoPlacement | None = None) -> PhotoSpec:
    return replace(spec_for(SEED, index), scene="street", logo=crest, decoy=decoy,
                   decoy_placement=decoy_at)


POSITIVES = {
    "banner-large": _photo(1, _crest("banner", 0.26)),
    "banner-turned-20": _photo(2, _crest("banner", 0.2, angle=-20, tilt=0.25)),
    "sign-turned-33": _photo(3, _crest("sign", 0.17, angle=33, light=1.1)),
    "shirt-small": _photo(5, _crest("shirt", 0.09)),  # 92 px at 1,024
    "shirt-small-turned-30": _photo(5, _crest("shirt", 0.10, angle=-30)),
    "shirt-small-turned-dim": _photo(13, _crest("shirt", 0.09, angle=-35, light=0.65)),
    # out of the matcher's reach, before as now: kept to show both paths miss them alike
    "sign-tilted-dim": _photo(4, _crest("sign", 0.14, tilt=0.3, light=0.6)),
    "shirt-tiny": _photo(6, _crest("shirt", 0.03, angle=-6)),  # 30 px at 1,024
}
DECOYS = {
    "other-school-banner": _photo(7, decoy="other-crest", decoy_at=_crest("banner", 0.25)),
    "same-shield-banner": _photo(8, decoy="same-shield", decoy_at=_crest("banner", 0.2)),
    "same-shield-shirt": _photo(9, decoy="same-shield", decoy_at=_crest("shirt", 0.08)),
    "initials-sign": _photo(10, decoy="initials", decoy_at=_crest("sign", 0.18, angle=10)),
    "plain-scene": _photo(11),
}


@cache
def _bytes(name: str) -> bytes:
    spec = {**POSITIVES, **DECOYS}[name]
    return draw_photo(spec, SEED)


def _verdict(hit: LogoHit | None) -> tuple[str, bool] | None:
    return None if hit is None else (hit.method, hit.strong)


@pytest.mark.parametrize("name", [*POSITIVES, *DECOYS])
def test_logo_verdict_is_the_old_paths(name: str) -> None:
    data = _bytes(name)
    old = old_decode(data, MAX_SIDE)
    assert old is not None
    before = _matcher().match_image(old)
    now = analyse_picture(_logos(), True, data).results["logo"]
    assert isinstance(now, LogoHit | None)
    assert now == before  # the verdict, and the very same score
    assert match_with_logos(_logos(), data) == now  # in order: the same as the worker's


def test_crests_found_and_decoys_not() -> None:
    found = {name: _verdict(match_with_logos(_logos(), _bytes(name)))
             for name in [*POSITIVES, *DECOYS]}
    for name in ("banner-large", "sign-turned-33"):
        assert found[name] == ("inside photo", True), name
    for name in ("banner-turned-20", "shirt-small", "shirt-small-turned-30",
                 "shirt-small-turned-dim"):
        assert found[name] == ("inside photo", False), name  # weaker: listed for review
    assert found["sign-tilted-dim"] is None and found["shirt-tiny"] is None
    assert {name: found[name] for name in DECOYS} == dict.fromkeys(DECOYS)


@pytest.mark.parametrize("orientation", [None, 6, 3])
def test_decoded_pixels_are_the_old_paths(orientation: int | None) -> None:
    data = _bytes("sign-turned-33")
    if orientation is not None:  # a phone held sideways or upside down
        with Image.open(io.BytesIO(data)) as opened:
            exif = opened.getexif()
            exif[0x0112] = orientation
            data = jpeg_bytes(opened.convert("RGB"), exif, quality=86)
    for side in (MAX_SIDE, SIDE):
        new, old = decode(data, side), old_decode(data, side)
        assert new is not None and old is not None
        assert (new.size, new.mode) == (old.size, old.mode)
        assert new.tobytes() == old.tobytes()
    logo, faces = decode_both(data, MAX_SIDE, SIDE)
    assert logo is not None and faces is not None
    assert logo.tobytes() == decode(data, MAX_SIDE).tobytes()  # type: ignore[union-attr]
    assert faces.tobytes() == decode(data, SIDE).tobytes()  # type: ignore[union-attr]
    upright = decode(_bytes("sign-turned-33"), MAX_SIDE)
    assert upright is not None
    turned = orientation == 6  # a quarter turn swaps the sides
    assert logo.size == (upright.size[::-1] if turned else upright.size)


def _faces_photo(faces: int, width: int) -> bytes:
    """Drawn faces in a 2,048 x 1,536 phone photo."""
    group = group_photo(faces, width).resize((2048, 1536), Image.Resampling.LANCZOS)
    return jpeg_bytes(group, quality=86)


@pytest.mark.parametrize(("faces", "width"), [(0, 100), (1, 110), (2, 80), (3, 60), (4, 50)])
def test_face_counts_are_the_old_paths(faces: int, width: int) -> None:
    data = _faces_photo(faces, width)
    old = old_decode(data, SIDE)
    assert old is not None
    before = count_faces(old)
    shared = analyse_picture(_logos(), True, data).results["faces"]
    assert shared == faces_in(data) == before
    if width >= 80:  # faces 120 px and more at 800 px are found, by both paths
        assert before == faces
