"""The whole story on each backend: scan, review, fix, rescan, and history shows the fix; then
forget, and no row about the person is left in any table."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from storage_backends import every_row, store_fixture, store_url_fixture  # noqa: F401
from storage_scans import item, make_finding, scan_result

from scanner.commands.history import history_rows, run_history
from scanner.commands.review import review_one
from scanner.commands.share import latest_summary
from scanner.decisions import Verdict
from scanner.report.data import report_json
from storage.db import Store
from storage.forget import forget_person
from storage.reports import annotate_report, save_scan
from storage.repository import rule_results_of

NIECE = "my niece, recorded with the head 2025-03-01"


def _scan(store: Store, person: str, findings: list[object]) -> tuple[int, dict[str, object]]:
    result = scan_result(findings)  # type: ignore[arg-type]
    doc = annotate_report(store, person, report_json(result))
    return save_scan(store, person, result, doc), doc


def _quiet() -> Console:
    return Console(file=io.StringIO(), width=200)


def test_scan_review_fix_rescan_history_then_forget(store: Store) -> None:
    pupil = make_finding("B1", "friend-17", certain=True, excerpt="Friends with Zoë P.")
    niece = make_finding("B1", "friend-22", certain=False, excerpt="Friends with Lily H.")
    post = make_finding("C1", "post-9", certain=False, excerpt="Well done Year 5!")
    colleague_finding = make_finding("B3", "friend-3", certain=True, excerpt="Sam K.")

    first, doc1 = _scan(store, "me", [pupil, niece, post])
    _scan(store, "colleague", [colleague_finding])
    assert doc1["previous_run"] is None
    assert item(doc1, "B1")["status"] == "risk" and item(doc1, "B1")["history"] is None

    console = _quiet()
    assert review_one(store, "me", niece.fingerprint[:8], Verdict.EXCEPTION, NIECE,
                      console) == 0
    assert review_one(store, "me", post.fingerprint, Verdict.DISMISS, "", console) == 0

    second, doc2 = _scan(store, "me", [niece, post])  # the pupil was unfriended
    b1, c1 = item(doc2, "B1"), item(doc2, "C1")
    assert doc2["previous_run"]["id"] == first
    assert b1["status"] == "clear" and b1["quiet"] == 1
    assert b1["history"] == {"new": 0, "open": 1, "fixed": 1}
    [shown] = b1["findings"]
    assert shown["decision"]["decision"] == "exception" and shown["decision"]["reason"] == NIECE
    assert shown["since"] == "open"
    assert c1["status"] == "clear" and c1["findings"][0]["decision"]["decision"] == "dismiss"
    assert doc2["summary"]["risk"] == 0 and doc2["summary"]["review"] == 0

    rows = history_rows(store, "me")
    assert [r["run"] for r in rows] == [first, second]
    assert rows[0]["counts"]["risk"] == 1 and rows[1]["counts"]["risk"] == 0
    assert rows[1]["changes"] == {"new": 0, "open": 2, "fixed": 1}
    out = _quiet()
    run_history(store, "me", out)
    assert "1 fixed, 0 new, 2 open" in out.file.getvalue()  # type: ignore[attr-defined]
    stored = {r.rule: (r.status, r.found, r.quiet) for r in rule_results_of(store, second)}
    assert stored["B1"] == ("clear", 1, 1) and stored["C1"] == ("clear", 1, 1)

    summary = latest_summary(store, "me")
    assert summary is not None
    assert {r["rule"]: r["status"] for r in summary["rules"]}["B1"] == "clear"

    counts = forget_person(store, "me")
    assert counts["runs"] == 2 and counts["findings"] == 5 and counts["review decisions"] == 2
    rows_left = every_row(store)
    text = json.dumps(rows_left, default=str, ensure_ascii=False)
    assert "'me'" not in text and '"me"' not in text
    for secret in ("Zoë", "Lily", "niece", "Well done", pupil.fingerprint, niece.fingerprint):
        assert secret not in text
    assert history_rows(store, "me") == []
    assert len(history_rows(store, "colleague")) == 1  # nobody else's data went


def test_decisions_of_one_person_do_not_apply_to_another(store: Store) -> None:
    shared = make_finding("B1", "friend-1", certain=True)
    _scan(store, "me", [shared])
    _scan(store, "colleague", [shared])
    assert review_one(store, "me", shared.fingerprint, Verdict.EXCEPTION, NIECE, _quiet()) == 0
    _, mine = _scan(store, "me", [shared])
    _, theirs = _scan(store, "colleague", [shared])
    assert item(mine, "B1")["status"] == "clear"
    assert item(theirs, "B1")["status"] == "risk"
    assert "decision" not in item(theirs, "B1")["findings"][0]


def test_nothing_read_from_the_exports_is_stored_beyond_the_finding(store: Store) -> None:
    _scan(store, "me", [make_finding("B1", "friend-1", excerpt="Friends with Zoë P.")])
    text = json.dumps(every_row(store), default=str, ensure_ascii=False)
    assert "/home/jo" not in text  # export paths are not stored
    assert "jo.whitmore" not in text  # nor the account
    assert text.count("Friends with Zoë P.") == 1  # the redacted excerpt, once


def test_a_real_scan_of_the_fictional_teacher_rescans_to_the_same_fingerprints(
        store: Store, tmp_path: Path) -> None:
    from fixtures.generate import generate_demo
    from fixtures.school import TODAY
    from scanner.commands.scan import ScanRequest, perform_scan
    from scanner.policy import DEMO_PACK

    made = generate_demo(tmp_path / "exports")
    archives = [path for key, path in made.items() if key not in ("roster", "logo")]
    request = ScanRequest(paths=archives, policy=DEMO_PACK, today=TODAY)

    def scan_once() -> dict[str, Any]:
        result = perform_scan(request, _quiet())
        assert result is not None
        doc = annotate_report(store, "jo", report_json(result))
        save_scan(store, "jo", result, doc)
        return doc

    first = scan_once()
    risky = next(i for i in first["checklist"] if i["findings"])
    chosen = risky["findings"][0]
    assert review_one(store, "jo", chosen["fingerprint"], Verdict.EXCEPTION, NIECE,
                      _quiet()) == 0
    second = scan_once()
    again = item(second, risky["rule"])
    decided = [f for f in again["findings"] if f["fingerprint"] == chosen["fingerprint"]]
    assert decided and decided[0]["decision"]["reason"] == NIECE
    assert decided[0]["since"] == "open"
    totals = {"new": 0, "open": 0, "fixed": 0}
    for entry in second["checklist"]:
        for key, value in (entry["history"] or {}).items():
            totals[key] += value
    assert totals["new"] == 0 and totals["fixed"] == 0 and totals["open"] > 0
    text = json.dumps(every_row(store), default=str, ensure_ascii=False)
    assert str(tmp_path) not in text
