"""A person's saved scans, with what changed from each to the next (new, still open, fixed)."""

from __future__ import annotations

from typing import Any

from scanner.history import RunFingerprints, compare
from storage.db import Store
from storage.repository import run_fingerprints, runs_of, sources_of


def history_rows(store: Store, person: str) -> list[dict[str, Any]]:
    """One dict per run, oldest first: id, date, sources, counts by status, and changes
    ({"new", "open", "fixed"}) since the run before it (null for the first)."""
    rows = []
    previous: RunFingerprints | None = None
    for run in runs_of(store, person):
        current = run_fingerprints(store, run)
        changes = compare(previous, current).totals() if previous is not None else None
        rows.append({
            "run": run.id,
            "date": run.finished.astimezone().strftime("%Y-%m-%d %H:%M"),
            "sources": sorted({s.get("platform", "?") for s in sources_of(run)}),
            "counts": {"risk": run.risk, "review": run.review, "clear": run.clear,
                       "not checked": run.not_checked},
            "changes": changes,
        })
        previous = current
    return rows
