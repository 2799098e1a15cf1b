"""The pages benchmark's local web: HOSTS servers on distinct loopback addresses (127.0.0.2,
127.0.0.3, ...), each serving PAGES fictional profile pages and a robots.txt that allows them.
Run in the harness process, so the measured worker does only riskscan's side."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import cast

ROBOTS = b"User-agent: *\nAllow: /\n"
_PARAGRAPHS = (
    "Up early for a run along the river before the day starts.",
    "Reading group tonight: we are halfway through a very long Russian novel.",
    "The allotment has finally given up its last courgettes of the year.",
    "Trying a new bread recipe with rye flour; the kitchen smells wonderful.",
    "A wet walk round the reservoir, and a very muddy dog afterwards.",
)


def profile_page(host: int, page: int) -> bytes:
    """A fictional person's public page: JSON-LD, an h-card and a few paragraphs."""
    name = f"Alex Example {host}-{page}"
    paragraphs = "".join(f"<p>{_PARAGRAPHS[(host + page + i) % len(_PARAGRAPHS)]}</p>"
                         for i in range(12))
    return (
        "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        f"<title>{name}</title><meta name='description' content='Gardener and walker.'>"
        f"<meta property='og:title' content='{name}'>"
        "<script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
        f"\"@type\": \"Person\", \"name\": \"{name}\", \"jobTitle\": \"Librarian\"}}"
        "</script></head><body>"
        f"<div class='h-card'><span class='p-name'>{name}</span>"
        "<p class='p-note'>Books, bread and long walks.</p></div>"
        f"<main>{paragraphs}</main></body></html>").encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            body, kind = ROBOTS, "text/plain"
        else:
            address = cast(tuple[str, int], self.server.server_address)
            host = int(address[0].rsplit(".", 1)[1])
            body, kind = profile_page(host, int(self.path.rsplit("/", 1)[1] or 0)), "text/html"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def local_web(hosts: int) -> Iterator[list[str]]:
    """Start the servers; yields each one's origin (http://127.0.0.N:PORT)."""
    servers = [ThreadingHTTPServer((f"127.0.0.{n + 2}", 0), _Handler) for n in range(hosts)]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for server, thread in zip(servers, threads, strict=True):
        server.daemon_threads = True
        thread.start()
    try:
        yield [f"http://{s.server_address[0]!s}:{s.server_address[1]}" for s in servers]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
