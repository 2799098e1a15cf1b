"""From findings to the checklist: every enabled rule once, with a status and what it needs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from scanner.model import Finding, Gap, Kind, Status
from scanner.policy import Policy
from scanner.rules import NEEDS_WORDS, RULES_BY_ID, Rule, Severity

ROSTER_WORDS = ("the school's roster (its list of pupils, former pupils, parents, governors and "
                "staff) in the policy pack, or given with --roster")


@dataclass
class RuleEvidence:
    """What the detectors said about one rule: the findings kept and how many there were."""

    findings: list[Finding] = field(default_factory=list)
    total: int = 0
    missing: str | None = None  # the detector could not check, and why


@dataclass(frozen=True)
class ChecklistItem:
    rule: Rule
    severity: Severity
    status: Status
    clause: str | None
    advice: str
    missing: str | None
    findings: tuple[Finding, ...]
    total: int

    @property
    def certain_count(self) -> int:
        return sum(1 for f in self.findings if f.certain)


def missing_input(rule: Rule, counts: Counter[str], has_roster: bool) -> str | None:
    """What the scan lacked for a rule to be checked at all, in words, or None."""
    wanted = []
    if not any(counts.get(kind.value, 0) for kind in rule.needs):
        kinds = sorted(rule.needs, key=list(Kind).index)
        wanted.append(" or ".join(dict.fromkeys(NEEDS_WORDS[k] for k in kinds)))
    if rule.needs_roster and not has_roster:
        wanted.append(ROSTER_WORDS)
    return "Needs " + " and ".join(wanted) + "." if wanted else None


def status_of(findings: list[Finding]) -> Status:
    if any(f.certain for f in findings):
        return Status.RISK
    return Status.REVIEW if findings else Status.CLEAR


def build_checklist(policy: Policy, evidence: dict[str, RuleEvidence], counts: Counter[str],
                    has_roster: bool, gaps: Sequence[Gap] = ()) -> list[ChecklistItem]:
    """Every enabled rule, most severe first; a rule without its input is `not checked`, and so
    is one that would be clear while a source could not show what it needs (`gaps`)."""
    items = []
    for rule_id in policy.enabled_rules():
        rule = RULES_BY_ID[rule_id]
        settings = policy.rules[rule_id]
        found = evidence.get(rule_id, RuleEvidence())
        missing = missing_input(rule, counts, has_roster) or (
            found.missing if not found.findings else None)
        status = Status.NOT_CHECKED if missing else status_of(found.findings)
        unseen = [g.why for g in gaps if g.kinds & rule.needs]
        if unseen and status in (Status.CLEAR, Status.NOT_CHECKED):
            said = "; ".join(dict.fromkeys(unseen)) + "."
            missing = f"{missing} Also not seen: {said}" if missing else \
                f"Nothing found where riskscan could look, but not everything could be seen: {said}"
            status = Status.NOT_CHECKED
        ordered = sorted(found.findings, key=lambda f: not f.certain)
        items.append(ChecklistItem(rule, settings.severity, status, settings.clause,
                                   settings.advice, missing, tuple(ordered), found.total))
    return sorted(items, key=lambda i: (-i.severity, _status_order(i.status), i.rule.id))


def _status_order(status: Status) -> int:
    return [Status.RISK, Status.REVIEW, Status.NOT_CHECKED, Status.CLEAR].index(status)
