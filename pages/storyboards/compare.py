"""Compare page: two groups of respondents side by side on every metric, with significance tests."""
from __future__ import annotations

import dataclasses

import altair as alt
import pandas as pd
import streamlit as st

from analysis.compare import EVERYONE_ELSE, NAMED, Thresholds, amount, summary
from analysis.errors import InputError
from analysis.messages import Message
from analysis.segments import is_banded, parse_edges, segment_labels, segment_order
from pages.ui import analyses, banner, charts, customers, many_groups, personas, preamble, text, waves
from pages.ui.palette import RULE, VERDICTS as COLORS
from pages.ui.text import plain, tr

TOP_FINDINGS = 5
PANEL_WIDTH = 640
URL_PARAMS = {"compare_by": "cmp", "compare_a": "ga", "compare_b": "gb"}
PERSONA = "persona"  # the "Compare groups of" choice that compares personas (named so in a shared link)
LINKED_TWO = "compare_linked_two"  # whether the session opened Compare from a link that names two groups


def metric_label(metric: str) -> str:
    return tr(f"metric.{metric}") if metric in NAMED else page.label(metric)


def verdict(row) -> str:
    """The verdict code of one comparison: matters, too_small, noise or untestable."""
    if pd.isna(row["p_value"]):
        return "untestable"
    if not row["significant"]:
        return "noise"
    return "matters" if row["matters"] is True else "too_small"


def readable(table: pd.DataFrame) -> pd.DataFrame:
    """The comparison with its codes in words (metric, test, verdict, finding): for the chart, the table and the CSV."""
    data = table.assign(
        label=table["metric"].map(metric_label),
        test_label=table["test"].map(lambda code: tr(f"test.{code}")),
        verdict=[tr(f"compare.verdict.{verdict(row)}") for _, row in table.iterrows()],
        verdict_code=[verdict(row) for _, row in table.iterrows()],
        p_text=table["p_value"].map(text.p_text),
        p_holm_text=table["p_holm"].map(text.p_text),
        threshold_text=[amount(value, unit) for value, unit in zip(table["threshold"], table["unit"])],
        finding_text=table["finding"].map(text.say),
    )
    data.attrs = {}  # Streamlit serialises attrs with a grid or chart; the comparison's are shown in words
    return data


def difference_chart(data: pd.DataFrame, a: str, b: str) -> charts.Figure | None:
    """Differences (A - B) with 95% intervals, one panel per unit, coloured by verdict; None when nothing was tested."""
    panels, datasets = [], {"zero": pd.DataFrame({"zero": [0]})}
    verdicts = [code for code in COLORS if code in set(data["verdict_code"])]
    color = alt.Color("verdict:N", title=None, legend=alt.Legend(orient="top"),
                      scale=alt.Scale(domain=[tr(f"compare.verdict.{code}") for code in verdicts],
                                      range=[COLORS[code] for code in verdicts]))
    for unit in dict.fromkeys(data["unit"]):
        part = data[(data["unit"] == unit)].dropna(subset=["low"])
        if part.empty:
            continue
        name = f"panel{len(panels)}"
        datasets[name] = part.drop(columns="finding")
        base = alt.Chart(charts.named(name)).encode(
            y=alt.Y("label:N", sort=part.sort_values("difference")["label"].tolist(), title=None,
                    axis=charts.label_axis()))
        tooltip = [alt.Tooltip("label:N", title=tr("compare.metric")),
                   alt.Tooltip("value_a:Q", title=a, format=".2f"), alt.Tooltip("value_b:Q", title=b, format=".2f"),
                   alt.Tooltip("difference:Q", title=tr("compare.difference"), format="+.2f"),
                   alt.Tooltip("low:Q", title=tr("compare.low"), format="+.2f"),
                   alt.Tooltip("high:Q", title=tr("compare.high"), format="+.2f"),
                   alt.Tooltip("p_text:N", title=tr("compare.p_value")),
                   alt.Tooltip("p_holm_text:N", title=tr("compare.p_holm")),
                   alt.Tooltip("threshold_text:N", title=tr("compare.threshold")),
                   alt.Tooltip("verdict:N", title=tr("compare.verdict")),
                   alt.Tooltip("test_label:N", title=tr("compare.test")),
                   alt.Tooltip("n_a:Q", title=f"n ({a})", format=","),
                   alt.Tooltip("n_b:Q", title=f"n ({b})", format=",")]
        zero = alt.Chart(charts.named("zero")).mark_rule(color=RULE).encode(x=alt.X("zero:Q"))
        interval = base.mark_rule(strokeWidth=2).encode(
            x=alt.X("low:Q", title=tr(f"compare.axis.{unit}", a=a, b=b)), x2=alt.X2("high"), color=color,
            tooltip=tooltip)
        dots = base.mark_circle(size=110, opacity=1).encode(x=alt.X("difference:Q"), color=color, tooltip=tooltip)
        panels.append(charts.layered([zero, interval, dots], width=PANEL_WIDTH, height=alt.Step(24)))
    if not panels:
        return None
    spec = {"vconcat": panels, "spacing": 28, "resolve": {"scale": {"x": "independent"}}} if len(panels) > 1 \
        else panels[0]
    differs = data[data["significant"]]
    tested = int(data["p_value"].notna().sum())
    if len(differs):
        top = differs.loc[(differs["difference"].abs() / differs["threshold"]).idxmax()]
        heading = tr("compare.chart_title", count=len(differs), total=tested, a=a, b=b, metric=top["label"])
    else:
        heading = tr("compare.chart_title_none", total=tested, a=a, b=b)
    return charts.figure(spec, datasets, title=alt.TitleParams(heading, anchor="start", fontSize=16, offset=12))


def side_by_side(data: pd.DataFrame, a: str, b: str) -> None:
    shown = data.drop(columns="finding").assign(interval=[f"{low:+.2f} … {high:+.2f}" if pd.notna(low) else "—"
                                  for low, high in zip(data["low"], data["high"])])
    weighted = "effective_n_a" in shown.columns  # tested at each group's effective n, shown beside n
    st.dataframe(
        shown, hide_index=True, width="stretch", height="content",
        column_order=["label", "value_a", "n_a", *(["effective_n_a"] if weighted else []), "value_b", "n_b",
                      *(["effective_n_b"] if weighted else []), "difference", "interval", "p_text", "p_holm_text",
                      "threshold_text", "verdict"],
        column_config={
            "effective_n_a": st.column_config.NumberColumn(tr("compare.effective_n", group=a), format="%.0f",
                                                           help=tr("compare.effective_n_help")),
            "effective_n_b": st.column_config.NumberColumn(tr("compare.effective_n", group=b), format="%.0f",
                                                           help=tr("compare.effective_n_help")),
            "label": st.column_config.TextColumn(tr("compare.metric"), pinned=True),
            "value_a": st.column_config.NumberColumn(a, format="%.2f", help=tr("compare.value_help")),
            "n_a": st.column_config.NumberColumn(f"n ({a})", format="localized"),
            "value_b": st.column_config.NumberColumn(b, format="%.2f", help=tr("compare.value_help")),
            "n_b": st.column_config.NumberColumn(f"n ({b})", format="localized"),
            "difference": st.column_config.NumberColumn(f"{a} − {b}", format="%+.2f", help=tr("compare.difference_help")),
            "interval": st.column_config.TextColumn(tr("compare.interval"), width=125),
            "p_text": st.column_config.TextColumn(tr("compare.p_value")),
            "p_holm_text": st.column_config.TextColumn(tr("compare.p_holm"), help=tr("compare.p_holm_help")),
            "threshold_text": st.column_config.TextColumn(tr("compare.threshold"), help=tr("compare.threshold_help")),
            "verdict": st.column_config.TextColumn(tr("compare.verdict")),
        })


def download_table(data: pd.DataFrame) -> pd.DataFrame:
    """The comparison for the CSV download: words in the session language, no internal codes."""
    columns = {"label": tr("compare.metric"), "group_a": tr("compare.group.a"), "value_a": "A", "n_a": "n (A)",
               "group_b": tr("compare.group.b"), "value_b": "B", "n_b": "n (B)", "difference": tr("compare.difference"),
               "low": tr("compare.low"), "high": tr("compare.high"), "test_label": tr("compare.test"),
               "statistic": "z / t", "p_value": tr("compare.p_value"), "p_holm": tr("compare.p_holm"),
               "threshold": tr("compare.threshold"), "effect_size": tr("compare.effect_size"),
               "verdict": tr("compare.verdict"), "finding_text": tr("compare.finding")}
    return data[list(columns)].rename(columns=columns)


def from_link(key: str, values) -> None:
    """On a first visit, start the widget ``key`` on the value a shared link names, if it is one of ``values``."""
    wanted = st.query_params.get(URL_PARAMS[key])
    if key not in st.session_state and wanted in values:
        st.session_state[key] = wanted
        if key == "compare_by":
            st.session_state["compare_by_seen"] = wanted


def group_picker(by: str, values: list[str], defaults: list[str], label=str) -> tuple[str, str]:
    """Two selectboxes for the groups, starting on the link's groups or else the two largest."""
    chosen = []
    for column, side, default in zip(st.columns(2), ("a", "b"), defaults):
        key = f"compare_{side}"
        from_link(key, values)
        if st.session_state.get(key) not in values or st.session_state.get("compare_by_seen") != by:
            st.session_state[key] = default
        chosen.append(column.selectbox(tr(f"compare.group.{side}"), values, key=key, format_func=label))
    st.session_state["compare_by_seen"] = by
    return chosen[0], chosen[1]


def keep_in_link(**values: str) -> None:
    """Write the comparison into the page's URL, so the link reopens the same one."""
    for key, value in values.items():
        if st.query_params.get(URL_PARAMS[key]) != value:
            st.query_params[URL_PARAMS[key]] = value


def group_order(values: pd.Series, edges) -> list[str]:
    """The groups of a customer attribute in order (bands low to high, values sorted)."""
    return segment_order(segment_labels(values, edges), values, edges)


def band_edges(by: str, values: pd.Series) -> tuple | None:
    """Band edges typed for a numeric column (None: its quartiles); nothing is asked for other columns."""
    if not is_banded(values):
        return None
    typed = st.text_input(tr("compare.edges"), key=f"compare_edges_{by}", placeholder=tr("compare.edges_placeholder"),
                          help=tr("compare.edges_help"), width=420)
    return parse_edges(typed)


def thresholds_picker(money: bool = False) -> Thresholds:
    """The practical-importance thresholds, editable in an expander (defaults documented in the README).

    ``money`` asks for the share of the mean that matters for customer value instead of NPS and rating scales.
    """
    default = Thresholds()
    with st.expander(tr("compare.thresholds"), icon=":material/straighten:"):
        st.caption(tr("compare.thresholds_help"))
        if money:
            left, right = st.columns(2)
            share = left.number_input(tr("compare.threshold.share"), 0.0, 100.0, default.share, 1.0,
                                      key="compare_min_share")
            relative = right.number_input(tr("compare.threshold.relative"), 0.0, 10.0, default.relative, 0.01,
                                          format="%.2f", key="compare_min_relative",
                                          help=tr("compare.threshold.relative_help"))
            return Thresholds(share=share, relative=relative)
        left, middle, right = st.columns(3)
        nps = left.number_input(tr("compare.threshold.nps"), 0.0, 200.0, default.nps, 1.0, key="compare_min_nps")
        share = middle.number_input(tr("compare.threshold.share"), 0.0, 100.0, default.share, 1.0,
                                    key="compare_min_share")
        scale = right.number_input(tr("compare.threshold.scale"), 0.0, 1.0, default.scale, 0.01, format="%.2f",
                                   key="compare_min_scale", help=tr("compare.threshold.scale_help"))
    return Thresholds(nps=nps, share=share, scale=scale)


def show(table: pd.DataFrame) -> None:
    """A comparison: the summary, the differences that matter, every finding, the chart and the table."""
    names = table.attrs.get("names") or {}
    a, b = (names.get(group, group) for group in table.attrs["groups"])
    a, b = (text.say(name) if isinstance(name, Message) else name for name in (a, b))
    st.subheader(tr("compare.findings", a=plain(a), b=plain(b)))
    st.markdown(plain(text.say(summary(table))))
    formed = table.attrs.get("formed_by")
    if formed:
        st.caption(tr("compare.formed_by", n=len(formed), metrics=text.quoted_list(
            [tr(f"metric.{metric}") if metric in NAMED else page.label(metric) for metric in formed])))
    if table.empty:
        return
    data = readable(table)
    matters = data[data["verdict_code"] == "matters"]
    if len(matters):
        ranked = matters.assign(size=matters["difference"].abs() / matters["threshold"]).sort_values("size",
                                                                                                      ascending=False)
        st.markdown(tr("compare.top"))
        st.markdown("\n".join(f"- {plain(line)}" for line in ranked["finding_text"].head(TOP_FINDINGS)))
    with st.expander(tr("compare.all_findings"), icon=":material/list:"):
        st.markdown("\n".join(f"- {plain(line)}" for line in data["finding_text"]))
        st.caption(tr("compare.multiple_testing"))
    figure = difference_chart(data, a, b)
    if figure is not None:
        st.subheader(tr("compare.differences"))
        charts.chart(figure, download_table(data), "compare", width="content")
    st.subheader(tr("compare.table"))
    side_by_side(data, a, b)
    charts.table_pin(download_table(data), tr("compare.findings", a=a, b=b), "compare_table")


def compared(compute, shown=show) -> None:
    """Show (with ``shown``) the comparison ``compute()`` makes, or say why it cannot be made."""
    try:
        with st.spinner(tr("compare.working")):
            table = compute()
    except InputError as err:
        st.info(plain(text.say(err.message)))
        return
    shown(table)


def show_many(found) -> None:
    many_groups.show_many(found, metric_label)


def all_groups(count: int) -> bool:
    """Whether to compare all ``count`` groups at once (asked when there are three or more)."""
    return count >= 3 and many_groups.mode_picker(count, st.session_state[LINKED_TWO]) == "all"


def compare_respondents(segments: dict) -> None:
    """Two groups of survey respondents (or two personas, or one and everyone else) on every metric and touchpoint."""
    in_use = personas.in_use(page.src) is not None
    columns = [*segments, *([PERSONA] if in_use else [])]
    from_link("compare_by", columns)
    persona_word = tr("compare.persona")  # looked up now: widgets may format options outside the script run
    by = st.selectbox(tr("compare.by"), columns, key="compare_by", width=420,
                      format_func=lambda column: persona_word if column == PERSONA else page.label(column))
    if not in_use:
        st.caption(tr("compare.persona_hint"))
    if by == PERSONA:
        compare_persona_groups()
        return
    edges = band_edges(by, page.result.responses[by])
    try:
        options = analyses.group_options(page.selection, by, edges)
        defaults = analyses.default_groups(page.selection, by, edges)
    except InputError as err:
        st.info(plain(text.say(err.message)))
        return
    if all_groups(len(options)):
        keep_in_link(compare_by=by)
        compared(lambda: analyses.many_comparison(page.selection, by, edges), show_many)
        return
    waves_in_order = waves.in_wave_order(page.src, by, options)
    if waves_in_order:  # the waves as they came, starting on the previous and the latest
        options, defaults = waves_in_order, waves_in_order[-2:]
    a, b = group_picker(by, options, list(defaults))
    keep_in_link(compare_by=by, compare_a=a, compare_b=b)
    if a == b:
        st.warning(tr("compare.same_group"))
        return
    thresholds = thresholds_picker()
    compared(lambda: analyses.comparison(page.selection, by, (a, b), thresholds, edges))


def compare_persona_groups() -> None:
    """A persona against everyone else, or against another persona (the personas last found on the Personas page)."""
    found = personas.in_use(page.src)
    selection = page.selection
    if page.filters.rows:  # the sidebar's persona filter would leave one persona to compare
        selection = analyses.select(page.src, dataclasses.replace(page.filters, rows=[]))
        st.caption(tr("compare.persona_filter_set_aside"))
    if all_groups(len(found.names)):
        keep_in_link(compare_by=PERSONA)
        compared(lambda: analyses.persona_many_comparison(selection, found.assignments, found.names,
                                                          found.features), show_many)
        return
    values = [*(str(number) for number in range(1, len(found.names) + 1)), EVERYONE_ELSE]
    words = {str(number): name for number, name in enumerate(found.names, start=1)} | {
        EVERYONE_ELSE: tr("compare.rest")}
    a, b = group_picker(PERSONA, values, ["1", EVERYONE_ELSE], lambda group: words.get(group, group))
    keep_in_link(compare_by=PERSONA, compare_a=a, compare_b=b)
    if a == b:
        st.warning(tr("compare.same_group"))
        return
    if a == EVERYONE_ELSE:
        st.warning(tr("compare.persona_first"))
        return
    thresholds = thresholds_picker()
    compared(lambda: analyses.persona_comparison(selection, found.assignments, found.names, int(a) - 1,
                                                 None if b == EVERYONE_ELSE else int(b) - 1, thresholds,
                                                 found.features))


def compare_customers(src) -> None:
    """Two groups of customers of a transaction export on value, order value, frequency and repeat buying."""
    st.caption(tr("compare.intro"))
    try:
        found = customers.view(src)
    except Exception as err:
        text.show_error(err)
        return
    attributes = found.attributes
    from_link("compare_by", attributes)
    buying = tr("customers.segment")  # looked up now: widgets may format options outside the script run
    by = st.selectbox(tr("compare.by"), attributes, key="compare_by", width=420,
                      format_func=lambda column: buying if column == "segment" else column)
    edges = band_edges(by, found.values[by])
    thresholds = thresholds_picker(money=True)
    try:
        defaults = customers.comparison(src, by, None, thresholds, edges)
    except InputError as err:
        st.info(plain(text.say(err.message)))
        return
    options = [group for group in group_order(found.values[by], edges) if group]
    words = {group: tr(f"segment.{group}") for group in options} if by == "segment" else {}
    a, b = group_picker(by, options, defaults.attrs["groups"], lambda group: words.get(group, group))
    keep_in_link(compare_by=by, compare_a=a, compare_b=b)
    if a == b:
        st.warning(tr("compare.same_group"))
        return
    compared(lambda: customers.comparison(src, by, (a, b), thresholds, edges))


page = preamble.survey_page(tr("nav.compare"), compare_customers)
st.session_state.setdefault(LINKED_TWO, URL_PARAMS["compare_a"] in st.query_params)
st.caption(tr("compare.intro"))
segments = analyses.filter_choices(page.src)["segments"]
if not segments and personas.in_use(page.src) is None:
    st.info(tr("heatmap.no_segments"))
else:
    compare_respondents(segments)
banner.section(page, segments)
