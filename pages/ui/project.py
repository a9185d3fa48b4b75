"""The project behind a session: which one it is, with what rights, and the store handle to it.

Uploading a file creates a project in the store (:mod:`analysis.store`; ``JOURNEY_LENS_STORE``) and puts
its edit token in the URL (``?project=TOKEN``), so a refresh, a new tab or a server restart reopens it. A
view token opens the same project read-only: the shell then switches every data-changing control off
(:mod:`pages.ui.access`) and the store refuses any write. An unknown or revoked token stops the page with a
friendly message and no data; a link of a deleted project says the project no longer exists. Opening another
project starts the session clean. An editor can delete the project (:func:`delete`); the retention setting
(``JOURNEY_LENS_RETENTION_DAYS``) is applied in the background of each server process, never by a session
(:mod:`analysis.store.sweeper`).

This module knows nothing of the features: what they keep is written and read back by
:mod:`pages.ui.kept`.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import timedelta
from typing import Iterator, MutableMapping

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.messages import Message
from analysis.names import visible
from analysis.store import engines, open_store
from analysis.store.links import LINK_PARAM
from pages.ui.text import LANG_KEY, plain, say, tr

_LOG = logging.getLogger(__name__)
_PROJECT = "_project"  # {"id", "role", "token", "view_token"} of the session's project
_UNSAVED = "_project_unsaved"  # why the last write to the store failed (a Message), until one succeeds
_KEEP_ON_SWITCH = (LANG_KEY,)  # what a session keeps when it opens another project
STORE_FAILURES = {"error.store.failed", "error.store.unreachable", "error.store.newer_schema"}


@st.cache_resource(show_spinner=False)
def store():
    """The store (one engine pool per process; no user data lives in this object)."""
    return open_store()


def current(state: MutableMapping | None = None) -> dict | None:
    """The session's project: ``id``, ``role`` ("edit" or "view"), ``token`` (and the ``view_token`` once one
    was issued in this session); None before any upload."""
    return (st.session_state if state is None else state).get(_PROJECT)


def current_id(state: MutableMapping | None = None) -> int | None:
    """The id of the session's project, or None."""
    found = current(state)
    return None if found is None else found["id"]


def can_edit() -> bool:
    """Whether this session may change the project (no project yet, or opened with the edit link)."""
    found = current()
    return found is None or found["role"] == "edit"


def handle():
    """The store's handle on the session's project, with the rights of its link (None without a project)."""
    found = current()
    if found is None:
        return None
    opened = store().open_by_token(found["token"])
    if opened is None:  # revoked or deleted while the session was open
        forget()
        stop_on_bad_link(found["token"])
    return opened


def name() -> str | None:
    """The name of the session's project, as the store has it now (None without a project)."""
    opened = handle()
    return None if opened is None else opened.info().name


def delete() -> str:
    """Delete the session's project and everything it holds (the store refuses a view link), then leave it: the
    session starts clean on the sample. Returns the project's name."""
    removal = handle().delete()
    forget()
    return removal.project.name


def forget() -> None:
    """Leave the project: the session starts clean on the bundled sample."""
    _start_clean()
    if LINK_PARAM in st.query_params:
        del st.query_params[LINK_PARAM]


def _start_clean() -> None:
    """Forget everything the session holds but its language (another project's files, settings and widgets)."""
    for key in [key for key in st.session_state if key not in _KEEP_ON_SWITCH]:
        del st.session_state[key]


@contextmanager
def saving(writes: bool = True) -> Iterator[None]:
    """Work with the project's store: when it cannot be used (damaged, read-only, full, gone), the cause is
    logged and kept for the sidebar's one sentence, and the session goes on with its work in the browser tab.
    A write that succeeds (``writes``) clears the sentence."""
    try:
        yield
    except InputError as err:
        if err.message.code not in STORE_FAILURES:
            raise
        _LOG.warning("the project could not be saved: %s", err)
        st.session_state[_UNSAVED] = err.message
    else:
        if writes:
            st.session_state.pop(_UNSAVED, None)


@contextmanager
def transaction() -> Iterator[None]:
    """Writes to the store all or nothing; a project created inside is forgotten by the session when they fail."""
    before = current()
    try:
        with engines.one_transaction(store().engine):
            yield
    except Exception:
        if before is None and current() is not None:
            st.session_state.pop(_PROJECT, None)
            if LINK_PARAM in st.query_params:
                del st.query_params[LINK_PARAM]
        raise


def not_saved() -> Message | None:
    """Why the session's work could not be saved to the project (None when the last write succeeded)."""
    return st.session_state.get(_UNSAVED)


def stop_on_bad_link(token: str | None = None) -> None:
    """The friendly page for a link that opens nothing: no data, a way back to the sample. A link of a deleted
    project says the project no longer exists, and when and why it went; any other (unknown, mistyped, revoked)
    says the link does not open a project."""
    removed = _removal(token)
    if removed is None:
        st.title(tr("project.bad_link.title"))
        st.info(tr("project.bad_link"), icon=":material/link_off:")
    else:
        day = f"{removed.removed:%Y-%m-%d}"
        st.title(tr("project.gone.title"))
        st.info(tr("project.gone.expired", date=day) if removed.reason == "expired"
                else tr("project.gone.deleted", date=day), icon=":material/delete_forever:")
    st.link_button(tr("project.bad_link.start"), url=base_url(), icon=":material/home:")
    st.stop()


def _removal(token: str | None):
    """Why the project of ``token`` was removed, or None (no token, not a deleted project's, or no store)."""
    if token is None:
        return None
    try:
        return store().removal(token)
    except InputError:
        return None


def _stop_on_store(err: InputError) -> None:
    """The page for a link whose project's store cannot be opened: the reason, no data, a way back."""
    _LOG.warning("the project store could not be opened: %s", err)
    st.title(tr("project.store_down.title"))
    st.error(tr("project.store_down", reason=plain(say(err.message))), icon=":material/database:")
    st.link_button(tr("project.bad_link.start"), url=base_url(), icon=":material/home:")
    st.stop()


def open_from_link():
    """On every run: open the project the URL's token names, or put the session's token back in the URL (page
    switches drop it). Returns the store handle when this run opened a project (its kept settings are then
    read back by the caller), else None."""
    token = st.query_params.get(LINK_PARAM)
    found = current()
    if found is not None and (token is None or token == found["token"]):
        if token is None:
            st.query_params[LINK_PARAM] = found["token"]
        return None
    if token is None:
        return None
    try:
        opened = store().open_by_token(token)
    except InputError as err:
        if err.message.code in STORE_FAILURES:
            _stop_on_store(err)
        opened = None
    if opened is None:
        stop_on_bad_link(token)
    if found is not None:
        _start_clean()
    st.session_state[_PROJECT] = {"id": opened.project_id, "role": opened.role, "token": token}
    return opened


@st.fragment(run_every=timedelta(hours=6))
def rerun_after_reconnect() -> None:
    """Draws nothing; called on every run so that a browser whose app process died reopens its project at once.

    The session's project lives in ``st.session_state`` and in the URL, and a click in the sidebar's navigation
    sends no query string (the session puts its token back, :func:`open_from_link`). When the process dies, the
    browser reconnects (through the proxy) to another process, which starts a fresh session with nothing in it;
    Streamlit's browser code runs the script on such a reconnection, with the page's URL and so its token, only
    when the app has a fragment that reruns on a timer. Without one the new session first ran on the next sidebar
    click, without the token, and opened the sample. This is that fragment (its timer, every six hours, costs an
    empty run)."""


def ensure(file_name: str):
    """The session's project, created (named after ``file_name`` and the time, with its edit link) when there
    is none; the read-only view link is issued when the analyst asks for one."""
    if current() is None:
        created = _new_project(file_name)
        token = created.regenerate("edit")
        st.session_state[_PROJECT] = {"id": created.project_id, "role": "edit", "token": token}
        st.query_params[LINK_PARAM] = token
    return handle()


def _new_project(file_name: str):
    """A new project named after the file and the time (a number added if that name is taken)."""
    base = f"{visible(file_name)[:150]} · {pd.Timestamp.now(tz='UTC'):%Y-%m-%d %H:%M}"
    for attempt in range(1, 100):
        try:
            return store().create_project(base if attempt == 1 else f"{base} ({attempt})")
        except InputError as err:
            if err.message.code != "error.store.project_exists":
                raise
    raise InputError("error.store.project_exists", project=base)


def base_url() -> str:
    """The app's address as the browser sees it (scheme, host and path, without the query)."""
    url = st.context.url or "http://localhost:8501"
    return url.split("?", 1)[0]
