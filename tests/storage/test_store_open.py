"""Opening the store: where it lives, owner-only files, SQLite settings, and one-line errors."""

from __future__ import annotations

import socket
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from storage_backends import run_record, store_fixture, store_url_fixture  # noqa: F401

from scanner.decisions import Verdict
from storage.db import Store, default_path
from storage.errors import StoreError
from storage.migrations import LATEST
from storage.repository import decisions_of, record_decision, runs_of, save_run
from storage.store import open_store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_store_is_one_owner_only_file_in_the_data_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("RISKSCAN_DATABASE_URL", raising=False)
    path = default_path()
    assert path.parent == tmp_path / "data" / "riskscan"
    opened = open_store()
    try:
        save_run(opened, "me", run_record([]))
        with opened.engine.connect() as conn:  # while a connection is open, so is the WAL
            conn.exec_driver_sql("SELECT count(*) FROM runs")
            assert path.is_file()
            assert _mode(path) == 0o600
            assert _mode(path.parent) == 0o700
            for extra in ("-wal", "-shm"):
                side = path.with_name(path.name + extra)
                assert side.exists() and _mode(side) == 0o600, extra
    finally:
        opened.close()


def test_setting_names_another_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere" / "store.sqlite3"
    monkeypatch.setenv("RISKSCAN_DATABASE_URL", f"sqlite:///{target}")
    opened = open_store()
    try:
        assert opened.where == str(target)
        assert target.is_file() and _mode(target) == 0o600
        assert _mode(target.parent) == 0o700
    finally:
        opened.close()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path) -> None:
    opened = open_store(f"sqlite:///{tmp_path / 's.sqlite3'}")
    try:
        with opened.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    finally:
        opened.close()


def test_a_corrupt_store_is_a_one_line_error_saying_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "riskscan.sqlite3"
    path.write_bytes(b"this is not a database at all\n" * 200)
    with pytest.raises(StoreError) as caught:
        open_store(f"sqlite:///{path}")
    message = str(caught.value)
    assert "\n" not in message
    assert "damaged" in message and "move it somewhere else" in message
    assert str(path) in message


def test_another_programs_sqlite_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    other = sa.create_engine(f"sqlite:///{path}")
    with other.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE recipes (name TEXT)")
    other.dispose()
    with pytest.raises(StoreError, match="not a riskscan store"):
        open_store(f"sqlite:///{path}")
    with sa.create_engine(f"sqlite:///{path}").connect() as conn:
        assert sa.inspect(conn).get_table_names() == ["recipes"]


def test_an_unreachable_postgresql_server_is_a_one_line_error() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://someone:s3cret-pw@127.0.0.1:{port}/riskscan"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "\n" not in message
    assert "s3cret-pw" not in message and "***" in message
    assert "check that the server is running" in message


@pytest.mark.parametrize("url, words", [
    ("not a url", "is not a database address"),
    ("mysql+nosuchdriver://u@h/db", r"cannot use a mysql\+nosuchdriver database"),
])
def test_a_bad_url_is_a_one_line_error(url: str, words: str) -> None:
    with pytest.raises(StoreError, match=words):
        open_store(url)


def test_a_store_from_a_newer_riskscan_is_refused(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO schema_migrations (version, name, applied) "
                             "VALUES (:v, 'future', :t)"), {"v": LATEST + 1,
                                                            "t": datetime.now(UTC)})
    with pytest.raises(StoreError, match="newer riskscan"):
        open_store(store.engine.url.render_as_string(hide_password=False))


def test_retention_deletes_old_runs_when_the_store_opens(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime.now(UTC)
    save_run(store, "me", run_record([], {"B1": "clear"}, finished=now - timedelta(days=40)))
    recent = save_run(store, "me", run_record([], {"B1": "clear"}, finished=now))
    record_decision(store, "me", "abcdef0123456789", Verdict.EXCEPTION, "my niece")
    url = store.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("RISKSCAN_RETENTION_DAYS", "30")
    reopened = open_store(url)
    try:
        assert [run.id for run in runs_of(reopened, "me")] == [recent]
        assert "abcdef0123456789" in decisions_of(reopened, "me")  # decisions still apply
    finally:
        reopened.close()


@pytest.mark.parametrize("value", ["soon", "-3", "1.5"])
def test_a_bad_retention_setting_is_a_one_line_error(
        value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RISKSCAN_RETENTION_DAYS", value)
    with pytest.raises(StoreError, match="RISKSCAN_RETENTION_DAYS must be a whole number"):
        open_store(f"sqlite:///{tmp_path / 's.sqlite3'}")


def test_retention_zero_keeps_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    first = open_store(url, retention=0)
    save_run(first, "me", run_record([], {"B1": "clear"},
                                     finished=datetime.now(UTC) - timedelta(days=4000)))
    first.close()
    monkeypatch.setenv("RISKSCAN_RETENTION_DAYS", "0")
    again = open_store(url)
    try:
        assert len(runs_of(again, "me")) == 1
    finally:
        again.close()
