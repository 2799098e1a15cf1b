"""Photo metadata: where and when a picture was taken, and with what camera.

Pillow reads EXIF from JPEG, PNG, WebP and TIFF without decoding the pixels; pillow-heif adds
HEIC/HEIF. Broken EXIF is read as far as it goes: a bad tag loses that tag, never the photo.
"""

from __future__ import annotations

import io
import math
import struct
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from PIL import Image, UnidentifiedImageError

from scanner.jpeg_exif import jpeg_exif
from scanner.model import Item, ItemRef, Kind

if TYPE_CHECKING:  # a runtime import would be circular when scanner.media is imported first
    from scanner.sources.archive import Archive

try:  # HEIC/HEIF support is optional at import time so a broken wheel never stops a scan.
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover
    pass

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif", ".gif")
MAX_IMAGE_BYTES = 200 * 1024**2

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_MAKE, _MODEL, _DATETIME = 0x010F, 0x0110, 0x0132
_DATETIME_ORIGINAL = 0x9003
_MAX_EXIF_BYTES = 16 * 1024**2


@dataclass(frozen=True, slots=True)
class ImageMeta:
    """What a photo's metadata gives away. Every field is optional."""

    geo: tuple[float, float] | None = None
    taken: datetime | None = None
    make: str | None = None
    model: str | None = None
    has_exif: bool = False


def is_image(name: str) -> bool:
    """Whether a member name looks like a photo we can read."""
    return name.lower().endswith(IMAGE_SUFFIXES)


def read_image_meta(stream: IO[bytes]) -> ImageMeta:
    """Metadata of one image. Raises ValueError if the bytes are not an image at all."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns on odd EXIF; we read what we can.
        payload = jpeg_exif(stream)  # most photos: the EXIF block without Pillow's JPEG parse
        if payload is not None:
            return _meta_from_exif(*_exif_from_payload(payload))
        try:
            with Image.open(stream) as image:
                exif, has_exif = _exif_of(image, stream)
        # DecompressionBombError: a header claiming absurd pixel counts is no photo to check.
        except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError,
                EOFError) as exc:
            raise ValueError("not a readable image") from exc
        return _meta_from_exif(exif, has_exif)


def _exif_of(image: Image.Image, stream: IO[bytes]) -> tuple[Image.Exif, bool]:
    """The image's EXIF, and whether it really has an EXIF block (not just XMP orientation)."""
    if image.format == "PNG" and "exif" not in image.info:
        # Pillow decodes every pixel to look for an eXIf chunk after the image data: slow for
        # big screenshots and a memory risk, so walk the chunk list instead.
        image.info["exif"] = _png_exif_chunk(stream) or _raw_profile(image.info) or b""
    try:
        exif = image.getexif()
    except Exception:  # noqa: BLE001 - EXIF too broken to parse: the photo is still a photo
        return Image.Exif(), True
    if image.format == "TIFF":  # a TIFF's own tags are its EXIF IFD0
        return exif, any(tag in exif for tag in (_MAKE, _MODEL, _EXIF_IFD, _GPS_IFD))
    return exif, bool(image.info.get("exif"))


def _exif_from_payload(payload: bytes) -> tuple[Image.Exif, bool]:
    """What `Image.getexif()` gives for a JPEG whose EXIF block is `payload`."""
    exif = Image.Exif()
    if not payload:
        return exif, False
    try:
        exif.load(payload)
    except Exception:  # noqa: BLE001 - EXIF too broken to parse: the photo is still a photo
        return Image.Exif(), True
    return exif, True


def _png_exif_chunk(stream: IO[bytes]) -> bytes | None:
    """The data of a PNG's eXIf chunk wherever it sits, found by skipping other chunks."""
    stream.seek(8)
    while len(head := stream.read(8)) == 8:
        length, kind = struct.unpack(">I4s", head)
        if kind == b"eXIf":
            return stream.read(length) if length <= _MAX_EXIF_BYTES else None
        if kind == b"IEND":
            return None
        stream.seek(length + 4, io.SEEK_CUR)  # chunk data and CRC
    return None


def _raw_profile(info: dict[str | tuple[int, int], Any]) -> bytes | None:
    """EXIF that ImageMagick stores as hex text in a PNG (`Raw profile type exif`)."""
    text = info.get("Raw profile type exif")
    if not isinstance(text, str):
        return None
    try:
        return bytes.fromhex("".join(text.split("\n")[3:]))
    except ValueError:
        return None


def _meta_from_exif(exif: Image.Exif, has_exif: bool) -> ImageMeta:
    if not exif:
        return ImageMeta(has_exif=has_exif)
    sub = _safe_ifd(exif, _EXIF_IFD)
    taken = parse_exif_datetime(sub.get(_DATETIME_ORIGINAL))
    return ImageMeta(
        geo=_gps(_safe_ifd(exif, _GPS_IFD)),
        taken=taken,
        make=_clean_text(exif.get(_MAKE)),
        model=_clean_text(exif.get(_MODEL)),
        has_exif=has_exif,
    )


def _safe_ifd(exif: Image.Exif, tag: int) -> dict[int, Any]:
    try:
        return dict(exif.get_ifd(tag))
    except Exception:  # noqa: BLE001 - any malformed IFD is treated as absent
        return {}


def _clean_text(value: object) -> str | None:
    """A text tag as a person reads it. An ASCII value (a str from Pillow) ends at its first NUL,
    as the EXIF standard and exiftool say: some cameras leave bytes after it (a Polaroid's
    `ION230\\0F` is `ION230`). Bytes (a tag written with the wrong type) lose their NULs, as
    exiftool reads them."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace").replace("\x00", "")
    elif isinstance(value, str):
        value = value.split("\x00", 1)[0]
    else:
        return None
    return value.strip() or None


def parse_exif_datetime(value: object) -> datetime | None:
    """`2008:10:22 16:28:39` (local camera time, no zone) as a naive datetime, or None."""
    text = _clean_text(value)
    if not text:
        return None
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M"):
        try:
            return datetime.strptime(text[:19], fmt)
        except ValueError:
            continue
    return None


def _gps(gps: dict[int, Any]) -> tuple[float, float] | None:
    lat = _degrees(gps.get(2), gps.get(1), "S")
    lon = _degrees(gps.get(4), gps.get(3), "W")
    if lat is None or lon is None:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return (round(lat, 7), round(lon, 7))


def _degrees(value: object, ref: object, negative: str) -> float | None:
    try:
        if isinstance(value, (tuple, list)) and len(value) == 3:
            d, m, s = (float(v) for v in value)
            result = d + m / 60 + s / 3600
        elif isinstance(value, (int, float)):
            result = float(value)
        else:
            return None
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if math.isnan(result):
        return None
    ref_text = _clean_text(ref) or ""
    return -result if ref_text.upper().startswith(negative) else result


def member_meta(archive: Archive, name: str) -> ImageMeta | None:
    """Metadata of an image inside an archive; None (and a listed problem) if unreadable."""
    if archive.size(name) > MAX_IMAGE_BYTES:
        archive.problem(name, "this image is too large to read, so its metadata was not checked")
        return None
    try:
        with archive.open(name) as stream:
            # Pillow seeks around; a compressed zip member seeks slowly, so read it once.
            data = stream.read(MAX_IMAGE_BYTES + 1)
        return read_image_meta(io.BytesIO(data))
    except ValueError:
        archive.problem(name, "this image is damaged or not really an image, "
                        "so its metadata was not checked")
    except (OSError, EOFError):
        archive.problem(name, "this image could not be read to the end")
    return None


def media_item(archive: Archive, name: str, platform: str) -> Item | None:
    """A MEDIA record for an image found in an archive or folder, from its own metadata."""
    meta = member_meta(archive, name)
    if meta is None:
        return None
    return Item(kind=Kind.MEDIA, ref=ItemRef(platform, name, name), media=(name,),
                geo=meta.geo, taken=meta.taken, make=meta.make, model=meta.model)


def resolve_uri(archive: Archive, uri: str) -> str | None:
    """The archive member an export's JSON `uri` points at (exports may add a top folder)."""
    if not uri or uri.startswith(("http://", "https://")):
        return None
    wanted = PurePosixPath(uri.lstrip("/")).as_posix()
    base = PurePosixPath(wanted).name
    for name in archive.find(base):
        if name == wanted or name.endswith("/" + wanted) or wanted.endswith("/" + name):
            return name
    candidates = archive.find(base)
    return candidates[0] if len(candidates) == 1 else None


def enrich_from_file(archive: Archive, item: Item, uri: str) -> None:
    """Fill a MEDIA record's missing metadata from the image file itself, if it is present."""
    name = resolve_uri(archive, uri)
    if name is None or not is_image(name):
        return
    item.media = (name,)
    meta = member_meta(archive, name)
    if meta is None:
        return
    item.geo = item.geo or meta.geo
    item.taken = item.taken or meta.taken
    item.make = item.make or meta.make
    item.model = item.model or meta.model
