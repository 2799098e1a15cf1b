"""The DSL's consents page: who agreed to scheduled rescans of which public profiles, until
when, and their status; renew a live consent or withdraw one (its stored rescans deleted at
once). Recording a new consent needs the person's signed agreement, so it stays a command
(`riskscan consent grant`), as the README describes."""

from __future__ import annotations

from datetime import date
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from scanner.app.store import opened_store
from scanner.errors import ScanError
from scanner.rescans.consents import list_consents, renew, withdraw
from scanner.web.forms import fields_of
from scanner.web.pages import back, render, state_of

STATUS_WORDS = {"live": "Live", "withdrawn": "Withdrawn", "expired": "Expired"}


def _all() -> list[dict[str, Any]]:
    with opened_store() as store:
        return list_consents(store)


async def consents_page(request: Request) -> Response:
    consents = await run_in_threadpool(_all)
    return render(request, "consents.html.j2", consents=consents, words=STATUS_WORDS,
                  today=date.today().isoformat())


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
            until = date.fromisoformat(fields.get("expires", ""))
            await run_in_threadpool(_renew, consent, until)
            state.tell(f"Consent {consent} now lasts until {until:%d %B %Y}.", "done")
    except ValueError:
        state.tell("Give the new end date as a date (the date picker, or YYYY-MM-DD).",
                   "problem")
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
          Route("/dsl/consents", consent_action, methods=["POST"])]
