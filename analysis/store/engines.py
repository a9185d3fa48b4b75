"""One SQLAlchemy engine (and connection pool) per store URL, shared by every session of the process.

SQLite connections may be used from any thread (``check_same_thread=False``), run in WAL mode (readers
never wait for the writer) and wait up to 30 s for a lock. A write transaction on SQLite starts with
``BEGIN IMMEDIATE``, so two sessions never both read and then both try to write (which SQLite would
refuse at once instead of waiting).

A store that cannot be read or written (a damaged file, a read-only or full disk, a database gone away) is
an :class:`~analysis.errors.InputError` naming the store and the database's reason, never the file the user
was saving. :func:`one_transaction` runs several operations all or nothing (publishing a file to a new
project leaves no empty project behind when the disk fills).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from sqlalchemy import Connection, Engine, create_engine, event, exc

from analysis.errors import InputError, quoted

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()
_WRITE = "journey_lens_write"
BUSY_SECONDS = 30
_SHARED: ContextVar[tuple[Engine, Connection] | None] = ContextVar("journey_lens_transaction", default=None)


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
    shared = _SHARED.get()
    if shared is not None and shared[0] is engine:
        yield shared[1]
        return
    with _store_errors(engine), engine.connect() as connection, connection.begin():
        yield connection


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction, committed on success and rolled back on any exception."""
    shared = _SHARED.get()
    if shared is not None and shared[0] is engine:
        yield shared[1]
        return
    with _store_errors(engine), engine.connect().execution_options(**{_WRITE: True}) as connection, \
            connection.begin():
        yield connection


@contextmanager
def one_transaction(engine: Engine) -> Iterator[None]:
    """Run every read and write of ``engine`` inside (in this thread) in one write transaction: all or nothing."""
    if _SHARED.get() is not None:
        yield
        return
    with writing(engine) as connection:
        token = _SHARED.set((engine, connection))
        try:
            yield
        finally:
            _SHARED.reset(token)


@contextmanager
def _store_errors(engine: Engine) -> Iterator[None]:
    """Turn a store that cannot be used into InputError ``error.store.failed`` (a duplicate key is the caller's
    business and passes through)."""
    try:
        yield
    except exc.IntegrityError:
        raise
    except exc.DBAPIError as err:
        detail = str(getattr(err, "orig", None) or err).strip().splitlines() or [type(err).__name__]
        raise InputError("error.store.failed", store=quoted(engine.url.render_as_string(hide_password=True)),
                         reason=detail[0][:300]) from err
