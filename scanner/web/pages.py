"""Rendering pages: the web templates, with the HTML report's own templates beside them (the
checklist is the report's), and what every page needs (the CSRF value, messages, the menu)."""

from __future__ import annotations

from typing import Any

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from scanner.model import found_where, platform_label
from scanner.report import links, marks
from scanner.report.html import area_chart
from scanner.web.state import ServerState

ENV = Environment(
    loader=ChoiceLoader([PackageLoader("scanner.web", "templates"),
                         PackageLoader("scanner.report", "templates")]),
    autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {"content-security-policy": CSP, "referrer-policy": "no-referrer",
           "x-content-type-options": "nosniff", "cache-control": "no-store"}
MENU = (("/", "Check my accounts"), ("/checklist", "My checklist"), ("/history", "History"),
        ("/dsl", "For the DSL"))


def state_of(request: Request) -> ServerState:
    state: ServerState = request.app.state.riskscan
    return state


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    state = state_of(request)
    html = ENV.get_template(template).render(
        csrf=state.keys.csrf(), notices=state.take_notices(), demo=state.demo, menu=MENU,
        here=request.url.path, marks=marks, links=links, platform_label=platform_label,
        found_where=found_where,
        area_chart=area_chart, **context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def back(to: str) -> Response:
    """After a form: see the page again (Post/Redirect/Get), so reloading repeats nothing."""
    return RedirectResponse(to, status_code=303, headers={"cache-control": "no-store"})
