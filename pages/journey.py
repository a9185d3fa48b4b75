"""Journey page (first cut): headline metrics and touchpoint ratings by stage."""
from __future__ import annotations

import io

import altair as alt
import pandas as pd
import streamlit as st

from analysis.journey import STAGES
from pages import common
from pages.common import plain, tr

common.inside_app()

STAGE_COLORS = ["#56B4E9", "#0072B2", "#009E73", "#E69F00", "#D55E00", "#CC79A7"]


def touchpoint_chart(table: pd.DataFrame) -> alt.TopLevelMixin:
    """Bars of touchpoint ratings, lowest first, coloured by journey stage.

    When every touchpoint shares one scale the bars are means on that scale with their 95%
    intervals; mixed scales are drawn as the library's 0-100 score (direction fixed) so they
    compare fairly.
    """
    shared_scale = len(table[["scale_min", "scale_max"]].drop_duplicates()) == 1
    data = table.assign(stage_label=table["stage"].map(lambda stage: tr(f"stage.{stage}")),
                        score_pct=table["score"] * 100,
                        baseline=table["scale_min"] if shared_scale else 0.0)
    data = data.sort_values("mean" if shared_scale else "score_pct")
    lowest = data.iloc[0]
    present = [stage for stage in STAGES if stage in set(data["stage"])]
    stage_colors = alt.Scale(domain=[tr(f"stage.{stage}") for stage in present],
                             range=[STAGE_COLORS[STAGES.index(stage)] for stage in present])
    if shared_scale:
        x = alt.X("mean:Q", title=tr("journey.axis"), axis=alt.Axis(tickMinStep=0.5),
                  scale=alt.Scale(domain=[float(lowest["scale_min"]), float(lowest["scale_max"])]))
    else:
        x = alt.X("score_pct:Q", title=tr("journey.axis_score"), scale=alt.Scale(domain=[0, 100]))
    base = alt.Chart(data).encode(y=alt.Y("touchpoint:N", sort=data["touchpoint"].tolist(), title=None,
                                          axis=alt.Axis(labelLimit=260)))
    chart = base.mark_bar(cornerRadiusEnd=3).encode(
        x=x, x2="baseline:Q",
        color=alt.Color("stage_label:N", title=tr("journey.stage"), scale=stage_colors),
        tooltip=[
            alt.Tooltip("touchpoint:N", title=tr("journey.touchpoint")),
            alt.Tooltip("stage_label:N", title=tr("journey.stage")),
            alt.Tooltip("mean:Q", title=tr("journey.mean"), format=".2f"),
            alt.Tooltip("scale_max:Q", title=tr("journey.scale_max"), format="g"),
            alt.Tooltip("low:Q", title=tr("journey.low"), format=".2f"),
            alt.Tooltip("high:Q", title=tr("journey.high"), format=".2f"),
            alt.Tooltip("top2:Q", title=tr("journey.top2"), format=".1f"),
            alt.Tooltip("n:Q", title="n", format=","),
        ],
    )
    if shared_scale:
        chart += base.mark_rule(color="#1F2A37", opacity=0.6).encode(x="low:Q", x2="high:Q")
    title = tr("journey.chart_title", touchpoint=lowest["touchpoint"], mean=f"{lowest['mean']:.1f}",
               scale=f"{lowest['scale_max']:g}")
    return chart.properties(title=title, height=alt.Step(26))


def chart_image(chart: alt.TopLevelMixin, fmt: str) -> bytes:
    """The chart rendered as PNG or SVG bytes (vl-convert)."""
    buffer = io.BytesIO() if fmt == "png" else io.StringIO()
    chart.save(buffer, format=fmt)
    value = buffer.getvalue()
    return value if isinstance(value, bytes) else value.encode("utf-8")


def downloads(chart: alt.TopLevelMixin, table: pd.DataFrame) -> None:
    """PNG, SVG and CSV downloads for the chart; rendered only when clicked."""
    with st.container(horizontal=True):
        for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(tr(f"download.{fmt}"), data=lambda fmt=fmt: chart_image(chart, fmt),
                               file_name=f"touchpoints.{fmt}", mime=mime, on_click="ignore",
                               icon=":material/image:")
        st.download_button(tr("download.csv"), data=table.to_csv(index=False).encode("utf-8-sig"),
                           file_name="touchpoints.csv", mime="text/csv", on_click="ignore",
                           icon=":material/table:")


st.title(tr("journey.title"))
st.info(tr("journey.coming"), icon=":material/construction:")
src = common.source("survey")
st.caption(tr("journey.source", name=plain(src.name)))
try:
    summary = common.summary(src)
    table = common.touchpoints(src).dropna(subset=["mean"])
except Exception as err:
    common.show_error(err)
    st.page_link("pages/data.py", label=tr("journey.fix_on_data"), icon=":material/table_view:")
    st.stop()

common.metric_tiles(summary.get("metrics", {}))
if table.empty:
    st.warning(tr("journey.no_touchpoints"))
    st.page_link("pages/data.py", label=tr("journey.fix_on_data"), icon=":material/table_view:")
else:
    chart = touchpoint_chart(table)
    st.altair_chart(chart)
    downloads(chart, table)
