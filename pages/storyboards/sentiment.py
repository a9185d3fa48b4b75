"""Sentiment page, a storyboard: which texts, how they are read, what they say overall, over time, by
group and touchpoint, in which words, the strongest comments, and learning from the analyst's labels."""
from __future__ import annotations

import dataclasses

import altair as alt
import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.journey import EMOTION_FACES
from analysis.sentiment.base import EMOTIONS, LABELS, UNDETECTED, Thresholds
from analysis.sentiment.model import ENGINES, TEXT_LANGUAGES
from analysis.sentiment.summary import by_group, group_columns, emotion_counts, extremes, label_shares, language_mix, over_time
from analysis.sentiment.trained import review_sample
from analysis.export import csv_bytes
from pages.ui import access, analyses, charts, files, filters, kept, text, texts, themes, weighting
from pages.ui.palette import EMOTIONS as EMOTION_COLORS, INK, SENTIMENT as LABEL_COLORS
from pages.ui.text import plain, tr, worded
TOP_COMMENTS = 10
REVIEW_SIZES = [20, 40, 60, 100, 200]
TERMS_SHOWN = 10
MIN_GROUP = 5
ALL = "\u0000all"  # the "all comments" choice, a value no group can have


def label_word(label: str) -> str:
    return tr(f"sentiment.label.{label}")


def language_word(code: str) -> str:
    return tr(f"sentiment.language.{code or 'none'}")


def emotion_word(emotion: str) -> str:
    return f"{EMOTION_FACES[emotion]} {tr(f'emotion.{emotion}')}" if emotion in EMOTION_FACES else "—"


# Which texts and how they are read ---------------------------------------------------------------------

def pick_source(sources: list[texts.TextSource]) -> texts.TextSource:
    """The text column to read: the feedback export's, or a free-text question of the survey; the choice is kept
    for the files in use (the Journey page reads the same texts)."""
    names = {source: tr(f"sentiment.source.{source.kind}", file=files.source(source.kind).name, column=source.column)
             for source in sources}
    key = f"sentiment_source__{texts.files_key()}"
    kept.prime(key, texts.chosen_source(sources))
    chosen = st.selectbox(tr("sentiment.source"), sources, format_func=names.get, key=key)
    texts.choose_source(chosen)
    return chosen


def settings(source: texts.TextSource):
    """Engine and text language, in an expander, starting from what is kept for these texts; returns the
    reading and the expander (the thresholds are drawn in it once the texts are scored)."""
    kept = texts.reading(source)
    item = texts.reading_key(source)
    box = st.expander(tr("sentiment.settings"), icon=":material/tune:")
    left, right = box.columns(2)
    engine = left.selectbox(tr("sentiment.engine"), ENGINES, index=ENGINES.index(kept.engine),
                            format_func=worded(ENGINES, lambda e: tr(f"sentiment.engine.{e}")),
                            key=f"sentiment_engine__{item}", help=tr("sentiment.engine_help"))
    lang = right.selectbox(tr("sentiment.text_lang"), TEXT_LANGUAGES, index=TEXT_LANGUAGES.index(kept.lang),
                           format_func=worded(TEXT_LANGUAGES, lambda code: tr(f"sentiment.text_lang.{code}")),
                           key=f"sentiment_lang__{item}")
    return dataclasses.replace(kept, engine=engine, lang=lang), box


def thresholds_slider(box, source: texts.TextSource, chosen: texts.Reading, scored: pd.DataFrame) -> texts.Reading:
    """The neutral band, starting from the one kept for these texts and engine (else the engine's own); a change
    re-labels without scoring again. Returns the reading with the band."""
    band = texts.thresholds(source, chosen)
    key = f"sentiment_thresholds__{texts.reading_key(source)}_{chosen.engine}_{texts.band_engine(chosen.engine, scored)}"
    negative, positive = box.slider(tr("sentiment.thresholds"), -1.0, 1.0, (band.negative, band.positive),
                                    step=0.05, key=key, help=tr("sentiment.thresholds_help"))
    if (negative, positive) == (band.negative, band.positive) and chosen.band is None:
        return chosen
    return texts.with_band(source, chosen, (negative, positive))


def touchpoint_keywords(source: texts.TextSource, stages: dict[str, str]) -> pd.DataFrame | None:
    """The editable keyword lists that tag each comment with a survey touchpoint and its stage; the tags, or
    None when the survey names no touchpoint. A line that cannot be read is refused, the last good lists kept."""
    with st.expander(tr("sentiment.keywords"), icon=":material/sell:"):
        if not stages:
            st.caption(tr("sentiment.keywords_no_touchpoints"))
            return None
        st.caption(tr("sentiment.keywords_topics" if texts.tagged_by_topics() else "sentiment.keywords_help"))
        current = texts.keyword_text(stages)
        if not access.editable():
            st.code(current, language=None)
            return texts.tags(source, stages)
        key = f"sentiment_keywords_{files.source('survey').digest}"
        edited = st.text_area(tr("sentiment.keywords_label"), current, height=220, key=key)
        if edited != current:
            try:
                texts.keep_keywords(edited)
            except InputError as err:
                text.show_error(err)
        st.button(tr("sentiment.keywords_reset"), key=f"{key}_reset", icon=":material/restart_alt:",
                  on_click=reset_keywords, args=(key,))
    return texts.tags(source, stages)


def reset_keywords(key: str) -> None:
    """Button callback: back to the keywords seeded from the touchpoint names."""
    texts.forget_keywords()
    st.session_state.pop(key, None)


def with_tags(scored: pd.DataFrame, tags: pd.DataFrame | None) -> pd.DataFrame:
    """``scored`` with the tagged ``touchpoint`` and ``stage`` (in words) of each comment, '' when untagged."""
    if tags is None:
        return scored
    stage_words = tags["stage"].map(lambda stage: tr(f"stage.{stage}") if stage else "")
    return scored.join(tags[["touchpoint"]].assign(stage=stage_words))


# What the texts say overall ----------------------------------------------------------------------------

def headline(scored: pd.DataFrame) -> None:
    """Tiles: texts read, negative and positive shares with their intervals, texts no engine could read."""
    shares = label_shares(scored).set_index("label")
    readable, undetected = shares.attrs["readable"], shares.attrs["undetected"]
    tiles = st.columns(4)
    tiles[0].metric(tr("sentiment.tile.read"), f"{readable:,}", border=True,
                    help=tr("sentiment.tile.read_help"))
    for column, label in zip(tiles[1:3], ("negative", "positive")):
        row = shares.loc[label]
        value = "—" if not readable else f"{100 * row['share']:.1f}%"
        half = None if not readable else f"± {50 * (row['high'] - row['low']):.1f}"
        column.metric(tr(f"sentiment.tile.{label}"), value, delta=half, delta_color="off", delta_arrow="off",
                      delta_description=tr("tile.n", n=f"{readable:,}"), border=True)
    tiles[3].metric(tr("sentiment.tile.undetected"), f"{undetected:,}", border=True,
                    help=tr("sentiment.tile.undetected_help"))
    mix = language_mix(scored)
    notes = [tr("sentiment.languages", mix=text.listed(
        [f"{language_word(code)} {n:,}" for code, n in zip(mix["language"], mix["n"])]))]
    if "touchpoint" in scored:
        tagged = int((scored["touchpoint"] != "").sum())
        notes.append(tr("sentiment.tagged", n=f"{tagged:,}", total=f"{len(scored):,}",
                        share=f"{100 * tagged / len(scored):.0f}"))
    st.caption(text.sentences(*notes))


def distribution(scored: pd.DataFrame, thresholds: Thresholds | None) -> None:
    """Histogram of the scores coloured by label, with the thresholds marked (None: labels from a trained
    model, no thresholds), beside the emotion counts."""
    readable = scored[scored["sentiment_label"] != UNDETECTED]
    left, right = st.columns(2)
    with left:
        data = readable.assign(label_word=readable["sentiment_label"].map(label_word))[["sentiment_score", "label_word"]]
        colors = alt.Scale(domain=[label_word(label) for label in LABELS], range=list(LABEL_COLORS.values()))
        bars = alt.Chart(charts.named("scores")).mark_bar().encode(
            x=alt.X("sentiment_score:Q", bin=alt.Bin(extent=[-1, 1], step=0.1), title=tr("sentiment.axis.score")),
            y=alt.Y("count():Q", title=tr("sentiment.axis.texts")),
            color=alt.Color("label_word:N", scale=colors, title=tr("sentiment.label")),
            tooltip=[alt.Tooltip("label_word:N", title=tr("sentiment.label")),
                     alt.Tooltip("count():Q", title=tr("sentiment.axis.texts"), format=",")])
        cuts = pd.DataFrame({"cut": [thresholds.negative, thresholds.positive] if thresholds else []}, dtype=float)
        rules = alt.Chart(charts.named("cuts")).mark_rule(strokeDash=[4, 3], color=INK).encode(x="cut:Q")
        title = tr("sentiment.chart.distribution", share=f"{100 * (readable['sentiment_label'] == 'negative').mean():.0f}"
                   if len(readable) else "0")
        charts.chart(charts.figure(charts.layered([bars, rules]), {"scores": data, "cuts": cuts}, title=title,
                                   height=260), data, "sentiment_scores")
    with right:
        counts = emotion_counts(scored)
        counts = counts.assign(word=counts["emotion"].map(emotion_word), share_pct=100 * counts["share"].fillna(0))
        top = counts.sort_values("n", ascending=False).iloc[0]
        chart = alt.Chart(charts.named("emotions")).mark_bar(cornerRadiusEnd=3).encode(
            y=alt.Y("word:N", sort=[emotion_word(e) for e in EMOTIONS], title=None),
            x=alt.X("n:Q", title=tr("sentiment.axis.texts")),
            color=alt.Color("emotion:N", scale=alt.Scale(domain=list(EMOTION_COLORS), range=list(EMOTION_COLORS.values())),
                            legend=None),
            tooltip=[alt.Tooltip("word:N", title=tr("sentiment.emotion")), alt.Tooltip("n:Q", format=","),
                     alt.Tooltip("share_pct:Q", title="%", format=".1f")])
        title = tr("sentiment.chart.emotions", emotion=emotion_word(top["emotion"])) if top["n"] else \
            tr("sentiment.chart.emotions_none")
        table = text.for_download(counts, {"emotion": tr("sentiment.emotion"), "n": "n", "share": tr("sentiment.share")},
                                  {"emotion": lambda e: tr(f"emotion.{e}")})
        charts.chart(charts.figure(charts.layered([chart]), {"emotions": counts[["word", "n", "emotion", "share_pct"]]},
                                   title=title, height=260), table, "sentiment_emotions")


def trend(scored: pd.DataFrame) -> None:
    """Share negative (and positive) per period with 95% bands, when the texts carry a time."""
    if "created_at" not in scored or scored["created_at"].isna().all():
        return
    try:
        table = over_time(scored, min_n=MIN_GROUP)
    except InputError:
        return
    if len(table) < 2:
        return
    st.subheader(tr("sentiment.over_time"))
    if table.attrs["dropped"]:
        st.caption(tr("sentiment.periods_dropped", n=f"{table.attrs['dropped']:,}", min=MIN_GROUP))
    long = pd.concat([table.assign(label=label, share=100 * table[label], low=100 * table[f"{label}_low"],
                                   high=100 * table[f"{label}_high"])
                      for label in ("negative", "positive")], ignore_index=True)
    long = long.assign(label_word=long["label"].map(label_word), period_label=long["period"].dt.strftime("%Y-%m-%d"))
    long = long[["period", "period_label", "label_word", "share", "low", "high", "n"]]
    colors = alt.Scale(domain=[label_word("negative"), label_word("positive")],
                       range=[LABEL_COLORS["negative"], LABEL_COLORS["positive"]])
    base = alt.Chart(charts.named("trend")).encode(x=alt.X("period:T", title=None,
                                                           axis=alt.Axis(format=tr("trend.axis_format"))),
                                                   color=alt.Color("label_word:N", scale=colors, title=None))
    band = base.mark_area(opacity=0.2).encode(y=alt.Y("low:Q", title=tr("sentiment.axis.share")), y2="high:Q")
    line = base.mark_line(point=True).encode(
        y="share:Q", tooltip=[alt.Tooltip("period_label:N", title=tr("sentiment.period")),
                              alt.Tooltip("label_word:N", title=tr("sentiment.label")),
                              alt.Tooltip("share:Q", title="%", format=".1f"), alt.Tooltip("n:Q", format=",")])
    worst = table.loc[table["negative"].idxmax()]
    title = tr("sentiment.chart.trend", period=pd.Timestamp(worst["period"]).date().isoformat(),
               share=f"{100 * worst['negative']:.0f}")
    download = text.for_download(long, {"period_label": tr("sentiment.period"), "label_word": tr("sentiment.label"),
                                        "share": "%", "low": tr("journey.low"), "high": tr("journey.high"), "n": "n"})
    charts.chart(charts.figure(charts.layered([band, line]), {"trend": long}, title=title, height=260),
                 download, "sentiment_trend")


def groups(scored: pd.DataFrame, labels: dict[str, str]) -> tuple[str | None, list[str]]:
    """Share negative by a column the analyst picks (channel, segments, touchpoint tagged in the comments);
    returns the column and its groups shown, most negative first."""
    choices = group_columns(scored)
    if not choices:
        return None, []
    st.subheader(tr("sentiment.by_group"))
    own = {"touchpoint": tr("sentiment.touchpoint"), "stage": tr("sentiment.stage"), "channel": tr("sentiment.channel")}
    column = st.selectbox(tr("sentiment.group_by"), choices, key="sentiment_group_by",
                          format_func=lambda c: own.get(c) or labels.get(c, c))
    table = by_group(scored, column, min_n=MIN_GROUP)
    if table.empty:
        st.info(tr("sentiment.group_too_small", n=MIN_GROUP))
        return column, []
    data = table.assign(pct=100 * table["negative"], low=100 * table["negative_low"], high=100 * table["negative_high"],
                        emotion_word=table["emotion"].map(emotion_word))
    base = alt.Chart(charts.named("groups")).encode(y=alt.Y("group:N", sort=data["group"].tolist(), title=None,
                                                            axis=charts.label_axis()))
    bars = base.mark_bar(color=LABEL_COLORS["negative"], cornerRadiusEnd=3).encode(
        x=alt.X("pct:Q", title=tr("sentiment.axis.negative")),
        tooltip=[alt.Tooltip("group:N", title=tr("sentiment.group")), alt.Tooltip("pct:Q", title="%", format=".1f"),
                 alt.Tooltip("low:Q", title=tr("journey.low"), format=".1f"),
                 alt.Tooltip("high:Q", title=tr("journey.high"), format=".1f"),
                 alt.Tooltip("emotion_word:N", title=tr("sentiment.emotion")), alt.Tooltip("n:Q", format=",")])
    whiskers = base.mark_rule(color=INK).encode(x="low:Q", x2="high:Q")
    worst = data.iloc[0]
    title = tr("sentiment.chart.groups", group=str(worst["group"]), share=f"{worst['pct']:.0f}")
    download = text.for_download(data, {"group": tr("sentiment.group"), "n": "n", "pct": tr("sentiment.axis.negative"),
                                        "low": tr("journey.low"), "high": tr("journey.high"),
                                        "emotion": tr("sentiment.emotion")}, {"emotion": lambda e: tr(f"emotion.{e}")})
    shown = data[["group", "pct", "low", "high", "emotion_word", "n"]]
    charts.chart(charts.figure(charts.layered([bars, whiskers]), {"groups": shown}, title=title,
                               height=alt.Step(26)), download, "sentiment_groups")
    return column, data["group"].tolist()


# In which words ------------------------------------------------------------------------------------------

def terms(scored: pd.DataFrame, group_column: str | None, groups_shown: list[str]) -> None:
    """The words that set negative and positive comments apart, in all comments or one group's (a touchpoint,
    a channel, a segment: the one charted above), with the comments behind each."""
    st.subheader(tr("sentiment.terms"))
    readable = scored[scored["sentiment_label"] != UNDETECTED]
    if group_column and groups_shown:
        choices = [ALL, *groups_shown]
        within = st.selectbox(tr("sentiment.terms_within"), choices, key=f"sentiment_terms_in_{group_column}",
                              format_func=worded(choices, lambda g: tr("sentiment.terms_all") if g == ALL else g))
        if within != ALL:
            readable = readable[readable[group_column].astype("string") == within]
    with st.spinner(tr("sentiment.terms_working")):
        table = texts.terms(readable, TERMS_SHOWN)
    columns = st.columns(2)
    for column, label in zip(columns, ("negative", "positive")):
        part = table[table["group"] == label]
        with column:
            st.markdown(f"**{tr(f'sentiment.terms.{label}')}**")
            if part.empty:
                st.caption(tr("sentiment.terms_none"))
                continue
            shown = pd.DataFrame({tr("sentiment.term"): part["term"], tr("sentiment.share"): 100 * part["share"],
                                  "z": part["z"], "n": part["count"]})
            chosen = st.dataframe(shown, hide_index=True, width="stretch", key=f"sentiment_terms_{label}",
                                  on_select="rerun", selection_mode="single-row",
                                  column_config={
                                      tr("sentiment.share"): st.column_config.NumberColumn(
                                          format="%.1f%%", help=tr("sentiment.term_share_help")),
                                      "z": st.column_config.NumberColumn(format="%.1f", help=tr("sentiment.term_z_help")),
                                      "n": st.column_config.NumberColumn(help=tr("sentiment.term_n_help"))})
            picked = chosen.selection.rows if chosen else []
            row = part.iloc[picked[0]] if picked else part.iloc[0]
            st.caption(tr("sentiment.examples", term=plain(row["term"])))
            examples = readable.loc[row["examples"], "text"]
            st.dataframe(pd.DataFrame({tr("sentiment.comment"): examples.to_numpy()}), hide_index=True, width="stretch")


def comments(scored: pd.DataFrame) -> None:
    """The most negative and most positive comments, as plain text in tables (never rendered as Markdown)."""
    st.subheader(tr("sentiment.comments"))
    for column, label in zip(st.columns(2), ("negative", "positive")):
        part = extremes(scored, label, TOP_COMMENTS)
        with column:
            st.markdown(f"**{tr(f'sentiment.comments.{label}')}**")
            st.dataframe(pd.DataFrame({tr("sentiment.comment"): part["text"].to_numpy(),
                                       tr("sentiment.score"): part["sentiment_score"].to_numpy(),
                                       tr("sentiment.emotion"): part["emotion"].map(emotion_word).to_numpy()}),
                         hide_index=True, width="stretch",
                         column_config={tr("sentiment.score"): st.column_config.NumberColumn(format="%.2f")})


# Learning from the analyst's labels -------------------------------------------------------------------------

def learn(source: texts.TextSource, rows: pd.DataFrame, scored: pd.DataFrame, chosen: texts.Reading,
          labels: dict[str, str]) -> None:
    """Train on labels, from a column of the file or checked here by hand; show the cross-validated figures."""
    st.subheader(tr("sentiment.train"))
    st.caption(tr("sentiment.train_help"))
    candidates = [column for column in rows.columns if column not in ("text", "created_at", "channel")
                  and 2 <= rows[column].nunique() <= 10]
    modes = ["column", "check"] if candidates else ["check"]
    mode = st.segmented_control(tr("sentiment.train_from"), modes, default=modes[0], key="sentiment_train_from",
                                format_func=worded(modes, lambda m: tr(f"sentiment.train_from.{m}"))) or modes[0]
    if mode == "column":
        column = st.selectbox(tr("sentiment.train_column"), candidates, format_func=lambda c: labels.get(c, c),
                              key="sentiment_train_column")
        examples, name = (rows["text"], rows[column]), labels.get(column, column)
    else:
        examples, name = checked_labels(scored, chosen.engine, chosen.lang), tr("sentiment.my_labels")
    if st.button(tr("sentiment.train_button"), icon=":material/model_training:", key="sentiment_train"):
        try:
            texts.train(source, chosen.engine, chosen.lang, *examples, name)
        except InputError as err:
            text.show_error(err)
        else:
            st.rerun()  # every section above then reads with the trained model, if it is used
    classifier = texts.trained(source, chosen.engine, chosen.lang)
    if classifier is None:
        return
    cv = classifier.cv_
    st.markdown(plain(text.say(cv.figures())))
    if cv.beats_zero_shot:
        st.success(plain(text.say(cv.decision())))
        key = f"sentiment_use_trained__{texts.reading_key(source)}"
        st.toggle(tr("sentiment.train_use"), value=chosen.use_trained, key=key, on_change=keep_use_trained,
                  args=(source, chosen, key))
    else:
        st.info(plain(text.say(cv.decision())))


def keep_use_trained(source: texts.TextSource, chosen: texts.Reading, key: str) -> None:
    """Toggle callback: keep whether the trained classifier reads these texts."""
    texts.keep_reading(source, dataclasses.replace(chosen, use_trained=st.session_state[key]))


def checked_labels(scored: pd.DataFrame, engine: str, lang: str) -> tuple[pd.Series, pd.Series]:
    """A sample of comments with the engine's labels for the analyst to correct (``st.data_editor``);
    returns the texts and the labels as checked."""
    size = st.select_slider(tr("sentiment.check_size"), REVIEW_SIZES, value=REVIEW_SIZES[1], key="sentiment_check_size")
    sample = review_sample(scored, size)
    words = {label: label_word(label) for label in LABELS}
    codes = {word: label for label, word in words.items()}
    frame = pd.DataFrame({"text": sample["text"].to_numpy(), "label": sample["sentiment_label"].map(words).to_numpy()})
    st.caption(tr("sentiment.check_help"))
    edited = st.data_editor(frame, key=f"sentiment_check_{engine}_{lang}_{size}_{text.lang()}", hide_index=True,
                            num_rows="fixed", disabled=["text"], width="stretch", column_config={
                                "text": st.column_config.TextColumn(tr("sentiment.comment"), width="large"),
                                "label": st.column_config.SelectboxColumn(tr("sentiment.your_label"),
                                                                          options=list(codes), required=True)})
    return edited["text"], edited["label"].map(codes)


def download(scored: pd.DataFrame) -> None:
    """Every filtered text with its score, label, emotion and language, as CSV in the session's words."""
    table = scored[["text", "sentiment_score", "sentiment_label", "emotion", "language"]]
    shown = text.for_download(table, {"text": tr("sentiment.comment"), "sentiment_score": tr("sentiment.score"),
                                      "sentiment_label": tr("sentiment.label"), "emotion": tr("sentiment.emotion"),
                                      "language": tr("sentiment.language")},
                              {"sentiment_label": label_word, "emotion": lambda e: tr(f"emotion.{e}") if e else ""})
    st.download_button(tr("sentiment.download"), data=lambda: csv_bytes(shown), file_name="sentiment.csv",
                       mime="text/csv", on_click="ignore", icon=":material/download:", key="sentiment_download")


# The page -------------------------------------------------------------------------------------------------

st.title(tr("nav.sentiment"))
sources = texts.text_sources()
if not sources:
    st.info(tr("sentiment.no_text"))
    st.stop()
source = pick_source(sources)
reading, settings_box = settings(source)
survey_filters = filters.current(files.source("survey"))
try:
    rows = texts.rows(source, survey_filters)
    column_labels = analyses.filter_choices(files.source(source.kind))["labels"]
    reading = thresholds_slider(settings_box, source, reading, texts.scores(source, reading.engine, reading.lang))
    texts.keep_reading(source, reading)
    scored, using_trained = texts.scored_rows(source, reading, survey_filters)
    tags = touchpoint_keywords(source, texts.survey_stages())
except InputError as err:
    text.show_error(err)
    st.stop()
adapted = None if using_trained else texts.adaptation_note(source, reading)
if using_trained:
    st.caption(tr("sentiment.using_trained"))
elif adapted is not None:
    st.caption(adapted)
scored = with_tags(scored, tags)
if scored.empty:
    st.info(tr("sentiment.no_rows"))
    st.stop()
headline(scored)
weighting.not_applied("comments")
distribution(scored, None if using_trained else texts.thresholds(source, reading))
trend(scored)
terms(scored, *groups(scored, column_labels))
themes.section(scored, source, reading.lang, column_labels)
comments(scored)
if access.editable():
    learn(source, rows, scored, reading, column_labels)
download(scored)
