"""Reading export CSV files (LinkedIn's, Mastodon's) whatever their encoding, delimiter,
preamble and column spelling.

Each file is decoded by its BOM (UTF-8, UTF-8 with BOM, UTF-16 either way), its header is the
first line holding a known column (so a `Notes:` preamble is skipped), its delimiter is sniffed
from that header line, and rows are streamed with the csv module. Columns are found by their
normalised name (case, spaces, underscores and punctuation ignored), because exports respell them
(`ShareCommentary` in 2024, `Share Commentary` in 2018). A file whose rows all lack what the
reader needs (text, a name) is listed as a problem naming the columns it has, never silently
read as empty. Damage never raises: it ends the file with a listed problem after the rows that
could be read.
"""

from __future__ import annotations

import csv
import io
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import IO, Any

from scanner.sources.archive import Archive

MAX_LINE = 1024**2  # a longer physical line is damage, and reading it would fill memory
HEADER_SEARCH_LINES = 30
# Everything reading a damaged member can raise: the csv module, decoding, and each archive kind.
READ_ERRORS = (csv.Error, ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error,
               tarfile.TarError, lzma.LZMAError)


MAX_COLUMNS_SHOWN = 20  # in a problem naming the columns a file has


@lru_cache(maxsize=4096)  # a few dozen header and column names
def normalise(name: str) -> str:
    """A column name reduced to its letters and digits, lower case: `Share Commentary`,
    `share_commentary`, `SHARECOMMENTARY` and `"Share-Commentary"` are all `sharecommentary`."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def find(archive: Archive, base: str) -> list[str]:
    """Members with this base name, case-insensitive, `_`, space or nothing between words
    (`Rich Media.csv`, `Rich_Media.csv`, `PhoneNumbers.csv`)."""
    return archive.find(base.replace(" ", "[ _]"), base.replace(" ", ""))


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
    return [c.replace("\ufeff", "").strip() for c in cells]


def _header(lines: Iterator[str], column: str,
            first: list[str] | None = None) -> tuple[list[str], str] | None:
    """Skip any preamble: the header is the first line holding `column` (by normalised name).
    Sniff its delimiter. `first`, if given, receives the cells of the first non-empty line."""
    wanted = normalise(column)
    for _, line in zip(range(HEADER_SEARCH_LINES), lines, strict=False):
        delimiter = max(("\t", ";", ","), key=line.count) if line.strip() else ","
        cells = _cells(line, delimiter)
        if first is not None and not first and any(cells):
            first.extend(cells)
        if wanted in (normalise(c) for c in cells):
            return cells, delimiter
    return None


def columns_text(columns: Sequence[str]) -> str:
    """The columns a file has, as a problem message lists them."""
    shown = [c for c in columns if c][:MAX_COLUMNS_SHOWN]
    more = len([c for c in columns if c]) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "") if shown else "none"


def rows(archive: Archive, name: str, column: str, wants: Sequence[str],
         needs: Sequence[str] = (), what: str = "text") -> Iterator[dict[str, str]]:
    """Each row as {wanted column, as the reader spells it: value}; damage ends the file with a
    listed problem. The header is the first line holding `column`; each wanted column is the
    header's column of the same normalised name ("" where the file has none).

    `needs`: the wanted columns a useful row has a value in (the text of a post, a person's
    name). If the file has rows but not one has any of them, the export's layout is one this
    reader does not know, and that is listed as a problem naming the columns the file has.
    """
    count, useful = 0, False
    header: list[str] = []
    first: list[str] = []
    base = name.rsplit("/", 1)[-1]
    try:
        text, _ = _open_text(archive, name)
        with text:
            lines = _lines(text)
            found = _header(lines, column, first)
            if found is None:
                archive.problem(name, f"{base}: no '{column}' column was found in its first "
                                f"lines, so it was not read; first line: {columns_text(first)}"
                                " — please report this export layout")
                return
            header, delimiter = found
            picks = _positions(header, wants)
            for cells in csv.reader(lines, delimiter=delimiter):
                if any(cell.strip() for cell in cells):
                    count += 1
                    size = len(cells)
                    row = {want: cells[i].strip() if i < size else "" for want, i in picks}
                    if not useful:  # one useful row settles it
                        useful = any(row[c] for c in needs)
                    yield row
    except READ_ERRORS as exc:
        why = (str(exc).splitlines() or [type(exc).__name__])[0][:100]
        archive.problem(name, f"this file is damaged or cut short ({why}); "
                        f"the {count} rows before the damage were read")
        return
    if needs and count and not useful:
        archive.problem(name, f"{base}: {count} rows but none had {what}; columns seen: "
                        f"{columns_text(header)} — please report this export layout")


def _positions(header: Sequence[str], wants: Sequence[str]) -> list[tuple[str, int]]:
    """(wanted name, index of the header cell of the same normalised name); where two header
    cells normalise alike the first counts. A wanted column the file lacks points past every
    row, so it reads as ""."""
    index: dict[str, int] = {}
    for i, cell in enumerate(header):
        index.setdefault(normalise(cell), i)
    return [(want, index.get(normalise(want), len(header) + 1_000_000)) for want in wants]


def header_of(archive: Archive, name: str, column: str) -> tuple[list[str], str] | None:
    """(normalised columns, encoding) of a file whose header holds `column` (by normalised
    name), or None; never raises."""
    try:
        text, encoding = _open_text(archive, name)
        with text:
            found = _header(_lines(text), column)
    except READ_ERRORS:
        return None
    return ([normalise(c) for c in found[0]], encoding) if found else None


def is_utf16(archive: Archive, name: str) -> bool:
    """Whether a member is UTF-16 (the 2018 export's Shares.csv), from its first bytes."""
    try:
        with archive.open(name) as stream:
            return encoding_of(stream.read(4)).startswith("utf-16")
    except READ_ERRORS:
        return False
