"""`riskscan inspect`: what is in the exports, as a readable summary or one JSON object (the face
of `scanner.app.inspect`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from scanner.app.inspect import (
    Loaded,
    SourceSummary,
    opened_exports,
    problems_of,
    skipped_of,
    summarise,
    write_json,
)
from scanner.model import platform_label

EXIT_OK, EXIT_BAD_INPUT = 0, 2
NOT_CHECKED = ": not checked"  # how a profile address that could not be read is listed


def run_inspect(paths: list[Path], as_json: bool, with_records: bool,
                addresses: Sequence[str] = ()) -> int:
    with opened_exports(paths, addresses) as loaded:
        if as_json:
            write_json(loaded, sys.stdout, with_records=with_records)
        else:
            print_summary(loaded, Console())
    return EXIT_BAD_INPUT if loaded.failed else EXIT_OK


COUNT_LABELS = (("profile", "profile entries"), ("post", "posts"),
                ("connection", "friends, followers and contacts"),
                ("membership", "groups and pages"), ("media", "photos and videos"),
                ("thread", "message conversations"), ("message", "messages"))


def print_summary(loaded: Loaded, console: Console) -> list[SourceSummary]:
    """What a teacher can read: one block per export, then anything that went wrong."""
    summaries = [summarise(source) for source in loaded.sources]
    for summary in summaries:
        console.print(_table(summary))
    skipped = skipped_of(loaded)
    if skipped:
        console.print(f"{len(skipped)} file(s) in your exports are not needed for any check "
                      "and were not read (add --json to list them).")
    for failed in loaded.failed:
        console.print(f"[red]Could not read:[/] {failed.error}", highlight=False)
    for problem in problems_of(loaded)[len(loaded.failed):]:
        label = "Not checked" if problem.error.endswith(NOT_CHECKED) else "Part not read"
        error = problem.error.removesuffix(NOT_CHECKED)
        console.print(f"[yellow]{label}:[/] {problem.path}: {error}", highlight=False)
    return summaries


def _table(summary: SourceSummary) -> Table:
    platform = _capitalised(platform_label(summary.platform))
    account = summary.account.handle or summary.account.display_name
    title = f"{platform}: {_shown_path(summary.path)}"
    if account:
        title += f" (account {account})"
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column("What")
    table.add_column("How many", justify="right")
    if summary.export_version:
        table.add_row("export layout", summary.export_version)
    for key, label in COUNT_LABELS:
        table.add_row(label, f"{summary.counts.get(key, 0):,}")
    return table


def _shown_path(path: str) -> str:
    """A file by its name; a profile address as given (it is not a file)."""
    return Path(path).name if Path(path).exists() else path


def _capitalised(label: str) -> str:
    """A label at the start of a title: "Your photo folder", "X (Twitter)"."""
    return label[:1].upper() + label[1:]
