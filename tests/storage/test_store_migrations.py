"""Migrations: recorded in order, the result matches the models, and a store written by the
first version (schema 1, made here by hand with plain SQL) is brought forward, not broken."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel
from storage_backends import run_record, store_fixture, store_url_fixture  # noqa: F401

from scanner.commands.history import history_rows
from storage.db import Store
from storage.migrations import LATEST, MIGRATIONS
from storage.models import TABLES
from storage.repository import decisions_of, findings_of, runs_of, save_run
from storage.store import open_store


def test_a_new_store_records_every_migration_in_order(store: Store) -> None:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT version, name FROM schema_migrations "
                                    "ORDER BY version")).all()
    assert [(v, n) for v, n in rows] == [(m.version, m.name) for m in MIGRATIONS]
    assert rows[-1][0] == LATEST


def test_the_migrated_schema_is_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        inspector = sa.inspect(conn)
        found = {name: {c["name"] for c in inspector.get_columns(name)}
                 for name in inspector.get_table_names()}
    wanted = {model.__tablename__: {c.name for c in SQLModel.metadata.tables[
        str(model.__tablename__)].columns} for model in TABLES}
    assert found == wanted


def test_opening_again_changes_nothing(store_url: str) -> None:
    first = open_store(store_url, retention=0)
    save_run(first, "me", run_record([], {"B1": "clear"}))
    first.close()
    again = open_store(store_url, retention=0)
    try:
        with again.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar() \
                == LATEST
        assert len(runs_of(again, "me")) == 1
    finally:
        again.close()


def _v1_by_hand(conn: Connection) -> None:
    """Schema 1 as the first riskscan made it, in plain SQL, with one run of data."""
    pg = conn.dialect.name == "postgresql"
    key = "SERIAL PRIMARY KEY" if pg else "INTEGER PRIMARY KEY"
    when = "TIMESTAMP WITH TIME ZONE" if pg else "DATETIME"
    for ddl in (
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        f"applied {when} NOT NULL)",
        f"CREATE TABLE runs (id {key}, person VARCHAR NOT NULL, started {when} NOT NULL, "
        f"finished {when} NOT NULL, tool_version VARCHAR NOT NULL, school VARCHAR NOT NULL, "
        "risk INTEGER NOT NULL DEFAULT 0, review INTEGER NOT NULL DEFAULT 0, "
        "clear INTEGER NOT NULL DEFAULT 0, not_checked INTEGER NOT NULL DEFAULT 0)",
        f"CREATE TABLE findings (id {key}, run_id INTEGER NOT NULL REFERENCES runs (id), "
        "rule VARCHAR NOT NULL, platform VARCHAR NOT NULL, file VARCHAR NOT NULL, "
        "record VARCHAR NOT NULL, excerpt VARCHAR NOT NULL, why VARCHAR NOT NULL, "
        "certain BOOLEAN NOT NULL, fingerprint VARCHAR NOT NULL)",
        f"CREATE TABLE decisions (id {key}, person VARCHAR NOT NULL, "
        "fingerprint VARCHAR NOT NULL, decision VARCHAR NOT NULL, reason VARCHAR NOT NULL, "
        f"decided {when} NOT NULL, CONSTRAINT uq_decisions_person_fp UNIQUE (person, "
        "fingerprint))",
    ):
        conn.execute(sa.text(ddl))
    then = datetime(2025, 1, 10, 9, 0, tzinfo=UTC)
    conn.execute(sa.text("INSERT INTO schema_migrations VALUES (1, 'first', :t)"), {"t": then})
    conn.execute(sa.text("INSERT INTO runs (person, started, finished, tool_version, school, "
                         "risk, review, clear, not_checked) VALUES ('me', :t, :t, '0.0.9', "
                         "'Oakwood Primary School', 1, 0, 20, 3)"), {"t": then})
    conn.execute(sa.text("INSERT INTO findings (run_id, rule, platform, file, record, excerpt, "
                         "why, certain, fingerprint) VALUES (1, 'B1', 'facebook', "
                         "'friends.json', '42', 'a redacted name', 'roster match', :c, "
                         "'00112233aabbccdd')"), {"c": True})
    conn.execute(sa.text("INSERT INTO decisions (person, fingerprint, decision, reason, "
                         "decided) VALUES ('me', '00112233aabbccdd', 'exception', "
                         "'my niece', :t)"), {"t": then})


def test_a_version_1_store_is_migrated_and_its_data_kept(store_url: str) -> None:
    raw = sa.create_engine(store_url)
    with raw.begin() as conn:
        _v1_by_hand(conn)
    raw.dispose()
    store = open_store(store_url, retention=0)
    try:
        with store.engine.connect() as conn:
            versions = conn.execute(sa.text("SELECT version FROM schema_migrations "
                                            "ORDER BY version")).scalars().all()
        assert versions == [m.version for m in MIGRATIONS]
        old = runs_of(store, "me")
        assert [(r.tool_version, r.risk, r.clear, r.sources) for r in old] == [
            ("0.0.9", 1, 20, "[]")]
        assert old[0].finished == datetime(2025, 1, 10, 9, 0, tzinfo=UTC)
        [finding] = findings_of(store, 1)
        assert (finding.fingerprint, finding.detector) == ("00112233aabbccdd", "")
        assert decisions_of(store, "me")["00112233aabbccdd"].reason == "my niece"
        new = save_run(store, "me", run_record([], {"B1": "clear"}))
        rows = history_rows(store, "me")
        assert [r["run"] for r in rows] == [1, new]
        assert rows[1]["changes"] == {"new": 0, "open": 0, "fixed": 1}
    finally:
        store.close()
