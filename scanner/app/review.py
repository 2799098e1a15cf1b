"""Review decisions: the person's word on a finding (confirm, dismiss, exception), one finding
at a time or for every undecided finding of a rule in their latest scan."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.decisions import Verdict
from scanner.errors import ScanError
from scanner.rules import RULES_BY_ID
from storage.db import Store
from storage.models import FindingRow
from storage.repository import (
    decisions_of,
    findings_of,
    latest_run,
    match_fingerprint,
    record_decision,
)

MIN_PREFIX = 6
EXCEPTION_NEEDS_REASON = ('an exception needs its reason, for example "my niece, agreed with '
                          'the head on 2025-03-01".')


class ReviewError(ScanError):
    """A decision that cannot be recorded: an unknown reference, or an exception without its
    reason. The message says what to do."""


@dataclass(frozen=True)
class Recorded:
    """A decision recorded about one finding."""

    fingerprint: str
    rule: str
    verdict: Verdict

    @property
    def title(self) -> str:
        return rule_title(self.rule)


def find_finding(store: Store, person: str, reference: str) -> FindingRow:
    """The person's stored finding whose fingerprint starts with `reference` (6+ hex
    characters); ReviewError when there is none, or more than one."""
    prefix = reference.strip().lower()
    if len(prefix) < MIN_PREFIX or any(c not in "0123456789abcdef" for c in prefix):
        raise ReviewError(f"'{prefix[:40]}' is not a finding reference: give at least "
                          f"{MIN_PREFIX} characters of the reference shown under the finding "
                          "in your report.")
    matches = match_fingerprint(store, person, prefix)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ReviewError(f"no finding with reference {prefix} is stored for '{person}': "
                          "check the reference in your latest report, or --person.")
    raise ReviewError(f"{len(matches)} findings start with {prefix}: give more of the "
                      "reference.")


def decide(store: Store, person: str, finding: FindingRow, verdict: Verdict,
           reason: str = "") -> Recorded:
    """Record the person's decision about one finding; an exception needs its reason."""
    reason = reason.strip()
    if verdict is Verdict.EXCEPTION and not reason:
        raise ReviewError(EXCEPTION_NEEDS_REASON)
    record_decision(store, person, finding.fingerprint, verdict, reason, finding.rule)
    return Recorded(finding.fingerprint, finding.rule, verdict)


def decide_reference(store: Store, person: str, reference: str, verdict: Verdict,
                     reason: str = "") -> Recorded:
    """`decide` for the finding a reference names."""
    return decide(store, person, find_finding(store, person, reference), verdict, reason)


def decide_rule(store: Store, person: str, rule: str, verdict: Verdict,
                reason: str = "") -> list[Recorded]:
    """The same decision for every finding of `rule` in the latest scan that has none yet."""
    if verdict is Verdict.EXCEPTION and not reason.strip():
        raise ReviewError(EXCEPTION_NEEDS_REASON)
    return [decide(store, person, finding, verdict, reason)
            for finding in open_findings(store, person) if finding.rule == rule]


def has_saved_scan(store: Store, person: str) -> bool:
    run = latest_run(store, person)
    return run is not None and run.id is not None


def open_findings(store: Store, person: str) -> list[FindingRow]:
    """The findings of the person's latest saved scan that have no decision yet."""
    run = latest_run(store, person)
    if run is None or run.id is None:
        return []
    decided = decisions_of(store, person)
    return [f for f in findings_of(store, run.id) if f.fingerprint not in decided]


def rule_title(rule: str) -> str:
    known = RULES_BY_ID.get(rule)
    return known.title if known else rule
