"""Streaming JSON for exports that can run to gigabytes.

X wraps each data file in `window.YTD.<name>.part0 = [ ... ]`; Meta escapes each UTF-8 byte of
every string as `\\u00XX`. These helpers hide both, stream arrays record by record with ijson, and
turn damaged files into a listed problem after the records that could be read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import accumulate
from typing import IO, Any

import ijson

from scanner.sources.archive import Archive

# Whole-file loads are for small files (profiles, manifests); bigger ones must be streamed.
MAX_LOAD_BYTES = 256 * 1024**2
# Real exports nest a dozen levels at most. ijson's memory grows with the square of the depth
# (a 200 KB file of `[[[[...` needs gigabytes), so anything deeper is refused as hostile.
MAX_DEPTH = 256


class TooDeepError(ValueError):
    """A JSON file nested deeper than any real export."""


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


class _Filter(io.RawIOBase):
    """A readable stream over another, closing it when closed."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()
        super().close()


class _AfterAssignment(_Filter):
    """A stream that starts after the first `=` of a `window.X = ...` JavaScript file."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__(raw)
        self._pending = b""
        self._started = False


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


# Everything but brackets and quotes, deleted by bytes.translate before the depth count.
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}"')
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class _DepthGuard(_Filter):
    """Passes a JSON byte stream through unchanged, raising TooDeepError past MAX_DEPTH.

    Brackets inside strings do not count. Escapes are removed with bytes.replace and all but
    brackets and quotes with bytes.translate (C speed, about 100 MB/s in all); Python only
    steps over the brackets themselves.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__(raw)
        self._depth = 0
        self._in_string = False
        self._carry = b""  # a backslash that ended the last chunk, escaping the next byte


    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        self._check(data)
        buffer[: len(data)] = data
        return len(data)

    def _check(self, data: bytes) -> None:
        text, self._carry = self._carry + data, b""
        trailing = len(text) - len(text.rstrip(b"\\"))
        if trailing % 2:
            text, self._carry = text[:-1], b"\\"
        if b"\\" in text:  # pairs first, left to right, as JSON reads them
            text = text.replace(b"\\\\", b"").replace(b'\\"', b"")
        pieces = text.translate(None, _NOT_STRUCTURE).split(b'"')
        outside = pieces[1::2] if self._in_string else pieces[0::2]
        if len(pieces) % 2 == 0:  # an odd number of quotes: a string is still open
            self._in_string = not self._in_string
        self._walk(b"".join(outside))

    def _walk(self, brackets: bytes) -> None:
        if not brackets:
            return
        deepest = max(accumulate(map(_STEP.__getitem__, brackets), initial=self._depth))
        self._depth += sum(map(_STEP.__getitem__, brackets))
        if deepest > MAX_DEPTH:
            raise TooDeepError(f"nested more than {MAX_DEPTH} levels deep")


def _source(archive: Archive, name: str) -> IO[bytes]:
    raw: IO[bytes] = archive.open(name)
    if name.lower().endswith(".js"):
        raw = io.BufferedReader(_AfterAssignment(raw), buffer_size=64 * 1024)
    return io.BufferedReader(_DepthGuard(raw), buffer_size=64 * 1024)


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
    except TooDeepError:
        archive.problem(name, _too_deep(count))
    except ijson.common.IncompleteJSONError as exc:
        archive.problem(name, _damaged(count, exc))
    except ijson.common.JSONError as exc:
        archive.problem(name, _damaged(count, exc))
    except (OSError, EOFError, ValueError) as exc:
        archive.problem(name, f"could not be read to the end ({type(exc).__name__}); "
                        f"{count} records before that were read")


def _too_deep(count: int) -> str:
    return (f"this file is nested far deeper than any real export, so it was not read past "
            f"that point; the {count} records before it were read")


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
    except TooDeepError:
        archive.problem(name, _too_deep(0))
        return None
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
    except TooDeepError:
        archive.problem(name, _too_deep(0))
    except (ijson.common.JSONError, OSError, EOFError, ValueError):
        return None
    return None


KEYS_SHOWN = 30
_KEY_EVENTS = 200_000  # enough to see the keys of the first records of any real file
_KEY_DEPTH = 3
_SCALARS = frozenset({"string", "number", "boolean", "null"})


def keys_seen(archive: Archive, name: str) -> list[str]:
    """The keys holding values in a JSON file's records, as dotted paths with list levels left
    out (`tweet.full_text`, `data.post`, `orderedItems.object.content`): keys holding strings
    first (where text would be), first seen first, up to three levels deep and KEYS_SHOWN of
    them (then `and N more`). For a problem message when a file reads as empty; never raises."""
    strings: dict[str, None] = {}
    others: dict[str, None] = {}
    try:
        with _source(archive, name) as stream:
            for number, (prefix, event, _) in enumerate(ijson.parse(stream)):
                if event in _SCALARS:
                    path = [p for p in prefix.split(".") if p and p != "item"]
                    if path and len(path) <= _KEY_DEPTH:
                        (strings if event == "string" else others).setdefault(".".join(path))
                if number >= _KEY_EVENTS:
                    break
    except (TooDeepError, ijson.common.JSONError, OSError, EOFError, ValueError):
        pass  # what was seen before the damage is still worth showing
    keys = [*strings, *(k for k in others if k not in strings)]
    more = len(keys) - KEYS_SHOWN
    return keys[:KEYS_SHOWN] + ([f"and {more} more"] if more > 0 else [])
