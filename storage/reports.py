"""What `riskscan scan` calls: annotate the report with decisions and history, then save it.

    result = scan(...)
    doc = report_json(result)                      # private audience
    doc = annotate_report(store, person, doc)      # before saving: compares with the last run
    run_id = save_scan(store, person, result, doc, started=started)
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scanner import __version__
from scanner.decisions import Verdict, status_after
from scanner.history import RunFingerprints, reviewed
from scanner.model import Status
from scanner.redact import initials
from storage.db import Store
from storage.models import RunRow
from storage.repository import (
    RuleOutcome,
    RunRecord,
    StoredFinding,
    StoredPage,
    decisions_of,
    findings_of,
    latest_run,
    rule_results_of,
    run_fingerprints,
    save_run,
)

if TYPE_CHECKING:
    from scanner.pipeline import ScanResult


def annotate_report(store: Store, person: str, doc: dict[str, Any]) -> dict[str, Any]:
    """The private report with the person's decisions applied and compared with their last run.

    Adds per finding "decision" (when one is recorded) and "since" ("new" | "open"), per rule
    "quiet" and "history" ({"new", "open", "fixed"}), and "previous_run"; statuses and the
    summary are recomputed so excepted and dismissed findings no longer count.
    """
    return reviewed(doc, decisions_of(store, person), last_fingerprints(store, person))


def last_fingerprints(store: Store, person: str) -> RunFingerprints | None:
    """The findings of the person's latest saved run (None before their first)."""
    previous = latest_run(store, person)
    return run_fingerprints(store, previous) if previous is not None else None


def record_of(result: ScanResult, doc: dict[str, Any], started: datetime | None = None,
              finished: datetime | None = None) -> RunRecord:
    """What is stored of a scan: statuses from the (annotated) document, findings from the
    scan itself; the sources without their paths or account details."""
    statuses = {item["rule"]: item for item in doc["checklist"]}
    finished = finished or datetime.now(UTC)
    rules: list[RuleOutcome] = []
    findings: list[StoredFinding] = []
    for item in result.checklist:
        shown = statuses.get(item.rule.id, {})
        rules.append(RuleOutcome(item.rule.id, str(shown.get("status", item.status.value)),
                                 item.total, item.certain_count, int(shown.get("quiet", 0))))
        findings.extend(StoredFinding(f.rule, f.ref.platform, stored_file(f.ref.file),
                                      stored_record(f.ref.record),
                                      f.excerpt, f.why, f.certain, f.fingerprint, f.detector)
                        for f in item.findings)
    sources = [{"platform": s.platform, "export_version": s.export_version,
                "counts": dict(sorted(s.counts.items()))} for s in result.summaries]
    pages = [StoredPage(s.path, p.url, p.fetched_at, p.status, p.sha256)
             for s in result.summaries for p in s.pages]
    return RunRecord(started or finished, finished, __version__, result.policy.school_name,
                     rules, findings, sources, pages)


# Meta names each conversation's folder after the other person: `katiesmith_1234567890`.
_CONVERSATION_FOLDER = re.compile(r"[^/]*?_(\d{5,})")


def stored_record(record: str) -> str:
    """Which record a finding is about, as the store keeps it.

    Post and message ids are kept; anything else (a friend's name, a follower's username, a
    conversation folder named after the other person) is kept as initials, like the excerpts,
    so the store never holds another person's name. The fingerprint still tells findings apart.
    """
    if record.isdigit() or record == "profile":
        return record
    if "/" in record:
        return stored_file(record)
    words = re.findall(r"[^\W\d_]+", record)
    return initials(" ".join(words[:4])) or "…"


def stored_file(path: str) -> str:
    """The file a finding came from, with conversation folders' names cut to their number."""
    return "/".join(_conversation(part) for part in path.split("/"))


def _conversation(part: str) -> str:
    match = _CONVERSATION_FOLDER.fullmatch(part)
    return f"…_{match.group(1)}" if match else part


def save_scan(store: Store, person: str, result: ScanResult, doc: dict[str, Any],
              started: datetime | None = None) -> int:
    """Save the scan as a run of `person`, in one transaction; return the run's id."""
    return save_run(store, person, record_of(result, doc, started))


def reviewed_statuses(store: Store, person: str, run: RunRow) -> dict[str, str]:
    """Each rule's status in a stored run with the person's decisions as they are now, so a
    decision made after the scan counts (for `share`)."""
    assert run.id is not None
    decisions = decisions_of(store, person)
    marks: dict[str, list[tuple[bool, Verdict | None]]] = {}
    for finding in findings_of(store, run.id):
        decision = decisions.get(finding.fingerprint)
        marks.setdefault(finding.rule, []).append(
            (finding.certain, decision.verdict if decision else None))
    return {r.rule: status_after(marks.get(r.rule, []), r.found, Status(r.status)).value
            for r in rule_results_of(store, run.id)}
