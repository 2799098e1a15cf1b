"""`riskscan history`: a person's saved scans, with what changed from each to the next (the face
of `scanner.app.history`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from scanner.app.history import history_rows
from scanner.model import platform_label

if TYPE_CHECKING:
    from scanner.app.store import Store

__all__ = ["history_rows", "run_history"]

EXIT_OK = 0


def run_history(store: Store, person: str, console: Console, as_json: bool = False) -> int:
    rows = history_rows(store, person)
    if as_json:
        console.file.write(json.dumps({"person": person, "runs": rows}, indent=2) + "\n")
        return EXIT_OK
    if not rows:
        console.print(f"No scans saved for '{person}' yet.", highlight=False, markup=False)
        return EXIT_OK
    table = Table(title=f"Scans saved for '{person}'", title_justify="left")
    for column in ("Run", "Date", "Sources", "Risk", "Review", "Clear", "Not checked",
                   "Since last scan"):
        table.add_column(column, no_wrap=column in ("Run", "Date"))
    for row in rows:
        counts = row["counts"]
        table.add_row(str(row["run"]), row["date"], _sources(row["sources"]),
                      str(counts["risk"]), str(counts["review"]), str(counts["clear"]),
                      str(counts["not checked"]), _changes(row["changes"]))
    console.print(table)
    return EXIT_OK


def _sources(platforms: list[str]) -> str:
    return ", ".join(platform_label(p) for p in platforms) or "-"


def _changes(changes: dict[str, int] | None) -> str:
    if changes is None:
        return "first scan"
    return f"{changes['fixed']} fixed, {changes['new']} new, {changes['open']} open"
