"""The Sentiment page and the Journey page's feedback, run headless (Streamlit AppTest) on the bundled sample:
figures checked against the library computed apart, thresholds that re-label without scoring again,
touchpoint keywords, training on a label column."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

from analysis.journey import EMOTION_FACES, journey_map, stage_map, touchpoint_summary
from analysis.sample import sample_paths
from analysis.sentiment.base import Thresholds, labels_for
from analysis.sentiment.model import SentimentModel, score_many, score_texts
from analysis.sentiment.stages import compare_evidence, feedback_by_stage
from analysis.sentiment.tagging import keywords_to_text, seed_keywords
from analysis.themes.touchpoints import tag_comments
from analysis.sentiment.trained import LabelledClassifier
from pages.ui import texts
from pages.ui.words import t
from pages.ui.text import plain
from tests.apptest import chart_data, go, new_app, open_page, upload, widget
from tests.tables import prepared_path


def prepared(kind: str):
    return prepared_path(sample_paths()[kind])


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
    # The figures and the choice of a classifier trained by the library on the same labelled tweets.
    responses = prepared("feedback").responses
    cv = LabelledClassifier().fit(responses["text"].astype("string").fillna("").tolist(),
                                  responses["airline_sentiment"].tolist()).cv_
    assert cv.beats_zero_shot  # 2,000 labelled airline tweets: better than the engine beyond one standard error
    assert plain(cv.figures().text("en")) in [markdown.value for markdown in app_test.markdown]
    assert [success.value for success in app_test.success] == [plain(t("sentiment.cv.trained", "en"))]
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
        assert t("journey.card_feedback", "en", share=f"{100 * row.negative:.0f}", positive=f"{100 * row.positive:.0f}",
                 n=f"{row.n:,}") in cards
    # one face per card, and it says it is the ratings'; the comments' line carries shares, not a face
    faces = set(EMOTION_FACES.values())
    assert not any(face in caption for caption in cards if caption.startswith("Comments:") for face in faces)
    headers = [block.value for block in app_test.markdown if block.value.startswith("**") and " · ratings " in block.value]
    assert len(headers) == sum(1 for row in journey_map(table, survey.scores).itertuples() if row.n)


def stage_evidence(engine: str) -> pd.DataFrame:
    """What the sample tweets say per journey stage when read by ``engine`` with its own neutral band."""
    survey = prepared("survey")
    named = {survey.labels.get(column, column): stage
             for column, stage in stage_map(survey.columns("touchpoint")).items()}
    texts_ = prepared("feedback").responses["text"].astype("string").fillna("")
    scored = texts_.to_frame("text").join(score_texts(texts_.tolist(), engine=engine).set_axis(texts_.index))
    band = SentimentModel(engine).thresholds_for("english" if engine == "auto" else engine)  # English tweets
    scored = scored.assign(sentiment_label=labels_for(scored["sentiment_score"].to_numpy(dtype=float), band))
    return feedback_by_stage(scored, tag_comments(texts_, seed_keywords(list(named)), named))


def journey_feedback_table(app_test) -> pd.DataFrame:
    """The Journey page's "scores and words" table: comments and share negative per stage."""
    return next(frame.value for frame in app_test.dataframe
                if t("journey.feedback_negative", "en") in frame.value.columns)


def test_the_journey_keeps_reading_with_the_engine_chosen_on_the_sentiment_page(app_test):
    """Chosen on the Sentiment page, VADER reads the comments on the Journey page on every run, not only the first
    (the engine once lived in a widget key that Streamlit drops when the page is left)."""
    vader, auto = stage_evidence("vader"), stage_evidence("auto")
    assert not np.allclose(vader["negative"], auto["negative"])  # the two engines tell the stages apart
    open_page(app_test, "sentiment")
    widget(app_test.selectbox, "sentiment_engine__").set_value("vader").run()
    go(app_test, "journey")
    for _ in range(2):  # the second run is any filter click
        shown = journey_feedback_table(app_test)
        expected = (100 * vader["negative"]).round(6).tolist()
        assert shown[t("journey.feedback_negative", "en")].round(6).tolist() == expected
        app_test.run()


def test_the_chosen_texts_are_kept_when_the_page_is_left(app_test, shared_data):
    """Texts chosen on the Sentiment page (here the titles of reviews uploaded as feedback, not their first text
    column) stay chosen after a visit to another page, and the Journey page reads the same texts."""
    path = shared_data / "womens_clothing_reviews_sample.csv"
    upload(app_test, path, "feedback")
    open_page(app_test, "sentiment")
    choice = widget(app_test.selectbox, "sentiment_source__")
    assert choice.value == texts.TextSource("feedback", "Review Text")
    choice.set_value(texts.TextSource("feedback", "Title")).run()
    go(app_test, "journey")
    assert t("journey.feedback_source", "en", file=plain(path.name), column="Title") in [
        caption.value for caption in app_test.caption]
    go(app_test, "sentiment")
    assert widget(app_test.selectbox, "sentiment_source__").value == texts.TextSource("feedback", "Title")


def test_the_samples_comments_leave_when_the_analyst_brings_their_own_survey(app_test, tmp_path):
    """An uploaded survey with its own comments: the Sentiment page and the Journey read those, never the
    bundled airline tweets; without comments, the Sentiment page says there is no free text."""
    n = 60
    own = tmp_path / "hotel_survey.csv"
    pd.DataFrame({"Guest ID": range(n), "Check-in rating": np.arange(n) % 5 + 1, "Room rating": (np.arange(n) * 3) % 5 + 1,
                  "Comments": [f"The room was clean but the check-in queue took {i} minutes" for i in range(n)]}
                 ).to_csv(own, index=False)
    upload(app_test, own)
    go(app_test, "sentiment")
    assert not app_test.exception
    source = app_test.selectbox(key=next(box.key for box in app_test.selectbox
                                         if box.key and box.key.startswith("sentiment_source__")))
    assert [option for option in source.options] == [
        t("sentiment.source.survey", "en", file="hotel_survey.csv", column="Comments")]
    go(app_test, "journey")
    assert not app_test.exception
    captions = " ".join(caption.value for caption in app_test.caption)
    assert "airline_tweets" not in captions and "hotel" in captions

    silent = new_app()
    bare = tmp_path / "ratings_only.csv"
    pd.DataFrame({"Guest ID": range(n), "Check-in rating": np.arange(n) % 5 + 1}).to_csv(bare, index=False)
    upload(silent, bare)
    go(silent, "sentiment")
    assert not silent.exception and silent.info[0].value == t("sentiment.no_text", "en")


def test_the_page_says_what_the_chinese_engine_learnt_from_the_comments(app_test, shared_data):
    """Chinese reviews uploaded as feedback: the engine fits itself to them, and the page says how (the same
    summary the library gives for the same texts)."""
    path = shared_data / "chnsenticorp_htl_sample.csv"
    upload(app_test, path, "feedback")
    open_page(app_test, "sentiment")
    assert not app_test.exception
    reviews = pd.read_csv(path)["review"]
    learnt = score_many(SentimentModel(), reviews).attrs["chinese_adaptation"]
    assert learnt["domain_words"] > 0 and learnt["check_after"] >= learnt["check_before"]
    expected = t("sentiment.adapted_words", "en", n=f"{learnt['texts']:,}", share=f"{learnt['positive_share']:.0%}",
                 words=f"{learnt['domain_words']:,}", before=f"{learnt['check_before']:.1%}",
                 after=f"{learnt['check_after']:.1%}")
    assert expected in [caption.value for caption in app_test.caption]
