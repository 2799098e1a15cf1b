"""Storage problems a person can act on; a StoreError is a ScanError, so the CLI prints it as one
line and exits 2."""

from __future__ import annotations

from scanner.errors import ScanError


class StoreError(ScanError):
    """The store cannot be opened or used, and what to do about it."""
