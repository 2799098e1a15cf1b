"""Review decisions: a person's word on a finding, applied to the checklist and the report.

A decision is keyed by the finding's fingerprint, so it follows the finding across rescans.
`exception` (a documented exception, with its reason) and `dismiss` (not a real match) keep a
finding quiet: it no longer makes its rule risk or review, but it stays in the report, labelled,
so nothing is ever silently dropped. `confirm` keeps it counting, as certain.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from scanner.model import Status

if TYPE_CHECKING:  # named for the type checker only: the model layer imports no pipeline code
    from scanner.checklist import ChecklistItem


class Verdict(StrEnum):
    CONFIRM = "confirm"
    DISMISS = "dismiss"
    EXCEPTION = "exception"


QUIET = frozenset({Verdict.DISMISS, Verdict.EXCEPTION})


@dataclass(frozen=True, slots=True)
class Decision:
    fingerprint: str
    verdict: Verdict
    reason: str
    decided: datetime  # aware, UTC

    def to_json(self) -> dict[str, Any]:
        return {"decision": self.verdict.value, "reason": self.reason or None,
                "when": self.decided.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}


def status_after(marks: Iterable[tuple[bool, Verdict | None]], total: int,
                 status: Status) -> Status:
    """A rule's status once decisions apply; `marks` are (certain, verdict) per listed finding.

    Unchanged when no decision touches the rule. Findings beyond those listed (`total` is
    larger) cannot have been reviewed, so they still need review.
    """
    marks = list(marks)
    if status is Status.NOT_CHECKED or all(v is None for _, v in marks):
        return status
    counting = [certain or verdict is Verdict.CONFIRM
                for certain, verdict in marks if verdict not in QUIET]
    if any(counting):
        return Status.RISK
    if counting or total > len(marks):
        return Status.REVIEW
    return Status.CLEAR


def apply_decisions(checklist: list[ChecklistItem],
                    decisions: Mapping[str, Decision]) -> list[ChecklistItem]:
    """Each item with its status recomputed; its findings (quiet ones too) are all kept."""
    out = []
    for item in checklist:
        marks = [(f.certain, _verdict(decisions, f.fingerprint)) for f in item.findings]
        out.append(dataclasses.replace(item, status=status_after(marks, item.total,
                                                                 item.status)))
    return out


def annotate_decisions(doc: dict[str, Any], decisions: Mapping[str, Decision]) -> dict[str, Any]:
    """A copy of a private report document with decisions applied.

    Each finding with a decision gains "decision": {"decision", "reason", "when"}; each rule
    gains "quiet" (how many of its findings a decision keeps quiet) and its "status" is
    recomputed; "summary" is recounted.
    """
    doc = copy.deepcopy(doc)
    for item in doc["checklist"]:
        findings = item.get("findings") or []
        marks = []
        for finding in findings:
            decision = decisions.get(finding["fingerprint"])
            if decision is not None:
                finding["decision"] = decision.to_json()
            marks.append((bool(finding["certain"]), decision.verdict if decision else None))
        item["quiet"] = sum(1 for _, verdict in marks if verdict in QUIET)
        item["status"] = status_after(marks, int(item["count"]), Status(item["status"])).value
    doc["summary"] = summary_of(doc["checklist"])
    return doc


def summary_of(checklist: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(item["status"] for item in checklist)
    return {status.value: counts.get(status.value, 0) for status in Status}


def decision_label(decision: Mapping[str, Any]) -> str:
    """How a report shows a decided finding: "exception: my niece (recorded 2025-03-04)"."""
    when = str(decision.get("when") or "")[:10]
    reason = decision.get("reason")
    word = {"exception": "exception", "dismiss": "dismissed",
            "confirm": "confirmed"}.get(str(decision.get("decision")), "decided")
    head = f"{word}: {reason}" if reason else word
    return f"{head} (recorded {when})" if when else head


def _verdict(decisions: Mapping[str, Decision], fingerprint: str) -> Verdict | None:
    decision = decisions.get(fingerprint)
    return decision.verdict if decision else None
