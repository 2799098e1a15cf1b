"""Public profile addresses typed into the page: read from a real local web server only when
the scan starts, and scanned like an export; nothing else goes online."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from live import Live, wait_for_job

from tests.localweb import LocalWeb, Reply, serving

PAGES = Path(__file__).resolve().parents[1] / "net" / "pages"


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalWeb]:
    monkeypatch.setenv("RISKSCAN_ALLOW_LOOPBACK", "1")  # the test's server is on 127.0.0.1
    with serving() as server:
        server.routes["/robots.txt"] = Reply(200, "User-agent: *\nDisallow: /private/\n")
        server.routes["/jo"] = Reply(200, (PAGES / "jo_site.html").read_bytes())
        yield server


def test_a_profile_address_alone_is_read_and_scanned(live: Live, web: LocalWeb) -> None:
    with live.client() as client:
        home = client.get("/").text
        assert 'id="addresses"' in home
        assert web.paths() == []  # nothing is fetched until the scan starts
        client.post("/scan", data={"csrf": live.csrf(), "addresses": web.url("/jo") + "\n\n",
                                   "save": "yes"})
        assert wait_for_job(live) == "done"
        page = client.get("/checklist").text
    assert "/jo" in web.paths() and "/robots.txt" in web.paths()
    assert live.prepared.state.kept is not None
    sources = live.prepared.state.kept.doc["scanned"]["sources"]
    assert [(s["path"], s["platform"]) for s in sources] == [(web.url("/jo"), "web")]
    assert "Your checklist" in page


def test_an_address_refused_by_robots_txt_is_told(live: Live, web: LocalWeb) -> None:
    with live.client() as client:
        client.post("/scan", data={"csrf": live.csrf(), "addresses": web.url("/private/jo")})
        wait_for_job(live)
        page = client.get("/scan", follow_redirects=True).text
    assert "/private/jo" not in web.paths()
    assert f"Check this profile yourself: {web.url('/private/jo')}" in page
    assert "asks automated tools not to read its pages" in page


def test_nothing_to_scan_is_told(live: Live) -> None:
    with live.client() as client:
        page = client.post("/scan", data={"csrf": live.csrf(), "addresses": "  \n"},
                           follow_redirects=True).text
    assert "type a public profile address" in page
