"""The one way riskscan goes online: `Fetcher.get(url)`.

Before each request: the address guard (scanner.net.guard, enforced again at connect time by
scanner.net.backend), https unless the host is this computer in test mode, robots.txt, the
host's politeness gap and the scan's request budget. Redirects are followed by hand so each new
address passes the same checks. Failures become `FetchError` with one line for a teacher.
"""

from __future__ import annotations

import hashlib
import http.cookiejar
import random
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from scanner.net.backend import GuardedBackend, GuardedTransport, RequestClock
from scanner.net.body import ACCEPTED_ENCODINGS, BadEncodingError, TooLargeError, read_capped
from scanner.net.guard import RefusedAddressError
from scanner.net.polite import Budget, HostSpacing
from scanner.net.robots import ROBOTS_CAP, RobotsCache
from scanner.net.settings import NetSettings

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 503})
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


class FetchError(Exception):
    """An address that could not be read; the message is one line saying why."""


class RobotsRefusedError(FetchError):
    """The site's robots.txt asks automated tools not to read this address."""


@dataclass(frozen=True)
class Page:
    """One answer: where it finally came from, its status, type and (capped) body."""

    requested: str
    url: str
    status: int
    content_type: str
    body: bytes
    fetched_at: datetime
    charset: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Fetcher:
    """Thread-safe: one per scan, shared by every reader and every thread."""

    def __init__(self, settings: NetSettings | None = None,
                 spacing: HostSpacing | None = None) -> None:
        """`spacing` replaces the fetcher's own per-host gap, e.g. with turns shared by
        several rescan workers (scanner.rescans.politeness)."""
        self.settings = settings or NetSettings()
        self._clock = RequestClock()
        self._backend = GuardedBackend(self.settings.resolver, self.settings.allow_loopback,
                                       self._clock)
        self._spacing = spacing or HostSpacing(self.settings.host_gap)
        self.budget = Budget(self.settings.budget)
        self._robots = RobotsCache(self._robots_file)
        s = self.settings
        self._client = httpx.Client(
            transport=GuardedTransport(self._backend, max_connections=s.workers * 2),
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout),
            follow_redirects=False, trust_env=False,
            cookies=http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(
                allowed_domains=[])),  # no site may set a cookie
            headers={"User-Agent": s.user_agent, "Accept-Encoding": ACCEPTED_ENCODINGS})

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, url: str, accept: str = HTML_ACCEPT, max_bytes: int | None = None) -> Page:
        """The page at `url` after at most `max_redirects` checked redirects (any status)."""
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            self._check_allowed(current)
            rules = self._robots.rules(_origin(current))
            if rules.unreachable:
                raise FetchError(rules.unreachable)
            if not rules.allows(current, self.settings.user_agent):
                raise RobotsRefusedError(f"{_host(current)} asks automated tools not to read "
                                    "this page (robots.txt)")
            page, location = self._request(current, accept, max_bytes)
            if location is None:
                return replace(page, requested=url)
            current = urljoin(current, location)
        raise FetchError(f"{_host(url)} sent riskscan on more than "
                         f"{self.settings.max_redirects} redirects")

    def _check_allowed(self, url: str) -> None:
        """The address guard and the https rule, before anything is sent."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url} is not a web address riskscan can read")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = self._backend.addresses(parts.hostname, port)
        except RefusedAddressError as exc:
            raise FetchError(str(exc)) from exc
        local = all(a.is_loopback for a in addresses)
        if parts.scheme == "http" and not local:
            raise FetchError(f"{parts.hostname} offered only an unencrypted (http) page, "
                             "which riskscan does not read")

    def _robots_file(self, robots_url: str) -> tuple[int | None, bytes, str]:
        """(status, body, "") or, when the host cannot be reached, (None, b"", why)."""
        current = robots_url
        try:
            for _hop in range(self.settings.max_redirects + 1):
                self._check_allowed(current)
                page, location = self._request(current, "text/plain", ROBOTS_CAP)
                if location is None:
                    return page.status, page.body, ""
                current = urljoin(current, location)
        except FetchError as exc:
            if _host(current) == _host(robots_url):
                return None, b"", str(exc)
        return None, b"", ""  # redirected elsewhere and lost: treated as unreadable

    def _request(self, url: str, accept: str,
                 max_bytes: int | None) -> tuple[Page, str | None]:
        """One request, retried on 429/503 as the server asks; (page, redirect target)."""
        s = self.settings
        for attempt in range(s.retries + 1):
            page, location, wait = self._once(url, accept, max_bytes or s.max_bytes)
            if wait is None:
                return page, location
            if wait > s.retry_after_cap:
                raise FetchError(f"{_host(url)} asked riskscan to wait {_duration(wait)} before "
                                 "trying again: try again later")
            if attempt == s.retries:
                break
            pause = max(wait, s.backoff * 2**attempt) * random.uniform(1.0, 1.25)
            self._spacing.push_back(_host(url), pause)
        raise FetchError(f"{_host(url)} is busy or limiting requests: try again later")

    def _once(self, url: str, accept: str,
              cap: int) -> tuple[Page, str | None, float | None]:
        """(page, redirect target, seconds to wait before retrying or None)."""
        host = _host(url)
        if not self.budget.take():
            raise FetchError("riskscan reached its limit of requests for one scan before "
                             f"reading {host}: scan fewer addresses at a time")
        # The host's turn is taken when the request's bytes are about to be written
        # (RequestClock.sending), once the connection is open, and the gap is counted again
        # from when they were written (`sent`); most of any wait is done here, before a
        # connection is taken from the pool.
        self._spacing.wait_free(host)
        self._clock.start(self.settings.total_timeout,
                          before_send=lambda: self._spacing.wait_turn(host),
                          after_send=lambda: self._spacing.sent(host))
        try:
            with self._client.stream("GET", url, headers={"Accept": accept}) as response:
                page = self._read(url, response, cap)
                location = response.headers.get("location")
                retry_after = response.headers.get("retry-after")
        except httpx.TimeoutException as exc:
            raise FetchError(f"{host} took too long to answer") from exc
        except httpx.HTTPError as exc:
            raise FetchError(_network_words(host, exc)) from exc
        finally:
            self._clock.finish()
        if page.status in RETRY_STATUSES:
            return page, None, _retry_after(retry_after)
        if page.status in REDIRECTS and location:
            return page, location, None
        return page, None, None

    def _read(self, url: str, response: httpx.Response, cap: int) -> Page:
        host = _host(url)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap and not response.headers.get(
                "content-encoding"):
            raise FetchError(f"{host} sent a page of {_size(int(declared))}, more than "
                             f"riskscan reads ({_size(cap)})")
        try:
            body = read_capped(response.iter_raw(), response.headers.get(
                "content-encoding", ""), cap)
        except TooLargeError as exc:
            raise FetchError(f"{host} sent more than riskscan reads ({_size(cap)})") from exc
        except BadEncodingError as exc:
            raise FetchError(f"{host} sent a page riskscan could not decode: {exc}") from exc
        return Page(url, url, response.status_code, _media_type(response), body,
                    datetime.now(UTC), response.charset_encoding,
                    {k.lower(): v for k, v in response.headers.items()})


def _media_type(response: httpx.Response) -> str:
    return str(response.headers.get("content-type", "")).split(";")[0].strip().lower()


def _retry_after(value: str | None) -> float:
    """Seconds a 429/503 asks us to wait; 0 when it does not say."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _network_words(host: str, exc: httpx.HTTPError) -> str:
    text = str(exc)
    if "CERTIFICATE" in text.upper() or "SSL" in text.upper() or "TLS" in text.upper():
        return f"{host}'s secure connection could not be checked (TLS error)"
    if isinstance(exc, httpx.ConnectError):
        return f"{host} refused the connection or could not be reached"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"{host} sent an answer that is not valid HTTP"
    return f"{host} could not be read ({type(exc).__name__})"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _host(url: str) -> str:
    return (urlsplit(url).hostname or url).lower()


def _size(n: int) -> str:
    return f"{n / 1024**3:.0f} GB" if n >= 1024**3 else f"{n / 1024**2:.0f} MB"


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.0f} hour(s)"
    return f"{seconds / 60:.0f} minute(s)" if seconds >= 120 else f"{seconds:.0f} seconds"
