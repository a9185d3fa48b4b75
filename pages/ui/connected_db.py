"""A big event log in a database the server allows (:mod:`analysis.behaviour.engine.databases`), in place of an
upload: its figures are queries in that database, through the same layer the command line uses
(:mod:`analysis.behaviour.engine.remote`); the log never enters the Python process.

Only editors see the control, and only when the server lists databases (``JOURNEY_LENS_LOG_DATABASES``). They choose
one of the listed NAMES and a table (the database's tables are offered on request). The project keeps the name and
the table only (:mod:`pages.ui.kept`), so a view link shows the same figures while the server still allows that name,
and says so when it no longer does. The URL stays in the server's environment: the library looks it up by name when
a query runs, and this module never reads, shows, keeps or logs it. Figures are kept (cached) for at most
:data:`FRESH_S` seconds: a table that grows is measured again after that.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

import streamlit as st

from analysis.behaviour.engine import databases
from analysis.errors import InputError
from pages.ui import access, kept, text
from pages.ui.text import plain, tr

LOG_DATABASE = kept.feature("behaviour_log_database")  # {"database": NAME, "table": TABLE}
ITEM = "log"
NAME_KEY = "behaviour_db_name"
TABLE_KEY = "behaviour_db_table"
PICK_KEY = "behaviour_db_pick"
_LISTED = "_behaviour_db_tables"  # session state: NAME -> the tables listed for it
FRESH_S = 600


@dataclass(frozen=True)
class InDatabase:
    """The connected table as the page's files: ``database`` the server's name for it, ``table`` the table, and
    ``version`` the :data:`FRESH_S`-second window the figures belong to (for cache keys)."""

    database: str
    table: str
    version: int = 0

    @property
    def name(self) -> str:
        """What the engine names its source: the table."""
        return self.table

    @property
    def digest(self) -> str:
        """A key of the database name and table (the settings stay with them)."""
        return hashlib.sha256(f"database:{self.database}/{self.table}".encode()).hexdigest()


def allowed() -> bool:
    """Whether this server lists databases for logs (a bad list is reported in the control)."""
    return databases.configured()


def current() -> InDatabase | None:
    """The table kept for this project, its database still allowed (raises ``InputError`` when it is not); None when
    no table is connected."""
    chosen = LOG_DATABASE.get(ITEM)
    if not chosen:
        return None
    databases.url_of(chosen["database"])
    return InDatabase(chosen["database"], chosen["table"], int(time.time() // FRESH_S))


def control() -> None:
    """Editors: a database the server allows, a table (the database's own listed on request) and a button that
    connects it, checked first by reading the table's first rows (the reason when it cannot be)."""
    if not access.editable() or not allowed():
        return
    with st.expander(tr("behaviour.connect_db"), icon=":material/database:"):
        try:
            names = databases.names()
        except InputError as err:
            text.show_error(err)
            return
        st.caption(tr("behaviour.connect_db_help"))
        name = st.selectbox(tr("behaviour.connect_db_name"), names, key=NAME_KEY)
        listed = st.session_state.setdefault(_LISTED, {})
        if listed.get(name):
            st.selectbox(tr("behaviour.connect_db_tables"), listed[name], key=PICK_KEY, index=None,
                         on_change=_picked, placeholder=tr("behaviour.connect_db_pick"))
        st.text_input(tr("behaviour.connect_db_table"), key=TABLE_KEY, placeholder="web_events")
        with st.container(horizontal=True):
            connect = st.button(tr("behaviour.connect_button"), key="behaviour_db_connect", icon=":material/link:")
            listing = st.button(tr("behaviour.connect_db_list"), key="behaviour_db_list", type="tertiary",
                                icon=":material/table_rows:")
        try:
            if listing:
                with st.spinner(tr("behaviour.connect_db_listing", name=plain(name))):
                    listed[name] = databases.tables(name)
                st.rerun()
            if connect:
                table = databases.checked_table(name, st.session_state.get(TABLE_KEY) or "")
                with st.spinner(tr("behaviour.connect_db_checking", name=plain(name), table=plain(table))):
                    databases.head(name, table)
                LOG_DATABASE.put(ITEM, {"database": name, "table": table})
                st.rerun()
        except InputError as err:
            text.show_error(err)


def _picked() -> None:
    """A table picked from the database's list becomes the table to connect."""
    st.session_state[TABLE_KEY] = st.session_state.get(PICK_KEY) or ""


def shown(log: InDatabase) -> None:
    """What is connected: the database's name and the table (never its address)."""
    st.caption(tr("behaviour.connected_db", table=plain(log.table), name=plain(log.database)))


def forget() -> None:
    """Forget the connected table (uploads are used again)."""
    LOG_DATABASE.drop(ITEM)
