"""The connection layer under httpx: checked addresses only, and a deadline on every read.

httpx hands the hostname to httpcore's network backend. This backend looks the host up once
(scanner.net.guard), refuses it unless every address passes, and connects to a checked address
itself, so nothing between the check and the connection can look the name up again. TLS still
uses the hostname for SNI and certificate checks, and the Host header is untouched.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

from scanner.net.guard import IPAddress, RefusedAddressError, Resolver, checked_addresses


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads and writes never wait past the current request's deadline, so
    a server that drips one byte a second (headers or body) is stopped in bounded time. A
    request's first write first waits for the request's turn (RequestClock.sending)."""

    def __init__(self, inner: httpcore.NetworkStream, clock: RequestClock) -> None:
        self._inner = inner
        self._clock = clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._clock.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        first = self._clock.sending()
        self._inner.write(buffer, self._clock.bound(timeout, httpcore.WriteTimeout))
        if first:
            self._clock.sent()

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        bounded = self._clock.bound(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded),
                              self._clock)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class RequestClock:
    """The deadline of the request each thread is making (requests on one thread are serial),
    and what must happen just before its bytes are sent (waiting for the host's turn)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def start(self, seconds: float, before_send: Callable[[], None] | None = None,
              after_send: Callable[[], None] | None = None) -> None:
        self._local.deadline = time.monotonic() + seconds
        self._local.seconds = seconds
        self._local.before_send = before_send
        self._local.after_send = after_send

    def sending(self) -> bool:
        """The request's first bytes are about to go: run `before_send` (once; True when it
        did), then count the deadline from now. Waiting for the turn here, after the
        connection is open, and not before asking httpx for one, means a slow connect cannot
        push the request into the next request's turn."""
        before_send = getattr(self._local, "before_send", None)
        if before_send is None:
            return False
        self._local.before_send = None
        before_send()
        self._local.deadline = time.monotonic() + self._local.seconds
        return True

    def sent(self) -> None:
        """The request's first bytes are written: run `after_send` (once)."""
        after_send = getattr(self._local, "after_send", None)
        self._local.after_send = None
        if after_send is not None:
            after_send()

    def finish(self) -> None:
        """The request is over (sent or not): nothing more to run around a write."""
        self._local.before_send = None
        self._local.after_send = None

    def bound(self, timeout: float | None, late: type[Exception]) -> float:
        deadline: float | None = getattr(self._local, "deadline", None)
        if deadline is None:
            return timeout if timeout is not None else 30.0
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise late("the whole request took too long")
        return remaining if timeout is None else min(timeout, remaining)


class GuardedBackend(httpcore.NetworkBackend):
    """Connects only to addresses the guard passed; each host is looked up once per fetcher."""

    def __init__(self, resolver: Resolver, allow_loopback: bool, clock: RequestClock) -> None:
        self._resolver = resolver
        self._allow_loopback = allow_loopback
        self._clock = clock
        self._inner = httpcore.SyncBackend()
        self._known: dict[tuple[str, int], list[IPAddress] | str] = {}
        self._lock = threading.Lock()

    def addresses(self, host: str, port: int) -> list[IPAddress]:
        """The host's checked addresses (looked up at most once), or RefusedAddressError."""
        with self._lock:
            known = self._known.get((host, port))
        if known is None:
            try:
                known = checked_addresses(host, port, self._resolver, self._allow_loopback)
            except RefusedAddressError as exc:
                known = str(exc)
            with self._lock:
                known = self._known.setdefault((host, port), known)
        if isinstance(known, str):
            raise RefusedAddressError(known)
        return known

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        try:
            addresses = self.addresses(host, port)
        except RefusedAddressError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        last: Exception | None = None
        for address in addresses:
            try:
                stream = self._inner.connect_tcp(
                    str(address), port, self._clock.bound(timeout, httpcore.ConnectTimeout),
                    local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            return DeadlineStream(stream, self._clock)
        assert last is not None
        raise last

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport, with its connection pool built on the guarded backend."""

    def __init__(self, backend: GuardedBackend, max_connections: int) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=max_connections, max_keepalive_connections=max_connections,
            keepalive_expiry=5.0, network_backend=backend, retries=0)
