"""The EXIF block of a plainly laid-out JPEG, found by walking its header segments.

Pillow's JPEG reader parses every table on the way to the image data (quantisation, Huffman,
colour profile) although only the EXIF block is wanted; that was most of the time spent per
photo. This walk takes the same block Pillow would (the first "Exif" APP1 segment, later ones
appended as Pillow does) and checks the frame header as Pillow does (8-bit samples, 1, 3 or 4
components, a size within Pillow's decompression-bomb limit), and gives up on anything
unusual (junk between segments, padding, segments past the first 256 KB, truncation) so that
Pillow reads those files instead. The EXIF itself is still parsed by Pillow.
"""

from __future__ import annotations

from typing import IO

from PIL import Image

HEAD_BYTES = 256 * 1024  # header segments of real photos fit in a few tens of KB
_SOI = b"\xff\xd8\xff"
_SOS, _APP1 = 0xDA, 0xE1
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_EXIF = b"Exif\x00\x00"


def jpeg_exif(stream: IO[bytes]) -> bytes | None:
    """The EXIF payload (b"" when the JPEG has none), or None when Pillow must read the file.
    The stream is left where it was."""
    start = stream.tell()
    head = stream.read(HEAD_BYTES)
    stream.seek(start)
    return _walk(head) if head.startswith(_SOI) else None


def _walk(head: bytes) -> bytes | None:
    exif, framed, pos = b"", False, 2
    while pos + 4 <= len(head):
        if head[pos] != 0xFF:
            return None
        marker, length = head[pos + 1], int.from_bytes(head[pos + 2:pos + 4], "big")
        end = pos + 2 + length
        if length < 2 or end > len(head) or marker in (0x00, 0x01, 0xFF) \
                or 0xD0 <= marker <= 0xD8:
            return None
        body = head[pos + 4:end]
        if marker == _SOS:
            return exif if framed else None
        if marker == _APP1 and body.startswith(_EXIF):
            exif = exif + body[6:] if exif else body
        elif marker in _SOF:
            if not _plain_frame(body):
                return None
            framed = True
        pos = end
    return None


def _plain_frame(body: bytes) -> bool:
    """A frame header Pillow would accept without complaint."""
    if len(body) < 6 or body[0] != 8 or body[5] not in (1, 3, 4):
        return False
    height, width = int.from_bytes(body[1:3], "big"), int.from_bytes(body[3:5], "big")
    limit = Image.MAX_IMAGE_PIXELS
    return width > 0 and height > 0 and (limit is None or width * height <= limit)
