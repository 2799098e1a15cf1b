"""The JPEG header walk (scanner/jpeg_exif.py) gives exactly what Pillow's JPEG reader gives,
and hands every unusual file to Pillow: real photos, generated layouts, and mutations."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import scanner.media
from scanner.jpeg_exif import HEAD_BYTES, jpeg_exif
from scanner.media import ImageMeta, read_image_meta

MAKE, EXIF_IFD, GPS_IFD, DATETIME_ORIGINAL = 0x010F, 0x8769, 0x8825, 0x9003


def _by_pillow(data: bytes, monkeypatch: pytest.MonkeyPatch) -> ImageMeta:
    with monkeypatch.context() as patched:
        patched.setattr(scanner.media, "jpeg_exif", lambda stream: None)
        return read_image_meta(io.BytesIO(data))


def _jpeg(exif: bool = True, extra: list[bytes] | None = None) -> bytes:
    """A small JPEG; `extra` segments (marker and body, without length) go in after SOI."""
    out = io.BytesIO()
    info = Image.Exif()
    if exif:
        info[MAKE] = "FictionalCam"
        info.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = "2025:10:01 10:15:00"
        info.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 2.5), 3: "W", 4: (0.0, 7.0, 1.0)})
    Image.new("RGB", (24, 16), "navy").save(out, "JPEG", exif=info.tobytes() if exif else b"")
    data = out.getvalue()
    segments = b"".join(s[:2] + (len(s) - 2 + 2).to_bytes(2, "big") + s[2:]
                        for s in extra or [])
    return data[:2] + segments + data[2:]


def _real_jpegs(real_samples: Path) -> list[Path]:
    return sorted(p for p in (real_samples / "images").iterdir()
                  if p.suffix.lower() in (".jpg", ".jpeg"))


def test_real_photos_read_the_same_as_pillow_reads_them(
        real_samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    walked = 0
    for path in _real_jpegs(real_samples):
        data = path.read_bytes()
        walked += jpeg_exif(io.BytesIO(data)) is not None
        assert read_image_meta(io.BytesIO(data)) == _by_pillow(data, monkeypatch), path.name
    assert walked >= 8, "most real photos take the walk, not Pillow's full header parse"


def test_generated_photo_with_and_without_exif(monkeypatch: pytest.MonkeyPatch) -> None:
    with_exif, without = _jpeg(), _jpeg(exif=False)
    assert jpeg_exif(io.BytesIO(with_exif))
    assert jpeg_exif(io.BytesIO(without)) == b""
    for data in (with_exif, without):
        assert read_image_meta(io.BytesIO(data)) == _by_pillow(data, monkeypatch)
    assert read_image_meta(io.BytesIO(with_exif)).make == "FictionalCam"


def test_the_stream_is_left_where_it_was() -> None:
    stream = io.BytesIO(b"padding" + _jpeg())
    stream.seek(7)
    assert jpeg_exif(stream)
    assert stream.tell() == 7


@pytest.mark.parametrize("extra", [
    [b"\xff\xe2" + b"\0" * 60_000] * 5,  # headers past the first 256 KB
    [b"\xff\xc0" + bytes([12, 0, 16, 0, 24, 3]) + b"\0" * 9],  # a 12-bit frame first
])
def test_unusual_layouts_are_left_to_pillow(extra: list[bytes],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    data = _jpeg(extra=extra)
    assert len(data) > HEAD_BYTES or extra[0][:2] == b"\xff\xc0"
    assert jpeg_exif(io.BytesIO(data)) is None
    try:
        expected: ImageMeta | str = _by_pillow(data, monkeypatch)
    except ValueError:
        expected = "not an image"
    try:
        got: ImageMeta | str = read_image_meta(io.BytesIO(data))
    except ValueError:
        got = "not an image"
    assert got == expected


def test_cut_before_the_image_data_is_not_an_image() -> None:
    data = _jpeg()
    cut = data[:data.index(b"\xff\xda") + 2]
    assert jpeg_exif(io.BytesIO(cut)) is None
    with pytest.raises(ValueError, match="not a readable image"):
        read_image_meta(io.BytesIO(cut))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutations_read_the_same_whenever_pillow_can_read_them(
        data: st.DataObject, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = data.draw(st.randoms(use_true_random=False))
    mutated = bytearray(_jpeg())
    header_end = bytes(mutated).index(b"\xff\xda")
    for _ in range(rng.randint(1, 4)):  # the header segments, where the walk works
        mutated[rng.randrange(header_end)] = rng.randrange(256)
    try:
        expected = _by_pillow(bytes(mutated), monkeypatch)
    except ValueError:
        return  # Pillow refuses it; the walk may still read its EXIF, as exiftool would
    assert read_image_meta(io.BytesIO(bytes(mutated))) == expected
