"""The column-role editor: find columns, edit roles, scales, labels and answer words, change many roles at once.

Exports with hundreds of columns are edited a slice at a time: a search box and a role filter
choose the rows shown, edits to them are merged into the whole mapping, and a bulk action sets
the role of every row shown. The words written for one column can be given to every column with the
same answers, and the whole mapping saved as a template for the next wave (:mod:`pages.ui.templates`). Each edit is completed (a column switched to a rating gets its
scale, direction and words inferred) and checked before it is kept; an edit that cannot be used
is refused with its reason, so the other pages go on with the last mapping that worked.
"""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.prepare import normalise_mapping
from analysis.schema import ROLES, describe_note, to_check
from pages.ui import access, templates
from pages.ui.files import Source, load
from pages.ui.mappings import keep_mapping, mapping
from pages.ui.text import plain, say, tr

EDITABLE = ["role", "label", "scale_min", "scale_max", "reverse", "zero_is_na", "words"]
ROW_HEIGHT = 35
MAX_HEIGHT = 600


def shown_rows(mapping: pd.DataFrame, find: str, roles: list[str]) -> pd.Series:
    """Which rows the editor shows: those whose column, label or question holds ``find`` (any case) and
    whose role is one of ``roles`` (all when none is chosen)."""
    keep = pd.Series(True, index=mapping.index)
    if find.strip():
        needle = find.strip().casefold()
        text = mapping["column"].astype(str) + "\n" + mapping["label"].astype(str) + "\n" + mapping["question"].astype(str)
        keep &= text.str.casefold().str.contains(needle, regex=False)
    if roles:
        keep &= mapping["role"].isin(roles)
    return keep


def editor(src: Source, kind: str) -> None:
    """The whole role editor for ``src`` (the survey or the feedback file)."""
    st.subheader(tr("data.mapping"))
    st.caption(tr("data.mapping_help"))
    current = mapping(src)
    unsure = to_check(current)
    if unsure:
        st.warning(tr("data.mapping_check", count=len(unsure), columns=", ".join(f"“{plain(c)}”" for c in unsure)),
                   icon=":material/help:")
    prefix = f"mapping_{kind}_{src.digest[:16]}"
    role_label = role_labels()
    left, right = st.columns(2)
    find = left.text_input(tr("data.mapping_find"), key=f"{prefix}_find", placeholder=tr("data.mapping_find_hint"),
                           icon=":material/search:")
    roles = right.multiselect(tr("data.mapping_roles"), ROLES, key=f"{prefix}_roles", format_func=role_label,
                              placeholder=tr("data.mapping_all_roles"))
    shown = shown_rows(current, find, roles)
    view = current[shown].assign(note_text=[", ".join(say(message) for message in describe_note(note))
                                            for note in current.loc[shown, "note"]])
    rows = hashlib.sha256("\n".join(view["column"]).encode("utf-8")).hexdigest()[:12]
    generation = st.session_state.get(f"{prefix}_generation", 0)
    st.caption(tr("data.mapping_shown", shown=f"{len(view):,}", total=f"{len(current):,}"))
    columns = {
        "column": st.column_config.TextColumn(tr("data.col.column"), pinned=True, width="medium"),
        "label": st.column_config.TextColumn(tr("data.col.label"), help=tr("data.col.label_help"), max_chars=60),
        "scale_min": st.column_config.NumberColumn(tr("data.col.scale_min"), format="%g"),
        "scale_max": st.column_config.NumberColumn(tr("data.col.scale_max"), format="%g"),
        "reverse": st.column_config.CheckboxColumn(tr("data.col.reverse"), help=tr("data.col.reverse_help")),
        "zero_is_na": st.column_config.CheckboxColumn(tr("data.col.zero_is_na"), help=tr("data.col.zero_is_na_help")),
        "words": st.column_config.TextColumn(tr("data.col.words"), help=tr("data.col.words_help")),
        "note_text": st.column_config.TextColumn(tr("data.col.note"), width="large"),
        "question": st.column_config.TextColumn(tr("data.col.question"), width="large"),
    }
    order = ["column", "label", "role", "scale_min", "scale_max", "reverse", "zero_is_na", "words", "note_text",
             "question"]
    height = min(MAX_HEIGHT, ROW_HEIGHT * (len(view) + 1) + 3)
    if not access.editable():
        st.dataframe(view.assign(role=view["role"].map(role_label)), hide_index=True, placeholder="—", height=height,
                     column_order=order, column_config={**columns, "role": tr("data.col.role")})
        return
    edited = st.data_editor(
        view, key=f"{prefix}_{generation}_{rows}", hide_index=True, num_rows="fixed", placeholder="—", height=height,
        disabled=["column", "question", "note_text"], column_order=order,
        column_config={**columns, "role": st.column_config.SelectboxColumn(
            tr("data.col.role"), options=ROLES, required=True, width="medium", format_func=role_label)})
    if len(view):
        merged = current.copy()
        merged.loc[shown, EDITABLE] = edited[EDITABLE].to_numpy()
        remember_words_edit(prefix, merged, current)
        keep_checked(src, merged, current)
    bulk_role(src, prefix, current.loc[shown, "column"].tolist(), role_label)
    templates.share_offer(src, prefix, current, st.session_state.get(f"{prefix}_words_edited"))
    st.button(tr("data.mapping_reset"), key=f"{prefix}_reset", icon=":material/restart_alt:", on_click=reset,
              args=(src, prefix))
    templates.templates_panel(src, prefix)


def remember_words_edit(prefix: str, merged: pd.DataFrame, current: pd.DataFrame) -> None:
    """Note the column whose words the analyst just changed: the one offered first for sharing its words."""
    changed = merged["words"].astype(str) != current["words"].astype(str)
    if changed.any():
        st.session_state[f"{prefix}_words_edited"] = merged.loc[changed, "column"].iloc[0]


def role_labels():
    """Role code -> its words in the session language, looked up now (widgets may call it outside the script run)."""
    return {role: tr(f"role.{role}") for role in ROLES}.get


def keep_checked(src: Source, merged: pd.DataFrame, current: pd.DataFrame) -> None:
    """Keep an edited mapping once it is completed and checked; refuse it, saying why, when it cannot be used."""
    try:
        completed = normalise_mapping(merged, load(src))
    except InputError as err:
        st.error(tr("data.mapping_refused", reason=plain(say(err.message))), icon=":material/block:")
        return
    if not same(completed, current):
        keep_mapping(src, completed)
        st.rerun()  # show what was inferred (scales, words, notes) in the editor at once


def same(first: pd.DataFrame, second: pd.DataFrame) -> bool:
    """Whether two mappings hold the same values (as text, so dtypes and NaN kinds do not matter)."""
    return first.reset_index(drop=True).astype(str).equals(second.reset_index(drop=True).astype(str))


def bulk_role(src: Source, prefix: str, columns: list[str], role_label) -> None:
    """A role picker (starting on no role: one click must not change every column) and a button that give every
    shown column that role."""
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    role = left.selectbox(tr("data.mapping_bulk", count=f"{len(columns):,}"), ROLES, key=f"{prefix}_bulk_role",
                          format_func=role_label, index=None, placeholder=tr("data.mapping_bulk_pick"))
    right.button(tr("data.mapping_bulk_apply"), key=f"{prefix}_bulk_apply", icon=":material/done_all:",
                 on_click=set_roles, args=(src, prefix, columns, role), disabled=not columns or role is None)


def set_roles(src: Source, prefix: str, columns: list[str], role: str) -> None:
    """Button callback: give ``columns`` the role ``role`` (scales inferred where it is a rating) and redraw the editor."""
    chosen_mapping = mapping(src).copy()
    chosen = chosen_mapping["column"].isin(columns)
    chosen_mapping.loc[chosen, "role"] = role
    chosen_mapping.loc[chosen, ["scale_min", "scale_max"]] = float("nan")  # inferred afresh for the new role
    try:
        keep_mapping(src, normalise_mapping(chosen_mapping, load(src)))
    except InputError:
        return  # the editor says why when it draws the mapping
    st.session_state[f"{prefix}_generation"] = st.session_state.get(f"{prefix}_generation", 0) + 1


def reset(src: Source, prefix: str) -> None:
    """Button callback: drop the edits and show the detected mapping again."""
    keep_mapping(src, None)
    st.session_state[f"{prefix}_generation"] = st.session_state.get(f"{prefix}_generation", 0) + 1
