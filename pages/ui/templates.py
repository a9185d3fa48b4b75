"""Two helpers of the role editor: one word list for every column with the same answers, and mapping templates
saved in the project (by name), downloaded or uploaded as JSON, and applied to the next wave of a survey."""
from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from analysis.answer_sets import answer_label_sets, columns_to_share, share_words
from analysis.errors import InputError
from analysis.prepare import normalise_mapping
from analysis.templates import apply_template, make_template, read_template, template_json
from pages.ui import kept
from pages.ui.cache import cached
from pages.ui.files import Source, load
from pages.ui.mappings import detected_mapping, keep_mapping, mapping
from pages.ui.text import plain, say, tr

TEMPLATES = kept.feature("mapping_templates")  # item: a digest of the template's name; value: the template


def answer_labels(src: Source) -> dict:
    """Each column's word answers (see :func:`analysis.answer_sets.answer_labels`), kept with the file."""
    return cached(("answer_labels", src.digest, src.name), lambda: answer_label_sets(load(src).frame))


def share_offer(src: Source, prefix: str, current, edited_column: str | None) -> None:
    """A column picker and a button giving the columns answered like it its role, scale, direction and words;
    the column whose words were just edited is offered first."""
    labels = answer_labels(src)
    worded = current.loc[current["words"].astype(str).str.strip() != "", "column"].tolist()
    offers = {column: columns_to_share(current, labels, column) for column in worded}
    offers = {column: others for column, others in offers.items() if others}
    if not offers:
        return
    st.markdown(f"**{tr('data.share_words')}**")
    st.caption(tr("data.share_words_help"))
    options = list(offers)
    key = f"{prefix}_share_from_{hashlib.sha256(chr(0).join(options).encode()).hexdigest()[:8]}"
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    chosen = left.selectbox(tr("data.share_words_from"), options, key=key,
                            index=options.index(edited_column) if edited_column in options else 0)
    right.button(tr("data.share_words_apply", count=f"{len(offers[chosen]):,}"), key=f"{prefix}_share_apply",
                 icon=":material/content_copy:", on_click=_share, args=(src, prefix, chosen, offers[chosen]))


def _share(src: Source, prefix: str, column: str, columns: list[str]) -> None:
    """Button callback: read ``columns`` as ``column`` is read, and redraw the editor."""
    _keep(src, prefix, share_words(mapping(src), column, columns))


def _keep(src: Source, prefix: str, changed) -> bool:
    """Keep a changed mapping once checked (True), or remember why it cannot be used for the panel to say."""
    try:
        keep_mapping(src, normalise_mapping(changed, load(src)))
    except InputError as err:
        st.session_state[f"{prefix}_template_error"] = err.message
        return False
    st.session_state[f"{prefix}_generation"] = st.session_state.get(f"{prefix}_generation", 0) + 1
    return True


def item_of(name: str) -> str:
    """The kept item of a template: a digest of its name (names may be long or hold any character)."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def saved_templates() -> dict[str, dict]:
    """The project's templates by name, sorted by name."""
    found = {template["name"]: template for template in TEMPLATES.items().values() if template}
    return dict(sorted(found.items()))


def templates_panel(src: Source, prefix: str) -> None:
    """Save the mapping as a named template; apply, download or upload one (editors only)."""
    with st.expander(tr("data.templates"), icon=":material/bookmarks:"):
        st.caption(tr("data.templates_help"))
        left, right = st.columns([2, 1], vertical_alignment="bottom")
        left.text_input(tr("data.template_name"), key=f"{prefix}_template_name", max_chars=80,
                        value=Path(src.name).stem[:80])
        right.button(tr("data.template_save"), key=f"{prefix}_template_save", icon=":material/save:",
                     on_click=_save, args=(src, prefix))
        upload = st.file_uploader(tr("data.template_upload"), type=["json"], key=f"{prefix}_template_upload")
        if upload is not None:
            _take_upload(prefix, upload)
        templates = saved_templates()
        left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
        name = left.selectbox(tr("data.template_pick"), list(templates), key=f"{prefix}_template_pick", index=None,
                              placeholder=tr("data.template_pick_none"))
        middle.button(tr("data.template_apply"), key=f"{prefix}_template_apply", icon=":material/input:",
                      disabled=name is None, on_click=_apply, args=(src, prefix, name))
        right.download_button(tr("data.template_download"), key=f"{prefix}_template_download",
                              data=template_json(templates[name]) if name else b"", disabled=name is None,
                              file_name=f"{name or 'template'}.json", mime="application/json",
                              icon=":material/download:", on_click="ignore")
        _report(prefix)


def _save(src: Source, prefix: str) -> None:
    """Button callback: keep the mapping in use as a template under the typed name."""
    try:
        template = make_template(mapping(src), st.session_state.get(f"{prefix}_template_name", ""))
    except InputError as err:
        st.session_state[f"{prefix}_template_error"] = err.message
        return
    TEMPLATES.put(item_of(template["name"]), template)
    st.session_state[f"{prefix}_template_saved"] = template["name"]


def _take_upload(prefix: str, upload) -> None:
    """Keep an uploaded template (once per upload) among the project's, or say why it cannot be read."""
    data = upload.getvalue()
    seen = f"{prefix}_template_seen"
    digest = hashlib.sha256(data).hexdigest()
    if st.session_state.get(seen) == digest:
        return
    st.session_state[seen] = digest
    try:
        template = read_template(data, upload.name)
    except InputError as err:
        st.session_state[f"{prefix}_template_error"] = err.message
        return
    TEMPLATES.put(item_of(template["name"]), template)
    st.session_state[f"{prefix}_template_saved"] = template["name"]


def _apply(src: Source, prefix: str, name: str) -> None:
    """Button callback: lay the template over the mapping detected for this file and keep it; remember the fit."""
    template = saved_templates().get(name)
    if template is None:
        return
    changed, fit = apply_template(template, detected_mapping(src))
    if _keep(src, prefix, changed):
        st.session_state[f"{prefix}_template_fit"] = (name, fit, len(template["columns"]))


def _report(prefix: str) -> None:
    """What the last save, upload or apply did: a success, the columns left unmatched, or why it failed."""
    error = st.session_state.pop(f"{prefix}_template_error", None)
    if error is not None:
        st.error(plain(say(error)), icon=":material/block:")
    saved = st.session_state.pop(f"{prefix}_template_saved", None)
    if saved is not None:
        st.success(tr("data.template_saved", name=plain(saved)), icon=":material/check:")
    fit = st.session_state.pop(f"{prefix}_template_fit", None)
    if fit is not None:
        st.success(tr("data.template_applied", name=plain(fit[0]), matched=f"{len(fit[1].matched):,}",
                      total=f"{fit[2]:,}"), icon=":material/check:")
        fit = fit[1]
    if fit is not None and fit.not_in_file:
        st.warning(tr("data.template_not_in_file", columns=_names(fit.not_in_file)), icon=":material/help:")
    if fit is not None and fit.not_in_template:
        st.caption(tr("data.template_new_columns", columns=_names(fit.not_in_template)))


def _names(columns: list[str]) -> str:
    return ", ".join(f"“{plain(column)}”" for column in columns)
