"""The fetcher against a real server on 127.0.0.1: every hostile answer in issue 11 ends in one
line for that address, in bounded time and memory."""

from __future__ import annotations

import gzip
import io
import itertools
import socket
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from scanner import __version__
from scanner.net import Fetcher, FetchError, RobotsRefusedError
from scanner.net.guard import Resolver
from tests.localweb import LocalWeb, Reply, serving
from tests.net.conftest import Connections, quick

PAGE = "<html><head><title>Jo</title></head><body>Hello</body></html>"


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with serving() as server:
        server.routes["/robots.txt"] = Reply(200, "User-agent: *\nAllow: /\n", content_type=
                                             "text/plain")
        yield server


def test_reads_a_page_with_an_honest_user_agent(web: LocalWeb, fetcher: Fetcher) -> None:
    web.routes["/jo"] = Reply(200, PAGE)
    page = fetcher.get(web.url("/jo"))
    assert page.status == 200 and page.content_type == "text/html"
    assert page.body == PAGE.encode()
    agents = {s.headers["user-agent"] for s in web.seen}
    assert agents == {fetcher.settings.user_agent}
    assert fetcher.settings.user_agent.startswith(f"riskscan/{__version__} ")


def test_keeps_no_cookies(web: LocalWeb, fetcher: Fetcher) -> None:
    web.routes["/a"] = Reply(200, PAGE, headers={"Set-Cookie": "session=abc; Path=/"})
    web.routes["/b"] = Reply(200, PAGE)
    fetcher.get(web.url("/a"))
    fetcher.get(web.url("/b"))
    assert "cookie" not in web.seen[-1].headers
    assert web.paths()[-1] == "/b"


def test_robots_is_read_once_per_host_with_our_agent(web: LocalWeb, fetcher: Fetcher) -> None:
    web.routes["/robots.txt"] = Reply(200, "User-agent: *\nDisallow: /private\n",
                                      content_type="text/plain")
    web.routes["/open"] = Reply(200, PAGE)
    fetcher.get(web.url("/open"))
    fetcher.get(web.url("/open"))
    with pytest.raises(RobotsRefusedError, match="asks automated tools not to read"):
        fetcher.get(web.url("/private/jo"))
    assert web.paths() == ["/robots.txt", "/open", "/open"]
    assert web.seen[0].headers["user-agent"] == fetcher.settings.user_agent


@pytest.mark.parametrize(("status", "allowed"), [(401, False), (403, False), (404, True),
                                                 (410, True), (500, False)])
def test_robots_that_cannot_be_read(web: LocalWeb, fetcher: Fetcher, status: int,
                                    allowed: bool) -> None:
    web.routes["/robots.txt"] = Reply(status, "no")
    web.routes["/jo"] = Reply(200, PAGE)
    if allowed:
        assert fetcher.get(web.url("/jo")).ok
    else:
        with pytest.raises(RobotsRefusedError):
            fetcher.get(web.url("/jo"))
        assert "/jo" not in web.paths()


def test_a_gzip_bomb_stops_at_the_cap(web: LocalWeb, loopback: None) -> None:
    bomb = _gzip_of_zeros(200 * 1024 * 1024)  # 200 MB once inflated, ~200 KB sent
    web.routes["/bomb"] = Reply(200, bomb, headers={"Content-Encoding": "gzip"})
    with Fetcher(quick(max_bytes=1024 * 1024)) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match="more than riskscan reads"):
            fetcher.get(web.url("/bomb"))
    assert time.monotonic() - started < 5


def test_a_compressed_page_is_read(web: LocalWeb, fetcher: Fetcher) -> None:
    web.routes["/z"] = Reply(200, gzip.compress(PAGE.encode()),
                             headers={"Content-Encoding": "gzip"})
    web.routes["/d"] = Reply(200, zlib.compress(PAGE.encode()),
                             headers={"Content-Encoding": "deflate"})
    assert fetcher.get(web.url("/z")).body == PAGE.encode()
    assert fetcher.get(web.url("/d")).body == PAGE.encode()


def test_an_endless_body_stops_at_the_cap(web: LocalWeb, loopback: None) -> None:
    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"x" * 65536
        while True:
            handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    web.routes["/endless"] = endless
    with Fetcher(quick(max_bytes=2 * 1024 * 1024)) as fetcher, pytest.raises(
            FetchError, match="more than riskscan reads"):
        fetcher.get(web.url("/endless"))


def test_a_ten_gigabyte_length_is_refused_before_reading(web: LocalWeb,
                                                        fetcher: Fetcher) -> None:
    def huge(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(10 * 1024**3))
        handler.end_headers()
        handler.wfile.write(b"<html>" * 1000)

    web.routes["/huge"] = huge
    with pytest.raises(FetchError, match="a page of 10 GB"):
        fetcher.get(web.url("/huge"))


@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_server_that_drips_is_cut_off(web: LocalWeb, loopback: None, where: str) -> None:
    def drip(handler: BaseHTTPRequestHandler) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        if where == "body":
            handler.wfile.write(head)
            head = b""
        for byte in head + b"x" * 100000:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.5)

    web.routes["/drip"] = drip
    with Fetcher(quick(total_timeout=2.0, read_timeout=1.5)) as fetcher:
        started = time.monotonic()
        with pytest.raises(FetchError, match="took too long"):
            fetcher.get(web.url("/drip"))
    assert time.monotonic() - started < 4


def test_a_redirect_loop_ends_after_five(web: LocalWeb, fetcher: Fetcher) -> None:
    web.routes["/a"] = Reply(302, "", headers={"Location": "/b"})
    web.routes["/b"] = Reply(302, "", headers={"Location": "/a"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get(web.url("/a"))
    assert web.paths().count("/a") + web.paths().count("/b") == 6


def test_redirects_are_followed_and_rechecked(web: LocalWeb, fetcher: Fetcher) -> None:
    web.routes["/old"] = Reply(301, "", headers={"Location": "/new"})
    web.routes["/robots.txt"] = Reply(200, "User-agent: *\nDisallow: /secret\n")
    web.routes["/new"] = Reply(200, PAGE)
    web.routes["/to-secret"] = Reply(302, "", headers={"Location": "/secret"})
    page = fetcher.get(web.url("/old"))
    assert page.url == web.url("/new") and page.requested == web.url("/old")
    with pytest.raises(RobotsRefusedError):
        fetcher.get(web.url("/to-secret"))
    assert "/secret" not in web.paths()


@pytest.mark.parametrize("target", [
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://192.168.1.1/admin",
    "http://[fd00:ec2::254]/", "http://100.64.0.1/", "http://[::ffff:10.0.0.1]/",
    "http://167772161/", "http://0xa9.254.169.254/", "http://intranet.example/",
    "https://[fe80::1]/"])
def test_a_redirect_to_a_refused_address_goes_nowhere(web: LocalWeb, loopback: None,
                                                     connections: Connections,
                                                     target: str) -> None:
    web.routes["/go"] = Reply(302, "", headers={"Location": target})
    settings = quick(resolver=_resolver({"intranet.example": "10.20.30.40"}))
    with Fetcher(settings) as fetcher, pytest.raises(FetchError, match="never connects to"):
        fetcher.get(web.url("/go"))
    assert set(connections) == {"127.0.0.1"}
    assert web.paths() == ["/robots.txt", "/go"]


@pytest.mark.parametrize("spelling", ["127.0.0.1", "2130706433", "0x7f.1", "017700000001",
                                      "0x7f000001", "127.1", "localhost"])
def test_loopback_in_any_spelling_is_refused_without_the_test_setting(
        web: LocalWeb, monkeypatch: pytest.MonkeyPatch, connections: Connections,
        spelling: str) -> None:
    web.routes["/jo"] = Reply(200, PAGE)
    url = f"http://{spelling}:{web.port}/jo"
    monkeypatch.delenv("RISKSCAN_ALLOW_LOOPBACK", raising=False)
    with Fetcher(quick(resolver=_resolver({"localhost": "127.0.0.1"}))) as fetcher, \
            pytest.raises(FetchError, match="loopback"):
        fetcher.get(url)
    assert web.seen == [] and connections == []
    # The same spelling does reach the listener when tests allow loopback: the count above
    # would have seen it.
    monkeypatch.setenv("RISKSCAN_ALLOW_LOOPBACK", "1")
    with Fetcher(quick(resolver=_resolver({"localhost": "127.0.0.1"}))) as fetcher:
        assert fetcher.get(url).ok
    assert web.paths() == ["/robots.txt", "/jo"]


def test_ipv6_loopback_is_refused_without_the_test_setting(monkeypatch: pytest.MonkeyPatch,
                                                           connections: Connections) -> None:
    try:
        server: LocalWeb | None = LocalWeb("::1").start()
    except OSError:  # no IPv6 here: the refusal still happens before any socket is opened
        server = None
    port = server.port if server else 8080
    monkeypatch.delenv("RISKSCAN_ALLOW_LOOPBACK", raising=False)
    try:
        for host in ("[::1]", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"):
            with Fetcher(quick()) as fetcher, pytest.raises(FetchError, match="never connects"):
                fetcher.get(f"http://{host}:{port}/jo")
        assert connections == []
        assert server is None or server.seen == []
    finally:
        if server:
            server.stop()


def test_the_address_checked_is_the_address_connected(web: LocalWeb, loopback: None) -> None:
    # A name that answers differently on a second look-up (DNS rebinding) is looked up once:
    # every request, redirects included, goes to the address that was checked.
    answers = iter(["127.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.1"])
    calls: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return [next(answers)]

    web.routes["/one"] = Reply(302, "", headers={"Location": "/two"})
    web.routes["/two"] = Reply(200, PAGE)
    with Fetcher(quick(resolver=rebinding)) as fetcher:
        fetcher.get(f"http://rebind.example:{web.port}/one")
        fetcher.get(f"http://rebind.example:{web.port}/one")
    assert calls == ["rebind.example"]
    assert web.paths() == ["/robots.txt", "/one", "/two", "/one", "/two"]
    assert {s.headers["host"] for s in web.seen} == {f"rebind.example:{web.port}"}


def test_a_host_that_resolves_to_a_private_address(web: LocalWeb, loopback: None,
                                                   connections: Connections) -> None:
    with Fetcher(quick(resolver=_resolver({"staff.example": "192.168.0.20"}))) as fetcher, \
            pytest.raises(FetchError, match=r"staff\.example points to a private address"):
        fetcher.get("https://staff.example/jo")
    assert connections == []


def test_an_unknown_host(loopback: None, connections: Connections) -> None:
    with Fetcher(quick(resolver=_resolver({}))) as fetcher, pytest.raises(
            FetchError, match="could not be found"):
        fetcher.get("https://no-such-school.example/jo")
    assert connections == []


def test_a_refused_connection(loopback: None) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with Fetcher(quick()) as fetcher, pytest.raises(FetchError, match="refused the connection"):
        fetcher.get(f"http://127.0.0.1:{port}/jo")


def test_a_tls_error(web: LocalWeb, fetcher: Fetcher) -> None:
    # A server that does not speak TLS where https is asked for.
    with pytest.raises(FetchError, match=r"TLS error|not valid HTTP"):
        fetcher.get(f"https://127.0.0.1:{web.port}/jo")


def test_plain_http_only_for_this_computer(loopback: None, connections: Connections) -> None:
    with Fetcher(quick(resolver=_resolver({"blog.example": "93.184.215.14"}))) as fetcher, \
            pytest.raises(FetchError, match="unencrypted"):
        fetcher.get("http://blog.example/jo")
    assert connections == []


def test_a_long_retry_after_gives_up_at_once(web: LocalWeb, fetcher: Fetcher) -> None:
    web.routes["/busy"] = Reply(429, "slow down", headers={"Retry-After": "3600"})
    started = time.monotonic()
    with pytest.raises(FetchError, match="wait 1 hour"):
        fetcher.get(web.url("/busy"))
    assert time.monotonic() - started < 2
    assert web.paths().count("/busy") == 1


def test_a_short_retry_after_is_honoured(web: LocalWeb, fetcher: Fetcher) -> None:
    times: list[float] = []

    def busy_once(handler: BaseHTTPRequestHandler) -> None:
        times.append(time.monotonic())
        Reply(429, "", headers={"Retry-After": "1"}).send(handler) if len(times) == 1 else \
            Reply(200, PAGE).send(handler)

    web.routes["/jo"] = busy_once
    assert fetcher.get(web.url("/jo")).ok
    assert len(times) == 2 and times[1] - times[0] >= 1.0


def test_503_is_retried_then_given_up_on(web: LocalWeb, fetcher: Fetcher) -> None:
    web.routes["/down"] = Reply(503, "down")
    with pytest.raises(FetchError, match="busy or limiting"):
        fetcher.get(web.url("/down"))
    assert web.paths().count("/down") == fetcher.settings.retries + 1


def test_requests_to_one_host_are_spaced(web: LocalWeb, loopback: None) -> None:
    times: list[float] = []

    def stamp(handler: BaseHTTPRequestHandler) -> None:
        times.append(time.monotonic())
        Reply(200, PAGE).send(handler)

    web.routes["/jo"] = stamp
    with Fetcher(quick(host_gap=0.3)) as fetcher:
        for _ in range(3):
            fetcher.get(web.url("/jo"))
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) == 2 and min(gaps) >= 0.29


def test_the_scan_budget_is_kept(web: LocalWeb, loopback: None) -> None:
    web.routes["/jo"] = Reply(200, PAGE)
    with Fetcher(quick(budget=3)) as fetcher:
        fetcher.get(web.url("/jo"))  # robots.txt and the page
        fetcher.get(web.url("/jo"))
        with pytest.raises(FetchError, match="limit of requests"):
            fetcher.get(web.url("/jo"))
    assert len(web.seen) == 3


def _resolver(table: dict[str, str]) -> Resolver:
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError(-2, "Name or service not known")
        return [table[host]]

    return resolve


def _gzip_of_zeros(size: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as stream:
        block = b"\0" * (1024 * 1024)
        for _ in range(size // len(block)):
            stream.write(block)
    return out.getvalue()
