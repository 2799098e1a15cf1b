"""Faults a scheduled rescan must survive: the clock jumping forward or back, and the database
dropping its connections mid-rescan. In every case each rescan is stored whole or not at all,
never twice, and the next pass carries on."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import sqlalchemy as sa
from localweb import LocalWeb, Reply
from rescan_support import NOW, Clock, page, sam, settings
from storage_backends import every_row, make_backend, store_fixture, store_url_fixture  # noqa: F401

from scanner.rescans import claims
from scanner.rescans.consents import grant, show
from scanner.rescans.engine import EXIT_REFUSED, Outcome, rescan_due
from storage.db import Store
from storage.store import open_store


def _held_page(web: LocalWeb, path: str) -> tuple[threading.Event, threading.Event]:
    """The page at `path` answers only once `release` is set; `fetching` says it was asked."""
    fetching, release = threading.Event(), threading.Event()

    def held(handler: BaseHTTPRequestHandler) -> None:
        fetching.set()
        release.wait(30)
        Reply(body=page("teacher.html")).send(handler)

    web.routes[path] = held
    return fetching, release


def _in_thread(work: object) -> tuple[threading.Thread, list[list[Outcome]]]:
    results: list[list[Outcome]] = []
    thread = threading.Thread(target=lambda: results.append(work()))  # type: ignore[operator]
    thread.start()
    return thread, results


def test_a_clock_jump_forward_mid_rescan_stores_one_run_not_two(
        store: Store, web: LocalWeb) -> None:
    fetching, release = _held_page(web, "/sam")
    consent = grant(store, sam([web.url("/sam")]), now=NOW)["id"]
    first = settings(store, Clock(NOW + timedelta(hours=1)))
    thread, results = _in_thread(lambda: rescan_due(store, "w1", first))
    try:
        assert fetching.wait(30)
        # Worker 2's clock is an hour ahead (a jump, or a machine out of sync): w1's claim
        # looks expired to it, so it takes the rescan over and stores it.
        web.routes["/sam"] = Reply(body=page("teacher.html"))
        second = settings(store, Clock(NOW + timedelta(hours=2)))
        [taken_over] = rescan_due(store, "w2", second)
        assert taken_over.run_id is not None
    finally:
        release.set()
        thread.join(30)
    [[late]] = results
    assert late.exit == EXIT_REFUSED and "discarded" in late.line  # w1's result is dropped
    assert len(every_row(store)["runs"]) == 1
    assert len(every_row(store)["rescan_pages"]) == 1
    assert show(store, consent, now=NOW + timedelta(hours=2))["last_rescan"] is not None


def test_a_clock_jump_back_rescans_nothing_twice_and_the_schedule_goes_on(
        store: Store, web: LocalWeb) -> None:
    web.routes["/sam"] = Reply(body=page("teacher.html"))
    grant(store, sam([web.url("/sam")]), now=NOW)
    clock = Clock(NOW + timedelta(hours=1))
    run = settings(store, clock)
    assert len(rescan_due(store, "w1", run)) == 1
    clock.now = NOW - timedelta(days=1)  # the clock is set back a day
    assert rescan_due(store, "w1", run) == []
    clock.now = NOW + timedelta(hours=2)  # and put right: still nothing due until next month
    assert rescan_due(store, "w1", run) == []
    clock.now = NOW + timedelta(days=40)  # forward past a missed month: one rescan, not two
    assert len(rescan_due(store, "w1", run)) == 1
    assert len(every_row(store)["runs"]) == 2
    assert web.paths().count("/sam") == 2


def test_a_clock_jump_past_the_expiry_ends_the_consent_and_deletes_its_data(
        store: Store, web: LocalWeb) -> None:
    from scanner.rescans.engine import sweep

    web.routes["/sam"] = Reply(body=page("teacher.html"))
    consent = grant(store, sam([web.url("/sam")]), now=NOW)["id"]
    clock = Clock(NOW + timedelta(hours=1))
    run = settings(store, clock)
    rescan_due(store, "w1", run)
    clock.now = NOW + timedelta(days=400)
    assert sweep(store, run)["expired"] == 1
    assert rescan_due(store, "w1", run) == []
    assert show(store, consent, now=clock.now)["status"] == "expired"
    assert every_row(store)["runs"] == [] and every_row(store)["rescan_pages"] == []


@pytest.fixture
def named_pg_url(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A PostgreSQL store whose connections carry their own application name, so the test can
    cut exactly those (as a database restart or a network drop would)."""
    name = f"rs_fault_{uuid.uuid4().hex[:10]}"
    for url in make_backend("postgresql", tmp_path):
        yield sa.make_url(url).update_query_dict(
            {"application_name": name}).render_as_string(hide_password=False), name


def _cut_connections(admin_url: str, name: str) -> int:
    admin = sa.create_engine(admin_url)
    try:
        with admin.begin() as conn:
            return len(conn.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = :name"), {"name": name}).all())
    finally:
        admin.dispose()


def test_the_database_dropping_its_connections_mid_rescan_loses_nothing(
        named_pg_url: tuple[str, str], web: LocalWeb) -> None:
    from storage_backends import postgres_base

    url, name = named_pg_url
    store = open_store(url, retention=0)
    try:
        fetching, release = _held_page(web, "/sam")
        grant(store, sam([web.url("/sam")]), now=NOW)
        clock = Clock(NOW + timedelta(hours=1))
        run = settings(store, clock)
        thread, results = _in_thread(lambda: rescan_due(store, "w1", run))
        try:
            assert fetching.wait(30)
            assert _cut_connections(postgres_base(), name) >= 1
        finally:
            release.set()
            thread.join(60)
        [[outcome]] = results  # the worker reconnected and stored the run
        assert outcome.run_id is not None
        rows = every_row(store)
        assert len(rows["runs"]) == 1 and len(rows["rescan_pages"]) == 1
        _cut_connections(postgres_base(), name)  # again, between rescans
        clock.now += timedelta(days=40)
        web.routes["/sam"] = Reply(body=page("teacher.html"))
        assert len(rescan_due(store, "w1", run)) == 1
        assert len(every_row(store)["runs"]) == 2
        assert not claims.still_mine(store, outcome.consent_id, "w1", clock.now)
    finally:
        store.close()
