"""The database backends every storage test runs against: SQLite (a real file in tmp_path) and
PostgreSQL (a fresh schema on the server RISKSCAN_TEST_POSTGRES_URL names; `.ci/postgres.sh
start` makes one). Without that setting the PostgreSQL cases are skipped and say why, unless
RISKSCAN_REQUIRE_POSTGRES=1, when they fail instead (CI sets it).

Test modules import the fixtures by their function names:
`from storage_backends import store_fixture, store_url_fixture` gives `store` and `store_url`.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from storage.db import Store
from storage.repository import RuleOutcome, RunRecord, StoredFinding
from storage.store import open_store

PG_SETTING = "RISKSCAN_TEST_POSTGRES_URL"
REQUIRE_SETTING = "RISKSCAN_REQUIRE_POSTGRES"
BACKENDS = ("sqlite", "postgresql")


def postgres_base() -> str:
    url = os.environ.get(PG_SETTING, "").strip()
    if url:
        return url
    reason = (f"PostgreSQL case not run: {PG_SETTING} is not set (run `bash .ci/postgres.sh "
              "start` as root, then `. .ci/postgres.env`)")
    if os.environ.get(REQUIRE_SETTING) == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def in_schema(base: str, schema: str) -> str:
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def make_backend(kind: str, tmp_path: Path) -> Iterator[str]:
    """A URL for an empty store of `kind`; a PostgreSQL schema is dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'riskscan.sqlite3'}"
        return
    base = postgres_base()
    schema = f"rs_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        yield in_schema(base, schema)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(name="store_url", params=BACKENDS)
def store_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_backend(str(request.param), tmp_path)


@pytest.fixture(name="store")
def store_fixture(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url, retention=0)
    try:
        yield opened
    finally:
        opened.close()


def finding(rule: str, record: str, certain: bool = True, platform: str = "facebook",
            excerpt: str = "a redacted excerpt") -> StoredFinding:
    fingerprint = hashlib.sha256(f"{rule}/{platform}/{record}".encode()).hexdigest()[:16]
    return StoredFinding(rule, platform, "connections/friends.json", record, excerpt,
                         "matched the roster", certain, fingerprint, "test")


def run_record(findings: list[StoredFinding], statuses: dict[str, str] | None = None,
               finished: datetime | None = None) -> RunRecord:
    """A run with a rule result for each rule in `statuses` or with findings."""
    statuses = dict(statuses or {})
    for f in findings:
        statuses.setdefault(f.rule, "risk" if f.certain else "review")
    rules = [RuleOutcome(rule, status, sum(1 for f in findings if f.rule == rule),
                         sum(1 for f in findings if f.rule == rule and f.certain))
             for rule, status in sorted(statuses.items())]
    when = finished or datetime.now(UTC)
    return RunRecord(when, when, "test", "Oakwood Primary School", rules, findings,
                     [{"platform": "facebook", "export_version": "2024+",
                       "counts": {"connection": 10}}])


def every_row(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table in the store (listed from the database itself)."""
    with store.engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        return {name: [tuple(row) for row in conn.execute(sa.text(f'SELECT * FROM "{name}"'))]
                for name in names}
