"""Consents as plain functions: grant, list, show, renew, withdraw (the CLI and, later, a web
page call these). Each takes the store and, for tests, the time; each returns plain data.

A consent names one person (a label and an e-mail address), the exact profile addresses, the
rules checked, the schedule, a start and a required expiry (at most 12 months ahead), who
receives the results, and the wording the person agreed to (kept whole, with its SHA-256).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import resources
from typing import Any

from scanner.errors import ScanError
from scanner.rescans.schedule import SCHEDULES, add_months_to_date, end_of, first_due
from storage.consents import (
    EXPIRED,
    LIVE,
    WITHDRAWN,
    add_consent,
    all_consents,
    end_consent,
    get_consent,
    locked,
)
from storage.db import Store
from storage.models import ConsentRow
from storage.repository import audit, aware, utcnow

KINDS = ("ongoing", "one-off")
# The rules that can be checked from what a public page shows (SPEC §2; issue 11, item 5).
PUBLIC_RULES = ("A1", "A2", "A3", "A4", "A5", "A6", "A7",
                "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "D2", "D3")
MAX_MONTHS = 12
REMINDER_DAYS = 14
WORDING_VERSION = "riskscan-consent-v1"
PRIVATE, SHARED = "private", "shared"
_EMAIL = re.compile(r"[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]+")


class ConsentError(ScanError):
    """A consent that cannot be recorded or used, and what to do (one line)."""


@dataclass
class ConsentRequest:
    """What a person agreed to; everything but the first six has a careful default."""

    person: str
    email: str
    kind: str
    schedule: str
    expires: date
    addresses: list[str]
    rules: list[str] | None = None  # default: every rule public pages allow
    dsl: str | None = None  # the DSL's address: counts only, unless dsl_sees_findings
    dsl_sees_findings: bool = False
    all_clear: bool = False  # a monthly "all clear" even when nothing changed
    post: str | None = None  # one-off: the post the candidate is shortlisted for
    wording: str | None = None  # the school's own text; default: the bundled wording
    wording_version: str | None = None
    agreed: datetime | None = None
    starts: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def default_wording() -> str:
    return (resources.files("scanner.rescans") / "wording" / "consent-v1.txt").read_text(
        encoding="utf-8")


def grant(store: Store, request: ConsentRequest, now: datetime | None = None
          ) -> dict[str, Any]:
    """Record a consent; return it as `show` does."""
    now = now or utcnow()
    row = _new_row(store, request, now)
    _check_post(store, row)
    add_consent(store, row)
    return consent_json(row, now, detail=True)


def list_consents(store: Store, person: str | None = None, now: datetime | None = None
                  ) -> list[dict[str, Any]]:
    now = now or utcnow()
    return [consent_json(row, now) for row in all_consents(store, person)]


def show(store: Store, consent_id: str, now: datetime | None = None) -> dict[str, Any]:
    return consent_json(find(store, consent_id), now or utcnow(), detail=True)


def find(store: Store, consent_id: str) -> ConsentRow:
    row = get_consent(store, consent_id.strip())
    if row is None:
        raise ConsentError(f"there is no consent {consent_id.strip()[:40]!r}: see "
                           "`riskscan consent list` for the ids.")
    return row


def renew(store: Store, consent_id: str, expires: date, now: datetime | None = None
          ) -> dict[str, Any]:
    """Move a live consent's expiry (at most 12 months from today); a new reminder will be
    sent 14 days before the new date."""
    now = now or utcnow()
    _check_expiry(expires, now)
    with store.write() as session:
        row = locked(session, consent_id.strip())
        if row is None:
            raise ConsentError(f"there is no consent {consent_id.strip()[:40]!r}: see "
                               "`riskscan consent list` for the ids.")
        if status_of(row, now) != LIVE:
            raise ConsentError(f"consent {row.id} is {status_of(row, now)}: it cannot be "
                               "renewed. Record a new consent with `riskscan consent grant`.")
        row.expires = expires
        row.reminded = None
        if row.next_due is None and row.kind == "ongoing":
            from scanner.rescans.schedule import next_due

            row.next_due = next_due(row.id, aware(row.starts), row.schedule, expires, now)
        session.add(row)
        audit(session, "consent renewed", row.person,
              f"consent {row.id}: until {expires.isoformat()}")
    return consent_json(row, now, detail=True)


def withdraw(store: Store, consent_id: str, now: datetime | None = None) -> dict[str, Any]:
    """Withdraw at once: no more rescans, and everything they stored is deleted. Returns the
    consent and what was deleted (counts)."""
    now = now or utcnow()
    with store.write() as session:
        row = locked(session, consent_id.strip())
        if row is None:
            raise ConsentError(f"there is no consent {consent_id.strip()[:40]!r}: see "
                               "`riskscan consent list` for the ids.")
        if row.status == WITHDRAWN:
            return {**consent_json(row, now), "deleted": {}}
        counts = end_consent(session, row, WITHDRAWN, now)
    return {**consent_json(row, now), "deleted": counts}


def status_of(row: ConsentRow, now: datetime) -> str:
    """live, withdrawn or expired (a live consent past its expiry is expired already, even
    before the next sweep deletes its data)."""
    if row.status == LIVE and now >= end_of(row.expires):
        return EXPIRED
    return row.status


def addresses_of(row: ConsentRow) -> list[str]:
    return [str(a) for a in json.loads(row.addresses)]


def scope_of(row: ConsentRow) -> list[str]:
    return [str(r) for r in json.loads(row.scope)]


def recipients_of(row: ConsentRow) -> list[dict[str, str]]:
    return [{"email": str(r["email"]), "audience": str(r["audience"])}
            for r in json.loads(row.recipients)]


def consent_json(row: ConsentRow, now: datetime, detail: bool = False) -> dict[str, Any]:
    status = status_of(row, now)
    due = aware(row.next_due) if row.next_due is not None and status == LIVE else None
    out: dict[str, Any] = {
        "id": row.id, "person": row.person, "email": row.email, "kind": row.kind,
        "schedule": row.schedule, "addresses": addresses_of(row),
        "expires": row.expires.isoformat(), "status": status,
        "next_rescan": _iso(due),
    }
    if detail:
        out.update({
            "post": row.post, "scope": scope_of(row), "recipients": recipients_of(row),
            "all_clear": row.all_clear, "starts": _iso(aware(row.starts)),
            "agreed": _iso(aware(row.agreed)),
            "wording": {"version": row.wording_version, "sha256": row.wording_hash},
            "last_rescan": _iso(aware(row.last_rescan) if row.last_rescan else None),
            "ended": _iso(aware(row.ended) if row.ended else None),
        })
    return out


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _new_row(store: Store, request: ConsentRequest, now: datetime) -> ConsentRow:
    person = request.person.strip()
    if not person or len(person) > 64 or not person.isprintable():
        raise ConsentError("the person's label must be 1 to 64 printable characters.")
    kind = _one_of(request.kind, KINDS, "kind")
    schedule = _one_of(request.schedule, SCHEDULES, "schedule")
    email = check_email(request.email, "the person's e-mail address")
    addresses = check_addresses(request.addresses)
    _check_expiry(request.expires, now)
    starts = aware(request.starts) if request.starts else now
    if starts.date() > request.expires:
        raise ConsentError("the consent would end before it starts: give an expiry after the "
                           "start.")
    wording = request.wording if request.wording is not None else default_wording()
    if not wording.strip():
        raise ConsentError("the consent wording is empty: give the text the person agreed to.")
    consent_id = _unused_id(store)
    from scanner.rescans.pages import host_of

    return ConsentRow(
        id=consent_id, person=person, email=email, kind=kind, schedule=schedule,
        post=(request.post or "").strip() or None, host=host_of(addresses[0]),
        addresses=json.dumps(addresses, ensure_ascii=False),
        scope=json.dumps(check_rules(request.rules)),
        recipients=json.dumps(_recipients(email, request)),
        all_clear=request.all_clear,
        wording_version=(request.wording_version or "").strip() or (
            WORDING_VERSION if request.wording is None else "school's own wording"),
        wording_hash=hashlib.sha256(wording.encode("utf-8")).hexdigest(), wording=wording,
        agreed=aware(request.agreed) if request.agreed else now, starts=starts,
        expires=request.expires, status=LIVE,
        next_due=first_due(consent_id, starts, request.expires), created=now)


def _one_of(value: str, allowed: tuple[str, ...], what: str) -> str:
    text = value.strip().lower()
    if text not in allowed:
        raise ConsentError(f"the {what} must be one of {', '.join(allowed)}, not "
                           f"{value.strip()[:30]!r}.")
    return text


def check_email(value: str, what: str) -> str:
    text = value.strip()
    if len(text) > 254 or not _EMAIL.fullmatch(text):
        raise ConsentError(f"{what} {text[:60]!r} does not look like an e-mail address "
                           "(name@example.org): correct it.")
    return text


def check_addresses(addresses: list[str]) -> list[str]:
    """The addresses as consented: each one is kept exactly (trimmed), duplicates dropped."""
    from scanner.rescans.pages import check_address

    out: list[str] = []
    for raw in addresses:
        try:
            address = check_address(raw)
        except ScanError as exc:
            raise ConsentError(str(exc)) from None
        if address not in out:
            out.append(address)
    if not out:
        raise ConsentError("a consent needs at least one profile address.")
    return out


def check_rules(rules: list[str] | None) -> list[str]:
    if not rules:
        return list(PUBLIC_RULES)
    wanted = [r.strip().upper() for r in rules if r.strip()]
    outside = [r for r in wanted if r not in PUBLIC_RULES]
    if outside:
        raise ConsentError(f"rule {outside[0]} cannot be checked from public pages: choose "
                           f"from {', '.join(PUBLIC_RULES)}.")
    return [r for r in PUBLIC_RULES if r in wanted]


def _check_expiry(expires: date, now: datetime) -> None:
    today = now.astimezone(UTC).date()
    latest = add_months_to_date(today, MAX_MONTHS)
    if expires < today:
        raise ConsentError(f"the expiry {expires.isoformat()} has already passed: give a date "
                           "from today on.")
    if expires > latest:
        raise ConsentError(f"a consent can last at most {MAX_MONTHS} months: give an expiry "
                           f"on or before {latest.isoformat()} (renew it later if the person "
                           "agrees).")


def _recipients(email: str, request: ConsentRequest) -> list[dict[str, str]]:
    out = [{"email": email, "audience": PRIVATE}]
    if request.dsl:
        dsl = check_email(request.dsl, "the DSL's e-mail address")
        if dsl != email:
            out.append({"email": dsl,
                        "audience": PRIVATE if request.dsl_sees_findings else SHARED})
    elif request.dsl_sees_findings:
        raise ConsentError("--dsl-sees-findings needs the DSL's address (--dsl).")
    return out


def _unused_id(store: Store) -> str:
    while True:
        candidate = "c" + secrets.token_hex(4)
        if get_consent(store, candidate) is None:
            return candidate


def _check_post(store: Store, row: ConsentRow) -> None:
    """Every candidate for one post is checked alike: same rules, same kind."""
    if row.post is None:
        return
    for other in all_consents(store):
        if other.post == row.post and other.status == LIVE and (
                other.scope != row.scope or other.kind != row.kind):
            raise ConsentError(f"every candidate for {row.post!r} must be checked alike: "
                               f"consent {other.id} checks rules {', '.join(scope_of(other))}"
                               "; use the same rules (--rules) and kind.")


def audit_log(store: Store) -> list[dict[str, Any]]:
    """The audit log, oldest first: what was done and when (ids and counts, never content)."""
    from sqlmodel import col, select

    from storage.models import AuditRow

    with store.read() as session:
        rows = session.exec(select(AuditRow).order_by(col(AuditRow.id))).all()
    return [{"at": _iso(aware(r.at)), "action": r.action, "person": r.person,
             "detail": r.detail} for r in rows]


def reminder_due(row: ConsentRow, now: datetime) -> bool:
    """Whether the one reminder is due: from 14 days before the expiry date, once."""
    return (row.status == LIVE and row.reminded is None
            and now.astimezone(UTC).date() >= row.expires - timedelta(days=REMINDER_DAYS))
