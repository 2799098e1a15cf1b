"""`riskscan scan`: the private checklist for a person's exports, in the format they ask for.

The face only: the work is `scanner.app.scan`; this prints what the person needs to hear, shows
progress in a terminal, writes or prints the report and chooses the exit code.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from scanner.app.scan import (
    ScanEvents,
    ScanRequest,
    keep_scan,
    load_any_roster,
    needs_attention,
    output_format,
    render_report,
    scan_exports,
)
from scanner.files import write_private
from scanner.report.data import report_json, shared_view

if TYPE_CHECKING:
    from scanner.app.store import Store
    from scanner.pipeline import ScanResult

__all__ = ["ScanRequest", "emit", "exit_code", "load_any_roster", "perform_scan", "run_scan"]

EXIT_CLEAR, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def run_scan(request: ScanRequest, console: Console | None = None) -> int:
    """Scan, then (when saving) apply the person's decisions, compare with their last scan and
    save it; report from that document, and exit on its statuses."""
    console = console or Console(stderr=True)
    if not request.save:
        return _scan_and_report(request, console, None)
    from scanner.app.store import opened_store

    with opened_store() as store:  # before the scan: a store problem is told before a long wait
        return _scan_and_report(request, console, store)


def _scan_and_report(request: ScanRequest, console: Console, store: Store | None) -> int:
    started = datetime.now(UTC)
    result = perform_scan(request, console)
    if result is None:
        return EXIT_BAD_INPUT
    if store is None:
        doc = report_json(result)
    else:
        doc = keep_scan(store, request.person, result, started).doc
        console.print(f"Saved in your history (as '{request.person}'): see `riskscan history`; "
                      "record decisions with `riskscan review`.", highlight=False, markup=False)
    emit(doc, request)
    return exit_code(doc)


def exit_code(doc: dict[str, Any]) -> int:
    """1 when a rule (after review decisions) is risk or review, else 0."""
    return EXIT_FINDINGS if needs_attention(doc) else EXIT_CLEAR


def perform_scan(request: ScanRequest, console: Console) -> ScanResult | None:
    """Read the exports and run every rule, telling `console` what happens; None (after
    saying why) if nothing could be read."""
    columns = (SpinnerColumn(), TextColumn("Reading your exports"), BarColumn(),
               TextColumn("{task.fields[done]}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task("scan", total=None, done=records_done(0))
        events = console_events(console)

        done = 0

        def advance(records: int) -> None:
            nonlocal done
            done += records
            progress.update(task, completed=done, done=records_done(done))

        events.progress = advance
        return scan_exports(request, events)


def records_done(count: int) -> str:
    """The progress line's count: "1 record", "2,048 records"."""
    return f"{count:,} record{'' if count == 1 else 's'}"


def console_events(console: Console) -> ScanEvents:
    """A scan's notices, printed as the command line has always printed them."""

    def demo_policy() -> None:
        console.print("No policy pack given (--policy): checking against the demo school. Ask "
                      "your Designated Safeguarding Lead for your school's pack.",
                      highlight=False)

    def unread(errors: list[str], nothing_read: bool) -> None:
        for error in errors:
            if nothing_read:
                console.print(f"riskscan: {error}", highlight=False, markup=False)
            else:
                console.print(f"[yellow]Not read:[/] {error}", highlight=False)

    return ScanEvents(demo_policy=demo_policy, unread=unread)


def emit(doc: dict[str, Any], request: ScanRequest) -> None:
    """Render the (private, perhaps annotated) report document in the audience and format
    asked for, and print it or write it owner-only to -o."""
    from scanner.report.terminal import print_report

    fmt = output_format(request)
    if fmt == "terminal" and request.output is None:
        print_report(shared_view(doc) if request.audience.value == "shared" else doc,
                     Console(file=sys.stdout))
        return
    text = render_report(doc, fmt, request.audience)
    if request.output is None:
        sys.stdout.write(text)
    else:
        write_private(request.output, text)
        Console(stderr=True).print(f"Report written to {request.output} (only you can read "
                                   "it).", highlight=False)
