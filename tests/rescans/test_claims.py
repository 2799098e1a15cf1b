"""Claiming due rescans: no two workers take the same consent, a dead worker's claim runs out
and is taken over, and nothing not live or not due is taken."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta

from storage_backends import store_fixture, store_url_fixture  # noqa: F401

from scanner.rescans import claims
from scanner.rescans.consents import ConsentRequest, grant, withdraw
from storage.db import Store
from storage.store import open_store

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=6)


def consents(store: Store, n: int) -> list[str]:
    return [grant(store, ConsentRequest(
        person=f"Teacher {i}", email=f"t{i}@example.org", kind="ongoing", schedule="weekly",
        expires=date(2027, 6, 30), addresses=[f"https://t{i}.example.org/"]),
        now=NOW - timedelta(hours=2))["id"] for i in range(n)]


def test_two_workers_claiming_at_once_never_take_the_same_consent(store_url: str) -> None:
    setup = open_store(store_url, retention=0)
    made = set(consents(setup, 40))
    setup.close()
    taken: dict[str, list[str]] = {"a": [], "b": []}
    start = threading.Barrier(2)

    def work(name: str) -> None:
        store = open_store(store_url, retention=0)
        try:
            start.wait()
            while ids := claims.claim_due(store, name, NOW, LEASE, 3):
                taken[name].extend(ids)
        finally:
            store.close()

    threads = [threading.Thread(target=work, args=(name,)) for name in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not set(taken["a"]) & set(taken["b"])
    assert set(taken["a"]) | set(taken["b"]) == made
    assert len(taken["a"]) + len(taken["b"]) == 40


def test_a_dead_workers_claim_runs_out_and_is_taken_over(store: Store) -> None:
    [consent] = consents(store, 1)
    assert claims.claim_due(store, "dead", NOW, LEASE, 10) == [consent]
    assert claims.claim_due(store, "alive", NOW + LEASE - timedelta(seconds=1), LEASE, 10) == []
    assert claims.claim_one(store, consent, "alive", NOW + timedelta(minutes=1), LEASE,
                            due_only=True) is None
    assert claims.claim_due(store, "alive", NOW + LEASE, LEASE, 10) == [consent]
    assert not claims.still_mine(store, consent, "dead", NOW + LEASE)
    assert claims.still_mine(store, consent, "alive", NOW + LEASE)


def test_a_rescan_by_hand_is_told_when_another_worker_has_it(store: Store) -> None:
    [consent] = consents(store, 1)
    claims.claim_due(store, "w1", NOW, LEASE, 10)
    try:
        claims.claim_one(store, consent, "w2", NOW, LEASE)
    except claims.ClaimedElsewhereError as exc:
        assert "another worker" in str(exc)
    else:
        raise AssertionError("a claimed consent was claimed twice")
    claims.release(store, consent, "w1")
    assert claims.claim_one(store, consent, "w2", NOW, LEASE) is not None


def test_nothing_withdrawn_or_not_yet_due_is_claimed(store: Store) -> None:
    first, second = consents(store, 2)
    withdraw(store, first, now=NOW)
    later = grant(store, ConsentRequest(
        person="Later", email="later@example.org", kind="ongoing", schedule="weekly",
        expires=date(2027, 6, 30), addresses=["https://later.example.org/"],
        starts=NOW + timedelta(days=3)), now=NOW)["id"]
    assert claims.claim_due(store, "w1", NOW, LEASE, 10) == [second]
    assert later not in claims.claim_due(store, "w1", NOW + timedelta(days=2), LEASE, 10)


def _on_hosts(store: Store, hosts: list[str]) -> list[str]:
    return [grant(store, ConsentRequest(
        person=f"Teacher {i}", email=f"t{i}@example.org", kind="ongoing", schedule="weekly",
        expires=date(2027, 6, 30), addresses=[f"https://{host}/t{i}"]),
        now=NOW - timedelta(hours=2))["id"] for i, host in enumerate(hosts)]


def test_a_host_no_rescan_is_working_on_is_claimed_before_a_busy_one(store: Store) -> None:
    a1, a2, b = _on_hosts(store, ["a.example.org", "a.example.org", "b.example.org"])
    assert claims.claim_one(store, a1, "w1", NOW, LEASE) is not None
    assert claims.claim_due(store, "w2", NOW, LEASE, 1) == [b]
    assert claims.claim_due(store, "w2", NOW, LEASE, 1) == [a2]


class Moment:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_a_claim_is_renewed_while_its_rescan_runs_and_runs_out_once_it_is_not(
        store: Store) -> None:
    [consent] = consents(store, 1)
    short = timedelta(seconds=15)
    clock = Moment(NOW)
    heartbeat = claims.Heartbeat(store, clock, lease=short)
    assert claims.claim_due(store, "w1", NOW, short, 10) == [consent]
    with heartbeat.holding(consent, "w1", time_limit=300):
        clock.now = NOW + timedelta(seconds=10)
        assert heartbeat.renew() == 1
        assert claims.claim_due(store, "w2", NOW + timedelta(seconds=20), short, 10) == []
    clock.now = NOW + timedelta(seconds=20)
    assert heartbeat.renew() == 0  # the rescan ended (or its worker died): no more renewals
    assert claims.claim_due(store, "w2", NOW + timedelta(seconds=25), short, 10) == [consent]
    with heartbeat.holding(consent, "w1", time_limit=300):
        assert heartbeat.renew() == 0  # another worker has it now: w1 cannot take it back
    assert claims.still_mine(store, consent, "w2", NOW + timedelta(seconds=26))


def test_a_rescan_hung_past_its_time_limit_is_no_longer_renewed(store: Store) -> None:
    [consent] = consents(store, 1)
    heartbeat = claims.Heartbeat(store, Moment(NOW), grace=0.0)
    claims.claim_due(store, "w1", NOW, LEASE, 10)
    with heartbeat.holding(consent, "w1", time_limit=0.0):
        assert heartbeat.renew() == 0


def test_the_heartbeat_thread_renews_by_itself(store: Store) -> None:
    [consent] = consents(store, 1)
    clock = Moment(NOW)
    heartbeat = claims.Heartbeat(store, clock, every=0.05, lease=timedelta(seconds=15))
    claims.claim_due(store, "w1", NOW, timedelta(seconds=15), 10)
    with heartbeat.holding(consent, "w1", time_limit=300):
        clock.now = NOW + timedelta(minutes=5)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not claims.still_mine(
                store, consent, "w1", NOW + timedelta(minutes=5, seconds=10)):
            time.sleep(0.05)
    assert claims.still_mine(store, consent, "w1", NOW + timedelta(minutes=5, seconds=10))


def test_the_heartbeat_thread_ends_when_it_holds_nothing(store: Store) -> None:
    [consent] = consents(store, 1)
    def heartbeats() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name == "riskscan-heartbeat"}

    before = heartbeats()
    heartbeat = claims.Heartbeat(store, Moment(NOW), every=0.02)
    with heartbeat.holding(consent, "w1", time_limit=300):
        [thread] = heartbeats() - before
    thread.join(5)
    assert not thread.is_alive()
