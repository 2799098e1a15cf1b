"""The DSL's consents page: who agreed to scheduled rescans of which public profiles, until
when, and their status; record a new consent (once the DSL confirms the person agreed to the
wording shown), renew a live consent or withdraw one (its stored rescans deleted at once). A
consent the store refuses comes back with its fields as typed and the reason in one line."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from scanner.app.store import opened_store
from scanner.errors import ScanError
from scanner.rescans.consents import (
    ConsentRequest,
    default_wording,
    grant,
    list_consents,
    renew,
    withdraw,
)
from scanner.web.forms import fields_of
from scanner.web.pages import back, render, state_of

STATUS_WORDS = {"live": "Live", "withdrawn": "Withdrawn", "expired": "Expired"}


def _all() -> list[dict[str, Any]]:
    with opened_store() as store:
        return list_consents(store)


async def consents_page(request: Request) -> Response:
    consents = await run_in_threadpool(_all)
    state = state_of(request)
    draft, state.consent_draft = state.consent_draft, {}
    return render(request, "consents.html.j2", consents=consents, words=STATUS_WORDS,
                  today=date.today().isoformat(), draft=draft, wording=default_wording())


async def consent_grant(request: Request) -> Response:
    fields = await fields_of(request)
    state = state_of(request)
    try:
        made = await run_in_threadpool(_grant, _request_of(fields))
    except ScanError as problem:
        state.consent_draft = {k: v for k, v in fields.items() if k != "csrf"}
        state.tell(str(problem)[:1].upper() + str(problem)[1:], "problem")
        return back("/dsl/consents#record")
    first = (made.get("next_rescan") or "")[:10] or "never"
    state.tell(f"Consent {made['id']} recorded for {made['person']}: "
               f"{len(made['addresses'])} profile(s), {made['schedule']}, until "
               f"{made['expires']}; first rescan due {first}.", "done")
    return back("/dsl/consents")


def _request_of(fields: dict[str, str]) -> ConsentRequest:
    """The form's fields as a consent request; one line naming the first thing wrong."""
    if fields.get("agreed") != "yes":
        raise ScanError("tick the box to confirm the person has agreed to the wording first.")
    expires = _end_date(fields)
    return ConsentRequest(
        person=fields.get("person", ""), email=fields.get("email", "").strip(),
        kind=fields.get("kind", ""), schedule=fields.get("schedule", ""), expires=expires,
        addresses=[line.strip() for line in fields.get("addresses", "").splitlines()
                   if line.strip()],
        dsl=fields.get("dsl", "").strip() or None,
        dsl_sees_findings=fields.get("dsl_sees_findings") == "yes",
        all_clear=fields.get("all_clear") == "yes",
        post=fields.get("post", "").strip() or None)


def _end_date(fields: dict[str, str]) -> date:
    """The form's end date, for recording a consent and for renewing one alike."""
    try:
        return date.fromisoformat(fields.get("expires", "").strip())
    except ValueError:
        raise ScanError("give the end date as a date (the date picker, or YYYY-MM-DD)."
                        ) from None


def _grant(request: ConsentRequest) -> dict[str, Any]:
    with opened_store() as store:
        return grant(store, request)


async def consent_action(request: Request) -> Response:
    fields = await fields_of(request)
    state = state_of(request)
    consent = fields.get("consent", "")
    try:
        if fields.get("action") == "withdraw":
            if fields.get("sure") != "yes":
                raise ScanError("tick the box to confirm the withdrawal first.")
            done = await run_in_threadpool(_withdraw, consent)
            deleted = sum(done.get("deleted", {}).values())
            state.tell(f"Consent {consent} is withdrawn: no more rescans, and {deleted} stored "
                       "item(s) from its rescans were deleted.", "done")
        else:
            until = _end_date(fields)
            await run_in_threadpool(_renew, consent, until)
            state.tell(f"Consent {consent} now lasts until {until:%d %B %Y}.", "done")
    except ScanError as problem:
        state.tell(str(problem)[:1].upper() + str(problem)[1:], "problem")
    return back("/dsl/consents")


def _withdraw(consent: str) -> dict[str, Any]:
    with opened_store() as store:
        return withdraw(store, consent)


def _renew(consent: str, until: date) -> dict[str, Any]:
    with opened_store() as store:
        return renew(store, consent, until)


ROUTES = [Route("/dsl/consents", consents_page),
          Route("/dsl/consents", consent_action, methods=["POST"]),
          Route("/dsl/consents/new", consent_grant, methods=["POST"])]
