"""Rescans end to end against a real HTTP server on 127.0.0.1, on a real SQLite file and a real
PostgreSQL: what is stored, what each recipient is told, what changes between rescans, and what
withdrawal leaves (nothing, and no further request)."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes
from email import policy as email_policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from localweb import LocalWeb, Reply
from mailserver import PASSWORD, USER, free_port, smtp_server
from rescan_support import NOW, Clock, page, sam, settings
from storage_backends import every_row, store_fixture, store_url_fixture  # noqa: F401

from scanner.rescans.claims import RescanRefusedError
from scanner.rescans.consents import grant, show, withdraw
from scanner.rescans.engine import rescan_by_hand, rescan_due
from scanner.rescans.notify import MailSettings, deliver_pending
from storage.consents import runs_key
from storage.db import Store

MONTH = timedelta(days=31)


def outbox_messages(folder: Path) -> list[EmailMessage]:
    found = []
    for path in sorted(folder.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=email_policy.default)
        assert isinstance(message, EmailMessage)
        found.append(message)
    return found


def take(folder: Path) -> list[EmailMessage]:
    """The messages in the outbox, which is then emptied."""
    messages = outbox_messages(folder)
    for path in folder.glob("*.eml"):
        path.unlink()
    return messages


def test_rescans_compare_tell_the_right_people_and_withdrawal_leaves_nothing(
        store: Store, web: LocalWeb, tmp_path: Path) -> None:
    web.routes["/sam"] = Reply(body=page("teacher.html"))
    address = web.url("/sam")
    consent = grant(store, sam([address], dsl="dsl@oakwood.example.sch.uk"), now=NOW)["id"]
    outbox = tmp_path / "outbox"
    clock = Clock(NOW + timedelta(hours=1))
    run = settings(store, clock, MailSettings("riskscan@example.org", outbox=outbox))

    [first] = rescan_due(store, "w1", run)
    assert first.exit == 1 and first.run_id is not None and first.messages == 2
    person, dsl = sorted(take(outbox), key=lambda m: m["To"] != "sam.okafor@example.org")
    assert person["To"] == "sam.okafor@example.org"
    body = person.get_content()
    assert "A5" in body and "s…@oakwood.example.sch.uk" in body and address in body
    shared = dsl.get_content()
    assert dsl["To"] == "dsl@oakwood.example.sch.uk" and "counts only" in shared
    for private in (address, "oakwood.example.sch.uk", "A5", "Teaching Year 3"):
        assert private not in shared
    assert show(store, consent, now=clock.now)["last_rescan"] is not None
    [page_row] = every_row(store)["rescan_pages"]
    assert page_row[3] == address and page_row[5] == 200 and len(page_row[6]) == 64

    clock.now += MONTH  # the same page a month later: stored, but nobody is told
    [same] = rescan_due(store, "w1", run)
    assert same.exit == 1 and same.messages == 0 and "nothing changed" in same.line
    assert take(outbox) == []

    web.routes["/sam"] = Reply(body=page("teacher-fixed.html"))
    clock.now += MONTH
    [fixed] = rescan_due(store, "w1", run)
    assert fixed.messages == 2
    mine = next(m for m in take(outbox) if m["To"] == "sam.okafor@example.org")
    assert "fixed" in mine.get_content() and "None of the pages had changed" not in \
        mine.get_content()
    hashes = {row[6] for row in every_row(store)["rescan_pages"]}
    assert len(hashes) == 2  # the page changed once

    requests = len(web.seen)
    withdraw(store, consent, now=clock.now)
    rows = every_row(store)
    for name, table in rows.items():
        if name in ("consents", "audit_events"):
            continue
        assert not any(address in map(str, row) or runs_key(consent) in map(str, row)
                       for row in table), name
    assert not any(address in str(row) for row in rows["audit_events"])
    clock.now += MONTH
    assert rescan_due(store, "w1", run) == []
    with pytest.raises(RescanRefusedError, match="withdrawn"):
        rescan_by_hand(store, consent, "w1", run)
    assert len(web.seen) == requests  # no further request reached the server


def test_a_profile_behind_a_login_wall_is_not_checked_never_clear(
        store: Store, web: LocalWeb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    login = (Path(__file__).parents[1] / "net" / "sites" / "instagram-login.html")
    web.routes["*"] = Reply(body=login.read_text(encoding="utf-8"))
    web.routes["/robots.txt"] = Reply(body="User-agent: *\nAllow: /\n",
                                      content_type="text/plain")
    monkeypatch.setenv("RISKSCAN_SITE_ORIGINS", f"instagram={web.origin}")
    consent = grant(store, sam(["instagram.com/samokafor"]), now=NOW)["id"]
    outbox = tmp_path / "outbox"
    outcome = rescan_by_hand(store, consent, "w1", settings(
        store, Clock(NOW), MailSettings("riskscan@example.org", outbox=outbox)))
    assert outcome.exit == 0
    assert outcome.summary["clear"] == 0 and outcome.summary["not checked"] > 0
    [message] = outbox_messages(outbox)
    assert "instagram.com/samokafor: not checked (" in message.get_content()
    [page_row] = every_row(store)["rescan_pages"]
    assert page_row[7]  # why it was not checked


def test_smtp_down_keeps_the_rescan_and_sends_the_message_later(
        store: Store, web: LocalWeb) -> None:
    web.routes["/sam"] = Reply(body=page("teacher.html"))
    consent = grant(store, sam([web.url("/sam")]), now=NOW)["id"]
    port = free_port()
    mail = MailSettings("riskscan@example.org",
                        smtp_url=f"smtp://{USER}:{PASSWORD}@127.0.0.1:{port}")
    outcome = rescan_by_hand(store, consent, "w1", settings(store, Clock(NOW), mail))
    assert outcome.run_id is not None and "0 sent" in outcome.line
    assert len(every_row(store)["runs"]) == 1
    [queued] = every_row(store)["notifications"]
    assert queued[6] == 1 and "could not send" in queued[8]
    with smtp_server(port) as (inbox, _port):
        assert deliver_pending(store, mail, NOW + timedelta(minutes=5)) == {
            "sent": 1, "failed": 0}
    assert inbox.messages[0]["To"] == "sam.okafor@example.org"
    assert every_row(store)["notifications"] == []


def test_an_address_outside_the_consent_is_refused_before_any_request(
        store: Store, web: LocalWeb) -> None:
    web.routes["/sam"] = Reply(body=page("teacher.html"))
    consent = grant(store, sam([web.url("/sam")]), now=NOW)["id"]
    with pytest.raises(RescanRefusedError, match="outside consent"):
        rescan_by_hand(store, consent, "w1", settings(store, Clock(NOW)),
                       address=web.url("/someone-else"))
    assert web.seen == []
    assert show(store, consent, now=NOW)["last_rescan"] is None


def test_a_rescan_by_address_needs_a_live_consent_naming_it(store: Store, web: LocalWeb) -> None:
    web.routes["/sam"] = Reply(body=page("teacher.html"))
    address = web.url("/sam")
    with pytest.raises(RescanRefusedError, match="no live consent covers"):
        rescan_by_hand(store, address, "w1", settings(store, Clock(NOW)))
    assert web.seen == []
    consent = grant(store, sam([address]), now=NOW)["id"]
    outcome = rescan_by_hand(store, address, "w1", settings(store, Clock(NOW)))
    assert outcome.consent_id == consent and outcome.run_id is not None
    withdraw(store, consent, now=NOW)
    with pytest.raises(RescanRefusedError, match="no live consent covers"):
        rescan_by_hand(store, address, "w1", settings(store, Clock(NOW)))


def test_a_monthly_all_clear_is_sent_only_when_asked_for(store: Store, web: LocalWeb,
                                                       tmp_path: Path) -> None:
    web.routes["/sam"] = Reply(body=page("teacher-fixed.html"))
    asked = grant(store, sam([web.url("/sam")], all_clear=True), now=NOW)["id"]
    grant(store, sam([web.url("/sam")], person="Jo Whitmore", email="jo@example.org"),
          now=NOW)
    outbox = tmp_path / "outbox"
    clock = Clock(NOW + timedelta(hours=1))
    run = settings(store, clock, MailSettings("riskscan@example.org", outbox=outbox))
    assert len(rescan_due(store, "w1", run)) == 2
    assert len(take(outbox)) == 2  # the first rescan always reports
    clock.now += timedelta(days=7)
    rescan_by_hand(store, asked, "w1", run)
    assert take(outbox) == []  # a week after the last message: no all-clear yet
    clock.now += MONTH
    outcomes = rescan_due(store, "w1", run)
    assert len(outcomes) == 2
    [all_clear] = take(outbox)
    assert all_clear["To"] == "sam.okafor@example.org"
    assert "None of the pages had changed" in all_clear.get_content()
