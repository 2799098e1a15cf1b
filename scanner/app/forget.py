"""Deleting what is stored: one person's everything, or (wipe) everything for everyone.

Both also empty the picture memory (detectors/images/memory.py): it holds a digest of each
picture scanned and what was found in it, for every person who scans on this account alike,
so it cannot be emptied for one person alone; it only saves time, and the next scan fills it
again.
"""

from __future__ import annotations

from detectors.images.memory import forget_pictures
from storage.db import Store
from storage.forget import forget_person as _forget_person
from storage.forget import wipe as _wipe
from storage.repository import people

__all__ = ["counts_in_words", "forget_person", "people", "wipe"]

PICTURES = "remembered picture results"


def forget_person(store: Store, person: str) -> dict[str, int]:
    """Delete every run, finding, decision, consent and log entry of one person, and the
    picture memory; what was deleted, counted. The memory goes first: if it cannot be deleted,
    nothing is (ScanError)."""
    pictures = forget_pictures()
    return _forget_person(store, person) | {PICTURES: pictures}


def wipe(store: Store) -> dict[str, int]:
    """Delete everything stored, for everyone, and the picture memory (first, as above)."""
    pictures = forget_pictures()
    return _wipe(store) | {PICTURES: pictures}


def counts_in_words(counts: dict[str, int]) -> str:
    """`{"scans": 2, "findings": 9}` -> "2 scans, 9 findings"."""
    return ", ".join(f"{n} {what}" for what, n in counts.items())
