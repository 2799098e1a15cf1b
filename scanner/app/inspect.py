"""What is in a person's exports, before any rule runs: platforms, accounts, record counts,
files not needed and anything that could not be read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from scanner.errors import ScanError
from scanner.inventory import SourceSummary, problems_of, skipped_of, summarise, write_json
from scanner.net import NetSettings
from scanner.sources import Loaded
from scanner.sources.web.inputs import load_inputs

__all__ = ["Loaded", "SourceSummary", "opened_exports", "problems_of", "skipped_of",
           "summarise", "write_json"]


@contextmanager
def opened_exports(paths: list[Path], addresses: Sequence[str] = (),
                   net: NetSettings | None = None) -> Iterator[Loaded]:
    """The exports opened (and public profile addresses read) for inspecting (those that could
    not be are in `.failed`), closed afterwards."""
    loaded = load_inputs(paths, list(addresses), net)
    try:
        yield loaded
    finally:
        loaded.close()


ARCHIVE_ENDINGS = (".zip", ".tar.gz", ".tgz")


def archive_problems(folder: Path) -> list[str]:
    """What is wrong inside the archives in `folder` (a zip bomb, a password, a damaged or cut
    short download), for when nothing in it could be read: the reason a person can act on,
    where the failure itself would only say it is not an export."""
    from scanner.sources.archive import open_archive

    reasons: list[str] = []
    for path in sorted(folder.rglob("*")):
        if not path.name.lower().endswith(ARCHIVE_ENDINGS) or not path.is_file():
            continue
        try:
            archive = open_archive(path)
        except ScanError as refused:
            reasons.append(str(refused))
            continue
        with archive:
            reasons.extend(problem.error for problem in archive.problems)
    return reasons
