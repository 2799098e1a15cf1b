"""What is in a person's exports, before any rule runs: platforms, accounts, record counts,
files not needed and anything that could not be read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scanner.inventory import SourceSummary, problems_of, skipped_of, summarise, write_json
from scanner.sources import Loaded, load_sources

__all__ = ["Loaded", "SourceSummary", "opened_exports", "problems_of", "skipped_of",
           "summarise", "write_json"]


@contextmanager
def opened_exports(paths: list[Path]) -> Iterator[Loaded]:
    """The exports opened for reading (those that could not be are in `.failed`), closed
    afterwards."""
    loaded = load_sources(paths)
    try:
        yield loaded
    finally:
        loaded.close()
