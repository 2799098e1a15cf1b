"""The worker: a rescan killed with kill -9 mid-fetch is taken over once its claim runs out, and
leaves no half-run; the APScheduler service follows the database (new consents get a job,
withdrawn ones lose theirs) without a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from localweb import LocalWeb, Reply
from rescan_support import Clock, page, sam, settings
from storage_backends import every_row, store_fixture, store_url_fixture  # noqa: F401

from scanner.rescans.claims import LEASE
from scanner.rescans.consents import grant, withdraw
from scanner.rescans.engine import rescan_due
from scanner.rescans.schedule import add_months_to_date
from scanner.rescans.worker import PREFIX, Worker, WorkerOptions
from storage.db import Store
from storage.store import open_store

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 20.0


def _wait_for(condition: object, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


def test_a_worker_killed_mid_rescan_is_taken_over_and_the_run_is_whole(
        store_url: str, web: LocalWeb, tmp_path: Path) -> None:
    fetching, release = threading.Event(), threading.Event()

    def hang(handler: BaseHTTPRequestHandler) -> None:
        fetching.set()
        release.wait(30)
        Reply(body=page("teacher.html")).send(handler)

    web.routes["/sam"] = hang
    store = open_store(store_url, retention=0)
    started = datetime.now(UTC) - timedelta(hours=2)
    consent = grant(store, sam([web.url("/sam")], starts=started,
                               expires=add_months_to_date(date.today(), 6)), now=started)["id"]
    env = {**os.environ, "RISKSCAN_DATABASE_URL": store_url, "RISKSCAN_ALLOW_LOOPBACK": "1",
           "RISKSCAN_RETENTION_DAYS": "0", "RISKSCAN_OUTBOX": str(tmp_path / "outbox"),
           "RISKSCAN_RESCAN_TIME_LIMIT": str(TIME_LIMIT)}
    worker = subprocess.Popen([sys.executable, "-m", "scanner.cli", "rescan", "--due"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    try:
        assert fetching.wait(60), worker.stderr.read().decode() if worker.stderr else ""
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
        release.set()
    web.routes["/sam"] = Reply(body=page("teacher.html"))
    try:
        rows = every_row(store)
        assert rows["runs"] == [] and rows["findings"] == [] and rows["rescan_pages"] == []
        now = datetime.now(UTC)
        run = settings(store, Clock(now), time_limit=TIME_LIMIT)
        assert rescan_due(store, "w2", run) == []  # the dead worker's claim still holds
        run.clock = Clock(now + LEASE)
        [outcome] = rescan_due(store, "w2", run)
        assert outcome.consent_id == consent and outcome.run_id is not None
        assert len(every_row(store)["runs"]) == 1
        assert rescan_due(store, "w2", run) == []  # done once, not again
    finally:
        store.close()


def test_the_scheduler_follows_new_and_withdrawn_consents_without_a_restart(
        store: Store, web: LocalWeb) -> None:
    web.routes["/sam"] = Reply(body=page("teacher.html"))
    scheduler = BackgroundScheduler(timezone=UTC)
    lines: list[str] = []
    now = datetime.now(UTC)
    worker = Worker(store, "w1", settings(store, Clock(now)), WorkerOptions(
        threads=2, sync_every=0.2, deliver_every=60), lines.append, scheduler)
    later = grant(store, sam([web.url("/later")], starts=now + timedelta(days=3),
                             expires=add_months_to_date(date.today(), 6)), now=now)["id"]
    worker.start()
    try:
        _wait_for(lambda: scheduler.get_job(f"{PREFIX}{later}") is not None)
        assert web.seen == []  # not due for three days: scheduled, not fetched
        due = grant(store, sam([web.url("/sam")], starts=now - timedelta(hours=2),
                               expires=add_months_to_date(date.today(), 6)),
                    now=now - timedelta(hours=2))["id"]
        _wait_for(lambda: any(f"consent {due}: rescanned" in line for line in lines))
        assert len(every_row(store)["runs"]) == 1
        withdraw(store, later, now=now)
        _wait_for(lambda: scheduler.get_job(f"{PREFIX}{later}") is None, 10)
        assert web.paths() == ["/robots.txt", "/sam"]
    finally:
        worker.stop()


@pytest.mark.parametrize("threads", [1, 3])
def test_a_pass_rescans_every_due_consent_once(store: Store, web: LocalWeb,
                                               threads: int) -> None:
    web.routes["/sam"] = Reply(body=page("teacher.html"))
    now = datetime.now(UTC)
    made = {grant(store, sam([web.url("/sam")], person=f"Teacher {i}", starts=now),
                  now=now)["id"] for i in range(6)}
    outcomes = rescan_due(store, "w1", settings(store, Clock(now + timedelta(hours=1))),
                          threads=threads)
    assert sorted(o.consent_id for o in outcomes) == sorted(made)
    assert web.paths().count("/sam") == 6
