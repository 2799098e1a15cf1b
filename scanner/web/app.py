"""The web application: the staff and DSL pages behind the guard, the page's own assets, and a
clear page (never a traceback) for anything that goes wrong, with the server kept running."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from scanner.errors import ScanError
from scanner.web import consents, dsl, staff
from scanner.web.forms import FormRefusedError
from scanner.web.guard import ASGIApp, Guard, Message, Receive, Scope, Send, send_page
from scanner.web.pages import render
from scanner.web.state import ServerState

STATIC = Path(__file__).resolve().parent / "static"


async def _told(request: Request, exc: Exception) -> Response:
    """A mistake riskscan can explain (ScanError): the message, on a page."""
    text = str(exc)
    status = 403 if isinstance(exc, FormRefusedError) else 400
    return render(request, "problem.html.j2", status=status,
                  message=text[:1].upper() + text[1:])


async def _http(request: Request, exc: Exception) -> Response:
    code = exc.status_code if isinstance(exc, HTTPException) else 500
    message = ("There is no page at this address. Use the menu at the top to find your way."
               if code == 404 else "That is not something this page can do.")
    return render(request, "problem.html.j2", status=code, message=message)


async def _crash(request: Request, exc: Exception) -> Response:
    """Anything unexpected inside a page: a plain page, never a traceback (Contain below keeps
    the server running and prints details only with RISKSCAN_DEBUG)."""
    return render(request, "problem.html.j2", status=500, message=(
        f"riskscan could not finish that ({type(exc).__name__}). Nothing you stored was "
        "changed. Go back and try again; run riskscan serve with RISKSCAN_DEBUG=1 for details "
        "to send to whoever supports riskscan at your school."))


class Contain:
    """Anything unexpected becomes a plain page; the server keeps running. The details are
    printed only with RISKSCAN_DEBUG, so nothing personal reaches a log by accident."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception as problem:  # noqa: BLE001 - one request fails, the server stays up
            if os.environ.get("RISKSCAN_DEBUG"):
                traceback.print_exception(problem, file=sys.stderr)
            if not started:
                await send_page(send, 500, "Something went wrong inside riskscan",
                                f"riskscan could not finish that ({type(problem).__name__}). "
                                "Nothing you stored was changed. Go back and try again; run "
                                "riskscan serve with RISKSCAN_DEBUG=1 for details to send to "
                                "whoever supports riskscan at your school.")


def build_app(state: ServerState) -> ASGIApp:
    app = Starlette(
        routes=[*staff.ROUTES, *dsl.ROUTES, *consents.ROUTES,
                Mount("/static", StaticFiles(directory=STATIC))],
        exception_handlers={ScanError: _told, HTTPException: _http, Exception: _crash})
    app.state.riskscan = state
    return Guard(Contain(app), state.keys)
