"""What every page on the survey starts with: its title, the file it reads, the survey narrowed by the
sidebar filters, and the cases that end the page early (an unreadable file, a transaction export, nothing
left after filtering)."""
from __future__ import annotations

import dataclasses
from typing import Callable, NamedTuple

import streamlit as st

from analysis.filters import Filters
from analysis.prepare import Prepared
from pages.ui import analyses, files, filters, site, text, weighting
from pages.ui.analyses import Selection
from pages.ui.files import Source
from pages.ui.text import plain, tr, tr_code


class SurveyPage(NamedTuple):
    """The survey a page reads: the file, the filters in force, the selection and the filtered survey."""

    src: Source
    filters: Filters
    selection: Selection
    result: Prepared

    def label(self, column: str) -> str:
        """A column's short label (its name when it has none)."""
        return self.result.labels.get(column, column)

    def question(self, column: str) -> str:
        """A column's full question text ('' when it has none)."""
        found = self.result.mapping.loc[self.result.mapping["column"] == column, "question"]
        return str(found.iloc[0]) if len(found) else ""


def survey_page(title: str, on_transactions: Callable[[Source], None], by_persona: bool = True,
                weights_note: bool = True) -> SurveyPage:
    """Draw the title and the file's name, and return the filtered survey. Ends the page with the reason and a
    link to the Data page when the file cannot be used, after ``on_transactions(src)`` for a transaction
    export, and with a warning when the filters leave nothing (``by_persona=False``: the persona filter is not
    applied, for pages that find the personas). Says whether the figures are weighted (``weights_note=False``:
    the page says it under its tiles)."""
    st.title(title)
    src = files.source("survey")
    st.caption(tr("journey.source", name=plain(src.name)))
    chosen = filters.current(src)
    if not by_persona:
        chosen = dataclasses.replace(chosen, rows=[])
    try:
        with st.spinner(tr("journey.working")):
            selection = analyses.select(src, chosen)
            result = analyses.filtered(selection)
    except Exception as err:
        stop_on_unreadable(err)
    filters.filter_note(src)
    if weights_note and result.kind != "transactions":
        weighting.note(selection)
    if result.kind == "transactions":
        on_transactions(src)
        st.stop()
    if result.rows_used == 0:
        nothing_left(src)
    return SurveyPage(src, chosen, selection, result)


def nothing_left(src) -> None:
    """Stop the page when no response is left: because every row of the file was set aside (say why, with the
    count of each reason, and point to the Data page), else because the sidebar filters match none."""
    whole = analyses.prepared(src)
    if whole.rows_used:
        st.warning(tr("filter.nothing_left"), icon=":material/filter_alt_off:")
        st.stop()
    reasons = whole.excluded.drop_duplicates("row")["reason"].value_counts()
    counted = text.listed(f"{count:,} × {tr_code(f'problem.{reason}')}" for reason, count in reasons.items())
    st.warning(tr("data.all_set_aside", name=plain(src.name), rows=f"{whole.rows:,}", reasons=counted),
               icon=":material/block:")
    link_to_data()
    st.stop()


def stop_on_unreadable(err: Exception) -> None:
    """Show why the survey cannot be used (:func:`pages.ui.text.show_error`), link to the Data page and end the
    page's run."""
    text.show_error(err)
    link_to_data()
    st.stop()


def link_to_data() -> None:
    """A link to the Data page, where a file's roles are fixed."""
    site.link("data", tr("journey.fix_on_data"), ":material/table_view:")
