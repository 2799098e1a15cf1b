"""Reading a form safely: its CSRF value checked first, its fields as plain strings."""

from __future__ import annotations

from starlette.requests import Request

from scanner.errors import ScanError
from scanner.web.pages import state_of
from scanner.web.uploads import Batch

MAX_FORM = 2 * 1024 * 1024  # the policy pack is the largest text form


class FormRefusedError(ScanError):
    """A form without the page's CSRF value: sent from elsewhere, or from a page older than
    the server."""

    def __init__(self) -> None:
        super().__init__("That form could not be accepted: it did not come from this page as "
                         "it is now (perhaps riskscan was restarted since the page was opened). "
                         "Nothing was changed. Go back, reload the page and try again.")


def check_csrf(request: Request, value: str | None) -> None:
    if not state_of(request).keys.csrf_ok(value):
        raise FormRefusedError


async def receive_upload(request: Request, keep: bool = True) -> Batch:
    """A multipart upload streamed into a new batch, once the CSRF value in its address is
    checked (before any of the body is read). ScanError (an UploadError) when refused."""
    check_csrf(request, request.query_params.get("csrf"))
    length = request.headers.get("content-length", "")
    return await state_of(request).uploads.receive(
        request.headers.get("content-type", ""), int(length) if length.isdigit() else None,
        request.stream(), keep=keep)


async def fields_of(request: Request) -> dict[str, str]:
    """The form's text fields, once its CSRF value is checked (multipart forms carry it in
    the address, `?csrf=`, so it is checked before any upload is read)."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("application/x-www-form-urlencoded"):
        raise FormRefusedError
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_FORM:
        raise ScanError("That form is too large to accept.")
    form = await request.form(max_files=0, max_fields=64, max_part_size=MAX_FORM)
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    check_csrf(request, fields.get("csrf"))
    return fields
