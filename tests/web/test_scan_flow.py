"""The staff flow over HTTP, against a real server and store: add the demo exports, scan,
record an exception, scan again and see it stick, download, share, see history, forget; and a
scan stopped halfway, two scans at once, an exception without a reason."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
from live import Live, wait_for_job

NIECE = "my niece, agreed with the head on 2025-03-01"


def _add(live: Live, client: httpx.Client, exports: list[Path]) -> None:
    files = [("files", (path.name, path.read_bytes())) for path in exports]
    answer = client.post(f"/upload?csrf={live.csrf()}", files=files,
                         headers={"accept": "application/json"})
    assert answer.json()["ok"], answer.text


def _scan(live: Live, client: httpx.Client, keep: bool = False) -> str:
    fields = {"csrf": live.csrf(), "pack": "", "save": "yes"}
    if keep:
        fields["keep_uploads"] = "yes"
    assert client.post("/scan", data=fields).headers["location"] == "/scan"
    return wait_for_job(live)


def _finding(doc: dict[str, Any], rule: str) -> dict[str, Any]:
    item = next(i for i in doc["checklist"] if i["rule"] == rule)
    return dict(item["findings"][0])


def test_scan_review_rescan_download_share_forget(live: Live, exports: list[Path]) -> None:
    state = live.prepared.state
    with live.client() as client:
        _add(live, client, exports)
        assert _scan(live, client, keep=True) == "done"
        page = client.get("/scan", follow_redirects=True)
        assert page.url.path == "/checklist"
        assert "Your checklist" in page.text and "Decide about this finding" in page.text
        assert state.kept is not None
        target = _finding(state.kept.doc, "B3")
        answer = client.post("/review", data={
            "csrf": live.csrf(), "fingerprint": target["fingerprint"], "rule": "B3",
            "verdict": "exception", "reason": NIECE}, follow_redirects=True)
        assert "Saved: an exception" in answer.text
        assert f"exception: {NIECE}" in answer.text

        client.post("/scan", data={"csrf": live.csrf(), "pack": "/nowhere/pack.toml",
                                   "keep_uploads": "yes"})
        assert wait_for_job(live) == "failed"  # a failed scan loses nothing already stored
        assert len(re.findall(r"<tr><td>\d+</td>", client.get("/history").text)) == 1
        assert state.kept is not None and state.kept.doc is not None
        assert _scan(live, client) == "done"  # the uploads were kept for this second scan
        again = _finding(state.kept.doc, "B3")
        assert again["fingerprint"] == target["fingerprint"]
        assert again["decision"]["reason"] == NIECE
        assert again["since"] == "open"
        assert state.uploads.batches == []  # not kept after the second scan

        report = json.loads(client.get("/download/json").text)
        assert _finding(report, "B3")["decision"]["decision"] == "exception"
        html = client.get("/download/html")
        assert html.headers["content-disposition"].startswith("attachment")
        assert f"exception: {NIECE}" in html.text
        assert "<h1>Your social media checklist</h1>" in html.text
        assert '<a href="https://x.com/i/status/' in html.text  # fix it there, in one click
        assert '<a href="https://www.facebook.com/friends/list"' in html.text
        assert "# " in client.get("/download/md").text

        summary = client.post("/share", data={"csrf": live.csrf()})
        assert summary.headers["content-disposition"].endswith('"riskscan-summary.json"')
        shared = json.loads(summary.text)
        assert "Whitmore" not in summary.text and "Oakwood" not in summary.text
        assert set(shared) >= {"rules"} or shared

        history = client.get("/history").text
        assert len(re.findall(r"<tr><td>\d+</td>", history)) == 2
        assert "still open" in history

        refused = client.post("/forget", data={"csrf": live.csrf(), "confirm": "yes"},
                              follow_redirects=True)
        assert "Nothing was deleted" in refused.text
        assert len(re.findall(r"<tr><td>\d+</td>", client.get("/history").text)) == 2
        done = client.post("/forget", data={"csrf": live.csrf(), "confirm": "delete"},
                           follow_redirects=True)
        assert "Deleted everything stored about you" in done.text
        assert "No scans are saved yet" in client.get("/history").text
        assert "There is no checklist yet" in client.get("/checklist").text


def test_an_exception_needs_a_reason_and_a_decision_needs_a_choice(live: Live,
                                                                   exports: list[Path]) -> None:
    state = live.prepared.state
    with live.client() as client:
        _add(live, client, exports[:1])
        assert _scan(live, client) == "done"
        assert state.kept is not None
        rule = next(i for i in state.kept.doc["checklist"] if i["findings"])
        fingerprint = rule["findings"][0]["fingerprint"]
        base = {"csrf": live.csrf(), "fingerprint": fingerprint, "rule": rule["rule"]}
        page = client.post("/review", data={**base, "verdict": "exception", "reason": " "},
                           follow_redirects=True)
        assert "An exception needs its reason" in page.text
        page = client.post("/review", data=base, follow_redirects=True)
        assert "Choose a decision first" in page.text
        wrong = client.post("/review", data={**base, "fingerprint": "0" * 12,
                                             "verdict": "dismiss"}, follow_redirects=True)
        assert "No finding with reference" in wrong.text
        assert all("decision" not in f for i in state.kept.doc["checklist"]
                   for f in i["findings"])


def test_a_stopped_scan_saves_nothing_and_a_second_scan_waits(live: Live,
                                                              exports: list[Path]) -> None:
    state = live.prepared.state
    with live.client() as client:
        _add(live, client, exports)
        fields = {"csrf": live.csrf(), "pack": "", "save": "yes"}
        client.post("/scan", data=fields)
        second = client.post("/scan", data=fields, follow_redirects=True)
        assert "A scan is already running" in second.text
        client.post("/scan/stop", data={"csrf": live.csrf()})
        assert wait_for_job(live) == "stopped"
        page = client.get("/scan").text
        assert "You stopped the scan. Nothing from it was saved" in page
        assert state.kept is None
        assert "No scans are saved yet" in client.get("/history").text
        assert len(state.uploads.batches) == 1  # still there to scan again


def test_a_policy_pack_that_does_not_exist_is_told_on_the_scan_page(
        live: Live, exports: list[Path], tmp_path: Path) -> None:
    with live.client() as client:
        _add(live, client, exports[:1])
        client.post("/scan", data={"csrf": live.csrf(), "pack": str(tmp_path / "nope.toml")})
        assert wait_for_job(live) == "failed"
        page = client.get("/scan").text
        assert "nope.toml does not exist: check the path to your policy pack." in page
