"""The pages for the Designated Safeguarding Lead: edit the policy pack, seal a roster, run the
workshop on the fictional staff, and combine count-only summaries into the room's picture.

Consents and scheduled rescans have their own page (scanner/web/consents.py).
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from scanner.app.policy import PackCheck, check_pack_text, save_pack_text, template_text
from scanner.app.roster import seal_roster
from scanner.app.workshop import DEMO_TITLE, combine, demo_room, demo_summaries, load_summaries
from scanner.errors import ScanError
from scanner.report.workshop import render_room_html
from scanner.web.forms import fields_of, receive_upload
from scanner.web.jobs import Job
from scanner.web.pages import back, render, state_of
from scanner.web.state import ServerState

ROOM_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
MAX_PACK = 1024 * 1024


async def dsl_home(request: Request) -> Response:
    return render(request, "dsl.html.j2", job=state_of(request).jobs.current,
                  has_room=state_of(request).room_html is not None)


async def policy_page(request: Request) -> Response:
    state = state_of(request)
    return render(request, "policy.html.j2", path=str(state.pack or ""), text=template_text(),
                  check=None, problem=None)


async def policy_form(request: Request) -> Response:
    fields = await fields_of(request)
    state = state_of(request)
    action = fields.get("action", "check")
    path_text = fields.get("path", "").strip().strip('"')
    path = Path(path_text).expanduser() if path_text else None
    text = fields.get("text", "")
    check: PackCheck | None = None
    problem: str | None = None
    try:
        if action == "load":
            text = _load(path)
            check = check_pack_text(text, path or Path("policy.toml"))
        elif action == "save":
            if path is None:
                raise ScanError("say where to save the pack first: a file name ending in "
                                ".toml, for example C:\\Users\\you\\Documents\\ourschool.toml.")
            check = save_pack_text(text, path)
            state.pack = path
            state.tell(f"Saved {path.name}. Scans on this page now use it.", "done")
        else:
            check = check_pack_text(text, path or Path("policy.toml"))
    except ScanError as mistake:
        problem = str(mistake)
    return render(request, "policy.html.j2", path=path_text, text=text, check=check,
                  problem=problem, status=200 if problem is None else 400)


def _load(path: Path | None) -> str:
    if path is None:
        raise ScanError("type the path of the pack to open first.")
    try:
        if path.stat().st_size > MAX_PACK:
            raise ScanError(f"{path.name} is too large to be a policy pack.")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScanError(f"{path} does not exist: check the path to your policy pack.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScanError(f"{path} could not be read ({type(exc).__name__}).") from None


async def roster_page(request: Request) -> Response:
    return render(request, "roster.html.j2")


async def roster_seal(request: Request) -> Response:
    state = state_of(request)
    try:
        batch = await receive_upload(request, keep=False)
    except ScanError as problem:
        return render(request, "roster.html.j2", problem=str(problem), status=400)
    try:
        sealed, text = await run_in_threadpool(
            _seal, batch.folder, batch.files, batch.fields.get("passphrase") or None)
    except ScanError as problem:
        return render(request, "roster.html.j2", problem=str(problem), status=400)
    finally:
        shutil.rmtree(batch.folder, ignore_errors=True)
    state.sealed = sealed
    return render(request, "roster.html.j2", sealed=text,
                  with_passphrase=bool(batch.fields.get("passphrase")))


async def roster_download(request: Request) -> Response:
    state = state_of(request)
    if state.sealed is None:
        state.tell("There is no sealed roster to download yet: seal the CSV first.", "problem")
        return back("/dsl/roster")
    return Response(state.sealed, media_type="application/octet-stream", headers={
        "content-disposition": 'attachment; filename="roster.sealed"',
        "cache-control": "no-store"})


def _seal(folder: Path, files: list[str], passphrase: str | None) -> tuple[bytes, str]:
    csvs = [name for name in files if name.lower().endswith(".csv")]
    if len(csvs) != 1:
        raise ScanError("choose the school's roster: one .csv file with the columns "
                        "first_name,last_name,preferred_name,role,year_group,date_of_birth,"
                        "linked_to.")
    out = folder / "roster.sealed"
    sealed = seal_roster(folder / csvs[0], out, passphrase)
    return out.read_bytes(), sealed.roles_in_words()


async def workshop_page(request: Request) -> Response:
    state = state_of(request)
    job = state.jobs.current
    return render(request, "workshop.html.j2",
                  job=job.snapshot() if job and job.kind == "workshop" else None,
                  has_room=state.room_html is not None)


async def workshop_demo(request: Request) -> Response:
    await fields_of(request)
    state = state_of(request)
    try:
        state.jobs.start("workshop", _workshop, lambda job: _after_workshop(state, job))
    except ScanError as problem:
        state.tell(str(problem), "problem")
    return back("/dsl/workshop")


def _workshop(job: Job) -> Any:
    events = job.events()

    def scanning(full_name: str, role: str, summary: str) -> None:
        job.step = f"Scanning {full_name} ({role})"

    return demo_room(demo_summaries(events, scanning))


def _after_workshop(state: ServerState, job: Job) -> None:
    if job.state == "done":
        state.room_html = render_room_html(job.result, datetime.now().strftime("%d %B %Y"),
                                           DEMO_TITLE, True)


async def workshop_room(request: Request) -> Response:
    """Combine uploaded count-only summaries (3 or more) into the room's page."""
    state = state_of(request)
    try:
        batch = await receive_upload(request, keep=False)
    except ScanError as problem:
        state.tell(str(problem), "problem")
        return back("/dsl/workshop")
    try:
        paths = [batch.folder / name for name in batch.files]
        room = await run_in_threadpool(lambda: combine(load_summaries(paths)))
        title = batch.fields.get("title", "").strip() or None
        state.room_html = render_room_html(room, datetime.now().strftime("%d %B %Y"), title,
                                           False)
    except ScanError as problem:
        state.tell(str(problem)[:1].upper() + str(problem)[1:], "problem")
        return back("/dsl/workshop")
    finally:
        shutil.rmtree(batch.folder, ignore_errors=True)
    return back("/dsl/workshop/room")


async def room_page(request: Request) -> Response:
    state = state_of(request)
    if state.room_html is None:
        state.tell("There is no room page yet: run the workshop or combine summaries first.",
                   "problem")
        return back("/dsl/workshop")
    # The room's page is the printable one `riskscan workshop -o` writes; on screen it also
    # needs a way back to the workshop page.
    page = state.room_html.replace("<body>", '<body>\n<p><a href="/dsl/workshop">Back to the '
                                   "workshop page</a></p>", 1)
    return HTMLResponse(page, headers={"content-security-policy": ROOM_CSP,
                                       "cache-control": "no-store"})


ROUTES = [
    Route("/dsl", dsl_home), Route("/dsl/policy", policy_page),
    Route("/dsl/policy", policy_form, methods=["POST"]), Route("/dsl/roster", roster_page),
    Route("/dsl/roster", roster_seal, methods=["POST"]),
    Route("/dsl/roster/roster.sealed", roster_download),
    Route("/dsl/workshop", workshop_page),
    Route("/dsl/workshop/demo", workshop_demo, methods=["POST"]),
    Route("/dsl/workshop/combine", workshop_room, methods=["POST"]),
    Route("/dsl/workshop/room", room_page),
]
