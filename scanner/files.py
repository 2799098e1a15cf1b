"""Files that only their owner can read: reports, sealed rosters, summaries, the store and the
picture memory."""

from __future__ import annotations

import os
from pathlib import Path

from scanner.errors import ScanError


def write_private(path: Path, text: str) -> None:
    """Write text to a new or existing file with owner-only permissions (0600), atomically."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
        tmp.chmod(0o600)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ScanError(f"could not write {path} ({exc.strerror}): choose another place "
                        "with -o.") from None


def create_private_file(path: Path, *, narrow_folder: bool, narrow_file: bool) -> None:
    """Make sure `path` exists for its owner only: a missing folder is made 0700 and a missing
    file 0600. `narrow_folder` and `narrow_file` also narrow ones that already exist, where
    riskscan owns them (a folder the person chose, such as /tmp, is left as it is). OSError
    when it cannot be done; the caller says what to do."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    elif narrow_folder:
        path.parent.chmod(0o700)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    if narrow_file:
        path.chmod(0o600)
