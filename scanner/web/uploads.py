"""Uploads, streamed straight into a private folder (0700, files 0600) as they arrive, with a
size limit counted byte by byte, and removed whole when anything goes wrong.

Each upload (one press of "Add", one drop) becomes its own batch folder; a batch is one thing
to scan, as `riskscan scan FOLDER` would read it: export zips, an unpacked export, or photos.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from scanner.errors import ScanError

MB = 1024 * 1024
DEFAULT_LIMIT_MB = 4096
LIMIT_SETTING = "RISKSCAN_UPLOAD_LIMIT_MB"
MAX_FIELD = 4096  # a text field sent with the files (a passphrase, a choice): short
_UNSAFE = re.compile(r"[^\w .()+,@-]")


class UploadError(ScanError):
    """An upload that could not be kept; the message says what to do."""


def upload_limit() -> int:
    """The most all uploads together may hold, in bytes (RISKSCAN_UPLOAD_LIMIT_MB)."""
    raw = os.environ.get(LIMIT_SETTING, "")
    return (int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_LIMIT_MB) * MB


def safe_relative(name: str) -> Path | None:
    """A browser's file name as a path inside the batch: folders kept (a dropped folder of
    photos), anything that could climb out (.., absolute, drive letters) removed."""
    parts = [_UNSAFE.sub("_", p).strip(" .") for p in re.split(r"[\\/]+", name)]
    kept = [p for p in parts if p and p not in (".", "..")][-4:]
    return Path(*kept) if kept else None


@dataclass
class Batch:
    number: int
    folder: Path
    files: list[str] = field(default_factory=list)
    size: int = 0
    label: str = ""  # what it turned out to be, e.g. "Facebook export"
    fields: dict[str, str] = field(default_factory=dict)  # short text fields sent alongside


class _Writer:
    """The multipart callbacks: each file part is written to its own file in the batch."""

    def __init__(self, batch: Batch, room: int) -> None:
        self.batch = batch
        self.room = room
        self.headers: dict[bytes, bytes] = {}
        self.field = b""
        self.value = b""
        self.out: IO[bytes] | None = None
        self.text_field: str | None = None
        self.text = b""

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.field += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self.value += data[start:end]

    def header_end(self) -> None:
        self.headers[self.field.lower()] = self.value
        self.field = self.value = b""

    def headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        name = options.get(b"filename")
        relative = safe_relative(name.decode("utf-8", "replace")) if name else None
        if name is None and options.get(b"name"):
            self.text_field = options[b"name"].decode("utf-8", "replace")[:64]
            return
        if relative is None:
            return  # a file input left empty
        target = self._free(self.batch.folder / relative)
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.out = os.fdopen(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
        self.batch.files.append(str(target.relative_to(self.batch.folder)))

    def data(self, data: bytes, start: int, end: int) -> None:
        if self.text_field is not None:
            self.text = (self.text + data[start:end])[:MAX_FIELD]
            return
        if self.out is None:
            return
        self.batch.size += end - start
        if self.batch.size > self.room:
            raise UploadError("too large")
        self.out.write(data[start:end])

    def part_end(self) -> None:
        if self.text_field is not None:
            self.batch.fields[self.text_field] = self.text.decode("utf-8", "replace")
            self.text_field, self.text = None, b""
        self.close()
        self.headers = {}

    def close(self) -> None:
        if self.out is not None:
            self.out.close()
            self.out = None

    @staticmethod
    def _free(path: Path) -> Path:
        stem, number = path, 1
        while path.exists():
            number += 1
            path = stem.with_name(f"{stem.stem}-{number}{stem.suffix}")
        return path


class UploadArea:
    """The private folder that holds a session's uploads, and what is in it."""

    def __init__(self, root: Path, limit: int) -> None:
        self.root = root
        self.limit = limit
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        root.chmod(0o700)
        self.batches: list[Batch] = []
        self._next = 1

    @property
    def used(self) -> int:
        return sum(b.size for b in self.batches)

    def too_large_message(self) -> str:
        return (f"That upload is larger than riskscan accepts ({self.limit // MB:,} MB for "
                "all your uploads together). Nothing from it was kept. Remove an upload you "
                "no longer need, or scan very large exports with the riskscan scan command.")

    async def receive(self, content_type: str, length: int | None,
                      chunks: AsyncIterator[bytes], keep: bool = True) -> Batch:
        """Stream one multipart upload into a new batch folder; UploadError (with the batch
        removed) when it is too large, cut off, or holds no files. With `keep` false the batch
        is not one of the things to scan (a roster, summaries): the caller removes it."""
        kind, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if kind != b"multipart/form-data" or not boundary:
            raise UploadError("That was not a file upload: use the Add button or drop files "
                              "onto the page.")
        room = self.limit - self.used
        if length is not None and length > room + 64 * 1024:
            raise UploadError(self.too_large_message())
        batch = Batch(self._next, self.root / f"upload-{self._next}")
        self._next += 1
        batch.folder.mkdir(mode=0o700)
        writer = _Writer(batch, room)
        parser = MultipartParser(boundary, {
            "on_header_field": writer.header_field, "on_header_value": writer.header_value,
            "on_header_end": writer.header_end, "on_headers_finished": writer.headers_finished,
            "on_part_data": writer.data, "on_part_end": writer.part_end})
        try:
            async for chunk in chunks:
                parser.write(chunk)
            parser.finalize()
        except UploadError:
            self._discard(batch, writer)
            raise UploadError(self.too_large_message()) from None
        except (ClientDisconnect, MultipartParseError, OSError):
            self._discard(batch, writer)
            raise UploadError("The upload stopped before it finished (the connection was "
                              "lost, or the page was closed). Nothing from it was kept: "
                              "add the files again.") from None
        writer.close()
        if not batch.files:
            self._discard(batch, writer)
            raise UploadError("No files were chosen: pick your export files or a folder of "
                              "photos, then press Add.")
        if keep:
            self.batches.append(batch)
        return batch

    def remove(self, number: int) -> Batch | None:
        for batch in self.batches:
            if batch.number == number:
                self.batches.remove(batch)
                shutil.rmtree(batch.folder, ignore_errors=True)
                return batch
        return None

    def clear(self) -> None:
        for batch in list(self.batches):
            self.remove(batch.number)

    def _discard(self, batch: Batch, writer: _Writer) -> None:
        writer.close()
        shutil.rmtree(batch.folder, ignore_errors=True)
