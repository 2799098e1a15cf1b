"""Saved scans of public pages: each page's address, time, status and content hash are kept
(never the page), and a later scan of the same address shows what is new, still open and fixed,
like archives do. On SQLite and PostgreSQL (tests/storage_backends.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from storage_backends import store_url_fixture  # noqa: F401

from scanner.cli import main
from scanner.policy import DEMO_PACK
from storage.repository import looks_of, pages_of, runs_of
from storage.store import open_store
from tests.localweb import Reply, serving

PAGES = Path(__file__).parent / "pages"
PERSON = "jo-pages"


def test_a_rescan_of_a_page_shows_what_was_fixed(store_url: str, loopback: None,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", store_url)
    page = (PAGES / "jo_site.html").read_text()
    with serving() as web:
        web.routes["/robots.txt"] = Reply(404, "")
        web.routes["/jo"] = Reply(200, page)
        first = _scan(capsys, web.url("/jo"))
        a5 = {i["rule"]: i for i in first["checklist"]}["A5"]
        assert a5["status"] == "risk" and a5["findings"]
        # Jo takes the school e-mail off the page; the rest stays.
        web.routes["/jo"] = Reply(200, page.replace(
            '"email": "mailto:j.rivers@oakwood.example.sch.uk",', ""))
        second = _scan(capsys, web.url("/jo"))
    rules = {i["rule"]: i for i in second["checklist"]}
    assert rules["A5"]["findings"] == [] and rules["A5"]["history"]["fixed"] == 1
    assert rules["A2"]["history"]["open"] >= 1
    store = open_store(store_url, retention=0)
    try:
        runs = runs_of(store, PERSON)
        first_pages, second_pages = (pages_of(store, r.id or 0) for r in runs)
    finally:
        store.close()
    # the page, and its avatar picture (missing on this server)
    assert [(p.address, p.url, p.http_status) for p in first_pages] == [
        (web.url("/jo"), web.url("/jo"), 200), (web.url("/jo"), web.url("/avatar.png"), 404)]
    assert len(first_pages[0].content_hash) == 64
    assert first_pages[0].content_hash != second_pages[0].content_hash
    assert first_pages[0].fetched <= second_pages[0].fetched


def _scan(capsys: pytest.CaptureFixture[str], address: str) -> dict[str, object]:
    capsys.readouterr()
    code = main(["scan", address, "--policy", str(DEMO_PACK), "--format", "json",
                 "--person", PERSON])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    doc: dict[str, object] = json.loads(out)
    return doc


def test_what_the_person_saw_on_a_walled_profile_is_kept(store_url: str, loopback: None,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", store_url)
    walled = "instagram.com/jo.rivers.walks"
    with serving() as web:
        monkeypatch.setenv("RISKSCAN_SITE_ORIGINS", f"instagram={web.origin}")
        web.routes["/robots.txt"] = Reply(200, "User-agent: *\nDisallow: /\n")
        first = _scan(capsys, walled)
        (check,) = first["guided_checks"]  # type: ignore[misc]
        assert all(look.get("recorded") is None for look in check["look_for"])
        assert main(["looked", walled, "a1", "--saw", "school name in my bio",
                     "--person", PERSON]) == 0
        assert main(["looked", walled, "A3", "--nothing", "--person", PERSON]) == 0
        assert main(["looked", walled, "Z9", "--nothing", "--person", PERSON]) == 2
        assert "is not a rule a profile can be checked for" in capsys.readouterr().err
        second = _scan(capsys, walled)
        capsys.readouterr()
        assert main(["scan", walled, "--policy", str(DEMO_PACK), "--format", "md",
                     "--person", PERSON]) in (0, 1)
        markdown = capsys.readouterr().out
    (check,) = second["guided_checks"]  # type: ignore[misc]
    recorded = {look["rule"]: look["recorded"] for look in check["look_for"]}
    assert recorded["A1"]["saw"] == "school name in my bio" and recorded["A1"]["risk"]
    assert recorded["A3"]["saw"] is None and not recorded["A3"]["risk"]
    assert recorded["A2"] is None
    assert "school name in my bio (recorded " in markdown
    assert main(["forget", "--person", PERSON]) == 0
    store = open_store(store_url, retention=0)
    try:
        assert looks_of(store, PERSON) == []
    finally:
        store.close()
