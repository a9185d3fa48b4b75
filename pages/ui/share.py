"""The session's project in the sidebar: its name, and for editors the share links, saved views and deleting the
project (with a confirm step); viewers see that the view is read-only and the project's saved views."""
from __future__ import annotations

from urllib.parse import urlencode, urlparse

import streamlit as st

from analysis.errors import InputError
from analysis.names import look_alike
from analysis.store.links import LINK_PARAM, link_url
from pages.ui import access, project, site
from pages.ui.text import plain, say, tr

_DELETED = "_project_deleted"  # the name of the project this session just deleted, for one toast


def sidebar() -> None:
    """The project's name (as the store has it), and the share popover for editors; a warning while the
    session's work cannot be saved."""
    deleted = st.session_state.pop(_DELETED, None)
    if deleted is not None:
        st.toast(tr("project.deleted", name=plain(deleted)), icon=":material/delete_forever:")
    unsaved = project.not_saved()
    if unsaved is not None:
        st.sidebar.warning(tr("project.not_saved", reason=plain(say(unsaved))), icon=":material/cloud_off:")
    found = project.current()
    if found is None:
        return
    with st.sidebar, project.saving(writes=False):
        st.caption(tr("project.name", name=plain(project.name())))
        if not access.editable():
            st.caption(tr("project.read_only"))
            saved_views(found)
            return
        with st.popover(tr("project.share"), icon=":material/share:", width="stretch"):
            share_links(found)
            save_view_form()
        saved_views(found)
        delete_form()


def share_links(found: dict) -> None:
    """The view link (the current page and filters, read-only) and the edit link, with new / revoke view link.

    The store keeps only a fingerprint of each token, so a view link can be shown only in the session that
    made it; any other session is told whether one exists and can make a new one."""
    st.markdown(tr("project.share_help"))
    token = found.get("view_token")
    issued = bool(token) or project.handle().links()["view"] is not None
    if token:
        st.code(link_url(token, project.base_url()) + _view_params(), language=None, wrap_lines=True)
    else:
        st.caption(tr("project.view_link_unknown" if issued else "project.view_link_none"))
    left, right = st.columns(2)
    left.button(tr("project.new_view_link") if issued else tr("project.create_view_link"), on_click=_new_view_link,
                key="project_new_view", type="secondary")
    right.button(tr("project.revoke_view_link"), on_click=_revoke_view_link, key="project_revoke_view",
                 type="tertiary", disabled=not token)
    st.markdown(tr("project.edit_link"))
    st.code(link_url(found["token"], project.base_url()), language=None, wrap_lines=True)


def save_view_form() -> None:
    """Name the current page and filters and keep them in the project as a saved view."""
    st.text_input(tr("project.view_name"), key="project_view_name", max_chars=80)
    st.button(tr("project.save_view"), key="project_save_view", icon=":material/bookmark_add:", on_click=_save_view)


def _save_view() -> None:
    name = st.session_state.get("project_view_name", "").strip()
    if not name:
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params if key != LINK_PARAM}
    with project.saving():
        opened = project.handle()
        others = [view.name for view in opened.views()]
        try:
            saved = opened.save_view(name, site.shown(), params)
        except InputError as err:
            st.toast(plain(say(err.message)), icon=":material/block:")
            return
        st.session_state["project_view_name"] = ""
        st.toast(tr("project.view_saved", name=plain(saved.name)), icon=":material/bookmark:")
        alike = look_alike(saved.name, others)
        if alike:
            st.toast(tr("project.view_alike", other=plain(alike)), icon=":material/warning:")


def saved_views(found: dict) -> None:
    """The project's saved views as links (opened with this session's own link, so a viewer stays a viewer); a
    view's name is plain text and its address is built here from the stored page and parameters."""
    views = project.handle().views()
    if not views:
        return
    base = project.base_url()
    origin = base.rsplit("/", 1)[0] if urlparse(base).path.strip("/") else base.rstrip("/")
    with st.expander(tr("project.saved_views"), icon=":material/bookmarks:"):
        for view in views:
            page = view.page if view.page in site.NAMES and view.page != "data" else ""
            pairs = [(LINK_PARAM, found["token"])] + [(key, value) for key, values in view.params.items()
                                                      for value in values]
            st.link_button(plain(view.name), f"{origin}/{page}?{urlencode(pairs)}", type="tertiary",
                           icon=":material/bookmark:")


def delete_form() -> None:
    """Delete the project for everyone: what goes, a box to tick, then the button (editors only)."""
    with st.popover(tr("project.delete"), icon=":material/delete:", width="stretch"):
        st.caption(tr("project.delete_help"))
        st.checkbox(tr("project.delete_confirm", name=plain(project.name())), key="project_delete_confirm")
        st.button(tr("project.delete_button"), key="project_delete", type="primary", icon=":material/delete_forever:",
                  disabled=not st.session_state.get("project_delete_confirm"), on_click=_delete_project)


def _delete_project() -> None:
    with project.saving():
        st.session_state[_DELETED] = project.delete()


def _view_params() -> str:
    """The current view's query parameters besides the project token, so the link opens this view."""
    pairs = [(key, value) for key in st.query_params if key != LINK_PARAM for value in st.query_params.get_all(key)]
    return "&" + urlencode(pairs) if pairs else ""


def _new_view_link() -> None:
    with project.saving():
        project.current()["view_token"] = project.handle().regenerate("view")


def _revoke_view_link() -> None:
    with project.saving():
        project.handle().revoke("view")
        project.current()["view_token"] = None
