"""Per-host politeness shared through the store: two workers' fetchers, several threads each,
never send two requests to one host closer than the gap; a thread that wakes late costs only
its own request's time; Retry-After holds every worker back; a stopped rescan sends nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from itertools import pairwise

import pytest
from localweb import LocalWeb, Reply
from rescan_support import quick_net
from storage_backends import store_url_fixture  # noqa: F401

from scanner.net import Fetcher, FetchError
from scanner.rescans.politeness import SEND_MARGIN_S, DatabaseSpacing
from storage.store import open_store

GAP = 0.25
ARRIVAL_NOISE_S = 0.01


def _arrivals(web: LocalWeb) -> list[float]:
    arrived: list[float] = []
    lock = threading.Lock()

    def page(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            arrived.append(time.time())
        Reply(body="<title>Jo</title>").send(handler)

    web.routes["*"] = page
    return arrived


def test_two_workers_with_three_threads_each_keep_the_gap_to_one_host(
        store_url: str, web: LocalWeb) -> None:
    arrived = _arrivals(web)
    stores = [open_store(store_url, retention=0) for _ in range(2)]  # two workers' pools
    fetchers = [Fetcher(quick_net(host_gap=GAP), spacing=DatabaseSpacing(store, GAP))
                for store in stores]
    try:
        def fetch(fetcher: Fetcher, first: int) -> None:
            for n in range(first, first + 3):
                assert fetcher.get(web.url(f"/p/{n}")).status == 200

        threads = [threading.Thread(target=fetch, args=(fetchers[i % 2], 3 * i))
                   for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        for fetcher in fetchers:
            fetcher.close()
        for store in stores:
            store.close()
    pages = [s.path for s in web.seen if s.path.startswith("/p/")]
    assert sorted(pages) == sorted(f"/p/{n}" for n in range(18))  # every page, once each
    gaps = [b - a for a, b in pairwise(sorted(arrived))]
    assert len(arrived) == 20  # 18 pages and each worker's robots.txt
    # The server notes arrivals in this same busy process, a few milliseconds late at times;
    # a request sent without taking its turn shows as 0.00 s here.
    assert min(gaps) >= GAP - ARRIVAL_NOISE_S, f"closest two requests {min(gaps):.3f} s apart"


class FakeTime:
    """A clock the test moves: sleeping moves it on by the time asked, plus any lateness."""

    def __init__(self) -> None:
        self.now = 1_000_000.0
        self.late = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds + self.late


@pytest.fixture
def sqlite_url(tmp_path: object) -> str:
    return f"sqlite:///{tmp_path}/polite.sqlite3"


def test_a_thread_that_wakes_late_sends_at_once_and_loses_no_turn(sqlite_url: str) -> None:
    store = open_store(sqlite_url, retention=0)
    fake = FakeTime()
    spacing = DatabaseSpacing(store, 1.0, sleep=fake.sleep, clock=fake.clock)
    try:
        spacing.wait_turn("teachers.example.org")  # free: taken without sleeping
        assert fake.slept == []
        fake.late = 0.5  # the machine is busy: the next wake-up is half a second late
        spacing.wait_turn("teachers.example.org")
        assert fake.slept == [pytest.approx(1.0 + SEND_MARGIN_S)]  # one wait, then sent
        fake.late = 0.0
        spacing.wait_turn("other.example.org")  # another host is not held back
        assert len(fake.slept) == 1
        spacing.wait_turn("teachers.example.org")  # the gap counts from the late send
        assert fake.slept[-1] == pytest.approx(1.0 + SEND_MARGIN_S)
    finally:
        store.close()


Workers = tuple[FakeTime, DatabaseSpacing, DatabaseSpacing]


@pytest.fixture
def two_workers(sqlite_url: str) -> Iterator[Workers]:
    """Two workers' spacings on one store, each with its own connections, on one fake clock."""
    fake = FakeTime()
    stores = [open_store(sqlite_url, retention=0) for _ in range(2)]
    first, second = (DatabaseSpacing(s, 1.0, sleep=fake.sleep, clock=fake.clock)
                     for s in stores)
    yield fake, first, second
    for store in stores:
        store.close()


def test_a_request_written_late_holds_the_next_one_back_by_as_much(two_workers: Workers
                                                                    ) -> None:
    fake, first, second = two_workers
    first.wait_turn("teachers.example.org")
    fake.now += 0.4  # held up between taking the moment and writing the request
    first.sent("teachers.example.org")
    second.wait_turn("teachers.example.org")  # another worker waits a gap from the write
    assert fake.slept == [pytest.approx(1.0 + SEND_MARGIN_S, abs=0.01)]  # (not 0.6)
    second.sent("teachers.example.org")  # written on time: nothing more to wait
    fake.slept.clear()
    first.wait_turn("teachers.example.org")
    assert fake.slept == [pytest.approx(1.0 + SEND_MARGIN_S, abs=0.01)]


def test_retry_after_holds_back_every_worker_sharing_the_store(two_workers: Workers) -> None:
    fake, first, second = two_workers
    first.wait_turn("busy.example.org")
    first.push_back("busy.example.org", 30.0)
    second.wait_turn("busy.example.org")
    assert sum(fake.slept) == pytest.approx(30.0)
    first.push_back("busy.example.org", 0.1)  # a shorter wait never shortens a longer one
    first.wait_turn("busy.example.org")
    assert fake.slept[-1] == pytest.approx(1.0 + SEND_MARGIN_S)


def test_a_stopped_rescan_sends_nothing_more(sqlite_url: str, web: LocalWeb) -> None:
    web.routes["*"] = Reply(body="<title>Jo</title>")
    store = open_store(sqlite_url, retention=0)
    spacing = DatabaseSpacing(store, 0.0)
    fetcher = Fetcher(quick_net(), spacing=spacing)
    try:
        with spacing.watching(lambda: False), pytest.raises(FetchError, match="stopped"):
            fetcher.get(web.url("/p/1"))
    finally:
        fetcher.close()
        store.close()
    assert web.seen == []
