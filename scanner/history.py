"""Comparing a person's runs by finding fingerprint: what is new, still open, and fixed.

A finding counts as fixed only when the current run could have seen it again: its rule was
checked, its platform was scanned, and the rule's findings were all listed (a rule with more
findings than a report holds cannot say which of the unlisted ones went away).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scanner.decisions import Decision, annotate_decisions

NEW, OPEN = "new", "open"


@dataclass(frozen=True)
class RunFingerprints:
    """The findings of one run, as fingerprints, and what that run could see."""

    rules: dict[str, dict[str, str]]  # rule -> fingerprint -> platform
    platforms: frozenset[str] = frozenset()
    unchecked: frozenset[str] = frozenset()  # rules that were `not checked`
    truncated: frozenset[str] = frozenset()  # rules with more findings than were listed
    run_id: int | None = None
    day: date | None = None


@dataclass(frozen=True)
class RuleChange:
    new: frozenset[str] = frozenset()
    open: frozenset[str] = frozenset()
    fixed: frozenset[str] = frozenset()

    def counts(self) -> dict[str, int]:
        return {"new": len(self.new), "open": len(self.open), "fixed": len(self.fixed)}


@dataclass(frozen=True)
class RunComparison:
    previous_run: int | None
    previous_day: date | None
    rules: dict[str, RuleChange] = field(default_factory=dict)

    def since(self, rule: str, fingerprint: str) -> str | None:
        """"new" or "open" for a current finding; None when there is no earlier run."""
        if self.previous_run is None and self.previous_day is None:
            return None
        change = self.rules.get(rule)
        return OPEN if change is not None and fingerprint in change.open else NEW

    def totals(self) -> dict[str, int]:
        out = {"new": 0, "open": 0, "fixed": 0}
        for change in self.rules.values():
            for key, value in change.counts().items():
                out[key] += value
        return out


def compare(previous: RunFingerprints | None, current: RunFingerprints) -> RunComparison:
    """Per rule, the current findings that are new or still open, and the earlier ones fixed."""
    if previous is None:
        return RunComparison(None, None, {rule: RuleChange(new=frozenset(found))
                                          for rule, found in current.rules.items()})
    changes = {}
    for rule in sorted(set(previous.rules) | set(current.rules)):
        before = previous.rules.get(rule, {})
        now = current.rules.get(rule, {})
        gone = frozenset(fp for fp, platform in before.items()
                         if fp not in now and _could_see(current, rule, platform))
        changes[rule] = RuleChange(new=frozenset(now.keys() - before.keys()),
                                   open=frozenset(now.keys() & before.keys()), fixed=gone)
    return RunComparison(previous.run_id, previous.day, changes)


def _could_see(current: RunFingerprints, rule: str, platform: str) -> bool:
    return (rule not in current.unchecked and rule not in current.truncated
            and platform in current.platforms)


def fingerprints_of_doc(doc: dict[str, Any]) -> RunFingerprints:
    """The fingerprints of a private report document (see scanner.report.data)."""
    rules: dict[str, dict[str, str]] = {}
    unchecked, truncated = set(), set()
    for item in doc["checklist"]:
        findings = item.get("findings") or []
        rules[item["rule"]] = {f["fingerprint"]: f["where"]["platform"] for f in findings}
        if item["status"] == "not checked":
            unchecked.add(item["rule"])
        if int(item.get("count") or 0) > len(findings):
            truncated.add(item["rule"])
    platforms = frozenset(s["platform"] for s in doc["scanned"]["sources"])
    return RunFingerprints(rules, platforms, frozenset(unchecked), frozenset(truncated))


def add_history(doc: dict[str, Any], comparison: RunComparison) -> dict[str, Any]:
    """A copy of the document with "previous_run", per rule "history" and per finding "since".

    Without an earlier run, "previous_run", every "history" and every "since" are null.
    """
    doc = copy.deepcopy(doc)
    first = comparison.previous_run is None and comparison.previous_day is None
    doc["previous_run"] = None if first else {
        "id": comparison.previous_run,
        "date": comparison.previous_day.isoformat() if comparison.previous_day else None}
    for item in doc["checklist"]:
        change = comparison.rules.get(item["rule"], RuleChange())
        item["history"] = None if first else change.counts()
        for finding in item.get("findings") or []:
            finding["since"] = comparison.since(item["rule"], finding["fingerprint"])
    return doc


def reviewed(doc: dict[str, Any], decisions: Mapping[str, Decision],
             before: RunFingerprints | None) -> dict[str, Any]:
    """A private report with the person's decisions applied and compared with the run before
    (`before`, None for a first scan): what `riskscan scan` shows and saves."""
    doc = annotate_decisions(doc, decisions)
    return add_history(doc, compare(before, fingerprints_of_doc(doc)))
