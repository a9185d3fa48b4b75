"""Waves of the survey: on the Data page, add another export of the same questionnaire as a wave (its label, the
matching table the researcher corrects), see the waves and remove one; on the Journey page, every metric per wave
with its interval and a mark where the change from the previous wave is significant.

The waves are kept per survey (its digest) by the ``waves`` feature of :mod:`pages.ui.files`, each wave's file
stored in the project like any upload, so a view link or a new session reopens them; the survey in use is then the
stacked one (:class:`pages.ui.files.Waves`), which every page reads, with the wave as an attribute column.
"""
from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.metric_registry import BY_NAME
from analysis.waves import RULES, match_columns, stacked_export, wave_column_name
from pages.ui import access, analyses, charts, files, palette, text
from pages.ui.cache import cached
from pages.ui.files import Source, Waves
from pages.ui.text import plain, tr

UPLOAD_KEY = "waves_upload_generation"
UP, DOWN = "▲", "▼"
LABEL_WIDTH = 40


def base_of(src: Source) -> Source:
    """The survey's first wave (the file itself when it has no waves)."""
    return src.data.base if isinstance(src.data, Waves) else src


def column_of(src: Source) -> str | None:
    """The column holding each response's wave (None when the survey has no waves)."""
    if not isinstance(src.data, Waves):
        return None
    return wave_column_name(files.load(src.data.base).frame.columns)


def in_wave_order(src: Source, by: str, groups: list[str]) -> list[str] | None:
    """``groups`` of the column ``by`` in the order of the survey's waves when ``by`` is its wave column (None
    otherwise): Compare then offers the waves as they came and starts on the last two."""
    if by != column_of(src):
        return None
    kept = _kept(base_of(src))
    order = [kept["label"], *(label for label, _, _ in kept["waves"])]
    return sorted(groups, key=lambda group: order.index(group) if group in order else len(order))


def _kept(base: Source) -> dict:
    return files.WAVES.get(base.digest) or {"label": tr("waves.first_label"), "waves": ()}


def _proposed(base: Source, wave: Source) -> pd.DataFrame:
    return cached(("wave_match", base.digest, wave.digest), lambda: match_columns(files.load(base), files.load(wave)))


# Data page -------------------------------------------------------------------------------------------------

def data_section() -> None:
    """The survey's waves (a table; editors also get the matching of each, its removal and the Add-a-wave flow)."""
    base = base_of(files.source("survey"))
    kept = _kept(base)
    st.subheader(tr("waves.title"))
    if kept["waves"]:
        _listed(base, kept)
        left_out(files.source("survey"))
    else:
        st.caption(tr("waves.none"))
    if access.editable():
        with st.expander(tr("waves.add"), icon=":material/library_add:"):
            _add_flow(base, kept)


def _listed(base: Source, kept: dict) -> None:
    rows = [{"label": kept["label"], "file": base.name, "rows": len(files.load(base).frame), "used": None, "left": None}]
    for label, src, pairs in kept["waves"]:
        used = sum(target is not None for _, target in pairs)
        rows.append({"label": label, "file": src.name, "rows": len(files.load(src).frame), "used": used,
                     "left": len(pairs) - used})
    st.dataframe(pd.DataFrame(rows), hide_index=True, column_config={
        "label": tr("waves.col.label"), "file": tr("waves.col.file"),
        "rows": st.column_config.NumberColumn(tr("waves.col.rows"), format="localized"),
        "used": st.column_config.NumberColumn(tr("waves.col.used"), format="localized"),
        "left": st.column_config.NumberColumn(tr("waves.col.left"), format="localized"),
    })
    if not access.editable():
        return
    for position, (label, src, pairs) in enumerate(kept["waves"]):
        with st.expander(tr("waves.matching_of", label=plain(label)), icon=":material/join_inner:"):
            edited = _matching_editor(base, src, pairs, f"waves_match_{base.digest[:12]}_{src.digest[:12]}")
            if edited != pairs:
                _replace(base, position, (label, src, edited))
            st.button(tr("waves.remove", label=plain(label)), key=f"waves_remove_{src.digest[:12]}",
                      icon=":material/delete:", on_click=_remove, args=(base, position))


def _pending_key() -> str:
    return f"waves_upload_{st.session_state.get(UPLOAD_KEY, 0)}"


def _add_flow(base: Source, kept: dict) -> None:
    """Upload a wave, name it, correct the proposed matching and add it."""
    st.caption(tr("waves.add_help", file=plain(base.name)))
    chosen = st.file_uploader(tr("waves.upload"), type=files.UPLOAD_TYPES, key=_pending_key())
    if chosen is None:
        return
    wave = files.from_bytes(chosen.name, chosen.getvalue())
    try:
        proposed = _proposed(base, wave)
    except InputError as err:
        text.show_error(err)
        return
    taken = [kept["label"], *(label for label, _, _ in kept["waves"])]
    if not kept["waves"]:
        first = st.text_input(tr("waves.first"), value=kept["label"], key=f"waves_first_{base.digest[:12]}",
                              max_chars=LABEL_WIDTH)
        taken = [first]
    else:
        first = kept["label"]
    label = st.text_input(tr("waves.label"), value=_default_label(wave.name, taken), max_chars=LABEL_WIDTH,
                          key=f"waves_label_{wave.digest[:12]}")
    pairs = tuple((column, None if pd.isna(target) else target)
                  for column, target in zip(proposed["wave_column"], proposed["base_column"]))
    st.caption(tr("waves.proposed", matched=f"{sum(t is not None for _, t in pairs):,}", total=f"{len(pairs):,}",
                  missing=f"{len(proposed.attrs['missing']):,}"))
    edited = _matching_editor(base, wave, pairs, f"waves_pending_{wave.digest[:12]}", proposed)
    labels = [first.strip(), *(existing for existing in taken[1:]), label.strip()]
    if any(not name for name in labels) or len(set(labels)) != len(labels):
        st.warning(tr("waves.bad_label"), icon=":material/label_off:")
        return
    if st.button(tr("waves.add_button", label=plain(label.strip())), key="waves_add", type="primary",
                 icon=":material/add:"):
        stored = files.kept_in_project(wave, "wave")
        files.WAVES.put(base.digest, {"label": first.strip(),
                                      "waves": (*kept["waves"], (label.strip(), stored, edited))})
        st.session_state[UPLOAD_KEY] = st.session_state.get(UPLOAD_KEY, 0) + 1
        st.rerun()


def _default_label(name: str, taken: list[str]) -> str:
    """The file's name without its extension, or "Wave k" when another wave has it."""
    label = Path(name).stem.strip()[:LABEL_WIDTH]
    if label and label not in taken:
        return label
    return tr("waves.numbered", number=len(taken) + 1)


def _matching_editor(base: Source, wave: Source, pairs: tuple, key: str, proposed: pd.DataFrame | None = None) -> tuple:
    """The matching table (wave column -> base column or "not used"), editable; returns the pairs as edited."""
    proposed = _proposed(base, wave) if proposed is None else proposed
    not_used = tr("waves.not_used")
    chosen = dict(pairs)
    table = pd.DataFrame({
        "wave_column": proposed["wave_column"], "question": proposed["question"],
        "base_column": [chosen.get(column) or not_used for column in proposed["wave_column"]],
        "rule": [tr(f"waves.rule.{rule}") if isinstance(rule, str) else "—" for rule in proposed["rule"]],
    })
    # what needs the researcher's eye first: columns with no match, then the least certain rules
    certainty = proposed["rule"].map({rule: rank for rank, rule in enumerate(reversed(RULES), start=1)}).fillna(0)
    table = table.iloc[certainty.argsort(kind="stable")].reset_index(drop=True)
    options = [not_used, *files.load(base).frame.columns]
    edited = st.data_editor(table, key=key, hide_index=True, disabled=["wave_column", "question", "rule"],
                            column_config={
                                "wave_column": st.column_config.TextColumn(tr("waves.col.wave_column")),
                                "question": st.column_config.TextColumn(tr("waves.col.question")),
                                "base_column": st.column_config.SelectboxColumn(tr("waves.col.base_column"),
                                                                                options=options, required=True),
                                "rule": st.column_config.TextColumn(tr("waves.col.rule")),
                            })
    return tuple((column, None if pd.isna(target) or target == not_used else str(target))
                 for column, target in zip(edited["wave_column"], edited["base_column"]))


def _replace(base: Source, position: int, wave: tuple) -> None:
    kept = _kept(base)
    waves = list(kept["waves"])
    waves[position] = wave
    files.WAVES.put(base.digest, {"label": kept["label"], "waves": tuple(waves)})


def _remove(base: Source, position: int) -> None:
    """Button callback: forget one wave (its file stays among the project's datasets)."""
    kept = _kept(base)
    waves = [wave for index, wave in enumerate(kept["waves"]) if index != position]
    files.WAVES.put(base.digest, {"label": kept["label"], "waves": tuple(waves)})


def left_out(src: Source) -> None:
    """What stacking left out (wave columns not used, base columns a wave lacks), with the reason, as a table."""
    if not isinstance(src.data, Waves):
        return
    data = src.data
    exports = [files.load(data.base), *(files.load(wave) for _, wave, _ in data.waves)]
    try:
        report = cached(("wave_report", src.digest), lambda: stacked_export(
            exports, [dict(pairs) for _, _, pairs in data.waves],
            [data.label, *(label for label, _, _ in data.waves)])[1].report)
    except InputError:
        return  # the survey's own section below says what is wrong
    if report.empty:
        return
    with st.expander(tr("waves.left_out", count=f"{len(report):,}"), icon=":material/visibility_off:"):
        st.dataframe(report.assign(reason=report["reason"].map(lambda code: tr(f"waves.reason.{code}"))),
                     hide_index=True, column_config={"wave": tr("waves.col.label"), "column": tr("waves.col.column"),
                                                     "reason": tr("waves.col.reason")})


# Journey page ----------------------------------------------------------------------------------------------

def metric_label(metric: str, labels: dict) -> str:
    """A headline metric's words, or a touchpoint's short label."""
    return tr(f"metric.{metric}") if metric in BY_NAME else labels.get(metric, metric)


def journey_section(page) -> None:
    """The Waves section of the Journey page: a metric per wave with its interval, a mark on each significant
    change from the previous wave, and the table of every metric per wave."""
    column = column_of(page.src)
    if column is None:
        return
    st.subheader(tr("waves.journey_title"), anchor="waves")
    try:
        with st.spinner(tr("waves.working")):
            table = analyses.wave_metrics(page.selection, column)
    except InputError as err:
        st.info(plain(text.say(err.message)))
        return
    if table.empty:
        st.info(tr("journey.no_ratings"))
        return
    labels = {metric: metric_label(metric, page.result.labels) for metric in dict.fromkeys(table["metric"])}
    metric = st.selectbox(tr("trend.metric"), list(labels), key="waves_metric", width=420, format_func=labels.get)
    part = table[table["metric"] == metric]
    fmt = BY_NAME[metric].fmt if metric in BY_NAME else ".2f"
    charts.chart(wave_chart(part, labels[metric], fmt, table.attrs["waves"]), _download(part, labels), "waves")
    st.caption(tr("waves.chart_note"))
    wave_table(table, labels)


def _marks(part: pd.DataFrame) -> pd.Series:
    return pd.Series([(UP if change > 0 else DOWN) if significant else ""
                      for change, significant in zip(part["change"], part["significant"])], index=part.index)


def wave_chart(part: pd.DataFrame, label: str, fmt: str, waves: list[str]) -> charts.Figure:
    """One metric per wave: its value and 95% interval, a line from wave to wave, ▲/▼ over a significant change."""
    data = part.assign(wave=part["wave"].astype(str), mark=_marks(part),
                       p_text=[text.p_text(p) if pd.notna(p) else "—" for p in part["p_holm"]])
    x = alt.X("wave:N", sort=waves, title=tr("waves.col.label"), axis=charts.label_axis(labelAngle=0))
    base = alt.Chart(charts.named("waves")).encode(x=x)
    tooltip = [alt.Tooltip("wave:N", title=tr("waves.col.label")), alt.Tooltip("value:Q", title=label, format=fmt),
               alt.Tooltip("low:Q", title=tr("journey.low"), format=fmt),
               alt.Tooltip("high:Q", title=tr("journey.high"), format=fmt), alt.Tooltip("n:Q", title="n", format=","),
               alt.Tooltip("change:Q", title=tr("waves.col.change"), format=fmt),
               alt.Tooltip("p_text:N", title=tr("compare.p_holm"))]
    interval = base.mark_rule(strokeWidth=2, color=palette.BLUE).encode(y=alt.Y("low:Q", title=label,
                                                                              scale=alt.Scale(zero=False)),
                                                                      y2=alt.Y2("high"))
    line = base.mark_line(color=palette.BLUE, strokeDash=[4, 3]).encode(y=alt.Y("value:Q"))
    points = base.mark_point(size=90, filled=True, color=palette.BLUE).encode(y=alt.Y("value:Q"), tooltip=tooltip)
    marks = base.transform_filter("datum.mark != ''").mark_text(dy=-16, fontSize=18, fontWeight="bold").encode(
        y=alt.Y("high:Q"), text=alt.Text("mark:N"),
        color=alt.Color("mark:N", legend=None, scale=alt.Scale(domain=[UP, DOWN], range=["#2e7d32", "#c62828"])))
    first, last = part.iloc[0], part.iloc[-1]
    significant = int(part["significant"].sum())
    written = "{:" + fmt + "}" + ("%" if part["unit"].iloc[0] == "share" else "")
    heading = tr("waves.chart_title", metric=label, first=written.format(first["value"]), first_wave=str(first["wave"]),
                 last=written.format(last["value"]), last_wave=str(last["wave"]), count=significant)
    title = alt.TitleParams(heading, anchor="start", fontSize=16, offset=10)
    return charts.figure(charts.layered([interval, line, points, marks]), {"waves": data}, title=title, height=340)


def _download(part: pd.DataFrame, labels: dict) -> pd.DataFrame:
    headers = {"metric": tr("trend.metric"), "wave": tr("waves.col.label"), "value": tr("trend.value"),
               "low": tr("journey.low"), "high": tr("journey.high"), "n": tr("journey.n"),
               "change": tr("waves.col.change"), "p_value": tr("compare.p_value"), "p_holm": tr("compare.p_holm"),
               "significant": tr("waves.col.significant")}
    shown = part.assign(metric=part["metric"].map(labels), wave=part["wave"].astype(str))
    return text.for_download(shown[list(headers)], headers)


def wave_table(table: pd.DataFrame, labels: dict) -> None:
    """Every metric (rows) per wave (columns): value ± half its interval, ▲/▼ where it changed significantly."""
    cells = []
    for row in table.itertuples():
        fmt = BY_NAME[row.metric].fmt if row.metric in BY_NAME else ".2f"
        value = BY_NAME[row.metric].text(row.value) if row.metric in BY_NAME else format(row.value, fmt)
        half = format((row.high - row.low) / 2, fmt.lstrip("+")) if pd.notna(row.low) else "—"
        mark = (UP if row.change > 0 else DOWN) if row.significant else ""
        cells.append({"metric": labels[row.metric], "wave": str(row.wave), "cell": f"{value} ± {half} {mark}".strip()})
    wide = pd.DataFrame(cells).pivot(index="metric", columns="wave", values="cell")
    wide = wide.reindex(index=list(dict.fromkeys(labels[m] for m in table["metric"])),
                        columns=[wave for wave in table.attrs["waves"] if wave in wide.columns])
    st.dataframe(wide.reset_index().rename(columns={"metric": tr("trend.metric")}), hide_index=True, height="content")
    charts.table_pin(wide.reset_index(), tr("waves.journey_title"), "waves_table")


def trend_note(src: Source) -> bool:
    """Under a trend that needs dates: point to the Waves section when the survey has waves (True when it did)."""
    if column_of(src) is None:
        return False
    st.info(tr("waves.trend_note"), icon=":material/timeline:")
    return True
