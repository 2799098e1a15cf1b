"""The repository's functions: what a saved run holds, decisions replacing each other, finding
references, and an audit log that never holds personal content."""

from __future__ import annotations

import json

from storage_backends import every_row, finding, run_record, store_fixture, store_url_fixture  # noqa: F401

from scanner.decisions import Verdict
from storage.db import Store
from storage.repository import (
    decisions_of,
    findings_of,
    latest_run,
    match_fingerprint,
    people,
    record_decision,
    rule_results_of,
    run_fingerprints,
    runs_of,
    save_run,
    sources_of,
)


def test_a_saved_run_reads_back_whole(store: Store) -> None:
    found = [finding("B1", "1"), finding("B1", "2", certain=False), finding("C1", "3")]
    run_id = save_run(store, "me", run_record(found, {"A1": "clear", "D1": "not checked"}))
    [run] = runs_of(store, "me")
    assert run.id == run_id and run.school == "Oakwood Primary School"
    assert (run.risk, run.review, run.clear, run.not_checked) == (2, 0, 1, 1)
    assert run.finished.tzinfo is not None
    assert sources_of(run)[0]["platform"] == "facebook"
    results = {r.rule: (r.status, r.found, r.certain) for r in rule_results_of(store, run_id)}
    assert results == {"A1": ("clear", 0, 0), "B1": ("risk", 2, 1), "C1": ("risk", 1, 1),
                       "D1": ("not checked", 0, 0)}
    assert [f.fingerprint for f in findings_of(store, run_id)] == [f.fingerprint for f in found]
    prints = run_fingerprints(store, run)
    assert prints.unchecked == {"D1"} and prints.platforms == {"facebook"}
    assert prints.rules["B1"] == {found[0].fingerprint: "facebook",
                                  found[1].fingerprint: "facebook"}
    latest = latest_run(store, "me")
    assert latest is not None and latest.id == run_id
    assert latest_run(store, "someone else") is None


def test_a_new_decision_replaces_the_old_one(store: Store) -> None:
    record_decision(store, "me", "0011223344556677", Verdict.DISMISS, "")
    record_decision(store, "me", "0011223344556677", Verdict.EXCEPTION, "my niece")
    [(fingerprint, decision)] = decisions_of(store, "me").items()
    assert fingerprint == "0011223344556677"
    assert (decision.verdict, decision.reason) == (Verdict.EXCEPTION, "my niece")
    assert len(every_row(store)["decisions"]) == 1


def test_references_match_by_prefix_and_keep_the_latest_copy(store: Store) -> None:
    one, two = finding("B1", "1"), finding("B1", "2")
    save_run(store, "me", run_record([one, two]))
    latest = save_run(store, "me", run_record([one]))
    [match] = match_fingerprint(store, "me", one.fingerprint[:7])
    assert match.run_id == latest
    assert match_fingerprint(store, "someone else", one.fingerprint) == []
    assert people(store) == ["me"]


def test_the_audit_log_holds_no_personal_content(store: Store) -> None:
    secret = finding("B1", "friend-77", excerpt="Friends with Zoë Pemberton")
    save_run(store, "me", run_record([secret]))
    record_decision(store, "me", secret.fingerprint, Verdict.EXCEPTION, "my niece Imogen", "B1")
    log = every_row(store)["audit_events"]
    assert [row[2] for row in log] == ["scan saved", "decision recorded"]
    text = json.dumps(log, default=str, ensure_ascii=False)
    for private in ("Zoë", "Pemberton", "Imogen", "niece", "friend-77", secret.fingerprint):
        assert private not in text
