"""Compare page: two groups of respondents side by side on every metric, with significance tests."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from pages.ui import charts, filters, shell, state, text, tiles
from pages.ui.text import plain, tr

shell.inside_app()

UNITS = {"nps": "nps", "csat": "share", "satisfied": "share"}  # everything else: points on its rating scale
TESTS = {"Welch t": "welch", "two-proportion z": "proportions", "bootstrap": "bootstrap"}
SIGNIFICANT = "#D55E00"
NOT_SIGNIFICANT = "#9AA5B1"
TOP_FINDINGS = 5
PANEL_WIDTH = 640


def metric_label(metric: str) -> str:
    return tr(f"metric.{metric}") if metric in tiles.HEADLINE_METRICS else metric


def unit_of(metric: str) -> str:
    return UNITS.get(metric, "mean")


def number(value: float, unit: str) -> str:
    """A value or difference as shown in sentences: points with 2 decimals on rating scales, else 1."""
    return f"{value:.2f}" if unit == "mean" else f"{value:.1f}"


def test_label(test: str) -> str:
    code = TESTS.get(test)
    return tr(f"compare.test.{code}") if code else test


def effect_text(label) -> str:
    return tr(f"compare.effect.{label}") if isinstance(label, str) else "—"


def sentence(row) -> str:
    """The finding of one comparison in the session language, built from its numbers."""
    unit = unit_of(row.metric)
    values = dict(metric=metric_label(row.metric), a=row.group_a, b=row.group_b,
                  n_a=f"{row.n_a:,}", n_b=f"{row.n_b:,}")
    if pd.isna(row.p_value):
        return tr("compare.untestable", **values)
    values.update(size=number(abs(row.difference), unit), unit=tr(f"compare.unit.{unit}"),
                  test=test_label(row.test), p=text.p_text(row.p_value), effect=effect_text(row.effect_label))
    if row.difference == 0:
        line = tr("compare.same", **values)
    elif row.difference > 0:
        line = tr("compare.higher", **values)
    else:
        line = tr("compare.lower", **values)
    if not row.significant:
        verdict = tr("compare.verdict_noise", **values)
    elif row.effect_label == "negligible":
        verdict = tr("compare.verdict_negligible", **values)
    else:
        verdict = tr("compare.verdict_real", **values)
    small = [f"{group} (n = {n:,})" for group, n in ((row.group_a, row.n_a), (row.group_b, row.n_b))
             if n < 30]
    caution = tr("compare.small_sample", groups=", ".join(small)) if small else ""
    return text.sentences(line, verdict, caution)


def difference_chart(table: pd.DataFrame, a: str, b: str) -> charts.Figure:
    """Differences (A - B) with 95% intervals, one panel per unit, significant ones highlighted."""
    data = table.assign(
        label=table["metric"].map(metric_label),
        unit=table["metric"].map(lambda metric: tr(f"compare.axis.{unit_of(metric)}", a=a, b=b)),
        verdict=table["significant"].map({True: tr("compare.significant"), False: tr("compare.not_significant")}),
        p_text=table["p_value"].map(text.p_text),
        effect=table["effect_label"].map(effect_text),
        test_label=table["test"].map(test_label),
    )
    panels, datasets = [], {"zero": pd.DataFrame({"zero": [0]})}
    for unit in dict.fromkeys(data["unit"]):
        part = data[data["unit"] == unit].dropna(subset=["difference"])
        if part.empty:
            continue
        order = part.sort_values("difference")["label"].tolist()
        name = f"panel{len(panels)}"
        datasets[name] = part
        base = alt.Chart(charts.named(name)).encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)))
        color = alt.Color("verdict:N", title=None, legend=alt.Legend(orient="top"),
                          scale=alt.Scale(domain=[tr("compare.significant"), tr("compare.not_significant")],
                                          range=[SIGNIFICANT, NOT_SIGNIFICANT]))
        tooltip = [alt.Tooltip("label:N", title=tr("compare.metric")),
                   alt.Tooltip("value_a:Q", title=a, format=".2f"), alt.Tooltip("value_b:Q", title=b, format=".2f"),
                   alt.Tooltip("difference:Q", title=tr("compare.difference"), format="+.2f"),
                   alt.Tooltip("low:Q", title=tr("compare.low"), format="+.2f"),
                   alt.Tooltip("high:Q", title=tr("compare.high"), format="+.2f"),
                   alt.Tooltip("p_text:N", title=tr("compare.p_value")),
                   alt.Tooltip("effect:N", title=tr("compare.effect")),
                   alt.Tooltip("effect_size:Q", title=tr("compare.effect_size"), format="+.2f"),
                   alt.Tooltip("test_label:N", title=tr("compare.test")),
                   alt.Tooltip("n_a:Q", title=f"n ({a})", format=","),
                   alt.Tooltip("n_b:Q", title=f"n ({b})", format=",")]
        zero = alt.Chart(charts.named("zero")).mark_rule(color="#52606D").encode(x=alt.X("zero:Q"))
        interval = base.mark_rule(strokeWidth=2).encode(
            x=alt.X("low:Q", title=unit), x2=alt.X2("high"), color=color, tooltip=tooltip)
        dots = base.mark_circle(size=110, opacity=1).encode(x=alt.X("difference:Q"), color=color, tooltip=tooltip)
        panels.append(charts.layered([zero, interval, dots], width=PANEL_WIDTH, height=alt.Step(24)))
    spec = {"vconcat": panels, "spacing": 28, "resolve": {"scale": {"x": "independent"}}} if len(panels) > 1 \
        else panels[0]
    significant = table[table["significant"]]
    if len(significant):
        top = significant.loc[significant["effect_size"].abs().idxmax()]
        heading = tr("compare.chart_title", count=len(significant), total=len(table), a=a, b=b,
                     metric=metric_label(top["metric"]), effect=effect_text(top["effect_label"]))
    else:
        heading = tr("compare.chart_title_none", total=len(table), a=a, b=b)
    return charts.figure(spec, datasets, title=alt.TitleParams(heading, anchor="start", fontSize=16, offset=12))


def side_by_side(table: pd.DataFrame, a: str, b: str) -> None:
    shown = table.assign(
        metric=table["metric"].map(metric_label),
        test=table["test"].map(test_label),
        effect_label=table["effect_label"].map(effect_text),
        p_value=table["p_value"].map(text.p_text),
        p_holm=table["p_holm"].map(text.p_text),
        interval=[f"{low:+.2f} … {high:+.2f}" if pd.notna(low) else "—" for low, high in zip(table["low"], table["high"])],
    )
    st.dataframe(
        shown, hide_index=True, width="stretch", height="content",
        column_order=["metric", "value_a", "n_a", "value_b", "n_b", "difference", "interval", "p_value",
                      "p_holm", "effect_label", "significant"],
        column_config={
            "metric": st.column_config.TextColumn(tr("compare.metric"), pinned=True),
            "value_a": st.column_config.NumberColumn(a, format="%.2f", help=tr("compare.value_help")),
            "n_a": st.column_config.NumberColumn(f"n ({a})", format="localized"),
            "value_b": st.column_config.NumberColumn(b, format="%.2f", help=tr("compare.value_help")),
            "n_b": st.column_config.NumberColumn(f"n ({b})", format="localized"),
            "difference": st.column_config.NumberColumn(f"{a} − {b}", format="%+.2f", help=tr("compare.difference")),
            "interval": st.column_config.TextColumn(tr("compare.interval"), width=125),
            "p_value": st.column_config.TextColumn(tr("compare.p_value")),
            "p_holm": st.column_config.TextColumn(tr("compare.p_holm"), help=tr("compare.p_holm_help")),
            "effect_label": st.column_config.TextColumn(tr("compare.effect"), help=tr("compare.effect_size_help")),
            "significant": st.column_config.CheckboxColumn(tr("compare.significant_short"), width=72,
                                                          help=tr("compare.significant_help")),
        })


URL_PARAMS = {"compare_by": "cmp", "compare_a": "ga", "compare_b": "gb"}


def from_link(key: str, values) -> None:
    """On a first visit, start the widget ``key`` on the value a shared link names, if it is one of ``values``."""
    wanted = st.query_params.get(URL_PARAMS[key])
    if key not in st.session_state and wanted in values:
        st.session_state[key] = wanted
        if key == "compare_by":
            st.session_state["compare_by_seen"] = wanted


def group_picker(by: str, values: list[str], defaults: list[str]) -> tuple[str, str]:
    """Two selectboxes for the groups, starting on the link's groups or else the two largest."""
    chosen = []
    for column, side, default in zip(st.columns(2), ("a", "b"), defaults):
        key = f"compare_{side}"
        from_link(key, values)
        if st.session_state.get(key) not in values or st.session_state.get("compare_by_seen") != by:
            st.session_state[key] = default
        chosen.append(column.selectbox(tr(f"compare.group.{side}"), values, key=key))
    st.session_state["compare_by_seen"] = by
    return chosen[0], chosen[1]


def keep_in_link(**values: str) -> None:
    """Write the comparison into the page's URL, so the link reopens the same one."""
    for key, value in values.items():
        if st.query_params.get(URL_PARAMS[key]) != value:
            st.query_params[URL_PARAMS[key]] = value


st.title(tr("nav.compare"))
src = state.source("survey")
st.caption(tr("journey.source", name=plain(src.name)))
try:
    choices = state.filter_choices(src)
    result = state.filtered(src)
except Exception as err:
    text.show_error(err)
    st.page_link("pages/data.py", label=tr("journey.fix_on_data"), icon=":material/table_view:")
    st.stop()
filters.filter_note(src)
st.caption(tr("compare.intro"))
segments = choices["segments"]
if result.rows_used == 0:
    st.warning(tr("filter.nothing_left"), icon=":material/filter_alt_off:")
    st.stop()
if not segments:
    st.info(tr("heatmap.no_segments"))
    st.stop()

from_link("compare_by", segments)
by = st.selectbox(tr("compare.by"), list(segments), key="compare_by", width=420)
defaults, problem = state.analysis(src, "compare_defaults", by)
if problem:
    st.info(plain(text.say(problem)))
    st.stop()
a, b = group_picker(by, segments[by], list(defaults))
keep_in_link(compare_by=by, compare_a=a, compare_b=b)
if a == b:
    st.warning(tr("compare.same_group"))
    st.stop()
with st.spinner(tr("compare.working")):
    table, problem = state.analysis(src, "compare", by, (a, b))
if problem:
    st.info(plain(text.say(problem)))
    st.stop()

significant = table[table["significant"]].assign(size=table["effect_size"].abs()).sort_values("size", ascending=False)
st.subheader(tr("compare.findings", a=plain(a), b=plain(b)))
st.markdown(tr("compare.summary", count=len(significant), total=len(table), a=plain(a), b=plain(b)))
if len(significant):
    st.markdown("\n".join(f"- {plain(sentence(row))}" for row in significant.head(TOP_FINDINGS).itertuples()))
with st.expander(tr("compare.all_findings"), icon=":material/list:"):
    st.markdown("\n".join(f"- {plain(sentence(row))}" for row in table.itertuples()))
    st.caption(tr("compare.multiple_testing"))

st.subheader(tr("compare.differences"))
charts.chart(difference_chart(table, a, b), table, "compare", width="content")
st.subheader(tr("compare.table"))
side_by_side(table, a, b)
