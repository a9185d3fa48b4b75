"""What the Sentiment page reads: the free-text columns in use, their cached scores, trained classifiers.

Scores are cached by the file's hash, its mapping, the column, the engine and the text language,
for every row of the file; the sidebar filters then pick rows, and thresholds turn scores into
labels on each run, so moving a threshold or a filter never scores again. A classifier trained on
the analyst's labels lives in the session only.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.errors import InputError
from analysis.filters import carried_over
from analysis.sentiment.base import Thresholds, labels_for
from analysis.sentiment.model import SentimentModel, score_many
from analysis.sentiment.summary import corpus, text_columns
from analysis.sentiment.trained import LabelledClassifier
from pages.ui import state
from pages.ui.cache import cached
from pages.ui.text import tr

_TRAINED = "_trained_classifiers"


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


def _score(digest: str, name: str, mapping_key: str, _mapping: pd.DataFrame, column: str, engine: str, lang: str,
           _data: bytes, _progress) -> pd.DataFrame:
    def build():
        result = state._prepare(digest, name, mapping_key, _mapping, _data)
        texts = result.responses[column]
        return score_many(SentimentModel(engine, lang), texts, progress=_progress)
    return cached(("sentiment", digest, name, mapping_key, column, engine, lang), build)


def scores(source: TextSource, engine: str, lang: str) -> pd.DataFrame:
    """Score, emotion and language of every row of ``source`` (cached); a progress bar while scoring."""
    src = state.source(source.kind)
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if total > 2000:
            bar = bar or st.progress(0.0, text=tr("sentiment.scoring", n=f"{total:,}"))
            bar.progress(done / total, text=tr("sentiment.scoring", n=f"{total:,}"))

    scored = _score(*state.keys(src), source.column, engine, lang, src.data, progress)
    if bar is not None:
        bar.empty()
    return scored


def labelled(scored: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """``scored`` with ``sentiment_label`` from the scores and ``thresholds``."""
    return scored.assign(sentiment_label=labels_for(scored["sentiment_score"].to_numpy(dtype=float), thresholds))


def _trained_key(source: TextSource, engine: str, lang: str) -> tuple:
    return state.source(source.kind).digest, source.column, engine, lang


def train(source: TextSource, engine: str, lang: str, texts: pd.Series, labels: pd.Series,
          column: str) -> LabelledClassifier:
    """Train (and cross-validate) a classifier on the analyst's labels and keep it in the session."""
    classifier = LabelledClassifier(SentimentModel(engine, lang)).fit(texts.tolist(), labels.tolist(), column=column)
    st.session_state.setdefault(_TRAINED, {})[_trained_key(source, engine, lang)] = {"classifier": classifier}
    return classifier


def trained(source: TextSource, engine: str, lang: str) -> LabelledClassifier | None:
    """The classifier trained in this session for ``source`` with this engine, if any."""
    kept = st.session_state.get(_TRAINED, {}).get(_trained_key(source, engine, lang))
    return kept["classifier"] if kept else None


def trained_scores(source: TextSource, engine: str, lang: str) -> pd.DataFrame:
    """Every row of ``source`` as its trained classifier reads it, scored once and kept with it in the session."""
    kept = st.session_state[_TRAINED][_trained_key(source, engine, lang)]
    if "scored" not in kept:
        texts = state.prepared(state.source(source.kind)).responses[source.column]
        with st.spinner(tr("sentiment.train.scoring")):
            kept["scored"] = score_many(kept["classifier"], texts)
    return kept["scored"]
