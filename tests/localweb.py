"""A real HTTP server on a loopback address for the network tests: it serves what a test
registers, including hostile answers, and counts every request it receives.

Routes map a path (without the query) to a `Reply`, or to a function that writes the raw
answer itself (for drips, endless bodies and lies about the length).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-request (the fetcher giving up by design) is no error here."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"

    def send(self, handler: BaseHTTPRequestHandler) -> None:
        body = self.body.encode() if isinstance(self.body, str) else self.body
        handler.send_response(self.status)
        handler.send_header("Content-Type", self.content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in self.headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)


Raw = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class LocalWeb:
    """One server; `url(path)` gives its address; `seen` lists every request received."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Reply | Raw] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                with web._lock:
                    web.seen.append(Seen(self.path, {k.lower(): v for k, v in
                                                     self.headers.items()}))
                route = web.routes.get(path)
                if route is None:
                    route = web.routes.get("*", Reply(404, "<title>Not found</title>"))
                try:
                    if isinstance(route, Reply):
                        route.send(self)
                    else:
                        route(self)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = _QuietServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.host = host
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def paths(self) -> list[str]:
        with self._lock:
            return [urlsplit(s.path).path for s in self.seen]

    def start(self) -> LocalWeb:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def serving(host: str = "127.0.0.1") -> Iterator[LocalWeb]:
    web = LocalWeb(host).start()
    try:
        yield web
    finally:
        web.stop()
