"""`riskscan scan`: the private checklist for a person's exports, in the format they ask for."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from detectors.base import Roster
from scanner.errors import ScanError
from scanner.files import write_private
from scanner.model import Status
from scanner.pipeline import ScanOptions, ScanResult, scan
from scanner.policy import DEMO_PACK, Policy, load_policy
from scanner.report import Audience
from scanner.report.data import report_json
from scanner.sources import Loaded, load_sources

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


def run_scan(request: ScanRequest, console: Console | None = None) -> int:
    console = console or Console(stderr=True)
    result = perform_scan(request, console)
    if result is None:
        return EXIT_BAD_INPUT
    emit(result, request)
    return exit_code(result)


def exit_code(result: ScanResult) -> int:
    flagged = any(i.status in (Status.RISK, Status.REVIEW) for i in result.checklist)
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


def emit(result: ScanResult, request: ScanRequest) -> None:
    """Render the report and print it, or write it owner-only to -o."""
    import json

    from scanner.report.html import render_html
    from scanner.report.markdown import render_markdown
    from scanner.report.terminal import print_report

    doc = report_json(result, request.audience)
    fmt = output_format(request)
    if fmt == "terminal":
        print_report(doc, Console(file=sys.stdout))
        return
    if fmt == "json":
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
