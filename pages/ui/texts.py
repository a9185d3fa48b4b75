"""What the Sentiment page reads: the free-text columns in use, their cached scores, trained classifiers.

Scores are cached by the file's hash, its mapping, the column, the engine and the text language,
for every row of the file; the sidebar filters then pick rows, and thresholds turn scores into
labels on each run, so moving a threshold or a filter never scores again. A classifier trained on
the analyst's labels lives in the session only, as do the touchpoint keywords that tag comments
(one list per survey, seeded from its touchpoint names).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.filters import carried_over
from analysis.journey import stage_map
from analysis.sentiment.base import Thresholds, labels_for
from analysis.sentiment.model import SentimentModel, score_many
from analysis.sentiment.summary import corpus, text_columns
from analysis.sentiment.stages import feedback_by_stage
from analysis.sentiment.tagging import keywords_from_text, keywords_to_text, seed_keywords, tag_comments
from analysis.sentiment.terms import key_terms
from analysis.sentiment.trained import LabelledClassifier
from pages.ui import project, state
from pages.ui.cache import cached
from pages.ui.text import tr

_TRAINED = "_trained_classifiers"
_KEYWORDS = "touchpoint_keywords"


@dataclass(frozen=True)
class TextSource:
    """One column of free text: in the feedback export or the survey (``kind``)."""

    kind: str
    column: str


def text_sources() -> list[TextSource]:
    """Every free-text column of the files in use, the feedback export's first; unreadable files left out."""
    found = []
    for kind in ("feedback", "survey"):
        try:
            result = state.prepared(state.source(kind))
        except InputError:
            continue
        if result.kind != "transactions":
            found += [TextSource(kind, column) for column in text_columns(result)]
    return found


def rows(source: TextSource) -> pd.DataFrame:
    """The texts of ``source`` with what they can be grouped by, narrowed by the sidebar filters.

    The survey's own filters apply to its comments; feedback read beside it keeps the date range
    and any channel or segment column it shares with the survey.
    """
    src = state.source(source.kind)
    if source.kind == "survey":
        result = state.filtered(src)
    else:
        result = state.filtered(src, carried_over(state.current_filters(state.source("survey")),
                                                  state.prepared(src)))
    return corpus(result, source.column)


def scores(source: TextSource, engine: str, lang: str) -> pd.DataFrame:
    """Score, emotion and language of every row of ``source`` (cached); a progress bar while scoring."""
    src = state.source(source.kind)
    digest, name, mapping_key, _ = state.keys(src)
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if total > 2000:
            bar = bar or st.progress(0.0, text=tr("sentiment.scoring", n=f"{total:,}"))
            bar.progress(done / total, text=tr("sentiment.scoring", n=f"{total:,}"))

    def build():
        texts = state.prepared(src).responses[source.column]
        return score_many(SentimentModel(engine, lang), texts, progress=progress)

    scored = cached(("sentiment", digest, name, mapping_key, source.column, engine, lang), build)
    if bar is not None:
        bar.empty()
    return scored


def labelled(scored: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """``scored`` with ``sentiment_label`` from the scores and ``thresholds``."""
    return scored.assign(sentiment_label=labels_for(scored["sentiment_score"].to_numpy(dtype=float), thresholds))


def band_engine(engine: str, scored: pd.DataFrame) -> str:
    """The engine whose neutral band the thresholds start from: ``engine`` itself, or for ``auto`` the Chinese
    engine when most readable texts are Chinese, else the English one."""
    if engine != "auto":
        return engine
    languages = scored["language"][scored["sentiment_label"] != "undetected"]
    return "chinese" if len(languages) and (languages == "zh").mean() > 0.5 else "english"


def default_thresholds(engine: str, lang: str, scored: pd.DataFrame) -> Thresholds:
    """The neutral band the thresholds start from (see :func:`band_engine`)."""
    return SentimentModel(engine, lang).thresholds_for(band_engine(engine, scored))


def thresholds_key(engine: str, scored: pd.DataFrame) -> str:
    """Widget key of the thresholds slider: one per engine and starting band."""
    return f"sentiment_thresholds_{engine}_{band_engine(engine, scored)}"


def chosen_thresholds(source: TextSource, engine: str, lang: str) -> Thresholds:
    """The thresholds last set on the Sentiment page for these texts and engine, else the default band."""
    scored = scores(source, engine, lang)
    band = st.session_state.get(thresholds_key(engine, scored))
    return Thresholds(*band) if band else default_thresholds(engine, lang, scored)


def scored_rows(source: TextSource, engine: str, lang: str, thresholds: Thresholds) -> tuple[pd.DataFrame, bool]:
    """The filtered texts of ``source`` with score, label, emotion and language, and whether the labels come
    from a classifier trained in this session (when it beat the engine and the analyst keeps it on)."""
    rows_ = rows(source)
    classifier = trained(source, engine, lang)
    if classifier is not None and classifier.cv_.beats_zero_shot and st.session_state.get("sentiment_use_trained", True):
        return rows_.join(trained_scores(source, engine, lang)), True
    return rows_.join(labelled(scores(source, engine, lang), thresholds)), False


def journey_feedback() -> tuple[pd.DataFrame, TextSource] | None:
    """What the feedback says at each journey stage (:func:`analysis.sentiment.stages.feedback_by_stage`) with
    the texts, engine and thresholds last chosen on the Sentiment page, and the texts read; None when no
    file in use has free text or the survey names no touchpoint."""
    sources, stages = text_sources(), survey_stages()
    if not sources or not stages:
        return None
    source = st.session_state.get("sentiment_source")
    source = source if source in sources else sources[0]
    engine, lang = st.session_state.get("sentiment_engine", "auto"), st.session_state.get("sentiment_lang", "auto")
    scored, _ = scored_rows(source, engine, lang, chosen_thresholds(source, engine, lang))
    return feedback_by_stage(scored, tags(source, stages).loc[scored.index]), source


def terms(readable: pd.DataFrame, top: int) -> pd.DataFrame:
    """:func:`analysis.sentiment.terms.key_terms` of readable scored texts by label, Chinese texts cut by jieba;
    cached by the texts, labels and languages (so reruns, filters and thresholds seen before are instant)."""
    frame = readable[["text", "sentiment_label", "language"]]
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame).to_numpy().tobytes()).hexdigest()

    def build():
        languages = frame["language"].where(frame["language"] == "zh", "en").tolist()
        return key_terms(frame["text"], frame["sentiment_label"], lang=languages, top=top)
    return cached(("terms", digest, top), build)


def _trained_key(source: TextSource, engine: str, lang: str) -> tuple:
    return state.source(source.kind).digest, source.column, engine, lang


def train(source: TextSource, engine: str, lang: str, texts: pd.Series, labels: pd.Series,
          column: str) -> LabelledClassifier:
    """Train (and cross-validate) a classifier on the analyst's labels, keep it in the session and its examples in
    the project (a new session trains it again from them)."""
    classifier = _fit(source, engine, lang, texts.tolist(), labels.tolist(), column)
    project.keep_examples("|".join(_trained_key(source, engine, lang)), texts.tolist(), labels.tolist(), column)
    return classifier


def _fit(source: TextSource, engine: str, lang: str, texts: list, labels: list, column: str) -> LabelledClassifier:
    classifier = LabelledClassifier(SentimentModel(engine, lang)).fit(texts, labels, column=column)
    st.session_state.setdefault(_TRAINED, {})[_trained_key(source, engine, lang)] = {"classifier": classifier}
    return classifier


def trained(source: TextSource, engine: str, lang: str) -> LabelledClassifier | None:
    """The classifier trained for ``source`` with this engine: in this session, or again from the examples the
    project keeps (once per session), if any."""
    key = _trained_key(source, engine, lang)
    kept = st.session_state.get(_TRAINED, {}).get(key)
    if kept:
        return kept["classifier"]
    examples = project.examples("|".join(key))
    if examples is None:
        return None
    with st.spinner(tr("sentiment.train_working")):
        return _fit(source, engine, lang, examples["texts"], examples["labels"], examples["column"])


def trained_scores(source: TextSource, engine: str, lang: str) -> pd.DataFrame:
    """Every row of ``source`` as its trained classifier reads it, scored once and kept with it in the session."""
    kept = st.session_state[_TRAINED][_trained_key(source, engine, lang)]
    if "scored" not in kept:
        texts = state.prepared(state.source(source.kind)).responses[source.column]
        with st.spinner(tr("sentiment.train.scoring")):
            kept["scored"] = score_many(kept["classifier"], texts)
    return kept["scored"]


# Touchpoints the comments talk about --------------------------------------------------------------------------

def survey_stages() -> dict[str, str]:
    """Touchpoint (short label) -> journey stage of the survey in use, with the Journey page's stage edits;
    empty when the survey cannot be read or rates no touchpoint."""
    src = state.source("survey")
    try:
        choices = state.filter_choices(src)
    except InputError:
        return {}
    if choices["kind"] == "transactions":
        return {}
    saved = st.session_state.get("stage_maps", {}).get(src.digest, {})
    labels = choices["labels"]
    return {labels.get(column, column): stage for column, stage in stage_map(choices["touchpoints"], saved).items()}


def keyword_text(stages: dict[str, str]) -> str:
    """The touchpoint keyword lines in use for the survey: the analyst's edit, else seeded from the names."""
    edited = st.session_state.get(_KEYWORDS, {}).get(state.source("survey").digest)
    return edited if edited is not None else keywords_to_text(seed_keywords(list(stages)))


def keep_keywords(text: str) -> None:
    """Remember the analyst's keyword lines for the survey in use (checked: raises InputError on a bad line)."""
    keywords_from_text(text)
    st.session_state.setdefault(_KEYWORDS, {})[state.source("survey").digest] = text


def forget_keywords() -> None:
    """Back to the keywords seeded from the touchpoint names."""
    st.session_state.get(_KEYWORDS, {}).pop(state.source("survey").digest, None)


def tags(source: TextSource, stages: dict[str, str]) -> pd.DataFrame:
    """``touchpoint``, ``stage`` and ``matches`` of every row of ``source`` (cached by file, column, keywords
    and stages); empty when the survey names no touchpoint. Raises InputError for a bad keyword line."""
    if not stages:
        return pd.DataFrame(columns=["touchpoint", "stage", "matches"])
    lines = keyword_text(stages)
    src = state.source(source.kind)
    digest, name, mapping_key, _ = state.keys(src)

    def build():
        texts = state.prepared(src).responses[source.column].astype("string").fillna("")
        keywords = keywords_from_text(lines)
        return tag_comments(texts, keywords, {**stage_map(list(keywords)), **stages})  # new lines get a guessed stage
    return cached(("tags", digest, name, mapping_key, source.column, lines, tuple(sorted(stages.items()))), build)
