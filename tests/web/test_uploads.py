"""Uploads: streamed into a private folder, refused with a clear message when they are not an
export, a zip bomb, past the size limit or cut off halfway, and the server keeps running."""

from __future__ import annotations

import io
import socket
import stat
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from live import Live, live_server

from scanner.web.uploads import safe_relative


@pytest.fixture
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Live]:
    with live_server(tmp_path, monkeypatch, limit_mb=2) as running:
        yield running


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


TWEETS = (b'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "full_text": "Hello", '
          b'"created_at": "Mon Mar 03 10:00:00 +0000 2025"}}]')
ACCOUNT = (b'window.YTD.account.part0 = [{"account": {"username": "jo", "accountId": "9", '
           b'"accountDisplayName": "Jo"}}]')


def _upload(live: Live, files: list[tuple[str, bytes]]) -> tuple[int, dict[str, object]]:
    with live.client() as client:
        answer = client.post(f"/upload?csrf={live.csrf()}",
                             files=[("files", (name, data)) for name, data in files],
                             headers={"accept": "application/json"})
        return answer.status_code, answer.json()


def test_an_export_is_kept_in_a_private_folder_and_named(live: Live) -> None:
    status, answer = _upload(live, [("twitter-jo.zip", _zip({"data/tweets.js": TWEETS,
                                                             "data/account.js": ACCOUNT}))])
    assert status == 200 and answer["ok"], answer
    assert "X (Twitter)" in str(answer["message"])
    [batch] = live.prepared.state.uploads.batches
    assert stat.S_IMODE(live.prepared.state.uploads.root.stat().st_mode) == 0o700
    assert stat.S_IMODE((batch.folder / "twitter-jo.zip").stat().st_mode) == 0o600
    with live.client() as client:
        assert "X (Twitter) (1 file" in client.get("/").text


def test_a_file_that_is_not_an_export_is_refused_and_removed(live: Live) -> None:
    status, answer = _upload(live, [("holiday-plans.docx", b"not an export at all")])
    assert status == 400 and not answer["ok"]
    message = str(answer["message"])
    assert message.startswith("Nothing in that upload could be read: holiday-plans.docx does "
                              "not look like a social media export")
    assert "riskscan-serve" not in message  # the private folder is not named
    assert live.prepared.state.uploads.batches == []
    assert list(live.prepared.state.uploads.root.iterdir()) == []


def test_a_zip_bomb_is_refused_with_a_message(live: Live) -> None:
    bomb = _zip({"data/tweets.js": bytes(40 * 1024 * 1024)})  # 40 MB of zeros, ~40 KB
    assert len(bomb) < 100_000
    status, answer = _upload(live, [("twitter.zip", bomb)])
    assert status == 400
    assert "zip bomb" in str(answer["message"])
    assert live.prepared.state.uploads.batches == []


def test_an_upload_past_the_size_limit_is_refused_and_nothing_is_kept(live: Live) -> None:
    status, answer = _upload(live, [("big.zip", bytes(3 * 1024 * 1024))])
    assert status == 400
    assert "larger than riskscan accepts (2 MB" in str(answer["message"])
    assert list(live.prepared.state.uploads.root.iterdir()) == []


def test_the_limit_counts_the_bytes_even_without_a_declared_length(live: Live) -> None:
    def body() -> Iterator[bytes]:
        yield b"--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.zip\"\r\n\r\n"
        for _ in range(3 * 16):
            yield bytes(64 * 1024)
        yield b"\r\n--b--\r\n"

    with live.client() as client:
        answer = client.post(f"/upload?csrf={live.csrf()}", content=body(),
                             headers={"content-type": "multipart/form-data; boundary=b",
                                      "accept": "application/json"})
    assert answer.status_code == 400
    assert "larger than riskscan accepts" in answer.json()["message"]
    assert list(live.prepared.state.uploads.root.iterdir()) == []


def test_a_connection_dropped_halfway_keeps_nothing_and_the_server_runs_on(live: Live) -> None:
    port = live.prepared.state.keys.port
    with live.client() as client:
        name = live.prepared.state.keys.cookie
        cookie = f"{name}={client.cookies[name]}"
    head = (f"POST /upload?csrf={live.csrf()} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Cookie: {cookie}\r\nContent-Type: multipart/form-data; boundary=b\r\n"
            "Content-Length: 1000000\r\n\r\n"
            '--b\r\nContent-Disposition: form-data; name="files"; filename="x.zip"\r\n\r\n')
    with socket.create_connection(("127.0.0.1", port)) as raw:
        raw.sendall(head.encode() + bytes(200_000))
    # The server notices the closed connection and removes the half-written upload. It may not
    # have begun the upload when sendall returns, so first give it time to start (or to have
    # started and cleaned up already), then wait for the folder to be empty again.
    uploads = live.prepared.state.uploads.root
    _wait_until(lambda: any(uploads.iterdir()), seconds=2)
    _wait_until(lambda: not any(uploads.iterdir()), seconds=15)
    assert list(uploads.iterdir()) == []
    assert live.prepared.state.uploads.batches == []
    with live.client() as client:
        assert client.get("/").status_code == 200


def test_an_empty_upload_says_to_choose_files(live: Live) -> None:
    with live.client() as client:
        answer = client.post(f"/upload?csrf={live.csrf()}", files={"files": ("", b"")},
                             follow_redirects=True)
    assert "No files were chosen" in answer.text


def test_removing_an_upload_deletes_its_files(live: Live) -> None:
    _upload(live, [("twitter-jo.zip", _zip({"data/tweets.js": TWEETS}))])
    [batch] = live.prepared.state.uploads.batches
    with live.client() as client:
        client.post("/upload/remove", data={"csrf": live.csrf(), "upload": str(batch.number)})
    assert not batch.folder.exists()
    assert live.prepared.state.uploads.batches == []


@pytest.mark.parametrize(("name", "kept"), [
    ("twitter.zip", "twitter.zip"), ("../../etc/passwd", "etc/passwd"),
    ("C:\\Users\\jo\\x.zip", "C_/Users/jo/x.zip"), ("photos/2024/a.jpg", "photos/2024/a.jpg"),
    ("/abs/../b.zip", "abs/b.zip"), ("..", None), ("", None)])
def test_file_names_cannot_climb_out_of_the_upload_folder(name: str, kept: str | None) -> None:
    found = safe_relative(name)
    assert (str(found) if found else None) == kept


@given(st.text(max_size=200))
def test_no_browser_file_name_leaves_the_upload_folder(name: str) -> None:
    found = safe_relative(name)
    if found is None:
        return
    assert not found.is_absolute()
    assert ".." not in found.parts and "" not in found.parts
    root = Path("/upload-1")
    assert (root / found).resolve().is_relative_to(root)
    assert len(found.parts) <= 4


def _wait_until(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
