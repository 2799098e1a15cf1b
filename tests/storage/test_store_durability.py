"""Never losing data: a save killed halfway leaves the store as it was and unlocked, and two
processes saving at once into one SQLite file both succeed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from storage_backends import every_row, finding, run_record, store_url_fixture  # noqa: F401

from storage.errors import StoreError
from storage.migrations import LATEST
from storage.repository import PAUSE_SETTING, findings_of, runs_of, save_run
from storage.store import open_store

WORKER = Path(__file__).with_name("save_worker.py")


def _worker(url: str, person: str, runs: int, findings: int, go: Path | None = None,
            pause: float | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.pop(PAUSE_SETTING, None)
    if pause is not None:
        env[PAUSE_SETTING] = str(pause)
    args = [sys.executable, str(WORKER), url, person, str(runs), str(findings)]
    return subprocess.Popen([*args, *([str(go)] if go else [])], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_pause(process: subprocess.Popen[str]) -> None:
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if "paused inside the save transaction" in line:
            return
        if not line and process.poll() is not None:
            break
    pytest.fail(f"the worker never reached its save (exit {process.poll()})")


def test_a_save_killed_inside_its_transaction_leaves_the_store_as_it_was(store_url: str) -> None:
    store = open_store(store_url, retention=0)
    kept = save_run(store, "me", run_record([finding("B1", "1")]))
    before = every_row(store)
    victim = _worker(store_url, "me", runs=1, findings=3000, pause=60)
    try:
        _wait_for_pause(victim)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
    finally:
        if victim.poll() is None:
            victim.kill()
    assert victim.returncode == -signal.SIGKILL
    assert every_row(store) == before  # no half-run, not even its audit entry
    started = time.perf_counter()
    after = save_run(store, "me", run_record([finding("B1", "2")]))  # no lock left behind
    assert time.perf_counter() - started < 5
    assert [r.id for r in runs_of(store, "me")] == [kept, after]
    assert len(findings_of(store, after)) == 1
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    store.close()


def test_a_store_killed_before_its_first_save_still_opens(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    victim = _worker(url, "me", runs=1, findings=10, pause=60)
    _wait_for_pause(victim)
    victim.kill()
    victim.wait(timeout=30)
    store = open_store(url, retention=0)
    try:
        assert runs_of(store, "me") == []
        save_run(store, "me", run_record([finding("B1", "1")]))
        assert len(runs_of(store, "me")) == 1
    finally:
        store.close()


def test_many_openers_of_one_new_sqlite_file_all_get_the_store(tmp_path: Path) -> None:
    # Switching a new file to WAL is the one step SQLite refuses at once, instead of waiting,
    # when another connection is at it too; threads race for it the way processes do.
    failures: list[str] = []

    def open_after(barrier: threading.Barrier, url: str) -> None:
        barrier.wait()
        try:
            open_store(url, retention=0).close()
        except StoreError as exc:
            failures.append(str(exc))

    for round_number in range(25):
        url = f"sqlite:///{tmp_path / f'new-{round_number}.sqlite3'}"
        barrier = threading.Barrier(4)
        openers = [threading.Thread(target=open_after, args=(barrier, url)) for _ in range(4)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(timeout=120)
        with sa.create_engine(url).connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar() \
                == LATEST
    assert failures == []


def test_two_processes_saving_at_once_into_one_sqlite_file_both_succeed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"  # a new file: both also migrate it
    go = tmp_path / "go"
    workers = [_worker(url, person, runs=3, findings=2000, go=go) for person in ("a", "b")]
    time.sleep(1.0)  # both are started and waiting
    started = time.perf_counter()
    go.touch()
    outputs = [w.communicate(timeout=120) for w in workers]
    elapsed = time.perf_counter() - started
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err[-2000:]
        assert out.count("saved") == 3
    store = open_store(url, retention=0)
    try:
        for person in ("a", "b"):
            runs = runs_of(store, person)
            assert len(runs) == 3
            assert all(len(findings_of(store, r.id or 0)) == 2000 for r in runs)
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar() \
                == LATEST
    finally:
        store.close()
    print(f"two processes, 3 saves of 2,000 findings each: {elapsed:.2f} s")


def test_a_writer_waits_for_another_writers_transaction(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'busy.sqlite3'}"
    open_store(url, retention=0).close()
    holder = _worker(url, "a", runs=1, findings=100, pause=2)
    _wait_for_pause(holder)
    store = open_store(url, retention=0)
    try:
        started = time.perf_counter()
        save_run(store, "b", run_record([finding("B1", "1")]))
        waited = time.perf_counter() - started
        assert holder.wait(timeout=30) == 0
        assert waited > 0.5  # it queued behind the other transaction instead of failing
        assert len(runs_of(store, "a")) == len(runs_of(store, "b")) == 1
    finally:
        store.close()


def test_saving_5000_findings_is_one_short_transaction(store_url: str) -> None:
    store = open_store(store_url, retention=0)
    findings = [finding("B1", str(i), certain=i % 3 == 0) for i in range(5000)]
    started = time.perf_counter()
    run_id = save_run(store, "me", run_record(findings))
    elapsed = time.perf_counter() - started
    assert len(findings_of(store, run_id)) == 5000
    store.close()
    print(f"save of 5,000 findings ({store.dialect}): {elapsed:.3f} s")
    assert elapsed < 10
