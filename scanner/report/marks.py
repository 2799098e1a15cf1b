"""What every report format says about review decisions and history, worded once.

A report document (see scanner.report.data) that was saved carries, from storage.reports:
per finding "decision" and "since", per rule "quiet" and "history", and "previous_run". These
helpers turn them into the short phrases the terminal, Markdown and HTML reports show.
"""

from __future__ import annotations

from typing import Any

from scanner.decisions import decision_label
from scanner.report.data import REFERENCE_LENGTH

QUIET_NOTE = ("Quiet: every finding here has your decision (an agreed exception, or not a "
              "real match). They are still listed so you can check them.")
REVIEW_HINT = ('To record an agreed exception: riskscan review REFERENCE --exception "the '
               'reason, and who agreed it". Not a real match: riskscan review REFERENCE '
               "--dismiss.")


def reference(finding: dict[str, Any]) -> str:
    """The short reference a person types into `riskscan review`."""
    return str(finding.get("reference") or finding["fingerprint"][:REFERENCE_LENGTH])


def is_quiet(item: dict[str, Any]) -> bool:
    """Every finding of the rule (all of them listed) has a dismiss or exception decision."""
    findings = item.get("findings") or []
    quiet = int(item.get("quiet") or 0)
    return bool(findings) and quiet >= len(findings) and quiet >= int(item["count"])


def status_text(item: dict[str, Any]) -> str:
    """The rule's status, with "(quiet)" when only decided findings are left."""
    return f"{item['status']} (quiet)" if is_quiet(item) else str(item["status"])


def found_text(item: dict[str, Any]) -> str:
    """How many were found, and how many of those a decision keeps quiet."""
    quiet = int(item.get("quiet") or 0)
    return f"{item['count']} ({quiet} quiet)" if quiet else str(item["count"])


def since_text(item: dict[str, Any]) -> str | None:
    """"Since your last scan: 1 new, 2 still open, 3 fixed.", when anything changed."""
    history = item.get("history")
    if not history or not any(history.values()):
        return None
    return (f"Since your last scan: {history['new']} new, {history['open']} still open, "
            f"{history['fixed']} fixed.")


def finding_notes(finding: dict[str, Any]) -> list[str]:
    """The decision recorded on a finding, and whether it is new since the last scan."""
    notes = []
    if finding.get("decision"):
        notes.append(decision_label(finding["decision"]))
    if finding.get("since") == "new":
        notes.append("new since your last scan")
    return notes


def previous_text(doc: dict[str, Any]) -> str | None:
    """What the report was compared with, and the totals of what changed."""
    previous = doc.get("previous_run")
    if not previous:
        return None
    totals = {"new": 0, "open": 0, "fixed": 0}
    for item in doc["checklist"]:
        for key in totals:
            totals[key] += int((item.get("history") or {}).get(key, 0))
    when = f" of {previous['date']}" if previous.get("date") else ""
    return (f"Compared with your last saved scan{when}: {totals['new']} new, "
            f"{totals['open']} still open, {totals['fixed']} fixed.")


def was_saved(doc: dict[str, Any]) -> bool:
    """Whether the report came from a saved scan (so its references work in `review`)."""
    return "previous_run" in doc


def needs_hint(doc: dict[str, Any]) -> bool:
    """Whether to explain `riskscan review`: saved, with a finding still undecided."""
    return was_saved(doc) and any(not f.get("decision") for item in doc["checklist"]
                                  for f in item.get("findings") or [])


def recorded_text(done: dict[str, Any] | None) -> str:
    """What the person recorded for one rule of a guided check, or a line to write on."""
    if not done:
        return "______________________________"
    return f"{done['saw'] or 'nothing'} (recorded {done['when']})"
