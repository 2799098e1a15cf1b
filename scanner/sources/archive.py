"""One way to read a zip, a folder or a single file: by member name, in place, never extracted.

Readers ask for files by base name (`find("tweets.js", "tweets-part*.js")`) because every
platform moves its files between export versions. Zips are checked against bomb limits before
anything is read, and each member is opened as a stream so large files never sit in memory.
"""

from __future__ import annotations

import fnmatch
import io
import lzma
import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from scanner.errors import ArchiveLimitError, SourceError
from scanner.model import Problem, Skipped


@dataclass(frozen=True)
class Limits:
    """Safety limits for archives. Generous for real exports, which can be tens of GB of video."""

    max_entries: int = 300_000
    max_total_bytes: int = 200 * 1024**3
    max_entry_bytes: int = 20 * 1024**3
    # Real JSON compresses about 10:1 and photos 1:1; a ratio like this is only seen in bombs.
    max_ratio: float = 200.0
    ratio_applies_above: int = 16 * 1024**2


DATA_SUFFIXES = (".json", ".js", ".csv", ".html", ".htm", ".txt")


class Archive:
    """A readable collection of named files: a zip, a tar, a folder or one file."""

    def __init__(self, path: Path, display: str | None = None) -> None:
        self.path = path
        self.display = display or str(path)
        self.problems: list[Problem] = []
        self._consumed: set[str] = set()
        self._index: dict[str, list[str]] | None = None

    # -- to be provided by each kind ---------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """Every readable member, as a relative POSIX path."""
        raise NotImplementedError

    def size(self, name: str) -> int:
        """Uncompressed size of a member in bytes."""
        raise NotImplementedError

    def has(self, name: str) -> bool:
        """Whether `name` is a readable member (one look-up in the base-name index)."""
        return name in self._basename_index().get(PurePosixPath(name).name.lower(), ())

    @property
    def reopenable(self) -> bool:
        """Whether another process can open the same path and read members at random
        (zips and folders; a compressed tar is read from its start each time)."""
        return False

    def _open(self, name: str) -> IO[bytes]:
        raise NotImplementedError

    def close(self) -> None:
        """Release the underlying file handle, if any."""

    # -- shared --------------------------------------------------------------------------------
    def open(self, name: str) -> IO[bytes]:
        """A binary stream of one member; marks it as read."""
        self._consumed.add(name)
        return self._open(name)

    def find(self, *patterns: str) -> list[str]:
        """Members whose base name matches any pattern (case-insensitive), in sorted order."""
        index = self._basename_index()
        found: set[str] = set()
        for pattern in (p.lower() for p in patterns):
            if any(ch in pattern for ch in "*?["):
                found.update(n for base, names in index.items()
                             if fnmatch.fnmatchcase(base, pattern) for n in names)
            else:  # an exact name: one dictionary look-up, not a pass over every member
                found.update(index.get(pattern, ()))
        return sorted(found, key=_natural_key)

    def _basename_index(self) -> dict[str, list[str]]:
        # Built once: readers call find() per photo, and exports can hold 100,000 files.
        if self._index is None:
            self._index = {}
            for name in self.names:
                self._index.setdefault(PurePosixPath(name).name.lower(), []).append(name)
        return self._index

    def find_one(self, *patterns: str) -> str | None:
        """The shallowest member matching any pattern, or None."""
        found = self.find(*patterns)
        return min(found, key=lambda n: (n.count("/"), _natural_key(n))) if found else None

    def has_dir(self, dirname: str) -> bool:
        """Whether any member sits under a folder of this name, at any depth."""
        needle = dirname.strip("/").lower()
        return any(needle in [p.lower() for p in PurePosixPath(n).parts[:-1]] for n in self.names)

    def problem(self, name: str, error: str) -> None:
        """Record something that could not be read; reading goes on."""
        self.problems.append(Problem(path=self._label(name), error=error))

    def mark_read(self, name: str) -> None:
        """Note that a member was used without going through open()."""
        self._consumed.add(name)

    def skipped(self) -> list[Skipped]:
        """Data files that no reader used, so a person knows what was not looked at."""
        problem_paths = {p.path for p in self.problems}
        out = []
        for name in self.names:
            if name in self._consumed or not name.lower().endswith(DATA_SUFFIXES):
                continue
            if self._label(name) in problem_paths:
                continue
            out.append(Skipped(path=self._label(name), reason="not needed for any check"))
        return out

    def _label(self, name: str) -> str:
        return f"{self.display}!{name}" if name else self.display

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _natural_key(name: str) -> tuple[object, ...]:
    """Sort `part2` before `part10` and `message_2` before `message_10`."""
    import re

    return tuple(int(tok) if tok.isdigit() else tok.lower() for tok in re.split(r"(\d+)", name))


def _unsafe_name(name: str) -> bool:
    """A member name that would land outside the archive if it were ever extracted."""
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    parts = name.replace("\\", "/").split("/")
    return ".." in parts


# What reading a damaged zip or tar member raises besides OSError: bad CRC, bad deflate data,
# an unknown compression method, a tar cut short.
MEMBER_DAMAGE = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, NotImplementedError,
                 RuntimeError, tarfile.TarError, EOFError, UnicodeDecodeError, ValueError)


class MemberDamagedError(OSError):
    """A member whose data cannot be read: an OSError, which every reader already handles."""


def _damage_message(exc: BaseException) -> str:
    return f"the data of this file is damaged inside the archive ({type(exc).__name__})"


class _Guarded(io.RawIOBase):
    """A member stream whose damage surfaces as MemberDamagedError instead of zip/tar errors."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._raw.read(len(buffer))
        except MEMBER_DAMAGE as exc:
            raise MemberDamagedError(_damage_message(exc)) from None
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def _guarded(raw: IO[bytes]) -> IO[bytes]:
    return io.BufferedReader(_Guarded(raw), buffer_size=64 * 1024)


class ZipArchive(Archive):
    """A zip read in place. Bombs, encrypted and escaping members are refused before reading."""

    def __init__(self, path: Path, limits: Limits | None = None, display: str | None = None):
        super().__init__(path, display)
        self.limits = limits or Limits()
        try:
            self._zip = zipfile.ZipFile(path)
        # A damaged central directory can also claim an unknown zip version or odd values.
        except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError):
            raise SourceError(
                f"{path.name} is not a complete zip file (it may have been cut short while "
                "downloading): download your export again and point riskscan at the new file."
            ) from None
        except OSError as exc:
            raise SourceError(f"{path.name} could not be opened ({exc.strerror}).") from None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        try:
            self._vet(self._zip.infolist())
        except ArchiveLimitError:
            self._zip.close()
            raise

    def _vet(self, infos: list[zipfile.ZipInfo]) -> None:
        limits = self.limits
        if len(infos) > limits.max_entries:
            raise ArchiveLimitError(
                f"{self.path.name} holds {len(infos):,} files, more than any real export "
                f"(limit {limits.max_entries:,}); it looks like a zip bomb and was not read."
            )
        total = sum(i.file_size for i in infos)
        if total > limits.max_total_bytes:
            raise ArchiveLimitError(
                f"{self.path.name} claims to unpack to {total / 1024**3:,.0f} GB, more than any "
                "real export; it looks like a zip bomb and was not read."
            )
        # (not ZipInfo.is_dir: it raises IndexError on a damaged entry whose name is empty)
        files = [i for i in infos if not i.filename.endswith("/")]
        encrypted = [i for i in files if i.flag_bits & 0x1]
        if files and len(encrypted) == len(files):
            raise SourceError(
                f"{self.path.name} is password-protected: unzip it yourself with its password, "
                "then point riskscan at the unzipped folder."
            )
        overlapping = _overlapping_members(files)
        for info in files:
            reason = self._refusal(info, info in encrypted, info.filename in overlapping)
            if reason:
                self.problem(info.filename, reason)
            else:
                self._infos[info.filename] = info

    def _refusal(self, info: zipfile.ZipInfo, encrypted: bool, overlapping: bool) -> str | None:
        limits = self.limits
        if not info.filename:
            return "this file has no name (the zip is damaged there), so it was not read"
        if _unsafe_name(info.filename):
            return "this file's name points outside the archive, so it was not read"
        if encrypted:
            return "this file is password-protected, so it was not read"
        if overlapping:
            return "this file shares its data with another (a zip bomb trick), so it was not read"
        if info.file_size > limits.max_entry_bytes:
            return "this file is larger than any real export file, so it was not read"
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_applies_above and ratio > limits.max_ratio:
            return f"this file expands {ratio:,.0f} times (a zip bomb), so it was not read"
        return None

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    @property
    def reopenable(self) -> bool:
        return True

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def _open(self, name: str) -> IO[bytes]:
        try:
            stream = self._zip.open(self._infos[name])
        except MEMBER_DAMAGE as exc:
            raise MemberDamagedError(_damage_message(exc)) from None
        return _guarded(stream)

    def close(self) -> None:
        self._zip.close()


def _overlapping_members(infos: list[zipfile.ZipInfo]) -> set[str]:
    """Members whose data overlaps an earlier member's: the non-recursive zip bomb."""
    overlapping: set[str] = set()
    end_of_previous = -1
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset < end_of_previous:
            overlapping.add(info.filename)
        # 30 bytes of local header plus the name: the data cannot start earlier than this.
        end_of_previous = max(end_of_previous,
                              info.header_offset + 30 + len(info.filename) + info.compress_size)
    return overlapping


class TarArchive(Archive):
    """A tar or tar.gz (older Mastodon archives) read in place."""

    def __init__(self, path: Path, limits: Limits | None = None, display: str | None = None):
        super().__init__(path, display)
        self.limits = limits or Limits()
        try:
            # Kept open for the archive's lifetime; close() releases it.
            self._tar = tarfile.open(path)  # noqa: SIM115
            members = self._tar.getmembers()
        except (tarfile.TarError, EOFError, OSError, zlib.error, lzma.LZMAError):
            self.close()
            raise SourceError(
                f"{path.name} is not a complete archive (it may have been cut short while "
                "downloading): download your export again."
            ) from None
        if len(members) > self.limits.max_entries:
            self.close()
            raise ArchiveLimitError(f"{path.name} holds too many files to be a real export.")
        self._members: dict[str, tarfile.TarInfo] = {}
        for member in members:
            if not member.isfile():
                continue
            if _unsafe_name(member.name):
                self.problem(member.name, "this file's name points outside the archive, "
                             "so it was not read")
            else:
                self._members[member.name.removeprefix("./")] = member

    @property
    def names(self) -> list[str]:
        return list(self._members)

    def size(self, name: str) -> int:
        return self._members[name].size

    def _open(self, name: str) -> IO[bytes]:
        try:
            stream = self._tar.extractfile(self._members[name])
        except MEMBER_DAMAGE as exc:
            raise MemberDamagedError(_damage_message(exc)) from None
        if stream is None:  # pragma: no cover - only regular files are kept
            raise SourceError(f"{name} is not a regular file")
        return _guarded(stream)

    def close(self) -> None:
        if getattr(self, "_tar", None) is not None:
            self._tar.close()


class FolderArchive(Archive):
    """An unpacked export. Symbolic links that lead outside the folder are not followed."""

    def __init__(self, path: Path, display: str | None = None) -> None:
        super().__init__(path, display)
        self._root = path.resolve()
        self._files: dict[str, int] = {}
        for dirpath, dirnames, filenames in os.walk(self._root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in sorted(filenames):
                self._add(Path(dirpath) / filename)

    def _add(self, full: Path) -> None:
        rel = full.relative_to(self._root).as_posix()
        if full.name.startswith("."):
            return
        try:
            real = full.resolve()
            info = real.stat()
        except OSError:
            return
        if not real.is_relative_to(self._root):
            self.problem(rel, "this link points outside the folder, so it was not read")
            return
        if stat.S_ISREG(info.st_mode):
            self._files[rel] = info.st_size

    @property
    def names(self) -> list[str]:
        return list(self._files)

    @property
    def reopenable(self) -> bool:
        return True

    def size(self, name: str) -> int:
        return self._files[name]

    def _open(self, name: str) -> IO[bytes]:
        return (self._root / name).open("rb")


class FileArchive(Archive):
    """A single file given on its own (one `tweets.js`, one photo)."""

    def __init__(self, path: Path, display: str | None = None) -> None:
        super().__init__(path, display)
        self._name = path.name

    @property
    def names(self) -> list[str]:
        return [self._name]

    def size(self, name: str) -> int:
        return self.path.stat().st_size

    def _open(self, name: str) -> IO[bytes]:
        return self.path.open("rb")

    def _label(self, name: str) -> str:
        return self.display


ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")


def open_archive(path: Path, limits: Limits | None = None) -> Archive:
    """Open any input path the right way, or raise SourceError with what to do."""
    if not path.exists():
        raise SourceError(f"{path} does not exist: check the path and try again.")
    if path.is_dir():
        return FolderArchive(path)
    if not os.access(path, os.R_OK):
        raise SourceError(f"{path} cannot be read: check its permissions.")
    if zipfile.is_zipfile(path):
        return ZipArchive(path, limits)
    lowered = path.name.lower()
    if lowered.endswith((".tar", ".tar.gz", ".tgz")):
        return TarArchive(path, limits)
    if lowered.endswith(".zip"):
        raise SourceError(
            f"{path.name} is not a complete zip file (it may have been cut short while "
            "downloading): download your export again and point riskscan at the new file."
        )
    return FileArchive(path)


@contextmanager
def opened(path: Path, limits: Limits | None = None) -> Iterator[Archive]:
    """`with opened(path) as archive:` closes the archive whatever happens."""
    archive = open_archive(path, limits)
    try:
        yield archive
    finally:
        archive.close()
