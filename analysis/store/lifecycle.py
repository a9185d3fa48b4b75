"""Deleting a project with everything it holds, and retention: removing projects untouched for a number of days.

A project is held by every table with a ``project_id`` column (its file versions in ``datasets``, ``settings``
with every version, ``classifiers``, saved ``views``, ``pins``, ``notes`` and ``links``) and its row in
``projects``. :func:`remove_project` deletes all of them in the caller's transaction and keeps only the SHA-256
of each of its link tokens in ``removed_links`` (with the reason and time), so an old link can say the project no
longer exists instead of looking mistyped.

A project is *touched* when it changes (``projects.updated``: any write, by any editor) or when a share link
opens it (``projects.opened``, recorded to the hour); retention counts from the later of the two. The setting is
``JOURNEY_LENS_RETENTION_DAYS`` (a whole number of days; unset, empty or 0: keep projects until deleted); each
app server process applies it in the background (:mod:`analysis.store.sweeper`), ``python -m analysis purge`` on
demand.
"""
from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

from sqlalchemy import Connection, MetaData, Table, func, or_, select

from analysis.errors import InputError, quoted
from analysis.messages import Message, say
from analysis.store.records import Removal, project_record

RETENTION_VARIABLE = "JOURNEY_LENS_RETENTION_DAYS"
REASONS = ("deleted", "expired")
_SHOWN_FIRST = ("datasets", "settings", "classifiers", "views", "pins", "notes", "links")


def held_tables(tables: MetaData) -> list[Table]:
    """Every table that holds rows of a project (it has a ``project_id`` column): the files first, links last."""
    def place(table: Table) -> tuple[int, str]:
        return (_SHOWN_FIRST.index(table.name) if table.name in _SHOWN_FIRST else len(_SHOWN_FIRST), table.name)

    return sorted((table for table in tables.tables.values() if "project_id" in table.c), key=place)


def remove_project(connection: Connection, tables: MetaData, project_id: int, reason: str, stamp: str,
                   dry_run: bool = False) -> Removal | None:
    """Delete project ``project_id`` and every row that holds it, inside the caller's write transaction (its row is
    locked first, so two processes removing it take turns and the second finds nothing). Returns what was removed
    (with ``dry_run``: what would be, nothing changed), or None when there is no such project."""
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {REASONS}")
    projects = tables.tables["projects"]
    row = connection.execute(select(projects).where(projects.c.id == project_id).with_for_update()).first()
    if row is None:
        return None
    rows = {}
    for table in held_tables(tables):
        mine = table.c.project_id == project_id
        if dry_run:
            rows[table.name] = connection.execute(select(func.count()).select_from(table).where(mine)).scalar()
            continue
        if table.name == "links":
            _keep_link_hashes(connection, tables, project_id, reason, stamp)
        rows[table.name] = connection.execute(table.delete().where(mine)).rowcount
    if not dry_run:
        connection.execute(projects.delete().where(projects.c.id == project_id))
    return Removal(project_record(row), rows)


def held(rows: dict[str, int]) -> list[Message]:
    """What a removal took (or would take), from its ``rows`` by table, in words: "file versions: 3", ...; tables
    that held nothing are left out."""
    found = [say("store.held", what=say(f"store.table.{name}"), count=count) for name, count in rows.items() if count]
    return found or [say("store.held.nothing")]


def _keep_link_hashes(connection: Connection, tables: MetaData, project_id: int, reason: str, stamp: str) -> None:
    links = tables.tables["links"]
    hashes = connection.execute(select(links.c.token_hash).where(links.c.project_id == project_id)).scalars().all()
    if hashes:
        connection.execute(tables.tables["removed_links"].insert(),
                           [{"token_hash": digest, "reason": reason, "removed": stamp} for digest in hashes])


def untouched_since(connection: Connection, tables: MetaData, cutoff: str) -> list[int]:
    """The ids of projects neither changed nor opened since ``cutoff`` (a stored time), oldest first."""
    projects = tables.tables["projects"]
    query = select(projects.c.id).where(projects.c.updated < cutoff,
                                        or_(projects.c.opened.is_(None), projects.c.opened < cutoff))
    return list(connection.execute(query.order_by(projects.c.updated, projects.c.id)).scalars())


def cutoff(days: int, moment: datetime | None = None) -> str:
    """The stored time ``days`` days before ``moment`` (default: now)."""
    moment = moment or datetime.now(timezone.utc)
    return (moment - timedelta(days=days)).isoformat(timespec="microseconds")


def retention_days(value: str | None = None) -> int | None:
    """The retention in days from ``value`` (default: ``JOURNEY_LENS_RETENTION_DAYS``); None when unset, empty or
    0 (keep projects until deleted). Anything but a whole number of days from 0 up is InputError
    ``error.store.retention``."""
    value = os.environ.get(RETENTION_VARIABLE, "") if value is None else value
    if not value.strip():
        return None
    try:
        days = int(value.strip())
    except ValueError:
        days = -1
    if days < 0:
        raise InputError("error.store.retention", value=quoted(value), variable=RETENTION_VARIABLE)
    return days or None
