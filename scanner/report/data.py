"""The report as plain data: the JSON document, from which every other format is drawn."""

from __future__ import annotations

from collections import Counter
from typing import Any

from scanner.checklist import ChecklistItem
from scanner.model import Finding, Kind, Status
from scanner.pipeline import ScanResult
from scanner.report import Audience
from scanner.report.fixes import fix_steps
from scanner.report.guided import guided_checks

SCHEMA_VERSION = 1
REFERENCE_LENGTH = 10  # characters of the fingerprint shown as a finding's reference
PRIVATE_ONLY = ("steps", "findings", "quiet", "history")  # per rule, never in a shared report


def report_json(result: ScanResult, audience: Audience = Audience.PRIVATE) -> dict[str, Any]:
    """The documented JSON report (see the README); `shared` keeps statuses and counts only."""
    doc = {
        "schema": SCHEMA_VERSION,
        "audience": Audience.PRIVATE.value,
        "school": result.policy.school_name,
        "scanned": _scanned(result),
        "summary": status_counts(result.checklist),
        "checklist": [_item(item) for item in result.checklist],
        "guided_checks": guided_checks(result.summaries, result.policy),
    }
    return doc if audience is Audience.PRIVATE else shared_view(doc)


def shared_view(doc: dict[str, Any]) -> dict[str, Any]:
    """The shared audience's document drawn from a private one (annotated or not), so its
    statuses and summary are exactly the private report's: no findings, steps, history,
    decisions, paths or account details."""
    scanned = doc["scanned"]
    return {
        "schema": doc["schema"],
        "audience": Audience.SHARED.value,
        "school": doc["school"],
        "scanned": {"sources": [{"platform": s["platform"],
                                 "export_version": s["export_version"],
                                 "counts": s["counts"]} for s in scanned["sources"]],
                    "counts": scanned["counts"]},
        "summary": dict(doc["summary"]),
        "checklist": [{key: value for key, value in item.items() if key not in PRIVATE_ONLY}
                      for item in doc["checklist"]],
    }


def status_counts(checklist: list[ChecklistItem]) -> dict[str, int]:
    counts = Counter(item.status.value for item in checklist)
    return {status.value: counts.get(status.value, 0) for status in Status}


def _scanned(result: ScanResult) -> dict[str, Any]:
    totals = {kind.value: result.counts.get(kind.value, 0) for kind in Kind}
    return {"sources": [{**s.to_json(), "not_checked": s.not_checked} for s in result.summaries],
            "counts": totals}


def _item(item: ChecklistItem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": item.rule.id,
        "slug": item.rule.slug,
        "title": item.rule.title,
        "area": item.rule.area,
        "severity": item.severity.label,
        "status": item.status.value,
        "clause": item.clause,
        "basis": item.rule.basis_text,
        "advice": item.advice,
        "missing": item.missing,
        "count": item.total,
    }
    platforms = sorted({f.ref.platform for f in item.findings})
    out["steps"] = fix_steps(item.rule.id, platforms)
    out["findings"] = [finding_json(f) for f in item.findings]
    return out


def finding_json(finding: Finding) -> dict[str, Any]:
    return {
        "where": {"platform": finding.ref.platform, "file": finding.ref.file,
                  "record": finding.ref.record},
        "excerpt": finding.excerpt,
        "why": finding.why,
        "certain": finding.certain,
        "fingerprint": finding.fingerprint,
        "reference": finding.fingerprint[:REFERENCE_LENGTH],
    }
