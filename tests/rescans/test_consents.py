"""Consent records as plain functions, on a real SQLite file and a real PostgreSQL: what is
recorded, what is refused, and what withdrawal, expiry and `forget` leave behind."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from storage_backends import every_row, finding, run_record, store_fixture, store_url_fixture  # noqa: F401

from scanner.rescans import claims
from scanner.rescans.consents import (
    PUBLIC_RULES,
    ConsentError,
    ConsentRequest,
    default_wording,
    grant,
    list_consents,
    renew,
    show,
    withdraw,
)
from scanner.rescans.engine import RescanSettings, sweep
from scanner.rescans.notify import MailSettings
from storage.access import export_person
from storage.consents import runs_key
from storage.db import Store
from storage.forget import forget_person
from storage.models import NotificationRow, PageRow
from storage.repository import insert_run

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
JO_SITE, JO_MASTODON = "https://jo.example.org/", "@jo@social.example.org"
LIST_KEYS = {"id", "person", "email", "kind", "schedule", "addresses", "expires", "status",
             "next_rescan"}


def jo(**changes: object) -> ConsentRequest:
    request = ConsentRequest(person="Jo Whitmore", email="jo.whitmore@example.org",
                             kind="ongoing", schedule="monthly", expires=date(2027, 11, 30),
                             addresses=[JO_SITE, JO_MASTODON])
    for key, value in changes.items():
        setattr(request, key, value)
    return request


def stored_rescan(store: Store, consent_id: str, address: str) -> int:
    """A rescan's run, page hash and queued message, as the engine stores them."""
    with store.write() as session:
        run_id = insert_run(session, runs_key(consent_id), run_record([finding("A1", "1")]))
        session.add(PageRow(consent_id=consent_id, run_id=run_id, address=address,
                            fetched=NOW, http_status=200, content_hash="ab" * 32))
        session.add(NotificationRow(consent_id=consent_id, recipient="jo@example.org",
                                    audience="private", message="Subject: x\n\nfindings",
                                    created=NOW, next_attempt=NOW))
    return run_id


def test_a_granted_consent_lists_with_the_contract_keys(store: Store) -> None:
    made = grant(store, jo(), now=NOW)
    [listed] = list_consents(store, now=NOW)
    assert set(listed) == LIST_KEYS
    assert listed["id"] == made["id"]
    assert listed["addresses"] == [JO_SITE, JO_MASTODON]
    assert (listed["status"], listed["expires"]) == ("live", "2027-11-30")
    first = datetime.fromisoformat(listed["next_rescan"].replace("Z", "+00:00"))
    assert NOW <= first < NOW + timedelta(hours=1)  # due now, moved by its jitter
    detail = show(store, made["id"], now=NOW)
    assert detail["scope"] == list(PUBLIC_RULES)
    assert detail["recipients"] == [{"email": "jo.whitmore@example.org",
                                     "audience": "private"}]
    assert detail["wording"]["sha256"] == hashlib.sha256(
        default_wording().encode()).hexdigest()


def test_the_dsl_gets_counts_unless_the_person_ticks_more(store: Store) -> None:
    counts_only = show(store, grant(store, jo(dsl="dsl@example.org"), now=NOW)["id"], now=NOW)
    details = show(store, grant(store, jo(dsl="dsl@example.org", dsl_sees_findings=True),
                                now=NOW)["id"], now=NOW)
    assert counts_only["recipients"][1] == {"email": "dsl@example.org", "audience": "shared"}
    assert details["recipients"][1] == {"email": "dsl@example.org", "audience": "private"}


@pytest.mark.parametrize(("change", "words"), [
    ({"expires": date(2027, 12, 8)}, "at most 12 months"),
    ({"expires": date(2026, 12, 6)}, "already passed"),
    ({"email": "jo at example"}, "does not look like an e-mail"),
    ({"kind": "forever"}, "kind must be one of"),
    ({"schedule": "hourly"}, "schedule must be one of"),
    ({"rules": ["B1"]}, "cannot be checked from public pages"),
    ({"addresses": []}, "at least one profile address"),
    ({"addresses": ["not an address"]}, "is not a profile address"),
    ({"dsl_sees_findings": True}, "needs the DSL's address"),
])
def test_a_consent_that_cannot_be_recorded_is_one_line_and_nothing_is_stored(
        store: Store, change: dict[str, object], words: str) -> None:
    with pytest.raises(ConsentError, match=words) as refused:
        grant(store, jo(**change), now=NOW)
    assert "\n" not in str(refused.value)
    assert list_consents(store, now=NOW) == []


def test_every_candidate_for_a_post_is_checked_alike(store: Store) -> None:
    grant(store, jo(kind="one-off", post="Year 4 teacher", rules=["A1", "C2"]), now=NOW)
    with pytest.raises(ConsentError, match="checked alike"):
        grant(store, jo(person="Sam Carter", kind="one-off", post="Year 4 teacher"), now=NOW)
    grant(store, jo(person="Sam Carter", kind="one-off", post="Year 4 teacher",
                    rules=["C2", "A1"]), now=NOW)
    assert len(list_consents(store, now=NOW)) == 2


def test_withdrawal_deletes_every_run_finding_and_hash_of_those_addresses_at_once(
        store: Store) -> None:
    mine = grant(store, jo(), now=NOW)["id"]
    other = grant(store, jo(person="Sam Carter", email="sam@example.org",
                            addresses=["https://sam.example.org/"]), now=NOW)["id"]
    stored_rescan(store, mine, JO_SITE)
    kept_run = stored_rescan(store, other, "https://sam.example.org/")
    result = withdraw(store, mine, now=NOW + timedelta(days=1))
    assert result["status"] == "withdrawn" and result["next_rescan"] is None
    assert result["deleted"] == {"runs": 1, "findings": 1, "rule results": 1,
                                 "page hashes": 1, "pages read": 0, "unsent messages": 1}
    rows = every_row(store)
    for table in ("runs", "findings", "rule_results", "rescan_pages", "notifications"):
        assert not any(mine in map(str, row) or runs_key(mine) in map(str, row)
                       for row in rows[table]), table
    assert not any(JO_SITE in map(str, row) for name, table_rows in rows.items()
                   if name != "consents" for row in table_rows)
    assert [row[0] for row in rows["runs"]] == [kept_run]  # the other consent's run stays
    [line] = [row for row in rows["audit_events"] if row[2] == "consent withdrawn"]
    assert "data deleted" in line[4] and JO_SITE not in line[4] and "jo.whitmore" not in line[4]
    with pytest.raises(claims.RescanRefusedError, match="withdrawn"):
        claims.claim_one(store, mine, "w1", NOW + timedelta(days=1), timedelta(minutes=5))


def test_a_rescan_of_an_unknown_consent_is_refused(store: Store) -> None:
    with pytest.raises(claims.RescanRefusedError, match="no consent 'c0000'"):
        claims.claim_one(store, "c0000", "w1", NOW, timedelta(minutes=5))


def _settings(now: datetime) -> RescanSettings:
    from storage_scans import demo_policy

    return RescanSettings(policy=demo_policy(), mail=MailSettings("riskscan@example.org"),
                          clock=lambda: now)


def test_one_reminder_14_days_before_expiry_then_expiry_deletes_the_data(store: Store) -> None:
    consent = grant(store, jo(expires=date(2027, 1, 31)), now=NOW)["id"]
    stored_rescan(store, consent, JO_SITE)
    assert sweep(store, _settings(datetime(2027, 1, 16, 9, tzinfo=UTC))) == {
        "expired": 0, "reminded": 0}
    for _ in range(2):  # a second sweep the same day sends no second reminder
        sweep(store, _settings(datetime(2027, 1, 17, 9, tzinfo=UTC)))
    reminders = [r for r in every_row(store)["notifications"] if r[3] == "reminder"]
    assert len(reminders) == 1 and "ends on 31 January 2027" in reminders[0][4]
    assert list_consents(store, now=datetime(2027, 1, 31, 23, tzinfo=UTC))[0]["status"] == "live"
    after = datetime(2027, 2, 1, 0, 1, tzinfo=UTC)
    assert sweep(store, _settings(after)) == {"expired": 1, "reminded": 0}
    rows = every_row(store)
    assert rows["runs"] == [] and rows["findings"] == [] and rows["rescan_pages"] == []
    assert rows["notifications"] == []
    assert list_consents(store, now=after)[0]["status"] == "expired"
    with pytest.raises(claims.RescanRefusedError, match="expired"):
        claims.claim_one(store, consent, "w1", after, timedelta(minutes=5))


def test_renewal_moves_the_expiry_at_most_12_months_ahead(store: Store) -> None:
    consent = grant(store, jo(expires=date(2027, 1, 31)), now=NOW)["id"]
    later = datetime(2027, 1, 20, tzinfo=UTC)
    with pytest.raises(ConsentError, match="at most 12 months"):
        renew(store, consent, date(2028, 1, 21), now=later)
    assert renew(store, consent, date(2028, 1, 20), now=later)["expires"] == "2028-01-20"
    withdraw(store, consent, now=later)
    with pytest.raises(ConsentError, match="is withdrawn: it cannot be renewed"):
        renew(store, consent, date(2027, 6, 1), now=later)


def test_export_holds_the_consent_and_forget_removes_it(store: Store) -> None:
    consent = grant(store, jo(), now=NOW)["id"]
    stored_rescan(store, consent, JO_SITE)
    data = export_person(store, "Jo Whitmore", "2026-12-07T09:00:00Z")
    [exported] = data["consents"]
    assert exported["id"] == consent and exported["wording"]["text"] == default_wording()
    assert len(exported["rescans"]) == 1 and exported["pages"][0]["address"] == JO_SITE
    json.dumps(data)
    counts = forget_person(store, "Jo Whitmore")
    assert counts["consents"] == 1 and counts["runs"] == 1
    rows = every_row(store)
    for table in ("consents", "runs", "findings", "rescan_pages", "notifications"):
        assert rows[table] == [], table
