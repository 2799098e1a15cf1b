"""Who may use the page: a browser that opened the address printed at start-up, on this
computer, through 127.0.0.1 or localhost.

- The address carries a random key (`?token=`). Opening it sets a session cookie (HttpOnly,
  SameSite=Strict) and redirects to the same page without the key; every other request needs
  that cookie, and is refused without it.
- The Host header must be 127.0.0.1:PORT or localhost:PORT. A web page elsewhere cannot point a
  name it controls at 127.0.0.1 (DNS rebinding) and read the page: its requests carry its own
  name as Host.
- Every form carries a CSRF value tied to the session, checked before anything changes.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ERROR_PAGE = """<!doctype html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>riskscan: {title}</title>
<style>body{{font:18px/1.5 system-ui,Arial,sans-serif;max-width:40rem;margin:2rem auto;
padding:0 1rem;color:#1d2939}}</style></head>
<body><main><h1>{title}</h1><p>{text}</p></main></body></html>"""


@dataclass
class Keys:
    """The start-up key in the printed address, the session's cookie value, and the secret
    CSRF values are derived from. All random, made fresh each time the server starts."""

    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    session: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    csrf_secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    @property
    def cookie(self) -> str:
        """Cookies are kept per host, not per port: each server names its own."""
        return f"riskscan_{self.port}"

    def hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    def csrf(self) -> str:
        return hmac.new(self.csrf_secret, self.session.encode(), "sha256").hexdigest()

    def csrf_ok(self, value: str | None) -> bool:
        return value is not None and hmac.compare_digest(value.encode(), self.csrf().encode())


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    raw = _header(scope, b"cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # noqa: BLE001 - a malformed cookie header is simply no session
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


async def send_page(send: Send, status: int, title: str, text: str,
                headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = ERROR_PAGE.format(title=title, text=text).encode()
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'"),
        (b"cache-control", b"no-store"), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: Host header, then the start-up key or the session cookie."""

    def __init__(self, app: ASGIApp, keys: Keys) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = (_header(scope, b"host") or "").lower()
        if host not in self.keys.hosts():
            await send_page(send, 421, "Wrong address",
                        f"riskscan only answers at http://127.0.0.1:{self.keys.port}/ on this "
                        "computer. Open the address riskscan printed when it started.")
            return
        token = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [""])[0]
        if token:
            await self._sign_in(token, scope, send)
            return
        cookie = _cookie(scope, self.keys.cookie)
        if cookie is None or not hmac.compare_digest(cookie.encode(), self.keys.session.encode()):
            await send_page(send, 403, "Please open riskscan from its own address",
                        "This page needs the address riskscan printed when it started (it "
                        "ends with ?token= and a key). Copy that whole line into your "
                        "browser, or stop riskscan and run riskscan serve again.")
            return
        await self.app(scope, receive, send)

    async def _sign_in(self, token: str, scope: Scope, send: Send) -> None:
        if not hmac.compare_digest(token.encode(), self.keys.token.encode()):
            await send_page(send, 403, "That key is not right",
                        "The key in this address does not match the one riskscan printed. "
                        "Copy the whole address from the window where riskscan is running, "
                        "or stop riskscan and run riskscan serve again for a new one.")
            return
        cookie = f"{self.keys.cookie}={self.keys.session}; HttpOnly; SameSite=Strict; Path=/"
        path = scope.get("path") or "/"
        await send({"type": "http.response.start", "status": 303, "headers": [
            (b"location", path.encode()), (b"set-cookie", cookie.encode()),
            (b"cache-control", b"no-store"), (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})
