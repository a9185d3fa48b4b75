"""The store: projects and what belongs to them, in SQLite or PostgreSQL (SQLAlchemy Core).

``open_store()`` opens (and creates or migrates) the store; a :class:`ProjectHandle` then reads and
writes one project with the rights of the role it was opened with. Share links open a project by
token (:meth:`Store.open_by_token`); :meth:`Store.project` and :meth:`Store.find_project` give full
rights and are for the server side (the command line, the app's own "new project").
"""
from __future__ import annotations

import hmac
import logging
import threading
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, MetaData, exc, or_, select

from analysis.errors import InputError, quoted
from analysis.store import engines, lifecycle, links, migrations
from analysis.store.location import shown, store_url
from analysis.store.project import ProjectHandle, project_name
from analysis.store.records import Project, Removal, Removed, now, project_record, when

_READY: dict[str, MetaData] = {}
_READY_LOCK = threading.Lock()
_LOG = logging.getLogger(__name__)
OPENS_RECORDED_EVERY = timedelta(hours=1)  # a project's ``opened`` time is written at most this often


def open_store(location: str | None = None) -> "Store":
    """The store at ``location`` (a file path or SQLAlchemy URL; default ``JOURNEY_LENS_STORE``, else a
    SQLite file in the data folder), created or migrated to the current schema on first use.

    Raises InputError ``error.store.unreachable`` when the database cannot be reached or the URL is
    not one, and ``error.store.newer_schema`` when a later Journey Lens wrote it.
    """
    url = "?"
    try:
        url = store_url(location)
        return Store(url, _prepared(url))
    except (exc.SQLAlchemyError, OSError, ValueError) as err:
        if isinstance(err, InputError) and err.message.code != "error.store.failed":
            raise
        reason = err.message.params["reason"] if isinstance(err, InputError) else _first_line(err)
        raise InputError("error.store.unreachable", store=quoted(shown(url) if "://" in url else location),
                         reason=reason) from None


def _prepared(url: str) -> MetaData:
    """The reflected tables of ``url``'s database, migrated once per process."""
    with _READY_LOCK:
        if url not in _READY:
            engine = engines.engine_for(url)
            with engines.writing(engine) as connection:
                migrations.migrate(connection, now())
            tables = MetaData()
            tables.reflect(bind=engine)
            _READY[url] = tables
        return _READY[url]


def _first_line(err: Exception) -> str:
    detail = getattr(err, "orig", None) or err
    return (str(detail).strip().splitlines() or [type(err).__name__])[0][:300]


class Store:
    """One database of projects. Cheap to create: engines and tables are shared per URL."""

    def __init__(self, url: str, tables: MetaData):
        self.url = url
        self.engine: Engine = engines.engine_for(url)
        self.tables = tables

    def __repr__(self) -> str:
        return f"Store({shown(self.url)!r})"

    def projects(self) -> list[Project]:
        """Every project, most recently changed first."""
        table = self.tables.tables["projects"]
        with engines.reading(self.engine) as connection:
            rows = connection.execute(select(table).order_by(table.c.updated.desc(), table.c.id.desc())).all()
        return [project_record(row) for row in rows]

    def create_project(self, name: str) -> ProjectHandle:
        """A new, empty project named ``name`` (unique; InputError ``error.store.project_exists`` if taken),
        opened for editing. Its share links are issued by :meth:`ProjectHandle.create_links`."""
        name = project_name(name)
        table = self.tables.tables["projects"]
        stamp = now()
        try:
            with engines.writing(self.engine) as connection:
                result = connection.execute(table.insert().values(name=name, created=stamp, updated=stamp))
        except exc.IntegrityError:
            raise InputError("error.store.project_exists", project=quoted(name)) from None
        return ProjectHandle(self, result.inserted_primary_key[0], "edit")

    def project(self, project_id: int) -> ProjectHandle:
        """Project ``project_id`` with full rights (server side only; visitors come in by token)."""
        table = self.tables.tables["projects"]
        with engines.reading(self.engine) as connection:
            found = connection.execute(select(table.c.id).where(table.c.id == project_id)).scalar()
        if found is None:
            raise InputError("error.store.no_project", project=quoted(project_id))
        return ProjectHandle(self, found, "edit")

    def find_project(self, name: str) -> ProjectHandle | None:
        """The project named ``name`` (normalised as names are stored) with full rights, or None (server side
        only)."""
        table = self.tables.tables["projects"]
        with engines.reading(self.engine) as connection:
            found = connection.execute(select(table.c.id).where(table.c.name == project_name(name))).scalar()
        return None if found is None else ProjectHandle(self, found, "edit")

    def open_by_token(self, token: str) -> ProjectHandle | None:
        """The project a share link's token opens, with that link's role; None for an unknown, revoked or
        malformed token (the app then says the link no longer works).

        The token is looked up by its SHA-256, so the comparison does not depend on how much of a guess
        matches; the found hash is compared again with :func:`hmac.compare_digest`.
        """
        if not links.well_formed(token):
            return None
        digest = links.token_hash(token)
        table, projects = self.tables.tables["links"], self.tables.tables["projects"]
        with engines.reading(self.engine) as connection:
            row = connection.execute(select(table.c.project_id, table.c.role, table.c.token_hash, projects.c.opened)
                                     .join(projects, projects.c.id == table.c.project_id)
                                     .where(table.c.token_hash == digest, table.c.revoked.is_(None))).first()
        if row is None or not hmac.compare_digest(row.token_hash, digest):
            return None
        self._note_opened(row.project_id, row.opened)
        return ProjectHandle(self, row.project_id, row.role, link_hash=digest)

    def _note_opened(self, project_id: int, opened: str | None) -> None:
        """Record that a link opened the project, when the last record is older than :data:`OPENS_RECORDED_EVERY`
        (so a session's many opens cost one read each, and a write an hour). Best effort: a store that cannot be
        written still opens the project."""
        stale = (datetime.now(timezone.utc) - OPENS_RECORDED_EVERY).isoformat(timespec="microseconds")
        if opened is not None and opened >= stale:
            return
        projects = self.tables.tables["projects"]
        try:
            with engines.writing(self.engine) as connection:
                connection.execute(projects.update().where(projects.c.id == project_id,
                                                           or_(projects.c.opened.is_(None), projects.c.opened < stale))
                                   .values(opened=now()))
        except InputError as err:  # a store that cannot be written (read-only, full) still opens its links
            _LOG.warning("the project's last open could not be recorded: %s", err)

    def removal(self, token: str) -> Removed | None:
        """Why and when the project of ``token`` was removed, when the token belonged to a deleted project; else
        None (the token is unknown, mistyped, or still works)."""
        if not links.well_formed(token):
            return None
        table = self.tables.tables["removed_links"]
        with engines.reading(self.engine) as connection:
            row = connection.execute(select(table).where(table.c.token_hash == links.token_hash(token))).first()
        return None if row is None else Removed(row.reason, when(row.removed))

    def purge(self, days: int, dry_run: bool = False) -> list[Removal]:
        """Remove every project neither changed nor opened in the last ``days`` days (see
        :mod:`analysis.store.lifecycle`), each in its own transaction; with ``dry_run``, say which would go and
        change nothing. Oldest first."""
        stamp = now()
        with engines.reading(self.engine) as connection:
            found = lifecycle.untouched_since(connection, self.tables, lifecycle.cutoff(days))
        removals = []
        for project_id in found:
            with (engines.reading if dry_run else engines.writing)(self.engine) as connection:
                removal = lifecycle.remove_project(connection, self.tables, project_id, "expired", stamp, dry_run)
            if removal is not None:  # another process may have removed it meanwhile
                removals.append(removal)
        return removals
