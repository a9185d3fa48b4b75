"""Behaviour page, a storyboard on web and app analytics exports: which files and how they are read, the
headline figures, the funnel and where it loses sessions (by segment, and where they go instead), exit pages,
figures by segment, paths and flows, and the journey stages sessions reach and leave at. A session-level table
(UCI Online Shoppers style) gets its own view."""
from __future__ import annotations

from dataclasses import replace
from functools import partial

import altair as alt
import pandas as pd
import streamlit as st

from analysis.behaviour.engine import LogBehaviour
from analysis.behaviour.funnel import segment_tests
from analysis.behaviour.report import Behaviour, session_rule_messages
from analysis.errors import InputError
from analysis.export import csv_bytes
from analysis.journey import STAGES
from pages.ui import access, charts, connected, files, kept, site, text, weighting
from pages.ui import behaviour as logs
from pages.ui import behaviour_reports as reports
from pages.ui.behaviour_reports import faded, interval, rate_tips, small_flags
from pages.ui.connected_db import InDatabase
from pages.ui.palette import BLUE, GREEN, INK, ORANGE
from pages.ui.text import plain, tr, worded
from pages.ui.words import known

SEGMENTS = ("channel", "device", "visitor_type")
BY = ("channel", "device", "visitor_type", "entry_page", "date")
WORDED = {"channel": lambda code: tr(f"channel.{code}"), "device": lambda code: tr(f"device.{code}"),
          "visitor_type": lambda code: tr(f"visitor_type.{code}")}  # the segments whose values are library codes
FLOW_STEPS = 4
FLOWS_SHOWN = 12
EXITS_SHOWN = 10
GROUPS_SHOWN = 12


def group_word(by: str, value) -> str:
    """A segment value in words: channels, devices and visitor types translated, other values as they are."""
    if by in WORDED and known(f"{by}.{value}"):
        return WORDED[by](value)
    return str(value)


def segment_name(by: str) -> str:
    return tr(f"behaviour.by.{by}")


def seconds(value: float) -> str:
    """Seconds as people read them: ``42 s``, ``3 min 5 s``; a dash when unknown."""
    if pd.isna(value):
        return "—"
    minutes, rest = divmod(round(value), 60)
    return tr("behaviour.seconds", s=rest) if not minutes else tr("behaviour.minutes", m=minutes, s=rest)


# Files and settings -----------------------------------------------------------------------------------------

def uploader() -> tuple:
    """The uploader (several files at once; editors only); the files in use."""
    files.uploader(files.EVENTS, tr("behaviour.upload"), help=tr("behaviour.upload_help"))
    srcs = files.logs()
    if srcs and srcs[0].sample:
        st.caption(tr("data.using_sample", name=plain(srcs[0].name)))
    elif access.editable():
        st.button(tr("data.use_sample"), key="use_sample_events", type="tertiary", icon=":material/undo:",
                  on_click=files.use_sample, args=(files.EVENTS,))
    return srcs


def empty_state() -> None:
    """What the page reads, when nothing is uploaded (to a viewer: that the project has no log)."""
    if not access.editable():
        st.info(tr("behaviour.empty_view"), icon=":material/visibility:")
        return
    st.info(tr("behaviour.empty"), icon=":material/upload_file:")
    st.markdown(tr("behaviour.empty_formats"))
    st.caption(tr("behaviour.empty_privacy"))


def settings(srcs: tuple) -> logs.Settings:
    """Session id column, session gap, bots, markers and page patterns, in an expander, starting from the kept
    settings."""
    saved = logs.settings(srcs)
    key = logs.files_key(srcs)
    box = st.expander(tr("behaviour.settings"), icon=":material/tune:")
    left, right = box.columns(2)
    headers, guess = logs.session_columns(srcs)
    options = ["", *headers]
    kept.prime(f"behaviour_session_{key}", guess if saved.session_column is None else saved.session_column)
    session_column = left.selectbox(tr("behaviour.session_column"), options, key=f"behaviour_session_{key}",
                                    help=tr("behaviour.session_column_help"), format_func=worded(
                                        options, lambda column: column or tr("behaviour.session_column_none")))
    kept.prime(f"behaviour_gap_{key}", float(saved.gap))
    gap = left.number_input(tr("behaviour.gap"), min_value=1.0, max_value=24 * 60.0, step=5.0,
                            key=f"behaviour_gap_{key}", help=tr("behaviour.gap_help"))
    kept.prime(f"behaviour_bots_{key}", saved.keep_bots)
    keep_bots = left.toggle(tr("behaviour.keep_bots"), key=f"behaviour_bots_{key}", help=tr("behaviour.keep_bots_help"))
    kept.prime(f"behaviour_patterns_{key}", "\n".join(saved.patterns))
    patterns = right.text_area(tr("behaviour.patterns"), key=f"behaviour_patterns_{key}", height=110,
                               help=tr("behaviour.patterns_help"), placeholder="/products/*\n/blogs/*")
    chosen = logs.Settings(gap=gap, keep_bots=keep_bots, markers=saved.markers,
                           patterns=tuple(line.strip() for line in patterns.splitlines() if line.strip()),
                           steps=saved.steps, conversion=saved.conversion,
                           session_column=None if session_column == guess else session_column)
    return chosen, box


def event_settings(box, srcs: tuple, chosen: logs.Settings, guess: Behaviour) -> logs.Settings:
    """Marker events, funnel steps (in the order picked) and conversion events, from the log's own names; ``guess``
    is the log read with the current markers and the library's guessed steps."""
    key = logs.files_key(srcs)
    names = guess.step_choices()
    markers_options = list(dict.fromkeys([*chosen.markers, *names]))
    kept.prime(f"behaviour_markers_{key}", list(chosen.markers))
    markers = box.multiselect(tr("behaviour.markers"), markers_options, key=f"behaviour_markers_{key}",
                              help=tr("behaviour.markers_help"))
    guessed_steps = [step.label for step in guess.steps]
    guessed_conversion = [step.label for step in guess.conversion]
    steps_key, conversion_key = f"behaviour_steps_{key}", f"behaviour_conversion_{key}"
    kept.prime(steps_key, list(chosen.steps if chosen.steps is not None else guessed_steps))
    kept.prime(conversion_key, list(chosen.conversion if chosen.conversion is not None else guessed_conversion))
    # Names picked before a settings change (page groups) stay choosable; one that matches nothing any more is
    # refused with its reason when the log is measured.
    options = list(dict.fromkeys([*guessed_steps, *guessed_conversion, *names, *st.session_state[steps_key],
                                  *st.session_state[conversion_key]]))
    steps = box.multiselect(tr("behaviour.steps"), options, key=steps_key, help=tr("behaviour.steps_help"),
                            placeholder=tr("behaviour.steps_placeholder"))
    conversion = box.multiselect(tr("behaviour.conversion"), options, key=conversion_key,
                                 help=tr("behaviour.conversion_help"))
    return replace(chosen, markers=tuple(markers), steps=None if steps == guessed_steps else tuple(steps),
                   conversion=None if conversion == guessed_conversion else tuple(conversion))


# Headline ---------------------------------------------------------------------------------------------------

def tile(column, label: str, metric, shown: str, half: str | None, help: str) -> None:
    """A bordered tile: value, ± half its 95% interval, and n (flagged when small)."""
    n = f"{metric.n:,}"
    column.metric(label, shown, delta=half, delta_arrow="off", border=True, help=help,
                  delta_color="orange" if metric.small_sample else "off",
                  delta_description=tr("tile.small_sample" if metric.small_sample else "tile.n", n=n))


def half_width(metric, digits: int = 1) -> str | None:
    if metric.low is None or metric.high is None or pd.isna(metric.low):
        return None
    return f"± {(metric.high - metric.low) / 2:.{digits}f}"


def headline(found: Behaviour, gap: float, table: str | None = None) -> None:
    """Tiles: visitors, sessions, bounce rate, pages per session, conversion and time on page, with their
    intervals; then which rule made the sessions, and the rows set aside, by reason (``table``: the events came
    from that table in a database, not from files)."""
    summary = found.summary()
    columns = st.columns(6)
    columns[0].metric(tr("behaviour.tile.visitors"), f"{summary['visitors']:,}", border=True,
                      help=tr("behaviour.tile.visitors_help"))
    columns[1].metric(tr("behaviour.tile.sessions"), f"{summary['sessions']:,}", border=True,
                      help=tr("behaviour.tile.sessions_help", gap=f"{gap:g}"))
    bounce, pages, time_on = summary["bounce_rate"], summary["pages_per_session"], summary["time_on_page_s"]
    tile(columns[2], tr("behaviour.tile.bounce"), bounce, f"{bounce.value:.1f}%", half_width(bounce),
         tr("behaviour.tile.bounce_help"))
    tile(columns[3], tr("behaviour.tile.pages"), pages, f"{pages.value:.2f}", half_width(pages, 2),
         tr("behaviour.tile.pages_help"))
    if found.conversion:
        conversion = summary["conversion"]
        tile(columns[4], tr("behaviour.tile.conversion"), conversion, f"{conversion.value:.1f}%",
             half_width(conversion), tr("behaviour.tile.conversion_help",
                                        events=text.listed(plain(step.label) for step in found.conversion)))
    else:
        columns[4].metric(tr("behaviour.tile.conversion"), "—", border=True, help=tr("behaviour.tile.no_conversion"))
    if time_on.value is None:
        columns[5].metric(tr("behaviour.tile.time"), "—", border=True, help=tr("behaviour.tile.time_help"))
    else:
        low, high = time_on.low, time_on.high  # no interval from a single timed view
        half = None if low is None or pd.isna(low) else "± " + tr("behaviour.seconds", s=f"{(high - low) / 2:,.0f}")
        tile(columns[5], tr("behaviour.tile.time"), time_on, tr("behaviour.seconds", s=f"{time_on.value:,.0f}"), half,
             tr("behaviour.tile.time_help"))
    events = f"{found.event_count():,}"
    notes = [tr("behaviour.read_table", events=events, table=plain(table)) if table is not None
             else tr("behaviour.read", events=events, files=len(found.files()))]
    excluded = found.excluded_counts()
    if excluded:
        notes.append(tr("behaviour.excluded", reasons=text.listed(
            f"{tr(f'reason.{reason}')} {count:,}" for reason, count in excluded.items())))
    st.caption(text.sentences(*(plain(text.say(message)) for message in session_rule_messages(found.session_by()))))
    st.caption(text.sentences(*notes))
    st.caption(tr("behaviour.filters_note"), help=tr("behaviour.filters_note_help"))


# Funnel -----------------------------------------------------------------------------------------------------

def funnel_section(found: Behaviour) -> bool:
    """Reach and drop-off per step with intervals and the median time between steps; False when there is no
    funnel to draw (fewer than two steps)."""
    st.subheader(tr("behaviour.funnel"))
    if len(found.steps) < 2:
        st.info(tr("behaviour.funnel_none"))
        return False
    table = found.funnel()
    data = table.assign(
        drop_text=[tr("behaviour.funnel.first", n=f"{n:,}") if step == 1 else
                   tr("behaviour.funnel.bar", n=f"{n:,}", drop=f"{drop:.0f}", time=seconds(median))
                   for step, n, drop, median in zip(table["step"], table["sessions"], table["drop_off"],
                                                    table["median_s_from_previous"])],
        drop_low=100 - table["previous_high"], drop_high=100 - table["previous_low"])
    data["name"] = [f"{step}. {label}" for step, label in zip(data["step"], data["label"])]
    later = data[data["step"] > 1]
    worst = later.loc[later["drop_off"].idxmax()]
    before = data.loc[data["step"] == worst["step"] - 1, "label"].iloc[0]
    title = tr("behaviour.chart.funnel", a=str(before), b=str(worst["label"]), drop=f"{worst['drop_off']:.0f}",
               interval=interval(worst["drop_low"], worst["drop_high"]), n=f"{worst['drop_off_sessions']:,}")
    shown = data[["name", "share", "share_low", "share_high", "sessions", "drop_off", "drop_low", "drop_high",
                  "median_s_from_previous", "drop_text"]]
    base = alt.Chart(charts.named("funnel")).encode(
        y=alt.Y("name:N", sort=data["name"].tolist(), title=None, axis=alt.Axis(labelLimit=260)))
    tooltip = [alt.Tooltip("name:N", title=tr("behaviour.step")),
               alt.Tooltip("sessions:Q", title=tr("behaviour.sessions"), format=","),
               *rate_tips("share", "share_low", "share_high", tr("behaviour.axis.reach")),
               alt.Tooltip("drop_off:Q", title=tr("behaviour.drop_off"), format=".1f"),
               alt.Tooltip("median_s_from_previous:Q", title=tr("behaviour.median_s"), format=",.0f")]
    bars = base.mark_bar(color=BLUE, cornerRadiusEnd=3).encode(
        x=alt.X("share:Q", title=tr("behaviour.axis.reach"), scale=alt.Scale(domain=[0, 135]),
                 axis=alt.Axis(values=list(range(0, 101, 20)))), tooltip=tooltip)
    whiskers = base.mark_rule(color=INK).encode(x="share_low:Q", x2="share_high:Q")
    labels = base.mark_text(align="left", dx=6, color=INK).encode(x="share_high:Q", text="drop_text:N")
    download = text.for_download(data, {
        "step": tr("behaviour.step"), "label": tr("behaviour.step_name"), "sessions": tr("behaviour.sessions"),
        "share": tr("behaviour.axis.reach"), "share_low": tr("journey.low"), "share_high": tr("journey.high"),
        "of_all": tr("behaviour.of_all"), "from_previous": tr("behaviour.from_previous"),
        "drop_off": tr("behaviour.drop_off"), "drop_low": tr("behaviour.drop_low"), "drop_high": tr("behaviour.drop_high"),
        "drop_off_sessions": tr("behaviour.drop_off_sessions"), "median_s_from_previous": tr("behaviour.median_s")})
    charts.chart(charts.figure(charts.layered([bars, whiskers, labels]), {"funnel": shown}, title=title,
                               height=alt.Step(44)), download, "behaviour_funnel")
    st.caption(tr("behaviour.funnel_help", entered=f"{table['sessions'].iloc[0]:,}",
                  share=f"{table['of_all'].iloc[0]:.0f}"))
    return True


def segment_section(found: Behaviour) -> None:
    """Going on from step to step by channel, device or new/returning, with the tests as one Holm family."""
    st.markdown(f"**{tr('behaviour.by_segment_funnel')}**")
    by = st.segmented_control(tr("behaviour.segment"), SEGMENTS, format_func=worded(SEGMENTS, segment_name),
                              default=SEGMENTS[1], key="behaviour_funnel_by") or SEGMENTS[1]
    table = found.funnel_by(by)
    tests = segment_tests(table)
    data = table.assign(group_word=[group_word(by, g) for g in table["group"]],
                        name=[f"{step}. {label}" for step, label in zip(table["step"], table["label"])],
                        small=small_flags(table["small_sample"]))
    shown = data[["name", "group_word", "rate", "low", "high", "previous", "reached", "small"]]
    steps = list(dict.fromkeys(data["name"]))
    base = alt.Chart(charts.named("segments")).encode(
        y=alt.Y("name:N", sort=steps, title=None, axis=alt.Axis(labelLimit=260)), yOffset=alt.YOffset("group_word:N"))
    tooltip = [alt.Tooltip("name:N", title=tr("behaviour.step")), alt.Tooltip("group_word:N", title=segment_name(by)),
               *rate_tips("rate", "low", "high", tr("behaviour.went_on")),
               alt.Tooltip("reached:Q", title=tr("behaviour.sessions"), format=","),
               alt.Tooltip("previous:Q", title=tr("behaviour.previous"), format=","),
               alt.Tooltip("small:N", title=" ")]
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X("rate:Q", title=tr("behaviour.went_on"), scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("group_word:N", title=segment_name(by), legend=alt.Legend(orient="top")),
        opacity=faded(), tooltip=tooltip)
    whiskers = base.mark_rule(color=INK).encode(x="low:Q", x2="high:Q")
    tested = len(tests)
    differing = tests[tests["differs"]]
    if not tested:
        title = tr("behaviour.chart.segments_untested", by=segment_name(by))
    elif len(differing):
        title = tr("behaviour.chart.segments_differ", by=segment_name(by), k=len(differing), n=tested)
    else:
        title = tr("behaviour.chart.segments_same", by=segment_name(by), n=tested)
    download = text.for_download(data, {"step": tr("behaviour.step"), "label": tr("behaviour.step_name"),
                                        "group_word": segment_name(by), "previous": tr("behaviour.previous"),
                                        "reached": tr("behaviour.sessions"), "rate": tr("behaviour.went_on"),
                                        "low": tr("journey.low"), "high": tr("journey.high"),
                                        "small_sample": tr("behaviour.small")})
    groups = data["group"].nunique()
    charts.chart(charts.figure(charts.layered([bars, whiskers]), {"segments": shown}, title=title,
                               height={"step": 14 if groups > 3 else 20}), download, f"behaviour_funnel_{by}")
    st.markdown(segment_verdict(by, tests))


def segment_verdict(by: str, tests: pd.DataFrame) -> str:
    """The tests in words: how many steps differ after Holm's adjustment, and for each, who goes on most and least."""
    if tests.empty:
        return tr("behaviour.verdict.untested", by=segment_name(by))
    lines = [tr("behaviour.verdict.family", n=len(tests), by=segment_name(by))]
    for row in tests.itertuples():
        lines.append("- " + tr("behaviour.verdict.differs" if row.differs else "behaviour.verdict.within_noise",
                               step=plain(row.label), high=plain(group_word(by, row.highest)),
                               high_rate=f"{row.highest_rate:.0f}", low=plain(group_word(by, row.lowest)),
                               low_rate=f"{row.lowest_rate:.0f}", test=tr(f"test.{row.test}"),
                               p=text.p_text(row.p_value), p_holm=text.p_text(row.p_holm)))
    return "\n".join(lines)


def after_drop_section(found: Behaviour) -> None:
    """Where sessions went after the last step they reached: the next pages, per step."""
    paths = found.paths_after_drop()
    st.markdown(f"**{tr('behaviour.after_drop')}**")
    if paths.empty:
        st.caption(tr("behaviour.after_drop_none"))
        return
    st.caption(tr("behaviour.after_drop_help"))
    shown = pd.DataFrame({tr("behaviour.stopped_at"): [f"{step}. {label}" for step, label in
                                                       zip(paths["step"], paths["label"])],
                          tr("behaviour.next_pages"): paths["path"].replace("(exit)", tr("behaviour.exit")),
                          tr("behaviour.sessions"): paths["sessions"], tr("behaviour.share"): paths["share"]})
    st.dataframe(shown, hide_index=True, width="stretch", column_config={
        tr("behaviour.share"): st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)})


# Pages, segments, paths -------------------------------------------------------------------------------------

def exit_section(found: Behaviour) -> pd.DataFrame:
    """Exit pages: exit rate with its interval for the pages most sessions leave from, small samples faded; the
    whole table below. Returns the page table."""
    st.subheader(tr("behaviour.exits"))
    pages = found.pages()
    top = pages.head(EXITS_SHOWN).assign(small=lambda t: small_flags(t["small_sample"]))
    shown = top[["page", "exits", "views", "exit_rate", "exit_low", "exit_high", "small"]]
    base = alt.Chart(charts.named("exits")).encode(y=alt.Y("page:N", sort=top["page"].tolist(), title=None,
                                                           axis=alt.Axis(labelLimit=280)))
    bars = base.mark_bar(color=ORANGE, cornerRadiusEnd=3).encode(
        x=alt.X("exit_rate:Q", title=tr("behaviour.exit_rate"), scale=alt.Scale(domain=[0, 100])),
        opacity=faded(),
        tooltip=[alt.Tooltip("page:N", title=tr("behaviour.page")),
                 alt.Tooltip("exits:Q", title=tr("behaviour.exits_n"), format=","),
                 alt.Tooltip("views:Q", title=tr("behaviour.views"), format=","),
                 *rate_tips("exit_rate", "exit_low", "exit_high", tr("behaviour.exit_rate")),
                 alt.Tooltip("small:N", title=" ")])
    whiskers = base.mark_rule(color=INK).encode(x="exit_low:Q", x2="exit_high:Q")
    first = top.iloc[0]
    title = tr("behaviour.chart.exits", page=str(first["page"]), exits=f"{first['exits']:,}",
               rate=f"{first['exit_rate']:.0f}", interval=interval(first["exit_low"], first["exit_high"]))
    charts.chart(charts.figure(charts.layered([bars, whiskers]), {"exits": shown}, title=title, height=alt.Step(26)),
                 page_download(pages), "behaviour_exit_pages")
    st.dataframe(pd.DataFrame({
        tr("behaviour.page"): pages["page"], tr("behaviour.views"): pages["views"],
        tr("behaviour.entries"): pages["entries"], tr("behaviour.exits_n"): pages["exits"],
        tr("behaviour.exit_rate"): pages["exit_rate"], tr("behaviour.interval"): [
            interval(low, high) for low, high in zip(pages["exit_low"], pages["exit_high"])],
        tr("behaviour.time_on_page"): [seconds(value) for value in pages["time_on_page_s"]],
        tr("behaviour.time_interval"): [time_interval(low, high) for low, high in zip(pages["time_low"],
                                                                                      pages["time_high"])],
        tr("behaviour.time_n"): pages["time_n"],
        tr("behaviour.small"): pages["small_sample"].map({True: "⚠", False: ""})}),
        hide_index=True, width="stretch", height=300, column_config={
            tr("behaviour.exit_rate"): st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)})
    st.caption(tr("behaviour.exits_help"))
    return pages


def time_interval(low: float, high: float) -> str:
    """A time-on-page interval; its lower end is never below 0 s (a t interval on very few views can be)."""
    return "—" if pd.isna(low) or pd.isna(high) else f"{seconds(max(low, 0))} – {seconds(high)}"


def page_download(pages: pd.DataFrame) -> pd.DataFrame:
    return text.for_download(pages, {
        "page": tr("behaviour.page"), "views": tr("behaviour.views"), "entries": tr("behaviour.entries"),
        "exits": tr("behaviour.exits_n"), "exit_rate": tr("behaviour.exit_rate"), "exit_low": tr("journey.low"),
        "exit_high": tr("journey.high"), "time_on_page_s": tr("behaviour.time_on_page_s"),
        "time_low": tr("behaviour.time_low"), "time_high": tr("behaviour.time_high"), "time_n": tr("behaviour.time_n"),
        "small_sample": tr("behaviour.small")})


def by_section(found: Behaviour) -> None:
    """Bounce, pages per session and conversion per channel, device, visitor type, landing page or date."""
    st.subheader(tr("behaviour.by"))
    by = st.segmented_control(tr("behaviour.segment"), BY, format_func=worded(BY, segment_name), default=BY[0],
                              key="behaviour_by") or BY[0]
    table = found.by_segment(by)
    table = table.assign(group_word=[group_word(by, g) for g in table["group"]])
    top = table.head(GROUPS_SHOWN) if by != "date" else table
    shown = top[["group_word", "sessions", "bounce_rate", "bounce_low", "bounce_high", "conversion_rate"]]
    base = alt.Chart(charts.named("by")).encode(
        y=alt.Y("group_word:N", sort=top["group_word"].tolist(), title=None, axis=alt.Axis(labelLimit=260)))
    bars = base.mark_bar(color=BLUE, cornerRadiusEnd=3).encode(
        x=alt.X("bounce_rate:Q", title=tr("behaviour.tile.bounce"), scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("group_word:N", title=segment_name(by)),
                 alt.Tooltip("sessions:Q", title=tr("behaviour.sessions"), format=","),
                 *rate_tips("bounce_rate", "bounce_low", "bounce_high", tr("behaviour.tile.bounce")),
                 alt.Tooltip("conversion_rate:Q", title=tr("behaviour.tile.conversion"), format=".1f")])
    whiskers = base.mark_rule(color=INK).encode(x="bounce_low:Q", x2="bounce_high:Q")
    large = top[~top["small_sample"]]
    worst = (large if len(large) else top).sort_values("bounce_rate", ascending=False).iloc[0]
    title = tr("behaviour.chart.by", group=worst["group_word"], rate=f"{worst['bounce_rate']:.0f}",
               interval=interval(worst["bounce_low"], worst["bounce_high"]), n=f"{worst['sessions']:,}")
    download = text.for_download(table, {
        "group_word": segment_name(by), "sessions": tr("behaviour.sessions"), "visitors": tr("behaviour.tile.visitors"),
        "bounce_rate": tr("behaviour.tile.bounce"), "bounce_low": tr("journey.low"), "bounce_high": tr("journey.high"),
        "pages_per_session": tr("behaviour.tile.pages"), "pages_low": tr("behaviour.pages_low"),
        "pages_high": tr("behaviour.pages_high"), "conversion_rate": tr("behaviour.tile.conversion"),
        "conversion_low": tr("behaviour.conversion_low"), "conversion_high": tr("behaviour.conversion_high"),
        "small_sample": tr("behaviour.small")})
    charts.chart(charts.figure(charts.layered([bars, whiskers]), {"by": shown}, title=title, height=alt.Step(24)),
                 download, f"behaviour_by_{by}")
    st.dataframe(pd.DataFrame({
        segment_name(by): table["group_word"], tr("behaviour.sessions"): table["sessions"],
        tr("behaviour.tile.bounce"): table["bounce_rate"],
        tr("behaviour.bounce_interval"): [interval(lo, hi) for lo, hi in zip(table["bounce_low"], table["bounce_high"])],
        tr("behaviour.tile.pages"): table["pages_per_session"],
        tr("behaviour.tile.conversion"): table["conversion_rate"],
        tr("behaviour.conversion_interval"): [interval(lo, hi, 1) for lo, hi in
                                              zip(table["conversion_low"], table["conversion_high"])],
        tr("behaviour.small"): table["small_sample"].map({True: "⚠", False: ""})}),
        hide_index=True, width="stretch", height=min(36 * (len(table) + 1), 320), column_config={
            tr("behaviour.tile.bounce"): st.column_config.NumberColumn(format="%.1f%%"),
            tr("behaviour.tile.pages"): st.column_config.NumberColumn(format="%.2f"),
            tr("behaviour.tile.conversion"): st.column_config.NumberColumn(format="%.1f%%")})


def paths_section(found: Behaviour) -> None:
    """The most common page paths from entry, and the flows of the first steps."""
    st.subheader(tr("behaviour.paths"))
    paths = found.paths()
    st.markdown(f"**{tr('behaviour.top_paths')}**")
    st.dataframe(pd.DataFrame({tr("behaviour.path"): paths["path"], tr("behaviour.sessions"): paths["sessions"],
                               tr("behaviour.share"): paths["share"]}),
                 hide_index=True, width="stretch", height=280, column_config={
                     tr("behaviour.share"): st.column_config.NumberColumn(format="%.1f%%")})
    flow_chart(found)


def flow_chart(found: Behaviour) -> None:
    """The flows of the first steps, one step at a time: the commonest moves from a page to the next (or out)."""
    flows = found.flows(FLOW_STEPS)
    steps = sorted(flows["step"].unique().tolist())
    words = worded(steps, lambda k: tr("behaviour.flow_step_n", k=k, next=k + 1))
    step = st.segmented_control(tr("behaviour.flow_step"), steps, default=steps[0], key="behaviour_flow_step",
                                format_func=words) or steps[0]
    part = flows[flows["step"] == step].sort_values("sessions", ascending=False)
    total = int(part["sessions"].sum())
    top = part.head(FLOWS_SHOWN)
    exit_word = tr("behaviour.exit")
    data = top.assign(to_word=top["to_page"].replace("(exit)", exit_word),
                      share=100 * top["sessions"] / max(total, 1),
                      move=[f"{a} → {b}" for a, b in zip(top["from_page"], top["to_page"].replace("(exit)", exit_word))],
                      leaves=top["to_page"] == "(exit)")
    shown = data[["move", "from_page", "to_word", "sessions", "share", "leaves"]]
    base = alt.Chart(charts.named("flows")).encode(y=alt.Y("move:N", sort=data["move"].tolist(), title=None,
                                                           axis=alt.Axis(labelLimit=300)))
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("sessions:Q", title=tr("behaviour.sessions")),
        color=alt.Color("leaves:N", scale=alt.Scale(domain=[False, True], range=[BLUE, ORANGE]), legend=None),
        tooltip=[alt.Tooltip("from_page:N", title=tr("behaviour.from_page")),
                 alt.Tooltip("to_word:N", title=tr("behaviour.to_page")),
                 alt.Tooltip("sessions:Q", title=tr("behaviour.sessions"), format=","),
                 alt.Tooltip("share:Q", title=tr("behaviour.share"), format=".1f")])
    first = data.iloc[0]
    title = tr("behaviour.chart.flows", move=str(first["move"]), share=f"{first['share']:.0f}", k=step)
    download = text.for_download(flows.assign(to_page=flows["to_page"].replace("(exit)", exit_word)), {
        "step": tr("behaviour.step"), "from_page": tr("behaviour.from_page"), "to_page": tr("behaviour.to_page"),
        "sessions": tr("behaviour.sessions")})
    charts.chart(charts.figure(charts.layered([bars]), {"flows": shown}, title=title, height=alt.Step(22)),
                 download, "behaviour_flows")


# Into the journey ---------------------------------------------------------------------------------------------

def stage_map(srcs: tuple) -> list[tuple[str, str]]:
    """The editable page pattern -> journey stage rules (first match wins), kept per set of files."""
    words = {stage: tr(f"stage.{stage}") for stage in STAGES}
    codes = {word: stage for stage, word in words.items()}
    key = f"behaviour_stage_map_{logs.files_key(srcs)}_{text.lang()}"
    bases = st.session_state.setdefault("_behaviour_stage_bases", {})
    if key not in st.session_state or key not in bases:  # a fresh editor starts from the rules kept so far
        bases[key] = logs.rules(srcs)
    frame = pd.DataFrame({"pattern": [p for p, _ in bases[key]], "stage": [words[s] for _, s in bases[key]]})
    with st.expander(tr("behaviour.stage_map"), icon=":material/route:"):
        st.caption(tr("behaviour.stage_map_help"))
        if not access.editable():
            st.dataframe(frame, hide_index=True, width="stretch", column_config={
                "pattern": tr("behaviour.pattern"), "stage": tr("journey.stage")})
            return list(bases[key])
        edited = st.data_editor(frame, key=key, hide_index=True, num_rows="dynamic", width="stretch", column_config={
            "pattern": st.column_config.TextColumn(tr("behaviour.pattern"), required=True),
            "stage": st.column_config.SelectboxColumn(tr("journey.stage"), options=list(codes), required=True)})
        st.button(tr("behaviour.stage_map_reset"), key=f"{key}_reset", icon=":material/restart_alt:",
                  on_click=reset_stage_map, args=(srcs, key))
    chosen = [(str(pattern).strip(), codes[stage]) for pattern, stage in zip(edited["pattern"], edited["stage"])
              if isinstance(pattern, str) and pattern.strip() and stage in codes]
    logs.keep_rules(srcs, chosen)
    return chosen


def reset_stage_map(srcs: tuple, key: str) -> None:
    """Button callback: back to the default stage rules."""
    logs.keep_rules(srcs, list(logs.DEFAULT_RULES))
    st.session_state.pop(key, None)


def stages_section(srcs: tuple, chosen: logs.Settings) -> None:
    """Per journey stage: the share of sessions that reach it and the share of those that leave the journey there."""
    st.subheader(tr("behaviour.journey"))
    st.caption(tr("behaviour.journey_help"))
    stage_rules = stage_map(srcs)
    table = logs.stages(srcs, chosen, stage_rules)
    data = table.assign(stage_word=table["stage"].map(lambda s: tr(f"stage.{s}")),
                        small=small_flags(table["small_sample"]))
    long = pd.concat([data.assign(measure=tr("behaviour.axis.reach_all"), rate=data["reach"], low=data["reach_low"],
                                  high=data["reach_high"]),
                      data.assign(measure=tr("behaviour.axis.leave"), rate=data["drop_off"], low=data["drop_low"],
                                  high=data["drop_high"])], ignore_index=True)
    long = long[long["sessions"] > 0][["stage_word", "measure", "rate", "low", "high", "sessions", "exits", "small"]]
    if long.empty:
        st.info(tr("behaviour.journey_none"))
        return
    stage_words = data["stage_word"].tolist()
    base = alt.Chart(charts.named("stages")).encode(y=alt.Y("stage_word:N", sort=stage_words, title=None),
                                                    yOffset=alt.YOffset("measure:N"))
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X("rate:Q", title="%", scale=alt.Scale(domain=[0, 100])),
        color=alt.Color("measure:N", title=None, scale=alt.Scale(range=[BLUE, ORANGE]), legend=alt.Legend(orient="top")),
        opacity=faded(),
        tooltip=[alt.Tooltip("stage_word:N", title=tr("journey.stage")), alt.Tooltip("measure:N", title=" "),
                 *rate_tips("rate", "low", "high", "%"),
                 alt.Tooltip("sessions:Q", title=tr("behaviour.sessions"), format=","),
                 alt.Tooltip("exits:Q", title=tr("behaviour.exits_n"), format=","), alt.Tooltip("small:N", title=" ")])
    whiskers = base.mark_rule(color=INK).encode(x="low:Q", x2="high:Q")
    large = data[~data["small_sample"] & (data["sessions"] > 0)]
    if len(large):
        worst = large.sort_values(["drop_off", "sessions"], ascending=False).iloc[0]
        title = tr("behaviour.chart.stages", stage=worst["stage_word"], rate=f"{worst['drop_off']:.0f}",
                   interval=interval(worst["drop_low"], worst["drop_high"]), n=f"{worst['sessions']:,}")
    else:
        title = tr("behaviour.chart.stages_small")
    download = text.for_download(data, {
        "stage_word": tr("journey.stage"), "sessions": tr("behaviour.sessions"), "reach": tr("behaviour.axis.reach_all"),
        "reach_low": tr("journey.low"), "reach_high": tr("journey.high"), "exits": tr("behaviour.exits_n"),
        "drop_off": tr("behaviour.axis.leave"), "drop_low": tr("behaviour.drop_low"),
        "drop_high": tr("behaviour.drop_high"), "small_sample": tr("behaviour.small")})
    charts.chart(charts.figure(charts.layered([bars, whiskers]), {"stages": long}, title=title,
                               height={"step": 16}), download, "behaviour_stages")
    site.link("journey", tr("behaviour.to_journey"), ":material/route:")


def downloads(found: Behaviour, pages: pd.DataFrame, big: bool) -> None:
    """Sessions, funnel and pages as CSV (formulas neutralised); no sessions table for a log read in place by DuckDB
    (``big``: a big upload, else a connected log)."""
    st.subheader(tr("behaviour.downloads"))
    files = []
    if isinstance(found, LogBehaviour):  # one row per session would bring the whole log's sessions into memory
        st.caption(tr("behaviour.big_upload_no_sessions" if big else "behaviour.connected_no_sessions"))
    else:
        files.append((tr("behaviour.download.sessions"), found.sessions.drop(columns=["session"]),
                      "behaviour_sessions.csv"))
    if found.steps:
        files.append((tr("behaviour.download.funnel"), found.funnel(), "behaviour_funnel.csv"))
    files.append((tr("behaviour.download.pages"), pages, "behaviour_pages.csv"))
    with st.container(horizontal=True):
        for label, table, name in files:
            st.download_button(label, data=lambda table=table: csv_bytes(table), file_name=name, mime="text/csv",
                               on_click="ignore", icon=":material/download:", key=f"behaviour_download_{name}")


# Session tables -----------------------------------------------------------------------------------------------

def session_table_view(name: str, summary: dict) -> None:
    """A session-level table: bounce, exit and conversion overall and by visitor type and month, with intervals."""
    st.caption(tr("behaviour.table_kind", file=plain(name), n=f"{summary['sessions']:,}"))
    columns = st.columns(4)
    columns[0].metric(tr("behaviour.tile.sessions"), f"{summary['sessions']:,}", border=True)
    for column, key, label, help in ((columns[1], "bounce_rate", tr("behaviour.tile.mean_bounce"),
                                      tr("behaviour.tile.mean_bounce_help")),
                                     (columns[2], "exit_rate", tr("behaviour.tile.mean_exit"),
                                      tr("behaviour.tile.mean_exit_help")),
                                     (columns[3], "conversion", tr("behaviour.tile.conversion"),
                                      tr("behaviour.tile.table_conversion_help"))):
        metric = summary[key]
        if metric is None or metric.value is None:
            column.metric(label, "—", border=True, help=help)
        else:
            tile(column, label, metric, f"{metric.value:.1f}%", half_width(metric), help)
    st.caption(tr("behaviour.table_help"))
    for column, table in summary["by"].items():
        table_by(column, table)


def table_by(column: str, table: pd.DataFrame) -> None:
    """Conversion (Wilson) and mean bounce and exit rates (t intervals) per value of ``column``, with the test."""
    st.subheader(tr("behaviour.table_by", column=plain(column)))
    data = table.assign(group=table["group"].astype(str),
                        small=small_flags(table["small_sample"]))
    measures = {"conversion": tr("behaviour.tile.conversion"), "bounce": tr("behaviour.tile.mean_bounce"),
                "exit": tr("behaviour.tile.mean_exit")}
    long = pd.concat([data.assign(measure=word, rate=data[f"{code}_rate"], low=data[f"{code}_low"],
                                  high=data[f"{code}_high"]) for code, word in measures.items()], ignore_index=True)
    long = long.dropna(subset=["rate"])[["group", "measure", "rate", "low", "high", "sessions", "small"]]
    groups = data["group"].tolist()
    base = alt.Chart(charts.named("table_by")).encode(y=alt.Y("group:N", sort=groups, title=None),
                                                      yOffset=alt.YOffset("measure:N"))
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X("rate:Q", title="%"),
        color=alt.Color("measure:N", title=None, sort=list(measures.values()),
                        scale=alt.Scale(range=[GREEN, BLUE, ORANGE]), legend=alt.Legend(orient="top")),
        opacity=faded(),
        tooltip=[alt.Tooltip("group:N", title=column), alt.Tooltip("measure:N", title=" "),
                 *rate_tips("rate", "low", "high", "%"),
                 alt.Tooltip("sessions:Q", title=tr("behaviour.sessions"), format=","), alt.Tooltip("small:N", title=" ")])
    whiskers = base.mark_rule(color=INK).encode(x="low:Q", x2="high:Q")
    converting = data.dropna(subset=["conversion_rate"])
    large = converting[~converting["small_sample"]]
    if len(converting):
        best = (large if len(large) else converting).sort_values("conversion_rate", ascending=False).iloc[0]
        title = tr("behaviour.chart.table_by", group=best["group"], rate=f"{best['conversion_rate']:.1f}",
                   interval=interval(best["conversion_low"], best["conversion_high"], 1), n=f"{best['sessions']:,}")
    else:
        title = tr("behaviour.chart.table_by_none", column=column)
    download = text.for_download(table, {
        "group": column, "sessions": tr("behaviour.sessions"), "bounce_rate": tr("behaviour.tile.mean_bounce"),
        "bounce_low": tr("behaviour.bounce_low"), "bounce_high": tr("behaviour.bounce_high"),
        "exit_rate": tr("behaviour.tile.mean_exit"), "exit_low": tr("behaviour.exit_low"),
        "exit_high": tr("behaviour.exit_high"), "conversions": tr("behaviour.conversions"),
        "conversion_rate": tr("behaviour.tile.conversion"), "conversion_low": tr("behaviour.conversion_low"),
        "conversion_high": tr("behaviour.conversion_high"), "small_sample": tr("behaviour.small")})
    charts.chart(charts.figure(charts.layered([bars, whiskers]), {"table_by": long}, title=title,
                               height={"step": 12}), download, f"behaviour_table_{column}")
    test = table.attrs.get("test")
    if test:
        st.caption(tr("behaviour.table_test_differs" if test["p_value"] < 0.05 else "behaviour.table_test_same",
                      column=plain(column), test=tr(f"test.{test['test']}"), p=text.p_text(test["p_value"])))


# The page -----------------------------------------------------------------------------------------------------

st.title(tr("nav.behaviour"))
weighting.not_applied("events")
try:
    linked = connected.current()
except InputError as err:
    text.show_error(err)
    connected.disconnect_button()
    st.stop()
if linked is not None:
    srcs = (linked,)
    connected.shown(linked)
else:
    srcs = logs.engine_sources(uploader())
    connected.control()
if not srcs:
    empty_state()
    st.stop()
try:
    with st.spinner(tr("behaviour.working")):
        table = logs.session_table(srcs)
except InputError as err:
    text.show_error(err)
    st.stop()
if table is not None:
    session_table_view(table[0].name, table[1])
    st.stop()
if linked is None:
    st.caption(tr("behaviour.files", files=text.listed(plain(name) for name in logs.names(srcs))))
logs.big_note(srcs)
try:
    chosen, settings_box = settings(srcs)  # reads a connected log's first rows, checking its files again first
    with st.spinner(logs.working(srcs)):
        read = logs.guessed(srcs, chosen)
        chosen = event_settings(settings_box, srcs, chosen, read)
        found = logs.analysis(srcs, chosen)
except InputError as err:
    text.show_error(err)
    st.stop()
logs.keep_settings(srcs, chosen)
headline(found, chosen.gap, linked.table if isinstance(linked, InDatabase) else None)
measure = partial(logs.measured, srcs, chosen)
if funnel_section(found):
    segment_section(found)
    after_drop_section(found)
    reports.window_section(found, measure)
    reports.trend_section(measure)
exit_pages = exit_section(found)
by_section(found)
reports.retention_section(measure)
paths_section(found)
reports.before_section(found, measure)
try:
    stages_section(srcs, chosen)
    reports.frustration_section(measure, logs.rules(srcs))
except InputError as err:
    text.show_error(err)
downloads(found, exit_pages, logs.big_upload(srcs))
