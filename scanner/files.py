"""Writing files that only their owner can read: reports, sealed rosters, summaries."""

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
