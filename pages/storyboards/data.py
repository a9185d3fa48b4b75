"""Data page: upload survey and feedback exports, check how they were read, map column roles."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from analysis.export import csv_bytes
from pages.ui import (access, analyses, briefing, customers, files, filters, role_editor, text, tiles, waves,
                      weighting)
from pages.ui.mappings import detected_mapping
from pages.ui.text import plain, tr, tr_code
from pages.ui.words import DELIMITER_NAMES

PREVIEW_ROWS = 1000


def uploaders() -> None:
    """One uploader per dataset kind, with the file in use named underneath (only the file names for a viewer)."""
    for column, kind in zip(st.columns(2), files.KINDS):
        with column:
            files.uploader(kind, tr(f"data.upload.{kind}"), help=tr("data.upload_help"))
            src = files.source(kind)
            if src.sample:
                st.caption(tr("data.using_sample", name=plain(src.name)))
            else:
                st.caption(tr("data.using_upload", name=plain(src.name)))
                if access.editable():
                    st.button(tr("data.use_sample"), key=f"use_sample_{kind}", type="tertiary",
                              icon=":material/undo:", on_click=files.use_sample, args=(kind,))


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
            data=lambda: csv_bytes(excluded_table(result.excluded)),
            file_name=f"{Path(src.name).stem}_excluded.csv", mime="text/csv",
            icon=":material/download:", key=f"excluded_{kind}_{src.digest}", on_click="ignore",
        )


def excluded_table(excluded):
    """The excluded rows and values as downloaded: headers and reasons in the session language."""
    headers = {"row": tr("data.col.row"), "column": tr("data.col.column"), "value": tr("data.col.value"),
               "reason": tr("data.col.problem")}
    return text.for_download(excluded, headers, {"reason": lambda code: tr_code(f"problem.{code}")})


def readable_responses(result):
    """The responses as previewed: the working copies of the id and date columns left out (the file's own
    columns show them), a made-up respondent id named in the session language."""
    responses = result.responses.drop(columns="submitted_at", errors="ignore")
    if result.columns("respondent_id"):
        return responses.drop(columns="respondent_id")
    name = tr("data.preview.respondent_id")
    return responses if name in responses.columns else responses.rename(columns={"respondent_id": name})


def preview(result) -> None:
    """The tidy tables that every other page works from (first rows only)."""
    st.subheader(tr("data.preview"))
    tables = {tr("data.preview.responses"): (readable_responses(result), result.rows_used)}
    if result.feedback is not None:
        tables[tr("data.preview.feedback")] = (result.feedback, len(result.feedback))
    if result.ratings:
        long = result.touchpoints_head(PREVIEW_ROWS)
        tables[tr("data.preview.touchpoints")] = (long.assign(stage=long["stage"].map(lambda code: tr(f"stage.{code}"))),
                                                   result.ratings)
    for tab, (table, total) in zip(st.tabs(list(tables)), tables.values()):
        with tab:
            if table.empty:  # every row set aside: say so rather than draw an empty grid
                st.info(tr("data.preview.empty"), icon=":material/info:")
                continue
            st.dataframe(table.head(PREVIEW_ROWS), hide_index=True, placeholder="—")
            if total > PREVIEW_ROWS:
                st.caption(tr("data.preview.first_rows", shown=f"{PREVIEW_ROWS:,}", total=f"{total:,}"))


def dataset(kind: str) -> None:
    """Everything about one dataset: how it was read, its mapping, validation and preview."""
    src = files.source(kind)
    status = st.status(tr("data.loading", name=plain(src.name)))
    try:
        with status:
            st.write(tr("data.step.read"))
            export = files.load(src)
            st.write(tr("data.step.roles", columns=f"{export.frame.shape[1]:,}"))
            detected_mapping(src)
    except Exception as err:
        status.update(label=tr("data.failed", name=plain(src.name)), state="error")
        text.show_error(err)
        return
    status.update(label=tr("data.loaded", name=plain(src.name), rows=f"{export.rows:,}"), state="complete")

    facts = st.container()
    role_editor.editor(src, kind)
    try:
        with st.spinner(tr("data.step.check", rows=f"{export.rows:,}")):
            result = analyses.prepared(src)
    except Exception as err:
        text.show_error(err)
        return
    if kind == "survey" and result.kind != "transactions":
        weighting.panel(src, result)  # before the tiles are computed: a changed setting is in force at once
    try:
        with st.spinner(tr("data.step.check", rows=f"{export.rows:,}")):
            selection = analyses.select(src, filters.current(src))
            headline = None if result.kind == "transactions" else analyses.headline(selection)
    except Exception as err:
        text.show_error(err)
        return
    with facts:
        file_facts(export, result)
        filters.filter_note(src)
        if result.kind == "transactions":
            customers.customer_value(src, kind)
        else:
            tiles.metric_tiles(headline)
            weighting.note(selection)
    validation_report(src, result)
    preview(result)


st.title(tr("data.title"))
if not access.editable():  # where a view link without a page lands: what a stakeholder reads first
    with st.spinner(tr("journey.working")):
        briefing.show(*briefing.survey_summary(), here=False)
st.caption(tr("data.intro"))
uploaders()
if all(files.source(kind).sample for kind in files.KINDS):
    st.info(tr("data.sample_note"), icon=":material/info:")
for tab, kind in zip(st.tabs([tr("kind.survey"), tr("kind.feedback")]), files.KINDS):
    with tab:
        if kind == "survey":
            waves.data_section()
        dataset(kind)
