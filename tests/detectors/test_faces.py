"""Counting faces (detectors/images/faces.py): drawn faces are found, pictures without faces give 0.

The faces are drawn (tests/detectors/drawn_images.py) so that OpenCV's face and eye cascades
recognise them. The real sample photos in shared/real-samples are decoys (flowers, a leaf,
lizards, streets, a test pattern: the face cascade alone fires on some of them, the eye check
must not), but for one: `image01137.jpg`, an 88 x 64 px thumbnail of a girl's face, which the
cascades miss (a known limit, below).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from drawn_images import (
    drawn_face,
    gradient,
    group_photo,
    jpeg,
    noise_scene,
    school_logo,
    shapes_scene,
    text_image,
    to_bytes,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from detectors.base import Context
from detectors.images.faces import count_faces, faces_in, faces_in_picture
from detectors.images.pictures import Picture
from scanner.policy import Policy


@pytest.mark.parametrize(("faces", "width"), [(1, 90), (1, 150), (1, 250), (3, 90), (3, 150),
                                              (4, 120), (4, 250)])
def test_groups_of_drawn_faces_are_counted(faces: int, width: int) -> None:
    assert count_faces(group_photo(faces, width)) == faces
    assert faces_in(to_bytes(jpeg(group_photo(faces, width, seed=1), 60), "JPEG")) == faces


@pytest.mark.parametrize("size", [100, 200, 400])
def test_a_face_filling_the_picture(size: int) -> None:
    assert count_faces(drawn_face(size)) == 1


@pytest.mark.parametrize("picture", [
    *[pytest.param(lambda i=i: shapes_scene(i), id=f"busy-scene-{i}") for i in range(8)],
    *[pytest.param(lambda i=i: noise_scene(i), id=f"noise-{i}") for i in range(2)],
    *[pytest.param(lambda i=i: text_image(i), id=f"text-{i}") for i in range(3)],
    pytest.param(lambda: school_logo(400), id="crest"),
    pytest.param(lambda: gradient((800, 600), (0, 0, 0), (255, 255, 255)), id="gradient"),
    pytest.param(lambda: Image.new("RGB", (640, 480), (200, 170, 150)), id="skin-coloured"),
    pytest.param(lambda: Image.new("RGB", (10, 10)), id="tiny"),
])
def test_pictures_without_faces(picture: object) -> None:
    assert callable(picture)
    assert count_faces(picture()) == 0


REAL_FACE = "image01137.jpg"  # looked at: the only real sample photo with a face in it


def test_real_sample_photos_without_faces(real_samples: Path) -> None:
    photos = sorted(p for p in (real_samples / "images").iterdir()
                    if p.suffix.lower() in (".jpg", ".png", ".webp") and p.name != REAL_FACE)
    assert len(photos) >= 10
    found = {p.name: faces_in(p.read_bytes()) for p in photos}
    assert found == {name: 0 for name in found}


@pytest.mark.xfail(strict=True, reason="a known limit: the cascades miss the face in an "
                                       "88 x 64 px thumbnail (a CNN finds it, README)")
def test_the_real_face_in_a_thumbnail(real_samples: Path) -> None:
    assert faces_in((real_samples / "images" / REAL_FACE).read_bytes()) == 1


def test_faces_are_counted_once_per_picture() -> None:
    ctx = Context(policy=Policy(school_name="Elmfield Academy"), today=date(2026, 1, 10))
    picture = Picture("group.jpg", "photo", to_bytes(group_photo(2, 150), "JPEG"))
    assert faces_in_picture(ctx, picture) == 2
    cached = Picture("group.jpg", "photo", picture.data)
    assert faces_in_picture(ctx, cached) == 2
    assert len(ctx.shared["_images.faces"]) == 1  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_never_raise(data: bytes) -> None:
    assert faces_in(data) == 0
