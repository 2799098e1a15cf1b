"""`riskscan inspect` and `riskscan scan` with profile addresses, through the real command line
against local servers: the contract in the README."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner.cli import main
from scanner.policy import DEMO_PACK
from tests.localweb import LocalWeb, Reply, serving

PAGES = Path(__file__).parent / "pages"
SITES = Path(__file__).parent / "sites"


@pytest.fixture
def web(loopback: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalWeb]:
    with serving() as server:
        monkeypatch.setenv("RISKSCAN_SITE_ORIGINS", f"instagram={server.origin}")
        server.routes["/robots.txt"] = Reply(200, "User-agent: *\nDisallow: /private/\n")
        server.routes["/jo"] = Reply(200, (PAGES / "jo_site.html").read_bytes())
        server.routes["/jo.rivers.walks/"] = Reply(200, (SITES / "instagram-login.html")
                                                   .read_bytes())
        yield server


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_inspect_json_lists_addresses_like_archives(web: LocalWeb,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "inspect", web.url("/jo"), "instagram.com/jo.rivers.walks",
                        "@broken", "--json")
    doc = json.loads(out)
    assert [(s["path"], s["platform"]) for s in doc["sources"]] == [
        (web.url("/jo"), "web"), ("instagram.com/jo.rivers.walks", "instagram")]
    assert set(doc["sources"][0]) == {"path", "platform", "export_version", "account", "counts"}
    assert doc["sources"][0]["counts"]["profile"] == 1
    assert doc["sources"][0]["account"]["display_name"] == "Jo Rivers"
    problems = {p["path"]: p["error"] for p in doc["problems"]}
    assert problems["instagram.com/jo.rivers.walks"] == \
        "Instagram showed a login page: not checked"
    assert "not a profile address" in problems["@broken"]
    assert code == 2  # one input could not be read at all


def test_scan_json_with_a_page_and_a_walled_site(web: LocalWeb,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "scan", web.url("/jo"), "instagram.com/jo.rivers.walks",
                          "--policy", str(DEMO_PACK), "--format", "json", "--no-save")
    assert code == 1, err
    doc = json.loads(out)
    sources = {s["path"]: s for s in doc["scanned"]["sources"]}
    assert sources[web.url("/jo")]["not_checked"] is None
    assert sources["instagram.com/jo.rivers.walks"]["not_checked"] == \
        "Instagram showed a login page"
    rules = {item["rule"]: item for item in doc["checklist"]}
    # planted on the page: the school named in the bio, a school e-mail in its contact details
    assert rules["A2"]["status"] == "risk"
    assert rules["A5"]["status"] in ("risk", "review")
    assert all(f["where"]["file"] == web.url("/jo") for f in rules["A2"]["findings"])
    assert rules["A7"]["status"] == "risk"
    assert "without logging in" in rules["A7"]["findings"][0]["why"]
    # the walled profile: nothing there is "clear", and the person is shown how to look
    clear = [item for item in doc["checklist"] if item["status"] == "clear"]
    assert clear == []
    (guided,) = doc["guided_checks"]
    assert guided["address"] == "instagram.com/jo.rivers.walks"
    assert "https://instagram.com/jo.rivers.walks" in guided["steps"][1]
    assert any(look["rule"] == "A3" for look in guided["look_for"])


def test_scan_terminal_report_shows_the_guided_check(web: LocalWeb,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    _, out, _ = _run(capsys, "scan", "instagram.com/jo.rivers.walks", "--policy",
                     str(DEMO_PACK), "--no-save")
    assert "Check this profile yourself: instagram.com/jo.rivers.walks" in out
    assert "private (incognito) browser window" in out
    assert "What I saw:" in out


def test_profiles_file(web: LocalWeb, capsys: pytest.CaptureFixture[str],
                       tmp_path: Path) -> None:
    listed = tmp_path / "profiles.txt"
    listed.write_text(f"# my public profiles\n{web.url('/jo')}\n\n"
                      "instagram.com/jo.rivers.walks\n")
    code, out, _ = _run(capsys, "inspect", "--profiles", str(listed), "--json")
    assert [s["path"] for s in json.loads(out)["sources"]] == [
        web.url("/jo"), "instagram.com/jo.rivers.walks"]
    code, _, err = _run(capsys, "inspect", "--profiles", str(tmp_path / "missing.txt"))
    assert code == 2 and err.strip().count("\n") == 0 and "does not exist" in err
    code, _, err = _run(capsys, "scan")
    assert code == 2 and "nothing to read" in err


def test_a_scan_of_archives_opens_no_socket(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str],
                                            real_samples: Path) -> None:
    opened: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        opened.append(args)
        raise AssertionError("an archive scan tried to go online")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    archive = real_samples / "archives" / "mastodon" / "masto-2024-07-anonymised"
    code, out, err = _run(capsys, "scan", str(archive), "--policy", str(DEMO_PACK),
                          "--format", "json", "--no-save")
    assert code in (0, 1), err
    assert json.loads(out)["scanned"]["sources"][0]["not_checked"] is None
    assert opened == []


def test_each_address_keeps_its_own_picture(loopback: None,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    # Two pages whose avatars have the same name: only the one that is the school's logo is A3.
    crest = (DEMO_PACK.parent / "logo.png").read_bytes()
    with serving() as first, serving() as second:
        for server, picture in ((first, crest), (second, _plain_png())):
            server.routes["/robots.txt"] = Reply(404, "")
            server.routes["/"] = Reply(200, '<html><head><meta property="og:image" '
                                            'content="/avatar.png"></head><body><p>Hello '
                                            'there</p></body></html>')
            server.routes["/avatar.png"] = Reply(200, picture, content_type="image/png")
        code, out, err = _run(capsys, "scan", second.url("/"), first.url("/"), "--policy",
                              str(DEMO_PACK), "--format", "json", "--no-save")
    assert code == 1, err
    a3 = {item["rule"]: item for item in json.loads(out)["checklist"]}["A3"]
    assert {f["where"]["file"] for f in a3["findings"]} == {first.url("/")}


def _plain_png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 64), (30, 120, 200)).save(out, "PNG")
    return out.getvalue()
