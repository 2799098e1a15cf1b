"""The DSL's consents page: consents listed with their status; renewed, or withdrawn only once
the box is ticked; nothing fetched from the network to show it."""

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
