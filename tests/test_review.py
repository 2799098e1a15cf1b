"""Review decisions: how they change a rule's status (never hiding a finding), the interactive
walk-through, and the one-line form."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from rich.console import Console
from storage_backends import store_fixture, store_url_fixture  # noqa: F401
from storage_scans import item, make_finding, scan_result

from scanner.commands.review import review_interactive, review_one
from scanner.decisions import (
    Decision,
    Verdict,
    annotate_decisions,
    apply_decisions,
    decision_label,
    status_after,
)
from scanner.model import Status
from scanner.report.data import report_json
from storage.db import Store
from storage.reports import annotate_report, save_scan
from storage.repository import decisions_of

WHEN = datetime(2025, 3, 4, 10, 15, tzinfo=UTC)
CERTAIN = make_finding("B1", "friend-1", certain=True)
UNSURE = make_finding("B1", "friend-2", certain=False)


def _decide(*pairs: tuple[object, Verdict], reason: str = "") -> dict[str, Decision]:
    return {f.fingerprint: Decision(f.fingerprint, v, reason, WHEN)  # type: ignore[attr-defined]
            for f, v in pairs}


def _b1(decisions: dict[str, Decision], findings: list[object] | None = None,
        totals: dict[str, int] | None = None) -> Status:
    result = scan_result(findings or [CERTAIN, UNSURE], totals=totals)  # type: ignore[arg-type]
    [b1] = [i for i in apply_decisions(result.checklist, decisions) if i.rule.id == "B1"]
    assert len(b1.findings) == len(findings or [CERTAIN, UNSURE])  # nothing is dropped
    return b1.status


@pytest.mark.parametrize("decisions, status", [
    ({}, Status.RISK),
    (_decide((CERTAIN, Verdict.EXCEPTION)), Status.REVIEW),
    (_decide((CERTAIN, Verdict.EXCEPTION), (UNSURE, Verdict.DISMISS)), Status.CLEAR),
    (_decide((CERTAIN, Verdict.DISMISS), (UNSURE, Verdict.CONFIRM)), Status.RISK),
    (_decide((CERTAIN, Verdict.CONFIRM), (UNSURE, Verdict.EXCEPTION)), Status.RISK),
])
def test_excepted_and_dismissed_findings_stop_counting(decisions: dict[str, Decision],
                                                        status: Status) -> None:
    assert _b1(decisions) is status


def test_a_confirmed_unsure_finding_is_a_risk() -> None:
    assert _b1({}, [UNSURE]) is Status.REVIEW
    assert _b1(_decide((UNSURE, Verdict.CONFIRM)), [UNSURE]) is Status.RISK


def test_findings_beyond_those_listed_still_need_review() -> None:
    decisions = _decide((CERTAIN, Verdict.EXCEPTION), (UNSURE, Verdict.EXCEPTION))
    assert _b1(decisions, totals={"B1": 500}) is Status.REVIEW


def test_status_after_leaves_not_checked_and_undecided_rules_alone() -> None:
    assert status_after([(True, Verdict.DISMISS)], 1, Status.NOT_CHECKED) is Status.NOT_CHECKED
    assert status_after([(False, None)], 1, Status.REVIEW) is Status.REVIEW
    assert status_after([], 0, Status.CLEAR) is Status.CLEAR


def test_the_report_keeps_decided_findings_labelled() -> None:
    doc = report_json(scan_result([CERTAIN, UNSURE]))
    decided = annotate_decisions(doc, _decide((CERTAIN, Verdict.EXCEPTION), reason="my niece")
                                 | _decide((UNSURE, Verdict.DISMISS)))
    b1 = item(decided, "B1")
    assert b1["status"] == "clear" and b1["quiet"] == 2 and len(b1["findings"]) == 2
    marks = {f["fingerprint"]: f["decision"] for f in b1["findings"]}
    assert marks[CERTAIN.fingerprint] == {"decision": "exception", "reason": "my niece",
                                          "when": "2025-03-04T10:15:00Z"}
    assert decided["summary"]["risk"] == doc["summary"]["risk"] - 1
    assert decided["summary"]["clear"] == doc["summary"]["clear"] + 1
    assert item(doc, "B1")["status"] == "risk"  # the original is not changed


def test_decision_labels() -> None:
    assert decision_label({"decision": "exception", "reason": "my niece",
                           "when": "2025-03-04T10:15:00Z"}) == \
        "exception: my niece (recorded 2025-03-04)"
    assert decision_label({"decision": "dismiss", "reason": None, "when": "2025-03-04T10:15Z"}) \
        == "dismissed (recorded 2025-03-04)"
    assert decision_label({"decision": "confirm", "reason": None, "when": None}) == "confirmed"


def _console() -> Console:
    return Console(file=io.StringIO(), width=200)


def _output(console: Console) -> str:
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


def _saved(store: Store, findings: list[object]) -> None:
    result = scan_result(findings)  # type: ignore[arg-type]
    save_scan(store, "me", result, annotate_report(store, "me", report_json(result)))


def test_the_walk_through_records_each_answer(store: Store) -> None:
    third = make_finding("C1", "post-3", certain=False)
    _saved(store, [CERTAIN, UNSURE, third])
    answers = io.StringIO("x\ne\n\nmy niece, recorded with the head 2025-03-01\n"
                          "d\nnot her\ns\n")
    console = _console()
    assert review_interactive(store, "me", console, answers) == 0
    decided = decisions_of(store, "me")
    assert decided[CERTAIN.fingerprint].verdict is Verdict.EXCEPTION
    assert decided[CERTAIN.fingerprint].reason == "my niece, recorded with the head 2025-03-01"
    assert decided[UNSURE.fingerprint].verdict is Verdict.DISMISS
    assert decided[UNSURE.fingerprint].reason == "not her"
    assert third.fingerprint not in decided
    text = _output(console)
    assert "Type c, d, e, s or q." in text  # "x" was asked again
    assert "An exception needs a reason" in text  # an empty reason was asked again
    assert "2 decision(s) recorded, 1 skipped" in text
    again = _console()
    review_interactive(store, "me", again, io.StringIO("q\n"))
    assert "1 of 1" in _output(again) and "Stopped" in _output(again)


def test_the_walk_through_stops_at_the_end_of_input(store: Store) -> None:
    _saved(store, [CERTAIN, UNSURE])
    assert review_interactive(store, "me", _console(), io.StringIO("c\n")) == 0
    assert list(decisions_of(store, "me")) == [CERTAIN.fingerprint]


def test_the_walk_through_without_a_scan_says_so(store: Store) -> None:
    console = _console()
    assert review_interactive(store, "me", console, io.StringIO("")) == 0
    assert "no scan is saved for 'me'" in _output(console)


def test_one_line_review_by_reference_prefix(store: Store) -> None:
    _saved(store, [CERTAIN, UNSURE])
    console = _console()
    assert review_one(store, "me", CERTAIN.fingerprint[:8].upper(), Verdict.EXCEPTION,
                      "my niece", console) == 0
    assert decisions_of(store, "me")[CERTAIN.fingerprint].reason == "my niece"
    assert review_one(store, "me", CERTAIN.fingerprint, Verdict.CONFIRM, "", console) == 0
    assert decisions_of(store, "me")[CERTAIN.fingerprint].verdict is Verdict.CONFIRM


@pytest.mark.parametrize("reference, verdict, reason, words", [
    ("abc", Verdict.DISMISS, "", "is not a finding reference"),
    ("not-hex-at-all", Verdict.DISMISS, "", "is not a finding reference"),
    ("ffffffffffff", Verdict.DISMISS, "", "no finding with reference ffffffffffff"),
    (CERTAIN.fingerprint, Verdict.EXCEPTION, "  ", "an exception needs its reason"),
])
def test_one_line_review_mistakes_are_explained(store: Store, reference: str, verdict: Verdict,
                                                 reason: str, words: str) -> None:
    _saved(store, [CERTAIN])
    console = _console()
    assert review_one(store, "me", reference, verdict, reason, console) == 2
    assert words in _output(console)
    assert decisions_of(store, "me") == {}


def test_deciding_the_checklist_first_then_the_report_gives_the_same_report() -> None:
    result = scan_result([CERTAIN, UNSURE, make_finding("C1", "post-1", certain=False)],
                         totals={"C1": 300})
    decisions = _decide((CERTAIN, Verdict.EXCEPTION), (UNSURE, Verdict.DISMISS))
    direct = annotate_decisions(report_json(result), decisions)
    result.checklist = apply_decisions(result.checklist, decisions)
    assert annotate_decisions(report_json(result), decisions) == direct
    assert item(direct, "B1")["status"] == "clear" and item(direct, "C1")["status"] == "review"
