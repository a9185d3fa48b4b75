"""The customer-value view of a transaction export (Data and Personas pages): headline value, buying segments
with the order counts that split them, and what was set aside; the analyst's frequent-buyer threshold is kept
per file (in the project) and used by Compare too."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analysis.customers import customer_summary, segment_table
from analysis.transactions import frequent_threshold
from analysis.messages import Message
from pages.ui import analyses, charts, kept, site, text, tiles
from pages.ui.files import Source
from pages.ui.text import plain, tr


FREQUENT = kept.feature("frequent_buyers")


def frequent_above(src: Source) -> int | None:
    """The analyst's frequent-buyer threshold for ``src``, or None for the default (the top third of repeat buyers)."""
    return FREQUENT.get(src.digest)


def _keep_frequent_above(src: Source, widget: str) -> None:
    """Number-input callback: keep the frequent-buyer threshold beyond the page (widget values are not kept)."""
    FREQUENT.put(src.digest, st.session_state.get(widget))


def view(src: Source):
    """The customers of a transaction export, segmented with the analyst's frequent-buyer threshold (read-only;
    raises ``InputError`` when its columns cannot be found)."""
    return analyses.customer_view(src, frequent_above(src))


def comparison(src: Source, by: str, groups: tuple | None, thresholds, edges=None):
    """:func:`analysis.compare.compare_customers` with the analyst's threshold (raises ``InputError``)."""
    return analyses.customer_comparison(src, frequent_above(src), by, groups, thresholds, edges)


def customer_value(src: Source, kind: str) -> None:
    """A transaction export's customers: headline value, buying segments, and what was set aside."""
    try:
        with st.spinner(tr("data.step.customers")):
            found = view(src)
    except Exception as err:
        text.show_error(err)
        return
    st.subheader(tr("customers.title"))
    tiles.customer_tiles(customer_summary(found))
    for note in customer_summary(found)["notes"]:
        st.caption(plain(text.say(Message(note["code"], note["params"]))))
    table = segment_table(found.values)
    default = frequent_threshold(found.values["orders"])
    chosen = frequent_above(src)
    widget = f"customers_frequent_above_{src.digest}_{kind}"
    st.number_input(tr("customers.frequent_above"), min_value=1, step=1,
                    value=chosen if chosen is not None else None if default is None else int(default),
                    key=widget, on_change=_keep_frequent_above, args=(src, widget), width=260,
                    help=tr("customers.thresholds", above=f"{default:g}" if default is not None else "—"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        headers = {"segment": tr("customers.segment"), "customers": tr("customers.customers"),
                   "share": tr("customers.share_customers"), "low": tr("journey.low"), "high": tr("journey.high"),
                   "revenue_share": tr("customers.share_revenue"), "clv": tr("metric.clv")}
        csv = text.for_download(table, headers, {"segment": lambda code: tr(f"segment.{code}")})
        charts.chart(segment_chart(table), csv, f"buying_segments_{kind}")
    with right:
        lines = found.excluded["reason"].value_counts()
        set_aside = found.set_aside["reason"].value_counts()
        if len(lines) or len(set_aside):
            st.markdown(tr("customers.set_aside"))
            st.dataframe(pd.DataFrame({"reason": [tr(f"reason.{code}") for code in [*lines.index, *set_aside.index]],
                                       "count": [*lines.tolist(), *set_aside.tolist()]}),
                         hide_index=True, column_config={"reason": tr("customers.reason"),
                                                         "count": st.column_config.NumberColumn(tr("data.col.count"),
                                                                                                format="localized")})
    site.link("compare", tr("customers.compare_link"), ":material/compare_arrows:")


def segment_chart(table: pd.DataFrame) -> charts.Figure:
    """Share of customers and of revenue per buying segment, side by side."""
    data = pd.concat([
        table.assign(measure=tr("customers.share_customers"), value=table["share"]),
        table.assign(measure=tr("customers.share_revenue"), value=table["revenue_share"]),
    ], ignore_index=True)
    data["label"] = data["segment"].map(lambda code: tr(f"segment.{code}"))
    order = [tr(f"segment.{code}") for code in table["segment"]]
    bars = alt.Chart(charts.named("segments")).mark_bar(cornerRadiusEnd=3).encode(
        y=alt.Y("label:N", sort=order, title=None), x=alt.X("value:Q", title="%", scale=alt.Scale(domain=[0, 100])),
        yOffset=alt.YOffset("measure:N"), color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("label:N", title=tr("customers.segment")), alt.Tooltip("measure:N", title=" "),
                 alt.Tooltip("value:Q", title="%", format=".1f"),
                 alt.Tooltip("customers:Q", title=tr("customers.customers"), format=","),
                 alt.Tooltip("clv:Q", title=tr("metric.clv"), format=",.2f")])
    top = table.loc[table["revenue_share"].idxmax()]
    segment = tr(f"segment.{top['segment']}")
    heading = tr("customers.chart_title", segment=segment[:1].upper() + segment[1:],
                 revenue=f"{top['revenue_share']:.0f}", customers=f"{top['share']:.0f}")
    return charts.figure(charts.layered([bars]), {"segments": data},
                         title=alt.TitleParams(heading, anchor="start", fontSize=16), height=alt.Step(22))
