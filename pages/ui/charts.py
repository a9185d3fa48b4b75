"""Charts: Altair figures on named datasets, drawn with PNG, SVG and CSV downloads underneath.

Charts are built with Altair on named datasets; each layer is turned into Vega-Lite on its own and
the layers are stacked here, and Streamlit gets the DataFrames as the named datasets. Altair then
never copies the data or the layers, which would cost a good part of a rerun.
"""
from __future__ import annotations

import os
from typing import NamedTuple

import altair as alt
import pandas as pd
import streamlit as st

from analysis.export import csv_bytes, xlsx_bytes
from analysis.images import chart_image
from analysis.labels import axis_label_lines
from analysis.pins import chart_payload, table_payload
from pages.ui.pins import pin_button
from pages.ui.text import tr

# Altair checks every object against the Vega-Lite schema as it is built, a tenth of a second per
# Journey rerun; the tests (tests/conftest.py sets JOURNEY_LENS_CHECK_CHARTS) build every chart with it on.
if not os.environ.get("JOURNEY_LENS_CHECK_CHARTS"):
    alt.utils.schemapi.disable_debug_mode()

VL_SCHEMA = f"https://vega.github.io/schema/vega-lite/{alt.SCHEMA_VERSION}.json"
VL_CONFIG = {"view": {"continuousWidth": 300, "continuousHeight": 300}}
LABEL_LIMIT = 420  # pixels: a label line wider than this (a long word, Chinese without spaces) is cut at the end


class Figure(NamedTuple):
    """A Vega-Lite spec that reads named datasets, and those datasets."""

    spec: dict
    datasets: dict[str, pd.DataFrame]


def label_axis(**props) -> alt.Axis:
    """A category axis that shows whole labels, broken onto lines at spaces (:func:`axis_label_lines`), not cut."""
    return alt.Axis(labelExpr=axis_label_lines(), labelLimit=LABEL_LIMIT, **props)


def named(name: str) -> alt.NamedData:
    """The data of a layer: a dataset of the Figure, by name."""
    return alt.NamedData(name=name)


def _plain_spec(value):
    return value.to_dict(validate=False) if hasattr(value, "to_dict") else value


def layered(layers: list, **props) -> dict:
    """Altair charts stacked as one Vega-Lite layer spec (without $schema; see ``figure``)."""
    specs = []
    for layer in layers:
        spec = layer.to_dict(validate=False)
        for key in ("$schema", "config", "datasets"):
            spec.pop(key, None)
        specs.append(spec)
    return {"layer": specs, **{key: _plain_spec(value) for key, value in props.items()}}


def figure(spec: dict, datasets: dict[str, pd.DataFrame], **props) -> Figure:
    """A top-level Figure from a ``layered`` (or concatenated) spec, with title, size and so on."""
    return Figure({"$schema": VL_SCHEMA, "config": VL_CONFIG, **spec,
                   **{key: _plain_spec(value) for key, value in props.items()}}, datasets)


def title_of(spec: dict) -> str:
    """A chart's title as text (the first line of a multi-line one)."""
    title = spec.get("title", "")
    title = title.get("text", "") if isinstance(title, dict) else title
    return title[0] if isinstance(title, list) and title else str(title or "")


def chart_downloads(spec: dict, datasets: dict[str, pd.DataFrame], table: pd.DataFrame, name: str) -> None:
    """PNG, SVG and CSV downloads under a chart, and its pin; the images are rendered only when clicked."""
    with st.container(horizontal=True):
        pin_button("chart", title_of(spec), lambda: chart_payload(spec, datasets), name)
        for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(tr(f"download.{fmt}"), data=lambda fmt=fmt: chart_image(spec, datasets, fmt),
                               file_name=f"{name}.{fmt}", mime=mime, on_click="ignore",
                               icon=":material/image:", key=f"download_{name}_{fmt}")
        st.download_button(tr("download.csv"), data=lambda: csv_bytes(table),
                           file_name=f"{name}.csv", mime="text/csv", on_click="ignore",
                           icon=":material/table:", key=f"download_{name}_csv")
        st.download_button(tr("download.xlsx"), data=lambda: xlsx_bytes(table), file_name=f"{name}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", icon=":material/grid_on:", key=f"download_{name}_xlsx")


def chart(figure: Figure, table: pd.DataFrame, name: str, width: str = "stretch") -> None:
    """Draw a Figure with its PNG/SVG downloads and ``table`` as the CSV download."""
    st.vega_lite_chart({**figure.spec, "datasets": dict(figure.datasets)}, width=width)
    chart_downloads(figure.spec, figure.datasets, table, name)


def table_pin(frame: pd.DataFrame, title: str, name: str) -> None:
    """The pin of a table shown on a page (as the reader sees it: words, not codes)."""
    pin_button("table", title, lambda: table_payload(frame), name)

