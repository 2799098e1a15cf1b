"""Scanning: a person's exports -> the checklist document, kept in their history if they wish.

    request = ScanRequest(paths=[...], policy=pack)
    result = scan_exports(request, ScanEvents(progress=...))   # None if nothing could be read
    kept = keep_scan(store, request.person, result, started)      # decisions and history applied
    text = render_report(kept.doc, "html", Audience.PRIVATE)
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detectors.base import Roster
from scanner.app.people import DEFAULT_PERSON
from scanner.errors import ScanError
from scanner.history import RunFingerprints, reviewed
from scanner.model import Status
from scanner.net import NetSettings
from scanner.pipeline import ScanOptions, ScanResult, scan
from scanner.policy import DEMO_PACK, Policy, load_policy
from scanner.report import Audience
from scanner.report.data import report_json, shared_view
from scanner.sources.web.inputs import load_inputs, read_profiles_file, split_inputs

if TYPE_CHECKING:
    from storage.db import Store

FORMATS = ("terminal", "html", "md", "json")
PASSPHRASE_SETTING = "RISKSCAN_ROSTER_PASSPHRASE"


class ScanStoppedError(ScanError):
    """The person stopped the scan before it finished."""

    def __init__(self) -> None:
        super().__init__("the scan was stopped before it finished: nothing from it was saved.")


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
    # Keep what is found in each picture for the next scan (detectors/images/memory.py): the
    # person's own scans that they keep; never the demo's or a workshop's fictional ones.
    remember_pictures: bool = False
    addresses: list[str] = field(default_factory=list)  # public profiles, read online
    net: NetSettings | None = None  # how addresses are fetched (tests: quick and local)


def given_inputs(texts: list[str], profiles: Path | None = None) -> tuple[list[Path], list[str]]:
    """What the person typed (and the --profiles file's lines), as (paths, profile addresses);
    ScanError when there is nothing to read at all."""
    paths, addresses = split_inputs(texts)
    if profiles is not None:
        addresses += read_profiles_file(profiles)
    if not paths and not addresses:
        raise ScanError("nothing to read: give export files or folders, profile addresses, "
                        "or --profiles FILE.")
    return paths, addresses


def _nothing() -> None:
    return None


def _never() -> bool:
    return False


def _ignore(errors: list[str], nothing_read: bool) -> None:
    return None


@dataclass
class ScanEvents:
    """What a face hears while a scan runs, and how it asks the scan to stop."""

    demo_policy: Callable[[], None] = _nothing  # no pack given: the demo school is used
    unread: Callable[[list[str], bool], None] = _ignore  # (errors, whether nothing was read)
    progress: Callable[[int], None] | None = None  # records read since the last call
    stop_requested: Callable[[], bool] = _never  # checked with each progress report
    unread_errors: list[str] = field(default_factory=list)


def scan_exports(request: ScanRequest, events: ScanEvents | None = None) -> ScanResult | None:
    """Read the exports and run every rule; None (after telling `events.unread`) if nothing
    could be read. Raises ScanStoppedError when `events.stop_requested()` turns true."""
    events = events or ScanEvents()
    policy = choose_policy(request.policy, events)
    today = request.today or date.today()
    roster = load_any_roster(policy, request.roster, today)
    loaded = load_inputs(request.paths, request.addresses, request.net)
    try:
        events.unread_errors = [failed.error for failed in loaded.failed]
        if not loaded.sources:
            events.unread(events.unread_errors, True)
            return None
        options = ScanOptions(today=today, roster=roster, progress=_watched(events),
                              remember_pictures=request.remember_pictures)
        result = scan(loaded.sources, policy, options)
    finally:
        loaded.close()
    if events.unread_errors:
        events.unread(events.unread_errors, False)
    return result


def _watched(events: ScanEvents) -> Callable[[int], None]:
    def progress(records: int) -> None:
        if events.stop_requested():
            raise ScanStoppedError
        if events.progress is not None:
            events.progress(records)
    return progress


def choose_policy(path: Path | None, events: ScanEvents) -> Policy:
    if path is not None:
        return load_policy(path)
    events.demo_policy()
    return load_policy(DEMO_PACK)


def load_any_roster(policy: Policy, override: Path | None, today: date) -> Roster | None:
    """The roster given, else the pack's plain or sealed roster, else None."""
    from detectors.roster.match import load_roster
    from detectors.roster.sealed import load_sealed

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


@dataclass
class KeptScan:
    """A scan saved in the person's history: the report as scanned (`raw`), as shown with the
    person's decisions and history (`doc`), and the run it was compared with (`before`)."""

    person: str
    run_id: int
    raw: dict[str, Any]
    before: RunFingerprints | None
    doc: dict[str, Any]


def keep_scan(store: Store, person: str, result: ScanResult,
              started: datetime | None = None) -> KeptScan:
    """Apply the person's decisions, compare with their last run, and save the scan."""
    from scanner.app.guided import looks, with_looks
    from storage.reports import last_fingerprints, save_scan
    from storage.repository import decisions_of

    raw = report_json(result)
    before = last_fingerprints(store, person)
    doc = with_looks(reviewed(raw, decisions_of(store, person), before), looks(store, person))
    run_id = save_scan(store, person, result, doc, started=started or datetime.now(UTC))
    return KeptScan(person, run_id, raw, before, doc)


def refreshed(store: Store, kept: KeptScan) -> KeptScan:
    """The kept scan shown again with the person's decisions as they are now."""
    from scanner.app.guided import looks, with_looks
    from storage.repository import decisions_of

    doc = with_looks(reviewed(kept.raw, decisions_of(store, kept.person), kept.before),
                     looks(store, kept.person))
    return KeptScan(kept.person, kept.run_id, kept.raw, kept.before, doc)


def needs_attention(doc: dict[str, Any]) -> bool:
    """Whether a rule (after review decisions) is risk or review."""
    return any(item["status"] in (Status.RISK.value, Status.REVIEW.value)
               for item in doc["checklist"])


def output_format(request: ScanRequest) -> str:
    if request.format:
        return request.format
    if request.output is None:
        return "terminal"
    suffix = request.output.suffix.lower().lstrip(".")
    return {"htm": "html", "markdown": "md"}.get(suffix, suffix if suffix in FORMATS
                                                 else "html")


def render_report(doc: dict[str, Any], fmt: str, audience: Audience = Audience.PRIVATE,
                  generated: datetime | None = None) -> str:
    """The (private, perhaps annotated) report document as text in the audience and format
    asked for: terminal (plain text, 100 columns), json, md or html."""
    from scanner.report.html import render_html
    from scanner.report.markdown import render_markdown

    if audience is Audience.SHARED:
        doc = shared_view(doc)
    if fmt == "terminal":
        from rich.console import Console

        from scanner.report.terminal import print_report

        buffer = io.StringIO()
        print_report(doc, Console(file=buffer, width=100, color_system=None))
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return render_markdown(doc)
    return render_html(doc, (generated or datetime.now()).strftime("%d %B %Y at %H:%M"))
