"""The Sentiment page and the Journey page's feedback, run headless (Streamlit AppTest) on the bundled sample:
figures checked against the library computed apart, thresholds that re-label without scoring again,
touchpoint keywords, training on a label column."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from analysis.io import load_export
from analysis.journey import EMOTION_FACES, journey_map, stage_map, touchpoint_summary
from analysis.prepare import prepare
from analysis.sample import sample_paths
from analysis.schema import detect_roles
from analysis.sentiment.base import Thresholds, labels_for
from analysis.sentiment.model import SentimentModel, score_texts
from analysis.sentiment.stages import compare_evidence, feedback_by_stage
from analysis.sentiment.tagging import keywords_to_text, seed_keywords, tag_comments
from pages.ui import texts
from pages.ui.words import t
from tests.apptest import chart_data, open_page, widget


def prepared(kind: str):
    export = load_export(sample_paths()[kind])
    return prepare(export, detect_roles(export))


@pytest.fixture(scope="module")
def tweets() -> pd.DataFrame:
    """The sample tweets the page reads, scored by the library directly (auto engine, per-text language)."""
    responses = prepared("feedback").responses
    frame = pd.DataFrame({"text": responses["text"].astype("string").fillna("")})
    return frame.join(score_texts(frame["text"].tolist()).set_axis(frame.index))


def default_thresholds() -> Thresholds:
    return SentimentModel().thresholds_for("english")  # the sample tweets are English


def tile(app_test, label: str) -> str:
    return next(metric.value for metric in app_test.metric if metric.label == label)


def test_tiles_and_distribution_agree_with_the_library(app_test, tweets):
    open_page(app_test, "sentiment")
    assert not app_test.error
    band = default_thresholds()
    labels = labels_for(tweets["sentiment_score"].to_numpy(dtype=float), band)
    assert tile(app_test, t("sentiment.tile.read", "en")) == f"{(labels != 'undetected').sum():,}"
    readable = labels[labels != "undetected"]
    assert tile(app_test, t("sentiment.tile.negative", "en")) == f"{100 * (readable == 'negative').mean():.1f}%"
    shown = chart_data(app_test, "scores")
    assert np.allclose(np.sort(shown["sentiment_score"]), np.sort(tweets["sentiment_score"].dropna()))


def test_a_threshold_change_relabels_without_scoring_again(app_test, tweets, monkeypatch):
    open_page(app_test, "sentiment")
    calls = []
    original = texts.score_many
    monkeypatch.setattr(texts, "score_many", lambda *args, **kwargs: calls.append(1) or original(*args, **kwargs))
    widget(app_test.slider, "sentiment_thresholds__").set_value((-0.5, 0.5)).run()
    assert not app_test.exception and calls == []
    labels = labels_for(tweets["sentiment_score"].to_numpy(dtype=float), Thresholds(-0.5, 0.5))
    readable = labels[labels != "undetected"]
    assert tile(app_test, t("sentiment.tile.negative", "en")) == f"{100 * (readable == 'negative').mean():.1f}%"


def keywords_area(app_test):
    return next(area for area in app_test.text_area if area.key.startswith("sentiment_keywords_"))


def test_touchpoint_keywords_start_from_the_survey_and_tag_the_comments(app_test, tweets):
    open_page(app_test, "sentiment")
    survey = prepared("survey")
    labels = [survey.labels.get(column, column) for column in stage_map(survey.columns("touchpoint"))]
    assert keywords_area(app_test).value == keywords_to_text(seed_keywords(labels))
    assert app_test.selectbox(key="sentiment_group_by").value == "touchpoint"
    keywords_area(app_test).input("Wifi: wifi, internet").run()
    assert not app_test.exception and not app_test.error
    tagged = (tag_comments(tweets["text"], {"Wifi": ["wifi", "internet"]})["touchpoint"] != "").sum()
    note = t("sentiment.tagged", "en", n=f"{tagged:,}", total=f"{len(tweets):,}", share=f"{100 * tagged / len(tweets):.0f}")
    assert any(note in caption.value for caption in app_test.caption)
    groups = chart_data(app_test, "groups")
    assert list(groups["group"]) == ["Wifi"]


def test_a_keyword_line_without_a_colon_is_refused_and_the_last_lists_kept(app_test):
    open_page(app_test, "sentiment")
    keywords_area(app_test).input("Wifi: wifi").run()
    keywords_area(app_test).input("Wifi: wifi\nSeats legroom").run()
    assert not app_test.exception
    assert [error.value for error in app_test.error] == [
        "Keyword line 2 reads 'Seats legroom'; write it as 'touchpoint\\: keyword, keyword'\\."]
    assert list(chart_data(app_test, "groups")["group"]) == ["Wifi"]


def test_training_on_the_label_column_shows_cross_validation_and_is_used(app_test):
    open_page(app_test, "sentiment")
    app_test.selectbox(key="sentiment_train_column").set_value("airline_sentiment").run()
    app_test.button(key="sentiment_train").click().run()
    assert not app_test.exception and not app_test.error
    result = next(m.value for m in app_test.markdown if m.value.startswith("Trained on "))
    trained, zero = (float(value) for value in result.split("**")[1::2])
    assert trained > zero  # airline tweets: the trained model beats the engine on the same folds
    assert widget(app_test.toggle, "sentiment_use_trained__").value
    assert t("sentiment.using_trained", "en") in [caption.value for caption in app_test.caption]


def test_the_journey_map_shows_what_comments_say_per_stage(app_test, tweets):
    open_page(app_test, "journey")
    survey = prepared("survey")
    stages = stage_map(survey.columns("touchpoint"))
    named = {survey.labels.get(column, column): stage for column, stage in stages.items()}
    scored = tweets.assign(sentiment_label=labels_for(tweets["sentiment_score"].to_numpy(dtype=float),
                                                      default_thresholds()))
    tags = tag_comments(tweets["text"], seed_keywords(list(named)), named)
    feedback = feedback_by_stage(scored, tags)
    table = touchpoint_summary(survey.scores, survey.mapping, stages)
    evidence = compare_evidence(journey_map(table, survey.scores), feedback)
    verdict = t("journey.feedback_agree" if evidence.agree else "journey.feedback_disagree", "en",
                stage=t(f"stage.{evidence.words_stage}", "en"), share=f"{100 * evidence.negative:.0f}",
                n=f"{evidence.n:,}", survey=t(f"stage.{evidence.survey_stage}", "en"),
                score=f"{100 * evidence.survey_score:.0f}")
    assert any(markdown.value.startswith(verdict) for markdown in app_test.markdown)
    cards = [caption.value for caption in app_test.caption]
    for row in feedback.itertuples():
        assert t("journey.card_feedback", "en", share=f"{100 * row.negative:.0f}", face=EMOTION_FACES[row.emotion],
                 n=f"{row.n:,}") in cards
