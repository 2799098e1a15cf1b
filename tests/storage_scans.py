"""Real ScanResults built from findings, without reading any export: the demo school's policy,
the real checklist builder and report_json, so storage tests see what `riskscan scan` makes."""

from __future__ import annotations

from collections import Counter
from typing import Any

from scanner.checklist import RuleEvidence, build_checklist
from scanner.inventory import SourceSummary
from scanner.model import Finding, ItemRef, Kind
from scanner.pipeline import ScanResult
from scanner.policy import DEMO_PACK, Policy, load_policy

_POLICY: list[Policy] = []


def demo_policy() -> Policy:
    if not _POLICY:
        _POLICY.append(load_policy(DEMO_PACK))
    return _POLICY[0]


def make_finding(rule: str, record: str, certain: bool = True, platform: str = "facebook",
                 excerpt: str = "Friends with Zoë P.") -> Finding:
    return Finding(rule, ItemRef(platform, "connections/friends.json", record), excerpt,
                   "on the roster as a pupil in Year 5", certain, "test", key=record)


def scan_result(findings: list[Finding], platforms: tuple[str, ...] = ("facebook",),
                totals: dict[str, int] | None = None) -> ScanResult:
    """A finished scan of exports from `platforms` holding every kind of record."""
    evidence: dict[str, RuleEvidence] = {}
    for found in findings:
        kept = evidence.setdefault(found.rule, RuleEvidence())
        kept.findings.append(found)
        kept.total += 1
    for rule, total in (totals or {}).items():
        evidence[rule].total = total
    counts: Counter[str] = Counter({kind.value: 10 for kind in Kind})
    summaries, total = [], Counter[str]()
    for platform in platforms:
        summary = SourceSummary(f"/home/jo/Downloads/{platform}-jo.zip", platform, "2024+")
        summary.counts.update(counts)
        summary.account.handle = "jo.whitmore"
        summaries.append(summary)
        total.update(summary.counts)
    policy = demo_policy()
    checklist = build_checklist(policy, evidence, counts, has_roster=True)
    return ScanResult(policy, summaries, checklist, total)


def item(doc: dict[str, Any], rule: str) -> dict[str, Any]:
    [found] = [entry for entry in doc["checklist"] if entry["rule"] == rule]
    return found
