"""Reading a response body with a cap on the decoded bytes.

httpx would inflate a whole compressed chunk at once, so a few kilobytes of gzip bomb could
become a gigabyte in one step. Here the raw bytes are inflated with a limit on each step's
output, and reading stops as soon as the decoded total passes the cap.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

ACCEPTED_ENCODINGS = "gzip, deflate"


class TooLargeError(Exception):
    """The body passed the cap (or said in advance that it would)."""


class BadEncodingError(Exception):
    """The body could not be decoded as the server said it was encoded."""


def read_capped(raw: Iterable[bytes], content_encoding: str, cap: int) -> bytes:
    """The decoded body, at most `cap` bytes, or TooLargeError / BadEncodingError."""
    inflater = _inflater(content_encoding)
    out = bytearray()
    for chunk in raw:
        if inflater is None:
            out += chunk
        else:
            _inflate_into(out, inflater, chunk, cap)
        if len(out) > cap:
            raise TooLargeError
    if inflater is not None:
        try:
            out += inflater.flush()
        except zlib.error as exc:
            raise BadEncodingError(str(exc)) from exc
        if len(out) > cap:
            raise TooLargeError
    return bytes(out)


def _inflate_into(out: bytearray, inflater: zlib._Decompress, chunk: bytes, cap: int) -> None:
    data = chunk
    while data:
        try:
            # Never more than one byte past the cap from one step, however dense the input.
            piece = inflater.decompress(data, cap + 1 - len(out))
        except zlib.error as exc:
            raise BadEncodingError(str(exc)) from exc
        out += piece
        if len(out) > cap:
            raise TooLargeError
        data = inflater.unconsumed_tail
        if inflater.eof:
            return


def _inflater(content_encoding: str) -> zlib._Decompress | None:
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib or gzip header, auto-detected
    raise BadEncodingError(f"it is compressed as '{encoding}', which riskscan does not read")
