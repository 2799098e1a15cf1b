"""Photo metadata: real photos against their agreed truth, generated photos in every format,
broken EXIF that must be read as far as it goes, and bytes that are no image at all."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
import struct
import subprocess
import zlib
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, TiffImagePlugin
from samples import REAL_SAMPLES, need_sample, sample_cases

import scanner.media
from scanner.jpeg_exif import jpeg_exif
from scanner.media import ImageMeta, media_item, member_meta, read_image_meta
from scanner.sources.archive import open_archive

R = TiffImagePlugin.IFDRational
MAKE, MODEL, EXIF_IFD, GPS_IFD, DATETIME_ORIGINAL = 0x010F, 0x0110, 0x8769, 0x8825, 0x9003

# The fictional photo every generated format carries: south and west, so both degrees < 0.
LAT = -(33 + 52 / 60 + 12.34 / 3600)
LON = -(70 + 40 / 60 + 5 / 3600)
TAKEN = "2023:06:15 14:30:05"
GPS = {1: "S", 2: (R(33), R(52), R(1234, 100)), 3: "W", 4: (R(70), R(40), R(5))}


TRUTH = REAL_SAMPLES / "images" / "truth.csv"


def _truth_rows() -> list[dict[str, str]]:
    if not TRUTH.is_file():
        return []
    with TRUTH.open(newline="") as handle:
        return list(csv.DictReader(handle))


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE] = "FictionalCam"
    exif[MODEL] = "Model X1"
    exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = TAKEN
    exif.get_ifd(GPS_IFD).update(GPS)
    return exif


def _image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (16, 16), "teal")
    if fmt == "TIFF":
        # Pillow's TIFF writer ignores exif=; nested IFDs go in through tiffinfo instead.
        info = TiffImagePlugin.ImageFileDirectory_v2()
        info[MAKE], info[MODEL] = "FictionalCam", "Model X1"
        info[EXIF_IFD] = {DATETIME_ORIGINAL: TAKEN}
        info[GPS_IFD] = GPS
        image.save(buffer, "TIFF", tiffinfo=info)
    else:
        image.save(buffer, fmt, exif=_exif())
    return buffer.getvalue()


def _heic_bytes() -> bytes:
    pillow_heif = pytest.importorskip("pillow_heif")
    if not pillow_heif.libheif_info().get("HEIF"):
        pytest.skip("libheif here has no HEVC encoder, so no HEIC can be written")
    try:
        return _image_bytes("HEIF")
    except (OSError, ValueError, KeyError) as exc:
        pytest.skip(f"pillow_heif cannot write HEIC here: {exc}")


def _assert_fictional(meta: ImageMeta) -> None:
    assert meta.geo is not None
    assert meta.geo[0] == pytest.approx(LAT, abs=1e-6)
    assert meta.geo[1] == pytest.approx(LON, abs=1e-6)
    assert meta.geo[0] < 0 and meta.geo[1] < 0
    assert meta.taken == datetime(2023, 6, 15, 14, 30, 5)
    assert (meta.make, meta.model, meta.has_exif) == ("FictionalCam", "Model X1", True)


# -- real photos -----------------------------------------------------------------------------------
@pytest.mark.parametrize("row", sample_cases(_truth_rows(), TRUTH), ids=lambda row: row["file"])
def test_real_photos_match_truth(real_samples: Path, row: dict[str, str]) -> None:
    need_sample(TRUTH)  # where it is absent, `row` is its path and the test stops here
    with (real_samples / "images" / row["file"]).open("rb") as stream:
        meta = read_image_meta(stream)
    if row["gps_lat"]:
        assert meta.geo is not None
        assert meta.geo[0] == pytest.approx(float(row["gps_lat"]), abs=1e-6)
        assert meta.geo[1] == pytest.approx(float(row["gps_lon"]), abs=1e-6)
    else:
        assert meta.geo is None
    expected_taken = (datetime.strptime(row["datetime_original"], "%Y:%m:%d %H:%M:%S")
                      if row["datetime_original"] else None)
    assert meta.taken == expected_taken
    assert meta.make == (row["make"] or None)
    assert meta.model == (row["model"] or None)
    assert meta.has_exif == (row["has_exif"] == "true")


def test_truth_covers_every_real_photo(real_samples: Path) -> None:
    need_sample(TRUTH)
    photos = {p.name for p in (real_samples / "images").iterdir() if p.suffix != ".csv"}
    assert {row["file"] for row in _truth_rows()} == photos
    assert len(photos) >= 12


def test_real_photos_through_an_archive(real_samples: Path) -> None:
    archive = open_archive(real_samples / "images")
    item = media_item(archive, "DSCN0010.jpg", "files")
    assert item is not None and item.geo == (43.4674483, 11.8851267)
    assert item.media == ("DSCN0010.jpg",)
    assert archive.problems == []


# -- generated photos ------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "TIFF"])
def test_generated_formats(fmt: str) -> None:
    _assert_fictional(read_image_meta(io.BytesIO(_image_bytes(fmt))))


def test_generated_heic() -> None:
    data = _heic_bytes()
    assert data[4:12] in (b"ftypheic", b"ftypmif1", b"ftypheix")
    _assert_fictional(read_image_meta(io.BytesIO(data)))


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset:offset + 4])
        chunks.append((data[offset + 4:offset + 8], data[offset + 8:offset + 8 + length]))
        offset += 12 + length
    return chunks


def _png(chunks: list[tuple[bytes, bytes]]) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        for kind, body in chunks)


def test_png_exif_after_the_image_data() -> None:
    chunks = _png_chunks(_image_bytes("PNG"))
    exif = [c for c in chunks if c[0] == b"eXIf"]
    rest = [c for c in chunks if c[0] != b"eXIf"]
    assert exif and rest[-1][0] == b"IEND"
    moved = _png([*rest[:-1], *exif, rest[-1]])  # eXIf after IDAT, as some writers put it
    _assert_fictional(read_image_meta(io.BytesIO(moved)))


def test_png_pixels_are_not_decoded_for_metadata() -> None:
    # 10000 x 10000 pixels declared, a few bytes of image data: decoding would fail (and cost
    # 300 MB); reading the metadata must not try.
    header = struct.pack(">IIBBBBB", 10_000, 10_000, 8, 2, 0, 0, 0)
    data = _png([(b"IHDR", header), (b"IDAT", zlib.compress(b"\0" * 10)), (b"IEND", b"")])
    assert read_image_meta(io.BytesIO(data)) == ImageMeta()


def test_decompression_bomb_header_is_not_an_image() -> None:
    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    data = _png([(b"IHDR", header), (b"IDAT", zlib.compress(b"\0")), (b"IEND", b"")])
    with pytest.raises(ValueError, match="not a readable image"):
        read_image_meta(io.BytesIO(data))


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is not installed")
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "TIFF", "HEIF"])
def test_generated_formats_agree_with_exiftool(fmt: str, tmp_path: Path) -> None:
    data = _heic_bytes() if fmt == "HEIF" else _image_bytes(fmt)
    path = tmp_path / f"photo.{fmt.lower()}"
    path.write_bytes(data)
    output = subprocess.run(["exiftool", "-json", "-n", str(path)], capture_output=True,
                            check=True, text=True).stdout
    (tags,) = json.loads(output)
    meta = read_image_meta(io.BytesIO(data))
    assert meta.geo is not None
    assert meta.geo[0] == pytest.approx(tags["GPSLatitude"], abs=1e-6)
    assert meta.geo[1] == pytest.approx(tags["GPSLongitude"], abs=1e-6)
    assert meta.taken == datetime.strptime(tags["DateTimeOriginal"], "%Y:%m:%d %H:%M:%S")
    assert (meta.make, meta.model) == (tags["Make"], tags["Model"])


# -- broken EXIF, built byte by byte ---------------------------------------------------------------
Entry = tuple[int, int, int, bytes]  # tag, TIFF type, count, value bytes


def _ascii(tag: int, text: bytes) -> Entry:
    return (tag, 2, len(text) + 1, text + b"\0")


def _short(tag: int, *values: int) -> Entry:
    return (tag, 3, len(values), struct.pack(f"<{len(values)}H", *values))


def _long(tag: int, *values: int) -> Entry:
    return (tag, 4, len(values), struct.pack(f"<{len(values)}I", *values))


def _rational(tag: int, *pairs: tuple[int, int]) -> Entry:
    return (tag, 5, len(pairs), b"".join(struct.pack("<II", n, d) for n, d in pairs))


def _exif_block(ifd0: list[Entry], sub: list[Entry] | None = None,
                gps: list[Entry] | None = None) -> bytes:
    """A little-endian APP1 EXIF payload laid out as: header, IFD0, Exif IFD, GPS IFD, data."""
    sub, gps, ifd0 = sub or [], gps or [], list(ifd0)

    def size(count: int) -> int:
        return 2 + 12 * count + 4

    sub_at = 8 + size(len(ifd0) + bool(sub) + bool(gps))
    gps_at = sub_at + (size(len(sub)) if sub else 0)
    data_at = gps_at + (size(len(gps)) if gps else 0)
    ifd0 += [_long(EXIF_IFD, sub_at)] if sub else []
    ifd0 += [_long(GPS_IFD, gps_at)] if gps else []
    out, data = bytearray(b"II*\x00" + struct.pack("<I", 8)), bytearray()
    for entries in (e for e in (ifd0, sub, gps) if e):
        out += struct.pack("<H", len(entries))
        for tag, kind, count, value in sorted(entries):
            if len(value) > 4:
                value, data = struct.pack("<I", data_at + len(data)), data + value
            out += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\0")
        out += b"\0\0\0\0"
    return b"Exif\x00\x00" + bytes(out + data)


def _jpeg_with(exif: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


GOOD_EXIF = _exif_block(
    [_ascii(MAKE, b"FictionalCam"), _ascii(MODEL, b"Model X1")],
    [_ascii(DATETIME_ORIGINAL, TAKEN.encode())],
    [_ascii(1, b"S"), _rational(2, (33, 1), (52, 1), (1234, 100)),
     _ascii(3, b"W"), _rational(4, (70, 1), (40, 1), (5, 1))])


def test_hand_built_exif_reads_like_pillow_written_exif() -> None:
    _assert_fictional(read_image_meta(io.BytesIO(_jpeg_with(GOOD_EXIF))))


def test_truncated_exif_block_reads_what_is_there() -> None:
    metas = [read_image_meta(io.BytesIO(_jpeg_with(GOOD_EXIF[:cut])))
             for cut in range(6, len(GOOD_EXIF), 3)]
    assert all(isinstance(meta, ImageMeta) for meta in metas)
    # Cut after the Make/Model strings but before the GPS values: camera kept, place lost.
    assert any(m.make == "FictionalCam" and m.model == "Model X1" and m.geo is None
               for m in metas)
    assert metas[0] == ImageMeta(has_exif=True)  # only the header survives


def test_gps_with_zero_denominators_is_no_place() -> None:
    exif = _exif_block([_ascii(MAKE, b"Cam")], gps=[
        _ascii(1, b"N"), _rational(2, (51, 0), (30, 0), (0, 0)),
        _ascii(3, b"E"), _rational(4, (1, 0), (0, 0), (0, 0))])
    meta = read_image_meta(io.BytesIO(_jpeg_with(exif)))
    assert (meta.geo, meta.make, meta.has_exif) == (None, "Cam", True)


def test_wrong_types_lose_only_those_tags() -> None:
    exif = _exif_block(
        [_short(MAKE, 5), _ascii(MODEL, b"Kept")],
        [_long(DATETIME_ORIGINAL, 12345)],
        [_short(1, 78), _ascii(2, b"51.5"), _rational(3, (1, 1)), _short(4, 1, 2, 3)])
    meta = read_image_meta(io.BytesIO(_jpeg_with(exif)))
    assert (meta.geo, meta.taken, meta.make, meta.model) == (None, None, None, "Kept")


def test_bytes_make_with_nuls() -> None:
    # Not ASCII (type 7 undefined): the NULs are dropped and the text kept, as exiftool does.
    exif = _exif_block([(MAKE, 7, 13, b"Fict\0ional\0\0\0"), (MODEL, 1, 6, b"Mo\0del")])
    meta = read_image_meta(io.BytesIO(_jpeg_with(exif)))
    assert (meta.make, meta.model) == ("Fictional", "Model")


# Camera names as some cameras write them: the ASCII value ends at a NUL, junk follows it.
AFTER_NUL = {MAKE: "Polar\x00oid", MODEL: "ION230\x00F"}


def _after_nul_photo(how: str) -> bytes:
    """A photo whose Make/Model carry bytes after a NUL: hand-built EXIF in a JPEG (read by the
    header walk), or Pillow-written EXIF in PNG and WebP (read by Pillow)."""
    if how == "jpeg":
        return _jpeg_with(_exif_block([_ascii(tag, text.encode())
                                       for tag, text in AFTER_NUL.items()]))
    exif = Image.Exif()
    exif.update(AFTER_NUL)
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, how.upper(), exif=exif)
    return buffer.getvalue()


def _read_by(data: bytes, path: str, monkeypatch: pytest.MonkeyPatch) -> ImageMeta:
    if path == "pillow":  # the JPEG header walk declines, so Pillow parses the whole file
        monkeypatch.setattr(scanner.media, "jpeg_exif", lambda stream: None)
    else:
        assert jpeg_exif(io.BytesIO(data)), "the header walk reads this JPEG"
    return read_image_meta(io.BytesIO(data))


@pytest.mark.parametrize(("how", "path"), [("jpeg", "walk"), ("jpeg", "pillow"),
                                           ("png", "pillow"), ("webp", "pillow")])
def test_ascii_text_ends_at_the_first_nul(how: str, path: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    data = _after_nul_photo(how)
    meta = _read_by(data, path, monkeypatch)
    assert (meta.make, meta.model) == ("Polar", "ION230")
    if shutil.which("exiftool"):  # and exactly as exiftool reads it, where it is installed
        photo = tmp_path / f"photo.{how}"
        photo.write_bytes(data)
        output = subprocess.run(["exiftool", "-json", "-Make", "-Model", str(photo)],
                                capture_output=True, check=True, text=True).stdout
        (tags,) = json.loads(output)
        assert (meta.make, meta.model) == (tags["Make"], tags["Model"])


@pytest.mark.parametrize("entries", [
    [_ascii(MAKE, b"Cam"), _long(EXIF_IFD, 8)],  # Exif IFD pointing back at IFD0
    [_ascii(MAKE, b"Cam"), _long(GPS_IFD, 10**9)],  # GPS IFD far past the end
    [(MAKE, 2, 0xFFFFFFF0, struct.pack("<I", 20)), _ascii(MODEL, b"Cam")],  # absurd count
], ids=["ifd-loop", "gps-out-of-range", "huge-count"])
def test_impossible_ifd_layouts(entries: list[Entry]) -> None:
    meta = read_image_meta(io.BytesIO(_jpeg_with(_exif_block(entries))))
    assert meta.has_exif and "Cam" in (meta.make, meta.model)
    assert meta.geo is None


def test_gps_out_of_range_or_null_island_is_no_place() -> None:
    for lat, lon in (((95, 1), (10, 1)), ((0, 1), (0, 1))):
        exif = _exif_block([_ascii(MAKE, b"Cam")], gps=[
            _ascii(1, b"N"), _rational(2, lat, (0, 1), (0, 1)),
            _ascii(3, b"E"), _rational(4, lon, (0, 1), (0, 1))])
        assert read_image_meta(io.BytesIO(_jpeg_with(exif))).geo is None


def test_garbage_after_the_jpeg_header() -> None:
    data = _jpeg_with(GOOD_EXIF)
    scan = data.index(b"\xff\xda")  # start of scan: the header segments end here
    damaged = data[:scan + 20] + bytes(range(256)) * 8
    _assert_fictional(read_image_meta(io.BytesIO(damaged)))
    _assert_fictional(read_image_meta(io.BytesIO(data + b"trailing garbage" * 100)))


# -- not images at all -----------------------------------------------------------------------------
@pytest.mark.parametrize("data", [b"", b"not an image", bytes(range(256)) * 4,
                                  b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n" + b"\0" * 40,
                                  b"GIF89a", b"RIFF\0\0\0\0WEBP"])
def test_non_images_raise_value_error(data: bytes) -> None:
    with pytest.raises(ValueError, match="not a readable image"):
        read_image_meta(io.BytesIO(data))


def test_non_image_is_a_listed_problem_through_member_meta(tmp_path: Path) -> None:
    (tmp_path / "holiday.jpg").write_bytes(b"\x00garbage" * 100)
    (tmp_path / "real.jpg").write_bytes(_jpeg_with(GOOD_EXIF))
    archive = open_archive(tmp_path)
    assert member_meta(archive, "holiday.jpg") is None
    assert media_item(archive, "holiday.jpg", "files") is None
    item = media_item(archive, "real.jpg", "files")
    assert item is not None and item.make == "FictionalCam"
    assert [p.path for p in archive.problems] == [f"{tmp_path}!holiday.jpg"] * 2
    assert all("\n" not in p.error and "Traceback" not in p.error for p in archive.problems)


# -- fuzzing ---------------------------------------------------------------------------------------
SEEDS = [_jpeg_with(GOOD_EXIF), _image_bytes("PNG"), _image_bytes("WEBP"), _image_bytes("TIFF")]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), data=st.data())
def test_mutated_images_never_raise_anything_but_value_error(seed: bytes,
                                                            data: st.DataObject) -> None:
    rng = data.draw(st.randoms(use_true_random=False))  # uniform positions, not small-biased
    mutated = bytearray(seed)
    for _ in range(rng.randint(1, 8)):
        mutated[rng.randrange(len(mutated))] = rng.randrange(256)
    cut = rng.randint(1, len(mutated)) if rng.random() < 0.3 else len(mutated)
    try:
        meta = read_image_meta(io.BytesIO(bytes(mutated[:cut])))
    except ValueError:
        return
    assert isinstance(meta, ImageMeta)
    if meta.geo is not None:
        assert -90 <= meta.geo[0] <= 90 and -180 <= meta.geo[1] <= 180


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_raise_anything_but_value_error(data: bytes) -> None:
    with contextlib.suppress(ValueError):
        read_image_meta(io.BytesIO(data))
