"""Who may use the page: the printed key, the session cookie, the Host header, CSRF values."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live import Live, live_server


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    with pytest.MonkeyPatch.context() as patch, \
            live_server(tmp_path_factory.mktemp("guard"), patch) as running:
        yield running


def test_the_printed_address_sets_a_strict_http_only_cookie_and_drops_the_key(
        live: Live) -> None:
    with httpx.Client(base_url=live.base) as client:
        answer = client.get(live.address)
        assert answer.status_code == 303
        assert answer.headers["location"] == "/"
        cookie = answer.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert live.prepared.state.keys.token not in cookie
        page = client.get("/")
        assert page.status_code == 200
        assert "Add your exports" in page.text


@pytest.mark.parametrize("path", ["/", "/checklist", "/static/riskscan.css", "/scan/events",
                                  "/download/json", "/dsl/policy"])
def test_every_page_and_asset_is_refused_without_the_cookie(live: Live, path: str) -> None:
    answer = httpx.get(live.base + path)
    assert answer.status_code == 403
    assert "the address riskscan printed" in answer.text


def test_a_wrong_key_is_refused_with_a_message_and_no_cookie(live: Live) -> None:
    answer = httpx.get(live.base + "/?token=not-the-key", follow_redirects=False)
    assert answer.status_code == 403
    assert "set-cookie" not in answer.headers
    assert "does not match" in answer.text


def test_a_forged_cookie_is_refused(live: Live) -> None:
    cookie = {live.prepared.state.keys.cookie: "guessed"}
    assert httpx.get(live.base + "/", cookies=cookie).status_code == 403


@pytest.mark.parametrize("host", ["evil.example:80", "attacker.test", "127.0.0.1",
                                  "127.0.0.1:1", "localhost.evil.example"])
def test_a_foreign_host_header_is_refused_even_with_the_cookie(live: Live, host: str) -> None:
    with live.client() as client:
        answer = client.get("/", headers={"host": host})
        assert answer.status_code == 421
        assert "only answers at" in answer.text


def test_localhost_with_the_port_is_accepted(live: Live) -> None:
    with live.client() as client:
        port = live.prepared.state.keys.port
        assert client.get("/", headers={"host": f"localhost:{port}"}).status_code == 200


@pytest.mark.parametrize("csrf", [None, "", "0" * 64, "not hex"])
def test_forms_without_the_right_csrf_value_change_nothing(live: Live, csrf: str | None,
                                                           ) -> None:
    state = live.prepared.state
    with live.client() as client:
        fields = {"confirm": "delete"} if csrf is None else {"confirm": "delete", "csrf": csrf}
        answer = client.post("/forget", data=fields)
        assert answer.status_code == 403
        assert "did not come from this page" in answer.text
        upload = client.post(f"/upload?csrf={csrf or ''}",
                             files={"files": ("x.zip", b"PK")})
        assert upload.status_code in (303, 400)
        assert not state.uploads.batches
        assert not list(state.uploads.root.iterdir())
        assert client.get("/").status_code == 200  # still running


def test_pages_forbid_anything_from_elsewhere(live: Live) -> None:
    with live.client() as client:
        answer = client.get("/")
    csp = answer.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "http" not in answer.text.split("<main", 1)[0].replace("http-equiv", "")


def test_the_key_and_cookie_change_with_every_start(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    live: Live) -> None:
    with live_server(tmp_path, monkeypatch) as other:
        assert other.prepared.state.keys.token != live.prepared.state.keys.token
        assert other.prepared.state.keys.session != live.prepared.state.keys.session
        with live.client() as client:  # a session of one server opens nothing on another
            cookie = client.cookies.get(live.prepared.state.keys.cookie)
        assert httpx.get(other.base + "/", cookies={other.prepared.state.keys.cookie: cookie or ""}
                         ).status_code == 403
