"""The pages for a member of staff: add exports, scan, read and review the checklist, see
history, download the report, make the count-only summary, forget everything."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from scanner.app import forget as forgetting
from scanner.app.demo import DEMO_POLICY, demo_day
from scanner.app.history import history_rows
from scanner.app.inspect import archive_problems, opened_exports
from scanner.app.review import ReviewError, decide, find_finding, open_findings, rule_title
from scanner.app.scan import ScanRequest, keep_scan, refreshed, render_report, scan_exports
from scanner.app.share import latest_summary, summary_text
from scanner.app.store import opened_store
from scanner.decisions import Verdict
from scanner.errors import ScanError
from scanner.model import platform_label
from scanner.report.data import report_json
from scanner.web.forms import fields_of, receive_upload
from scanner.web.jobs import RUNNING, Job
from scanner.web.pages import back, render, state_of
from scanner.web.state import ServerState
from scanner.web.uploads import Batch, UploadError

DOWNLOADS = {"html": ("text/html", "riskscan-checklist.html"),
             "md": ("text/markdown", "riskscan-checklist.md"),
             "json": ("application/json", "riskscan-checklist.json")}
MAX_ADDRESSES_TEXT = 20_000  # a few hundred addresses: more is not a person's own profiles
VERDICTS = {"confirm": Verdict.CONFIRM, "dismiss": Verdict.DISMISS,
            "exception": Verdict.EXCEPTION}
DONE_WORDS = {"confirm": "confirmed", "dismiss": "dismissed", "exception": "an exception"}


async def home(request: Request) -> Response:
    state = state_of(request)
    return render(request, "home.html.j2", uploads=state.uploads.batches,
                  used_mb=state.uploads.used / 1024 / 1024,
                  limit_mb=state.uploads.limit // (1024 * 1024), pack=state.pack or "",
                  job=state.jobs.current, keep_uploads=state.keep_uploads,
                  addresses=state.addresses)


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


async def upload(request: Request) -> Response:
    state = state_of(request)
    try:
        batch = await receive_upload(request)
        await run_in_threadpool(_identify, state, batch)
    except ScanError as problem:
        if _wants_json(request):
            return JSONResponse({"ok": False, "message": str(problem)}, status_code=400)
        state.tell(str(problem), "problem")
        return back("/#add")
    text = f"Added {batch.label}."
    if _wants_json(request):
        state.tell(text, "done")
        return JSONResponse({"ok": True, "message": text})
    state.tell(text, "done")
    return back("/#add")


def _identify(state: ServerState, batch: Batch) -> None:
    """Say what the upload is; an upload with nothing riskscan can read is removed at once,
    with the reason, rather than failing later in the scan."""
    with opened_exports([batch.folder]) as loaded:
        platforms = [platform_label(s.platform) for s in loaded.sources]
        problems = [failed.error for failed in loaded.failed]
    if not platforms:
        reasons = archive_problems(batch.folder) or problems
        state.uploads.remove(batch.number)
        reason = _private_paths_out(reasons[0], batch) if reasons else "it holds no files."
        raise UploadError(f"Nothing in that upload could be read: {reason}")
    names = ", ".join(dict.fromkeys(p if p != "Your photos" else "photos" for p in platforms))
    files = len(batch.files)
    batch.label = (f"{names} ({files} file{'s' if files != 1 else ''}, "
                   f"{batch.size / 1024 / 1024:.1f} MB)")


def _private_paths_out(text: str, batch: Batch) -> str:
    """Messages name the file the person chose, not riskscan's private folder."""
    inside = f"{batch.folder}/"
    text = text.replace(inside, "")
    whole = ", ".join(batch.files[:3]) or "the upload"
    return text.replace(str(batch.folder), whole)


async def remove_upload(request: Request) -> Response:
    fields = await fields_of(request)
    state = state_of(request)
    number = fields.get("upload", "")
    removed = state.uploads.remove(int(number)) if number.isdigit() else None
    if removed is not None:
        state.tell(f"Removed {removed.label or 'the upload'}; its files are deleted.", "done")
    return back("/#add")


async def start_scan(request: Request) -> Response:
    fields = await fields_of(request)
    state = state_of(request)
    state.addresses = fields.get("addresses", "")[:MAX_ADDRESSES_TEXT]
    addresses = [line.strip() for line in state.addresses.splitlines() if line.strip()]
    if not state.uploads.batches and not addresses:
        state.tell("Add at least one export (or a folder of photos), or type a public profile "
                   "address, first.", "problem")
        return back("/#add")
    pack_text = fields.get("pack", "").strip().strip('"')
    state.pack = Path(pack_text).expanduser() if pack_text else None
    state.keep_uploads = fields.get("keep_uploads") == "yes"
    save = fields.get("save", "yes") == "yes" or state.demo
    paths = [batch.folder for batch in state.uploads.batches]
    try:
        state.jobs.start("scan", lambda job: _scan(state, job, paths, addresses, save),
                         lambda job: _after_scan(state, job))
    except ScanError as problem:
        state.tell(str(problem), "problem")
    return back("/scan")


def _scan(state: ServerState, job: Job, paths: list[Path], addresses: list[str],
          save: bool) -> Any:
    today = demo_day() if state.demo else None
    policy = state.pack or (DEMO_POLICY if state.demo else None)  # the demo needs no notice
    request = ScanRequest(paths=paths, policy=policy, person=state.person, save=save,
                          today=today, addresses=addresses,
                          remember_pictures=save and not state.demo)
    if addresses:
        job.step = "Reading your public profile pages"
    started = datetime.now(UTC)
    if not addresses:
        job.step = "Getting ready (opening your exports and the language model)"
    if not save:
        result = scan_exports(request, job.events())
        if result is None:
            raise ScanError(_nothing_read(job))
        return report_json(result)
    with opened_store() as store:  # before the scan: a store problem is told before a wait
        result = scan_exports(request, job.events())
        if result is None:
            raise ScanError(_nothing_read(job))
        job.step = "Saving in your history"
        return keep_scan(store, state.person, result, started)


def _nothing_read(job: Job) -> str:
    return ("None of your uploads could be read: " + " ".join(job.notes)).strip()


def _after_scan(state: ServerState, job: Job) -> None:
    if job.state == "done":
        for note in job.notes:
            state.tell(note)
        if isinstance(job.result, dict):
            state.kept, state.unsaved = None, job.result
        else:
            state.kept, state.unsaved = job.result, None
        if not state.keep_uploads:
            state.uploads.clear()


async def scan_page(request: Request) -> Response:
    state = state_of(request)
    job = state.jobs.current
    if job is not None and job.kind == "scan" and job.state == "done":
        return back("/checklist")
    return render(request, "scan.html.j2", job=job.snapshot() if job else None)


async def stop_scan(request: Request) -> Response:
    await fields_of(request)
    state = state_of(request)
    if state.jobs.stop():
        state.tell("Stopping the scan…")
    return back("/scan")


async def scan_events(request: Request) -> Response:
    """Server-Sent Events: the job's progress about twice a second, until it ends."""
    state = state_of(request)

    async def stream() -> AsyncIterator[str]:
        last = ""
        while True:
            job = state.jobs.current
            data = json.dumps(job.snapshot() if job else {"state": "none"})
            if data != last:
                yield f"data: {data}\n\n"
                last = data
            if job is None or job.state != RUNNING or await request.is_disconnected():
                return
            await asyncio.sleep(0.5)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"cache-control": "no-store"})


async def checklist(request: Request) -> Response:
    state = state_of(request)
    doc = state.doc
    if doc is not None:
        doc = _with_reasons(doc)
    return render(request, "checklist.html.j2", doc=doc, saved=state.kept is not None,
                  generated=datetime.now().strftime("%d %B %Y at %H:%M"),
                  chart=area_chart_of(doc))


def area_chart_of(doc: dict[str, Any] | None) -> list[dict[str, Any]]:
    from scanner.report.html import area_chart

    return area_chart(doc["checklist"]) if doc else []


def _with_reasons(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as it is; kept as a seam should the page need per-finding extras."""
    return doc


async def review(request: Request) -> Response:
    fields = await fields_of(request)
    state = state_of(request)
    verdict = VERDICTS.get(fields.get("verdict", ""))
    rule = fields.get("rule", "")
    anchor = f"/checklist#{rule}" if rule.isalnum() else "/checklist"
    if verdict is None:
        state.tell("Choose a decision first: a real problem, not a match, or an agreed "
                   "exception.", "problem")
        return back(anchor)
    if state.kept is None:
        state.tell("Decisions are kept with a saved scan: scan again with \"Keep this scan "
                   "in my history\" ticked.", "problem")
        return back(anchor)
    try:
        text = await run_in_threadpool(_decide, state, fields, verdict, rule)
    except ScanError as problem:
        state.tell(str(problem)[:1].upper() + str(problem)[1:], "problem")
        return back(anchor)
    state.tell(text, "done")
    return back(anchor)


def _decide(state: ServerState, fields: dict[str, str], verdict: Verdict, rule: str) -> str:
    reason = fields.get("reason", "")
    assert state.kept is not None
    with opened_store() as store:
        if fields.get("fingerprint"):
            finding = find_finding(store, state.person, fields["fingerprint"])
            decide(store, state.person, finding, verdict, reason)
            said = f"Saved: {DONE_WORDS[verdict.value]} ({rule_title(finding.rule)})."
        else:
            todo = [f for f in open_findings(store, state.person) if f.rule == rule]
            if not todo:
                raise ReviewError("every finding of that rule already has a decision.")
            for finding in todo:
                decide(store, state.person, finding, verdict, reason)
            said = (f"Saved: {len(todo)} finding{'s' if len(todo) != 1 else ''} of "
                    f"{rule_title(rule)} {DONE_WORDS[verdict.value]}.")
        state.kept = refreshed(store, state.kept)
    return said + " It applies to your next scans too."


async def history(request: Request) -> Response:
    state = state_of(request)
    rows = await run_in_threadpool(_history, state)
    return render(request, "history.html.j2", rows=rows)


def _history(state: ServerState) -> list[dict[str, Any]]:
    with opened_store() as store:
        return history_rows(store, state.person)


async def download(request: Request) -> Response:
    state = state_of(request)
    fmt = request.path_params["fmt"]
    doc = state.doc
    if fmt not in DOWNLOADS or doc is None:
        state.tell("There is no checklist to download yet: scan your exports first.",
                   "problem")
        return back("/checklist")
    media, name = DOWNLOADS[fmt]
    return Response(render_report(doc, fmt), media_type=media, headers={
        "content-disposition": f'attachment; filename="{name}"', "cache-control": "no-store"})


async def share(request: Request) -> Response:
    await fields_of(request)
    state = state_of(request)
    try:
        summary = await run_in_threadpool(_summary, state)
    except ScanError as problem:
        state.tell(str(problem)[:1].upper() + str(problem)[1:], "problem")
        return back("/checklist")
    if summary is None:
        state.tell("There is no saved scan to summarise yet: scan your exports with \"Keep "
                   "this scan in my history\" ticked.", "problem")
        return back("/checklist")
    return Response(summary_text(summary), media_type="application/json", headers={
        "content-disposition": 'attachment; filename="riskscan-summary.json"',
        "cache-control": "no-store"})


def _summary(state: ServerState) -> dict[str, Any] | None:
    with opened_store() as store:
        return latest_summary(store, state.person)


async def forget_page(request: Request) -> Response:
    return render(request, "forget.html.j2")


async def forget(request: Request) -> Response:
    fields = await fields_of(request)
    state = state_of(request)
    if fields.get("confirm", "").strip().lower() != "delete":
        state.tell("Nothing was deleted: type the word delete in the box to confirm.",
                   "problem")
        return back("/forget")
    counts = await run_in_threadpool(_forget, state)
    state.kept = state.unsaved = None
    state.uploads.clear()
    if any(counts.values()):
        state.tell(f"Deleted everything stored about you: {forgetting.counts_in_words(counts)}. "
                   "Your uploads on this page are deleted too.", "done")
    else:
        state.tell("Nothing was stored about you. Your uploads on this page are deleted.",
                   "done")
    return back("/")


def _forget(state: ServerState) -> dict[str, int]:
    with opened_store() as store:
        return forgetting.forget_person(store, state.person)


ROUTES = [
    Route("/", home), Route("/upload", upload, methods=["POST"]),
    Route("/upload/remove", remove_upload, methods=["POST"]),
    Route("/scan", scan_page), Route("/scan", start_scan, methods=["POST"]),
    Route("/scan/stop", stop_scan, methods=["POST"]), Route("/scan/events", scan_events),
    Route("/checklist", checklist), Route("/review", review, methods=["POST"]),
    Route("/history", history), Route("/download/{fmt}", download),
    Route("/share", share, methods=["POST"]), Route("/forget", forget_page),
    Route("/forget", forget, methods=["POST"]),
]
