"""The project behind a session: the uploads and settings that outlive a refresh, and its share links.

Uploading a file creates a project in the store (:mod:`analysis.store`; ``JOURNEY_LENS_STORE``) or
adds a dataset version to the session's project, and puts the project's edit token in the URL
(``?project=TOKEN``), so a refresh, a new tab or a server restart reopens it. A view token opens
the same project read-only: the pages hide their editing controls (:func:`can_edit`) and the store
refuses any write. An unknown or revoked token stops the page with a friendly message and no data.

What the analyst sets (column roles and labels, stage maps, persona settings and names, sentiment
keywords, the frequent-buyer threshold) lives in ``st.session_state``; :func:`persist` writes what
changed to the project on every run, and opening the project puts it back.
"""
from __future__ import annotations

import io
import json
from urllib.parse import urlencode, urlparse
from dataclasses import asdict

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.store import open_store
from analysis.store.frames import export_details
from analysis.store.links import LINK_PARAM, link_url
from pages.ui.text import plain, tr

_PROJECT = "_project"  # {"id", "role", "token", "name", "view_token"} of the session's project
_SAVED = "_project_saved"  # what persist() last wrote, by setting key (JSON text)


# The store and the session's project ------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def store():
    """The store (one engine pool per process; no user data lives in this object)."""
    return open_store()


def current() -> dict | None:
    """The session's project: ``id``, ``role`` (edit / view), ``token``, ``name``; None before any upload."""
    return st.session_state.get(_PROJECT)


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
    if opened is None:  # revoked while the session was open
        forget()
        stop_on_bad_link()
    return opened


def forget() -> None:
    """Leave the project: the session goes back to the bundled sample."""
    st.session_state.pop(_PROJECT, None)
    st.session_state.pop(_SAVED, None)
    st.session_state.pop("sources", None)
    if LINK_PARAM in st.query_params:
        del st.query_params[LINK_PARAM]


def stop_on_bad_link() -> None:
    """The friendly page for an unknown, mistyped or revoked link: no data, a way back to the sample."""
    st.title(tr("project.bad_link.title"))
    st.info(tr("project.bad_link"), icon=":material/link_off:")
    st.link_button(tr("project.bad_link.start"), url=base_url(), icon=":material/home:")
    st.stop()


# Opening a project from its link ------------------------------------------------------------------------

def open_from_link() -> None:
    """On every run: open the project the URL's token names (once per session), or put the session's token
    back in the URL (page switches drop it)."""
    token = st.query_params.get(LINK_PARAM)
    found = current()
    if found is not None and (token is None or token == found["token"]):
        if token is None:
            st.query_params[LINK_PARAM] = found["token"]
        return
    if token is None:
        return
    try:
        opened = store().open_by_token(token)
    except InputError:
        opened = None
    if opened is None:
        stop_on_bad_link()
    info = opened.info()
    st.session_state[_PROJECT] = {"id": info.id, "role": opened.role, "token": token, "name": info.name}
    restore(opened)


def restore(opened) -> None:
    """Put the project's files and settings into the session."""
    from pages.ui.state import stored_source

    in_use = opened.setting("sources")
    sources = {}
    for kind in ("survey", "feedback"):
        versions = {item.version: item for item in opened.datasets(kind)}
        chosen = in_use.get(kind) if isinstance(in_use, dict) else max(versions, default=None)
        if chosen in versions:
            sources[kind] = stored_source(opened, versions[chosen])
    st.session_state["sources"] = sources
    logs = opened.setting("behaviour_files") or []
    versions = {item.version: item for item in opened.datasets("events")}
    st.session_state["behaviour_sources"] = tuple(stored_source(opened, versions[v]) for v in logs if v in versions)
    saved = {}
    for key, value in opened.settings().items():
        if key in SETTINGS:
            SETTINGS[key][1](value)
            saved[key] = json.dumps(value, sort_keys=True, ensure_ascii=False)
    st.session_state[_SAVED] = saved


# Uploads ------------------------------------------------------------------------------------------------

def add_upload(kind: str, name: str, data: bytes, export):
    """Keep an uploaded file in the project (a new one, named after the file, when the session has none);
    returns what the store added (None for a viewer)."""
    if not can_edit():
        return None
    return ensure(name).add_dataset(export.frame, name, kind, source=data, details=export_details(export))


def ensure(name: str):
    """The session's project, created (named after ``name`` and the time, with both links) when there is none."""
    if current() is None:
        created = _new_project(name)
        issued = created.create_links()
        st.session_state[_PROJECT] = {"id": created.project_id, "role": "edit", "token": issued.edit,
                                      "name": created.info().name, "view_token": issued.view}
        st.session_state[_SAVED] = {}
        st.query_params[LINK_PARAM] = issued.edit
    return handle()


def _new_project(file_name: str):
    """A new project named after the file and the time (a number added if that name is taken)."""
    base = f"{file_name[:150]} · {pd.Timestamp.now(tz='UTC'):%Y-%m-%d %H:%M}"
    for attempt in range(1, 100):
        try:
            return store().create_project(base if attempt == 1 else f"{base} ({attempt})")
        except InputError as err:
            if err.message.code != "error.store.project_exists":
                raise
    raise InputError("error.store.project_exists", project=base)


# The insight notebook ---------------------------------------------------------------------------------------

def pin(kind: str, title: str, payload: dict, note_key: str) -> None:
    """Button callback: pin a chart or table, with the note typed beside it, to the project's report (noting the
    page it was pinned on)."""
    from analysis.pins import Pin
    from pages.ui.state import source
    from pages.ui.text import lang

    note = st.session_state.get(note_key, "").strip()
    where = urlparse(st.context.url or "").path.strip("/").split("/")[-1] or "data"
    ensure(source("survey").name).add_pin(Pin(kind, title, payload, note, where, lang()))
    st.session_state[note_key] = ""
    st.toast(tr("report.pinned"), icon=":material/push_pin:")


# Classifiers trained on the analyst's labels -----------------------------------------------------------------

_EXAMPLES_SEEN = "_project_examples_seen"


def keep_examples(name: str, texts: list, labels: list, column: str) -> None:
    """Keep the labelled examples a classifier was trained on in the project (editors; nothing without a project):
    they, not a pickled model, are stored, and a new session trains the classifier again from them."""
    if current() is None or not can_edit():
        return
    data = json.dumps({"texts": [str(t) for t in texts], "labels": [str(label) for label in labels]},
                      ensure_ascii=False).encode("utf-8")
    handle().save_classifier(name, data, {"column": column, "examples": len(texts)})
    st.session_state.setdefault(_EXAMPLES_SEEN, set()).add(name)


def examples(name: str) -> dict | None:
    """The labelled examples kept in the project under ``name`` (``texts``, ``labels``, ``column``), once per
    session: None when there are none or they were already handed out."""
    seen = st.session_state.setdefault(_EXAMPLES_SEEN, set())
    if current() is None or name in seen:
        return None
    seen.add(name)
    found = handle().classifier(name)
    if found is None:
        return None
    return {**json.loads(found.model.decode("utf-8")), "column": found.meta.get("column", "")}


# Settings that outlive the session ----------------------------------------------------------------------

def _mappings_out(value: dict) -> dict:
    return {digest: json.loads(frame.to_json(orient="split", date_format="iso")) for digest, frame in value.items()}


def _mappings_in(value: dict) -> None:
    st.session_state["mappings"] = {digest: pd.read_json(io.StringIO(json.dumps(frame)), orient="split", dtype=False)
                                    for digest, frame in value.items()}


def _personas_out(value: dict) -> dict:
    return {digest: asdict(settings) for digest, settings in value.items()}


def _personas_in(value: dict) -> None:
    from pages.ui.persona_settings import Settings

    st.session_state["personas_settings"] = {
        digest: Settings(**{**kept, "features": tuple(kept["features"]) if kept["features"] else None})
        for digest, kept in value.items()}


def _names_out() -> dict:
    return {key: {str(persona): name for persona, name in names.items()}
            for key, names in st.session_state.items() if str(key).startswith("personas_names_")
            and isinstance(names, dict)}


def _names_in(value: dict) -> None:
    for key, names in value.items():
        st.session_state[key] = {int(persona): name for persona, name in names.items()}


def _prefixed_out(prefix: str):
    return lambda: {key: value for key, value in st.session_state.items() if str(key).startswith(prefix)
                    and value is not None}


def _prefixed_in(value: dict) -> None:
    for key, kept in value.items():
        st.session_state[key] = kept


def _plain(key: str):
    return lambda: st.session_state.get(key)


def _plain_in(key: str):
    return lambda value: st.session_state.__setitem__(key, value)


# setting key -> (read it from the session as JSON data, or None; put it back into the session)
def _behaviour_settings_in(value: dict) -> None:
    from pages.ui.behaviour import Settings

    st.session_state["behaviour_settings"] = {
        key: Settings(**{name: tuple(item) if isinstance(item, list) else item for name, item in kept.items()})
        for key, kept in value.items()}


SETTINGS = {
    "behaviour_files": (lambda: [src.version for src in st.session_state.get("behaviour_sources", ())
                                 if src.version is not None], lambda value: None),  # read by restore() itself
    "behaviour_settings": (lambda: {key: asdict(kept) for key, kept in
                                    st.session_state.get("behaviour_settings", {}).items()}, _behaviour_settings_in),
    "behaviour_rules": (lambda: {key: [list(rule) for rule in rules] for key, rules in
                                 st.session_state.get("behaviour_rules", {}).items()},
                        lambda value: st.session_state.__setitem__(
                            "behaviour_rules", {key: [tuple(rule) for rule in rules] for key, rules in value.items()})),
    "sources": (lambda: {kind: src.version for kind, src in st.session_state.get("sources", {}).items()},
                lambda value: None),  # read by restore() itself
    "mappings": (lambda: _mappings_out(st.session_state.get("mappings", {})), _mappings_in),
    "stage_maps": (_plain("stage_maps"), _plain_in("stage_maps")),
    "personas": (lambda: _personas_out(st.session_state.get("personas_settings", {})), _personas_in),
    "persona_names": (_names_out, _names_in),
    "touchpoint_keywords": (_plain("touchpoint_keywords"), _plain_in("touchpoint_keywords")),
    "frequent_buyers": (_prefixed_out("customers_frequent_above_"), _prefixed_in),
}


def persist() -> None:
    """Write the settings that changed since the last write to the session's project (editors only)."""
    found = current()
    if found is None or found["role"] != "edit":
        return
    saved = st.session_state.setdefault(_SAVED, {})
    changed = {}
    for key, (read, _) in SETTINGS.items():
        value = read()
        if not value:
            value = {}
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        if saved.get(key, json.dumps({})) != text:
            changed[key] = (value, text)
    if not changed:
        return
    opened = handle()
    for key, (value, text) in changed.items():
        opened.set_setting(key, json.loads(text))
        saved[key] = text


# The project in the sidebar ------------------------------------------------------------------------------

def base_url() -> str:
    """The app's address as the browser sees it (scheme, host and path, without the query)."""
    url = st.context.url or "http://localhost:8501"
    return url.split("?", 1)[0]


def sidebar() -> None:
    """The session's project in the sidebar: its name, and for editors the share links; viewers see that
    the view is read-only."""
    found = current()
    if found is None:
        return
    with st.sidebar:
        st.caption(tr("project.name", name=found["name"]))
        if found["role"] == "view":
            st.caption(tr("project.read_only"))
            saved_views(found)
            return
        with st.popover(tr("project.share"), icon=":material/share:", width="stretch"):
            share_links(found)
            save_view_form()
        saved_views(found)


def share_links(found: dict) -> None:
    """The view link (the current page and filters, read-only) and the edit link, with revoke / new link."""
    st.markdown(tr("project.share_help"))
    token = found.get("view_token")
    if token:
        st.code(link_url(token, base_url()) + _view_params(), language=None, wrap_lines=True)
    else:
        st.caption(tr("project.view_link_unknown"))
    left, right = st.columns(2)
    left.button(tr("project.new_view_link"), on_click=_new_view_link, key="project_new_view", type="secondary")
    right.button(tr("project.revoke_view_link"), on_click=_revoke_view_link, key="project_revoke_view",
                 type="tertiary", disabled=not token)
    st.markdown(tr("project.edit_link"))
    st.code(link_url(found["token"], base_url()), language=None, wrap_lines=True)


def save_view_form() -> None:
    """Name the current page and filters and keep them in the project as a saved view."""
    st.text_input(tr("project.view_name"), key="project_view_name", max_chars=80)
    st.button(tr("project.save_view"), key="project_save_view", icon=":material/bookmark_add:", on_click=_save_view)


def _save_view() -> None:
    name = st.session_state.get("project_view_name", "").strip()
    if not name:
        return
    page = urlparse(st.context.url or "").path.strip("/").split("/")[-1]
    params = {key: st.query_params.get_all(key) for key in st.query_params if key != LINK_PARAM}
    handle().save_view(name, page, params)
    st.session_state["project_view_name"] = ""
    st.toast(tr("project.view_saved", name=name), icon=":material/bookmark:")


def saved_views(found: dict) -> None:
    """The project's saved views as links (opened with this session's own link, so a viewer stays a viewer)."""
    views = handle().views()
    if not views:
        return
    origin = base_url().rsplit("/", 1)[0] if urlparse(base_url()).path.strip("/") else base_url().rstrip("/")
    lines = []
    for view in views:
        pairs = [(LINK_PARAM, found["token"])] + [(key, value) for key, values in view.params.items() for value in values]
        lines.append(f"- [{plain(view.name)}]({origin}/{view.page}?{urlencode(pairs)})")
    with st.expander(tr("project.saved_views"), icon=":material/bookmarks:"):
        st.markdown("\n".join(lines))


def _view_params() -> str:
    """The current view's query parameters besides the project token, so the link opens this view."""
    pairs = [(key, value) for key in st.query_params if key != LINK_PARAM for value in st.query_params.get_all(key)]
    return "&" + urlencode(pairs) if pairs else ""


def _new_view_link() -> None:
    found = current()
    found["view_token"] = handle().regenerate("view")


def _revoke_view_link() -> None:
    found = current()
    handle().revoke("view")
    found["view_token"] = None
