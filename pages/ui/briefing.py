"""The executive summary (:func:`analysis.briefing.executive_summary`) where stakeholders land: at the top of the
Journey page, of the Data page a view link opens for a viewer, and of the Report page and its download.

Each sentence is plain text (names and answers in it come from the file) followed by a link to the chart behind
it: an in-page anchor on the Journey page, the Journey page's anchor from any other page (with the view's link
parameters, URL-encoded, so the new tab opens the same project, language and filters).
"""
from __future__ import annotations

import logging
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from analysis.briefing import ANCHORS, Sentence, executive_summary
from analysis.channels import channel_touchpoints
from analysis.errors import InputError
from analysis.journey import touchpoint_summary
from analysis.prepare import Prepared
from pages.ui import analyses, files, filters, stages, texts
from pages.ui.analyses import Selection
from pages.ui.site import script
from pages.ui.text import lang, plain, tr

_LOG = logging.getLogger(__name__)


def feedback_by_stage(survey_filters) -> pd.DataFrame | None:
    """What the comments say per journey stage (None without comments, or when they cannot be read: the
    Sentiment page says why)."""
    try:
        heard = texts.journey_feedback(survey_filters)
    except InputError:
        return None
    return heard[0] if heard else None


def touchpoint_table(selection: Selection, result: Prepared) -> pd.DataFrame | None:
    """The touchpoint summary under the kept stage map (channels standing in for touchpoints when the survey rates
    none, as on the Journey page); None when there is neither."""
    touchpoints = result.columns("touchpoint")
    if touchpoints:
        kept = stages.survey_stages(selection.src, touchpoints)
        return analyses.journey_tables(selection, stages.cache_key(kept)).touchpoints
    by_channel = channel_touchpoints(result)
    if by_channel is None:
        return None
    scores, mapping, _, _ = by_channel
    return touchpoint_summary(scores, mapping, stages.survey_stages(selection.src, mapping["column"].tolist()))


def survey_summary() -> tuple[list[Sentence], Prepared | None]:
    """The summary of the survey in use under the sidebar filters, and that survey; empty (and None) when it cannot
    be read, is a transaction export or has nothing left."""
    src = files.source("survey")
    try:
        selection = analyses.select(src, filters.current(src))
        result = analyses.filtered(selection)
        if result.kind == "transactions" or result.rows_used == 0:
            return [], None
        table = touchpoint_table(selection, result)
    except InputError:  # an unreadable file: the Data page and the analysis pages say why
        return [], None
    except Exception:  # noqa: BLE001 - the summary never takes the page it heads down with it
        _LOG.exception("the executive summary could not be written")
        return [], None
    return executive_summary(result, table, feedback_by_stage(selection.filters)), result


def on_journey(sentence: Sentence, result: Prepared) -> bool:
    """Whether the Journey page draws the chart behind ``sentence`` for ``result``: the segments grid only when
    the survey rates touchpoints (a journey by channel has none)."""
    return sentence.anchor != ANCHORS["differs"] or bool(result.columns("touchpoint"))


def journey_href(anchor: str) -> str:
    """The Journey page's chart ``anchor`` with this view's link parameters (project, language, filters)."""
    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    page = script("journey").rsplit("/", 1)[-1].removesuffix(".py")
    return f"{page}?{urlencode(pairs)}#{anchor}" if pairs else f"{page}#{anchor}"


def show(sentences: list[Sentence], result: Prepared | None, here: bool) -> None:
    """The summary of ``result`` in a box, one numbered sentence a line, each with a link to the Journey page's
    chart behind it (an in-page anchor when ``here``, else a link opened in a new tab)."""
    if not sentences or result is None:
        return
    with st.container(border=True, key="executive_summary"):
        st.markdown(f"**{tr('summary.title')}**")
        lines = []
        for number, sentence in enumerate(sentences, start=1):
            line = f"{number}. {plain(sentence.text(lang()))}"
            if on_journey(sentence, result):
                href = f"#{sentence.anchor}" if here else journey_href(sentence.anchor)
                line += f" [{tr('summary.to_chart')}]({plain(href)})"  # escaped: CommonMark unescapes a link's address
            lines.append(line)
        st.markdown("\n".join(lines))
