"""The big platforms: every site's signatures against pages that must match and pages that must
not (tests/net/sites/), and the reader end to end against a local server standing in for them."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from scanner.model import Kind
from scanner.net import Page
from scanner.net.addresses import BIG_SITES
from scanner.sources.web import load_addresses
from scanner.sources.web.signatures import MEANINGS, recognise, signatures
from tests.localweb import LocalWeb, Reply, serving
from tests.net.conftest import quick

SITES = Path(__file__).parent / "sites"
SAMPLES: list[dict[str, Any]] = tomllib.loads((SITES / "samples.toml").read_text())["sample"]


def _page(sample: dict[str, Any]) -> Page:
    return Page(requested="https://example.invalid/", url=sample.get("url", "https://"
                "example.invalid/jo"), status=sample.get("status", 200),
                content_type="text/html", body=(SITES / sample["file"]).read_bytes(),
                fetched_at=datetime.now(UTC), headers=sample.get("headers", {}))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"{s['file']}@{s['site']}")
def test_each_sample_is_recognised_as_it_should_be(sample: dict[str, Any]) -> None:
    expected = None if sample["means"] == "profile" else sample["means"]
    assert recognise(sample["site"], _page(sample)) == expected


@pytest.mark.parametrize("site", sorted(BIG_SITES))
def test_every_site_has_a_page_that_matches_and_one_that_does_not(site: str) -> None:
    means = {s["means"] for s in SAMPLES if s["site"] == site}
    assert "profile" in means and means - {"profile"}
    assert any(s.site == site for s in signatures())


def test_every_signature_names_a_known_site_and_meaning() -> None:
    for signature in signatures():
        assert signature.site in {*BIG_SITES, "*"}
        assert signature.means in MEANINGS


def test_a_profile_page_of_one_site_is_not_taken_for_another_sites_wall() -> None:
    profile = next(s for s in SAMPLES if s["file"] == "instagram-profile.html")
    for site in BIG_SITES:
        assert recognise(site, _page(profile)) is None


# -- end to end, with a local server standing in for the site ---------------------------------
@pytest.fixture
def site(loopback: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalWeb]:
    with serving() as server:
        origins = ",".join(f"{name}={server.origin}" for name in BIG_SITES)
        monkeypatch.setenv("RISKSCAN_SITE_ORIGINS", origins)
        server.routes["/robots.txt"] = Reply(200, "User-agent: *\nAllow: /\n")
        yield server


def test_a_login_wall_is_not_checked_never_clear(site: LocalWeb) -> None:
    site.routes["/jo.rivers.walks/"] = Reply(200, (SITES / "instagram-login.html").read_bytes())
    (source,) = load_addresses(["instagram.com/jo.rivers.walks"], quick()).sources
    assert source.not_checked == "Instagram showed a login page"
    assert list(source.items()) == []
    assert source.problems[0].error == "Instagram showed a login page: not checked"
    assert source.problems[0].path == "instagram.com/jo.rivers.walks"


def test_robots_disallow_is_said_plainly(site: LocalWeb) -> None:
    site.routes["/robots.txt"] = Reply(200, "User-agent: *\nDisallow: /\n")
    (source,) = load_addresses(["instagram.com/jo.rivers.walks"], quick()).sources
    assert source.not_checked == "Instagram asks automated tools not to read its pages"
    assert site.paths() == ["/robots.txt"]


def test_a_public_profile_page_gives_its_profile(site: LocalWeb) -> None:
    site.routes["/jo.rivers.walks/"] = Reply(200, (SITES / "instagram-profile.html").read_bytes())
    (source,) = load_addresses(["instagram.com/jo.rivers.walks"], quick()).sources
    assert source.not_checked is None
    (profile,) = list(source.items())  # the avatar is missing on this server: a problem only
    assert profile.kind is Kind.PROFILE
    assert "Teacher at Oakwood Primary" in profile.text
    assert any("picture" in p.error and "HTTP 404" in p.error for p in source.problems), \
        source.problems


@pytest.mark.parametrize(("file", "status", "words"), [
    ("linkedin-999.html", 999, "LinkedIn refused riskscan's request"),
    ("linkedin-authwall.html", 200, "LinkedIn showed a login page"),
])
def test_linkedin_walls(site: LocalWeb, file: str, status: int, words: str) -> None:
    site.routes["/in/jo-rivers/"] = Reply(status, (SITES / file).read_bytes())
    (source,) = load_addresses(["linkedin.com/in/jo-rivers"], quick()).sources
    assert source.not_checked == words


def test_tiktok_profile_json_and_private_accounts(site: LocalWeb) -> None:
    site.routes["/@jorivers"] = Reply(200, (SITES / "tiktok-profile.html").read_bytes())
    site.routes["/@hidden"] = Reply(200, (SITES / "tiktok-private.html").read_bytes())
    shown, hidden = load_addresses(["tiktok.com/@jorivers", "tiktok.com/@hidden"],
                                   quick()).sources
    profile = next(i for i in shown.items() if i.kind is Kind.PROFILE)
    assert (profile.name, profile.text, profile.handle) == (
        "Jo Rivers", "Walks, lakes, weekend baking.", "jorivers")
    assert hidden.not_checked == ("TikTok shows this profile only to people who log in "
                                  "(a private account)")


def test_a_page_with_nothing_readable_is_not_checked(site: LocalWeb) -> None:
    site.routes["/jo.rivers"] = Reply(200, "<html><head><title>Facebook</title></head></html>")
    (source,) = load_addresses(["facebook.com/jo.rivers"], quick()).sources
    assert source.not_checked == "Facebook's page showed nothing riskscan can read without " \
        "logging in"
