"""Deleting what is stored: one person's everything, or (wipe) everything for everyone."""

from __future__ import annotations

from storage.forget import forget_person, wipe
from storage.repository import people

__all__ = ["counts_in_words", "forget_person", "people", "wipe"]


def counts_in_words(counts: dict[str, int]) -> str:
    """`{"scans": 2, "findings": 9}` -> "2 scans, 9 findings"."""
    return ", ".join(f"{n} {what}" for what, n in counts.items())

