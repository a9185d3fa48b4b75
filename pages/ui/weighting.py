"""The Weights panel of the Data page and the note every page shows under its figures.

An editor switches weights on and either sets target shares for one or more columns (a small table per column,
or shares pasted as ``A:0.5, B:0.5`` or percentages; numeric columns by bands ``LOW..HIGH``), with optional
trimming, and the app rakes (:func:`analysis.weighting.rake`); or picks a weight column of the file. The panel
shows what the weights cost and the margins before and after; the library's message when the targets cannot be
met. Viewers see the weights in force and their figures, never the controls. The settings are kept by
:mod:`pages.ui.weights`; the weights are made and cached by :mod:`pages.ui.analyses`.
"""
from __future__ import annotations

import hashlib
import math
from itertools import pairwise

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.metrics import effective_n
from analysis.weighting import band_label, parse_target
from pages.ui import access, analyses, files, kept, site, weights
from pages.ui.analyses import Selection
from pages.ui.files import Source, load
from pages.ui.text import listed, plain, say, tr, tr_code, worded

MAX_CATEGORIES = 30  # a column with more values is weighted by bands (numeric) or not offered
BANDS = 4  # default bands of a numeric column: its quartiles
DEFAULT_TRIM = (0.3, 3.0)
_PINNED = "_weights_pinned_note_"  # + page name: the weights note of the page's last run, for its pins


def _prefix(src: Source) -> str:
    return f"weights_{src.digest[:12]}"


def _key(src: Source, name: str, column: str = "") -> str:
    """A widget key of the panel for ``src`` (per column: a short hash of its name)."""
    part = hashlib.sha256(column.encode("utf-8")).hexdigest()[:10] if column else ""
    return f"{_prefix(src)}_{name}{part}"


# Choices offered -----------------------------------------------------------------------------------------

def candidates(frame: pd.DataFrame) -> list[str]:
    """Columns that can be weighted: those with 2 to 30 values, and numeric ones (by bands)."""
    found = []
    for column in frame.columns:
        values = frame[column].dropna()
        distinct = values.nunique()
        if 2 <= distinct <= MAX_CATEGORIES or (distinct > MAX_CATEGORIES and pd.api.types.is_numeric_dtype(values)):
            found.append(str(column))
    return found


def weight_columns(frame: pd.DataFrame) -> list[str]:
    """Numeric columns that can hold weights (some value above 0; rows without a usable weight are left out)."""
    return [str(column) for column in frame.columns if pd.api.types.is_numeric_dtype(frame[column])
            and bool((frame[column] > 0).any())]


def observed_shares(values: pd.Series) -> dict[str, float]:
    """The column's own shares, as the targets start: by category as written, or by quartile bands of a numeric
    column with many values."""
    known = values.dropna()
    if known.nunique() > MAX_CATEGORIES and pd.api.types.is_numeric_dtype(known):
        edges = sorted({float(edge) for edge in known.quantile([i / BANDS for i in range(1, BANDS)])})
        bounds = [-math.inf, *edges, math.inf]
        counts = {(low, high): int(((known >= low) & (known < high)).sum()) for low, high in pairwise(bounds)}
        return {band_label(low, high): count / len(known) for (low, high), count in counts.items() if count}
    written = known.map(lambda value: str(int(value)) if isinstance(value, float) and value.is_integer()
                        else str(value).strip())
    return {str(category): float(share) for category, share in written.value_counts(normalize=True).sort_index().items()}


# The panel ---------------------------------------------------------------------------------------------------

def panel(src: Source, result) -> None:
    """The Weights panel for the survey ``src`` (prepared as ``result``): controls for editors, the weights in
    force for viewers; what the weights cost and their margins for both."""
    chosen = weights.settings(src)
    with st.expander(tr("weights.title"), icon=":material/balance:", expanded=bool(chosen.get("on"))):
        st.caption(tr("weights.intro"))
        if access.editable():
            frame = load(src).frame.loc[result.responses.index]
            weights.keep(src, _controls(src, frame, chosen))
        elif weights.active(src) is None:
            st.caption(tr("weights.viewer_off"))
        else:
            st.caption(tr("weights.viewer"))
        _figures(src)


def _controls(src: Source, frame: pd.DataFrame, chosen: dict) -> dict:
    """The editing controls; returns the settings as they now are."""
    kept.prime(_key(src, "on"), bool(chosen.get("on")))
    on = st.toggle(tr("weights.switch"), key=_key(src, "on"), help=tr("weights.switch_help"))
    kept.prime(_key(src, "mode"), chosen.get("mode") or "targets")
    mode = st.radio(tr("weights.mode"), weights.MODES, key=_key(src, "mode"), horizontal=True,
                    format_func=worded(weights.MODES, lambda mode: tr(f"weights.mode.{mode}")))
    new = {**chosen, "on": on, "mode": mode}
    if mode == "column":
        options = weight_columns(frame)
        kept.prime(_key(src, "column"), chosen.get("column") if chosen.get("column") in options else None)
        new["column"] = st.selectbox(tr("weights.column"), options, key=_key(src, "column"), index=None,
                                     placeholder=tr("weights.column_placeholder"), help=tr("weights.column_help"))
        return new
    offered = candidates(frame)
    given = {target["column"]: target["shares"] for target in chosen.get("targets") or []}
    kept.prime(_key(src, "columns"), [column for column in given if column in offered])
    columns = st.multiselect(tr("weights.columns"), offered, key=_key(src, "columns"),
                             placeholder=tr("weights.columns_placeholder"), help=tr("weights.columns_help"))
    new["targets"] = [{"column": column, "shares": _target_editor(src, frame, column, given.get(column))}
                      for column in columns]
    trim = chosen.get("trim")
    kept.prime(_key(src, "trim"), bool(trim))
    if st.checkbox(tr("weights.trim"), key=_key(src, "trim"), help=tr("weights.trim_help")):
        left, right = st.columns(2)
        floor, cap = trim or DEFAULT_TRIM
        new["trim"] = [left.number_input(tr("weights.floor"), 0.0, 1.0, float(floor), 0.05, key=_key(src, "floor")),
                       right.number_input(tr("weights.cap"), 1.0, 100.0, float(cap), 0.5, key=_key(src, "cap"))]
    else:
        new["trim"] = None
    return new


def _target_editor(src: Source, frame: pd.DataFrame, column: str, shares: dict | None) -> dict[str, float]:
    """The table of one column's target shares (in %) with a box to paste them; returns the shares (0-1)."""
    generation = st.session_state.get(_key(src, "generation", column), 0)
    editor = f"{_key(src, 'table', column)}_{generation}"
    base = st.session_state.setdefault(f"{editor}_base", shares or observed_shares(frame[column]))
    st.markdown(tr("weights.shares", column=plain(column)))
    table = pd.DataFrame({"category": list(base), "target": [round(100 * share, 4) for share in base.values()]})
    edited = st.data_editor(table, key=editor, hide_index=True, num_rows="dynamic", width="stretch", column_config={
        "category": st.column_config.TextColumn(tr("weights.col.category"), required=True),
        "target": st.column_config.NumberColumn(tr("weights.col.target"), min_value=0.0, max_value=100.0,
                                                format="%.2f", required=True)})
    st.text_input(tr("weights.paste"), key=_key(src, "paste", column), placeholder=tr("weights.paste_placeholder"),
                  help=tr("weights.paste_help"), on_change=_pasted, args=(src, column))
    failed = st.session_state.get(_key(src, "paste_error", column))
    if failed is not None:
        st.error(plain(say(failed)))
    return {str(category).strip(): float(target) / 100 for category, target in zip(edited["category"], edited["target"])
            if isinstance(category, str) and category.strip() and pd.notna(target)}


def _pasted(src: Source, column: str) -> None:
    """Text-box callback: read pasted shares (``A:0.5, B:50%``) into the column's targets and start its table
    afresh from them; a message when they do not read."""
    box, error = _key(src, "paste", column), _key(src, "paste_error", column)
    text = st.session_state.get(box, "").strip()
    if not text:
        return
    try:
        shares = parse_target(f"x={text}").shares
    except InputError as err:
        st.session_state[error] = err.message
        return
    st.session_state.pop(error, None)
    chosen = weights.settings(src)
    targets = [target for target in chosen.get("targets") or [] if target["column"] != column]
    weights.keep(src, {**chosen, "targets": [*targets, {"column": column, "shares": shares}]})
    generation = _key(src, "generation", column)
    st.session_state[generation] = st.session_state.get(generation, 0) + 1
    st.session_state[f"{_key(src, 'table', column)}_{st.session_state[generation]}_base"] = shares
    st.session_state[box] = ""


# What the weights are ----------------------------------------------------------------------------------------

def _figures(src: Source) -> None:
    """What the weights in force cost and the margins before and after; the library's message when they cannot be
    made."""
    refusal = analyses.weights_refusal(src)
    if refusal is not None:
        st.error(plain(say(refusal)), icon=":material/block:")
        return
    found = analyses.weights_of(analyses.select(src))
    if found is None:
        return
    figures = found.to_dict()
    columns = st.columns(6)
    passes = f"{figures['iterations']:,}" if found.source == "raked" else "—"
    columns[0].metric(tr("weights.fig.converged"), passes, border=True, help=tr("weights.fig.converged_help"))
    columns[1].metric(tr("weights.fig.min"), f"{figures['min_weight']:.3f}", border=True)
    columns[2].metric(tr("weights.fig.max"), f"{figures['max_weight']:.3f}", border=True)
    columns[3].metric(tr("weights.fig.efficiency"), f"{100 * found.efficiency:.1f}%", border=True,
                      help=tr("weights.fig.efficiency_help"))
    columns[4].metric(tr("weights.fig.effective_n"), f"{found.effective_n:,.0f}", border=True,
                      help=tr("weights.fig.effective_n_help", n=f"{len(found.used):,}"))
    columns[5].metric(tr("weights.fig.deff"), f"{found.design_effect:.3f}", border=True,
                      help=tr("weights.fig.deff_help"))
    for note in found.notes:
        st.warning(plain(say(note)), icon=":material/warning:")
    if found.excluded:
        st.caption(tr("weights.excluded", reasons=listed(f"{tr_code(f'reason.{reason}')} × {count:,}"
                                                          for reason, count in found.excluded.items())))
    if found.margins:
        st.markdown(tr("weights.margins"))
        rows = [{"column": column, "category": category, "n": figures["n"], "before": 100 * figures["before"],
                 "after": 100 * figures["after"], "target": 100 * figures["target"]}
                for column, categories in found.margins.items() for category, figures in categories.items()]
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=_key(src, "margins"), column_config={
            "column": st.column_config.TextColumn(tr("weights.col.column")),
            "category": st.column_config.TextColumn(tr("weights.col.category")),
            "n": st.column_config.NumberColumn("n", format="localized"),
            "before": st.column_config.NumberColumn(tr("weights.col.before"), format="%.2f"),
            "after": st.column_config.NumberColumn(tr("weights.col.after"), format="%.2f"),
            "target": st.column_config.NumberColumn(tr("weights.col.target"), format="%.2f")})


def note(selection: Selection) -> None:
    """Say under a page's figures whether they are weighted: to which columns, and the effective n of the rows
    shown; "Unweighted" where weights are set for the file but switched off or cannot be made. The same words go
    with any pin taken from the page (:func:`pinned_note`)."""
    found = analyses.weights_of(selection)
    if found is None:
        chosen = weights.settings(selection.src)
        text = ""
        if analyses.weights_refusal(selection.src) is not None:
            text = tr("weights.note_refused")
            st.caption(text, help=tr("weights.note_refused_help"))
        elif chosen.get("targets") or chosen.get("column"):
            text = tr("weights.note_unweighted")
            st.caption(text)
        _record(text)
        return
    rows = analyses.filtered(selection).responses.index
    used = found.values.reindex(rows).dropna()
    figures = {"effective_n": f"{effective_n(used):,.0f}", "n": f"{len(used):,}"}

    if found.source == "raked":  # shown as plain text on the page, recorded as written for pins
        st.caption(tr("weights.note_raked", columns=listed(f"“{plain(name)}”" for name in found.margins), **figures),
                   help=tr("weights.note_help"))
        _record(tr("weights.note_raked", columns=listed(f"“{name}”" for name in found.margins), **figures))
    else:
        st.caption(tr("weights.note_column", column=f"“{plain(found.source)}”", **figures), help=tr("weights.note_help"))
        _record(tr("weights.note_column", column=f"“{found.source}”", **figures))


def _record(text: str) -> None:
    st.session_state[f"{_PINNED}{site.shown()}"] = text


def pinned_note() -> str:
    """What a pin taken from the page shown says about weights (the note under its figures, as plain text; empty
    where the page says nothing about weights)."""
    return st.session_state.get(f"{_PINNED}{site.shown()}", "")


def not_applied(what: str) -> None:
    """On a page whose figures are not survey responses (``what``: ``comments`` or ``events``), say they are
    unweighted while weights are on for the survey."""
    text = tr(f"weights.not_applied.{what}") if weights.active(files.source("survey")) is not None else ""
    if text:
        st.caption(text, help=tr("weights.note_help"))
    _record(text)
