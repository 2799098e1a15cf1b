"""What a person gives `scan` and `inspect`: paths and profile addresses in any mix.

An existing file or folder is a path; anything that looks like a web address or a handle is a
profile address; whatever else is left is treated as a path, so a mistyped file name still gets
the "does not exist" message rather than an address one.
"""

from __future__ import annotations

import re
from pathlib import Path

from scanner.errors import ScanError
from scanner.net import NetSettings
from scanner.net.addresses import BIG_SITES
from scanner.sources import Loaded, load_sources

_SITE_HOSTS = tuple(host for hosts, _, _ in BIG_SITES.values() for host in hosts)
_LOOKS_LIKE_ADDRESS = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|@|did:|(?:www\.)?(?:" +
    "|".join(re.escape(h) for h in _SITE_HOSTS) + r")/|[^/\\\s]+\.bsky\.social$)",
    re.IGNORECASE)


def is_address(text: str) -> bool:
    """Whether an input names a public profile rather than a file or folder on this computer."""
    if Path(text).exists():
        return False
    return bool(_LOOKS_LIKE_ADDRESS.match(text.strip()))


def split_inputs(texts: list[str]) -> tuple[list[Path], list[str]]:
    """(paths, profile addresses), each in the order given."""
    paths = [Path(t) for t in texts if not is_address(t)]
    return paths, [t for t in texts if is_address(t)]


def read_profiles_file(path: Path) -> list[str]:
    """One address a line; blank lines and lines starting with # are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ScanError(f"the profiles file {path} does not exist: check the path.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ScanError(f"the profiles file {path} could not be read: it should be a text "
                        "file with one profile address a line.") from exc
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def load_inputs(paths: list[Path], addresses: list[str],
                settings: NetSettings | None = None) -> Loaded:
    """Archives and addresses together. Only addresses go online: with none, no connection is
    opened at all."""
    loaded = load_sources(paths) if paths else Loaded()
    if addresses:
        from scanner.sources.web import load_addresses

        online = load_addresses(addresses, settings)
        loaded.sources.extend(online.sources)
        loaded.failed.extend(online.failed)
    return loaded
