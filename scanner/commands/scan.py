"""`riskscan scan`: the private checklist for a person's exports, in the format they ask for."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from detectors.base import Roster
from scanner.commands.storage_cli import DEFAULT_PERSON
from scanner.errors import ScanError
from scanner.files import write_private
from scanner.model import Status
from scanner.pipeline import ScanOptions, ScanResult, scan
from scanner.policy import DEMO_PACK, Policy, load_policy
from scanner.report import Audience
from scanner.report.data import report_json, shared_view
from scanner.sources import Loaded, load_sources

if TYPE_CHECKING:
    from storage.db import Store

EXIT_CLEAR, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
FORMATS = ("terminal", "html", "md", "json")
PASSPHRASE_SETTING = "RISKSCAN_ROSTER_PASSPHRASE"


@dataclass
class ScanRequest:
    paths: list[Path]
    policy: Path | None = None
    roster: Path | None = None
    format: str | None = None
    output: Path | None = None
    audience: Audience = Audience.PRIVATE
    today: date | None = None
    person: str = DEFAULT_PERSON
    save: bool = False  # keep the scan in the person's history (the CLI's default)


def run_scan(request: ScanRequest, console: Console | None = None) -> int:
    """Scan, then (when saving) apply the person's decisions, compare with their last scan and
    save it; report from that document, and exit on its statuses."""
    console = console or Console(stderr=True)
    if not request.save:
        return _scan_and_report(request, console, None)
    from storage.store import open_store

    store = open_store()  # before the scan: a store problem is told before a long wait
    try:
        return _scan_and_report(request, console, store)
    finally:
        store.close()


def _scan_and_report(request: ScanRequest, console: Console, store: Store | None) -> int:
    started = datetime.now(UTC)
    result = perform_scan(request, console)
    if result is None:
        return EXIT_BAD_INPUT
    doc = report_json(result)
    if store is not None:
        doc = keep_in_history(store, request.person, result, doc, started)
        console.print(f"Saved in your history (as '{request.person}'): see `riskscan history`; "
                      "record decisions with `riskscan review`.", highlight=False, markup=False)
    emit(doc, request)
    return exit_code(doc)


def keep_in_history(store: Store, person: str, result: ScanResult, doc: dict[str, Any],
                    started: datetime) -> dict[str, Any]:
    """The report with the person's decisions and history applied, once saved as a run."""
    from storage.reports import annotate_report, save_scan

    doc = annotate_report(store, person, doc)
    save_scan(store, person, result, doc, started=started)
    return doc


def exit_code(doc: dict[str, Any]) -> int:
    """1 when a rule (after review decisions) is risk or review, else 0."""
    flagged = any(item["status"] in (Status.RISK.value, Status.REVIEW.value)
                  for item in doc["checklist"])
    return EXIT_FINDINGS if flagged else EXIT_CLEAR


def perform_scan(request: ScanRequest, console: Console) -> ScanResult | None:
    """Read the exports and run every rule; None (after saying why) if nothing could be read."""
    policy = choose_policy(request.policy, console)
    roster = load_any_roster(policy, request.roster, request.today or date.today())
    loaded = load_sources(request.paths)
    try:
        if not loaded.sources:
            for failed in loaded.failed:
                console.print(f"riskscan: {failed.error}", highlight=False, markup=False)
            return None
        result = _scan_with_progress(loaded, policy, roster, request, console)
    finally:
        loaded.close()
    for failed in loaded.failed:
        console.print(f"[yellow]Not read:[/] {failed.error}", highlight=False)
    return result


def choose_policy(path: Path | None, console: Console) -> Policy:
    if path is not None:
        return load_policy(path)
    console.print("No policy pack given (--policy): checking against the demo school. Ask your "
                  "Designated Safeguarding Lead for your school's pack.", highlight=False)
    return load_policy(DEMO_PACK)


def load_any_roster(policy: Policy, override: Path | None, today: date) -> Roster | None:
    """The roster from --roster, else the pack's plain or sealed roster, else None."""
    from detectors._roster import load_roster
    from detectors._sealed import load_sealed

    path = override or policy.roster_path or policy.sealed_roster_path
    if path is None:
        return None
    if not path.is_file():
        raise ScanError(f"the roster {path} does not exist: check the path.")
    if _is_sealed(path):
        env = policy.roster_key_env or PASSPHRASE_SETTING
        return load_sealed(path, os.environ.get(env))
    return load_roster(path, today)


def _is_sealed(path: Path) -> bool:
    """A sealed roster is named .sealed, or says so in its first bytes (a plain CSV cannot)."""
    if path.suffix.lower() == ".sealed":
        return True
    with path.open("rb") as stream:
        return b"riskscan-sealed-roster" in stream.read(4096)


def _scan_with_progress(loaded: Loaded, policy: Policy, roster: Roster | None,
                        request: ScanRequest, console: Console) -> ScanResult:
    options = ScanOptions(today=request.today or date.today(), roster=roster)
    columns = (SpinnerColumn(), TextColumn("Reading your exports"), BarColumn(),
               TextColumn("{task.completed:,} records"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task("scan", total=None)
        options.progress = lambda n: progress.advance(task, n)
        return scan(loaded.sources, policy, options)


def output_format(request: ScanRequest) -> str:
    if request.format:
        return request.format
    if request.output is None:
        return "terminal"
    suffix = request.output.suffix.lower().lstrip(".")
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix if suffix in FORMATS
                                                 else "html")


def emit(doc: dict[str, Any], request: ScanRequest) -> None:
    """Render the (private, perhaps annotated) report document in the audience and format
    asked for, and print it or write it owner-only to -o."""
    import io
    import json

    from scanner.report.html import render_html
    from scanner.report.markdown import render_markdown
    from scanner.report.terminal import print_report

    if request.audience is Audience.SHARED:
        doc = shared_view(doc)
    fmt = output_format(request)
    if fmt == "terminal" and request.output is None:
        print_report(doc, Console(file=sys.stdout))
        return
    if fmt == "terminal":
        buffer = io.StringIO()
        print_report(doc, Console(file=buffer, width=100, color_system=None))
        text = buffer.getvalue()
    elif fmt == "json":
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "md":
        text = render_markdown(doc)
    else:
        text = render_html(doc, datetime.now().strftime("%d %B %Y at %H:%M"))
    if request.output is None:
        sys.stdout.write(text)
    else:
        write_private(request.output, text)
        Console(stderr=True).print(f"Report written to {request.output} (only you can read "
                                   "it).", highlight=False)
