"""What the reader tests share: archives held in memory, Meta-style files, zipping a folder.

Imported by the test modules of this folder (pytest puts the folder on sys.path).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from scanner.model import Item, Kind
from scanner.sources.archive import Archive


class MemoryArchive(Archive):
    """Named byte strings as an archive, for fuzzing without touching the disk."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(Path("memory"), "memory")
        self.files = files

    @property
    def names(self) -> list[str]:
        return list(self.files)

    def size(self, name: str) -> int:
        return len(self.files[name])

    def _open(self, name: str) -> IO[bytes]:
        return io.BytesIO(self.files[name])


def moji(text: str) -> str:
    """Write a string the way Meta does: each UTF-8 byte as its own code point."""
    return text.encode("utf-8").decode("latin-1")


def write_meta_json(root: Path, rel: str, value: Any) -> None:
    """A JSON file as Meta writes them: ASCII with \\u00XX escapes."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2), encoding="ascii")


def zip_folder(folder: Path, target: Path, top: str = "") -> Path:
    """Zip every file under folder into target, optionally under a top folder `top`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{top}{path.relative_to(folder).as_posix()}")
    return target


def of(items: list[Item], kind: Kind) -> list[Item]:
    return [i for i in items if i.kind is kind]


def opened(source: Path, how: str, zip_folder: Callable[[Path], Path]) -> Path:
    """The folder itself, or (how == "zip") a zip of it made by the zip_folder fixture."""
    return zip_folder(source) if how == "zip" else source
