"""End to end in a real browser (Debian's Chromium through Playwright): a member of staff adds
the demo exports, waits for the checklist, records an exception, scans again and sees it stick,
downloads the report and forgets everything; the same scan and review by keyboard alone; a
wrong key; every main page screenshotted (test-artifacts/) and checked with axe-core."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import LAPTOP, PHONE, chromium, serious_violations, shoot
from live import Live

__all__ = ["chromium"]  # the fixture, used by name

NIECE = "my niece, agreed with the head on 2025-03-01"
SCAN_TIMEOUT = 300_000  # ms: the demo scan takes tens of seconds on a busy two-core machine


@pytest.fixture
def page(chromium: Any, live: Live) -> Iterator[Any]:
    context = chromium.new_context(viewport=LAPTOP, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(live.base) else None)
    page.goto(live.address)
    try:
        yield page
    finally:
        context.close()
    assert outside == [], f"the page asked for something elsewhere: {outside}"


def _check(page: Any, name: str) -> None:
    shoot(page, name)
    assert serious_violations(page) == [], name


def test_a_wrong_key_is_told_plainly(chromium: Any, live: Live) -> None:
    context = chromium.new_context(viewport=LAPTOP)
    page = context.new_page()
    answer = page.goto(f"{live.base}/?token=wrong")
    assert answer is not None and answer.status == 403
    assert "That key is not right" in page.inner_text("h1")
    shoot(page, "wrong-key")
    page.goto(f"{live.base}/checklist")
    assert "Please open riskscan from its own address" in page.inner_text("h1")
    context.close()


def test_staff_scan_review_rescan_download_forget(page: Any, live: Live,
                                                  exports: list[Path]) -> None:
    _check(page, "home-empty")
    page.set_input_files("#files", [str(path) for path in exports])  # added at once
    page.wait_for_selector("ul.added li")
    assert "Facebook" in page.inner_text("ul.added")
    page.check("#keep")
    _check(page, "home-added")
    page.get_by_role("button", name="Start the scan", exact=True).click()
    page.wait_for_url(re.compile(r"/(scan|checklist)$"))
    if page.url.endswith("/scan"):
        _check(page, "scan-progress")
    page.wait_for_url(re.compile(r"/checklist$"), timeout=SCAN_TIMEOUT)
    _check(page, "checklist")
    page.set_viewport_size(PHONE)
    shoot(page, "checklist-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the checklist scrolls sideways on a phone ({width}px)"
    page.set_viewport_size(LAPTOP)

    rule = page.locator("section.rule#B3")
    finding = rule.locator(".finding").first
    reference = finding.locator(".fp code").inner_text()
    finding.locator("summary").click()
    finding.locator("input[value=exception]").check()
    finding.locator("input[name=reason]").fill(NIECE)
    finding.get_by_role("button", name="Save my decision").click()
    page.wait_for_selector("text=Saved: an exception")
    assert f"exception: {NIECE}" in page.locator("section.rule#B3").inner_text()

    page.goto(f"{live.base}/")
    assert "Facebook" in page.inner_text("ul.added")  # kept for the second scan
    page.uncheck("#keep")
    page.get_by_role("button", name="Start the scan", exact=True).click()
    page.wait_for_url(re.compile(r"/checklist$"), timeout=SCAN_TIMEOUT)
    again = page.locator(f"section.rule#B3 .finding:has-text('{reference}')")
    assert f"exception: {NIECE}" in again.inner_text()
    assert "Since your last scan" in page.locator("section.rule#B3").inner_text()

    with page.expect_download() as waiting:
        page.get_by_role("link", name="web page (HTML)").click()
    saved = Path(waiting.value.path())
    report = saved.read_text(encoding="utf-8")
    assert NIECE in report and "Your social media checklist" in report

    page.goto(f"{live.base}/history")
    _check(page, "history")
    assert page.locator("tbody tr").count() == 2
    page.get_by_role("link", name="Forget everything stored about me").click()
    _check(page, "forget")
    page.fill("#confirm", "delete")
    page.get_by_role("button", name="Delete everything about me", exact=True).click()
    page.wait_for_selector("text=Deleted everything stored about you")
    page.goto(f"{live.base}/history")
    assert "No scans are saved yet" in page.inner_text("main")


def _tab_to(page: Any, describe: str, found: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches the JavaScript test `found` (el is the
    focused element); fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({found}); }})()"):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"{describe} has no visible focus"
            return
    pytest.fail(f"Tab never reached {describe}")


def _choose_by_keyboard(page: Any, files: list[str]) -> None:
    """Open the focused file picker with the keyboard (Space, then Enter if a busy machine
    missed the first key) and choose `files` in the dialog."""
    from playwright.sync_api import TimeoutError as NoDialog

    for key in ("Space", "Enter", "Space"):
        try:
            with page.expect_file_chooser(timeout=10_000) as chooser:
                page.keyboard.press(key)
        except NoDialog:
            assert page.evaluate("document.activeElement.id") == "files"
            continue
        chooser.value.set_files(files)
        return
    pytest.fail("the file picker never opened from the keyboard")


def test_scan_and_review_by_keyboard_alone(page: Any, live: Live, exports: list[Path]) -> None:
    _tab_to(page, "the export file picker", "el.id === 'files'")
    _choose_by_keyboard(page, [str(path) for path in exports[:2]])  # added once chosen
    page.wait_for_selector("ul.added li")
    _tab_to(page, "Start the scan", "el.innerText === 'Start the scan'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/checklist$"), timeout=SCAN_TIMEOUT)

    _tab_to(page, "a finding's decision", "el.tagName === 'SUMMARY' && "
            "el.innerText.startsWith('Decide about this finding')")
    page.keyboard.press("Enter")
    _tab_to(page, "the first choice", "el.type === 'radio'")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # the third choice: an agreed exception
    assert page.evaluate("document.activeElement.value") == "exception"
    _tab_to(page, "the reason", "el.name === 'reason'")
    page.keyboard.type(NIECE)
    _tab_to(page, "Save my decision", "el.innerText === 'Save my decision'")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Saved: an exception")
    assert NIECE in page.inner_text("main")


@pytest.fixture
def summaries(tmp_path: Path) -> list[Path]:
    """Five people's count-only summaries, as `riskscan share` writes them."""
    from datetime import date

    from scanner.app.share import summary_text
    from scanner.report.shared import shared_summary

    made = []
    for n, status in enumerate(["risk", "clear", "clear", "review", "clear"]):
        path = tmp_path / f"summary-{n}.json"
        path.write_text(summary_text(shared_summary(date(2026, 3, 2), [
            ("A1", status, 1 if status == "risk" else 0), ("B1", "clear", 0)])))
        made.append(path)
    return made


def test_every_main_page_at_laptop_and_phone_width(page: Any, live: Live,
                                                   summaries: list[Path]) -> None:
    pages = {"home": "/", "checklist-empty": "/checklist", "dsl": "/dsl",
             "policy": "/dsl/policy", "roster": "/dsl/roster", "workshop": "/dsl/workshop",
             "history-empty": "/history", "consents": "/dsl/consents"}
    for name, path in pages.items():
        page.goto(live.base + path)
        _check(page, name)
    page.goto(live.base + "/dsl/policy")
    page.fill("#text", "[school]\nname = \n")
    page.get_by_role("button", name="Check it", exact=True).click()
    assert "not valid TOML" in page.inner_text("#pack-problem")
    _check(page, "policy-mistake")
    page.goto(live.base + "/dsl/workshop")
    page.set_input_files("#summaries", [str(path) for path in summaries])
    page.get_by_role("button", name="Combine them").click()
    page.wait_for_url(re.compile(r"/dsl/workshop/room$"))
    assert "5 people" in page.inner_text("body")
    _check(page, "room")
    page.set_viewport_size(PHONE)
    for name, path in (("home-phone", "/"), ("dsl-phone", "/dsl"),
                       ("consents-phone", "/dsl/consents")):
        page.goto(live.base + path)
        _check(page, name)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{name} scrolls sideways ({width}px)"


def test_it_works_without_javascript(chromium: Any, live: Live, exports: list[Path]) -> None:
    context = chromium.new_context(viewport=LAPTOP, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(live.address)
    page.set_input_files("#files", [str(exports[0])])
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_selector("ul.added li")
    page.get_by_role("button", name="Start the scan", exact=True).click()
    page.wait_for_url(re.compile(r"/checklist$"), timeout=SCAN_TIMEOUT)  # the page refreshes
    assert "Your checklist" in page.inner_text("h1")
    page.locator("details.decide summary").first.click()
    page.locator("details.decide input[value=dismiss]").first.check()
    page.get_by_role("button", name="Save my decision").first.click()
    page.wait_for_selector("text=Saved: dismissed")
    context.close()
