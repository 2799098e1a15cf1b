"""Schema migrations: an ordered list, each recorded in `schema_migrations` once applied.

Each migration's DDL is frozen here as it was first written (its own MetaData), never derived
from the current models, so a store made by any earlier version is brought forward one step at
a time. They run in one write transaction, under a lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
an advisory lock), so two processes opening a new store at once do not both migrate it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from storage.errors import StoreError

MIGRATIONS_TABLE = "schema_migrations"
_PG_LOCK_KEY = 0x72697363  # "risc": any constant shared by every riskscan process


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True, autoincrement=True)


def _run_id() -> sa.Column[int]:
    return sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False)


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String, nullable=False)


def _time(name: str) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def _v1(conn: Connection) -> None:
    meta = sa.MetaData()
    sa.Table("runs", meta, _id(), _text("person"),
             _time("started"),
             _time("finished"),
             _text("tool_version"), _text("school"),
             *(sa.Column(n, sa.Integer, nullable=False, server_default="0")
               for n in ("risk", "review", "clear", "not_checked")),
             sa.Index("ix_runs_person", "person"))
    sa.Table("findings", meta, _id(), _run_id(),
             *(_text(n) for n in ("rule", "platform", "file", "record", "excerpt", "why")),
             sa.Column("certain", sa.Boolean, nullable=False), _text("fingerprint"),
             sa.Index("ix_findings_run_id", "run_id"),
             sa.Index("ix_findings_fingerprint", "fingerprint"))
    sa.Table("decisions", meta, _id(), _text("person"), _text("fingerprint"), _text("decision"),
             _text("reason"), _time("decided"),
             sa.UniqueConstraint("person", "fingerprint", name="uq_decisions_person_fp"),
             sa.Index("ix_decisions_person", "person"))
    meta.create_all(conn)


def _v2(conn: Connection) -> None:
    conn.execute(sa.text("ALTER TABLE runs ADD COLUMN sources VARCHAR NOT NULL DEFAULT '[]'"))
    conn.execute(sa.text("ALTER TABLE findings ADD COLUMN detector VARCHAR NOT NULL DEFAULT ''"))
    meta = sa.MetaData()
    sa.Table("runs", meta, _id())  # only so the foreign key below resolves; not created
    sa.Table("rule_results", meta, _id(), _run_id(), _text("rule"), _text("status"),
             *(sa.Column(n, sa.Integer, nullable=False) for n in ("found", "certain", "quiet")),
             sa.Index("ix_rule_results_run_id", "run_id"))
    sa.Table("audit_events", meta, _id(), _time("at"),
             _text("action"), sa.Column("person", sa.String, nullable=True),
             sa.Column("detail", sa.String, nullable=False, server_default=""),
             sa.Index("ix_audit_events_person", "person"))
    meta.create_all(conn, tables=[meta.tables["rule_results"], meta.tables["audit_events"]])


def _maybe(name: str, kind: sa.types.TypeEngine[Any] | type[sa.types.TypeEngine[Any]]
           ) -> sa.Column[Any]:
    return sa.Column(name, kind, nullable=True)


def _v3(conn: Connection) -> None:
    meta = sa.MetaData()
    sa.Table("runs", meta, _id())  # only so the foreign key below resolves; not created
    sa.Table("consents", meta, sa.Column("id", sa.String, primary_key=True),
             *(_text(n) for n in ("person", "email", "kind", "schedule")),
             _maybe("post", sa.String), _maybe("host", sa.String),
             *(_text(n) for n in ("addresses", "scope", "recipients")),
             sa.Column("all_clear", sa.Boolean, nullable=False, server_default=sa.false()),
             *(_text(n) for n in ("wording_version", "wording_hash", "wording")),
             _time("agreed"), _time("starts"), sa.Column("expires", sa.Date, nullable=False),
             _text("status"),
             *(_maybe(n, sa.DateTime(timezone=True)) for n in ("ended", "next_due")),
             _maybe("claimed_by", sa.String),
             *(_maybe(n, sa.DateTime(timezone=True))
               for n in ("claim_until", "last_rescan", "last_notified", "reminded")),
             _time("created"),
             sa.Index("ix_consents_person", "person"),
             sa.Index("ix_consents_due", "status", "next_due"),
             sa.Index("ix_consents_host", "host"))
    sa.Table("rescan_pages", meta, _id(), _text("consent_id"), _run_id(), _text("address"),
             _time("fetched"), _maybe("http_status", sa.Integer),
             _maybe("content_hash", sa.String), _maybe("not_checked", sa.String),
             sa.Index("ix_rescan_pages_consent_id", "consent_id"),
             sa.Index("ix_rescan_pages_run_id", "run_id"))
    sa.Table("notifications", meta, _id(), _text("consent_id"), _text("recipient"),
             _text("audience"), _text("message"), _time("created"),
             sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
             _time("next_attempt"), _maybe("last_error", sa.String),
             sa.Index("ix_notifications_consent_id", "consent_id"),
             sa.Index("ix_notifications_next_attempt", "next_attempt"))
    sa.Table("host_slots", meta, sa.Column("host", sa.String, primary_key=True),
             sa.Column("next_at", sa.Float, nullable=False))
    meta.create_all(conn, tables=[meta.tables[name] for name in
                                  ("consents", "rescan_pages", "notifications", "host_slots")])


def _v4(conn: Connection) -> None:
    meta = sa.MetaData()
    sa.Table("runs", meta, _id())  # only so the foreign key below resolves; not created
    sa.Table("page_visits", meta, _id(), _run_id(), _text("address"), _text("url"),
             _time("fetched"), sa.Column("http_status", sa.Integer, nullable=False),
             _text("content_hash"), sa.Index("ix_page_visits_run_id", "run_id"),
             sa.Index("ix_page_visits_address", "address"))
    meta.create_all(conn, tables=[meta.tables["page_visits"]])


def _v5(conn: Connection) -> None:
    meta = sa.MetaData()
    sa.Table("guided_looks", meta, _id(), _text("person"), _text("address"), _text("rule"),
             sa.Column("saw", sa.String, nullable=True),
             sa.Column("risk", sa.Boolean, nullable=False), _time("recorded"),
             sa.UniqueConstraint("person", "address", "rule", name="uq_guided_looks"),
             sa.Index("ix_guided_looks_person", "person"))
    meta.create_all(conn, tables=[meta.tables["guided_looks"]])


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


MIGRATIONS = (
    Migration(1, "runs, findings and review decisions", _v1),
    Migration(2, "per-rule results, run inventory, detector names and the audit log", _v2),
    Migration(3, "consents, rescanned pages' hashes, queued messages and host politeness", _v3),
    Migration(4, "public profile pages fetched per run: address, time, status, content hash",
              _v4),
    Migration(5, "what a person saw when checking a profile riskscan could not read", _v5),
)
LATEST = MIGRATIONS[-1].version

_TABLE = sa.Table(MIGRATIONS_TABLE, sa.MetaData(),
                  sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
                  _text("name"), _time("applied"))


def current_version(conn: Connection) -> int:
    """The highest migration applied (0 for an empty database)."""
    if not sa.inspect(conn).has_table(MIGRATIONS_TABLE):
        return 0
    return int(conn.execute(sa.select(sa.func.max(_TABLE.c.version))).scalar() or 0)


def migrate(engine: Engine) -> list[int]:
    """Apply every migration not yet recorded, in order; return the versions applied."""
    with engine.connect() as conn:
        if _up_to_date(conn):
            return []
    with engine.connect() as conn:
        conn.execution_options(riskscan_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                             {"key": _PG_LOCK_KEY})
            _TABLE.create(conn, checkfirst=True)
            done = set(conn.execute(sa.select(_TABLE.c.version)).scalars())
            _refuse_newer(done)
            applied = []
            for migration in MIGRATIONS:
                if migration.version in done:
                    continue
                migration.apply(conn)
                conn.execute(_TABLE.insert().values(
                    version=migration.version, name=migration.name,
                    applied=datetime.now(UTC)))
                applied.append(migration.version)
            return applied


def _up_to_date(conn: Connection) -> bool:
    with conn.begin():
        version = current_version(conn)
        if version == 0 and conn.dialect.name == "sqlite" and sa.inspect(conn).get_table_names():
            raise StoreError(f"{conn.engine.url.database} is a database of something else, "
                             "not a riskscan store: set RISKSCAN_DATABASE_URL to a new file.")
    _refuse_newer({version})
    return version == LATEST


def _refuse_newer(done: set[int]) -> None:
    if done and max(done) > LATEST:
        raise StoreError(f"this riskscan store was written by a newer riskscan (schema "
                        f"{max(done)}, this one knows {LATEST}): update riskscan to use it.")
