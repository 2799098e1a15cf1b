"""Streaming JSON for exports that can run to gigabytes.

X wraps each data file in `window.YTD.<name>.part0 = [ ... ]`; Meta escapes each UTF-8 byte of
every string as `\\u00XX`. These helpers hide both, stream arrays record by record with ijson, and
turn damaged files into a listed problem after the records that could be read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

import ijson

from scanner.sources.archive import Archive

# Whole-file loads are for small files (profiles, manifests); bigger ones must be streamed.
MAX_LOAD_BYTES = 256 * 1024**2


def fix_mojibake(text: str) -> str:
    """Undo Meta's habit of writing each UTF-8 byte as its own code point."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def fix_strings(value: Any) -> Any:
    """Repair every string inside a parsed JSON value (keys included)."""
    if isinstance(value, str):
        return fix_mojibake(value)
    if isinstance(value, list):
        return [fix_strings(v) for v in value]
    if isinstance(value, dict):
        return {fix_mojibake(k): fix_strings(v) for k, v in value.items()}
    return value


class _AfterAssignment(io.RawIOBase):
    """A stream that starts after the first `=` of a `window.X = ...` JavaScript file."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._pending = b""
        self._started = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._started:
            self._skip_prefix()
        data = self._pending or self._raw.read(len(buffer))
        self._pending = b""
        buffer[: len(data)] = data
        return len(data)

    def _skip_prefix(self) -> None:
        self._started = True
        head = b""
        while b"=" not in head:
            chunk = self._raw.read(4096)
            if not chunk:
                self._pending = head  # no assignment: treat the file as plain JSON
                return
            head += chunk
            if len(head) > 64 * 1024:
                self._pending = head
                return
        prefix, _, rest = head.partition(b"=")
        if prefix.lstrip().startswith((b"[", b"{")):
            self._pending = head  # plain JSON that happens to contain '='
        else:
            self._pending = rest


def _source(archive: Archive, name: str) -> IO[bytes]:
    raw = archive.open(name)
    if name.lower().endswith(".js"):
        return io.BufferedReader(_AfterAssignment(raw), buffer_size=64 * 1024)
    return raw


def iter_items(archive: Archive, name: str, prefix: str = "item",
               mojibake: bool = False) -> Iterator[Any]:
    """Stream the elements found at an ijson prefix; a damaged file becomes a listed problem."""
    count = 0
    try:
        with _source(archive, name) as stream:
            for value in ijson.items(stream, prefix, use_float=True):
                count += 1
                try:
                    yield fix_strings(value) if mojibake else value
                except RecursionError:  # a record nested thousands deep: hostile, skip it
                    archive.problem(name, f"record {count} is nested too deeply to read, "
                                    "so it was skipped")
    except ijson.common.IncompleteJSONError as exc:
        archive.problem(name, _damaged(count, exc))
    except ijson.common.JSONError as exc:
        archive.problem(name, _damaged(count, exc))
    except (OSError, EOFError, ValueError) as exc:
        archive.problem(name, f"could not be read to the end ({type(exc).__name__}); "
                        f"{count} records before that were read")


def _damaged(count: int, exc: Exception) -> str:
    first = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
    return (f"this file is damaged or cut short (invalid JSON: {first}); "
            f"the {count} records before the damage were read")


def load(archive: Archive, name: str, mojibake: bool = False) -> Any | None:
    """Parse a whole small file; None (and a listed problem) if it is damaged or too large."""
    if archive.size(name) > MAX_LOAD_BYTES:
        archive.problem(name, "this file is too large to be what its name says, so it was "
                        "not read")
        return None
    try:
        with _source(archive, name) as stream:
            data = stream.read()
        import json

        value = json.loads(data)
        return fix_strings(value) if mojibake else value
    except (ValueError, OSError, EOFError, RecursionError) as exc:
        archive.problem(name, _damaged(0, exc))
        return None


def first_key(archive: Archive, name: str, keys: tuple[str, ...]) -> str | None:
    """Which of several possible top-level keys a JSON object file uses (`friends_v2`...)."""
    try:
        with _source(archive, name) as stream:
            for prefix, event, value in ijson.parse(stream):
                if prefix == "" and event == "map_key" and value in keys:
                    return str(value)
                if prefix == "" and event == "start_array":
                    return None
    except (ijson.common.JSONError, OSError, EOFError, ValueError):
        return None
    return None
