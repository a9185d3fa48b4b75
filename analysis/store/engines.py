"""One SQLAlchemy engine (and connection pool) per store URL, shared by every session of the process.

SQLite connections may be used from any thread (``check_same_thread=False``), run in WAL mode (readers
never wait for the writer) and wait up to 30 s for a lock. A write transaction on SQLite starts with
``BEGIN IMMEDIATE``, so two sessions never both read and then both try to write (which SQLite would
refuse at once instead of waiting).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import Connection, Engine, create_engine, event

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()
_WRITE = "journey_lens_write"
BUSY_SECONDS = 30


def engine_for(url: str) -> Engine:
    """The process's engine for ``url``, created on first use."""
    with _LOCK:
        if url not in _ENGINES:
            _ENGINES[url] = _sqlite_engine(url) if url.startswith("sqlite") else create_engine(
                url, pool_size=10, max_overflow=20, pool_pre_ping=True, connect_args={"connect_timeout": 5})
        return _ENGINES[url]


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, pool_size=10, max_overflow=20,
                           connect_args={"check_same_thread": False, "timeout": BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # transactions begun below, not by the driver
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection in a read transaction (one consistent snapshot)."""
    with engine.connect() as connection, connection.begin():
        yield connection


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed on success and rolled back on any exception."""
    with engine.connect().execution_options(**{_WRITE: True}) as connection, connection.begin():
        yield connection
