"""Consent records in the store: add, read, change, and end them (deleting what they kept).

A consent's rescans are stored as ordinary runs under the person key `consent:<id>`, so they
never mix with the scans a person makes of their own exports, and ending the consent deletes
exactly them: their findings, rule results and page hashes, and any message not yet sent.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col, select

from storage.db import Store
from storage.forget import delete_runs, table_of
from storage.models import ConsentRow, NotificationRow, PageRow, RunRow
from storage.repository import audit

LIVE, WITHDRAWN, EXPIRED = "live", "withdrawn", "expired"


def runs_key(consent_id: str) -> str:
    """The `person` its rescans' runs are stored under."""
    return f"consent:{consent_id}"


def add_consent(store: Store, row: ConsentRow) -> None:
    with store.write() as session:
        session.add(row)
        audit(session, "consent granted", row.person,
              f"consent {row.id}: {row.kind}, {row.schedule}, {len(_json_list(row.addresses))} "
              f"addresses, until {row.expires.isoformat()}, wording {row.wording_version}")


def get_consent(store: Store, consent_id: str) -> ConsentRow | None:
    with store.read() as session:
        return session.get(ConsentRow, consent_id)


def all_consents(store: Store, person: str | None = None) -> list[ConsentRow]:
    """Every consent (or one person's), oldest first."""
    query = select(ConsentRow).order_by(col(ConsentRow.created), col(ConsentRow.id))
    if person is not None:
        query = query.where(ConsentRow.person == person)
    with store.read() as session:
        return list(session.exec(query).all())


def locked(session: Session, consent_id: str) -> ConsentRow | None:
    """The consent, locked for the rest of the transaction (PostgreSQL: a row lock; SQLite
    already holds the write lock from BEGIN IMMEDIATE)."""
    query = select(ConsentRow).where(ConsentRow.id == consent_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.exec(query).first()


def end_consent(session: Session, row: ConsentRow, status: str, now: datetime
                ) -> dict[str, int]:
    """Mark the consent withdrawn or expired and delete everything its rescans kept, inside
    the caller's transaction; the audit line says what went, in counts only."""
    row.status = status
    row.ended = now
    row.next_due = None
    row.claimed_by = None
    row.claim_until = None
    session.add(row)
    session.flush()
    counts = delete_consent_data(session, row.id)
    words = ", ".join(f"{n} {what}" for what, n in counts.items())
    action = "consent withdrawn" if status == WITHDRAWN else "consent expired"
    audit(session, action, row.person,
          f"consent {row.id}: rescans stopped, data deleted ({words})")
    return counts


def delete_consent_data(session: Session, consent_id: str) -> dict[str, int]:
    """Delete the consent's runs (with findings, rule results, page hashes) and unsent
    messages; the consent record itself stays."""
    runs = table_of(RunRow)
    counts = delete_runs(session, sa.select(runs.c.id).where(runs.c.person
                                                              == runs_key(consent_id)))
    conn = session.connection()
    pages, messages = table_of(PageRow), table_of(NotificationRow)
    counts["page hashes"] += conn.execute(
        sa.delete(pages).where(pages.c.consent_id == consent_id)).rowcount
    counts["unsent messages"] = conn.execute(
        sa.delete(messages).where(messages.c.consent_id == consent_id)).rowcount
    return counts


def delete_consent(session: Session, consent_id: str) -> dict[str, int]:
    """Delete a consent record and everything it kept (for `forget`)."""
    counts = delete_consent_data(session, consent_id)
    consents = table_of(ConsentRow)
    counts["consents"] = session.connection().execute(
        sa.delete(consents).where(consents.c.id == consent_id)).rowcount
    return counts


def _json_list(text: str) -> list[object]:
    import json

    try:
        value = json.loads(text)
    except ValueError:
        return []
    return value if isinstance(value, list) else []
