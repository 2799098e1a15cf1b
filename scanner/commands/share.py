"""`riskscan share`: the shared summary of a person's latest scan, for a workshop.

Rule statuses (after the person's review decisions) and counts, and the day of the scan:
nothing that identifies anyone. Written owner-only; the person decides whether to hand it in.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.errors import ScanError
from scanner.files import write_private
from scanner.report.shared import shared_summary
from storage.db import Store
from storage.reports import reviewed_statuses
from storage.repository import latest_run, rule_results_of

EXIT_OK, EXIT_BAD_INPUT = 0, 2


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


def run_share(store: Store, person: str, output: Path | None, console: Console) -> int:
    summary = latest_summary(store, person)
    if summary is None:
        console.print(f"riskscan: no scan is saved for '{person}' yet: run `riskscan scan` "
                      "first.", highlight=False, markup=False)
        return EXIT_BAD_INPUT
    text = json.dumps(summary, indent=2) + "\n"
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_private(output, text)
    console.print(f"Shared summary written to {output}: rule statuses and counts only, no "
                  "names, accounts, posts or places. Hand it in only if you want to.",
                  highlight=False, markup=False)
    return EXIT_OK
