"""Compare page, three or more groups: each metric's omnibus test, the sentence naming which groups differ, a chart
of every group's value with its interval, and the pairs of groups (:mod:`analysis.compare_many`)."""
from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from analysis.compare_many import ManyGroups, summary
from analysis.messages import Message
from pages.ui import charts, text
from pages.ui.palette import BLUE
from pages.ui.text import plain, tr

MODES = ("all", "two")
MODE_KEY = "compare_mode"


def mode_picker(count: int, linked_two: bool) -> str:
    """``all`` or ``two`` for a column with ``count`` >= 3 groups: all of them by default, two when the page was
    opened from a link naming two groups (as links made before there was a choice do)."""
    if MODE_KEY not in st.session_state or st.session_state[MODE_KEY] not in MODES:
        wanted = st.query_params.get("cmpk")
        st.session_state[MODE_KEY] = wanted if wanted in MODES else ("two" if linked_two else "all")
    words = {"all": tr("compare.mode.all", n=count), "two": tr("compare.mode.two")}
    chosen = st.segmented_control(tr("compare.mode"), MODES, key=MODE_KEY, format_func=words.get) or "all"
    if st.query_params.get("cmpk") != chosen:
        st.query_params["cmpk"] = chosen
    return chosen


def verdict(row) -> str:
    """``differ``, ``none`` or ``untestable`` for one metric's omnibus test."""
    if pd.isna(row["p_value"]):
        return "untestable"
    return "differ" if row["significant"] else "none"


def show_many(found: ManyGroups, metric_label: Callable[[str], str]) -> None:
    """Every metric's test and sentence, then one metric's chart and pairs (picked from the metrics tested)."""
    words = {code: text.say(name) if isinstance(name, Message) else str(name) for code, name in found.names.items()}

    def group(code):
        return words.get(code, code)

    by = tr("compare.persona") if found.by == "persona" else found.by
    st.subheader(tr("compare.many.findings", by=plain(by), n=len(found.groups)))
    st.markdown(plain(text.say(summary(found))))
    if found.formed_by:
        st.caption(tr("compare.formed_by", n=len(found.formed_by),
                      metrics=text.quoted_list([metric_label(metric) for metric in found.formed_by])))
    if found.omnibus.empty:
        return
    omnibus = omnibus_table(found, metric_label)
    st.markdown("\n".join(f"- {plain(line)}" for line in omnibus["finding_text"]))
    st.subheader(tr("compare.many.tests"))
    st.caption(tr("compare.many.tests_help"))
    st.dataframe(omnibus.drop(columns=["metric", "finding_text"]), hide_index=True, width="stretch",
                 height="content", column_config={
                     "label": st.column_config.TextColumn(tr("compare.metric"), pinned=True),
                     "test_label": st.column_config.TextColumn(tr("compare.test")),
                     "groups": st.column_config.NumberColumn(tr("compare.many.groups")),
                     "n": st.column_config.NumberColumn(tr("compare.many.n"), format="localized"),
                     "statistic": st.column_config.NumberColumn(tr("compare.many.statistic"), format="%.2f"),
                     "p_text": st.column_config.TextColumn(tr("compare.p_value")),
                     "p_holm_text": st.column_config.TextColumn(tr("compare.p_holm"), help=tr("compare.p_holm_help")),
                     "verdict": st.column_config.TextColumn(tr("compare.verdict")),
                 })
    charts.table_pin(omnibus.drop(columns=["metric"]), tr("compare.many.findings", by=by, n=len(found.groups)),
                     "compare_many")
    tested = found.omnibus[found.omnibus["p_value"].notna()]
    if tested.empty:
        return
    ranked = tested.sort_values("significant", ascending=False, kind="stable")["metric"]  # those that differ first
    labels = dict(zip(omnibus["metric"], omnibus["label"]))
    labels = {metric: labels[metric] for metric in ranked}
    metric = st.selectbox(tr("compare.many.metric"), list(labels), key="compare_many_metric", width=420,
                          format_func=labels.get)
    if metric not in labels:
        return
    estimates = found.estimates[found.estimates["metric"] == metric].assign(
        group_label=lambda frame: frame["group"].map(group))
    row = omnibus.set_index("metric").loc[metric]
    st.markdown(plain(row["finding_text"]))
    charts.chart(estimates_chart(estimates, labels[metric]), estimates_download(estimates, labels[metric]),
                 "compare_many_groups", width="content")
    pairs = found.pairs[found.pairs["metric"] == metric]
    st.subheader(tr("compare.many.pairs"))
    st.caption(tr("compare.many.pairs_help"))
    pairs_table(pairs, group)


def omnibus_table(found: ManyGroups, metric_label) -> pd.DataFrame:
    """One row per metric in words (metric, test, groups, answers, statistic, p-values, verdict, finding)."""
    table = found.omnibus
    return pd.DataFrame({
        "metric": table["metric"], "label": table["metric"].map(metric_label),
        "test_label": table["test"].map(lambda code: tr(f"test.{code}")), "groups": table["groups"], "n": table["n"],
        "statistic": table["statistic"], "p_text": table["p_value"].map(text.p_text),
        "p_holm_text": table["p_holm"].map(text.p_text),
        "verdict": [tr(f"compare.many.verdict.{verdict(row)}") if verdict(row) != "untestable"
                    else tr("compare.verdict.untestable") for _, row in table.iterrows()],
        "finding_text": table["finding"].map(text.say)})


def estimates_chart(estimates: pd.DataFrame, label: str) -> charts.Figure:
    """Every group's value of one metric as a dot with its 95% interval, groups in their order."""
    unit = estimates["unit"].iloc[0]
    data = estimates.dropna(subset=["value"])
    order = data["group_label"].tolist()
    base = alt.Chart(charts.named("groups")).encode(
        y=alt.Y("group_label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)))
    tooltip = [alt.Tooltip("group_label:N", title=tr("compare.many.group")),
               alt.Tooltip("value:Q", title=label, format=".2f"),
               alt.Tooltip("low:Q", title=tr("compare.low"), format=".2f"),
               alt.Tooltip("high:Q", title=tr("compare.high"), format=".2f"),
               alt.Tooltip("n:Q", title="n", format=",")]
    axis = tr(f"compare.many.axis.{unit}" if unit in ("nps", "share") else "compare.many.axis.scale")
    interval = base.mark_rule(strokeWidth=2, color=BLUE).encode(
        x=alt.X("low:Q", title=axis, scale=alt.Scale(zero=False)), x2=alt.X2("high"), tooltip=tooltip)
    dots = base.mark_circle(size=110, opacity=1, color=BLUE).encode(x=alt.X("value:Q"), tooltip=tooltip)
    spec = charts.layered([interval, dots], width=560, height=alt.Step(28))
    return charts.figure(spec, {"groups": data.drop(columns=["metric", "unit"])},
                         title=alt.TitleParams(tr("compare.many.chart_title", metric=label), anchor="start",
                                               fontSize=16, offset=12))


def estimates_download(estimates: pd.DataFrame, label: str) -> pd.DataFrame:
    """The chart's data for the CSV download, headed in the session language."""
    return pd.DataFrame({tr("compare.metric"): label, tr("compare.many.group"): estimates["group_label"],
                         tr("compare.many.value"): estimates["value"], tr("compare.low"): estimates["low"],
                         tr("compare.high"): estimates["high"], "n": estimates["n"]})


def pairs_table(pairs: pd.DataFrame, group) -> None:
    """The pairs of one metric: both groups, the difference with its interval, the adjusted p and whether they differ."""
    shown = pd.DataFrame({
        "group_a": pairs["group_a"].map(group), "group_b": pairs["group_b"].map(group),
        "difference": pairs["difference"],
        "interval": [f"{low:+.2f} … {high:+.2f}" if pd.notna(low) else "—"
                     for low, high in zip(pairs["low"], pairs["high"])],
        "test_label": pairs["test"].map(lambda code: tr(f"test.{code}")),
        "p_adjusted": pairs["p_adjusted"].map(text.p_text),
        "differs": [tr("compare.many.pair.differs") if differs else tr("compare.many.pair.alike")
                    for differs in pairs["differs"]]})
    st.dataframe(shown, hide_index=True, width="stretch", height="content", column_config={
        "group_a": st.column_config.TextColumn(tr("compare.many.group_a")),
        "group_b": st.column_config.TextColumn(tr("compare.many.group_b")),
        "difference": st.column_config.NumberColumn(tr("compare.many.difference"), format="%+.2f"),
        "interval": st.column_config.TextColumn(tr("compare.interval"), width=125),
        "test_label": st.column_config.TextColumn(tr("compare.test")),
        "p_adjusted": st.column_config.TextColumn(tr("compare.many.p_adjusted")),
        "differs": st.column_config.TextColumn(tr("compare.verdict")),
    })
