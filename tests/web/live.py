"""A real riskscan web server for tests: uvicorn on 127.0.0.1 in a thread, on a free port, with
its own throwaway store, and an HTTP client signed in the way a browser is."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from scanner.web.server import Prepared, prepare, uvicorn_server

CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@dataclass
class Live:
    prepared: Prepared
    base: str

    @property
    def address(self) -> str:
        return self.prepared.state.keys.address

    @contextmanager
    def client(self) -> Iterator[httpx.Client]:
        """A client that opened the printed address, so it holds the session cookie."""
        with httpx.Client(base_url=self.base, timeout=60) as client:
            answer = client.get(self.address)
            assert answer.status_code == 303
            yield client

    def csrf(self) -> str:
        return self.prepared.state.keys.csrf()


@contextmanager
def live_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit_mb: int | None = None,
                demo: bool = False) -> Iterator[Live]:
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", f"sqlite:///{tmp_path / 'store.sqlite3'}")
    if limit_mb is not None:
        monkeypatch.setenv("RISKSCAN_UPLOAD_LIMIT_MB", str(limit_mb))
    prepared = prepare(None, demo=demo)
    server = uvicorn_server(prepared)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [prepared.sock]},
                              daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield Live(prepared, f"http://127.0.0.1:{prepared.state.keys.port}")
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        prepared.close()


def wait_for_job(live: Live, seconds: float = 240) -> str:
    """Wait until the job that is running ends; its state."""
    deadline = time.monotonic() + seconds
    while True:
        job = live.prepared.state.jobs.current
        if job is not None and job.state != "running":
            return job.state
        assert time.monotonic() < deadline, "the job did not finish"
        time.sleep(0.2)
