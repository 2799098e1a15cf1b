"""The store: runs, findings, review decisions and an audit log, in SQLite or PostgreSQL.

    store = open_store()                        # or open_store("postgresql+psycopg://...")
    doc = annotate_report(store, person, doc)   # decisions + history
    run_id = save_scan(store, person, result, doc)

Import from the submodules (storage.store, storage.reports, ...) in code: these re-exports are
for reading.
"""

from storage.db import Store
from storage.errors import StoreError
from storage.reports import annotate_report, save_scan
from storage.store import open_store

__all__ = ["Store", "StoreError", "annotate_report", "open_store", "save_scan"]
