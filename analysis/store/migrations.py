"""The store's schema, as an ordered list of migrations; the database records the last one applied.

Each migration is a function of a connection and is never changed once released: a later change of
the schema is a new migration at the end of :data:`MIGRATIONS`. :func:`migrate` runs the ones a
database lacks, in one transaction (PostgreSQL and SQLite both roll back DDL), so a database is at
one version or the next, never in between. Tables are declared here only; the store reflects them.

- v1: projects (id, name, created) and datasets (the Parquet bytes of each published file version).
- v2: projects.updated; datasets.kind and datasets.details; links (hashed tokens), settings (JSON
  documents by key, every version kept), classifiers, views, pins and notes.
- v3: datasets.kind filled in where v2 left it empty (datasets stored by a v1 store), from the stored
  table itself, as publishing decides it; the app finds a project's files by their kind.
- v4: projects.opened (when a share link last opened the project; with ``updated`` it says when the project
  was last touched, for retention; ``updated`` filled in where it was empty) and removed_links (the token hash of each link of a deleted project, the
  reason and the time, so an old link can say its project no longer exists; nothing else of it is kept).

Several processes may start on one empty database at once: :func:`migrate` first takes a lock that
serialises them (a transaction-scoped advisory lock on PostgreSQL; on SQLite the caller's write transaction
is ``BEGIN IMMEDIATE``, which one connection at a time holds), then reads the version, so each migration is
applied exactly once and the others find it done.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import (BigInteger, Column, Connection, ForeignKey, Integer, LargeBinary, MetaData, String, Table,
                        Text, UniqueConstraint, func, select)

from analysis.errors import InputError

STAMP = String(40)  # ISO 8601 time in UTC, which sorts as text


def _v1(connection: Connection) -> None:
    meta = MetaData()
    Table("projects", meta,
          Column("id", Integer, primary_key=True),
          Column("name", String(200), nullable=False, unique=True),
          Column("created", STAMP, nullable=False))
    Table("datasets", meta,
          Column("id", Integer, primary_key=True),
          Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False, index=True),
          Column("version", Integer, nullable=False),
          Column("file_name", String(500), nullable=False),
          Column("size", BigInteger, nullable=False),
          Column("sha256", String(64), nullable=False),
          Column("rows", Integer, nullable=False),
          Column("columns", Integer, nullable=False),
          Column("data", LargeBinary, nullable=False),
          Column("created", STAMP, nullable=False),
          UniqueConstraint("project_id", "version"))
    meta.create_all(connection)


def _v2(connection: Connection) -> None:
    connection.exec_driver_sql("ALTER TABLE projects ADD COLUMN updated VARCHAR(40)")
    connection.exec_driver_sql("UPDATE projects SET updated = created")
    connection.exec_driver_sql("ALTER TABLE datasets ADD COLUMN kind VARCHAR(40)")
    connection.exec_driver_sql("ALTER TABLE datasets ADD COLUMN details TEXT")
    meta = MetaData()
    Table("projects", meta, Column("id", Integer, primary_key=True))

    def owned(name: str, *columns, **keywords) -> Table:
        project = Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False,
                         index=True)
        return Table(name, meta, Column("id", Integer, primary_key=True), project, *columns,
                     Column("created", STAMP, nullable=False), **keywords)

    owned("links", Column("role", String(10), nullable=False),
          Column("token_hash", String(64), nullable=False, unique=True), Column("revoked", STAMP))
    owned("settings", Column("key", String(100), nullable=False), Column("version", Integer, nullable=False),
          Column("value", Text, nullable=False), UniqueConstraint("project_id", "key", "version"))
    owned("classifiers", Column("name", String(200), nullable=False), Column("model", LargeBinary, nullable=False),
          Column("meta", Text, nullable=False))
    owned("views", Column("name", String(200), nullable=False), Column("page", String(100), nullable=False),
          Column("params", Text, nullable=False), Column("updated", STAMP, nullable=False),
          UniqueConstraint("project_id", "name"))
    owned("pins", Column("position", Integer, nullable=False), Column("page", String(100), nullable=False),
          Column("kind", String(10), nullable=False), Column("title", Text, nullable=False),
          Column("note", Text, nullable=False), Column("payload", Text, nullable=False),
          Column("lang", String(10), nullable=False), Column("updated", STAMP, nullable=False))
    owned("notes", Column("text", Text, nullable=False), Column("updated", STAMP, nullable=False))
    for table in meta.sorted_tables:
        if table.name != "projects":
            table.create(connection)


def _v3(connection: Connection) -> None:
    from analysis.prepare import dataset_kind
    from analysis.schema import detect_roles
    from analysis.store.frames import frame_from, rebuild_export

    meta = MetaData()
    datasets = Table("datasets", meta, Column("id", Integer), Column("file_name", String(500)),
                     Column("data", LargeBinary), Column("kind", String(40)))
    for row in connection.execute(select(datasets.c.id, datasets.c.file_name).where(datasets.c.kind.is_(None))).all():
        data = connection.execute(select(datasets.c.data).where(datasets.c.id == row.id)).scalar_one()
        export = rebuild_export(frame_from(data), {}, row.file_name)
        connection.execute(datasets.update().where(datasets.c.id == row.id)
                           .values(kind=dataset_kind(detect_roles(export), export.format)))


def _v4(connection: Connection) -> None:
    connection.exec_driver_sql("ALTER TABLE projects ADD COLUMN opened VARCHAR(40)")
    connection.exec_driver_sql("UPDATE projects SET updated = created WHERE updated IS NULL")
    meta = MetaData()
    Table("removed_links", meta,
          Column("token_hash", String(64), primary_key=True),
          Column("reason", String(10), nullable=False),
          Column("removed", STAMP, nullable=False))
    meta.create_all(connection)


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4]
SCHEMA_VERSION = len(MIGRATIONS)
_VERSIONS = Table("schema_version", MetaData(), Column("version", Integer, primary_key=True),
                  Column("applied", STAMP, nullable=False))
_PG_MIGRATION_LOCK = 7_154_200_012  # any constant: serialises migrations of one PostgreSQL database


def migrate(connection: Connection, stamp: str, upto: int = SCHEMA_VERSION) -> int:
    """Bring the database to version ``upto`` (default: the latest) inside the caller's write transaction.

    Returns the version reached. A database newer than this code is refused: it was written by a
    later Journey Lens, whose data this one could damage.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(_PG_MIGRATION_LOCK)))
    _VERSIONS.create(connection, checkfirst=True)
    current = connection.execute(select(func.max(_VERSIONS.c.version))).scalar() or 0
    if current > SCHEMA_VERSION:
        raise InputError("error.store.newer_schema", found=current, known=SCHEMA_VERSION)
    for number in range(current + 1, upto + 1):
        MIGRATIONS[number - 1](connection)
        connection.execute(_VERSIONS.insert().values(version=number, applied=stamp))
    return max(current, upto)
