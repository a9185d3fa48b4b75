"""The Themes section of the Sentiment page: what the comments are about.

Editors discover themes (k chosen or ``auto``) in the comments shown, edit the codeframe (rename, merge,
split, delete, a code from keywords, the touchpoint keywords as codes) and upload a saved one; the codeframe
is kept in the project per file and text column (:func:`analysis.themes.to_json`'s data), so it travels in
the shared link and codes the next wave the same way. Everyone sees the theme table (names, terms and
comments as plain text in tables, never Markdown), the sizes with share negative, themes by sentiment and by
a group with Holm-adjusted tests, emerging themes, themes as drivers of an NPS, CSAT or satisfied outcome,
and the downloads. The Journey page asks here for the same drivers beside its rating drivers and for the
themes by stage. Discovery and coding are cached on the texts' digest and the settings.
"""
from __future__ import annotations

import hashlib
import json

import altair as alt
import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.export import csv_bytes, xlsx_bytes
from analysis.metrics import format_p
from analysis.sentiment.base import LABELS
from analysis.sentiment.summary import group_columns
from analysis.themes import (add_keyword_code, code_texts, delete, discover, from_csv, from_json, merge, rename, split,
                             to_json)
from analysis.themes.codeframe import add_touchpoint_codes, from_dict
from analysis.themes.discover import stability_counts, stability_figure, stability_level
from analysis.personas.linked import id_key, survey_ids
from analysis.metric_registry import driver_outcomes
from analysis.themes.outcomes import outcome_flags
from analysis.themes.stages import themes_by_stage, top_negative
from analysis.themes.summary import (emerging_themes, linked_outcome, theme_drivers, theme_log_odds, theme_table,
                                     themes_by_group)
from pages.ui import access, analyses, charts, files, kept, linked, texts
from pages.ui.cache import cached
from pages.ui.palette import INK, SENTIMENT as LABEL_COLORS
from pages.ui.text import plain, tr, worded

FRAMES = kept.feature("codeframe", lambda frame: frame.to_dict(), from_dict)
K_CHOICES = ["auto", *range(2, 13)]
MIN_GROUP = 5
BAR_STEP = 40  # pixels a theme's bar takes: room for a name on two lines


def _digest(values: pd.Series) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(values).to_numpy().tobytes()).hexdigest()


def discovered(comments: pd.Series, k, lang: str):
    """Themes of ``comments`` (cached on their digest, k and language)."""
    return cached(("themes", _digest(comments), k, lang), lambda: discover(comments, k, lang))


def _frame_digest(frame) -> str:
    return hashlib.sha256(to_json(frame).encode("utf-8")).hexdigest()


def coded_comments(comments: pd.Series, frame) -> pd.DataFrame:
    """Every comment coded by ``frame`` (cached on the comments' and the codeframe's digests)."""
    return cached(("themes_coded", _digest(comments), _frame_digest(frame)), lambda: code_texts(comments, frame))


def themes_of(comments: pd.Series, coded: pd.DataFrame, frame, scored: pd.DataFrame) -> pd.DataFrame:
    """The theme table (cached on the comments, the codeframe and the comments' sentiment)."""
    key = ("themes_table", _digest(comments), _frame_digest(frame),
           _digest(scored[["sentiment_label", "sentiment_score", "emotion"]]))
    return cached(key, lambda: theme_table(comments, coded, frame, scored))


def section(scored: pd.DataFrame, source: texts.TextSource, lang: str, labels: dict[str, str]) -> None:
    """The Themes section for the scored comments of ``source`` read in ``lang``."""
    st.subheader(tr("themes.title"))
    st.caption(tr("themes.help"))
    item = texts.reading_key(source)
    comments = scored["text"]
    if access.editable():
        controls(comments, item, lang)
    frame = FRAMES.get(item)
    if frame is None or not frame.codes:
        st.info(tr("themes.none" if access.editable() else "themes.none_viewer"))
        return
    how_k(frame)
    how_stable(frame)
    coded = coded_comments(comments, frame)
    table = themes_of(comments, coded, frame, scored)
    sizes(table)
    theme_list(table, coded)
    by_sentiment(coded, frame, scored)
    by_group(coded, frame, scored, labels)
    emerging(coded, frame, scored)
    drivers(coded, frame, source)
    downloads(comments, coded, frame)
    if access.editable():
        edit(frame, item, comments)


def controls(comments: pd.Series, item: str, lang: str) -> None:
    """k and the Discover button; the themes found are kept for these texts."""
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    k = left.selectbox(tr("themes.k"), K_CHOICES, key=f"themes_k__{item}", help=tr("themes.k_help"),
                       format_func=worded(K_CHOICES, lambda k: tr("themes.k_auto") if k == "auto" else str(k)))
    if right.button(tr("themes.discover"), key=f"themes_discover__{item}", icon=":material/category:"):
        with st.spinner(tr("themes.working")):
            frame = discovered(comments, k, lang)
        if not frame.codes:
            st.warning(tr("themes.no_terms"))
            return
        keep(item, frame)


def how_k(frame) -> None:
    """How "Automatic" chose the number of themes, and a word when it stopped at the most it tries (unless most
    of those themes dissolve on random subsets: then the comments are not separating into finer themes)."""
    if frame.auto_k is None or frame.auto_k[1] < 2:
        return
    k, highest = frame.auto_k
    st.caption(tr("themes.auto_chosen", k=f"{k:d}", highest=f"{highest:d}"))
    counts = stability_counts(frame)
    if k == highest and 2 * counts["dissolved"] <= counts["tested"]:  # finer themes, not ones that fall apart
        st.caption(tr("themes.auto_ceiling"))


def how_stable(frame) -> None:
    """How many themes hold up when the comments are grouped again on subsets; a warning when none does."""
    counts = stability_counts(frame)
    if not counts["tested"]:
        return
    if counts["stable"]:
        st.caption(tr("themes.stability", stable=f"{counts['stable']:d}", tested=f"{counts['tested']:d}",
                      dissolved=f"{counts['dissolved']:d}"))
    else:
        st.warning(tr("themes.no_clear", tested=f"{counts['tested']:d}"), icon=":material/blur_on:")


def _stability(value: float) -> str:
    """A theme's stability in words and figures (``stable (0.91)``); '—' when not measured."""
    level = stability_level(value)
    return f"{tr(f'themes.stability.{level}')} ({stability_figure(value)})" if level else "—"


def _words(table: pd.DataFrame) -> pd.DataFrame:
    """The theme table as people read and download it."""
    shown = pd.DataFrame({
        tr("themes.col.theme"): table["name"], tr("themes.col.terms"): table["terms"].map(", ".join),
        tr("themes.col.n"): table["n"], tr("themes.col.share"): (100 * table["share"]).round(1),
        tr("themes.col.stability"): table["stability"].map(_stability),
        tr("themes.col.negative"): (100 * table["negative"]).round(1),
        tr("journey.low"): (100 * table["negative_low"]).round(1), tr("journey.high"): (100 * table["negative_high"]).round(1),
        tr("sentiment.emotion"): table["emotion"].map(lambda e: tr(f"emotion.{e}") if isinstance(e, str) else ""),
        tr("themes.col.examples"): table["examples"].map("\n".join)})
    return shown


def sizes(table: pd.DataFrame) -> None:
    """Bars of the themes' sizes, coloured by their share negative (with its interval in the tooltip); a theme
    that dissolves on random subsets has a dashed outline (its colour keeps meaning its share negative)."""
    data = pd.DataFrame({"name": table["name"], "n": table["n"], "negative": (100 * table["negative"]).round(1),
                         "low": (100 * table["negative_low"]).round(1), "high": (100 * table["negative_high"]).round(1),
                         "stability": table["stability"].map(_stability),
                         "dissolves": table["stability"].map(stability_level).eq("dissolved")})
    data = data.sort_values("n", ascending=False, kind="stable")
    bars = alt.Chart(charts.named("themes")).mark_bar(cornerRadiusEnd=3).encode(
        y=alt.Y("name:N", sort=data["name"].tolist(), title=None, axis=charts.label_axis()),
        x=alt.X("n:Q", title=tr("themes.col.n")),
        color=alt.Color("negative:Q", title=tr("themes.col.negative"),
                        scale=alt.Scale(domain=[0, 100], range=["#f3f4f6", LABEL_COLORS["negative"]], interpolate="rgb")),
        stroke=alt.value(INK), strokeWidth=alt.condition("datum.dissolves", alt.value(1.2), alt.value(0.3)),
        strokeDash=alt.condition("datum.dissolves", alt.value([4, 3]), alt.value([1, 0])),
        tooltip=[alt.Tooltip("name:N", title=tr("themes.col.theme")), alt.Tooltip("n:Q", format=","),
                 alt.Tooltip("negative:Q", title=tr("themes.col.negative"), format=".1f"),
                 alt.Tooltip("low:Q", title=tr("journey.low"), format=".1f"),
                 alt.Tooltip("high:Q", title=tr("journey.high"), format=".1f"),
                 alt.Tooltip("stability:N", title=tr("themes.col.stability"))])
    worst = table.loc[table["negative"].fillna(-1).idxmax()]
    title = tr("themes.chart", theme=str(worst["name"]), share=f"{100 * worst['negative']:.0f}")
    charts.chart(charts.figure(charts.layered([bars]), {"themes": data}, title=title, height=alt.Step(BAR_STEP)),
                 _words(table), "themes_sizes")


def theme_list(table: pd.DataFrame, coded: pd.DataFrame) -> None:
    """The theme table (plain text cells) with its pin; the share of comments no theme covers."""
    shown = _words(table)
    st.dataframe(shown, hide_index=True, width="stretch", key="themes_table", column_config={
        tr("themes.col.terms"): st.column_config.TextColumn(width="medium"),  # the figures beside it stay in view
        tr("themes.col.examples"): st.column_config.TextColumn(width="large")})
    uncoded = table.attrs["uncoded"]
    st.caption(tr("themes.uncoded", n=f"{uncoded:,}", total=f"{table.attrs['comments']:,}"))
    charts.table_pin(shown, tr("themes.table"), "themes_table")


def _p(value: float) -> str:
    """An adjusted p-value as people read it (``< 0.001``, ``0.004``, ``0.41``); '—' when not tested."""
    return "—" if pd.isna(value) else format_p(value).removeprefix("p ").removeprefix("= ")


def _tested(table: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """A by-group table in words: the theme, shares in %, the adjusted p-value and whether it is significant."""
    shown = pd.DataFrame({tr("themes.col.theme"): table["name"]})
    for column, word in columns.items():
        shown[word] = (100 * table[column]).round(1)
    shown[tr("themes.col.p_adjusted")] = table["p_adjusted"].map(_p)
    shown[tr("themes.col.significant")] = table["significant"].map({True: "✓", False: ""})
    return shown


def by_sentiment(coded: pd.DataFrame, frame, scored: pd.DataFrame) -> None:
    """Each theme's share of negative, neutral and positive comments (chi-square, Holm), and the log-odds z of
    negative against positive comments: what unhappy customers talk about that happy ones do not."""
    st.markdown(f"**{tr('themes.by_sentiment')}**")
    table = themes_by_group(coded, frame, scored["sentiment_label"], min_n=MIN_GROUP)
    present = [label for label in LABELS if label in table.columns]
    if len(present) < 2:
        st.caption(tr("themes.too_small", n=MIN_GROUP))
        return
    shown = _tested(table, {label: tr(f"sentiment.label.{label}") for label in present})
    odds = theme_log_odds(coded, frame, scored["sentiment_label"], "negative", "positive").set_index("id")
    shown.insert(len(present) + 1, tr("themes.col.z"), odds.loc[table["id"], "z"].round(2).to_numpy())
    st.dataframe(shown, hide_index=True, width="stretch", key="themes_by_sentiment")
    st.caption(tr("themes.tests_help"))


def by_group(coded: pd.DataFrame, frame, scored: pd.DataFrame, labels: dict[str, str]) -> None:
    """Each theme's share of each group's comments (a column the analyst picks), chi-square per theme, Holm."""
    choices = [column for column in group_columns(scored) if column != "sentiment_label"]
    if not choices:
        return
    st.markdown(f"**{tr('themes.by_group')}**")
    own = {"touchpoint": tr("sentiment.touchpoint"), "stage": tr("sentiment.stage"), "channel": tr("sentiment.channel")}
    column = st.selectbox(tr("sentiment.group_by"), choices, key="themes_group_by",
                          format_func=lambda c: own.get(c) or labels.get(c, c))
    table = themes_by_group(coded, frame, scored[column].astype("string"), min_n=MIN_GROUP)
    groups = list(table.attrs["groups"])
    if len(groups) < 2:
        st.caption(tr("themes.too_small", n=MIN_GROUP))
        return
    st.dataframe(_tested(table, {group: str(group) for group in groups}), hide_index=True, width="stretch",
                 key="themes_by_group_table")


def emerging(coded: pd.DataFrame, frame, scored: pd.DataFrame) -> None:
    """Themes whose share grew between the last two periods, with the two-proportion test and Holm."""
    if "created_at" not in scored:
        return
    try:
        table = emerging_themes(coded, frame, scored["created_at"])
    except InputError:
        return
    st.markdown(f"**{tr('themes.emerging')}**")
    attrs = table.attrs
    st.caption(tr("themes.emerging_help", previous=pd.Timestamp(attrs["previous"]).date().isoformat(),
                  last=pd.Timestamp(attrs["last"]).date().isoformat(), n_previous=f"{attrs['n_previous']:,}",
                  n_last=f"{attrs['n_last']:,}"))
    shown = pd.DataFrame({tr("themes.col.theme"): table["name"], tr("themes.col.previous"): (100 * table["previous"]).round(1),
                          tr("themes.col.last"): (100 * table["last"]).round(1),
                          tr("themes.col.change"): (100 * table["change"]).round(1),
                          tr("themes.col.p_adjusted"): table["p_adjusted"].map(_p),
                          tr("themes.col.emerging"): table["emerging"].map({True: "✓", False: ""})})
    st.dataframe(shown, hide_index=True, width="stretch", key="themes_emerging")


SIDES = {"nps": ("promoter", "detractor"), "csat": ("satisfied", "unsatisfied"), "outcome": ("yes", "no")}


def outcomes() -> tuple[dict[str, str], dict[str, str]]:
    """The survey's columns themes can be tested against as drivers (NPS, CSAT, satisfied) -> their role, and the
    survey's column labels; both empty when the survey cannot be read."""
    try:
        prepared = analyses.prepared(files.source("survey"))
    except InputError:
        return {}, {}
    return driver_outcomes(prepared), prepared.labels


def linked_flags(index: pd.Index, source: texts.TextSource, column: str) -> pd.Series | None:
    """Per comment (on ``index``), its author's outcome on the survey's ``column`` as 1/0
    (:func:`analysis.themes.outcomes.outcome_flags`; NaN otherwise): the survey's own comments by row, the
    feedback's through its column of respondent ids; None when the comments cannot be linked to the survey."""
    survey = files.source("survey")
    try:
        prepared = analyses.prepared(survey)
    except InputError:
        return None
    flags = outcome_flags(prepared, column)
    if source.kind == "survey":
        return flags.reindex(index)
    other, id_col, _ = linked.other_file(survey)
    if other is None or other.digest != files.source(source.kind).digest:
        return None
    comment_ids = id_key(files.load(other).frame[id_col]).reindex(index)
    return linked_outcome(comment_ids, survey_ids(prepared), flags)


def drivers(coded: pd.DataFrame, frame, source: texts.TextSource) -> None:
    """Themes as drivers of an outcome the analyst picks among the survey's NPS, CSAT and satisfied columns."""
    choices, labels = outcomes()
    if not choices:
        return
    column = st.selectbox(tr("themes.drivers_outcome"), list(choices), key="themes_outcome", width=420,
                          format_func=lambda c: f"{labels.get(c, c)} · {tr(f'role.{choices[c]}')}")
    driver_table(coded, frame, linked_flags(coded.index, source, column), choices[column], labels.get(column, column))


def driver_table(coded: pd.DataFrame, frame, flags: pd.Series | None, role: str, outcome: str,
                 key: str = "themes_drivers") -> None:
    """Themes as drivers of the 0/1 ``flags`` (logistic regression, Holm) beside what the low side (detractors,
    the unsatisfied, no) talks about that the high side does not (log-odds z; two-proportion test, Holm)."""
    high, low = (tr(f"themes.side.{side}") for side in SIDES[role])
    if flags is None or flags.notna().sum() < 2 * MIN_GROUP or flags.nunique() < 2:
        st.caption(tr("themes.drivers_unlinked", outcome=plain(outcome)))
        return
    st.markdown(f"**{tr('themes.drivers', outcome=plain(outcome))}**")
    table = theme_drivers(coded, frame, flags)
    odds = theme_log_odds(coded, frame, flags.map({0.0: "low", 1.0: "high"}), "low", "high").set_index("id")
    st.caption(tr("themes.drivers_help", n=f"{table.attrs['rows']:,}", outcome=plain(outcome),
                  high=tr(f"themes.side.{SIDES[role][0]}"), low=tr(f"themes.side.{SIDES[role][1]}")))
    rows = odds.loc[table["id"]]
    shown = pd.DataFrame({
        tr("themes.col.theme"): table["name"], tr("themes.col.coefficient"): table["coefficient"].round(2),
        tr("themes.col.odds_ratio"): table["odds_ratio"].round(2), tr("themes.col.p_adjusted"): table["p_adjusted"].map(_p),
        tr("themes.col.significant"): table["significant"].map({True: "✓", False: ""}),
        tr("themes.col.high_with", high=high): (100 * table["with"]).round(1),
        tr("themes.col.high_without", high=high): (100 * table["without"]).round(1),
        tr("themes.col.low_share", low=low): (100 * rows["share"]).round(1).to_numpy(),
        tr("themes.col.high_share", high=high): (100 * rows["share_other"]).round(1).to_numpy(),
        tr("themes.col.z_low", low=low, high=high): rows["z"].round(2).to_numpy(),
        tr("themes.col.p_low", low=low, high=high): rows["p_adjusted"].map(_p).to_numpy(),
        tr("themes.col.status"): table["status"].map(lambda status: tr(f"themes.status.{status}"))})
    st.dataframe(shown, hide_index=True, width="stretch", key=key)
    charts.table_pin(shown, tr("themes.drivers", outcome=outcome), key)


def beside_drivers(survey_filters, column: str, role: str, outcome: str) -> None:
    """On the Journey page, under the rating drivers of ``column``: the themes of the comments read on the Sentiment
    page (filtered like the survey) as drivers of the same outcome; a pointer to the Sentiment page when no
    codeframe is kept for those comments."""
    sources = texts.text_sources()
    if not sources:
        return
    source = texts.chosen_source(sources)
    frame = FRAMES.get(texts.reading_key(source))
    if frame is None or not frame.codes:
        st.caption(tr("themes.drivers_none"))
        return
    try:
        scored, _ = texts.scored_rows(source, texts.reading(source), survey_filters)
    except InputError:
        return  # the comments cannot be read: the Sentiment page says why
    coded = coded_comments(scored["text"], frame)
    driver_table(coded, frame, linked_flags(scored.index, source, column), role, outcome, key="journey_theme_drivers")


def stage_themes(survey_filters) -> pd.DataFrame | None:
    """Themes by journey stage (:func:`analysis.themes.stages.themes_by_stage`) of the comments the Journey page
    places at stages, coded by the codeframe kept for them; None without a codeframe or placed comments."""
    sources, found_stages = texts.text_sources(), texts.survey_stages()
    if not sources or not found_stages:
        return None
    source = texts.chosen_source(sources)
    frame = FRAMES.get(texts.reading_key(source))
    if frame is None or not frame.codes:
        return None
    try:
        scored, _ = texts.scored_rows(source, texts.reading(source), survey_filters)
        tags = texts.tags(source, found_stages).loc[scored.index]
    except InputError:
        return None  # the comments cannot be read: the Sentiment page says why
    table = themes_by_stage(coded_comments(scored["text"], frame), frame, scored["sentiment_label"], tags["stage"])
    return None if table.empty else table


def stage_card_line(table: pd.DataFrame | None, stage: str) -> str | None:
    """A stage card's line naming its top negative themes with their negative comments (None when it has none); a
    theme that dissolves on random subsets says so."""
    top = top_negative(table).get(stage) if table is not None else None
    if top is None:
        return None
    return tr("themes.card", themes=", ".join(card_item(name, n, held)
                                              for name, n, held in zip(top["name"], top["negative_n"], top["stability"])))


def card_item(name: str, negative: int, stability: float) -> str:
    """One theme of a stage card: its name and negative comments, and "dissolves" when it does."""
    if stability_level(stability) == "dissolved":
        return tr("themes.card_item_dissolved", name=plain(name), n=f"{negative:,}")
    return tr("themes.card_item", name=plain(name), n=f"{negative:,}")


def stage_table(table: pd.DataFrame, stage_label) -> None:
    """Themes by stage as a table: comments carrying each theme at each stage and their share negative with its
    95% interval."""
    shown = pd.DataFrame({
        tr("journey.stage"): table["stage"].map(stage_label), tr("themes.col.theme"): table["name"],
        tr("themes.col.n"): table["n"], tr("themes.col.negative_n"): table["negative_n"],
        tr("themes.col.negative"): (100 * table["negative"]).round(1),
        tr("journey.low"): (100 * table["negative_low"]).round(1), tr("journey.high"): (100 * table["negative_high"]).round(1),
        tr("themes.col.stability"): table["stability"].map(_stability)})
    with st.expander(tr("themes.by_stage"), icon=":material/category:"):
        st.caption(tr("themes.by_stage_help"))
        st.dataframe(shown, hide_index=True, width="stretch", key="journey_stage_themes")
        charts.table_pin(shown, tr("themes.by_stage"), "journey_stage_themes")


def downloads(comments: pd.Series, coded: pd.DataFrame, frame) -> None:
    """The coded comments (CSV, XLSX: each comment, its theme and a strength per theme) and the codeframe (JSON)."""
    names = {code.id: code.name for code in frame.codes}
    table = pd.DataFrame({tr("sentiment.comment"): comments.to_numpy(),
                          tr("themes.col.theme"): coded["topic"].map(lambda topic: names.get(topic, "")).to_numpy()})
    for code in frame.codes:
        table[f"{code.name} ({code.id})"] = coded[code.id].to_numpy()
    with st.container(horizontal=True):
        st.download_button(tr("themes.download_csv"), data=lambda: csv_bytes(table), file_name="themes_coded.csv",
                           mime="text/csv", on_click="ignore", icon=":material/download:", key="themes_download_csv")
        st.download_button(tr("themes.download_xlsx"), data=lambda: xlsx_bytes(table), file_name="themes_coded.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", icon=":material/grid_on:", key="themes_download_xlsx")
        st.download_button(tr("themes.download_frame"), data=lambda: to_json(frame).encode("utf-8"),
                           file_name="codeframe.json", mime="application/json", on_click="ignore",
                           icon=":material/data_object:", key="themes_download_frame")


def edit(frame, item: str, comments: pd.Series) -> None:
    """Editors: rename each code; merge, split and delete codes; add a code from keywords or the touchpoint
    keywords; load a saved codeframe (JSON or CSV). Each edit is kept in the project at once."""
    with st.expander(tr("themes.edit"), icon=":material/edit:"):
        columns = st.columns(2)
        for position, code in enumerate(frame.codes):
            columns[position % 2].text_input(tr("themes.rename", id=plain(code.id)), code.name, key=f"{_NAME_KEY}{item}_{code.id}",
                                             on_change=renamed, args=(item, code.id))
        named = {code.id: f"{code.name} ({code.id})" for code in frame.codes}
        merge_col, split_col, delete_col = st.columns(3, vertical_alignment="bottom")
        merge_col.multiselect(tr("themes.merge"), list(named), key=f"{_EDIT_KEY}merge__{item}", format_func=named.get,
                              placeholder=tr("themes.merge_hint"))
        merge_col.button(tr("themes.merge_do"), key=f"{_EDIT_KEY}merge_do__{item}", on_click=edited,
                         args=(item, "merge", comments))
        themes = [code.id for code in frame.codes if code.kind == "theme"]
        split_col.selectbox(tr("themes.split"), themes, key=f"{_EDIT_KEY}split__{item}", format_func=named.get)
        split_col.button(tr("themes.split_do"), key=f"{_EDIT_KEY}split_do__{item}", on_click=edited,
                         args=(item, "split", comments), disabled=not themes)
        delete_col.selectbox(tr("themes.delete"), list(named), key=f"{_EDIT_KEY}delete__{item}", format_func=named.get)
        delete_col.button(tr("themes.delete_do"), key=f"{_EDIT_KEY}delete_do__{item}", on_click=edited,
                          args=(item, "delete", comments))
        name_col, words_col, add_col = st.columns([1, 2, 1], vertical_alignment="bottom")
        name_col.text_input(tr("themes.keyword_name"), key=f"{_EDIT_KEY}keyword_name__{item}")
        words_col.text_input(tr("themes.keywords"), key=f"{_EDIT_KEY}keywords__{item}", help=tr("themes.keywords_help"))
        add_col.button(tr("themes.keyword_do"), key=f"{_EDIT_KEY}keyword_do__{item}", on_click=edited,
                       args=(item, "keyword", comments))
        if texts.survey_stages():
            st.button(tr("themes.touchpoints_do"), key=f"{_EDIT_KEY}touchpoints_do__{item}", on_click=edited,
                      args=(item, "touchpoints", comments), help=tr("themes.touchpoints_help"))
        problem = st.session_state.pop(_PROBLEM, None)
        if problem:
            st.error(tr(f"themes.{problem}_bad"))
        upload = st.file_uploader(tr("themes.upload"), type=["json", "csv"], key=f"themes_upload__{item}")
        if upload is not None and st.button(tr("themes.upload_use"), key=f"themes_upload_use__{item}"):
            try:
                body = upload.getvalue().decode("utf-8-sig")
                loaded = from_csv(body) if upload.name.lower().endswith(".csv") else from_json(body)
            except (ValueError, UnicodeDecodeError, json.JSONDecodeError) as err:
                st.error(tr("themes.upload_bad", file=plain(upload.name), reason=plain(str(err)[:120])))
                return
            keep(item, loaded)
            st.rerun()


_EDIT_KEY = "themes_edit_"
_PROBLEM = "_themes_edit_problem"


def edited(item: str, action: str, comments: pd.Series) -> None:
    """Button callback: apply one codeframe edit (its inputs read from the edit widgets) and keep the result; an
    edit that cannot be made leaves the codeframe as it is and says why on the next run."""
    frame, state = FRAMES.get(item), st.session_state
    try:
        if action == "merge":
            changed = merge(frame, state.get(f"{_EDIT_KEY}merge__{item}") or [])
        elif action == "split":
            changed = split(frame, state[f"{_EDIT_KEY}split__{item}"], comments)
        elif action == "delete":
            changed = delete(frame, state[f"{_EDIT_KEY}delete__{item}"])
        elif action == "keyword":
            words = (state.get(f"{_EDIT_KEY}keywords__{item}") or "").replace("，", ",").split(",")
            changed = add_keyword_code(frame, state.get(f"{_EDIT_KEY}keyword_name__{item}") or "", words)
        else:
            changed = add_touchpoint_codes(frame, texts.touchpoint_frame(texts.survey_stages()))
    except (ValueError, KeyError, InputError):
        state[_PROBLEM] = action
        return
    keep(item, changed)


_NAME_KEY = "themes_name__"


def renamed(item: str, code_id: str) -> None:
    """Text input callback: the theme called as typed (an empty name is refused: the old one comes back)."""
    key = f"{_NAME_KEY}{item}_{code_id}"
    frame = FRAMES.get(item)
    name = st.session_state[key]
    if name.strip():
        FRAMES.put(item, rename(frame, code_id, name))
    else:
        st.session_state[key] = frame.get(code_id).name


def keep(item: str, frame) -> None:
    """Keep a new codeframe for ``item``; the rename and edit boxes start again from it."""
    FRAMES.put(item, frame)
    for key in [key for key in st.session_state if str(key).startswith((f"{_NAME_KEY}{item}_", _EDIT_KEY))]:
        del st.session_state[key]
