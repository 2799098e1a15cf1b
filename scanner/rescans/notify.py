"""The messages a rescan sends, and sending them: by SMTP, or into a folder (the outbox).

The person's message holds their private findings; a DSL who receives the shared summary gets
counts only. Messages are queued in the store in the same transaction as the run, so a rescan
is never lost to a mail server being down: each is tried at once and, on failure, again later
with a growing wait (5 minutes, 15, 45, ... at most 6 hours), and deleted once sent.

Settings (environment): RISKSCAN_OUTBOX=DIR writes one .eml file per message (owner-only)
instead of sending; RISKSCAN_SMTP_URL=smtp://user:password@host:port (STARTTLS when the
server offers it) or smtps://... (TLS from the start); RISKSCAN_MAIL_FROM, the sender.
"""

from __future__ import annotations

import ipaddress
import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email import message_from_string
from email import policy as email_policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from sqlmodel import col, select

from scanner.errors import ScanError
from storage.db import Store
from storage.models import NotificationRow
from storage.repository import audit

OUTBOX_SETTING = "RISKSCAN_OUTBOX"
SMTP_SETTING = "RISKSCAN_SMTP_URL"
FROM_SETTING = "RISKSCAN_MAIL_FROM"
SMTP_TIMEOUT_S = 20
FIRST_WAIT = timedelta(minutes=5)
LONGEST_WAIT = timedelta(hours=6)


class DeliveryError(Exception):
    """A message could not be sent this time (one line, no content)."""


@dataclass(frozen=True)
class MailSettings:
    sender: str
    outbox: Path | None = None
    smtp_url: str | None = None

    @property
    def configured(self) -> bool:
        return self.outbox is not None or self.smtp_url is not None


def settings_from_env() -> MailSettings:
    outbox = os.environ.get(OUTBOX_SETTING, "").strip()
    smtp = os.environ.get(SMTP_SETTING, "").strip()
    sender = os.environ.get(FROM_SETTING, "").strip() or f"riskscan@{socket.getfqdn()}"
    if smtp and urlsplit(smtp).scheme not in ("smtp", "smtps"):
        raise ScanError(f"{SMTP_SETTING} must start smtp:// or smtps:// (for example "
                        "smtp://user:password@mail.example.org:587): correct it.")
    return MailSettings(sender, Path(outbox).expanduser() if outbox else None, smtp or None)


def new_message(sender: str, recipient: str, subject: str, body: str, now: datetime
                ) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="riskscan.invalid")
    message.set_content(body)
    return message


def deliver_pending(store: Store, settings: MailSettings, now: datetime, limit: int = 200
                    ) -> dict[str, int]:
    """Send the messages due now, one transaction each (the row stays locked while it is
    sent, so two workers never send one message twice); return what happened, in counts."""
    counts = {"sent": 0, "failed": 0}
    if not settings.configured:
        return counts
    for _ in range(limit):
        outcome = _deliver_one(store, settings, now)
        if outcome is None:
            break
        counts[outcome] += 1
        if outcome == "failed":
            break  # the server is down or refusing: the rest wait for the next round
    return counts


def _deliver_one(store: Store, settings: MailSettings, now: datetime) -> str | None:
    with store.write() as session:
        query = (select(NotificationRow).where(col(NotificationRow.next_attempt) <= now)
                 .order_by(col(NotificationRow.next_attempt), col(NotificationRow.id)).limit(1))
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        row = session.exec(query).first()
        if row is None:
            return None
        try:
            send(settings, row.message)
        except DeliveryError as exc:
            row.attempts += 1
            row.next_attempt = now + retry_wait(row.attempts)
            row.last_error = str(exc)[:300]
            session.add(row)
            audit(session, "message not sent", None,
                  f"consent {row.consent_id}, attempt {row.attempts}: {row.last_error}")
            return "failed"
        table: sa.Table = NotificationRow.__table__  # type: ignore[attr-defined]
        session.connection().execute(sa.delete(table).where(table.c.id == row.id))
        how = "to the outbox" if settings.outbox is not None else "by e-mail"
        audit(session, "message sent", None,
              f"consent {row.consent_id}: {row.audience} message {how}")
        return "sent"


def retry_wait(attempts: int) -> timedelta:
    wait: timedelta = FIRST_WAIT * int(3 ** max(0, attempts - 1))
    return min(wait, LONGEST_WAIT)


def pending_count(store: Store) -> int:
    with store.read() as session:
        return len(session.exec(select(NotificationRow.id)).all())


def send(settings: MailSettings, text: str) -> None:
    if settings.outbox is not None:
        write_outbox(settings.outbox, text)
    elif settings.smtp_url is not None:
        send_smtp(settings.smtp_url, message_from_string(text, policy=email_policy.default))


def write_outbox(folder: Path, text: str) -> None:
    """One .eml file, readable only by its owner, written whole (never half a message)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        name = f"{datetime.now().strftime('%Y%m%d-%H%M%S')}-{os.urandom(4).hex()}.eml"
        tmp = folder / f".{name}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        tmp.replace(folder / name)
    except OSError as exc:
        raise DeliveryError(f"cannot write to the outbox {folder} ({exc.strerror})") from None


def send_smtp(url: str, message: EmailMessage) -> None:
    parts = urlsplit(url)
    implicit_tls = parts.scheme == "smtps"
    host = parts.hostname or "localhost"
    port = parts.port or (465 if implicit_tls else 25)
    context = ssl.create_default_context()
    try:
        client: smtplib.SMTP = (
            smtplib.SMTP_SSL(host, port, timeout=SMTP_TIMEOUT_S, context=context)
            if implicit_tls else smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_S))
        with client:
            client.ehlo()
            secure = implicit_tls
            if not implicit_tls and client.has_extn("starttls"):
                client.starttls(context=context)
                client.ehlo()
                secure = True
            if parts.username:
                if not secure and not _loopback(host):
                    raise DeliveryError(f"the mail server {host} did not offer STARTTLS, so "
                                        "riskscan will not send the password in clear: use "
                                        "smtps:// or a server that offers STARTTLS")
                client.login(unquote(parts.username), unquote(parts.password or ""))
            client.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise DeliveryError(f"the mail server {host} refused the user name or password in "
                            f"{SMTP_SETTING}") from None
    except (smtplib.SMTPException, OSError) as exc:
        reason = type(exc).__name__ if not str(exc) else str(exc).splitlines()[0][:120]
        raise DeliveryError(f"could not send through {host}:{port} ({reason})") from None


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
