"""A big event log connected by path on the server, in place of an upload (:mod:`analysis.behaviour.engine.located`).

Only editors see the control, and only when the server allows folders (``JOURNEY_LENS_LOG_ROOTS``); the chosen
path is kept in the project (:mod:`pages.ui.kept`), so a view link shows the same log, read again from the server
and checked again against the server's limits. A viewer never chooses a path.

Checking a folder of daily files means resolving and opening each of up to 1,000 files, too slow for every run of
the page: the check is kept per path and limits while the folder (and the folder holding it) is unchanged, for
:data:`CHECK_TTL_S` seconds at most. Adding, removing, renaming or replacing a file changes its folder's time and
so checks it again, and the files are always checked again, uncached, right before they are read
(:func:`checked`): a file swapped for a symlink that leads outside the allowed folders is refused.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import streamlit as st

from analysis.behaviour.engine.located import Limits, LocatedLog, limits, locate
from analysis.errors import InputError
from pages.ui import access, connected_db, kept, text
from pages.ui.connected_db import InDatabase
from pages.ui.text import plain, tr

LOG_PATH = kept.feature("behaviour_log_path")
ITEM = "log"
INPUT_KEY = "behaviour_log_path_input"
CHECK_TTL_S = 60


@dataclass(frozen=True)
class Connected:
    """The connected log as the page's files: ``name`` the path as chosen, ``digest`` a key of the path (the
    settings stay with the path when daily files are added), ``located`` its files."""

    name: str
    digest: str
    located: LocatedLog

    @cached_property
    def version(self) -> tuple:
        """Changes when a file of the log is added, removed or rewritten (for cache keys); read once per run."""
        return self.located.version()

    def checked(self) -> LocatedLog:
        """The log's files checked against the server's limits now, not from the cache (raises ``InputError``):
        what reads the files calls this right before reading them."""
        return locate(self.name, limits())


def allowed() -> bool:
    """Whether this server lets a log be connected by path."""
    return bool(limits().roots)


def current() -> Connected | InDatabase | None:
    """The log kept for this project: a table in a database the server allows (:mod:`pages.ui.connected_db`), or a
    path checked against the server's limits now (raises ``InputError`` when the database is no longer allowed or
    the path fails a check); None when no log is connected or connecting is off."""
    in_database = connected_db.current()
    if in_database is not None:
        return in_database
    path = LOG_PATH.get(ITEM)
    if not path:
        return None
    allowed = limits()
    located = _located(path, allowed, _stamp(path, allowed))
    return Connected(path, hashlib.sha256(f"path:{path}".encode()).hexdigest(), located)


@st.cache_data(ttl=CHECK_TTL_S, max_entries=64, show_spinner=False)
def _located(path: str, allowed: Limits, stamp: tuple) -> LocatedLog:
    """:func:`locate`, kept while ``stamp`` (the state of the path's folders) is the same (a refusal is not kept)."""
    return locate(path, allowed)


def _stamp(path: str, allowed: Limits) -> tuple:
    """The identity and times of ``path`` (as :func:`locate` reads it) and of its parent folder, not following a
    symlink: any entry added, removed, renamed or replaced there changes it."""
    given = Path(path.strip()).expanduser()
    if allowed.roots and not given.is_absolute():
        given = allowed.roots[0] / given
    found = []
    for entry in (given, given.parent):
        try:
            info = os.lstat(entry)
        except OSError:
            found.append(None)
            continue
        found.append((info.st_dev, info.st_ino, info.st_mode, info.st_mtime_ns, info.st_ctime_ns))
    return tuple(found)


def control() -> None:
    """Editors: a path under an allowed folder and a button that connects it (the reason when it cannot be), and a
    table in a database the server allows (:func:`pages.ui.connected_db.control`)."""
    if access.editable() and allowed():
        path_control()
    connected_db.control()


def path_control() -> None:
    """A path under an allowed folder and a button that connects it (the reason when it cannot be)."""
    with st.expander(tr("behaviour.connect"), icon=":material/dns:"):
        st.caption(tr("behaviour.connect_help", roots=text.listed(plain(str(root)) for root in limits().roots)))
        st.text_input(tr("behaviour.connect_path"), key=INPUT_KEY, placeholder="/data/logs/2025-06")
        if st.button(tr("behaviour.connect_button"), key="behaviour_connect", icon=":material/link:"):
            chosen = st.session_state.get(INPUT_KEY, "")
            try:
                locate(chosen, limits())
            except InputError as err:
                text.show_error(err)
                return
            LOG_PATH.put(ITEM, chosen.strip())
            st.rerun()


def counted(located: LocatedLog) -> dict[str, str]:
    """A log's files and megabytes as the page's sentences write them (``files``, ``mb``)."""
    return {"files": f"{len(located.files):,}", "mb": f"{located.size / 1024 ** 2:,.1f}"}


def shown(log: Connected | InDatabase) -> None:
    """What is connected (path, files, size; or database name and table) and, for editors, the button that goes
    back to uploads."""
    if isinstance(log, InDatabase):
        connected_db.shown(log)
    else:
        st.caption(tr("behaviour.connected", path=plain(log.name), **counted(log.located)))
    disconnect_button()


def disconnect_button() -> None:
    """Editors: forget the connected log (uploads are used again)."""
    if access.editable():
        st.button(tr("behaviour.disconnect"), key="behaviour_disconnect", type="tertiary", icon=":material/link_off:",
                  on_click=disconnect)


def disconnect() -> None:
    """Forget the connected log, a path or a table."""
    LOG_PATH.drop(ITEM)
    connected_db.forget()
