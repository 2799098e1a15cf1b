"""Reading LinkedIn's CSV files whatever their encoding, delimiter and preamble.

Each file is decoded by its BOM (UTF-8, UTF-8 with BOM, UTF-16 either way), its header is the
first line holding a known column (so a `Notes:` preamble is skipped), its delimiter is sniffed
from that header line, and rows are streamed with the csv module. Damage never raises: it ends
the file with a listed problem after the rows that could be read.
"""

from __future__ import annotations

import csv
import io
import lzma
import re
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from scanner.sources.archive import Archive
from scanner.sources.base import from_iso

MAX_LINE = 1024**2  # a longer physical line is damage, and reading it would fill memory
HEADER_SEARCH_LINES = 30
# Everything reading a damaged member can raise: the csv module, decoding, and each archive kind.
READ_ERRORS = (csv.Error, ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error,
               tarfile.TarError, lzma.LZMAError)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]{3,9}) (\d{4})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:,? (\d{1,2}):(\d{2}) ?([AaPp][Mm])?)?")
_MONTHS = {name: n for n, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def find(archive: Archive, base: str) -> list[str]:
    """Members with this base name, case-insensitive, `_` and space interchangeable."""
    return archive.find(base.replace(" ", "[ _]"))


def encoding_of(head: bytes) -> str:
    """The codec a LinkedIn CSV needs, from its first bytes (BOM, or NULs of BOM-less UTF-16)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the codec reads the BOM and the byte order itself
    if len(head) >= 4 and head[1] == 0 and head[3] == 0 and head[0] and head[2]:
        return "utf-16-le"
    if len(head) >= 4 and head[0] == 0 and head[2] == 0 and head[1] and head[3]:
        return "utf-16-be"
    return "utf-8"


class _Rejoined(io.RawIOBase):
    """A member stream whose first bytes were already read to look for a BOM."""

    def __init__(self, head: bytes, raw: IO[bytes]) -> None:
        self._head = head
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = len(buffer)
        if self._head:
            data, self._head = self._head[:size], self._head[size:]
        else:
            data = self._raw.read(size)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _open_text(archive: Archive, name: str) -> tuple[io.TextIOWrapper, str]:
    """A text stream over one member, decoded by its BOM; undecodable bytes become U+FFFD."""
    raw = archive.open(name)
    try:
        head = raw.read(4)
    except BaseException:
        raw.close()
        raise
    encoding = encoding_of(head)
    buffered = io.BufferedReader(_Rejoined(head, raw), buffer_size=64 * 1024)
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline=""), encoding


class _LineTooLongError(ValueError):
    """A physical line longer than any real CSV row: damage, or not a CSV at all."""


def _lines(text: IO[str]) -> Iterator[str]:
    while line := text.readline(MAX_LINE):
        if len(line) >= MAX_LINE and not line.endswith(("\n", "\r")):
            raise _LineTooLongError("a line is too long to be a real row")
        yield line


def _cells(line: str, delimiter: str) -> list[str]:
    cells = next(csv.reader([line], delimiter=delimiter), [])
    return [c.replace("\ufeff", "").strip().lower() for c in cells]


def _header(lines: Iterator[str], column: str) -> tuple[list[str], str] | None:
    """Skip any preamble: the header is the first line holding `column`. Sniff its delimiter."""
    for _, line in zip(range(HEADER_SEARCH_LINES), lines, strict=False):
        delimiter = max(("\t", ";", ","), key=line.count) if line.strip() else ","
        cells = _cells(line, delimiter)
        if column in cells:
            return cells, delimiter
    return None


def rows(archive: Archive, name: str, column: str) -> Iterator[dict[str, str]]:
    """Each row as {lower-case column: value}; damage ends the file with a listed problem."""
    count = 0
    try:
        text, _ = _open_text(archive, name)
        with text:
            lines = _lines(text)
            found = _header(lines, column)
            if found is None:
                archive.problem(name, f"no header with a '{column}' column was found, "
                                "so this file was not read")
                return
            columns, delimiter = found
            for row in csv.reader(lines, delimiter=delimiter):
                if any(cell.strip() for cell in row):
                    count += 1
                    yield {col: row[i].strip() if i < len(row) else ""
                           for i, col in enumerate(columns)}
    except READ_ERRORS as exc:
        why = (str(exc).splitlines() or [type(exc).__name__])[0][:100]
        archive.problem(name, f"this file is damaged or cut short ({why}); "
                        f"the {count} rows before the damage were read")


def header_of(archive: Archive, name: str, column: str) -> tuple[list[str], str] | None:
    """(columns, encoding) of a file whose header holds `column`, or None; never raises."""
    try:
        text, encoding = _open_text(archive, name)
        with text:
            found = _header(_lines(text), column)
    except READ_ERRORS:
        return None
    return (found[0], encoding) if found else None


def is_utf16(archive: Archive, name: str) -> bool:
    """Whether a member is UTF-16 (the 2018 export's Shares.csv), from its first bytes."""
    try:
        with archive.open(name) as stream:
            return encoding_of(stream.read(4)).startswith("utf-16")
    except READ_ERRORS:
        return False


def parse_date(value: str) -> datetime | None:
    """LinkedIn's dates (`16 Dec 2024`, `1/8/18, 6:14 PM`, `2024-02-19 10:22:49 UTC`) as UTC.

    Parsed by pattern, not strptime: English month names whatever the locale, and fast enough
    for a few hundred thousand rows.
    """
    text = " ".join(value.split()).removesuffix(" UTC")
    try:
        if match := _DAY_MONTH_YEAR.fullmatch(text):
            day, month, year = match.groups()
            number = _MONTHS.get(month[:3].lower())
            return datetime(int(year), number, int(day), tzinfo=UTC) if number else None
        if match := _US_DATE.fullmatch(text):
            return _us_date(*match.groups())
    except ValueError:  # 31 Feb and the like
        return None
    return from_iso(text)


def _us_date(month: str, day: str, year: str, hour: str | None, minute: str | None,
             half: str | None) -> datetime:
    full_year = int(year) + (2000 if len(year) == 2 else 0)  # LinkedIn began in 2003
    clock = int(hour or 0)
    if half:
        clock = clock % 12 + (12 if half.lower() == "pm" else 0)
    return datetime(full_year, int(month), int(day), clock, int(minute or 0), tzinfo=UTC)
