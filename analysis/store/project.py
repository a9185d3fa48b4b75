"""One project, opened with a role: ``edit`` reads and writes, ``view`` only reads.

Every write method is marked :func:`writes` and refused with :class:`ReadOnly` on a view handle, by
the store itself. A handle opened by a share link also checks, in every transaction, that its link
is still active: revoking or regenerating a link cuts off the sessions already using it
(:class:`LinkRevoked`). Reads build new objects each time (DataFrames from Parquet, dicts from JSON).
"""
from __future__ import annotations

import functools
import hashlib
import json
from contextlib import contextmanager
from typing import Iterator, Protocol

import pandas as pd
from sqlalchemy import Connection, Engine, MetaData, Table, exc, func, select

from analysis.errors import InputError, quoted
from analysis.io import Export, load_export
from analysis.messages import Message, say
from analysis.names import clean_name, clean_text
from analysis.pins import KINDS as PIN_KINDS, Pin
from analysis.store import engines, lifecycle, links
from analysis.store.frames import frame_from, parquet_bytes, rebuild_export
from analysis.store.records import (Added, Classifier, DatasetVersion, Issued, LinkStatus, Note, Project, Removal,
                                    Setting, View, now, project_record, when)


class Database(Protocol):
    """What a handle needs of its store (:class:`analysis.store.store.Store` is one): the engine and the
    reflected tables."""

    engine: Engine
    tables: MetaData


AS_FILE = "as_file"  # the details of a dataset kept as the file's own bytes (add_file)
_READ_ONLY = say("error.store.read_only")
_LINK_REVOKED = say("error.store.link_revoked")


class ReadOnly(PermissionError):
    """A write through a view (read-only) handle; ``message`` says so in the user's language."""

    def __init__(self):
        self.message: Message = _READ_ONLY
        super().__init__(self.message.text("en"))


class LinkRevoked(PermissionError):
    """The link a handle was opened with has been revoked or regenerated since."""

    def __init__(self):
        self.message: Message = _LINK_REVOKED
        super().__init__(self.message.text("en"))


def writes(method):
    """Mark ``method`` as a write: refused with :class:`ReadOnly` unless the handle's role is ``edit``."""
    @functools.wraps(method)
    def guarded(self: "ProjectHandle", *args, **kwargs):
        if self.role != "edit":
            raise ReadOnly()
        return method(self, *args, **kwargs)

    guarded.writes = True
    return guarded


def project_name(name: str) -> str:
    """``name`` as a project's name (:func:`analysis.names.clean_name`: NFKC, white space collapsed, no invisible
    or direction-changing character, 1 to 200 characters); else InputError."""
    return clean_name(name, "project")


class ProjectHandle:
    """Project ``project_id`` of ``store`` opened as ``role`` ("edit" or "view")."""

    def __init__(self, store: Database, project_id: int, role: str, link_hash: str | None = None):
        if role not in links.ROLES:
            raise InputError("error.store.bad_role", role=quoted(role))
        self.store = store
        self.project_id = project_id
        self.role = role
        self._link_hash = link_hash

    def __repr__(self) -> str:
        return f"ProjectHandle(project_id={self.project_id}, role={self.role!r})"

    @property
    def can_edit(self) -> bool:
        """Whether this handle may write."""
        return self.role == "edit"

    # -- transactions --------------------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        return self.store.tables.tables[name]

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with engines.reading(self.store.engine) as connection:
            self._check_link(connection)
            yield connection

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction that first marks the project changed (on PostgreSQL this also locks its row,
        so writers of one project take turns)."""
        projects = self._table("projects")
        with engines.writing(self.store.engine) as connection:
            self._check_link(connection)
            changed = connection.execute(projects.update().where(projects.c.id == self.project_id)
                                         .values(updated=now()))
            if changed.rowcount == 0:
                raise InputError("error.store.no_project", project=quoted(self.project_id))
            yield connection

    def _check_link(self, connection: Connection) -> None:
        if self._link_hash is None:
            return
        table = self._table("links")
        active = connection.execute(select(table.c.id).where(
            table.c.token_hash == self._link_hash, table.c.revoked.is_(None))).first()
        if active is None:
            raise LinkRevoked()

    def _rows(self, table_name: str, *where, order=None) -> list:
        table = self._table(table_name)
        query = select(table).where(table.c.project_id == self.project_id, *where)
        with self._reading() as connection:
            return connection.execute(query.order_by(*(order or (table.c.id,)))).all()

    def _one(self, connection: Connection, table_name: str, item_id: int, item: str):
        table = self._table(table_name)
        row = connection.execute(select(table).where(table.c.project_id == self.project_id,
                                                     table.c.id == item_id)).first()
        if row is None:
            raise InputError("error.store.no_item", item=say(f"store.item.{item}"), id=item_id)
        return row

    # -- the project ---------------------------------------------------------------------------------

    def info(self) -> Project:
        """The project's id, name, created and updated times."""
        table = self._table("projects")
        with self._reading() as connection:
            row = connection.execute(select(table).where(table.c.id == self.project_id)).first()
        if row is None:
            raise InputError("error.store.no_project", project=quoted(self.project_id))
        return project_record(row)

    @writes
    def rename(self, name: str) -> None:
        """Give the project another (unique) name."""
        name = project_name(name)
        table = self._table("projects")
        try:
            with self._writing() as connection:
                connection.execute(table.update().where(table.c.id == self.project_id).values(name=name))
        except exc.IntegrityError:
            raise InputError("error.store.project_exists", project=quoted(name)) from None

    @writes
    def delete(self, dry_run: bool = False) -> Removal:
        """Delete the project and everything it holds: every file version, setting, classifier, saved view, pin,
        note and link (:func:`analysis.store.lifecycle.remove_project`). Its links stop working at once and then
        say the project was deleted. With ``dry_run``, say what would go and change nothing."""
        with (engines.reading if dry_run else engines.writing)(self.store.engine) as connection:
            self._check_link(connection)
            removal = lifecycle.remove_project(connection, self.store.tables, self.project_id, "deleted", now(),
                                               dry_run)
        if removal is None:
            raise InputError("error.store.no_project", project=quoted(self.project_id))
        return removal

    # -- datasets ------------------------------------------------------------------------------------

    @writes
    def add_dataset(self, frame: pd.DataFrame, file_name: str, kind: str, *, source: bytes | None = None,
                    details: dict | None = None, dedupe: bool = True) -> Added:
        """Publish ``frame`` as the project's next dataset version; nothing stored is ever changed.

        ``source`` is the original file's bytes (its size and SHA-256 are recorded; default: those of the
        Parquet bytes). With ``dedupe``, the same bytes as the latest version of ``kind`` add nothing:
        that version is returned with ``deduplicated=True`` (bytes of an older version are added again,
        as the new latest). ``details`` is any JSON the reader needs,
        such as :func:`analysis.store.frames.export_details`.
        """
        data = parquet_bytes(frame)
        return self._add(data, data if source is None else source, file_name, kind, frame.shape, details, dedupe)

    @writes
    def add_file(self, data: bytes, file_name: str, kind: str, *, dedupe: bool = True) -> Added:
        """Keep a file's own bytes as the project's next dataset version, unparsed (an event log too big to read
        whole: the behaviour engine reads a copy of it in place, :meth:`file_bytes`). Its rows and columns are
        recorded as 0 and its details say ``{"as_file": true}``; :meth:`frame` parses it when asked. ``dedupe`` as
        for :meth:`add_dataset`."""
        return self._add(data, data, file_name, kind, (0, 0), {AS_FILE: True}, dedupe)

    def _add(self, data: bytes, original: bytes, file_name: str, kind: str, shape: tuple[int, int],
             details: dict | None, dedupe: bool) -> Added:
        """Store ``data`` as the next dataset version (``original``: the bytes whose size and SHA-256 are recorded)."""
        digest = hashlib.sha256(original).hexdigest()
        table = self._table("datasets")
        with self._writing() as connection:
            if dedupe:
                columns = [column for column in table.c if column.name != "data"]
                latest = connection.execute(select(*columns).where(table.c.project_id == self.project_id,
                                                                   table.c.kind == kind)
                                            .order_by(table.c.version.desc())).first()
                if latest is not None and latest.sha256 == digest:
                    return Added(_dataset(latest), deduplicated=True)
            version = (connection.execute(select(func.max(table.c.version))
                                          .where(table.c.project_id == self.project_id)).scalar() or 0) + 1
            values = dict(project_id=self.project_id, version=version, file_name=file_name, size=len(original),
                          sha256=digest, rows=shape[0], columns=shape[1], data=data, created=now(),
                          kind=kind, details=json.dumps(details or {}))
            connection.execute(table.insert().values(**values))
        return Added(_dataset(_Row(values)), deduplicated=False)

    def datasets(self, kind: str | None = None) -> list[DatasetVersion]:
        """Every dataset version (of ``kind``, if given), oldest first, without the data."""
        table = self._table("datasets")
        columns = [column for column in table.c if column.name != "data"]
        query = select(*columns).where(table.c.project_id == self.project_id)
        if kind is not None:
            query = query.where(table.c.kind == kind)
        with self._reading() as connection:
            return [_dataset(row) for row in connection.execute(query.order_by(table.c.version)).all()]

    def dataset(self, version: int | None = None, kind: str | None = None) -> DatasetVersion:
        """Dataset ``version``, or the latest (of ``kind``); InputError ``error.store.no_dataset`` if none."""
        found = [item for item in self.datasets(kind) if version is None or item.version == version]
        if not found:
            raise InputError("error.store.no_dataset", version=version if version is not None else "—")
        return found[-1]

    def frame(self, version: int | None = None, kind: str | None = None) -> pd.DataFrame:
        """A new DataFrame of dataset ``version`` (default: the latest, of ``kind`` if given); a file kept as its own
        bytes (:meth:`add_file`) is parsed as :func:`analysis.io.load_export` reads it (``InputError`` when it cannot
        be)."""
        return self._frame(self.dataset(version, kind))

    def file_bytes(self, version: int) -> bytes:
        """The stored bytes of dataset ``version``: the file itself when it was kept with :meth:`add_file`, else the
        Parquet bytes of its table."""
        table = self._table("datasets")
        with self._reading() as connection:
            data = connection.execute(select(table.c.data).where(table.c.project_id == self.project_id,
                                                                 table.c.version == version)).scalar_one_or_none()
        if data is None:
            raise InputError("error.store.no_dataset", version=version)
        return bytes(data)

    def export(self, version: int | None = None, kind: str | None = None) -> Export:
        """The loaded export of dataset ``version`` (default: the latest, of ``kind``), as ``load_export``
        gave it when it was published with :func:`analysis.store.frames.export_details`."""
        return self._export(self.dataset(version, kind))

    def _frame(self, chosen: DatasetVersion) -> pd.DataFrame:
        if chosen.details.get(AS_FILE):
            return self._export(chosen).frame
        return frame_from(self.file_bytes(chosen.version))

    def _export(self, chosen: DatasetVersion) -> Export:
        if chosen.details.get(AS_FILE):
            return load_export(self.file_bytes(chosen.version), name=chosen.file_name)
        return rebuild_export(self._frame(chosen), chosen.details, chosen.file_name)

    # -- settings ------------------------------------------------------------------------------------

    @writes
    def set_setting(self, key: str, value) -> Setting:
        """Store ``value`` (any JSON) as the next version of setting ``key``; earlier versions are kept.

        Keys the app uses: ``mapping``, ``labels``, ``stage_map``, ``personas``, ``sentiment``, ``view``.
        """
        document = json.dumps(value, ensure_ascii=False, allow_nan=False)
        table = self._table("settings")
        with self._writing() as connection:
            version = (connection.execute(select(func.max(table.c.version)).where(
                table.c.project_id == self.project_id, table.c.key == key)).scalar() or 0) + 1
            stamp = now()
            connection.execute(table.insert().values(project_id=self.project_id, key=key, version=version,
                                                     value=document, created=stamp))
        return Setting(key, version, json.loads(document), when(stamp))

    def setting(self, key: str, default=None):
        """A fresh copy of the latest value of setting ``key``, or ``default``."""
        history = self.setting_history(key)
        return history[-1].value if history else default

    def settings(self) -> dict:
        """The latest value of every setting, by key (fresh copies)."""
        latest = {}
        for row in self._rows("settings", order=(self._table("settings").c.version,)):
            latest[row.key] = json.loads(row.value)
        return latest

    def setting_history(self, key: str) -> list[Setting]:
        """Every version of setting ``key``, oldest first."""
        table = self._table("settings")
        return [Setting(row.key, row.version, json.loads(row.value), when(row.created))
                for row in self._rows("settings", table.c.key == key, order=(table.c.version,))]

    # -- classifiers ---------------------------------------------------------------------------------

    @writes
    def save_classifier(self, name: str, model: bytes, meta: dict | None = None) -> Classifier:
        """Keep a trained classifier's bytes with its metadata (JSON); a later save of ``name`` supersedes it."""
        table = self._table("classifiers")
        document = json.dumps(meta or {}, ensure_ascii=False)
        stamp = now()
        with self._writing() as connection:
            result = connection.execute(table.insert().values(project_id=self.project_id, name=name,
                                                              model=bytes(model), meta=document, created=stamp))
        return Classifier(result.inserted_primary_key[0], name, bytes(model), json.loads(document), when(stamp))

    def classifiers(self) -> list[Classifier]:
        """Every saved classifier, oldest first."""
        return [_classifier(row) for row in self._rows("classifiers")]

    def classifier(self, name: str) -> Classifier | None:
        """The latest classifier saved as ``name``, or None."""
        rows = self._rows("classifiers", self._table("classifiers").c.name == name)
        return _classifier(rows[-1]) if rows else None

    # -- saved views ---------------------------------------------------------------------------------

    @writes
    def save_view(self, name: str, page: str, params: dict) -> View:
        """Save (or replace) the view ``name`` (:func:`analysis.names.clean_name`): a page and its query
        parameters."""
        name = clean_name(name, "view")
        table = self._table("views")
        document = json.dumps(params, ensure_ascii=False)
        stamp = now()
        with self._writing() as connection:
            old = connection.execute(select(table).where(table.c.project_id == self.project_id,
                                                         table.c.name == name)).first()
            if old is None:
                connection.execute(table.insert().values(project_id=self.project_id, name=name, page=page,
                                                         params=document, created=stamp, updated=stamp))
            else:
                connection.execute(table.update().where(table.c.id == old.id)
                                   .values(page=page, params=document, updated=stamp))
        return self.view(name)

    def views(self) -> list[View]:
        """Every saved view, by name."""
        return [_view(row) for row in self._rows("views", order=(self._table("views").c.name,))]

    def view(self, name: str) -> View | None:
        """The saved view ``name``, or None."""
        rows = self._rows("views", self._table("views").c.name == name)
        return _view(rows[0]) if rows else None

    @writes
    def delete_view(self, name: str) -> bool:
        """Delete the saved view ``name``; whether there was one."""
        table = self._table("views")
        with self._writing() as connection:
            gone = connection.execute(table.delete().where(table.c.project_id == self.project_id,
                                                           table.c.name == name))
        return gone.rowcount > 0

    # -- pins ----------------------------------------------------------------------------------------

    @writes
    def add_pin(self, pin: Pin) -> Pin:
        """Pin ``pin`` (its kind, title, note, page, lang and payload) at the end of the notebook; a title or note
        with a control character is refused (:func:`analysis.names.clean_text`)."""
        clean_text(pin.title, "title")
        clean_text(pin.note, "note")
        if pin.kind not in PIN_KINDS:
            raise InputError("error.store.pin_kind", kind=quoted(pin.kind))
        table = self._table("pins")
        stamp = now()
        with self._writing() as connection:
            last = connection.execute(select(func.max(table.c.position))
                                      .where(table.c.project_id == self.project_id)).scalar()
            result = connection.execute(table.insert().values(
                project_id=self.project_id, position=(-1 if last is None else last) + 1, page=pin.page,
                kind=pin.kind, title=pin.title, note=pin.note, lang=pin.lang,
                payload=json.dumps(pin.payload, ensure_ascii=False), created=stamp, updated=stamp))
            return _pin(self._one(connection, "pins", result.inserted_primary_key[0], "pin"))

    def pins(self) -> list[Pin]:
        """The notebook's pins in their order."""
        table = self._table("pins")
        return [_pin(row) for row in self._rows("pins", order=(table.c.position, table.c.id))]

    @writes
    def edit_pin(self, pin_id: int, *, title: str | None = None, note: str | None = None) -> Pin:
        """Change a pin's title and/or note (refused with a control character)."""
        clean_text(title, "title")
        clean_text(note, "note")
        table = self._table("pins")
        changes = {name: value for name, value in (("title", title), ("note", note)) if value is not None}
        with self._writing() as connection:
            self._one(connection, "pins", pin_id, "pin")
            connection.execute(table.update().where(table.c.id == pin_id).values(**changes, updated=now()))
            return _pin(self._one(connection, "pins", pin_id, "pin"))

    @writes
    def delete_pin(self, pin_id: int) -> None:
        """Remove a pin from the notebook."""
        self._delete("pins", pin_id, "pin")

    @writes
    def reorder_pins(self, pin_ids: list[int]) -> None:
        """Put the pins in the order of ``pin_ids``, which must name each of the project's pins once."""
        table = self._table("pins")
        with self._writing() as connection:
            present = set(connection.execute(select(table.c.id)
                                             .where(table.c.project_id == self.project_id)).scalars())
            if sorted(pin_ids) != sorted(present):
                raise InputError("error.store.pin_order")
            for position, pin_id in enumerate(pin_ids):
                connection.execute(table.update().where(table.c.id == pin_id).values(position=position))

    # -- notes ---------------------------------------------------------------------------------------

    @writes
    def add_note(self, text: str) -> Note:
        """Add a note to the project (refused with a control character)."""
        clean_text(text, "note")
        table = self._table("notes")
        stamp = now()
        with self._writing() as connection:
            result = connection.execute(table.insert().values(project_id=self.project_id, text=text,
                                                              created=stamp, updated=stamp))
        return Note(result.inserted_primary_key[0], text, when(stamp), when(stamp))

    def notes(self) -> list[Note]:
        """The project's notes, oldest first."""
        return [Note(row.id, row.text, when(row.created), when(row.updated)) for row in self._rows("notes")]

    @writes
    def edit_note(self, note_id: int, text: str) -> None:
        """Replace the text of a note (refused with a control character)."""
        clean_text(text, "note")
        table = self._table("notes")
        with self._writing() as connection:
            self._one(connection, "notes", note_id, "note")
            connection.execute(table.update().where(table.c.id == note_id).values(text=text, updated=now()))

    @writes
    def delete_note(self, note_id: int) -> None:
        """Delete a note."""
        self._delete("notes", note_id, "note")

    def _delete(self, table_name: str, item_id: int, item: str) -> None:
        table = self._table(table_name)
        with self._writing() as connection:
            self._one(connection, table_name, item_id, item)
            connection.execute(table.delete().where(table.c.id == item_id))

    # -- share links ---------------------------------------------------------------------------------

    @writes
    def create_links(self) -> Issued:
        """Issue an edit and a view token (revoking any active ones). Returned once: only hashes are kept."""
        with self._writing() as connection:
            return Issued(**{role: self._issue(connection, role) for role in links.ROLES})

    @writes
    def regenerate(self, role: str) -> str:
        """A new token for ``role``; the old one stops working at once."""
        self._check_role(role)
        with self._writing() as connection:
            return self._issue(connection, role)

    @writes
    def revoke(self, role: str) -> bool:
        """Stop the ``role`` link from working; whether one was active."""
        self._check_role(role)
        table = self._table("links")
        with self._writing() as connection:
            return self._revoke(connection, table, role) > 0

    def links(self) -> dict[str, LinkStatus | None]:
        """For each role, when its active link was issued, or None when it has none."""
        table = self._table("links")
        active = {row.role: LinkStatus(row.role, when(row.created))
                  for row in self._rows("links", table.c.revoked.is_(None))}
        return {role: active.get(role) for role in links.ROLES}

    def _issue(self, connection: Connection, role: str) -> str:
        table = self._table("links")
        self._revoke(connection, table, role)
        token = links.new_token()
        digest = links.token_hash(token)
        connection.execute(table.insert().values(project_id=self.project_id, role=role, token_hash=digest,
                                                 created=now()))
        if self._link_hash is not None and role == self.role:
            self._link_hash = digest  # this session keeps working with its own new link
        return token

    def _revoke(self, connection: Connection, table: Table, role: str) -> int:
        return connection.execute(table.update().where(
            table.c.project_id == self.project_id, table.c.role == role, table.c.revoked.is_(None))
                                  .values(revoked=now())).rowcount

    @staticmethod
    def _check_role(role: str) -> None:
        if role not in links.ROLES:
            raise InputError("error.store.bad_role", role=quoted(role))


WRITE_METHODS = tuple(sorted(name for name, member in vars(ProjectHandle).items() if getattr(member, "writes", False)))


class _Row:
    """Inserted values read like a database row."""

    def __init__(self, values: dict):
        self.__dict__.update(values)


def _dataset(row) -> DatasetVersion:
    return DatasetVersion(row.project_id, row.version, row.file_name, row.size, row.sha256, row.rows, row.columns,
                          row.kind, json.loads(row.details) if row.details else {}, when(row.created))


def _classifier(row) -> Classifier:
    return Classifier(row.id, row.name, bytes(row.model), json.loads(row.meta), when(row.created))


def _view(row) -> View:
    return View(row.id, row.name, row.page, json.loads(row.params), when(row.created), when(row.updated))


def _pin(row) -> Pin:
    return Pin(kind=row.kind, title=row.title, payload=json.loads(row.payload), note=row.note, page=row.page,
               lang=row.lang, id=row.id, position=row.position, created=when(row.created), updated=when(row.updated))
