"""Comparing runs by fingerprint: new, open, fixed; and `riskscan history`."""

from __future__ import annotations

import io
import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from storage_backends import store_fixture, store_url_fixture  # noqa: F401
from storage_scans import item, make_finding, scan_result

from scanner.commands.history import run_history
from scanner.history import RunFingerprints, add_history, compare, fingerprints_of_doc
from scanner.report.data import report_json
from storage.db import Store
from storage.reports import annotate_report, save_scan


def _run(rules: dict[str, dict[str, str]], platforms: tuple[str, ...] = ("facebook",),
         unchecked: tuple[str, ...] = (), truncated: tuple[str, ...] = (),
         run_id: int | None = None) -> RunFingerprints:
    return RunFingerprints(rules, frozenset(platforms), frozenset(unchecked),
                           frozenset(truncated), run_id, date(2025, 3, 1) if run_id else None)


def test_new_open_and_fixed() -> None:
    before = _run({"B1": {"a": "facebook", "b": "facebook"}, "C1": {"c": "facebook"}}, run_id=1)
    now = _run({"B1": {"b": "facebook", "d": "facebook"}, "C1": {}})
    change = compare(before, now)
    assert change.rules["B1"].counts() == {"new": 1, "open": 1, "fixed": 1}
    assert change.rules["C1"].counts() == {"new": 0, "open": 0, "fixed": 1}
    assert change.since("B1", "d") == "new" and change.since("B1", "b") == "open"
    assert change.totals() == {"new": 1, "open": 1, "fixed": 2}


def test_nothing_is_fixed_that_the_new_scan_could_not_see() -> None:
    before = _run({"B1": {"a": "twitter"}, "C1": {"c": "facebook"}, "C9": {"e": "facebook"}},
                  ("twitter", "facebook"), run_id=1)
    now = _run({"B1": {}, "C1": {}, "C9": {}}, ("facebook",), unchecked=("C1",),
               truncated=("C9",))
    change = compare(before, now)
    assert all(c.fixed == frozenset() for c in change.rules.values())


def test_the_first_run_has_no_history() -> None:
    doc = add_history(report_json(scan_result([make_finding("B1", "1")])),
                      compare(None, _run({"B1": {"x": "facebook"}})))
    assert doc["previous_run"] is None
    assert item(doc, "B1")["history"] is None
    assert item(doc, "B1")["findings"][0]["since"] is None


def test_fingerprints_of_a_report() -> None:
    found = [make_finding("B1", str(i)) for i in range(3)]
    doc = report_json(scan_result(found, platforms=("facebook", "twitter"),
                                  totals={"B1": 9}))
    prints = fingerprints_of_doc(doc)
    assert prints.rules["B1"] == {f.fingerprint: "facebook" for f in found}
    assert prints.platforms == {"facebook", "twitter"}
    assert "B1" in prints.truncated and not prints.unchecked


keys = st.sets(st.sampled_from("abcdefgh"))


@given(keys, keys)
def test_every_finding_is_exactly_one_of_new_or_open(before: set[str], now: set[str]) -> None:
    change = compare(_run({"B1": dict.fromkeys(before, "facebook")}, run_id=1),
                     _run({"B1": dict.fromkeys(now, "facebook")})).rules["B1"]
    assert change.new | change.open == now and not change.new & change.open
    assert change.fixed == before - now


def _scan(store: Store, findings: list[object], platforms: tuple[str, ...] = ("facebook",)
          ) -> dict[str, object]:
    result = scan_result(findings, platforms)  # type: ignore[arg-type]
    doc = annotate_report(store, "me", report_json(result))
    save_scan(store, "me", result, doc)
    return doc


def test_history_lists_runs_with_what_changed(store: Store) -> None:
    one, two = make_finding("B1", "1"), make_finding("B1", "2")
    _scan(store, [one, two])
    doc = _scan(store, [two, make_finding("C1", "3", certain=False)], ("facebook", "twitter"))
    assert item(doc, "B1")["history"] == {"new": 0, "open": 1, "fixed": 1}  # type: ignore[arg-type]
    assert item(doc, "C1")["history"] == {"new": 1, "open": 0, "fixed": 0}  # type: ignore[arg-type]
    out = io.StringIO()
    assert run_history(store, "me", Console(file=out, width=200), as_json=True) == 0
    listed = json.loads(out.getvalue())
    assert [r["sources"] for r in listed["runs"]] == [["facebook"], ["facebook", "twitter"]]
    assert listed["runs"][0]["changes"] is None
    assert listed["runs"][1]["changes"] == {"new": 1, "open": 1, "fixed": 1}
    assert listed["runs"][1]["counts"]["risk"] == 1 and listed["runs"][1]["counts"]["review"] == 1
    table = io.StringIO()
    run_history(store, "me", Console(file=table, width=200))
    assert "first scan" in table.getvalue() and "1 fixed, 1 new, 1 open" in table.getvalue()


def test_history_of_someone_with_no_scans(store: Store) -> None:
    out = io.StringIO()
    run_history(store, "nobody", Console(file=out, width=200))
    assert "No scans saved for 'nobody' yet." in out.getvalue()
