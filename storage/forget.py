"""Deleting: one person's data (`forget`), everything (`forget --all`), and old runs (retention).

Counts are returned so the person can be told exactly what went. The audit log keeps only that
something was forgotten and how much, never who. On SQLite, secure_delete has overwritten the
deleted rows, and a checkpoint then empties the write-ahead log of their old copies.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from storage.db import Store
from storage.models import (
    AuditRow,
    ConsentRow,
    DecisionRow,
    FindingRow,
    GuidedLookRow,
    HostSlotRow,
    NotificationRow,
    PageRow,
    PageVisitRow,
    RuleResultRow,
    RunRow,
)
from storage.repository import audit, utcnow

_RUN_CHILDREN = ((FindingRow, "findings"), (RuleResultRow, "rule results"),
                 (PageRow, "page hashes"), (PageVisitRow, "pages read"))


def table_of(model: type) -> sa.Table:
    table: sa.Table = model.__table__  # type: ignore[attr-defined]
    return table


_table = table_of


def delete_runs(session: Session, runs: sa.Select[tuple[int | None]]) -> dict[str, int]:
    """Delete the runs the query selects, with everything that hangs off them."""
    conn = session.connection()
    ids = [run_id for run_id in conn.execute(runs).scalars() if run_id is not None]
    counts = {"runs": len(ids), **{key: 0 for _model, key in _RUN_CHILDREN}}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for model, key in _RUN_CHILDREN:
            table = _table(model)
            counts[key] += conn.execute(sa.delete(table).where(table.c.run_id.in_(chunk))
                                        ).rowcount
        runs_table = _table(RunRow)
        conn.execute(sa.delete(runs_table).where(runs_table.c.id.in_(chunk)))
    return counts


def forget_person(store: Store, person: str) -> dict[str, int]:
    """Delete every run, finding, decision, consent (with its rescans) and log entry of one
    person; return the counts."""
    from storage.consents import delete_consent

    runs_table, decisions, log = _table(RunRow), _table(DecisionRow), _table(AuditRow)
    with store.write() as session:
        counts = delete_runs(session, sa.select(runs_table.c.id)
                             .where(runs_table.c.person == person))
        conn = session.connection()
        consents = _table(ConsentRow)
        for consent_id in list(conn.execute(sa.select(consents.c.id)
                                            .where(consents.c.person == person)).scalars()):
            for what, n in delete_consent(session, consent_id).items():
                counts[what] = counts.get(what, 0) + n
        counts["review decisions"] = conn.execute(
            sa.delete(decisions).where(decisions.c.person == person)).rowcount
        looks = _table(GuidedLookRow)
        counts["profile checks"] = conn.execute(
            sa.delete(looks).where(looks.c.person == person)).rowcount
        counts["log entries"] = conn.execute(
            sa.delete(log).where(log.c.person == person)).rowcount
        audit(session, "forgot a person", None, _words(counts))
    _scrub(store)
    return counts


def wipe(store: Store) -> dict[str, int]:
    """Delete everything stored, for every person; the schema stays."""
    with store.write() as session:
        counts = delete_runs(session, sa.select(_table(RunRow).c.id))
        conn = session.connection()
        counts["review decisions"] = conn.execute(sa.delete(_table(DecisionRow))).rowcount
        counts["profile checks"] = conn.execute(sa.delete(_table(GuidedLookRow))).rowcount
        counts["unsent messages"] = conn.execute(sa.delete(_table(NotificationRow))).rowcount
        counts["consents"] = conn.execute(sa.delete(_table(ConsentRow))).rowcount
        conn.execute(sa.delete(_table(HostSlotRow)))
        counts["log entries"] = conn.execute(sa.delete(_table(AuditRow))).rowcount
        audit(session, "store wiped", None, _words(counts))
    _scrub(store)
    return counts


def purge_expired(store: Store, days: int, now: datetime | None = None) -> dict[str, int]:
    """Delete runs (and log entries) older than `days`; decisions stay, as they still apply."""
    cutoff = (now or utcnow()) - timedelta(days=days)
    runs_table, log = _table(RunRow), _table(AuditRow)
    old_runs = sa.select(runs_table.c.id).where(runs_table.c.finished < cutoff)
    with store.read() as session:
        due = session.connection().execute(
            sa.select(sa.func.count()).select_from(old_runs.subquery())).scalar() or 0
    if not due:
        return {"runs": 0}
    with store.write() as session:
        counts = delete_runs(session, old_runs)
        counts["log entries"] = session.connection().execute(
            sa.delete(log).where(log.c.at < cutoff)).rowcount
        audit(session, "old runs deleted", None, f"older than {days} days: {_words(counts)}")
    _scrub(store)
    return counts


def _words(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {what}" for what, n in counts.items())


def _scrub(store: Store) -> None:
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
