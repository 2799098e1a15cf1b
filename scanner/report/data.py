"""The report as plain data: the JSON document, from which every other format is drawn."""

from __future__ import annotations

from collections import Counter
from typing import Any

from scanner.checklist import ChecklistItem
from scanner.model import Finding, Kind, Status
from scanner.pipeline import ScanResult
from scanner.report import Audience
from scanner.report.fixes import fix_steps

SCHEMA_VERSION = 1


def report_json(result: ScanResult, audience: Audience = Audience.PRIVATE) -> dict[str, Any]:
    """The documented JSON report (see the README); `shared` keeps statuses and counts only."""
    private = audience is Audience.PRIVATE
    return {
        "schema": SCHEMA_VERSION,
        "audience": audience.value,
        "school": result.policy.school_name,
        "scanned": _scanned(result, private),
        "summary": status_counts(result.checklist),
        "checklist": [_item(item, result, private) for item in result.checklist],
    }


def status_counts(checklist: list[ChecklistItem]) -> dict[str, int]:
    counts = Counter(item.status.value for item in checklist)
    return {status.value: counts.get(status.value, 0) for status in Status}


def _scanned(result: ScanResult, private: bool) -> dict[str, Any]:
    totals = {kind.value: result.counts.get(kind.value, 0) for kind in Kind}
    sources = [s.to_json() for s in result.summaries]
    if not private:
        sources = [{"platform": s["platform"], "export_version": s["export_version"],
                    "counts": s["counts"]} for s in sources]
    return {"sources": sources, "counts": totals}


def _item(item: ChecklistItem, result: ScanResult, private: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": item.rule.id,
        "slug": item.rule.slug,
        "title": item.rule.title,
        "area": item.rule.area,
        "severity": item.severity.label,
        "status": item.status.value,
        "clause": item.clause,
        "basis": item.rule.basis,
        "advice": item.advice,
        "missing": item.missing,
        "count": item.total,
    }
    if private:
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
    }
