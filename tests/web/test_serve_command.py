"""The contract: `riskscan serve [--port N] [--no-browser] [--demo]` prints the address to open
as its first line on standard output, answers only there, and Ctrl-C stops it cleanly."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from scanner.cli import main

ROOT = Path(__file__).resolve().parents[2]
ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=[A-Za-z0-9_-]{20,}")


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TMPDIR": str(tmp_path),
           "RISKSCAN_DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite3'}"}
    return subprocess.Popen([sys.executable, "-m", "scanner.cli", "serve", "--no-browser", *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _stop(server: subprocess.Popen[str]) -> tuple[int, str]:
    server.send_signal(signal.SIGINT)
    _, err = server.communicate(timeout=60)
    return server.returncode, err


@pytest.mark.parametrize("demo", [False, True])
def test_first_line_is_the_address_and_ctrl_c_stops_cleanly(tmp_path: Path,
                                                             demo: bool) -> None:
    server = _start(tmp_path, *(["--demo"] if demo else []))
    try:
        assert server.stdout is not None
        first = server.stdout.readline().strip()
        found = ADDRESS.fullmatch(first)
        assert found, first
        port = int(found.group(1))
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            assert client.get(first).status_code == 303
            home = client.get("/")
            assert home.status_code == 200
            assert ("Jo Whitmore" in home.text) is demo
        assert list(tmp_path.glob("riskscan-serve-*"))  # its private folder, while it runs
    finally:
        code, err = _stop(server)
    assert code == 0, err
    assert "riskscan stopped." in err and "Traceback" not in err
    assert not list(tmp_path.glob("riskscan-serve-*"))  # uploads and demo store removed


def test_it_listens_on_127_0_0_1_only(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    server = _start(tmp_path)
    try:
        assert server.stdout is not None
        found = ADDRESS.fullmatch(server.stdout.readline().strip())
        assert found
        listening = {(c.laddr.ip, c.laddr.port)
                     for c in psutil.Process(server.pid).net_connections(kind="inet")
                     if c.status == psutil.CONN_LISTEN}
        assert listening == {("127.0.0.1", int(found.group(1)))}
    finally:
        _stop(server)


def test_a_port_in_use_is_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "scanner.cli", "serve", "--no-browser",
                                 "--port", str(port)], cwd=ROOT, capture_output=True,
                                text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (f"riskscan: port {port} is already in use on this "
                                     "computer: choose another with --port, or leave --port "
                                     "out to pick a free one.")


@pytest.mark.parametrize("port", ["99999", "0", "-1", "eighty"])
def test_a_port_that_is_no_port_is_one_clear_line(port: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve", "--no-browser", "--port", port])
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert f"'{port}' is not a port number" in error and "Traceback" not in error
