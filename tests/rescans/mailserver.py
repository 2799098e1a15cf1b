"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), with login and, optionally,
STARTTLS under a throwaway certificate authority (trustme)."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword

USER, PASSWORD = "riskscan", "s3cret-for-tests"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Inbox:
    """Every message the server accepted, and whether it came over TLS."""

    messages: list[EmailMessage] = field(default_factory=list)
    over_tls: list[bool] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, session: Any, envelope: Envelope  # noqa: N802
                          ) -> str:
        raw = envelope.original_content or b""
        parsed = message_from_bytes(raw, policy=email_policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.over_tls.append(session.ssl is not None)
        return "250 OK"


def _authenticator(_server: Any, _session: Any, _envelope: Any, mechanism: str,
                   data: Any) -> AuthResult:
    ok = (isinstance(data, LoginPassword) and data.login.decode() == USER
          and data.password.decode() == PASSWORD)
    return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(port: int | None = None, tls_dir: Path | None = None) -> Iterator[
        tuple[Inbox, int]]:
    """Run the server until the block ends; with `tls_dir` it offers STARTTLS and writes
    its CA certificate to tls_dir/ca.pem (point SSL_CERT_FILE at it)."""
    inbox = Inbox()
    port = port or free_port()
    kwargs: dict[str, Any] = {"authenticator": _authenticator, "auth_require_tls": False}
    if tls_dir is not None:
        import trustme

        ca = trustme.CA()
        ca.cert_pem.write_to_path(str(tls_dir / "ca.pem"))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        kwargs.update(tls_context=context, require_starttls=True, auth_require_tls=True)
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
