"""Sending queued messages through a real SMTP server on 127.0.0.1 (login, STARTTLS), into a
file outbox, and retrying later when the server is down or refuses the login."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email import policy as email_policy
from pathlib import Path

import pytest
from mailserver import PASSWORD, USER, free_port, smtp_server
from storage_backends import every_row, store_fixture, store_url_fixture  # noqa: F401

from scanner.rescans.notify import MailSettings, deliver_pending, new_message
from storage.db import Store
from storage.models import NotificationRow

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def queue(store: Store, recipient: str = "jo.whitmore@example.org") -> None:
    message = new_message("riskscan@example.org", recipient, "Your public profile check",
                          "A1: your handle names the school.\n", NOW)
    with store.write() as session:
        session.add(NotificationRow(consent_id="c1", recipient=recipient, audience="private",
                                    message=message.as_string(), created=NOW,
                                    next_attempt=NOW))


def smtp(port: int, password: str = PASSWORD, scheme: str = "smtp") -> MailSettings:
    return MailSettings("riskscan@example.org",
                        smtp_url=f"{scheme}://{USER}:{password}@127.0.0.1:{port}")


def test_a_message_is_sent_with_login_and_then_deleted(store: Store) -> None:
    queue(store)
    with smtp_server() as (inbox, port):
        assert deliver_pending(store, smtp(port), NOW) == {"sent": 1, "failed": 0}
    [got] = inbox.messages
    assert got["To"] == "jo.whitmore@example.org" and got["From"] == "riskscan@example.org"
    assert "names the school" in got.get_content()
    rows = every_row(store)
    assert rows["notifications"] == []
    assert any(row[2] == "message sent" for row in rows["audit_events"])


def test_starttls_is_used_when_the_server_offers_it(store: Store, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    queue(store)
    with smtp_server(tls_dir=tmp_path) as (inbox, port):
        monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
        assert deliver_pending(store, smtp(port), NOW) == {"sent": 1, "failed": 0}
    assert inbox.over_tls == [True]


def test_a_refused_login_is_retried_later_and_nothing_is_lost(store: Store) -> None:
    queue(store)
    with smtp_server() as (inbox, port):
        assert deliver_pending(store, smtp(port, "wrong"), NOW) == {"sent": 0, "failed": 1}
        [row] = every_row(store)["notifications"]
        assert row[6] == 1  # attempts
        assert "refused the user name or password" in row[8]
        assert deliver_pending(store, smtp(port), NOW + timedelta(minutes=4)) == {
            "sent": 0, "failed": 0}  # not yet: the first wait is 5 minutes
        assert deliver_pending(store, smtp(port), NOW + timedelta(minutes=5)) == {
            "sent": 1, "failed": 0}
    assert len(inbox.messages) == 1


def test_a_server_that_is_down_is_retried_with_a_growing_wait(store: Store) -> None:
    queue(store)
    port = free_port()  # nothing listens here yet
    when = NOW
    for wait in (5, 15, 45):
        assert deliver_pending(store, smtp(port), when) == {"sent": 0, "failed": 1}
        when += timedelta(minutes=wait)
        assert deliver_pending(store, smtp(port), when - timedelta(seconds=1)) == {
            "sent": 0, "failed": 0}
    with smtp_server(port) as (inbox, _port):
        assert deliver_pending(store, smtp(port), when) == {"sent": 1, "failed": 0}
    assert len(inbox.messages) == 1


def test_the_outbox_gets_one_owner_only_eml_file_per_message(store: Store,
                                                             tmp_path: Path) -> None:
    queue(store)
    queue(store, "dsl@example.org")
    outbox = tmp_path / "outbox"
    settings = MailSettings("riskscan@example.org", outbox=outbox)
    assert deliver_pending(store, settings, NOW) == {"sent": 2, "failed": 0}
    files = sorted(outbox.iterdir())
    assert len(files) == 2 and all(f.suffix == ".eml" for f in files)
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    recipients = {message_from_bytes(f.read_bytes(), policy=email_policy.default)["To"]
                  for f in files}
    assert recipients == {"jo.whitmore@example.org", "dsl@example.org"}


def test_without_mail_settings_messages_wait_in_the_store(store: Store) -> None:
    queue(store)
    assert deliver_pending(store, MailSettings("riskscan@example.org"), NOW) == {
        "sent": 0, "failed": 0}
    assert len(every_row(store)["notifications"]) == 1
