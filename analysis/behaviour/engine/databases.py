"""Event logs in a database the server allows, named by the server: tables analysed where they are (:mod:`.remote`).

The server's operator lists the databases with ``JOURNEY_LENS_LOG_DATABASES``: ``NAME=URL`` entries separated by
spaces or new lines, for example ``shop=postgresql://reader:secret@db.internal:5432/shop lake=spark://local[2]``.
A NAME is 1 to 40 letters, digits, ``_`` or ``-``, given once; a URL starts with ``postgresql://``,
``postgres://`` or ``spark://`` and holds no space (percent-encode one). Unset or blank: no database can be chosen.

Everywhere else a database is known by its NAME only. Its URL (which may hold a password) is looked up in the
environment when a query runs and never appears in a message, a result or anything kept: a failure names the
database and the table, and a connection failure gives no server reply (the reply may name the host or user).
Table names are checked to be plain identifiers (``table`` or ``schema.table``: letters, digits and ``_``) before
they reach the database, and PostgreSQL resolves them as a literal (``to_regclass``), never spliced as SQL: as
written first (a mixed-case table as listed), else as PostgreSQL folds an unquoted name.
"""
from __future__ import annotations

import os
import re

import pandas as pd

from analysis.behaviour.engine import remote
from analysis.behaviour.engine.measure import LogBehaviour
from analysis.errors import InputError, quoted
from analysis.messages import say

DATABASES_ENV = "JOURNEY_LENS_LOG_DATABASES"
NAME = re.compile(r"[A-Za-z0-9_-]{1,40}")
HEAD_ROWS = 50
CONNECT_TIMEOUT_S = 10  # a page waits at most this long for a PostgreSQL server that does not answer
TABLES_SHOWN = 500


def databases(env=None) -> dict[str, str]:
    """The databases the server allows, NAME -> URL, in the order listed (empty when the setting is unset).

    Raises
    ------
    InputError
        ``error.log_db.setting`` naming each bad entry by its place and name (never its URL): no ``=``, a bad or
        repeated name, or a URL of another kind.
    """
    env = os.environ if env is None else env
    found: dict[str, str] = {}
    bad = []
    for place, entry in enumerate(env.get(DATABASES_ENV, "").split(), start=1):
        name, equals, url = entry.partition("=")
        scheme = url.split("://", 1)[0].split("+", 1)[0].lower() if "://" in url else ""
        if not equals:
            bad.append(("no_name", place, ""))
        elif not NAME.fullmatch(name):
            bad.append(("bad_name", place, name[:40]))
        elif name in found:
            bad.append(("repeated", place, name))
        elif scheme not in remote.SCHEMES:
            bad.append(("bad_url", place, name))
        else:
            found[name] = url
    if bad:
        raise InputError("error.log_db.setting", setting=DATABASES_ENV,
                         entries=[say(f"error.log_db.entry.{kind}", place=place, name=quoted(name))
                                  for kind, place, name in bad])
    return found


def configured(env=None) -> bool:
    """Whether the server lists databases for logs at all (:data:`DATABASES_ENV` set, even badly: the control then
    says what is wrong with it)."""
    return bool((os.environ if env is None else env).get(DATABASES_ENV, "").strip())


def names(env=None) -> list[str]:
    """The names of the allowed databases (raises ``InputError`` for a bad setting, as :func:`databases`)."""
    return list(databases(env))


def url_of(name: str, env=None) -> str:
    """The URL of the database ``name`` (raises ``InputError`` ``error.log_db.not_allowed`` when the server no longer
    allows it, or for a bad setting)."""
    allowed = databases(env)
    if name not in allowed:
        raise InputError("error.log_db.not_allowed", name=quoted(name), setting=DATABASES_ENV)
    return allowed[name]


def checked_table(name: str, table: str) -> str:
    """``table`` stripped, when it is a plain table name (``table`` or ``schema.table``; raises ``InputError``)."""
    table = str(table).strip()
    if not remote.valid_table(table):
        raise InputError("error.log_db.table_name", name=quoted(name), table=quoted(table[:100]))
    return table


def connect(name: str, env=None) -> remote.Remote:
    """A connection to the database ``name``, its later errors naming it and the table, not the URL (raises
    ``InputError`` naming it, without the server's reply, when it cannot be reached)."""
    url = url_of(name, env)
    try:
        con = remote.connect(url, CONNECT_TIMEOUT_S)
    except InputError as err:
        if err.message.code == "error.behaviour.remote_package":
            raise InputError("error.log_db.package", name=quoted(name),
                             package=err.message.params["package"]) from None
        raise InputError("error.log_db.unreachable", name=quoted(name)) from None
    con.name = name
    return con


def tables(name: str, env=None) -> list[str]:
    """The tables (and views) of the database ``name`` a log can be read from, at most :data:`TABLES_SHOWN`
    (``schema.table`` outside PostgreSQL's ``public`` schema; names that are not plain identifiers left out)."""
    con = connect(name, env)
    try:
        found = con.tables()
    finally:
        con.close()
    return [table for table in found if remote.valid_table(table)][:TABLES_SHOWN]


def head(name: str, table: str, env=None) -> pd.DataFrame:
    """The first :data:`HEAD_ROWS` rows of ``table`` in the database ``name`` (its columns, for the settings)."""
    table = checked_table(name, table)
    con = connect(name, env)
    try:
        return con.execute(f"SELECT * FROM {con.source(table)} LIMIT {HEAD_ROWS}").df()
    finally:
        con.close()


def analyse_database(name: str, table: str, *args, env=None, **options) -> LogBehaviour:
    """The events of ``table`` in the database ``name`` analysed where they are, as
    :func:`analysis.behaviour.engine.remote.analyse_table` analyses them (same ``args`` and ``options``). The
    result holds the open connection: its further figures are queries in the database too.

    Raises
    ------
    InputError
        Naming the database and table (never the URL): not allowed, unreachable, no such table, unusable columns,
        or a query the database refused.
    """
    table = checked_table(name, table)
    return remote.analyse_table(connect(name, env), table, *args, **options)
