"""`riskscan export`: everything stored about a person, as JSON (the face of
`scanner.app.export`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from scanner.app.export import export_everything
from scanner.files import write_private

if TYPE_CHECKING:
    from scanner.app.store import Store

EXIT_OK = 0


def run_export(store: Store, person: str, output: Path, console: Console) -> int:
    exported = export_everything(store, person)
    write_private(output, exported.text())
    console.print(f"Everything stored about '{person}' ({exported.scans} scans, "
                  f"{exported.findings} findings, {exported.decisions} review decisions) "
                  f"written to {output} (only you can read it).", highlight=False, markup=False)
    return EXIT_OK
