"""The count-only summary of a person's latest scan, for a workshop: rule statuses (after their
review decisions) and counts, and the day; nothing that identifies anyone."""

from __future__ import annotations

import json
from typing import Any

from scanner.errors import ScanError
from scanner.report.shared import shared_summary
from storage.db import Store
from storage.reports import reviewed_statuses
from storage.repository import latest_run, rule_results_of


def latest_summary(store: Store, person: str) -> dict[str, Any] | None:
    """The shared summary of the person's latest run, or None if they have none."""
    run = latest_run(store, person)
    if run is None or run.id is None:
        return None
    results = rule_results_of(store, run.id)
    if not results:
        raise ScanError("your latest scan was saved by an older riskscan, without per-rule "
                        "results: scan again, then share.")
    statuses = reviewed_statuses(store, person, run)
    return shared_summary(run.finished.astimezone().date(),
                          ((r.rule, statuses[r.rule], r.found) for r in results))


def summary_text(summary: dict[str, Any]) -> str:
    """The summary as the file `riskscan share` writes."""
    return json.dumps(summary, indent=2) + "\n"
