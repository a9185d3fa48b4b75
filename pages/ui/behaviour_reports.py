"""The Behaviour page's analyst reports (GA4 / PostHog parity): retention cohorts as a heatmap, the funnel under a
conversion window and week by week, paths backward from a goal, and frustration signals per page and stage; with
the chart helpers the page shares (rates with their intervals in tooltips, small samples faded). Each section takes
``measure(report, *args)``, the cached report of the analysis (:func:`pages.ui.behaviour.measured`)."""
from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analysis import metrics
from analysis.behaviour.frustration import BACK_S, LOOP_S, SIGNALS
from analysis.behaviour.retention import PERIODS
from analysis.behaviour.trends import UNITS, window_seconds
from analysis.errors import InputError
from pages.ui import charts, text
from pages.ui.palette import BLUE, INK, ORANGE
from pages.ui.text import plain, tr, worded

SIGNAL_COLOURS = [ORANGE, BLUE, INK]
PAGES_SHOWN = 15


def interval(low: float, high: float, digits: int = 0) -> str:
    """``12–20``: a 95% interval, a dash when unknown."""
    return "—" if pd.isna(low) or pd.isna(high) else f"{low:.{digits}f}–{high:.{digits}f}"


def rate_tips(rate: str, low: str, high: str, title: str) -> list:
    """Tooltips of a rate in % and its 95% interval."""
    return [alt.Tooltip(f"{rate}:Q", title=title, format=".1f"),
            alt.Tooltip(f"{low}:Q", title=tr("journey.low"), format=".1f"),
            alt.Tooltip(f"{high}:Q", title=tr("journey.high"), format=".1f")]


def small_flags(small: pd.Series) -> pd.Series:
    """"small sample" where fewer than 30 are behind a figure, else empty (charts fade those bars)."""
    return small.map({True: tr("behaviour.small"), False: ""})


def faded():
    """Bars of small samples drawn faded."""
    return alt.condition("datum.small != ''", alt.value(0.45), alt.value(1.0))


# Retention ------------------------------------------------------------------------------------------------------

MAX_COHORTS = 26  # rows of the retention heatmap: half a year of weeks, two years of months
MAX_PERIODS = 12  # its columns after the cohort's own period


def retention_section(measure) -> None:
    """Cohorts by the week or month of the first visit, the share returning in each later period (heatmap, Wilson
    intervals on hover), titled with the pooled share coming back the next period."""
    st.subheader(tr("behaviour.retention"))
    period = st.segmented_control(tr("behaviour.retention.period"), PERIODS, default=PERIODS[0],
                                  key="behaviour_retention_period",
                                  format_func=worded(PERIODS, lambda p: tr(f"behaviour.retention.{p}"))) or PERIODS[0]
    table = measure("retention", period)
    later = table[table["period"] == 1]
    if later.empty:
        st.info(tr("behaviour.retention.none"))
        return
    back, size = int(later["visitors"].sum()), int(later["cohort_size"].sum())
    low, high = metrics.wilson(back, size)
    title = tr("behaviour.chart.retention_week" if period == "week" else "behaviour.chart.retention_month", share=f"{100 * back / size:.0f}",
               interval=interval(100 * low, 100 * high), n=f"{size:,}")
    fmt = "%Y-%m-%d" if period == "week" else "%Y-%m"
    data = table.assign(cohort_word=table["cohort"].dt.strftime(fmt),
                        period_word=[tr(f"behaviour.retention.{period}_n", k=k) for k in table["period"]],
                        label=[f"{share:.0f}%" for share in table["share"]], small=small_flags(table["small_sample"]))
    latest = sorted(data["cohort"].unique())[-MAX_COHORTS:]  # a log of years: the latest cohorts, the first periods
    drawn = data[data["cohort"].isin(latest) & (data["period"] <= MAX_PERIODS)]
    shown = drawn[["cohort_word", "period_word", "period", "share", "low", "high", "visitors", "cohort_size", "label",
                   "small"]]
    base = alt.Chart(charts.named("retention")).encode(
        x=alt.X("period_word:O", sort=alt.SortField("period"), title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cohort_word:O", title=tr("behaviour.retention.cohort")))
    tooltip = [alt.Tooltip("cohort_word:N", title=tr("behaviour.retention.cohort")),
               alt.Tooltip("period_word:N", title=tr("behaviour.retention.later")),
               *rate_tips("share", "low", "high", tr("behaviour.retention.share")),
               alt.Tooltip("visitors:Q", title=tr("behaviour.retention.returning"), format=","),
               alt.Tooltip("cohort_size:Q", title=tr("behaviour.retention.size"), format=","),
               alt.Tooltip("small:N", title=" ")]
    cells = base.mark_rect().encode(color=alt.Color("share:Q", title="%", scale=alt.Scale(domain=[0, 100],
                                                                                         scheme="blues")),
                                    tooltip=tooltip)
    labels = base.mark_text(baseline="middle").encode(
        text="label:N", color=alt.condition("datum.share > 50", alt.value("white"), alt.value(INK)), tooltip=tooltip)
    download = text.for_download(data, {
        "cohort_word": tr("behaviour.retention.cohort"), "period": tr("behaviour.retention.later"),
        "cohort_size": tr("behaviour.retention.size"), "visitors": tr("behaviour.retention.returning"),
        "share": tr("behaviour.retention.share"), "low": tr("journey.low"), "high": tr("journey.high")})
    charts.chart(charts.figure(charts.layered([cells, labels]), {"retention": shown}, title=title,
                               height=alt.Step(26)), download, "behaviour_retention")
    st.caption(tr("behaviour.retention.help"))
    if len(drawn) < len(data):
        st.caption(tr("behaviour.retention.cut", cohorts=f"{len(latest):,}", periods=f"{MAX_PERIODS:,}",
                      all_cohorts=f"{data['cohort'].nunique():,}"))


# The funnel in time ---------------------------------------------------------------------------------------------

def window_section(found, measure) -> None:
    """The funnel's reach within N minutes, hours or days of step 1, beside the reach with no limit."""
    st.markdown(f"**{tr('behaviour.window')}**")
    left, right = st.columns([1, 1])
    amount = left.number_input(tr("behaviour.window.amount"), min_value=1.0, value=30.0, step=5.0,
                               key="behaviour_window_amount")
    units = list(UNITS)
    unit = right.selectbox(tr("behaviour.window.unit"), units, key="behaviour_window_unit",
                           format_func=worded(units, lambda u: tr(f"behaviour.window.{u}")))
    try:
        within = measure("window_funnel", window_seconds(amount, unit))
    except InputError as err:
        text.show_error(err)
        return
    whole = found.funnel()
    limit = tr(f"behaviour.window.{unit}_n", n=f"{amount:g}")
    both = pd.concat([whole.assign(kind=tr("behaviour.window.any")), within.assign(kind=limit)], ignore_index=True)
    both["name"] = [f"{step}. {label}" for step, label in zip(both["step"], both["label"])]
    shown = both[["name", "kind", "sessions", "share", "share_low", "share_high"]]
    base = alt.Chart(charts.named("window")).encode(
        y=alt.Y("name:N", sort=both["name"].drop_duplicates().tolist(), title=None, axis=alt.Axis(labelLimit=260)),
        yOffset=alt.YOffset("kind:N"))
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X("share:Q", title=tr("behaviour.axis.reach"), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("kind:N", title=None, scale=alt.Scale(range=[BLUE, ORANGE]), legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("name:N", title=tr("behaviour.step")), alt.Tooltip("kind:N", title=" "),
                 alt.Tooltip("sessions:Q", title=tr("behaviour.sessions"), format=","),
                 *rate_tips("share", "share_low", "share_high", tr("behaviour.axis.reach"))])
    whiskers = base.mark_rule(color=INK).encode(x="share_low:Q", x2="share_high:Q")
    last = within.iloc[-1]
    title = tr("behaviour.chart.window", limit=limit, share=f"{last['share']:.0f}",
               interval=interval(last["share_low"], last["share_high"]), all=f"{whole['share'].iloc[-1]:.0f}")
    download = text.for_download(both, {"name": tr("behaviour.step"), "kind": tr("behaviour.window"),
                                        "sessions": tr("behaviour.sessions"), "share": tr("behaviour.axis.reach"),
                                        "share_low": tr("journey.low"), "share_high": tr("journey.high")})
    charts.chart(charts.figure(charts.layered([bars, whiskers]), {"window": shown}, title=title,
                               height={"step": 16}), download, "behaviour_window")
    st.caption(tr("behaviour.window.help"))


def trend_section(measure) -> None:
    """Finishing the funnel week by week, with intervals and the week-on-week changes tested (Holm)."""
    st.markdown(f"**{tr('behaviour.trend')}**")
    table = measure("trended_funnel")
    if len(table) < 2:
        st.caption(tr("behaviour.trend.one_week"))
        return
    data = table.assign(week_word=table["week"].dt.strftime("%Y-%m-%d"), small=small_flags(table["small_sample"]),
                        verdict=[tr("behaviour.trend.differs") if differs else "" for differs in table["differs"]])
    shown = data[["week_word", "rate", "low", "high", "entered", "completed", "change", "p_holm", "small", "verdict"]]
    base = alt.Chart(charts.named("trend")).encode(x=alt.X("week_word:O", title=tr("behaviour.trend.week"),
                                                           axis=alt.Axis(labelAngle=0)))
    tooltip = [alt.Tooltip("week_word:N", title=tr("behaviour.trend.week")),
               *rate_tips("rate", "low", "high", tr("behaviour.trend.rate")),
               alt.Tooltip("entered:Q", title=tr("behaviour.trend.entered"), format=","),
               alt.Tooltip("completed:Q", title=tr("behaviour.trend.completed"), format=","),
               alt.Tooltip("change:Q", title=tr("behaviour.trend.change"), format="+.1f"),
               alt.Tooltip("p_holm:Q", title=tr("behaviour.trend.p"), format=".3f"),
               alt.Tooltip("verdict:N", title=" ")]
    line = base.mark_line(color=BLUE, point=alt.OverlayMarkDef(color=BLUE, size=60)).encode(
        y=alt.Y("rate:Q", title=tr("behaviour.trend.rate")), tooltip=tooltip)
    band = base.mark_rule(color=INK).encode(y="low:Q", y2="high:Q", tooltip=tooltip)
    differs = int(table["differs"].sum())
    title = tr("behaviour.chart.trend_differs" if differs else "behaviour.chart.trend_same", weeks=len(table),
               n=differs)
    download = text.for_download(data, {
        "week_word": tr("behaviour.trend.week"), "entered": tr("behaviour.trend.entered"),
        "completed": tr("behaviour.trend.completed"), "rate": tr("behaviour.trend.rate"), "low": tr("journey.low"),
        "high": tr("journey.high"), "change": tr("behaviour.trend.change"), "p_value": "p",
        "p_holm": tr("behaviour.trend.p")})
    charts.chart(charts.figure(charts.layered([band, line]), {"trend": shown}, title=title, height=240), download,
                 "behaviour_trend")
    st.caption(tr("behaviour.trend.help"))


# Paths backward and frustration ---------------------------------------------------------------------------------

def before_section(found, measure) -> None:
    """What came before a goal (the last funnel step by default): the last page views before it, commonest first."""
    st.markdown(f"**{tr('behaviour.before')}**")
    choices = list(dict.fromkeys([*(step.label for step in reversed(found.steps)), *found.step_choices()]))
    goal = st.selectbox(tr("behaviour.before.goal"), choices, key="behaviour_before_goal",
                        help=tr("behaviour.before.goal_help"))
    table = measure("paths_before", goal)
    words = table.assign(path=table["path"].replace("(entry)", tr("behaviour.before.entry")))
    st.dataframe(pd.DataFrame({tr("behaviour.path"): words["path"], tr("behaviour.sessions"): words["sessions"],
                               tr("behaviour.share"): words["share"]}),
                 hide_index=True, width="stretch", height=min(36 * (len(table) + 1), 320), column_config={
                     tr("behaviour.share"): st.column_config.NumberColumn(format="%.1f%%")})
    st.caption(tr("behaviour.before.help", goal=plain(goal)))


def frustration_section(measure, stage_rules) -> None:
    """Page loops, rapid back-and-forth and dead ends: the share of sessions with each per journey stage (chart)
    and per page (table)."""
    st.subheader(tr("behaviour.frustration"))
    st.caption(tr("behaviour.frustration.help"))
    pages, stages = measure("frustration", LOOP_S, BACK_S, tuple(stage_rules))
    names = {signal: tr(f"behaviour.frustration.{signal}") for signal in SIGNALS}
    long = pd.concat([stages.assign(signal=names[signal], share=stages[f"{signal}_share"],
                                    low=stages[f"{signal}_low"], high=stages[f"{signal}_high"],
                                    hits=stages[signal]) for signal in SIGNALS], ignore_index=True)
    long = long[long["sessions"] > 0].assign(stage_word=lambda f: f["stage"].map(lambda s: tr(f"stage.{s}")),
                                             small=lambda f: small_flags(f["small_sample"]))
    if long.empty or not long["hits"].any():
        st.info(tr("behaviour.frustration.none"))
        return
    worst = long.sort_values(["share", "sessions"], ascending=False).iloc[0]
    title = tr("behaviour.chart.frustration", signal=worst["signal"], stage=worst["stage_word"],
               share=f"{worst['share']:.1f}", interval=interval(worst["low"], worst["high"], 1),
               n=f"{worst['sessions']:,}")
    shown = long[["stage_word", "signal", "share", "low", "high", "hits", "sessions", "small"]]
    base = alt.Chart(charts.named("frustration")).encode(
        y=alt.Y("stage_word:N", sort=stages["stage"].map(lambda s: tr(f"stage.{s}")).tolist(), title=None),
        yOffset=alt.YOffset("signal:N"))
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X("share:Q", title=tr("behaviour.frustration.share")),
        color=alt.Color("signal:N", title=None, scale=alt.Scale(domain=list(names.values()), range=SIGNAL_COLOURS),
                        legend=alt.Legend(orient="top")), opacity=faded(),
        tooltip=[alt.Tooltip("stage_word:N", title=tr("journey.stage")), alt.Tooltip("signal:N", title=" "),
                 *rate_tips("share", "low", "high", tr("behaviour.frustration.share")),
                 alt.Tooltip("hits:Q", title=tr("behaviour.frustration.sessions"), format=","),
                 alt.Tooltip("sessions:Q", title=tr("behaviour.sessions"), format=","),
                 alt.Tooltip("small:N", title=" ")])
    whiskers = base.mark_rule(color=INK).encode(x="low:Q", x2="high:Q")
    download = text.for_download(shown, {"stage_word": tr("journey.stage"), "signal": " ",
                                         "share": tr("behaviour.frustration.share"), "low": tr("journey.low"),
                                         "high": tr("journey.high"), "hits": tr("behaviour.frustration.sessions"),
                                         "sessions": tr("behaviour.sessions")})
    charts.chart(charts.figure(charts.layered([bars, whiskers]), {"frustration": shown}, title=title,
                               height={"step": 14}), download, "behaviour_frustration")
    top = pages.head(PAGES_SHOWN)
    st.dataframe(pd.DataFrame({tr("behaviour.page"): top["page"], tr("behaviour.sessions"): top["sessions"],
                               **{names[signal]: top[f"{signal}_share"] for signal in SIGNALS}}),
                 hide_index=True, width="stretch", height=min(36 * (len(top) + 1), 400), column_config={
                     names[signal]: st.column_config.NumberColumn(format="%.1f%%") for signal in SIGNALS})
