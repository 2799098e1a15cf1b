"""The person's store, as the faces reach it: opened here, closed when the job is done."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from storage.db import Store
from storage.store import open_store

__all__ = ["Store", "open_store", "opened_store"]


@contextmanager
def opened_store() -> Iterator[Store]:
    """The store (RISKSCAN_DATABASE_URL, or the file in the data folder), closed afterwards."""
    store = open_store()
    try:
        yield store
    finally:
        store.close()
