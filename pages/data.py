"""Data page: upload survey and feedback exports, check how they were read, map column roles."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from analysis.schema import ROLES
from pages.ui import filters, shell, state, text, tiles
from pages.ui.text import plain, tr, tr_code
from pages.ui.words import DELIMITER_NAMES

shell.inside_app()

PREVIEW_ROWS = 1000


def uploaders() -> None:
    """One uploader per dataset kind, with the file in use named underneath."""
    for column, kind in zip(st.columns(2), state.KINDS):
        with column:
            key = state.uploader_key(kind)
            st.file_uploader(tr(f"data.upload.{kind}"), type=state.UPLOAD_TYPES, key=key,
                             on_change=state.remember_upload, args=(kind, key), help=tr("data.upload_help"))
            src = state.source(kind)
            if src.sample:
                st.caption(tr("data.using_sample", name=plain(src.name)))
            else:
                st.caption(tr("data.using_upload", name=plain(src.name)))
                st.button(tr("data.use_sample"), key=f"use_sample_{kind}", type="tertiary",
                          icon=":material/undo:", on_click=state.use_sample, args=(kind,))


def file_facts(export, result) -> None:
    """How the file was read: format, encoding, delimiter, sheet, rows read and used."""
    names = DELIMITER_NAMES
    delimiter = tr(f"delimiter.{names[export.delimiter]}") if export.delimiter in names else "—"
    facts = [
        (tr("data.fact.format"), tr(f"format.{export.format}")),
        (tr("data.fact.kind"), tr(f"kind.{result.kind}")),
        (tr("data.fact.encoding"), export.encoding or "—"),
        (tr("data.fact.delimiter"), delimiter),
        (tr("data.fact.sheet"), export.sheet or "—"),
        (tr("data.fact.rows"), f"{result.rows:,}"),
        (tr("data.fact.rows_used"), f"{result.rows_used:,}"),
    ]
    with st.container(border=True, horizontal=True, gap="large"):
        for label, value in facts:
            with st.container(width="content", gap=None):
                st.caption(label)
                st.markdown(f"**{plain(value)}**")


def mapping_editor(src) -> None:
    """The editable column-role mapping; edits are kept in the session and used everywhere."""
    st.subheader(tr("data.mapping"))
    st.caption(tr("data.mapping_help"))
    edited = st.data_editor(
        state.mapping(src), key=f"mapping_{src.digest}", hide_index=True, num_rows="fixed", placeholder="—",
        disabled=["column", "question", "note"],
        column_config={
            "column": st.column_config.TextColumn(tr("data.col.column"), pinned=True, width="medium"),
            "role": st.column_config.SelectboxColumn(tr("data.col.role"), options=ROLES, required=True, width="medium",
                                                     format_func=lambda role: tr(f"role.{role}")),
            "question": st.column_config.TextColumn(tr("data.col.question"), width="medium"),
            "scale_min": st.column_config.NumberColumn(tr("data.col.scale_min"), format="%g"),
            "scale_max": st.column_config.NumberColumn(tr("data.col.scale_max"), format="%g"),
            "reverse": st.column_config.CheckboxColumn(tr("data.col.reverse"), help=tr("data.col.reverse_help")),
            "zero_is_na": st.column_config.CheckboxColumn(tr("data.col.zero_is_na"),
                                                          help=tr("data.col.zero_is_na_help")),
        },
    )
    state.keep_mapping(src, edited)
    st.button(tr("data.mapping_reset"), key=f"reset_{src.digest}", icon=":material/restart_alt:",
              on_click=reset_mapping, args=(src,))


def reset_mapping(src) -> None:
    """Button callback: drop the edits and show the detected mapping again."""
    state.keep_mapping(src, None)
    st.session_state.pop(f"mapping_{src.digest}", None)


def validation_report(src, result) -> None:
    """Problems per column, and the excluded rows and values as a CSV download."""
    st.subheader(tr("data.validation"))
    if result.issues.empty:
        st.success(tr("data.no_issues"))
    else:
        issues = result.issues.assign(problem=result.issues["problem"].map(lambda code: tr_code(f"problem.{code}")))
        st.dataframe(issues, hide_index=True, column_config={
            "column": tr("data.col.column"), "problem": tr("data.col.problem"),
            "count": st.column_config.NumberColumn(tr("data.col.count"), format="localized"),
            "examples": tr("data.col.examples"),
        })
    if not result.excluded.empty:
        st.download_button(
            tr("data.download_excluded", n=f"{len(result.excluded):,}"),
            data=lambda: result.excluded.to_csv(index=False).encode("utf-8-sig"),
            file_name=f"{Path(src.name).stem}_excluded.csv", mime="text/csv",
            icon=":material/download:", key=f"excluded_{src.digest}", on_click="ignore",
        )


def preview(result) -> None:
    """The tidy tables that every other page works from (first rows only)."""
    st.subheader(tr("data.preview"))
    tables = {tr("data.preview.responses"): result.responses}
    if result.feedback is not None:
        tables[tr("data.preview.feedback")] = result.feedback
    touchpoints = result.touchpoints
    if not touchpoints.empty:
        tables[tr("data.preview.touchpoints")] = touchpoints
    for tab, table in zip(st.tabs(list(tables)), tables.values()):
        with tab:
            st.dataframe(table.head(PREVIEW_ROWS), hide_index=True, placeholder="—")
            if len(table) > PREVIEW_ROWS:
                st.caption(tr("data.preview.first_rows", shown=f"{PREVIEW_ROWS:,}", total=f"{len(table):,}"))


def dataset(kind: str) -> None:
    """Everything about one dataset: how it was read, its mapping, validation and preview."""
    src = state.source(kind)
    status = st.status(tr("data.loading", name=plain(src.name)))
    try:
        with status:
            export = state.load(src)
            state.detected_mapping(src)
    except Exception as err:
        status.update(label=tr("data.failed", name=plain(src.name)), state="error")
        text.show_error(err)
        return
    status.update(label=tr("data.loaded", name=plain(src.name), rows=f"{export.rows:,}"), state="complete")

    facts = st.container()
    mapping_editor(src)
    try:
        result = state.prepared(src)
        headline, _ = state.analysis(src, "metrics")
    except Exception as err:
        text.show_error(err)
        return
    with facts:
        file_facts(export, result)
        filters.filter_note(src)
        tiles.metric_tiles(headline)
    validation_report(src, result)
    preview(result)


st.title(tr("data.title"))
st.caption(tr("data.intro"))
uploaders()
if all(state.source(kind).sample for kind in state.KINDS):
    st.info(tr("data.sample_note"), icon=":material/info:")
for tab, kind in zip(st.tabs([tr("kind.survey"), tr("kind.feedback")]), state.KINDS):
    with tab:
        dataset(kind)
