"""A big event log connected by path on the server, in place of an upload (:mod:`analysis.behaviour.engine.located`).

Only editors see the control, and only when the server allows folders (``JOURNEY_LENS_LOG_ROOTS``); the chosen
path is kept in the project (:mod:`pages.ui.kept`), so a view link shows the same log, read again from the server
and checked again against the server's limits. A viewer never chooses a path.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import streamlit as st

from analysis.behaviour.engine.located import LocatedLog, limits, locate
from analysis.errors import InputError
from pages.ui import access, kept, text
from pages.ui.text import plain, tr

LOG_PATH = kept.feature("behaviour_log_path")
ITEM = "log"
INPUT_KEY = "behaviour_log_path_input"


@dataclass(frozen=True)
class Connected:
    """The connected log as the page's files: ``name`` the path as chosen, ``digest`` a key of the path (the
    settings stay with the path when daily files are added), ``located`` its files."""

    name: str
    digest: str
    located: LocatedLog

    @property
    def version(self) -> tuple:
        """Changes when a file of the log is added, removed or rewritten (for cache keys)."""
        return self.located.version()


def allowed() -> bool:
    """Whether this server lets a log be connected by path."""
    return bool(limits().roots)


def current() -> Connected | None:
    """The log kept for this project, checked against the server's limits now (raises ``InputError``); None when
    no log is connected or connecting is off."""
    path = LOG_PATH.get(ITEM)
    if not path:
        return None
    located = locate(path, limits())
    return Connected(path, hashlib.sha256(f"path:{path}".encode()).hexdigest(), located)


def control() -> None:
    """Editors: a path under an allowed folder and a button that connects it (the reason when it cannot be)."""
    if not access.editable() or not allowed():
        return
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


def shown(log: Connected) -> None:
    """What is connected (path, files, size) and, for editors, the button that goes back to uploads."""
    st.caption(tr("behaviour.connected", path=plain(log.name), files=f"{len(log.located.files):,}",
                  mb=f"{log.located.size / 1024 ** 2:,.1f}"))
    disconnect_button()


def disconnect_button() -> None:
    """Editors: forget the connected log (uploads are used again)."""
    if access.editable():
        st.button(tr("behaviour.disconnect"), key="behaviour_disconnect", type="tertiary", icon=":material/link_off:",
                  on_click=LOG_PATH.drop, args=(ITEM,))
