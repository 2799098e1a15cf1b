"""The DSL's consents page: consents listed with their status; recorded only once the agreement
is ticked, refusals as one line with nothing stored; renewed, or withdrawn only once the box is
ticked; nothing fetched from the network to show it."""

from __future__ import annotations

from datetime import date, timedelta

from live import Live

from scanner.app.store import opened_store
from scanner.rescans.consents import ConsentRequest, grant, list_consents


def _consent() -> str:
    request = ConsentRequest(person="Jo Whitmore", email="jo.whitmore@example.org",
                             kind="ongoing", schedule="monthly",
                             expires=date.today() + timedelta(days=90),
                             addresses=["https://jo.example.org/"])
    with opened_store() as store:
        return str(grant(store, request)["id"])


def _status(consent: str) -> dict[str, object]:
    with opened_store() as store:
        return next(c for c in list_consents(store) if c["id"] == consent)


def test_consents_are_listed_renewed_and_withdrawn(live: Live) -> None:
    with live.client() as client:
        assert "No consents are recorded" in client.get("/dsl/consents").text
        consent = _consent()
        page = client.get("/dsl/consents").text
        assert consent in page and "https://jo.example.org/" in page and "Live" in page

        until = date.today() + timedelta(days=200)
        done = client.post("/dsl/consents", data={
            "csrf": live.csrf(), "consent": consent, "action": "renew",
            "expires": until.isoformat()}, follow_redirects=True)
        assert f"now lasts until {until:%d %B %Y}" in done.text
        assert _status(consent)["expires"] == until.isoformat()

        too_far = client.post("/dsl/consents", data={
            "csrf": live.csrf(), "consent": consent, "action": "renew",
            "expires": (date.today() + timedelta(days=800)).isoformat()},
            follow_redirects=True)
        assert "Problem:" in too_far.text
        assert _status(consent)["expires"] == until.isoformat()

        unsure = client.post("/dsl/consents", data={
            "csrf": live.csrf(), "consent": consent, "action": "withdraw"},
            follow_redirects=True)
        assert "tick the box" in unsure.text.lower()
        assert _status(consent)["status"] == "live"
        gone = client.post("/dsl/consents", data={
            "csrf": live.csrf(), "consent": consent, "action": "withdraw", "sure": "yes"},
            follow_redirects=True)
        assert f"Consent {consent} is withdrawn" in gone.text
        assert _status(consent)["status"] == "withdrawn"
        assert "Withdrawn" in client.get("/dsl/consents").text


def _form(live: Live, **changes: str) -> dict[str, str]:
    fields = {"csrf": live.csrf(), "person": "Priya Natarajan",
              "email": "priya.natarajan@example.org",
              "addresses": "https://priya.example.org/\n@priya@mastodon.example.org\n",
              "kind": "ongoing", "schedule": "monthly",
              "expires": (date.today() + timedelta(days=180)).isoformat(),
              "dsl": "dsl@oakwood.example.sch.uk", "agreed": "yes"}
    fields.update(changes)
    return {key: value for key, value in fields.items() if value != "-"}


def _everyone() -> list[dict[str, object]]:
    with opened_store() as store:
        return list_consents(store)


def test_a_consent_is_recorded_on_the_page_once_the_agreement_is_ticked(live: Live) -> None:
    with live.client() as client:
        page = client.get("/dsl/consents").text
        assert "Record a consent" in page and "agreed to it" in page
        unticked = client.post("/dsl/consents/new", data=_form(live, agreed="-"),
                               follow_redirects=True)
        assert "Problem:" in unticked.text and "tick the box" in unticked.text.lower()
        assert _everyone() == []
        assert "priya.natarajan@example.org" in unticked.text  # the fields come back as typed

        done = client.post("/dsl/consents/new", data=_form(live), follow_redirects=True)
        [made] = _everyone()
        assert f"Consent {made['id']} recorded for Priya Natarajan" in done.text
        assert made["addresses"] == ["https://priya.example.org/",
                                     "@priya@mastodon.example.org"]
        assert made["status"] == "live" and made["kind"] == "ongoing"
        assert made["next_rescan"] is not None
        assert made["id"] in client.get("/dsl/consents").text


def test_a_consent_the_store_refuses_is_one_line_and_nothing_is_recorded(live: Live) -> None:
    refusals = {
        "expires": (date.today() + timedelta(days=800)).isoformat(),  # beyond 12 months
        "email": "not an address",
        "addresses": "ftp://nowhere",
        "kind": "forever",
        "person": "",
    }
    with live.client() as client:
        for field, value in refusals.items():
            answer = client.post("/dsl/consents/new", data=_form(live, **{field: value}),
                                 follow_redirects=True)
            assert answer.status_code == 200
            assert answer.text.count("Problem:") == 1, field
            assert "Traceback" not in answer.text
        assert _everyone() == []


def test_an_end_date_that_is_not_a_date_is_one_line_when_recording_or_renewing(
        live: Live) -> None:
    wrong = "next June"
    with live.client() as client:
        recording = client.post("/dsl/consents/new", data=_form(live, expires=wrong),
                                follow_redirects=True)
        assert _everyone() == []
        consent = _consent()
        before = _status(consent)["expires"]
        renewing = client.post("/dsl/consents", data={
            "csrf": live.csrf(), "consent": consent, "action": "renew", "expires": wrong},
            follow_redirects=True)
        assert _status(consent)["expires"] == before
    for answer in (recording, renewing):
        assert answer.text.count("Problem:") == 1
        assert "end date as a date (the date picker, or YYYY-MM-DD)" in answer.text
