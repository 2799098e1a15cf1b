"""Opening the store: which database, an engine set up for safe writes, and plain errors.

By default the store is one SQLite file in the person's own data directory, made readable only
by them (directory 0700, file 0600; SQLite gives its -wal and -shm files the file's mode).
RISKSCAN_DATABASE_URL names any SQLAlchemy URL instead (PostgreSQL: postgresql+psycopg://...).

SQLite runs in WAL mode with a busy timeout, and every write transaction starts with BEGIN
IMMEDIATE, so two riskscan processes writing at once queue instead of failing; secure_delete
overwrites deleted rows, so `forget` leaves nothing readable in the file.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from platformdirs import user_data_dir
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.url import URL
from sqlmodel import Session

from scanner.files import create_private_file
from storage.errors import StoreError

URL_SETTING = "RISKSCAN_DATABASE_URL"
BUSY_TIMEOUT_S = 30
WRITE_OPTION = "riskscan_write"


def default_path() -> Path:
    return Path(user_data_dir("riskscan", appauthor=False)) / "riskscan.sqlite3"


def database_url(url: str | None = None) -> str:
    """The URL given, else RISKSCAN_DATABASE_URL, else the SQLite file in the data directory."""
    chosen = url or os.environ.get(URL_SETTING, "").strip()
    return chosen or f"sqlite:///{default_path()}"


def describe(url: URL) -> str:
    """Where the store is, for messages: the file, or the URL without its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or "an in-memory database"
    return url.render_as_string(hide_password=True)


@dataclass
class Store:
    """An open store. `write()` and `read()` give a session inside one transaction."""

    engine: Engine
    where: str

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: everything in it is saved together, or none of it is."""
        with translate_errors(self.where), self.engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin(), Session(bind=conn, expire_on_commit=False) as session:
                yield session
                session.flush()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with translate_errors(self.where), Session(self.engine) as session:
            yield session

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


def parse_url(url: str) -> URL:
    try:
        return make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError(f"{URL_SETTING} is not a database address (for example "
                         "postgresql+psycopg://user@host/riskscan, or sqlite:////path/riskscan."
                         "sqlite3): correct it, or unset it to use the store on this computer."
                         ) from None


def create_engine(url: URL) -> Engine:
    """An engine for the URL; a SQLite file (and its folder) is created owner-only first."""
    backend = url.get_backend_name()
    try:
        if backend == "sqlite":
            return _sqlite_engine(url)
        args: dict[str, Any] = {"connect_timeout": 10} if backend == "postgresql" else {}
        # pool_pre_ping: a connection the server dropped (a restart) is replaced before use,
        # so a long-running worker reconnects by itself.
        return sa.create_engine(url, connect_args=args, pool_pre_ping=True)
    except (sa.exc.NoSuchModuleError, ModuleNotFoundError):
        raise StoreError(f"riskscan cannot use a {url.drivername} database: use SQLite or "
                         "PostgreSQL (postgresql+psycopg://user@host/riskscan).") from None


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:":
        _prepare_file(Path(url.database).expanduser())
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _prepare_file(path: Path) -> None:
    ours = path == default_path()
    try:
        create_private_file(path, narrow_folder=ours, narrow_file=ours)
    except OSError as exc:
        raise StoreError(f"cannot create the riskscan store {path} ({exc.strerror}): set "
                         f"{URL_SETTING} to a place you can write to.") from None


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is switched off: _sqlite_begin opens each
    # transaction itself, so writes can take the write lock up front (BEGIN IMMEDIATE)
    # and wait for it, rather than failing halfway when another process got there first.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    _use_wal(cursor)
    for pragma in ("synchronous = FULL", "foreign_keys = ON", "secure_delete = ON"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL (it stays so), waiting out other processes doing the same.

    The switch needs the file to itself and, unlike other statements, SQLite fails it at once
    with "database is locked" instead of waiting the busy timeout: two riskscan processes
    opening a new store together would otherwise have one of them refuse to start."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_begin(conn: Connection) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def translate_errors(where: str) -> Iterator[None]:
    """Database failures as one line saying what to do; never the SQL or its values."""
    try:
        yield
    except sa.exc.OperationalError as exc:
        raise StoreError(_operational(where, exc)) from None
    except sa.exc.DatabaseError as exc:
        if "not a database" in str(exc.orig) or "malformed" in str(exc.orig):
            raise StoreError(_damaged(where)) from None
        raise StoreError(f"the riskscan store {where} refused a change "
                         f"({type(exc.orig).__name__}); nothing was saved. Run again, and if "
                         "it happens again, ask whoever supports riskscan at your school."
                         ) from None


def _operational(where: str, exc: sa.exc.OperationalError) -> str:
    reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "no answer"
    if "not a database" in reason or "malformed" in reason:
        return _damaged(where)
    if "locked" in reason or "busy" in reason:
        return (f"the riskscan store {where} is busy (another riskscan is using it): "
                "wait for it to finish and run again.")
    if "unable to open" in reason or "readonly" in reason:
        return (f"cannot open the riskscan store {where} ({reason}): check that you can "
                f"write there, or set {URL_SETTING} to another place.")
    return (f"cannot use the database {where} ({reason[:160]}): check that the server is "
            f"running and that {URL_SETTING} is right.")


def _damaged(where: str) -> str:
    return (f"the riskscan store {where} is damaged or is not a riskscan store: move it "
            "somewhere else (keep it if you need what is in it) and run again to start a new "
            f"store, or set {URL_SETTING} to another one.")
