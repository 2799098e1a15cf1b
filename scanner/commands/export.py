"""`riskscan export`: everything stored about a person, as JSON (their right of access)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

from scanner.files import write_private
from storage.access import export_person
from storage.db import Store

EXIT_OK = 0


def run_export(store: Store, person: str, output: Path, console: Console) -> int:
    exported = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = export_person(store, person, exported)
    write_private(output, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    findings = sum(len(run["findings"]) for run in data["runs"])
    console.print(f"Everything stored about '{person}' ({len(data['runs'])} scans, {findings} "
                  f"findings, {len(data['decisions'])} review decisions) written to {output} "
                  "(only you can read it).", highlight=False, markup=False)
    return EXIT_OK
