"""What was worked out about each picture, remembered from one scan to the next.

Pictures are most of a big export's scan: the logo match and the face count take about 0.06
and 0.3 s of CPU a photo, so 10,000 photos take minutes. People scan again after tidying their
accounts, mostly over the same photos, and a picture's results depend only on its bytes, the
policy pack's logo files and this code. So each result is kept under the SHA-1 of the picture's
bytes and a fingerprint of everything else it depends on (`fingerprint`), and a later scan
takes it from here instead of decoding the picture again. Any change to the logo files, to the
image code or to the libraries it runs on gives another fingerprint, so a result is never
reused where it could differ.

What is kept: for each picture, the digest of its bytes and what was found (whether and how
the logo matched, how many faces), never the picture or anything that shows it. Where: one
SQLite file in the person's cache folder, owner-only (0600, folder 0700);
RISKSCAN_PICTURE_MEMORY names another file, or is `off`. `riskscan forget` deletes it. At most
MAX_KEPT results; the oldest go first. A memory that cannot be opened, read or written is left
alone: the scan works everything out, as it would without one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Sequence
from contextlib import suppress
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from detectors.base import Context
from scanner.errors import ScanError
from scanner.files import create_private_file

SETTING = "RISKSCAN_PICTURE_MEMORY"
MAX_KEPT = 200_000
_WRITE_EVERY = 256  # results kept in one transaction
# The code whose answers are remembered, and the libraries it runs on.
_CODE = ("faces.py", "logo.py", "pictures.py", "work.py")
_LIBRARIES = ("opencv-python-headless", "pillow", "pillow-heif", "numpy", "imagehash", "scipy")
_SCHEMA = ("CREATE TABLE IF NOT EXISTS results (fingerprint TEXT NOT NULL, name TEXT NOT NULL, "
           "digest TEXT NOT NULL, value TEXT NOT NULL, kept REAL NOT NULL, "
           "PRIMARY KEY (fingerprint, name, digest))")

_MISSING = object()


def memory_path() -> Path | None:
    """The memory's file: RISKSCAN_PICTURE_MEMORY, else the cache folder's; None when off."""
    chosen = os.environ.get(SETTING, "").strip()
    if chosen.lower() in ("off", "no", "0", "false"):
        return None
    if chosen:
        return Path(chosen).expanduser()
    return Path(user_cache_dir("riskscan", appauthor=False)) / "pictures.sqlite3"


def fingerprint(logos: Sequence[str | Path]) -> str:
    """Everything a picture's results depend on besides its bytes: the logo files' bytes, the
    image code's source and the versions of the libraries it calls."""
    digest = hashlib.sha256(_code_and_libraries().encode())
    for logo in logos:
        try:
            digest.update(Path(logo).read_bytes())
        except OSError:
            digest.update(b"unreadable logo")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _code_and_libraries() -> str:
    """The image code's source and its libraries' versions, digested (once per process)."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=-;".encode())
    return digest.hexdigest()


class PictureMemory:
    """One open memory file and the fingerprint of this scan's results."""

    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path, self.fingerprint = path, fingerprint
        self._waiting: dict[tuple[str, str], tuple[str, str, str, str, float]] = {}
        self._broken = False
        # The file may be one the person named: narrowed all the same (it is riskscan's), but
        # not its folder.
        create_private_file(path, narrow_folder=False, narrow_file=True)
        self._db = sqlite3.connect(path, timeout=5, isolation_level=None)
        self._db.execute("PRAGMA secure_delete = ON")
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute(_SCHEMA)

    def recall(self, name: str, digest: str) -> tuple[bool, object]:
        """(True, the result) when this picture's `name` result is remembered, else (False,
        None). A memory that fails to read is not asked again in this scan."""
        if self._broken:
            return False, None
        try:
            value = self._value(name, digest)
        except (sqlite3.Error, ValueError, TypeError):  # a damaged row or file
            self._broken = True
            return False, None
        return (False, None) if value is _MISSING else (True, value)

    def _value(self, name: str, digest: str) -> object:
        waiting = self._waiting.get((name, digest))  # kept in this scan, not yet written
        if waiting is not None:
            return _decode(name, waiting[3])
        row = self._db.execute("SELECT value FROM results WHERE fingerprint = ? AND name = ? "
                               "AND digest = ?", (self.fingerprint, name, digest)).fetchone()
        return _MISSING if row is None else _decode(name, row[0])

    def keep(self, name: str, digest: str, value: object) -> None:
        encoded = _encode(name, value)
        if encoded is None:
            return
        self._waiting[name, digest] = (self.fingerprint, name, digest, encoded, time.time())
        if len(self._waiting) >= _WRITE_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write the results waiting; if that fails (a full disk, a file locked for long),
        they are dropped and nothing more is written in this scan."""
        waiting, self._waiting = list(self._waiting.values()), {}
        if not waiting or self._broken:
            return
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)",
                                     waiting)
        except sqlite3.Error:
            self._broken = True

    def close(self) -> None:
        """Write what waits, drop the oldest results past MAX_KEPT, close the file."""
        try:
            self.flush()
            (count,) = self._db.execute("SELECT count(*) FROM results").fetchone()
            if count > MAX_KEPT:
                self._db.execute("DELETE FROM results WHERE rowid IN (SELECT rowid FROM "
                                 "results ORDER BY kept LIMIT ?)", (count - MAX_KEPT,))
        finally:
            self._db.close()


# -- what a result looks like on disk ----------------------------------------------------------

def _encode(name: str, value: object) -> str | None:
    """JSON for the results this module knows how to bring back; None for any other."""
    from detectors.images.logo import LogoHit

    if name == "faces" and isinstance(value, int):
        return json.dumps(value)
    if name == "logo" and (value is None or isinstance(value, LogoHit)):
        fields = None if value is None else {key: getattr(value, key)
                                             for key in LogoHit.__dataclass_fields__}
        return json.dumps(fields)
    return None


def _decode(name: str, text: str) -> object:
    from detectors.images.logo import LogoHit

    value: Any = json.loads(text)
    if name == "logo" and value is not None:
        return LogoHit(**value)
    return value


# -- per scan, in the main process -------------------------------------------------------------

def memory_of(ctx: Context) -> PictureMemory | None:
    """The scan's memory, opened on first use; None when it is off or cannot be opened."""
    found = ctx.shared.get("_images.memory", _MISSING)
    if found is _MISSING:
        path = memory_path()
        try:
            found = None if path is None else open_memory(path, fingerprint(ctx.policy.logos))
        except OSError:  # the picture code's source cannot be read: nothing safe to key by
            found = None
        ctx.shared["_images.memory"] = found
    return found if isinstance(found, PictureMemory) else None


def without_memory(ctx: Context) -> None:
    """This scan neither reads nor writes the memory (the demo, a workshop, a scan not kept)."""
    ctx.shared["_images.memory"] = None


def open_memory(path: Path, fingerprint: str) -> PictureMemory | None:
    """The memory at `path`, or None when it cannot be opened (it is then left alone)."""
    try:
        return PictureMemory(path, fingerprint)
    except (OSError, sqlite3.Error):
        return None


def close(ctx: Context) -> None:
    """Write the scan's new results (end of scan, stopped or not)."""
    found = ctx.shared.pop("_images.memory", None)
    if isinstance(found, PictureMemory):
        with suppress(OSError, sqlite3.Error):  # a result not written is worked out again
            found.close()


# -- in a worker process (detectors/images/ahead.py) -------------------------------------------

_IN_WORKER: dict[tuple[str, str], PictureMemory | None] = {}


def recall_all(where: tuple[str, str], names: Sequence[str], digest: str,
               ) -> dict[str, object] | None:
    """Every one of `names`' results for the picture, from the memory at `where` (its path
    and fingerprint, as the main process opened it); None unless all are remembered."""
    if where not in _IN_WORKER:
        _IN_WORKER[where] = open_memory(Path(where[0]), where[1])
    memory = _IN_WORKER[where]
    if memory is None:
        return None
    found: dict[str, object] = {}
    for name in names:
        known, value = memory.recall(name, digest)
        if not known:
            return None
        found[name] = value
    return found


def forget_pictures(path: Path | None = None) -> int:
    """Delete the memory file (and SQLite's side files); how many results it held. A setting
    that names no file (a folder, say) holds no memory: nothing is deleted. ScanError, with
    nothing deleted, when the file cannot be."""
    path = path or memory_path()
    if path is None or not path.is_file():
        return 0
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ScanError(f"cannot delete the picture memory {path} (its folder is not "
                        "writable), so nothing was deleted: give yourself write access to "
                        f"that folder, or delete the file yourself, then run forget again")
    count = 0
    try:  # overwritten first (secure_delete), so the deleted file's blocks hold nothing
        db = sqlite3.connect(path, timeout=5, isolation_level=None)
        try:
            db.execute("PRAGMA secure_delete = ON")
            (count,) = db.execute("SELECT count(*) FROM results").fetchone()
            db.execute("DELETE FROM results")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
    except sqlite3.Error:
        pass  # not a memory riskscan can read: deleted all the same
    for side in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    return int(count)
