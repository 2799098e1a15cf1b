"""What a person types for a public profile, and how each becomes a source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scanner.model import Kind
from scanner.net.addresses import AddressError, parse_address
from scanner.sources.web import load_addresses
from tests.localweb import LocalWeb, Reply, serving
from tests.net.conftest import Connections, quick

PAGES = Path(__file__).parent / "pages"


@pytest.mark.parametrize(("given", "platform", "account", "url"), [
    ("https://jo.example.org/about", "web", "https://jo.example.org/about",
     "https://jo.example.org/about"),
    ("http://jo.example.org/", "web", "https://jo.example.org/", "https://jo.example.org/"),
    ("@jo@mastodon.example", "mastodon", "@jo@mastodon.example", "https://mastodon.example"),
    ("https://mastodon.example/@jo", "mastodon", "@jo@mastodon.example",
     "https://mastodon.example"),
    ("@jo@127.0.0.1:8080", "mastodon", "@jo@127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("jo.bsky.social", "bluesky", "jo.bsky.social", "https://bsky.app/profile/jo.bsky.social"),
    ("did:plc:abcdefghijklmnopqrstuvwx", "bluesky", "did:plc:abcdefghijklmnopqrstuvwx",
     "https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx"),
    ("https://bsky.app/profile/Jo.bsky.social", "bluesky", "jo.bsky.social",
     "https://bsky.app/profile/jo.bsky.social"),
    ("x.com/jo_rivers", "twitter", "jo_rivers", "https://x.com/jo_rivers"),
    ("https://twitter.com/jo_rivers", "twitter", "jo_rivers", "https://x.com/jo_rivers"),
    ("instagram.com/jo.rivers", "instagram", "jo.rivers", "https://www.instagram.com/jo.rivers/"),
    ("www.facebook.com/jo.rivers", "facebook", "jo.rivers", "https://www.facebook.com/jo.rivers"),
    ("linkedin.com/in/jo-rivers", "linkedin", "jo-rivers",
     "https://www.linkedin.com/in/jo-rivers/"),
    ("tiktok.com/@jorivers", "tiktok", "jorivers", "https://www.tiktok.com/@jorivers"),
    ("threads.net/@jorivers", "threads", "jorivers", "https://www.threads.net/@jorivers"),
])
def test_addresses(given: str, platform: str, account: str, url: str) -> None:
    address = parse_address(given)
    assert (address.platform, address.account, address.url) == (platform, account, url)
    assert address.given == given


@pytest.mark.parametrize(("given", "words"), [
    ("jo rivers", "not a profile address"), ("jo", "not a profile address"),
    ("ftp://files.example/jo", "not a profile address"),
    ("linkedin.com/company/oakwood", "give it as linkedin.com/in/NAME"),
    ("tiktok.com/jorivers", "give it as tiktok.com/@NAME"),
    ("instagram.com/", "instagram.com/NAME"),
])
def test_not_addresses(given: str, words: str) -> None:
    with pytest.raises(AddressError, match=words):
        parse_address(given)


@given(st.text(max_size=80))
def test_any_text_is_an_address_or_one_line(text: str) -> None:
    try:
        address = parse_address(text)
    except AddressError as exc:
        assert "\n" not in str(exc) and "\r" not in str(exc)
    else:
        assert address.platform and address.url.startswith(("https://", "http://"))


def test_the_site_origin_setting_moves_only_the_big_sites(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setenv("RISKSCAN_SITE_ORIGINS", "instagram=http://127.0.0.1:8001")
    assert parse_address("instagram.com/jo").url == "http://127.0.0.1:8001/jo/"
    assert parse_address("x.com/jo").url == "https://x.com/jo"


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with serving() as server:
        server.routes["/robots.txt"] = Reply(404, "")
        yield server


def test_a_web_page_becomes_a_source(web: LocalWeb, loopback: None) -> None:
    web.routes["/jo"] = Reply(200, (PAGES / "jo_site.html").read_bytes())
    web.routes["/avatar.png"] = Reply(200, _png(), content_type="image/png")
    loaded = load_addresses([web.url("/jo"), "not an address"], quick())
    assert [p.path for p in loaded.failed] == ["not an address"]
    (source,) = loaded.sources
    assert (source.path, source.platform, source.not_checked) == (web.url("/jo"), "web", None)
    items = list(source.items())
    profile = next(i for i in items if i.kind is Kind.PROFILE)
    assert profile.name == "Jo Rivers" and profile.handle == "jorivers"
    assert "Views are my own" in profile.text and "walk the fells" in profile.text
    assert profile.extra["works for"] == "Oakwood Primary School"
    assert profile.extra["job title"] == "Year 5 teacher"
    assert profile.extra["location"] == "Kendal"
    assert "j.rivers@oakwood.example.sch.uk" in profile.extra["contact"]
    assert "jo.rivers@example.org" in profile.extra["contact"]
    assert "https://mastodon.example/@jorivers" in profile.extra["links"]
    assert "https://walking.example.net/routes" in profile.extra["outbound links"]
    assert profile.ref.file == web.url("/jo")
    texts = [i.text for i in items if i.kind is Kind.POST]
    assert "Striding Edge in the rain: never again without proper boots." in texts
    assert not any("notText" in t or "a comment" in t for t in texts)
    (picture,) = [i for i in items if i.kind is Kind.MEDIA]
    assert source.archive.open(picture.media[0]).read() == _png()
    assert [(p.url, p.status) for p in source.pages] == [(web.url("/jo"), 200),
                                                        (web.url("/avatar.png"), 200)]
    assert len(source.pages[0].sha256) == 64


@pytest.mark.parametrize(("reply", "words"), [
    (Reply(404, "<title>Not found</title>"), "answered with an error (404, not found)"),
    (Reply(200, b"%PDF-1.4", content_type="application/pdf"), "not a web page"),
])
def test_pages_that_cannot_be_read_are_not_checked(web: LocalWeb, loopback: None,
                                                   reply: Reply, words: str) -> None:
    web.routes["/jo"] = reply
    (source,) = load_addresses([web.url("/jo")], quick()).sources
    assert source.not_checked is not None and words in source.not_checked
    assert list(source.items()) == []
    assert [p.path for p in source.problems] == [web.url("/jo")]
    assert source.problems[0].error.endswith(": not checked")


def test_invalid_utf8_is_read_with_a_note(web: LocalWeb, loopback: None) -> None:
    web.routes["/jo"] = Reply(200, b"<p>Caf\xe9 on Saturday with the walking group</p>",
                              content_type="text/html; charset=utf-8")
    (source,) = load_addresses([web.url("/jo")], quick()).sources
    assert source.not_checked is None
    assert any("not valid text" in p.error for p in source.problems)
    assert any("walking group" in i.text for i in source.items())


def test_html_nested_100000_deep_is_bounded(web: LocalWeb, loopback: None) -> None:
    web.routes["/deep"] = Reply(200, "<html><body>" + "<div>" * 100_000 + "Jo" +
                                "</div>" * 100_000)
    (source,) = load_addresses([web.url("/deep")], quick()).sources
    assert source.not_checked is None
    assert any("only its first part" in p.error for p in source.problems)


def test_robots_refusal_is_said_plainly(web: LocalWeb, loopback: None,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    web.routes["/robots.txt"] = Reply(200, "User-agent: *\nDisallow: /\n")
    (source,) = load_addresses([web.url("/jo")], quick()).sources
    assert source.not_checked == "The web page asks automated tools not to read its pages"
    assert web.paths() == ["/robots.txt"]


def test_an_unreachable_address_does_not_stop_the_others(web: LocalWeb, loopback: None,
                                                         connections: Connections) -> None:
    web.routes["/jo"] = Reply(200, "<p>Jo's page about walking</p>")
    loaded = load_addresses(["https://10.0.0.8/jo", web.url("/jo")], quick())
    first, second = loaded.sources
    assert first.not_checked and "never connects" in first.not_checked
    assert second.not_checked is None
    assert "10.0.0.8" not in connections


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_a_real_h_resume_page(web: LocalWeb, loopback: None, real_samples: Path) -> None:
    web.routes["/cv"] = Reply(200, (real_samples / "pages" / "hresume_education.html")
                              .read_bytes())
    (source,) = load_addresses([web.url("/cv")], quick()).sources
    profile = next(i for i in source.items() if i.kind is Kind.PROFILE)
    assert profile.name == "Tim Berners-Lee"
    assert profile.text == "Invented the World Wide Web."
    assert profile.extra["job title"] == "Director of the World Wide Web Foundation"
    assert profile.extra["education"] == "The Queen's College, Oxford University"
