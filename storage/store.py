"""open_store(): the one way in. Resolves the URL, creates the SQLite file owner-only,
migrates the schema and applies the retention setting, with every failure as one line."""

from __future__ import annotations

import os

from storage.db import Store, create_engine, database_url, describe, parse_url, translate_errors
from storage.errors import StoreError
from storage.forget import purge_expired
from storage.migrations import migrate

RETENTION_SETTING = "RISKSCAN_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 365


def retention_days() -> int:
    """Days to keep runs for (RISKSCAN_RETENTION_DAYS, default 365); 0 keeps them for ever."""
    raw = os.environ.get(RETENTION_SETTING, "").strip()
    if not raw:
        return DEFAULT_RETENTION_DAYS
    try:
        days = int(raw)
    except ValueError:
        days = -1
    if days < 0:
        raise StoreError(f"{RETENTION_SETTING} must be a whole number of days (0 keeps runs "
                         f"for ever), not {raw[:20]!r}: correct it or unset it.")
    return days


def open_store(url: str | None = None, *, retention: int | None = None) -> Store:
    """Open (creating and migrating if needed) the store at `url`, RISKSCAN_DATABASE_URL, or
    the default SQLite file; runs older than the retention setting are deleted."""
    days = retention_days() if retention is None else retention
    parsed = parse_url(database_url(url))
    store = Store(create_engine(parsed), describe(parsed))
    try:
        with translate_errors(store.where):
            migrate(store.engine)
        if days:
            purge_expired(store, days)
    except BaseException:
        store.close()
        raise
    return store
